"""Writing pieces into the index: analyse, replace a meeting's rows, keep term counts.

`search_term` holds each stem's document frequency, and the row with the empty term holds the
number of pieces (for idf), counted over public pieces only (published, not closed): ranking and
the vocabulary never depend on what the public cannot see, so writing a draft or closing an item
moves no public score, and no word of a draft shapes how public text is split. Compound parts are
found with the archive's vocabulary: the stems already in `search_term` plus those of the meeting
being written. E-mail addresses, phone and CPR numbers are left out of the analysis
(`privacy.without_personal`): the public sees them masked, so finding an item by them would tell
which item holds those digits. The raw text is kept for the snippets of those who may see personal
data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import Connection

from klynge.errors import StoreError
from klynge.index import danish, fts5, tsvector
from klynge.index.query import piece_keys
from klynge.index.tables import MAX_PIECES, doc_id, search_doc, search_term
from klynge.privacy import without_personal

TOTAL = ""
"""The `search_term` row that counts pieces."""
TOKENS = "#"
"""The `search_term` row that counts stems in all pieces (mean length for BM25)."""

CHUNK = 5000


@dataclass(frozen=True)
class Piece:
    """One searchable piece of a meeting: an item's title or section, a decision, the participants..."""

    meeting_id: int
    section: str
    text: str
    item_id: int | None = None
    item_number: str | None = None
    title: str = ""
    forum: str = ""
    forum_id: int | None = None
    date: dt.date | None = None
    organisations: tuple[str, ...] = field(default=())
    persons: tuple[str, ...] = field(default=())
    published: bool = True
    confidential: bool = False


def backend(conn: Connection) -> Any:
    """The module for this database: `fts5` for SQLite, `tsvector` for PostgreSQL."""
    name = conn.dialect.name
    if name == "sqlite":
        return fts5
    if name == "postgresql":
        return tsvector
    raise StoreError(f"søgning understøtter ikke databasen {name}")


def known_stems(conn: Connection, candidates: set[str]) -> set[str]:
    """Which candidate stems the archive already has."""
    found: set[str] = set()
    items = sorted(c for c in candidates if c)
    for i in range(0, len(items), CHUNK):
        chunk = items[i : i + CHUNK]
        if conn.dialect.paramstyle == "qmark":
            # SQLite: the same query as plain SQL; SQLAlchemy's expansion of thousands of IN values
            # costs more than the lookup itself.
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(f"SELECT term FROM search_term WHERE term IN ({marks})", tuple(chunk))
            found.update(row[0] for row in rows)
        else:
            found.update(
                conn.execute(select(search_term.c.term).where(search_term.c.term.in_(chunk))).scalars()
            )
    return found


def rows_for(
    pieces: Sequence[Piece],
    known: set[str],
    norms: Sequence[list[str]] | None = None,
    stems: Sequence[list[str]] | None = None,
) -> list[dict[str, Any]]:
    """The `search_doc` rows of one meeting's pieces (analysed); `norms` and `stems`: each piece's
    `danish.norm_words` and `danish.stems_of` those, when the caller has them."""
    if len(pieces) > MAX_PIECES:
        raise StoreError(f"møde {pieces[0].meeting_id}: for mange søgbare dele ({len(pieces)})")
    rows = []
    # A meeting's pieces share forum, organisations, persons and year: work each key list out once.
    key_lists: dict[tuple[Any, ...], list[str]] = {}
    compounds: dict[str, list[str]] = {}  # the pieces repeat their words; split each once
    for seq, piece in enumerate(pieces):
        analysis = danish.analyse(
            without_personal(piece.text),
            known.__contains__,
            norms[seq] if norms is not None else None,
            stems=stems[seq] if stems is not None else None,
            compounds=compounds,
        )
        year = piece.date.year if piece.date else None
        orgs, persons = tuple(piece.organisations), tuple(piece.persons)
        spec = (
            piece.section,
            piece.forum,
            orgs,
            persons,
            year,
            piece.published,
            piece.confidential,
            piece.forum_id,
        )
        keys = key_lists.get(spec)
        if keys is None:
            keys = key_lists[spec] = piece_keys(
                piece.section,
                piece.forum,
                list(orgs),
                list(persons),
                year,
                piece.published,
                piece.confidential,
                piece.forum_id,
            )
        rows.append(
            {
                "id": doc_id(piece.date, piece.meeting_id, seq),
                "meeting_id": piece.meeting_id,
                "item_id": piece.item_id,
                "item_number": piece.item_number,
                "section": piece.section,
                "title": piece.title,
                "forum": piece.forum,
                "date": piece.date,
                "organisations": "\n".join(piece.organisations),
                "persons": "\n".join(piece.persons),
                "published": piece.published,
                "confidential": piece.confidential,
                "text": piece.text,
                "stems": " ".join(analysis.stems),
                "parts": " ".join(analysis.parts),
                "keys": " ".join(keys),
            }
        )
    return rows


def is_public(row: dict[str, Any]) -> bool:
    """Whether a `search_doc` row is public (published, not closed): only those count in `search_term`."""
    return bool(row["published"]) and not bool(row["confidential"])


def _adjust_terms(conn: Connection, rows: Iterable[dict[str, Any]], sign: int) -> None:
    """Add (`sign` 1) or take away (-1) the term counts of the public rows among `rows`."""
    counts: Counter[str] = Counter()
    n = 0
    tokens = 0
    for row in rows:
        if not is_public(row):
            continue
        words = row["stems"].split()
        counts.update(set(words))
        tokens += len(words)
        n += 1
    if not n:
        return
    counts[TOTAL] = n
    counts[TOKENS] = tokens
    upsert = "ON CONFLICT (term) DO UPDATE SET df = search_term.df + excluded.df"
    if conn.dialect.paramstyle == "qmark":  # SQLite: the same statement without SQLAlchemy's param work
        values = [(t, sign * d) for t, d in sorted(counts.items())]
        conn.exec_driver_sql(f"INSERT INTO search_term(term, df) VALUES (?, ?) {upsert}", values)
    else:
        params = [{"t": t, "d": sign * d} for t, d in sorted(counts.items())]
        conn.execute(text(f"INSERT INTO search_term(term, df) VALUES (:t, :d) {upsert}"), params)
    if sign < 0:
        conn.execute(delete(search_term).where(search_term.c.df <= 0))


def remove(conn: Connection, meeting_id: int) -> None:
    """Drop a meeting's pieces and their term counts."""
    old = [
        dict(r._mapping)
        for r in conn.execute(
            select(
                search_doc.c.id,
                search_doc.c.stems,
                search_doc.c.parts,
                search_doc.c["keys"],
                search_doc.c.published,
                search_doc.c.confidential,
            ).where(search_doc.c.meeting_id == meeting_id)
        )
    ]
    if not old:
        return
    backend(conn).delete(conn, old)
    _adjust_terms(conn, old, -1)
    conn.execute(delete(search_doc).where(search_doc.c.meeting_id == meeting_id))


def replace(conn: Connection, meeting_id: int, pieces: Sequence[Piece]) -> None:
    """Make the index hold exactly `pieces` for this meeting (re-ingest replaces, never duplicates)."""
    remove(conn, meeting_id)
    pieces = [p for p in pieces if p.text.strip()]
    if not pieces:
        return
    # Each text split into words once; personal data is never a search term (klynge.privacy).
    norms = [danish.norm_words(without_personal(p.text)) for p in pieces]
    stems = [danish.stems_of(words) for words in norms]
    own = {s for terms in stems for s in terms}
    known = own | known_stems(conn, danish.candidates_of_norms(norms) - own)
    rows = rows_for(pieces, known, norms, stems)
    conn.execute(insert(search_doc), rows)
    backend(conn).insert(conn, rows)
    _adjust_terms(conn, rows, +1)


def clear(conn: Connection) -> None:
    """Empty the whole index (before a rebuild)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))
    conn.execute(delete(search_doc))
    conn.execute(delete(search_term))
