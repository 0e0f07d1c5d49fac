"""`klynge backup FILE` and `klynge restore FILE`: the whole store as one zip and back (klynge.store.backup)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from klynge.cli.main import app
from klynge.config import database_url
from klynge.store import backup as store_backup

DB_OPTION = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB).")


@contextmanager
def _progress(verb: str) -> Iterator[Callable[[str], None]]:
    """A spinner naming the table at work, on stderr and only in a terminal (as `klynge ingest`)."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True, highlight=False),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    with progress:
        task = progress.add_task(verb, total=None)
        yield lambda step: progress.update(task, description=f"{verb}: {step}")


def _size(n: int) -> str:
    """Bytes as people read them: 812 B, 4,2 MB."""
    value = float(n)
    for unit in ("B", "kB", "MB"):
        if value < 1000:
            return f"{n} B" if unit == "B" else f"{value:.1f} {unit}".replace(".", ",")
        value /= 1000
    return f"{value:.1f} GB".replace(".", ",")


@app.command()
def backup(
    file: Path = typer.Argument(
        ..., metavar="FILE", help="Zip-filen, der skrives (erstattes, når den er færdig)."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Gem hele databasen (tabeller og originale filer) i én zip-fil."""
    with _progress("Tager backup") as step:
        summary = store_backup.backup(database_url(db), file, progress=step)
    filled = sum(1 for t in summary.tables if t.rows)
    typer.echo(
        f"{summary.path}: {summary.rows} rækker i {len(summary.tables)} tabeller ({filled} med data), "
        f"{summary.documents} originale filer, {_size(summary.size)}, skemaversion {summary.revision}"
    )


@app.command()
def restore(
    file: Path = typer.Argument(..., metavar="FILE", help="En zip-fil fra `klynge backup`."),
    replace: bool = typer.Option(
        False, "--replace", help="Slet databasens nuværende indhold først (ellers skal den være tom)."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Gendan en backup i en tom database og genopbyg søgeindekset; alt eller intet."""
    with _progress("Gendanner") as step:
        summary = store_backup.restore(database_url(db), file, replace=replace, progress=step)
    typer.echo(
        f"{summary.path}: {summary.rows} rækker gendannet i {len(summary.tables)} tabeller, "
        f"{summary.documents} originale filer, {summary.meetings_indexed} møder søgeindekseret"
    )
