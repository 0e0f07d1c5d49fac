"""`klynge info`: which database, which schema version, and how much is in it."""

from __future__ import annotations

import typer
from sqlalchemy import func, select

from klynge.cli.main import app
from klynge.config import database_url
from klynge.store import tables as t
from klynge.store.db import current_revision, engine_of, head_revision, hide_password, open_store, sqlite_path


@app.command()
def info(
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
) -> None:
    """Vis databasen, dens skemaversion og antal møder, punkter, dokumenter og handlinger."""
    url = database_url(db)
    factory = open_store(url)
    engine = engine_of(factory)
    try:
        with factory() as session:
            revision = current_revision(session.connection())
            counts = {
                label: session.scalar(select(func.count()).select_from(table)) or 0
                for label, table in [
                    ("møder", t.Meeting),
                    ("punkter", t.Item),
                    ("dokumenter", t.Document),
                    ("handlinger", t.Action),
                ]
            }
    finally:
        engine.dispose()
    path = sqlite_path(url)
    typer.echo(f"Database:      {hide_password(url)}")
    typer.echo(f"SQLite-fil:    {path if path else '-'}")
    head = head_revision()
    typer.echo(f"Skemaversion:  {revision}" + ("" if revision == head else f" (nyeste: {head})"))
    for label, n in counts.items():
        typer.echo(f"{label.capitalize() + ':':<15}{n}")
