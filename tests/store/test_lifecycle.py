"""Writing meetings: lifecycle, publishing with frozen copies, history of every change, time slots."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from builders import written_meeting as written
from sqlalchemy import select

from klynge.errors import Conflict, InputError, NotFound
from klynge.index.search import search
from klynge.interchange import from_interchange
from klynge.store import lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory, engine_of


def create(store: SessionFactory, data: dict[str, Any] | None = None, **kw: Any) -> int:
    meeting = lifecycle.prepared(from_interchange(data or written()), keep_actions=False)
    return lifecycle.create_meeting(store, meeting, by="sekretær", **kw)


def test_new_meeting_is_unpublished_draft_and_hidden_from_public_search(store: SessionFactory) -> None:
    mid = create(store)
    with store() as s:
        m = s.get(t.Meeting, mid)
        assert m is not None
        assert (m.status, m.published) == ("draft_agenda", False)
        assert [i.number for i in m.items] == ["1", "2", "3"]
    engine = engine_of(store)
    assert search(engine, "genindlæggelse").total == 0
    assert search(engine, "genindlæggelse", include_unpublished=True).total >= 1


def test_publish_freezes_a_copy_and_edits_need_reopen(store: SessionFactory) -> None:
    mid = create(store)
    lifecycle.set_status(store, mid, "agenda_sent", by="sekretær")
    assert lifecycle.publish(store, mid, by="sekretær") == 1
    engine = engine_of(store)
    assert search(engine, "genindlæggelse").total >= 1
    assert search(engine, "blåbærkage").total == 0  # closed item stays hidden after publishing
    with store() as s:
        item_id = s.scalars(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "2")).one()
    with pytest.raises(Conflict):
        lifecycle.update_item(store, item_id, {"title": "Ny titel"}, by="sekretær")
    with pytest.raises(Conflict):
        lifecycle.publish(store, mid)
    lifecycle.reopen(store, mid, by="sekretær")
    assert search(engine, "genindlæggelse").total == 0  # hidden while being corrected
    lifecycle.update_item(store, item_id, {"title": "Genindlæggelser: ny handleplan"}, by="formand")
    assert lifecycle.publish(store, mid, by="sekretær") == 2
    pubs = lifecycle.publications(store, mid)
    assert [p.number for p in pubs] == [1, 2]
    titles = [[i["title"] for i in p.snapshot["items"]] for p in pubs]
    assert titles[0][1].startswith("Opfølgning på genindlæggelser")  # the old version stays readable
    assert titles[1][1] == "Genindlæggelser: ny handleplan"
    changes = [(r.entity, r.change, r.by) for r in lifecycle.history(store, mid)]
    assert changes == [
        ("meeting", "create", "sekretær"),
        ("meeting", "status", "sekretær"),
        ("meeting", "publish", "sekretær"),
        ("meeting", "status", "sekretær"),
        ("item", "update", "formand"),
        ("meeting", "publish", "sekretær"),
    ]
    update = lifecycle.history(store, mid)[4]
    assert update.before is not None and update.after is not None
    assert update.before["title"].startswith("Opfølgning") and update.after["title"].startswith(
        "Genindlæggelser"
    )
    with store() as s:
        audited = s.scalars(select(t.Audit.action).where(t.Audit.target == f"møde {mid}")).all()
    assert "item.update" in audited and audited.count("meeting.publish") == 2


def test_reorder_follows_numbers_and_time_slots(store: SessionFactory) -> None:
    mid = create(store)
    with store() as s:
        ids = {i.number: i.id for i in s.scalars(select(t.Item).where(t.Item.meeting_id == mid))}
    lifecycle.move_item(store, ids["3"], -2, by="sekretær")
    with store() as s:
        items = s.scalars(select(t.Item).where(t.Item.meeting_id == mid).order_by(t.Item.position)).all()
        got = [(i.number, i.title, i.time_start, i.time_end) for i in items]
    assert got == [
        ("1", "Personalesag", "09:00", "09:20"),
        ("2", "Godkendelse af dagsorden", "09:20", "09:30"),
        ("3", "Opfølgning på genindlæggelser af ældre medicinske patienter", "09:30", "10:00"),
    ]
    new_id = lifecycle.add_item(store, mid, {"title": "Eventuelt", "minutes": 15}, by="sekretær")
    lifecycle.delete_item(store, ids["1"], by="sekretær")
    with store() as s:
        items = s.scalars(select(t.Item).where(t.Item.meeting_id == mid).order_by(t.Item.position)).all()
        got = [(i.id, i.number, i.time_start, i.time_end) for i in items]
    assert got == [
        (ids["3"], "1", "09:00", "09:20"),
        (ids["2"], "2", "09:20", "09:50"),
        (new_id, "3", "09:50", "10:05"),
    ]


def test_minutes_decisions_and_actions(store: SessionFactory) -> None:
    mid = create(store)
    with store() as s:
        item_id = s.scalars(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "2")).one()
        part_id = s.scalars(select(t.Participation.id).where(t.Participation.meeting_id == mid)).first()
    lifecycle.update_item(
        store,
        item_id,
        {
            "sections": {
                "minutes": "Anders Holm gennemgik tallene.",
                "decision": "Styregruppen godkendte planen.",
            }
        },
        by="sekretær",
    )
    decision_id = lifecycle.add_decision(
        store, item_id, "Sagen genoptages i juni.", "postponed", by="sekretær"
    )
    action_id = lifecycle.add_action(store, item_id, "Anders Holm", "udarbejde en handleplan", "ultimo april")
    assert part_id is not None
    lifecycle.set_attendance(store, part_id, absent=True, guest=False, by="sekretær")
    with store() as s:
        m = s.get(t.Meeting, mid)
        assert m is not None
        assert [(d.kind, d.text) for d in m.decisions] == [
            ("approved", "Styregruppen godkendte planen."),
            ("postponed", "Sagen genoptages i juni."),
        ]
        assert decision_id == m.decisions[1].id
        action = s.get(t.Action, action_id)
        assert action is not None and action.owner_person is not None
        assert (action.due_start, action.due_end) == (dt.date(2027, 4, 21), dt.date(2027, 4, 30))
        assert m.participations[0].absent is True
    assert search(engine_of(store), "handleplan", include_unpublished=True).total >= 1


def test_bad_input_changes_nothing(store: SessionFactory) -> None:
    mid = create(store)
    with store() as s:
        item_id = s.scalars(select(t.Item.id).where(t.Item.meeting_id == mid)).first()
    assert item_id is not None
    before = len(lifecycle.history(store, mid))
    for call in (
        lambda: lifecycle.update_item(store, item_id, {"time_start": "25:99"}),
        lambda: lifecycle.update_item(store, item_id, {"title": "  "}),
        lambda: lifecycle.update_item(store, item_id, {"sections": {"bogus": "x"}}),
        lambda: lifecycle.update_meeting(store, mid, {"date": "18/3"}),
        lambda: lifecycle.add_decision(store, item_id, "Godkendt.", "maybe"),
        lambda: lifecycle.add_item(store, mid, {"title": "Dublet", "number": "2"}),
        lambda: lifecycle.set_status(store, mid, "done"),
    ):
        with pytest.raises(InputError):
            call()
    with pytest.raises(NotFound):
        lifecycle.publish(store, 9999)
    assert len(lifecycle.history(store, mid)) == before
    with pytest.raises(InputError):
        create(store, {"meeting": {"date": "2027-01-01"}, "items": []})


def test_delete_only_never_published(store: SessionFactory) -> None:
    mid = create(store)
    lifecycle.publish(store, mid)
    with pytest.raises(Conflict):
        lifecycle.delete_meeting(store, mid)
    other = create(store, written(meeting={"forum": "Styregruppen for Nordklyngen", "date": "2027-05-01"}))
    lifecycle.delete_meeting(store, other, by="sekretær")
    with store() as s:
        assert s.get(t.Meeting, other) is None
    assert [r.change for r in lifecycle.history(store, other)] == ["create", "delete"]
