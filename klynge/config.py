"""Where the database lives: `--db`, else `KLYNGE_DB`, else a SQLite file in the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path


def default_sqlite_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "klynge" / "klynge.db"


def database_url(explicit: str | None = None) -> str:
    """The database URL to use. A bare file path is taken as a SQLite file."""
    url = explicit or os.environ.get("KLYNGE_DB")
    if not url:
        return f"sqlite:///{default_sqlite_path()}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url
