"""`klynge.demo.load` fills a store on both backends; every demo meeting arrives with all its items."""

from __future__ import annotations

from klynge.demo import files
from klynge.demo.content import meetings
from klynge.demo.load import load
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.store.views import get_meeting, list_meetings


def test_load_stores_every_meeting_with_its_items(store: SessionFactory) -> None:
    loaded = list(load(store))
    assert len(loaded) == len(files())
    assert not [x.outcome.message for x in loaded if x.outcome.failed]
    intended = {m.filename: len(m.data["items"]) for m in meetings()}
    with store() as session:
        assert list_meetings(session, per_page=500).total == len(files())
        for x in loaded:
            assert x.outcome.meeting_id is not None
            view = get_meeting(session, x.outcome.meeting_id)
            assert len(view.items) == intended[x.path.name], x.path.name
            if not x.parsed:  # the known content: people with absences
                assert any(p.absent for p in view.participants)
    again = list(load(store))
    assert {x.outcome.outcome for x in again} == {"duplicate"}


def test_strict_load_reports_what_the_parser_cannot_read(sqlite_url: str) -> None:
    """Only the parser's reading is stored (one backend is enough: the rules are the store's)."""
    factory = open_store(sqlite_url)
    try:
        for x in load(factory, fallback=False):
            assert x.parsed == (not x.outcome.failed)
            if x.outcome.failed:
                assert x.outcome.message and x.path.name in x.outcome.message
    finally:
        engine_of(factory).dispose()
