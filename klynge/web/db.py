"""The database behind the app: the store's session factory per app, one session per request."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
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
    thread); closing it returns the connection to the pool."""
    s = sessions(request)()
    try:
        yield s
    finally:
        s.close()
