"""`klynge decisions`, `klynge actions` and `klynge calendar` over a store with known follow-ups."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from klynge import model
from klynge.store.db import engine_of, open_store
from klynge.store.repo import ingest_meeting

KLYNGE = [sys.executable, "-m", "klynge.cli"]


def _meeting() -> model.Meeting:
    doc = model.Document("referat.txt", "text", "x", ())
    info = model.MeetingInfo(
        forum="Klyngestyregruppen Østklyngen",
        date=dt.date(2024, 3, 14),
        start="09:00",
        end="11:00",
        location="Rådhuset",
    )
    items = (
        model.Item("1", "Godkendelse af dagsorden"),
        model.Item(
            "2", "Akutteam", sections=(model.Section(model.SectionKind.DECISION, "Beslutning", "Godkendt."),)
        ),
    )
    decisions = (
        model.Decision("1", "Dagsordenen blev godkendt.", model.DecisionKind.APPROVED),
        model.Decision("2", "Orienteringen blev taget til efterretning.", model.DecisionKind.NOTED),
    )
    actions = (
        model.Action(
            "Anne Madsen",
            "indkalder til møde om patientkørsel",
            "2",
            model.DueDate("senest den 1. juni 2024", dt.date(2024, 6, 1), dt.date(2024, 6, 1)),
        ),
        model.Action(
            "Sekretariatet",
            "udsender referatet",
            "1",
            model.DueDate("primo 2020", dt.date(2020, 1, 1), dt.date(2020, 1, 10)),
        ),
        model.Action("Region Øst", "undersøger muligheder", "2"),
    )
    participants = (model.Participant("Anne Madsen", "Østby Kommune", "sundhedschef"),)
    return model.Meeting(doc, info, participants, items, decisions, actions)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    factory = open_store(url)
    meeting = _meeting()
    assert ingest_meeting(factory, b"referat", "referat.txt", meeting).outcome == "new"
    other = dataclasses.replace(
        meeting,
        meeting=dataclasses.replace(meeting.meeting, forum="Sundhedsudvalget", date=dt.date(2019, 5, 1)),
    )
    assert ingest_meeting(factory, b"andet referat", "andet.txt", other).outcome == "new"
    engine_of(factory).dispose()
    return url


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KLYNGE, *args, "--db", db], capture_output=True, text=True, timeout=60)


def test_decisions_filtered_by_forum_and_date(db: str) -> None:
    out = json.loads(run(db, "decisions", "--json", "--from", "2024-01-01").stdout)
    assert out["total"] == 2
    assert {d["kind"] for d in out["decisions"]} == {"approved", "noted"}
    assert all(d["forum"] == "Klyngestyregruppen Østklyngen" for d in out["decisions"])
    out = json.loads(run(db, "decisions", "--json", "--forum", "Sundhedsudvalget").stdout)
    assert out["total"] == 2 and all(d["date"] == "2019-05-01" for d in out["decisions"])


def test_actions_open_by_owner_then_done_with_history(db: str) -> None:
    out = json.loads(run(db, "actions", "--open", "--owner", "Anne Madsen", "--json").stdout)
    assert out["total"] == 2  # one per meeting
    target = out["actions"][0]["id"]
    res = run(db, "actions", "done", str(target), "--note", "Møde holdt 12/1", "--by", "sekretariatet")
    assert res.returncode == 0, res.stderr
    done = json.loads(run(db, "actions", "--done", "--json").stdout)
    assert [a["id"] for a in done["actions"]] == [target]
    still_open = json.loads(run(db, "actions", "--open", "--owner", "Anne Madsen", "--json").stdout)
    assert still_open["total"] == 1
    factory = open_store(db)
    from klynge.store.tables import ActionEvent

    with factory() as s:
        events = s.query(ActionEvent).filter_by(action_id=target).all()
        assert [(e.status, e.note, e.by) for e in events] == [("done", "Møde holdt 12/1", "sekretariatet")]
    engine_of(factory).dispose()


def test_overdue_is_open_past_its_due_date(db: str) -> None:
    out = json.loads(run(db, "actions", "--overdue", "--json").stdout)
    assert {a["owner"] for a in out["actions"]} >= {"Sekretariatet"}
    assert all(a["status"] == "overdue" for a in out["actions"])


def test_unknown_action_is_a_clear_error(db: str) -> None:
    res = run(db, "actions", "done", "424242")
    assert res.returncode == 1
    assert "handling 424242 findes ikke" in res.stderr and "Traceback" not in res.stderr


def test_calendar_parses_and_narrows(db: str) -> None:
    res = subprocess.run([*KLYNGE, "calendar", "--db", db], capture_output=True, timeout=60)
    cal = icalendar.Calendar.from_ical(res.stdout)
    events = cal.walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert sum(s.startswith("Møde i") for s in summaries) == 2
    assert any("Anne Madsen" in s and s.startswith("Frist") for s in summaries)
    timed = [e for e in events if str(e["UID"]).startswith("meeting-") and e.decoded("DTSTART").year == 2024]
    assert timed[0].decoded("DTSTART") == dt.datetime(2024, 3, 14, 9, 0)
    res = subprocess.run(
        [*KLYNGE, "calendar", "--forum", "Sundhedsudvalget", "--db", db], capture_output=True, timeout=60
    )
    narrowed = icalendar.Calendar.from_ical(res.stdout).walk("VEVENT")
    assert all("Østklyngen" not in str(e.get("CATEGORIES", "")) for e in narrowed)
    assert len(narrowed) < len(events)


def test_public_calendar_masks_personal_data_before_folding(tmp_path: Path) -> None:
    """`klynge calendar --public` has no web middleware: the entries are masked before the file is
    built (and folded); the operator's own calendar keeps the text as written (issue 22)."""
    url = f"sqlite:///{tmp_path / 'k.db'}"
    factory = open_store(url)
    meeting = _meeting()
    task = "ringer til vagten på tlf. 21.34.56.78 eller skriver til anne.madsen@nordby.dk, CPR 010203 1234"
    meeting = dataclasses.replace(
        meeting,
        meeting=dataclasses.replace(meeting.meeting, location="Rådhuset, tlf. 21-34-5678"),
        actions=(dataclasses.replace(meeting.actions[0], task=task),),
    )
    assert ingest_meeting(factory, b"referat", "referat.txt", meeting).outcome == "new"
    engine_of(factory).dispose()
    public = subprocess.run([*KLYNGE, "calendar", "--public", "--db", url], capture_output=True, timeout=60)
    text = public.stdout.decode().replace("\r\n ", "")
    for number in ("21.34.56.78", "anne.madsen@nordby.dk", "010203 1234", "21-34-5678"):
        assert number not in text
    assert "[telefon]" in text and "[e-mail]" in text and "[cpr]" in text
    own = subprocess.run([*KLYNGE, "calendar", "--db", url], capture_output=True, timeout=60)
    assert "21.34.56.78" in own.stdout.decode().replace("\r\n ", "")
