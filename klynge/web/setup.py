"""Before serving: open (and migrate) the database, and load the demo archive when asked."""

from __future__ import annotations

from sqlalchemy import func, select

from klynge.store.db import engine_of, open_store
from klynge.store.repo import finish_run, start_run
from klynge.store.tables import Meeting


def prepare(db_url: str, *, demo: bool = False) -> int:
    """Migrate the database; with `demo`, load the bundled demo archive into an empty archive.

    Returns how many demo files were stored (0 when the archive already had meetings).
    """
    factory = open_store(db_url)
    try:
        if not demo:
            return 0
        with factory() as s:
            if (s.scalar(select(func.count()).select_from(Meeting)) or 0) > 0:
                return 0
        from klynge.demo.load import load

        run = start_run(factory, "demo", by="klynge serve --demo")
        try:
            return sum(0 if loaded.outcome.failed else 1 for loaded in load(factory, run=run))
        finally:
            finish_run(factory, run)
    finally:
        engine_of(factory).dispose()
