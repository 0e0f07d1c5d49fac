"""Ingest on SQLite and PostgreSQL: identity, versions, one transaction per file, the import log."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from klynge import model
from klynge.index import sync
from klynge.pipeline import parse
from klynge.store import tables as t
from klynge.store.db import SessionFactory
from klynge.store.repo import finish_run, ingest_bytes, ingest_meeting, name_key, start_run

Build = Callable[..., tuple[bytes, model.Meeting]]  # the `sample` fixture (tests/conftest.py)

CONTENT_TABLES = [
    t.Meeting,
    t.MeetingVersion,
    t.Document,
    t.Item,
    t.Section,
    t.Attachment,
    t.Participation,
    t.Decision,
    t.Action,
    t.ForwardTopic,
    t.AnnouncedMeeting,
    t.Forum,
    t.Person,
    t.Organisation,
]


def count(factory: SessionFactory, table: type[t.Base]) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


def test_new_meeting_keeps_everything(store: SessionFactory, sample: Build) -> None:
    data, meeting = sample()
    out = ingest_meeting(store, data, "referat.txt", meeting)
    assert out.outcome == "new" and out.meeting_id is not None and out.version == 1
    with store() as s:
        m = s.get_one(t.Meeting, out.meeting_id)
        assert m.forum is not None and m.forum.name == "Klyngestyregruppen Nordklyngen"
        assert (m.date, m.start, m.end, m.chair) == (dt.date(2024, 3, 14), "09:00", "11:30", "Anne Madsen")
        assert m.published is True
        assert m.document is not None
        assert m.document.content == data  # the original bytes, byte-identical
        assert m.document.text == meeting.document.text
        assert m.document.format == "text" and m.document.size == len(data)
        loc = m.spans["location"]
        assert m.document.text[loc[0] : loc[1]] == "Mødelokale 2, Rådhuset" and loc[2] == 1
        assert [i.number for i in m.items] == ["1", "2", "3"]
        two = m.items[1]
        assert (two.presenter, two.case_number, two.time_start, two.time_end) == (
            "Peter Lund",
            "1-52-100-22-09",
            "09:05",
            "09:45",
        )
        assert [sec.kind for sec in two.sections] == ["case_text", "recommendation", "decision"]
        case = two.sections[0]
        assert case.span_start is not None and case.span_end is not None
        assert m.document.text[case.span_start : case.span_end] == case.text
        assert [a.name for a in two.attachments] == ["Evaluering af akutteam"]
        three = m.items[2]
        assert three.confidential and all(a.confidential for a in three.attachments)
        assert not two.confidential and not any(a.confidential for a in two.attachments)
        people = [
            (p.person.name, p.organisation.name if p.organisation else None, p.absent)
            for p in m.participations
        ]
        assert people == [
            ("Anne Madsen", "Østerby Kommune", False),
            ("Peter Lund", "Østerby Kommune", False),
            ("Sofie Holm", "Region Nord", True),
        ]
        assert [(d.kind, d.item_id) for d in m.decisions] == [
            ("approved", m.items[0].id),
            ("noted", two.id),
            ("approved", three.id),
        ]
        anne, region = m.actions
        assert (
            anne.owner_person is not None and anne.owner_person.name == "Anne Madsen"
        )  # first name resolved
        assert (anne.due_start, anne.due_end, anne.status) == (
            dt.date(2024, 6, 1),
            dt.date(2024, 6, 1),
            "open",
        )
        assert region.owner_person is None and region.owner_organisation is not None
        assert region.owner_organisation.name == "Region Nord"
        assert [f.text for f in m.forward_topics] == ["Demensstrategi"]
        assert [a.date for a in m.announced_meetings] == [dt.date(2024, 6, 20)]
        assert m.announced_meetings[0].forum_id == m.forum_id
        files = s.scalars(select(t.ImportFile)).all()
        assert [(f.outcome, f.meeting_id, f.filename) for f in files] == [("new", m.id, "referat.txt")]


def test_same_file_twice_is_one_meeting(store: SessionFactory, sample: Build) -> None:
    data, meeting = sample()
    first = ingest_meeting(store, data, "referat.txt", meeting)
    again = ingest_meeting(store, data, "kopi af referat.txt", meeting)
    assert again.outcome == "duplicate" and again.meeting_id == first.meeting_id
    assert count(store, t.Meeting) == 1 and count(store, t.Document) == 1 and count(store, t.Item) == 3
    with store() as s:
        assert [f.outcome for f in s.scalars(select(t.ImportFile).order_by(t.ImportFile.id))] == [
            "new",
            "duplicate",
        ]


def test_changed_file_becomes_new_version(store: SessionFactory, sample: Build) -> None:
    data1, meeting1 = sample(name="dagsorden.txt")
    data2, meeting2 = sample(name="referat.txt", extra="4. Eventuelt\n")
    first = ingest_meeting(store, data1, "dagsorden.txt", meeting1)
    second = ingest_meeting(store, data2, "referat.txt", meeting2)
    assert second.outcome == "new_version" and second.meeting_id == first.meeting_id and second.version == 2
    assert count(store, t.Meeting) == 1 and count(store, t.Document) == 2
    assert count(store, t.Item) == 4 and count(store, t.Participation) == 3 and count(store, t.Decision) == 3
    with store() as s:
        m = s.get_one(t.Meeting, first.meeting_id)
        assert m.version == 2 and m.document is not None and m.document.content == data2
        assert [(v.number, v.document.filename) for v in m.versions] == [
            (1, "dagsorden.txt"),
            (2, "referat.txt"),
        ]
        assert m.versions[0].document.content == data1  # the older version's file stays
        assert count(store, t.Person) == 3  # people seen before are reused, not duplicated


def test_same_forum_other_date_is_other_meeting(store: SessionFactory, sample: Build) -> None:
    data1, m1 = sample()
    data2, m2 = sample(date=dt.date(2024, 3, 15))
    assert ingest_meeting(store, data1, "a.txt", m1).outcome == "new"
    assert ingest_meeting(store, data2, "b.txt", m2).outcome == "new"
    assert count(store, t.Meeting) == 2 and count(store, t.Forum) == 1


def test_without_date_the_file_name_decides(store: SessionFactory, sample: Build) -> None:
    data1, m1 = sample(date=None)
    data2, m2 = sample(date=None, extra="4. Eventuelt\n")
    data3, m3 = sample(date=None, extra="4. Andet\n")
    a = ingest_meeting(store, data1, "møde.txt", m1)
    b = ingest_meeting(store, data2, "møde.txt", m2)
    c = ingest_meeting(store, data3, "andet møde.txt", m3)
    assert (a.outcome, b.outcome, c.outcome) == ("new", "new_version", "new")
    assert b.meeting_id == a.meeting_id != c.meeting_id


def test_unpublished(store: SessionFactory, sample: Build) -> None:
    data, meeting = sample()
    out = ingest_meeting(store, data, "referat.txt", meeting, published=False)
    with store() as s:
        assert s.get_one(t.Meeting, out.meeting_id).published is False


def _boom(session: Session, meeting_id: int) -> None:
    raise RuntimeError("indekset er i stykker")


def test_failure_after_rows_were_written_leaves_nothing(
    store: SessionFactory, sample: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, meeting = sample()
    monkeypatch.setattr(sync, "reindex_meeting", _boom)  # fails after every row was flushed
    out = ingest_meeting(store, data, "referat.txt", meeting)
    assert out.outcome == "failed" and out.meeting_id is None
    assert out.message == "referat.txt: uventet fejl: RuntimeError: indekset er i stykker"
    for table in CONTENT_TABLES:
        assert count(store, table) == 0, table.__tablename__
    with store() as s:
        (failed,) = s.scalars(select(t.ImportFile)).all()
        assert (failed.outcome, failed.filename, failed.meeting_id) == ("failed", "referat.txt", None)
        assert failed.message == out.message and failed.sha256 == out.sha256


def test_failed_new_version_keeps_the_old_one(
    store: SessionFactory, sample: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    data1, m1 = sample()
    data2, m2 = sample(extra="4. Eventuelt\n")
    first = ingest_meeting(store, data1, "referat.txt", m1)
    monkeypatch.setattr(sync, "reindex_meeting", _boom)
    assert ingest_meeting(store, data2, "referat.txt", m2).outcome == "failed"
    assert count(store, t.Item) == 3 and count(store, t.Document) == 1 and count(store, t.MeetingVersion) == 1
    with store() as s:
        m = s.get_one(t.Meeting, first.meeting_id)
        assert m.version == 1 and m.document is not None and m.document.content == data1


def test_bad_files_are_recorded_with_their_reason(store: SessionFactory) -> None:
    run = start_run(store, source="cli", by="test")
    empty = ingest_bytes(store, b"", "tom.pdf", run=run)
    noise = ingest_bytes(store, os.urandom(2048), "støj.docx", run=run)
    finish_run(store, run)
    assert empty.failed and noise.failed
    assert empty.message is not None and empty.message.startswith("tom.pdf: ")
    assert noise.message is not None and noise.message.startswith("støj.docx: ")
    assert count(store, t.Meeting) == 0 and count(store, t.Document) == 0
    with store() as s:
        r = s.get_one(t.ImportRun, run)
        assert r.finished_at is not None and r.source == "cli" and r.by == "test"
        assert [(f.filename, f.outcome) for f in r.files] == [("tom.pdf", "failed"), ("støj.docx", "failed")]


def test_action_status_survives_a_new_version(store: SessionFactory, sample: Build) -> None:
    data1, m1 = sample()
    data2, m2 = sample(extra="4. Eventuelt\n")
    first = ingest_meeting(store, data1, "referat.txt", m1)
    with store.begin() as s:
        action = s.scalars(select(t.Action).where(t.Action.owner == "Anne")).one()
        action.status = "done"
        action.events.append(t.ActionEvent(status="done", note="Møde holdt", by="sekretariatet"))
    ingest_meeting(store, data2, "referat.txt", m2)
    with store() as s:
        m = s.get_one(t.Meeting, first.meeting_id)
        anne = next(a for a in m.actions if a.owner == "Anne")
        assert anne.status == "done" and [(e.status, e.note) for e in anne.events] == [("done", "Møde holdt")]
        assert next(a for a in m.actions if a.owner == "Region Nord").status == "open"


def test_name_key() -> None:
    assert name_key("  Anne  MADSEN ") == name_key("anne madsen")
    assert name_key("Aase Ærø") == name_key("Åse ærø")
    assert name_key("Søren") != name_key("Soren")  # ø stays a letter
    assert name_key("Dr. Hansen") == "dr hansen"


def test_ingest_bytes_with_the_real_parser(store: SessionFactory, minutes_text: Callable[..., str]) -> None:
    data = minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14), secret="Lukket sag").encode()
    out = ingest_bytes(store, data, "referat.txt", published=False)
    assert out.outcome == "new", out.message
    assert ingest_bytes(store, data, "referat.txt").outcome == "duplicate"
    with store() as s:
        m = s.get_one(t.Meeting, out.meeting_id)
        parsed = parse(data, "referat.txt")  # the store keeps what the parser found, whatever it found
        assert m.published is False and (m.date, m.start) == (parsed.meeting.date, parsed.meeting.start)
        assert (m.forum.name if m.forum else None) == parsed.meeting.forum
        assert m.document is not None and m.document.content == data
        assert [i.number for i in m.items][:3] == ["1", "2", "3"]
        assert m.items[2].confidential and not m.items[1].confidential


def test_docx_original_is_kept_byte_identical(
    store: SessionFactory, minutes_text: Callable[..., str]
) -> None:
    import io

    import docx

    document = docx.Document()
    for line in minutes_text("Sydklyngen", dt.date(2024, 3, 15)).splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    out = ingest_bytes(store, data, "referat.docx")
    assert out.outcome == "new", out.message
    with store() as s:
        m = s.get_one(t.Meeting, out.meeting_id)
        assert m.document is not None and m.document.format == "docx" and m.document.content == data


def test_parallel_writers_share_forum_people_and_files(store: SessionFactory, sample: Build) -> None:
    from concurrent.futures import ThreadPoolExecutor

    same = sample(date=dt.date(2020, 1, 1))
    jobs = [sample(date=dt.date(2024, 1, day)) for day in range(1, 7)] + [same, same, same]
    with ThreadPoolExecutor(max_workers=4) as pool:
        outs = list(pool.map(lambda job: ingest_meeting(store, job[0], "referat.txt", job[1]), jobs))
    assert [o.message for o in outs if o.failed] == []
    assert sorted(o.outcome for o in outs[-3:]) == ["duplicate", "duplicate", "new"]
    assert count(store, t.Meeting) == 7 and count(store, t.Forum) == 1 and count(store, t.Person) == 3


def test_readers_keep_reading_while_a_writer_ingests(store: SessionFactory, sample: Build) -> None:
    """A reader never waits for the writer's transactions nor sees half a meeting (SQLite WAL, PostgreSQL MVCC)."""
    import threading
    import time

    from klynge.index.search import search
    from klynge.store.db import engine_of

    first = sample(date=dt.date(2023, 1, 2))
    assert not ingest_meeting(store, first[0], "referat-0.txt", first[1]).failed
    jobs = [sample(date=dt.date(2023, 2, day)) for day in range(1, 13)]
    stop = threading.Event()
    seen: list[tuple[int, int]] = []
    slowest = [0.0]
    errors: list[BaseException] = []

    def read() -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                with store() as s:  # one statement: one snapshot
                    row = s.execute(
                        select(
                            select(func.count()).select_from(t.Meeting).scalar_subquery(),
                            select(func.count()).select_from(t.Item).scalar_subquery(),
                        )
                    ).one()
                    meetings, items = int(row[0]), int(row[1])
                search(engine_of(store), "godkendt")
            except Exception as exc:  # the test's point: any reader error is a failure
                errors.append(exc)
                return
            slowest[0] = max(slowest[0], time.monotonic() - started)
            seen.append((meetings, items))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for day, (data, meeting) in enumerate(jobs, start=1):
            assert not ingest_meeting(store, data, f"referat-{day}.txt", meeting).failed
    finally:
        stop.set()
        reader.join(30)
    assert errors == [] and len(seen) > 5
    per_meeting = seen[0][1] // seen[0][0]
    assert all(items == meetings * per_meeting for meetings, items in seen)  # whole meetings only
    assert seen[-1][0] >= 1 and slowest[0] < 5.0


def test_nul_characters_are_stored_on_both_backends(store: SessionFactory, sample: Build) -> None:
    import dataclasses

    data, meeting = sample()
    odd = dataclasses.replace(
        meeting,
        document=dataclasses.replace(meeting.document, text=meeting.document.text + "\x00"),
        items=(
            dataclasses.replace(meeting.items[0], title="Godkendelse\x00af dagsorden"),
            *meeting.items[1:],
        ),
    )
    out = ingest_meeting(store, data, "referat.txt", odd)
    assert out.outcome == "new", out.message
    with store() as s:
        m = s.get_one(t.Meeting, out.meeting_id)
        assert m.items[0].title == "Godkendelse\ufffdaf dagsorden"
        assert m.document is not None and len(m.document.text) == len(odd.document.text)


def test_timestamps_are_utc_and_follow_new_versions(store: SessionFactory, sample: Build) -> None:
    data1, m1 = sample()
    data2, m2 = sample(extra="4. Eventuelt\n")
    before = dt.datetime.now(dt.UTC)
    first = ingest_meeting(store, data1, "referat.txt", m1)
    with store() as s:
        m = s.get_one(t.Meeting, first.meeting_id)
        created, updated = m.created_at, m.updated_at
        assert created.tzinfo is not None and created.utcoffset() == dt.timedelta(0)
        assert before - dt.timedelta(seconds=5) <= created <= dt.datetime.now(dt.UTC)
        since = s.scalars(
            select(t.Meeting.id).where(t.Meeting.updated_at >= before - dt.timedelta(seconds=5))
        )
        assert list(since) == [m.id]
    ingest_meeting(store, data2, "referat.txt", m2)
    with store() as s:
        m = s.get_one(t.Meeting, first.meeting_id)
        assert m.created_at == created and m.updated_at > updated


def agenda_of(data: bytes, meeting: model.Meeting) -> tuple[bytes, model.Meeting]:
    """The agenda before the minutes: no decisions, no Beslutning or Referat sections."""
    import dataclasses

    items = tuple(
        dataclasses.replace(
            it, sections=tuple(s for s in it.sections if s.kind != model.SectionKind.DECISION)
        )
        for it in meeting.items
    )
    return b"Dagsorden\n" + data, dataclasses.replace(meeting, items=items, decisions=())


@pytest.mark.parametrize("minutes_first", [False, True])
def test_an_agenda_never_replaces_its_minutes(
    store: SessionFactory, sample: Build, minutes_first: bool
) -> None:
    minutes = sample(name="referat.txt")
    agenda = agenda_of(*sample(name="dagsorden.txt"))
    order = [(minutes, "referat.txt"), (agenda, "dagsorden.txt")]
    if not minutes_first:
        order.reverse()
    first, second = (ingest_meeting(store, data, name, m) for (data, m), name in order)
    assert second.outcome == "new_version" and second.meeting_id == first.meeting_id and second.version == 2
    assert second.current is not minutes_first
    with store() as s:
        m = s.get_one(t.Meeting, first.meeting_id)
        assert m.document is not None and m.document.filename == "referat.txt"
        assert m.version == (1 if minutes_first else 2) and len(m.decisions) == 3
        assert sorted(v.number for v in m.versions) == [1, 2]


KILLED_WRITER = """
import datetime as dt, sys
sys.path.insert(0, {tests!r})
import conftest
from klynge.store.db import open_store
from klynge.store.repo import ingest_meeting
factory = open_store({url!r})
for day in range(80):
    when = dt.date(2020, 1, 1) + dt.timedelta(days=day)
    data, meeting = conftest.build(conftest._minutes_text, date=when, extra=f"4. Punkt {{day}}\\n")
    ingest_meeting(factory, data, f"m{{day}}.txt", meeting)
    if day == 5:
        print("i gang", flush=True)
"""


def test_killed_writer_leaves_a_consistent_store(store: SessionFactory, db_url: str) -> None:
    import signal
    import subprocess
    import sys
    from pathlib import Path

    tests = str(Path(__file__).resolve().parent.parent)
    script = KILLED_WRITER.format(tests=tests, url=db_url)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "i gang"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with store() as s:
        meetings = s.scalars(select(t.Meeting)).all()
        assert 6 <= len(meetings) < 80
        for m in meetings:  # every meeting whole: its version, its document, its items
            assert m.document is not None and len(m.versions) == 1 and len(m.items) == 4
        news = s.scalar(select(func.count()).select_from(t.ImportFile).where(t.ImportFile.outcome == "new"))
        assert news == len(meetings)
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert count(store, t.Meeting) == 80 and count(store, t.Document) == 80 and count(store, t.Item) == 320


def test_a_reimport_never_widens_visibility(store: SessionFactory, sample: Build) -> None:
    """Issue 22, finding 4: a corrected file ingested again (CLI, published by default) keeps a
    draft unpublished and keeps the item the editor closed closed; both are in the history."""
    from klynge.store import lifecycle

    data1, meeting1 = sample(name="referat.txt")
    first = ingest_meeting(store, data1, "referat.txt", meeting1, published=False, by="sekr")
    assert first.meeting_id is not None
    with store() as s:
        item = s.scalars(
            select(t.Item).where(t.Item.meeting_id == first.meeting_id, t.Item.number == "2")
        ).one()
        assert not item.confidential
    lifecycle.update_item(store, item.id, {"confidential": True}, by="sekr")
    data2, meeting2 = sample(name="referat-rettet.txt", extra="4. Eventuelt\n")
    again = ingest_meeting(store, data2, "referat-rettet.txt", meeting2, by="cli-bruger")
    assert again.outcome == "new_version" and again.meeting_id == first.meeting_id
    with store() as s:
        m = s.get_one(t.Meeting, first.meeting_id)
        assert (m.published, m.status) == (False, "minutes_draft")
        assert [(i.number, i.confidential) for i in m.items] == [
            ("1", False),
            ("2", True),
            ("3", True),
            ("4", False),
        ]
        assert all(a.confidential for i in m.items if i.number == "2" for a in i.attachments)
        audit = s.scalars(
            select(t.Audit).where(t.Audit.action == "meeting.import").order_by(t.Audit.id)
        ).all()
        assert [(a.actor, a.detail["outcome"], a.detail["file"]) for a in audit] == [
            ("sekr", "new", "referat.txt"),
            ("cli-bruger", "new_version", "referat-rettet.txt"),
        ]
    imports = [r for r in lifecycle.history(store, first.meeting_id) if r.change == "import"]
    assert [
        (r.by, r.before and r.before["closed_items"], r.after and r.after["closed_items"]) for r in imports
    ] == [
        ("sekr", None, ["3"]),
        ("cli-bruger", ["2", "3"], ["2", "3"]),
    ]


def test_rights_are_checked_before_anything_is_stored(store: SessionFactory, sample: Build) -> None:
    """`permit` refuses a file of a forum the caller may not write: nothing of it is stored."""
    data1, meeting1 = sample(name="referat.txt")
    first = ingest_meeting(store, data1, "referat.txt", meeting1, published=False)
    assert first.meeting_id is not None
    before = [count(store, table) for table in CONTENT_TABLES]
    data2, meeting2 = sample(name="rettet.txt", extra="4. Eventuelt\n")
    refused = ingest_meeting(store, data2, "rettet.txt", meeting2, by="sekr", permit=lambda forum: False)
    assert refused.failed and refused.refused and refused.message
    assert "du må ikke indlæse møder for «Klyngestyregruppen Nordklyngen»" in refused.message
    assert [count(store, table) for table in CONTENT_TABLES] == before
    data3, meeting3 = sample(name="ny.txt", forum="Ny klynge")
    new_forum = ingest_meeting(store, data3, "ny.txt", meeting3, permit=lambda forum: forum is not None)
    assert new_forum.refused and "findes ikke i arkivet" in (new_forum.message or "")
    assert [count(store, table) for table in CONTENT_TABLES] == before
    allowed = ingest_meeting(store, data2, "rettet.txt", meeting2, permit=lambda forum: forum is not None)
    assert allowed.outcome == "new_version"
