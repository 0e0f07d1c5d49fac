"""The quality verdict (issue 16): doubtful parses are named, good ones are left alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from klynge.interchange import to_interchange
from klynge.model import Meeting, Section, SectionKind
from klynge.pipeline import parse
from klynge.quality import assess, longest_numbered_run

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DEMO = Path(__file__).resolve().parents[1] / "klynge" / "demo" / "files"

TABLE_LAYOUT = """<html><body>
<table><tr><td>Kl. 15.45</td><td>Mødelokale 2</td></tr></table>
<h1>Referat</h1>
<table>
<tr><td>1.</td><td><h3>Godkendelse af dagsorden</h3></td></tr>
<tr><td></td><td><h4>Beslutning</h4><p>Dagsordenen blev godkendt.</p></td></tr>
<tr><td>2.</td><td><h3>Orientering om økonomi</h3></td></tr>
<tr><td></td><td><h4>Beslutning</h4><p>Taget til efterretning.</p></td></tr>
<tr><td>3.</td><td><h3>Plan for genoptræning</h3></td></tr>
<tr><td></td><td><h4>Beslutning</h4><p>Godkendt.</p></td></tr>
</table></body></html>"""
"""Items in table cells under captions: the layout a publication portal gives (issue 15)."""


@pytest.fixture
def good(minutes_text: Callable[..., str]) -> Meeting:
    text = minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14), extra="4. Eventuelt\n")
    return parse(text.encode("utf-8"), "referat.txt")


def test_a_good_parse_is_trusted(good: Meeting) -> None:
    verdict = assess(good)
    assert verdict.confidence == 1.0 and not verdict.needs_review and verdict.reasons == ()
    assert good.quality == verdict  # the pipeline sets it


@pytest.mark.parametrize(
    ("forum", "says"),
    [
        ("Kl. 15.45", "klokkeslæt"),
        ("14:00-16:00", "klokkeslæt"),
        ("| Udvalgsværelse 398", "tegnsætning"),
        ("12. marts 2024", "dato"),
        ("Torsdag den 14.03.2024", "dato"),
    ],
)
def test_a_forum_that_is_no_forum_needs_review(good: Meeting, forum: str, says: str) -> None:
    bad = dataclasses.replace(good, meeting=dataclasses.replace(good.meeting, forum=forum))
    verdict = assess(bad)
    assert verdict.needs_review and verdict.confidence < 0.6
    assert any(says in reason and forum[:10] in reason for reason in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    "forum",
    ["Rådhusvej 2, 8000 Aarhus C", "Mødet blev holdt i det store lokale på rådhuset i år.", "Og referat"],
)
def test_an_address_or_sentence_as_forum_lowers_confidence(good: Meeting, forum: str) -> None:
    bad = dataclasses.replace(good, meeting=dataclasses.replace(good.meeting, forum=forum))
    verdict = assess(bad)
    assert verdict.confidence == 0.6 and len(verdict.reasons) == 1


def test_a_missing_date_alone_is_noted_not_flagged(good: Meeting) -> None:
    verdict = assess(dataclasses.replace(good, meeting=dataclasses.replace(good.meeting, date=None)))
    assert verdict.reasons == ("Mødets dato blev ikke fundet",)
    assert not verdict.needs_review


def test_items_missed_against_numbered_lines(good: Meeting) -> None:
    assert len(good.items) == 4
    one = dataclasses.replace(good, items=good.items[:1])
    verdict = assess(one)
    assert verdict.needs_review
    assert any("4 nummererede overskrifter" in r and "kun 1 punkter" in r for r in verdict.reasons)
    none = assess(dataclasses.replace(good, items=()))
    assert none.needs_review and "Ingen dagsordenspunkter fundet" in none.reasons


def test_minutes_without_outcomes_and_duplicate_numbers(good: Meeting) -> None:
    outcome = (SectionKind.DECISION, SectionKind.MINUTES)
    bare = tuple(
        dataclasses.replace(
            it,
            number="1",
            sections=tuple(s for s in it.sections if s.kind not in outcome)
            or (Section(SectionKind.CASE_TEXT, "Sagsfremstilling", "Tekst."),),
        )
        for it in good.items
    )
    verdict = assess(dataclasses.replace(good, items=bare, decisions=()))
    assert any(r.startswith("Et referat, men kun 0 af 4 punkter") for r in verdict.reasons), verdict.reasons
    assert "Punktnumre går igen: 1" in verdict.reasons
    assert verdict.needs_review  # two serious findings


def test_a_table_layout_read_badly_is_flagged() -> None:
    meeting = parse(TABLE_LAYOUT.encode("utf-8"), "referat.html")
    verdict = meeting.quality
    assert verdict is not None and verdict.needs_review  # no forum, no date: who met, and when?
    assert "Forum blev ikke fundet" in verdict.reasons


def test_longest_run_of_numbered_lines() -> None:
    lines = ["1. Godkendelse", "tekst", "Pkt. 2 Orientering", "1. En liste", "3. Eventuelt", "5. Andet"]
    assert longest_numbered_run(lines) == 3
    assert longest_numbered_run(["715. Budget", "716. Økonomi", "Ad 717. Eventuelt"]) == 3
    assert longest_numbered_run(["åbent 1 Budget", "Lukket 2 Personalesag", " 3  Eventuelt"]) == 3
    assert longest_numbered_run(["1. sætning med lille", "2. og igen"]) == 0


def test_the_interchange_json_carries_the_verdict(good: Meeting) -> None:
    out = json.loads(json.dumps(to_interchange(good)))
    assert out["quality"] == {"confidence": 1.0, "needs_review": False, "reasons": []}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + sorted(DEMO.iterdir()), ids=lambda p: p.name)
def test_documents_read_well_are_not_flagged(path: Path) -> None:
    meeting = parse(path.read_bytes(), path.name)
    assert meeting.quality is not None and not meeting.quality.needs_review, meeting.quality


def test_text_that_lost_its_line_breaks_and_prose_long_titles(good: Meeting) -> None:
    page = "Sagen forelægges udvalget til drøftelse af de mange emner i planen for året. " * 30
    flat = dataclasses.replace(good, document=dataclasses.replace(good.document, text=page))
    long_title = dataclasses.replace(good.items[0], title=page[:200])
    verdict = assess(dataclasses.replace(flat, items=(long_title, *good.items[1:2])))
    assert "Teksten har mistet sine linjeskift (hele sider på én linje)" in verdict.reasons
    assert any("lange som brødtekst" in r for r in verdict.reasons)
    assert verdict.needs_review
