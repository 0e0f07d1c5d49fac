"""Alembic environment: runs on the connection `klynge.store.db` hands over in `config.attributes`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from klynge.store.tables import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the `alembic` command line, with sqlalchemy.url set
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.connect() as conn:
            _migrate(conn)
        return
    _migrate(connection)


def _migrate(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER by copying a table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
