"""The database behind the app: the store's session factory per app, one session per request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session

from klynge.store.db import SessionFactory, engine_of, open_store


def attach(app: FastAPI, db_url: str) -> None:
    """Open the store at `db_url` (schema upgraded) and keep its session factory on the app."""
    factory = open_store(db_url)
    app.state.sessions = factory
    app.state.engine = engine_of(factory)


def sessions(request: Request) -> SessionFactory:
    factory: SessionFactory = request.app.state.sessions
    return factory


async def session(request: Request) -> AsyncIterator[Session]:
    """FastAPI dependency: a read session for this request, closed afterwards.

    Async although the routes using it are sync: a sync generator dependency is entered and left
    on the thread pool, two more thread hops a request (about 6% of the search page's time).
    Making a session touches no database (the connection is taken on first use, in the route's
    thread); closing it returns the connection to the pool.

    Routes take it as `ReadSession`."""
    s = sessions(request)()
    try:
        yield s
    finally:
        s.close()


READ_SESSIONS = 6
"""Request sessions open at once per worker (more requests wait, without a thread, for a turn)."""

ReadSession: Any = Depends(session, scope="function", max_concurrency=READ_SESSIONS)
"""The read session of a route: `s: Session = ReadSession`.

Bounded because a request keeps its session (and connection) until its answer is serialized,
which for JSON routes takes another turn on the worker's few threads. Unbounded, 20 requests at
once held all 15 pooled connections while waiting for a thread, and both threads waited for a
connection: every request hung until the pool's 30 s timeout. At most 6 request sessions, plus one
short-lived session per thread (account lookups), stay within the pool on both backends.
`scope="function"` closes it as soon as the route function is done."""
