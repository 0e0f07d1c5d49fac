"""`klynge ingest PATHS...`: files and folders into the store, one transaction per file.

Folders are read recursively; hidden files and folders and Word lock files (~$...) are skipped.
A bad file gets one line on stderr naming it and the reason; the others are still ingested. The run
ends with a summary ("12 nye, 3 uændrede, 1 ny version, 2 fejl") and exit code 1 if any file failed.
A file that was stored but read doubtfully (its quality verdict needs review) gets a line "kræver
gennemsyn: PATH: reasons", and the summary counts them; the exit code stays 0: nothing failed.
Every run is recorded (import_run/import_file), failures included, for the web's import page.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import select

from klynge.cli.main import DEBUG, app
from klynge.cli.parse_ahead import parsed_ahead
from klynge.config import database_url
from klynge.errors import KlyngeError
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.store.repo import finish_run, ingest_bytes, ingest_meeting, start_run
from klynge.store.tables import Document


def _hidden(path: Path, root: Path) -> bool:
    """Dot files and folders, and Word's lock files (~$referat.docx), are not documents."""
    return any(part.startswith(".") for part in path.relative_to(root).parts) or path.name.startswith("~$")


def collect(paths: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """Each file to ingest, in a stable order: (path, None), or (path, why it cannot be read)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and not _hidden(found, path):
                    yield found, None
        elif path.is_file():
            yield path, None
        else:
            yield path, "findes ikke"


def known_files(factory: SessionFactory, paths: list[Path]) -> set[Path]:
    """The files whose exact bytes are stored already (nothing to parse for them)."""
    digests: dict[str, Path] = {}
    for path in paths:
        try:
            digests[hashlib.sha256(path.read_bytes()).hexdigest()] = path
        except OSError:
            continue
    found: set[Path] = set()
    keys = sorted(digests)
    with factory() as session:
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            found.update(
                digests[d] for d in session.scalars(select(Document.sha256).where(Document.sha256.in_(chunk)))
            )
    return found


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(counts: Counter[str]) -> str:
    text = ", ".join(
        [
            plural(counts["new"], "ny", "nye"),
            plural(counts["duplicate"], "uændret", "uændrede"),
            plural(counts["new_version"], "ny version", "nye versioner"),
            plural(counts["failed"], "fejl", "fejl"),
        ]
    )
    return f"{text}; {counts['review']} kræver gennemsyn" if counts["review"] else text


NICE = 19
"""An import is background work: at the lowest CPU priority it gives way to a server on the same
cores and takes only what nobody else wants, so alone it is as fast as before. 50 browsing clients
while a writer imported without pause (bench/load.py): p99 256 ms at the same priority as the
server, 129-200 ms at 10, 116 ms at 19 (and the writer got more done: 1,273 documents a minute
against 986)."""


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(
        ..., help="Filer og mapper (mapper læses rekursivt; skjulte filer springes over)."
    ),
    unpublished: bool = typer.Option(False, "--unpublished", help="Gem møderne som ikke offentliggjorte."),
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
    nice: int = typer.Option(
        NICE,
        "--nice",
        min=0,
        max=19,
        help="Lavere CPU-prioritet (0-19), så webappen på samme maskine svarer hurtigt under en import; 0: fuld prioritet.",
    ),
) -> None:
    """Læs dagsordener og referater ind i databasen; samme fil to gange giver ét møde."""
    if nice and hasattr(os, "nice"):
        os.nice(nice)  # before the parse-ahead process starts: it inherits the priority
    factory = open_store(database_url(db))
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    files = list(collect(paths))
    counts: Counter[str] = Counter()
    failures: list[str] = []
    try:
        user: str | None = getpass.getuser()
    except (KeyError, OSError):
        user = None
    run = start_run(factory, source="cli", by=user)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    stored = known_files(factory, [path for path, problem in files if problem is None])
    ahead = parsed_ahead(
        [path if problem is None and path not in stored else None for path, problem in files]
    )
    try:
        with progress:
            task = progress.add_task("Indlæser", total=len(files))
            for (path, problem), parsed in zip(files, ahead, strict=True):
                progress.update(task, description=f"Indlæser {path.name[:40]}")
                reason = problem
                if reason is None:
                    try:
                        data = path.read_bytes()
                    except OSError as exc:
                        reason = f"kan ikke læses ({exc.strerror})"
                    else:
                        if parsed is not None:
                            outcome = ingest_meeting(
                                factory, data, path.name, parsed, published=not unpublished, run=run, by=user
                            )
                        else:
                            outcome = ingest_bytes(
                                factory, data, path.name, published=not unpublished, run=run, by=user
                            )
                        counts[outcome.outcome] += 1
                        if outcome.review:
                            counts["review"] += 1
                            doubts = "; ".join(outcome.review)
                            progress.console.print(f"kræver gennemsyn: {path}: {doubts}", markup=False)
                        if outcome.failed:
                            message = outcome.message or "ukendt fejl"
                            prefix = f"{path.name}: "
                            reason = message[len(prefix) :] if message.startswith(prefix) else message
                            if DEBUG["on"] and outcome.error and not isinstance(outcome.error, KlyngeError):
                                traceback.print_exception(outcome.error, file=sys.stderr)
                else:
                    counts["failed"] += 1
                if reason is not None:
                    line = f"{path}: {reason}"
                    failures.append(line)
                    progress.console.print(f"fejl: {line}", markup=False)
                progress.advance(task)
    finally:
        ahead.close()
        finish_run(factory, run)
        engine_of(factory).dispose()
    typer.echo(summary(counts))
    if failures:
        typer.echo("Fejl:")
        for line in failures:
            typer.echo(f"  {line}")
        raise typer.Exit(1)
