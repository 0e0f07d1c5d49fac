"""Helpers for the web tests: a small archive of three published meetings in two fora plus one
unpublished, made from the shared `sample` fixture and stored through the store's own ingest."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from klynge.store.db import SessionFactory, open_store
from klynge.store.repo import ingest_meeting

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 in its TestClient; httpx still works and is what we have.
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

__all__ = ["SECRET", "UNPUBLISHED", "Archive", "TestClient", "load_archive", "post_login", "served"]

SECRET = "Hemmeligdomsprojekt"
"""Title of the closed item in every sample meeting: must never reach the public."""
UNPUBLISHED = "Ukendtklyngen"
"""Forum of the unpublished meeting: must never reach the public either."""


@dataclass(frozen=True)
class Archive:
    url: str
    factory: SessionFactory
    meetings: dict[str, int]
    """'nord', 'nord2', 'syd', 'draft' -> meeting id."""


def load_archive(url: str, sample: Callable[..., tuple[bytes, object]]) -> Archive:
    factory = open_store(url)
    ids: dict[str, int] = {}
    specs = [
        ("nord", "referat-nord-2024.txt", "Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14), True),
        ("nord2", "referat-nord-2025.txt", "Klyngestyregruppen Nordklyngen", dt.date(2025, 2, 6), True),
        ("syd", "referat-syd.txt", "Sydklyngen Sundhedsstyregruppe", dt.date(2024, 9, 12), True),
        ("draft", "udkast.txt", UNPUBLISHED, dt.date(2024, 5, 2), False),
    ]
    for key, name, forum, date, published in specs:
        data, meeting = sample(name=name, forum=forum, date=date, secret=SECRET)
        outcome = ingest_meeting(factory, data, name, meeting, published=published)  # type: ignore[arg-type]
        assert outcome.meeting_id is not None, outcome.message
        ids[key] = outcome.meeting_id
    return Archive(url, factory, ids)


def post_login(client: Any, username: str, password: str, **fields: str) -> Any:
    """Log in as a browser does: GET /login (the form and its CSRF cookie), then POST the form with
    its `csrf` field. `client` is a TestClient or an httpx.Client; extra form fields (e.g. `next`)
    as keywords; redirects are not followed."""
    form = client.get("/login").text
    found = re.search(r'name="csrf" value="([^"]*)"', form)
    csrf = found.group(1) if found else client.cookies.get("klynge_csrf") or ""
    data = {"username": username, "password": password, "csrf": csrf, **fields}
    return client.post("/login", data=data, headers={"X-CSRF-Token": csrf}, follow_redirects=False)


@contextmanager
def served(app: Any, lifespan: Literal["on", "off"] = "on") -> Iterator[str]:
    """`app` under a real uvicorn on a free loopback port, in a background thread; yields its URL.

    With `lifespan="on"` the app starts as under `klynge serve` (its thread limits configured)."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn startede ikke"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
