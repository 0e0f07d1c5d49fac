"""Opening the store: engine and session factory for a URL, with the schema upgraded to head.

    factory = open_store("sqlite:///klynge.db")      # or postgresql+psycopg://user@host/db
    with factory.begin() as session: ...

SQLite gets WAL (readers keep reading while one writer ingests), foreign keys and a busy timeout on
every connection. The first `open_store` of a database runs the Alembic migrations up to head (on
PostgreSQL under an advisory lock, so parallel first starts don't race); a database written by a newer
Klynge (an unknown revision) is refused with a `StoreError` instead of being touched.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from alembic import command as alembic_command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from klynge.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
_ADVISORY_LOCK = 4_711_2026  # any constant: serialises first-start migrations on PostgreSQL

SessionFactory = sessionmaker[Session]


def hide_password(url: str) -> str:
    """The URL as it may be shown: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: hide anything between ':' and '@'
        return re.sub(r":[^:/@]*@", ":***@", url)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None (PostgreSQL, in-memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def create_store_engine(url: str) -> Engine:
    """An engine for `url` with Klynge's connection settings; nothing is migrated."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(f"ugyldig database-URL: {hide_password(url)}") from exc
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{path.parent}: mappen til databasen kan ikke oprettes ({exc.strerror})"
                ) from exc
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:
        raise StoreError(f"{hide_password(url)}: database kan ikke åbnes ({exc})") from exc


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head; refuse a database from a newer Klynge."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK})
        current = current_revision(conn)
        if current == script.get_current_head():
            return
        known = {rev.revision for rev in script.walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                f"databasen {hide_password(str(engine.url))} har skemaversion {current}, som denne "
                "version af Klynge ikke kender (skrevet af en nyere Klynge?); opdatér Klynge"
            )
        cfg.attributes["connection"] = conn
        alembic_command.upgrade(cfg, "head")


def open_store(url: str, *, migrate: bool = True) -> SessionFactory:
    """A session factory on `url`, the schema upgraded to head first (unless `migrate=False`)."""
    engine = create_store_engine(url)
    try:
        if migrate:
            upgrade(engine)
        else:
            with engine.connect():
                pass
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        orig = getattr(exc, "orig", None)
        reason = str(orig) if orig is not None else str(exc)
        reason = reason.strip().splitlines()[0] if reason.strip() else type(exc).__name__
        raise StoreError(f"{hide_password(url)}: databasen kan ikke åbnes ({reason})") from exc
    return sessionmaker(engine, expire_on_commit=False)


def engine_of(factory: SessionFactory) -> Engine:
    """The engine behind a session factory from `open_store`."""
    bind = factory.kw["bind"]
    assert isinstance(bind, Engine)
    return bind
