"""Database fixtures shared by every test that needs a store.

    def test_x(db_url: str) -> None: ...      # runs twice: SQLite in tmp_path, then PostgreSQL
    def test_y(store: SessionFactory) -> None: ...   # open_store(db_url): migrated, ready
    def test_z(sqlite_url: str) -> None: ...   # SQLite only (CLI tests, where one backend is enough)

The PostgreSQL variant creates a fresh database `klynge_test_<random>` through the `test` database on
127.0.0.1:5432 (user postgres, trust auth) and drops it afterwards, so parallel test runs never
collide. When the server is unreachable those tests skip with the reason. Set KLYNGE_TEST_PG to
another server URL (postgresql://user@host:port) to use it instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from klynge.store.db import SessionFactory, engine_of, open_store

PG_SERVER = os.environ.get("KLYNGE_TEST_PG", "postgresql://postgres@127.0.0.1:5432")


@cache
def _pg_unreachable() -> str | None:
    """None when PostgreSQL answers, else why not (checked once per test run)."""
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/test", connect_timeout=3):
            return None
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"PostgreSQL på {PG_SERVER}/test svarer ikke ({first})"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database file in this test's tmp_path (created on first open)."""
    return f"sqlite:///{tmp_path / 'klynge.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test, dropped afterwards; skips when unreachable."""
    reason = _pg_unreachable()
    if reason:
        pytest.skip(reason)
    import psycopg

    name = f"klynge_test_{secrets.token_hex(6)}"
    with psycopg.connect(f"{PG_SERVER}/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database URL: SQLite in tmp_path, then a fresh PostgreSQL database."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[SessionFactory]:
    """`open_store(db_url)`: a session factory on a migrated database; its engine is closed afterwards."""
    factory = open_store(db_url)
    try:
        yield factory
    finally:
        engine_of(factory).dispose()
