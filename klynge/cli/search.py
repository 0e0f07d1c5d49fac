"""`klynge search QUERY` and `klynge related ITEM_ID`: thin shells over `klynge.index.search`.

Both show the public view (published meetings, no closed items), as the web does for visitors.
"""

from __future__ import annotations

import datetime as dt
import json

import typer

from klynge.cli.main import app
from klynge.config import database_url
from klynge.errors import InputError
from klynge.index import search as index_search
from klynge.index.snippet import to_text
from klynge.store.db import engine_of, open_store


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{option} {value!r}: ikke en dato (brug ÅÅÅÅ-MM-DD)") from exc


@app.command()
def search(
    query: str = typer.Argument(..., help='Ord, "frase", præfiks* og -udelad.'),
    forum: list[str] = typer.Option([], "--forum", help="Kun dette forum/denne klynge (kan gentages)."),
    date_from: str | None = typer.Option(None, "--from", help="Fra og med dato (ÅÅÅÅ-MM-DD)."),
    date_to: str | None = typer.Option(None, "--to", help="Til og med dato (ÅÅÅÅ-MM-DD)."),
    organisation: list[str] = typer.Option([], "--organisation", help="Kun møder med denne organisation."),
    person: list[str] = typer.Option([], "--person", help="Kun møder med denne person."),
    section: list[str] = typer.Option(
        [], "--section", help="Kun denne del: title, recommendation, case_text, minutes, decision ..."
    ),
    page: int = typer.Option(1, "--page", help="Side (1 er den første)."),
    per_page: int = typer.Option(20, "--per-page", help="Hits pr. side (højst 100)."),
    as_json: bool = typer.Option(False, "--json", help="Udskriv JSON: {total, hits: [...]}."),
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
) -> None:
    """Søg i arkivet med dansk bøjning og sammensatte ord."""
    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    engine = engine_of(open_store(database_url(db)))
    try:
        result = index_search.search(
            engine,
            query,
            forum=forum,
            organisation=organisation,
            person=person,
            section=section,
            date_from=start,
            date_to=end,
            page=page,
            per_page=per_page,
        )
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
        return
    more = "" if result.total_exact else "+"
    typer.echo(f"{result.total}{more} hits (side {result.page} af {result.pages})")
    for hit in result.hits:
        date = hit.date.isoformat() if hit.date else "uden dato"
        where = f"punkt {hit.item_number}" if hit.item_number else "mødet"
        typer.echo(f"\n{date}  {hit.forum}  {where} (id {hit.item_id or '-'}), {hit.section}")
        typer.echo(f"  {hit.title}")
        typer.echo(f"  {to_text(hit.snippet)}")


@app.command()
def related(
    item_id: int = typer.Argument(..., help="Punktets id (fra søgning eller mødevisning)."),
    limit: int = typer.Option(10, "--limit", help="Højst så mange punkter."),
    as_json: bool = typer.Option(False, "--json", help="Udskriv JSON."),
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
) -> None:
    """Punkter om det samme emne fra andre møder og klynger."""
    engine = engine_of(open_store(database_url(db)))
    try:
        found = index_search.related(engine, item_id, limit=limit)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(
            json.dumps({"item_id": item_id, "related": [r.as_json() for r in found]}, ensure_ascii=False)
        )
        return
    if not found:
        typer.echo("ingen beslægtede punkter fundet")
    for r in found:
        date = r.date.isoformat() if r.date else "uden dato"
        typer.echo(f"{r.item_id:>6}  {date}  {r.forum}  punkt {r.item_number}: {r.title}")


@app.command()
def reindex(
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
) -> None:
    """Byg søgeindekset op igen for hele arkivet (i én transaktion; søgning virker imens)."""
    import sys
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from klynge.index.sync import rebuild

    factory = open_store(database_url(db))
    progress = Progress(
        TextColumn("Indekserer"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    started = time.perf_counter()
    try:
        with progress, factory.begin() as session:
            task = progress.add_task("", total=None)
            count = rebuild(session, lambda n, total: progress.update(task, completed=n, total=total))
    finally:
        engine_of(factory).dispose()
    typer.echo(f"søgeindekset er bygget op igen: {count} møder på {time.perf_counter() - started:.1f} s")
