"""`klynge demo`: load the bundled demo archive into the database and show what is there."""

from __future__ import annotations

from collections import Counter

import typer

from klynge.cli.main import app
from klynge.config import database_url
from klynge.store.db import engine_of, open_store
from klynge.store.repo import finish_run, start_run
from klynge.store.views import list_meetings


@app.command()
def demo(
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
    strict: bool = typer.Option(
        False, "--strict", help="Brug kun parserens resultat; gem ikke demoens kendte indhold ved fejl."
    ),
) -> None:
    """Indlæs demo-arkivet (syntetiske referater: fire fora, 2022-2024, PDF, DOCX, Markdown, HTML)."""
    from klynge.demo import files
    from klynge.demo.load import load

    if not files():
        raise typer.BadParameter("demo-filerne mangler (klynge/demo/files); kør python -m klynge.demo.build")
    url = database_url(db)
    factory = open_store(url)
    outcomes: Counter[str] = Counter()
    fallbacks: list[str] = []
    failures: list[str] = []
    run = start_run(factory, source="demo")
    try:
        for loaded in load(factory, run=run, fallback=not strict):
            outcomes[loaded.outcome.outcome] += 1
            if loaded.outcome.failed:
                failures.append(loaded.outcome.message or loaded.path.name)
            elif not loaded.parsed:
                fallbacks.append(loaded.parse_error or loaded.path.name)
        finish_run(factory, run)
        with factory() as session:
            page = list_meetings(session, per_page=500)
    finally:
        engine_of(factory).dispose()

    typer.echo(f"Database: {url}")
    typer.echo(
        f"Demo-filer: {sum(outcomes.values())} ({outcomes['new']} nye, {outcomes['duplicate']} uændrede, "
        f"{outcomes['new_version']} nye versioner, {outcomes['failed']} fejl)"
    )
    if fallbacks:
        typer.echo(
            f"Bemærk: parseren kunne ikke læse {len(fallbacks)} af filerne fuldt ud; for dem er demoens "
            "kendte indhold gemt sammen med filen. Første grund:"
        )
        typer.echo(f"  {fallbacks[0]}")
    for line in failures:
        typer.echo(f"fejl: {line}", err=True)
    per_forum: Counter[str] = Counter(m.forum or "(ukendt forum)" for m in page.rows)
    typer.echo(f"Møder i databasen: {page.total}")
    for forum, count in sorted(per_forum.items()):
        typer.echo(f"  {count:3d}  {forum}")
    if page.rows:
        newest = page.rows[0]
        when = newest.date.isoformat() if newest.date else "uden dato"
        typer.echo(f"Nyeste: {newest.forum or '(ukendt forum)'} {when} ({newest.items} punkter)")
        typer.echo(f"Se et møde: klynge show {newest.id}")
    if failures:
        raise typer.Exit(1)
