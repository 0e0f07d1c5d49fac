"""The index follows the store: ingest indexes every piece in the same transaction, re-ingest replaces."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from klynge import model
from klynge.index import sync
from klynge.index.search import related, search
from klynge.index.tables import search_doc
from klynge.store.db import SessionFactory
from klynge.store.repo import ingest_meeting


def _meeting(date: dt.date, forum: str, decision: str, closed_title: str = "Personsag") -> model.Meeting:
    text = f"Referat {forum} {date}"
    sections = (
        model.Section(
            model.SectionKind.RECOMMENDATION, "Indstilling", "Det indstilles, at planen godkendes."
        ),
        model.Section(
            model.SectionKind.CASE_TEXT, "Sagsfremstilling", "Færdigbehandlingsdage og genindlæggelser."
        ),
        model.Section(model.SectionKind.DECISION, "Beslutning", decision),
    )
    return model.Meeting(
        document=model.Document(name="referat.md", format="markdown", text=text, blocks=()),
        meeting=model.MeetingInfo(forum=forum, date=date, title="Referat", location="Regionshuset Viborg"),
        participants=(
            model.Participant("Karen Vestergaard", organisation="Favrskov Kommune"),
            model.Participant("Jens Munk", organisation="Region Midtjylland", role="formand"),
        ),
        items=(
            model.Item(
                "1",
                "Udskrivning af ældre medicinske patienter",
                sections=sections,
                attachments=("Bilag 1 Data om genindlæggelser.pdf",),
            ),
            model.Item(
                "2",
                closed_title,
                confidential=True,
                sections=(model.Section(model.SectionKind.CASE_TEXT, "Sag", "Fortrolig genindlæggelse."),),
            ),
        ),
        actions=(model.Action(owner="Sekretariatet", task="udarbejde notat om dialyse", item_number="1"),),
    )


def test_ingest_indexes_every_piece_and_reingest_replaces(store: SessionFactory) -> None:
    first = _meeting(dt.date(2022, 3, 1), "Midtklyngen", "Godkendt med bemærkning om IV-behandling.")
    ingest_meeting(store, b"v1", "referat.md", first)
    with store() as session:
        sections = {h.section for h in search(session, "genindlæggelse", per_page=100).hits}
        assert {"case_text", "attachments"} <= sections
        assert search(session, "IV behandling").total == 1
        assert search(session, "dialyse").hits[0].section == "action"
        assert search(session, "Karen Vestergaard").hits[0].section == "meeting"
        assert search(session, "genindlæggelse", organisation="Favrskov Kommune").total > 0
        assert all(h.item_number != "2" for h in search(session, "genindlæggelse", per_page=100).hits)
        count = session.execute(select(func.count()).select_from(search_doc)).scalar_one()
    second = _meeting(dt.date(2022, 3, 1), "Midtklyngen", "Udsat til næste møde om telemedicin.")
    ingest_meeting(store, b"v2", "referat.md", second)
    with store() as session:
        assert session.execute(select(func.count()).select_from(search_doc)).scalar_one() == count
        assert search(session, "IV behandling").total == 0
        assert search(session, "telemedicin").total == 1


def test_related_across_meetings_and_removal(store: SessionFactory) -> None:
    ingest_meeting(store, b"a", "a.md", _meeting(dt.date(2022, 3, 1), "Midtklyngen", "Godkendt."))
    ingest_meeting(
        store, b"b", "b.md", _meeting(dt.date(2023, 4, 2), "Randersklyngen", "Taget til efterretning.")
    )
    with store() as session:
        hit = search(session, "færdigbehandlingsdage", forum="Midtklyngen").hits[0]
        assert hit.item_id is not None
        found = related(session, hit.item_id)
        assert found and found[0].forum == "Randersklyngen"
    with store.begin() as session:
        sync.remove_meeting(session, hit.meeting_id)
    with store() as session:
        assert search(session, "færdigbehandlingsdage", forum="Midtklyngen").total == 0


def test_rebuild_gives_the_same_index(store: SessionFactory) -> None:
    """`klynge reindex`: emptied and rebuilt, the index answers as before (both backends)."""
    from klynge.index.tables import search_term

    ingest_meeting(store, b"a", "a.md", _meeting(dt.date(2022, 3, 1), "Midtklyngen", "Godkendt."))
    ingest_meeting(store, b"b", "b.md", _meeting(dt.date(2023, 5, 2), "Nordklyngen", "Udsat om telemedicin."))

    def snapshot() -> tuple[object, ...]:
        with store() as session:
            hits = search(session, "genindlæggelse", per_page=100)
            terms = dict(session.execute(select(search_term.c.term, search_term.c.df)).all())
            return hits.total, [(h.item_id, h.section) for h in hits.hits], terms

    before = snapshot()
    seen: list[tuple[int, int]] = []
    with store.begin() as session:
        assert sync.rebuild(session, lambda n, total: seen.append((n, total))) == 2
    assert snapshot() == before and seen == [(1, 2), (2, 2)]


def test_generation_changes_with_every_index_change_and_only_then(store: SessionFactory) -> None:
    """Cached search results are keyed on the generation: it must move whenever the index does."""
    with store() as session:
        assert sync.generation(session.connection()) == 0  # nothing indexed yet
    ingest_meeting(store, b"a", "a.md", _meeting(dt.date(2022, 3, 1), "Midtklyngen", "Godkendt."))
    seen = []
    with store() as session:
        seen.append(sync.generation(session.connection()))
        search(session, "genindlæggelse")  # reading changes nothing
        assert sync.generation(session.connection()) == seen[-1] != 0
    ingest_meeting(store, b"b", "b.md", _meeting(dt.date(2023, 5, 2), "Nordklyngen", "Udsat."))
    with store.begin() as session:
        seen.append(sync.generation(session.connection()))
        meeting_id = session.scalars(select(search_doc.c.meeting_id)).first()
        assert meeting_id is not None
        sync.remove_meeting(session, meeting_id)
    with store.begin() as session:
        seen.append(sync.generation(session.connection()))
        sync.rebuild(session)
    with store() as session:
        seen.append(sync.generation(session.connection()))
    assert len(set(seen)) == len(seen) == 4


def test_generation_of_a_rolled_back_change_is_not_kept(store: SessionFactory) -> None:
    ingest_meeting(store, b"a", "a.md", _meeting(dt.date(2022, 3, 1), "Midtklyngen", "Godkendt."))
    with store() as session:
        before = sync.generation(session.connection())
    session = store()
    try:
        meeting_id = session.scalars(select(search_doc.c.meeting_id)).first()
        assert meeting_id is not None
        sync.remove_meeting(session, meeting_id)
        assert sync.generation(session.connection()) != before  # inside the writer's transaction
        session.rollback()
    finally:
        session.close()
    with store() as session:
        assert sync.generation(session.connection()) == before
