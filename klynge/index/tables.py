"""The index tables, apart from the store's: one row per searchable piece, plus term statistics.

`search_doc` holds a piece's raw text (for snippets), its analysed text (`stems` in order for
phrases, compound `parts`, filter `keys`) and the filter columns. Its id encodes the meeting date
in the high bits, counted backwards, so "newest first" is "lowest id first" on both backends and a
date range is an id range. SQLite adds the FTS5 table `search_fts` over it; PostgreSQL a
`tsv` tsvector column with a GIN index (see the migration). `search_term` counts in how many public pieces
(published, not closed) each stem occurs: idf for ranking and related items, and the vocabulary
for compound splitting.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Column, Date, Integer, MetaData, String, Table, Text

metadata = MetaData()

search_doc = Table(
    "search_doc",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("meeting_id", Integer, nullable=False, index=True),
    Column("item_id", Integer, nullable=True, index=True),
    Column("item_number", String(32), nullable=True),
    Column("section", String(32), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("forum", Text, nullable=False, default=""),
    Column("date", Date, nullable=True),
    Column("organisations", Text, nullable=False, default=""),
    Column("persons", Text, nullable=False, default=""),
    Column("published", Boolean, nullable=False, default=True),
    Column("confidential", Boolean, nullable=False, default=False),
    Column("text", Text, nullable=False),
    Column("stems", Text, nullable=False),
    Column("parts", Text, nullable=False),
    Column("keys", Text, nullable=False),
)

search_term = Table(
    "search_term",
    metadata,
    Column("term", String(64), primary_key=True),
    Column("df", Integer, nullable=False),
)

search_generation = Table(
    "search_generation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
)
"""One row: a fresh random value written with every change to the index, in the change's own
transaction. Readers cache search results under it (klynge.web.searchcache)."""

SEQ_BITS = 12
MEETING_BITS = 28
DAY_SHIFT = SEQ_BITS + MEETING_BITS
MAX_PIECES = 1 << SEQ_BITS


LAST_DAY = (1 << 20) - 1
"""Days are counted backwards from here: the newest piece has the smallest id, because FTS5 walks
doclists forwards 2-4x faster than backwards (`ORDER BY rowid` then means newest first)."""


def _days(date: dt.date | None) -> int:
    return LAST_DAY - date.toordinal() if date else LAST_DAY


def doc_id(date: dt.date | None, meeting_id: int, seq: int) -> int:
    """The id of a meeting's `seq`th piece: date first (newest smallest), undated pieces last."""
    return (_days(date) << DAY_SHIFT) | ((meeting_id % (1 << MEETING_BITS)) << SEQ_BITS) | seq


def id_range(date_from: dt.date | None, date_to: dt.date | None) -> tuple[int, int] | None:
    """The id range of pieces dated within [date_from, date_to], or None for no limit."""
    if date_from is None and date_to is None:
        return None
    lo = (_days(date_to) << DAY_SHIFT) if date_to else 0
    hi = ((_days(date_from) + 1) << DAY_SHIFT) - 1 if date_from else (LAST_DAY << DAY_SHIFT) - 1
    return lo, hi
