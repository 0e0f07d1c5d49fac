"""`klynge reparse`: read every stored original again with the current parser (issue 16).

After the parser improves, the archive should follow. Each meeting is read again in its own
transaction (safe to interrupt: rerun to finish), with people's corrections applied again; a
correction that no longer applies is named on stderr and kept, and the meeting goes back on the
review list. A file the parser now refuses leaves its meeting as it was (a line on stderr).
"""

from __future__ import annotations

import os
import sys
from collections import Counter

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from klynge.cli.ingest import NICE, plural
from klynge.cli.main import app
from klynge.config import database_url
from klynge.store.db import engine_of, open_store
from klynge.store.reparse import reparse_meeting, stored_originals


@app.command()
def reparse(
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
    meeting: list[int] = typer.Option([], "--meeting", "-m", help="Kun disse møder (id; kan gentages)."),
    nice: int = typer.Option(
        NICE, "--nice", min=0, max=19, help="Lavere CPU-prioritet (0-19); 0: fuld prioritet."
    ),
) -> None:
    """Læs alle gemte originalfiler igen med den nuværende parser; rettelser bevares."""
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    factory = open_store(database_url(db))
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    counts: Counter[str] = Counter()
    try:
        ids = list(meeting) or stored_originals(factory)
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=not sys.stderr.isatty(),
        )
        with progress:
            task = progress.add_task("Læser igen", total=len(ids))
            for mid in ids:
                outcome = reparse_meeting(factory, mid)
                if outcome.failed:
                    counts["failed"] += 1
                    progress.console.print(f"fejl: møde {mid}: {outcome.failed}", markup=False)
                else:
                    counts["read"] += 1
                    counts["applied"] += outcome.applied
                    counts["stale"] += len(outcome.stale)
                    counts["review"] += outcome.review
                    for line in outcome.stale:
                        progress.console.print(f"møde {mid}: {line}", markup=False)
                progress.advance(task)
    finally:
        engine_of(factory).dispose()
    typer.echo(
        ", ".join(
            [
                plural(counts["read"], "møde læst igen", "møder læst igen"),
                plural(counts["applied"], "rettelse genbrugt", "rettelser genbrugt"),
                plural(counts["stale"], "rettelse passer ikke længere", "rettelser passer ikke længere"),
                plural(counts["review"], "kræver gennemsyn", "kræver gennemsyn"),
                plural(counts["failed"], "fejl", "fejl"),
            ]
        )
    )
    if counts["failed"]:
        raise typer.Exit(1)
