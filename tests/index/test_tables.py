"""Migration 0002 creates exactly the index tables `klynge.index.tables` describes, on both backends."""

from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from klynge.index.tables import doc_id, id_range, metadata
from klynge.store.db import SessionFactory, engine_of


def _ours(name: str | None, type_: str, parents: dict[str, str | None]) -> bool:
    table = name if type_ == "table" else parents.get("table_name")
    if name in ("tsv", "search_doc_tsv"):
        return False  # PostgreSQL's tsvector column and its GIN index live outside the model on purpose
    return table is None or table in metadata.tables


def test_migration_matches_the_index_tables(store: SessionFactory) -> None:
    engine = engine_of(store)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": _ours}
        assert compare_metadata(MigrationContext.configure(conn, opts=opts), metadata) == []
        names = set(inspect(conn).get_table_names())
        if conn.dialect.name == "sqlite":
            assert "search_fts" in names
        else:
            assert "tsv" in {c["name"] for c in inspect(conn).get_columns("search_doc")}


def test_ids_sort_by_date_and_date_ranges_are_id_ranges() -> None:
    older = doc_id(dt.date(2020, 5, 1), meeting_id=999_999, seq=4095)
    newer = doc_id(dt.date(2020, 5, 2), meeting_id=1, seq=0)
    assert 0 < newer < older < 2**63
    lo, hi = id_range(dt.date(2020, 5, 2), dt.date(2020, 5, 2)) or (0, 0)
    assert lo <= newer <= hi and not lo <= older <= hi
