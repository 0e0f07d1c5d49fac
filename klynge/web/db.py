"""The database behind the app: the store's session factory per app, one session per request."""

from __future__ import annotations

from collections.abc import Iterator

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


def session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: a read session for this request, closed afterwards."""
    with sessions(request)() as s:
        yield s
