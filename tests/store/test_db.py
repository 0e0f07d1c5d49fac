"""open_store: migrations from empty to head on both backends, SQLite pragmas, newer schemas refused."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from klynge.errors import StoreError
from klynge.store.db import current_revision, engine_of, head_revision, hide_password, open_store, sqlite_path
from klynge.store.tables import Base


def ours(name: str | None, type_: str, parents: dict[str, str | None]) -> bool:
    """Tables of other owners (the search index's own migration) are not in Base.metadata."""
    table = name if type_ == "table" else parents.get("table_name")
    return table is None or table in Base.metadata.tables


def test_empty_database_is_upgraded_to_head_and_matches_the_models(db_url: str) -> None:
    factory = open_store(db_url)
    engine = engine_of(factory)
    try:
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            opts = {"compare_type": True, "include_name": ours}
            diffs = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
        assert diffs == []
        assert {"meeting", "item", "document", "import_file"} <= set(Base.metadata.tables)
        open_store(db_url)  # a second open finds head and changes nothing
    finally:
        engine.dispose()


def test_newer_schema_is_refused(db_url: str) -> None:
    engine = engine_of(open_store(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"9999_from_the_future.*nyere"):
        open_store(db_url)


def test_sqlite_pragmas(sqlite_url: str) -> None:
    engine = engine_of(open_store(sqlite_url))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    engine.dispose()


def test_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match=r"postgres:\*\*\*@127.0.0.1:1/x: databasen kan ikke åbnes"):
        open_store("postgresql+psycopg://postgres:hemmelig@127.0.0.1:1/x")


def test_hide_password_and_sqlite_path() -> None:
    assert "hemmelig" not in hide_password("postgresql+psycopg://u:hemmelig@h/db")
    assert str(sqlite_path("sqlite:////tmp/a/k.db")) == "/tmp/a/k.db"
    assert sqlite_path("postgresql+psycopg://u@h/db") is None
    assert sqlite_path("sqlite://") is None
