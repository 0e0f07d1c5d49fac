"""Corrections that stick (issue 16): a new version of the file and `reparse` keep every correction
that still applies, and report, never drop, the ones that do not."""

from __future__ import annotations

from sqlalchemy import select

from klynge.store import lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory
from klynge.store.reparse import reparse_meeting
from klynge.store.repo import ingest_bytes
from klynge.store.review import review_reasons

FORUM = "Klyngestyregruppen Nordklyngen"
MINUTES = """# Referat

Dato: 14. marts 2024

Sted: Mødelokale 2

## 1. Godkendelse af dagsorden

Beslutning

Dagsordenen blev godkendt.

## 2. Status på genoptræning

Sagsfremstilling

Kommunerne har set flere forløb i år.

Budget for 2025

Forvaltningen fremlægger budgettet.

Styregruppen godkendte budgettet.

## 3. Eventuelt

Intet.
"""
"""Minutes read with two faults a secretariat fixes: no forum, and item 2 holds a missed item."""


def _state(store: SessionFactory, mid: int) -> tuple[object, list[tuple[str, str, dict[str, str]]]]:
    with store() as s:
        m = s.get(t.Meeting, mid)
        assert m is not None
        items = s.scalars(select(t.Item).where(t.Item.meeting_id == mid).order_by(t.Item.position)).all()
        return (
            (m.forum.name if m.forum else None, m.version),
            [(i.number, i.title, {x.kind: x.text for x in i.sections}) for i in items],
        )


def _correct(store: SessionFactory, mid: int) -> None:
    with store() as s:
        second = s.scalar(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "2"))
    assert second is not None
    lifecycle.update_meeting(store, mid, {"forum": FORUM}, by="sekr")
    new = lifecycle.split_item(store, second, "case_text", 1, by="sekr")
    lifecycle.move_paragraph(store, new, "case_text", 1, "decision", by="sekr")


def test_a_new_version_and_reparse_keep_the_corrections(store: SessionFactory) -> None:
    first = ingest_bytes(store, MINUTES.encode(), "referat.md", published=False)
    assert first.meeting_id is not None
    mid = first.meeting_id
    assert _state(store, mid)[0] != (FORUM, 1)  # read wrongly
    _correct(store, mid)
    corrected = _state(store, mid)
    assert corrected[0] == (FORUM, 1)
    assert [(n, title) for n, title, _ in corrected[1]] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Status på genoptræning"),
        ("3", "Budget for 2025"),
        ("4", "Eventuelt"),
    ]
    assert corrected[1][2][2] == {
        "case_text": "Forvaltningen fremlægger budgettet.",
        "decision": "Styregruppen godkendte budgettet.",
    }

    again = reparse_meeting(store, mid)
    assert (again.applied, again.stale, again.failed) == (3, (), None)
    assert _state(store, mid) == corrected

    newer = ingest_bytes(
        store, (MINUTES + "\nMødet sluttede kl. 16.\n").encode(), "referat.md", published=False
    )
    assert (newer.outcome, newer.meeting_id) == ("new_version", mid)
    version_two = _state(store, mid)
    assert version_two[0] == (FORUM, 2) and version_two[1][:3] == corrected[1][:3]
    with store() as s:
        assert s.scalar(select(t.Meeting.id).where(t.Meeting.id != mid)) is None  # no second meeting
        decision = s.scalars(select(t.Decision).where(t.Decision.meeting_id == mid)).all()
        assert ("3", "Styregruppen godkendte budgettet.") in [(d.item_number, d.text) for d in decision]


def test_a_correction_that_no_longer_applies_is_reported_and_kept(store: SessionFactory) -> None:
    mid = ingest_bytes(store, MINUTES.encode(), "referat.md", published=False).meeting_id
    assert mid is not None
    _correct(store, mid)
    changed = MINUTES.replace("Budget for 2025", "Økonomi 2025").replace("Forvaltningen fremlægger", "Vi ser")
    newer = ingest_bytes(store, changed.encode(), "referat.md", published=False)
    assert newer.meeting_id == mid
    assert any("Rettelse passer ikke længere" in r for r in newer.review), newer.review
    with store() as s:
        m = s.get(t.Meeting, mid)
        assert m is not None and m.forum is not None and m.forum.name == FORUM  # the forum fix still holds
        reasons = review_reasons(m.warnings)
        assert any("delt ved «Budget for 2025»" in r for r in reasons), reasons
        rows = s.scalars(select(t.Correction).where(t.Correction.meeting_id == mid)).all()
        assert len(rows) == 3 and [r.stale for r in rows] == [False, True, True]
    back = reparse_meeting(store, mid)  # the stored original is now the changed file: still stale
    assert len(back.stale) == 2 and back.review


PEOPLE = """# Referat

Klyngestyregruppen Nordklyngen

Dato: 3. marts 2024

Deltagere: Anne Holm, Peter Lund og Mødelokale Syd

## 1. Status

Sekretariatet udsender materialet inden næste møde.

## 2. Eventuelt

Intet.
"""
"""Minutes whose participant list holds a room as a person, and a follow-up to be corrected."""


def test_participant_and_action_corrections_stick(store: SessionFactory) -> None:
    mid = ingest_bytes(store, PEOPLE.encode(), "referat.md", published=False).meeting_id
    assert mid is not None
    with store() as s:
        people = {
            p.person.name: p.id
            for p in s.scalars(select(t.Participation).where(t.Participation.meeting_id == mid))
        }
        actions = s.scalars(select(t.Action).where(t.Action.meeting_id == mid)).all()
        item = s.scalar(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "2"))
    assert {"Anne Holm", "Peter Lund"} <= set(people) and len(actions) == 1 and item is not None
    if "Mødelokale Syd" in people:
        lifecycle.remove_participant(store, people["Mødelokale Syd"], by="sekr")
    lifecycle.set_attendance(store, people["Peter Lund"], absent=True, guest=False, by="sekr")
    lifecycle.add_participant(store, mid, "Sofie Berg", organisation="Region Nord", by="sekr")
    lifecycle.update_action(
        store, actions[0].id, "Sekretariatet", "udsender materialet", "2024-04-01", by="sekr"
    )
    lifecycle.add_action(store, item, "Anne Holm", "indkalder til temamøde", "primo maj", by="sekr")

    def state() -> tuple[dict[str, bool], list[tuple[str, str, str | None, str | None]]]:
        with store() as s:
            ps = s.scalars(select(t.Participation).where(t.Participation.meeting_id == mid)).all()
            acts = s.scalars(
                select(t.Action).where(t.Action.meeting_id == mid).order_by(t.Action.position)
            ).all()
            return (
                {p.person.name: p.absent for p in ps},
                [(a.owner, a.task, a.due_phrase, a.item_number) for a in acts],
            )

    corrected = state()
    assert corrected[0] == {"Anne Holm": False, "Peter Lund": True, "Sofie Berg": False}
    assert corrected[1] == [
        ("Sekretariatet", "udsender materialet", "2024-04-01", "1"),
        ("Anne Holm", "indkalder til temamøde", "primo maj", "2"),
    ]
    again = reparse_meeting(store, mid)
    assert again.stale == () and again.failed is None
    assert state() == corrected
    with store() as s:
        first = s.scalars(
            select(t.Action).where(t.Action.meeting_id == mid).order_by(t.Action.position)
        ).first()
    assert first is not None
    lifecycle.delete_action(store, first.id, by="sekr")
    reparse_meeting(store, mid)
    assert [a[1] for a in state()[1]] == ["indkalder til temamøde"]
