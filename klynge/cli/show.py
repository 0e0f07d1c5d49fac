"""`klynge show ID`: one stored meeting, as a readable outline or as interchange JSON."""

from __future__ import annotations

import json

import typer

from klynge.cli.main import app
from klynge.config import database_url
from klynge.interchange import to_interchange
from klynge.outline import outline
from klynge.store.db import engine_of, open_store
from klynge.store.views import get_meeting, to_model


@app.command()
def show(
    meeting_id: int = typer.Argument(..., metavar="ID", help="Mødets id (se `klynge ingest` og webben)."),
    as_json: bool = typer.Option(False, "--json", help="Udskriv interchange-JSON i stedet for en oversigt."),
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
) -> None:
    """Vis ét gemt møde."""
    factory = open_store(database_url(db))
    try:
        with factory() as session:
            view = get_meeting(session, meeting_id)
            meeting = to_model(session, meeting_id)
    finally:
        engine_of(factory).dispose()
    if as_json:
        typer.echo(json.dumps(to_interchange(meeting), ensure_ascii=False, indent=1))
        return
    state = "offentliggjort" if view.published else "ikke offentliggjort"
    source = f", {view.document.filename}" if view.document else ""
    typer.echo(f"Møde {view.id} (version {view.version}{source}, {state})")
    typer.echo(outline(meeting))
