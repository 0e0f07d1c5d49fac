"""The demo content is complete: no empty sections, no unfilled placeholders, the genre's shape."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import pytest

from klynge.demo.content import YEARS, DemoMeeting, meetings
from klynge.demo.fora import FORA

MEETINGS = meetings()
SECTIONS = ("recommendation", "case_text", "minutes", "decision")


def test_every_forum_has_three_or_four_meetings_a_year() -> None:
    per = Counter((m.forum.slug, m.date.year) for m in MEETINGS)
    assert {year for _, year in per} == set(YEARS)
    assert {slug for slug, _ in per} == {f.slug for f in FORA}
    assert set(per.values()) <= {3, 4}
    assert 30 <= len(MEETINGS) <= 40


def test_file_names_are_unique_and_formats_mixed() -> None:
    names = [m.filename for m in MEETINGS]
    assert len(set(names)) == len(names)
    formats = Counter(m.format for m in MEETINGS)
    assert set(formats) == {"pdf", "docx", "md", "html"}
    assert min(formats.values()) >= 4


@pytest.mark.parametrize("demo", MEETINGS, ids=lambda m: m.filename)
def test_items_are_complete(demo: DemoMeeting) -> None:
    items = demo.data["items"]
    top = [it["number"] for it in items if "." not in it["number"]]
    assert 5 <= len(top) <= 10
    assert top == [str(n) for n in range(1, len(top) + 1)]
    for it in items:
        if "." in it["number"]:
            assert it["number"].split(".")[0] in top and it["time"] is None
    for it in items:
        assert it["title"].strip() and "{" not in it["title"]
        texts = [it[key] for key in SECTIONS if it[key] is not None]
        assert texts, f"punkt {it['number']} har ingen sektioner"
        for text in texts:
            assert text.strip(), f"tom sektion i punkt {it['number']}"
            assert not re.search(r"\{\w+\}", text), text
        if demo.kind == "agenda":
            assert it["minutes"] is None and it["decision"] is None
        assert it["time"] is None or re.fullmatch(r"\d\d:\d\d-\d\d:\d\d", it["time"])
    if demo.kind == "minutes":
        assert all(it["minutes"] for it in items)
        assert sum(1 for it in items if it["decision"]) >= len(top) - 1


@pytest.mark.parametrize("demo", MEETINGS, ids=lambda m: m.filename)
def test_people_and_actions_fit_the_meeting(demo: DemoMeeting) -> None:
    people = demo.data["participants"]
    present = {p["name"] for p in people if not p["absent"]}
    assert any(p["absent"] for p in people), "ingen afbud"
    assert demo.data["meeting"]["chair"] in present
    by_number = {it["number"]: it for it in demo.data["items"]}
    for action in demo.data["actions"]:
        assert action["owner"] in present or action["owner"] == demo.forum.secretariat
        assert action["owner"] in by_number[action["item"]]["minutes"]
    if demo.kind == "minutes":
        assert demo.data["actions"], "et referat uden opfølgning"


def test_forward_agenda_and_closed_items_exist() -> None:
    titles = Counter(it["title"] for m in MEETINGS for it in m.data["items"])
    assert titles["Punkter til kommende møder"] == len(MEETINGS)
    assert titles["Skriftlige orienteringer"] >= 10
    assert sum(1 for m in MEETINGS for it in m.data["items"] if "." in it["number"]) >= 20
    closed = [it for m in MEETINGS for it in m.data["items"] if it.get("confidential")]
    assert 1 <= len(closed) <= 3
    dated = [a for m in MEETINGS for a in m.data["actions"] if a["due"]]
    assert dated and all(re.fullmatch(r"\d{4}-\d\d-\d\d", a["due"]) for a in dated)


def test_forward_agenda_names_the_next_meetings_topics() -> None:
    for this, following in pairwise(MEETINGS):
        if this.forum is not following.forum:
            continue
        forward = next(it for it in this.data["items"] if it["title"] == "Punkter til kommende møder")
        announced = [line[2:] for line in forward["case_text"].splitlines() if line.startswith("- ")]
        titles = [it["title"] for it in following.data["items"]]
        assert announced and all(a in titles for a in announced), (this.filename, announced)
