"""Fixtures for the web tests: `archive` (SQLite in tmp_path, loaded) and `client` (TestClient)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from webarchive import Archive, TestClient, load_archive

from klynge.store.db import engine_of
from klynge.web.app import create_app


@pytest.fixture
def archive(sqlite_url: str, sample: Callable[..., tuple[bytes, object]]) -> Iterator[Archive]:
    arch = load_archive(sqlite_url, sample)
    yield arch
    engine_of(arch.factory).dispose()


@pytest.fixture
def client(archive: Archive) -> Iterator[TestClient]:
    app = create_app(archive.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        prime_csrf(c)
        yield c
    app.state.engine.dispose()


def prime_csrf(c: TestClient) -> str:
    """What a browser does: load a page (which sets the CSRF cookie) and send its token with writes."""
    c.get("/")
    token = c.cookies.get("klynge_csrf") or ""
    c.headers["X-CSRF-Token"] = token
    return token
