"""Entry point for uvicorn workers (`klynge serve --workers N`): the app from environment settings."""

from __future__ import annotations

import os

from fastapi import FastAPI

from klynge.config import database_url
from klynge.web.app import create_app


def make_app() -> FastAPI:
    """Factory for `uvicorn --factory klynge.web.asgi:make_app`; reads KLYNGE_DB and KLYNGE_HOST."""
    return create_app(database_url(), host=os.environ.get("KLYNGE_HOST", "127.0.0.1"))
