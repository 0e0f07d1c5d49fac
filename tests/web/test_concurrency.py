"""Many requests at once against a real server with the production thread limits: none may hang.

With 2 read threads per worker a request used to keep its database session while it waited for a
thread to serialize its JSON; 20 such requests held every pooled connection and both threads
waited for one, so every request hung until the pool's 30 s timeout. `ReadSession` bounds the
sessions in flight; this test fires more requests at once than the pool has connections.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from webarchive import load_archive, served

from klynge.store.db import engine_of

REQUESTS_AT_ONCE = 40


@pytest.fixture
def server_url(sqlite_url: str, sample: Callable[..., tuple[bytes, object]]) -> Iterator[str]:
    """The app under uvicorn with its lifespan (so the thread limits are those of `klynge serve`)."""
    from klynge.web.app import create_app

    archive = load_archive(sqlite_url, sample)
    app = create_app(sqlite_url)
    try:
        with served(app) as url:
            yield url
    finally:
        app.state.engine.dispose()
        engine_of(archive.factory).dispose()


@pytest.mark.parametrize("path", ["/api/search?q=akutteam", "/api/meetings", "/soeg?q=akutteam"])
def test_many_requests_at_once_all_answer(server_url: str, path: str) -> None:
    barrier = threading.Barrier(REQUESTS_AT_ONCE)

    def one(_: int) -> int:
        with httpx.Client(base_url=server_url, timeout=20) as client:
            barrier.wait()
            return client.get(path).status_code

    started = time.monotonic()
    with ThreadPoolExecutor(REQUESTS_AT_ONCE) as pool:
        statuses = list(pool.map(one, range(REQUESTS_AT_ONCE)))
    assert statuses == [200] * REQUESTS_AT_ONCE
    assert time.monotonic() - started < 15
