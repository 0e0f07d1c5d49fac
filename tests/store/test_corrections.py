"""Corrections of a meeting that was read badly (issue 16): split, merge, move a paragraph; history."""

from __future__ import annotations

from typing import Any

import pytest
from builders import written_meeting
from sqlalchemy import select

from klynge.errors import InputError
from klynge.interchange import from_interchange
from klynge.store import lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory


def _meeting(store: SessionFactory) -> tuple[int, dict[str, int]]:
    data: dict[str, Any] = written_meeting()
    data["items"][1]["case_text"] = (
        "Antallet af genindlæggelser er steget.\n\n3. Budget for 2028\nForvaltningen fremlægger budgettet."
        "\n\nStyregruppen godkendte budgettet."
    )
    data["actions"] = [{"owner": "Anders Holm", "task": "følge op", "due": "2027-05-01", "item": "3"}]
    mid = lifecycle.create_meeting(
        store, lifecycle.prepared(from_interchange(data), keep_actions=True), by="sekr"
    )
    return mid, _ids(store, mid)


def _ids(store: SessionFactory, mid: int) -> dict[str, int]:
    with store() as s:
        return {i.number: i.id for i in s.scalars(select(t.Item).where(t.Item.meeting_id == mid))}


def _items(store: SessionFactory, mid: int) -> list[tuple[str, str, dict[str, str]]]:
    with store() as s:
        rows = s.scalars(select(t.Item).where(t.Item.meeting_id == mid).order_by(t.Item.position)).all()
        return [(i.number, i.title, {x.kind: x.text for x in i.sections}) for i in rows]


def test_split_an_item_at_a_missed_heading_then_move_the_decision(store: SessionFactory) -> None:
    mid, ids = _meeting(store)
    new = lifecycle.split_item(store, ids["2"], "case_text", 1, by="sekr")
    items = _items(store, mid)
    assert [(n, title) for n, title, _ in items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Opfølgning på genindlæggelser af ældre medicinske patienter"),
        ("3", "Budget for 2028"),
        ("4", "Personalesag"),
    ]
    assert items[1][2] == {"case_text": "Antallet af genindlæggelser er steget."}
    assert items[2][2] == {
        "case_text": "Forvaltningen fremlægger budgettet.\nStyregruppen godkendte budgettet."
    }
    lifecycle.move_paragraph(store, new, "case_text", 1, "decision", by="sekr")
    assert _items(store, mid)[2][2] == {
        "case_text": "Forvaltningen fremlægger budgettet.",
        "decision": "Styregruppen godkendte budgettet.",
    }
    with store() as s:
        decisions = s.scalars(select(t.Decision).where(t.Decision.meeting_id == mid)).all()
        assert [(d.item_number, d.text) for d in decisions if d.item_id == new] == [
            ("3", "Styregruppen godkendte budgettet.")
        ]
        changes = [r.change for r in s.scalars(select(t.Revision).where(t.Revision.meeting_id == mid))]
        assert changes.count("split") == 1 and changes.count("update") == 2  # split item + move


def test_merge_two_items_keeps_actions_and_closed_flag(store: SessionFactory) -> None:
    mid, ids = _meeting(store)
    lifecycle.merge_with_next(store, ids["2"], by="sekr")
    items = _items(store, mid)
    assert [n for n, _, _ in items] == ["1", "2"]
    assert "hemmeligordet" in items[1][2]["case_text"] and "genindlæggelser" in items[1][2]["case_text"]
    with store() as s:
        merged = s.get(t.Item, ids["2"])
        assert merged is not None and merged.confidential  # a closed part keeps the whole closed
        action = s.scalars(select(t.Action).where(t.Action.meeting_id == mid)).one()
        assert action.item_id == ids["2"] and action.item_number == "2"
        assert s.get(t.Item, ids["3"]) is None
    with pytest.raises(InputError):
        lifecycle.merge_with_next(store, ids["2"], by="sekr")  # now the last


def test_bad_corrections_change_nothing(store: SessionFactory) -> None:
    mid, ids = _meeting(store)
    before = _items(store, mid)
    with pytest.raises(InputError):
        lifecycle.split_item(store, ids["2"], "case_text", 9, by="sekr")
    with pytest.raises(InputError):
        lifecycle.split_item(store, ids["2"], "decision", 0, by="sekr")
    with pytest.raises(InputError):
        lifecycle.move_paragraph(store, ids["2"], "case_text", 0, "noget", by="sekr")
    assert _items(store, mid) == before
