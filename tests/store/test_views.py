"""The shared read side: get_meeting, list_meetings, to_model, document_bytes (both backends)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from klynge import model
from klynge.errors import NotFound
from klynge.interchange import to_interchange
from klynge.store.db import SessionFactory
from klynge.store.repo import ingest_meeting
from klynge.store.views import MeetingFilter, document_bytes, get_meeting, list_meetings, to_model

Build = Callable[..., tuple[bytes, model.Meeting]]  # the `sample` fixture (tests/conftest.py)


def test_to_model_gives_back_the_ingested_meeting(store: SessionFactory, sample: Build) -> None:
    data, meeting = sample()
    out = ingest_meeting(store, data, "referat.txt", meeting)
    assert out.meeting_id is not None
    with store() as s:
        back = to_model(s, out.meeting_id)
    assert to_interchange(back) == to_interchange(meeting)
    assert back.document.text == meeting.document.text and back.document.sha256 == meeting.document.sha256
    assert back.items[1].spans == meeting.items[1].spans
    assert back.participants[0].span == meeting.participants[0].span
    assert back.actions[0].due == meeting.actions[0].due


def test_public_view_hides_closed_items_and_unpublished_meetings(
    store: SessionFactory, sample: Build
) -> None:
    data, meeting = sample(secret="Hemmelig personalesag")
    out = ingest_meeting(store, data, "referat.txt", meeting)
    data2, draft = sample(date=dt.date(2024, 4, 1))
    hidden = ingest_meeting(store, data2, "udkast.txt", draft, published=False)
    assert out.meeting_id is not None and hidden.meeting_id is not None
    with store() as s:
        full = get_meeting(s, out.meeting_id)
        public = get_meeting(s, out.meeting_id, public=True)
        assert [i.number for i in full.items] == ["1", "2", "3"] and full.items[2].confidential
        assert [i.number for i in public.items] == ["1", "2"]
        assert "Hemmelig personalesag" not in repr(public)
        assert len(public.decisions) == 2
        assert get_meeting(s, hidden.meeting_id).published is False
        with pytest.raises(NotFound, match=f"møde {hidden.meeting_id} findes ikke"):
            get_meeting(s, hidden.meeting_id, public=True)
        with pytest.raises(NotFound, match="møde 999 findes ikke"):
            get_meeting(s, 999)
        assert [m.id for m in list_meetings(s, MeetingFilter(public=True)).rows] == [out.meeting_id]


def test_list_meetings_filters_and_pages(store: SessionFactory, sample: Build) -> None:
    dates = [dt.date(2023, 5, 1), dt.date(2024, 1, 10), dt.date(2024, 3, 14), None]
    for i, d in enumerate(dates):
        data, meeting = sample(date=d, forum="Klyngestyregruppen Nordklyngen" if i < 3 else "Sydklyngen")
        assert not ingest_meeting(store, data, f"m{i}.txt", meeting).failed
    with store() as s:
        everything = list_meetings(s)
        assert [m.date for m in everything.rows] == [
            dt.date(2024, 3, 14),
            dt.date(2024, 1, 10),
            dt.date(2023, 5, 1),
            None,
        ]
        assert everything.total == 4 and everything.rows[0].items == 3
        assert list_meetings(s, MeetingFilter(year=2024)).total == 2
        assert list_meetings(s, MeetingFilter(forum="sydklyngen")).total == 1
        assert list_meetings(s, MeetingFilter(forum=" KLYNGESTYREGRUPPEN  nordklyngen")).total == 3
        assert (
            list_meetings(s, MeetingFilter(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 2, 1))).total
            == 1
        )
        second = list_meetings(s, page=2, per_page=3)
        assert (second.total, second.pages, len(second.rows), second.rows[0].date) == (4, 2, 1, None)


def test_document_bytes_are_the_original(store: SessionFactory, sample: Build) -> None:
    data, meeting = sample()
    out = ingest_meeting(store, data, "referat.txt", meeting)
    with store() as s:
        view = get_meeting(s, out.meeting_id or 0)
        assert view.document is not None
        doc, content = document_bytes(s, view.document.id)
        assert content == data and doc.filename == "referat.txt" and doc.size == len(data)
        with pytest.raises(NotFound):
            document_bytes(s, 999)
