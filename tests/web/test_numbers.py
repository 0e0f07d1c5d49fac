"""List pages' numbers may lag the archive a few seconds; their rows never do, nor a writer's own change."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from webarchive import Archive, TestClient

from klynge.store.tables import Action
from klynge.web import numbers
from klynge.web.numbers import Numbers


def test_a_number_is_reused_while_the_archive_is_unchanged_or_for_max_age_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]
    monkeypatch.setattr(numbers.time, "monotonic", lambda: clock[0])
    counted: list[int] = []

    def count(value: int) -> int:
        counted.append(value)
        return value

    n = Numbers(max_age=5.0)
    assert n.get(("k",), ("stamp 1",), lambda: count(1)) == 1
    clock[0] += 3600
    assert n.get(("k",), ("stamp 1",), lambda: count(2)) == 1  # unchanged archive: kept
    assert n.get(("k",), ("stamp 2",), lambda: count(3)) == 3  # changed, and counted an hour ago
    clock[0] += 4.9
    assert n.get(("k",), ("stamp 3",), lambda: count(4)) == 3  # changed again within 5 s: lags
    clock[0] += 0.2
    assert n.get(("k",), ("stamp 3",), lambda: count(5)) == 5  # 5 s on: counted again
    assert n.get(("other",), ("stamp 3",), lambda: count(6)) == 6  # keys are separate
    n.forget()
    assert n.get(("k",), ("stamp 3",), lambda: count(7)) == 7
    assert counted == [1, 3, 5, 6, 7]


def _open_count(text: str) -> int:
    found = re.search(r"(\d+) åbne</a>", text)
    assert found, text[:500]
    return int(found.group(1))


def test_numbers_lag_an_import_but_the_rows_and_a_writers_own_change_do_not(
    client: TestClient, archive: Archive
) -> None:
    first = client.get("/handlinger", params={"status": "open"}).text
    before = _open_count(first)
    assert before >= 2
    with archive.factory.begin() as s:  # another process (an import, the CLI) closes one action
        action = s.scalars(select(Action).where(Action.meeting_id == archive.meetings["syd"])).first()
        assert action is not None
        action.status = "done"
        action_id = action.id
    form = f'action="/handlinger/{action_id}/status"'
    assert form in first
    text = client.get("/handlinger", params={"status": "open"}).text
    assert form not in text  # the list is read again at once
    assert _open_count(text) == before  # its numbers may lag up to numbers.MAX_AGE seconds
    # a change made through the app: this worker forgets its numbers before it answers
    other = next(a for a in _open_ids(archive) if a != action_id)
    r = client.post(f"/handlinger/{other}/status", data={"status": "done"}, follow_redirects=False)
    assert r.status_code == 303
    assert _open_count(client.get("/handlinger", params={"status": "open"}).text) == before - 2
    assert _open_count(client.get("/").text) == before - 2


def _open_ids(archive: Archive) -> list[int]:
    with archive.factory() as s:
        return list(s.scalars(select(Action.id).where(Action.status != "done")))
