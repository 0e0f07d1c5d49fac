"""Public ranking never depends on what the public cannot see (issue 22): the idf and mean length
behind every score are counted over public pieces, so writing a draft or a closed item with a word
leaves the public's scores and order for that word exactly as they were."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from klynge.index import writer
from klynge.index.search import search
from klynge.index.tables import search_term
from klynge.index.writer import Piece
from klynge.store.db import SessionFactory, engine_of, open_store

FORUM = "Klyngestyregruppen Nordklyngen"
QUERIES = ("genindlæggelse", "genindlæggelse behandling", "genind*", '"eget hjem"', "hjem -sygehus")


def _pieces(meeting_id: int, date: dt.date, texts: list[str], **flags: bool) -> list[Piece]:
    return [
        Piece(
            meeting_id=meeting_id,
            section="case_text",
            text=body,
            item_id=meeting_id * 100 + n,
            item_number=str(n),
            title=f"Punkt {n}",
            forum=FORUM,
            forum_id=1,
            date=date,
            **flags,
        )
        for n, body in enumerate(texts, 1)
    ]


PUBLIC = [
    _pieces(1, dt.date(2024, 3, 1), ["Genindlæggelser af ældre patienter.", "Behandling i eget hjem."]),
    _pieces(
        2, dt.date(2024, 6, 1), ["Genindlæggelsen blev drøftet; behandling i eget hjem virker.", "Budget."]
    ),
    _pieces(3, dt.date(2025, 1, 1), ["Færre genindlæggelser på sygehuset efter indsats i eget hjem."]),
]
DRAFT = _pieces(
    4,
    dt.date(2025, 5, 1),
    ["Genindlæggelse genindlæggelse: udkast om behandling i eget hjem."] * 3,
    published=False,
)
CLOSED = _pieces(
    5, dt.date(2025, 2, 1), ["Genindlæggelse af navngiven borger, behandling i eget hjem."], confidential=True
)


def _scores(store: SessionFactory) -> dict[str, list[tuple[int, float]]]:
    with store() as s:
        return {q: [(h.id, h.score) for h in search(s, q, per_page=100).hits] for q in QUERIES}


def _terms(store: SessionFactory) -> dict[str, int]:
    with store() as s:
        return {r[0]: r[1] for r in s.execute(select(search_term.c.term, search_term.c.df))}


def test_public_scores_do_not_move_when_a_draft_or_closed_item_has_the_word(store: SessionFactory) -> None:
    with store.begin() as s:
        for pieces in PUBLIC:
            writer.replace(s.connection(), pieces[0].meeting_id, pieces)
    before, terms = _scores(store), _terms(store)
    assert all(before.values()) and before["genindlæggelse"][0][1] > 0
    with store.begin() as s:
        writer.replace(s.connection(), 4, DRAFT)
        writer.replace(s.connection(), 5, CLOSED)
    assert _scores(store) == before
    assert _terms(store) == terms
    with store() as s:  # the draft and the closed piece are there for those who may see them
        seen = search(s, "genindlæggelse", include_unpublished=True, include_confidential=True, per_page=100)
        assert {h.meeting_id for h in seen.hits} == {1, 2, 3, 4, 5}
    with store.begin() as s:  # published, the draft's words count like any public text
        writer.replace(s.connection(), 4, [Piece(**{**p.__dict__, "published": True}) for p in DRAFT])
    assert _scores(store) != before
    with store.begin() as s:
        writer.replace(s.connection(), 4, DRAFT)  # back to a draft: the counts are as they were
        writer.remove(s.connection(), 5)
    assert _terms(store) == terms and _scores(store) == before


def test_migration_recounts_an_older_index_over_public_pieces(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.begin() as s:
            for pieces in [*PUBLIC, DRAFT, CLOSED]:
                writer.replace(s.connection(), pieces[0].meeting_id, pieces)
        expected = _terms(store)
        with store.begin() as s:  # counts as older versions kept them: every piece, drafts too
            conn = s.connection()
            conn.execute(text("UPDATE search_term SET df = df + 7"))
            conn.execute(text("INSERT INTO search_term(term, df) VALUES ('udkast', 3)"))
            conn.execute(text("DROP TABLE correction"))  # made by a later migration (0009), made again
            conn.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    finally:
        engine_of(store).dispose()
    migrated = open_store(db_url)
    try:
        assert _terms(migrated) == expected and "udkast" not in expected
    finally:
        engine_of(migrated).dispose()
