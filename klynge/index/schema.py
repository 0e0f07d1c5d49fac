"""Creating the index tables outside Alembic (benchmarks, a rebuild); the migration does the same."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from klynge.index import fts5, tsvector
from klynge.index.tables import metadata


def create(conn: Connection) -> None:
    """Create `search_doc`, `search_term` and the backend's full-text structure if missing."""
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.execute(text(fts5.CREATE))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(tsvector.ADD_COLUMN))
        conn.execute(text(tsvector.CREATE_INDEX))


def drop(conn: Connection) -> None:
    """Drop the index tables (a rebuild starts from here)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(fts5.DROP))
    metadata.drop_all(conn)
