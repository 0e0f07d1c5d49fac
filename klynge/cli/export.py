"""`klynge export ID --format docx|pdf|md|html -o FILE`: a stored meeting as agenda or minutes."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from klynge.cli.main import app
from klynge.config import database_url
from klynge.errors import InputError, StoreError
from klynge.export import FORMATS, Kind, default_kind, render
from klynge.privacy import mask_meeting
from klynge.store import accounts
from klynge.store.db import engine_of, open_store
from klynge.store.views import to_model


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


@app.command()
def export(
    meeting_id: int = typer.Argument(..., metavar="ID", help="Mødets id."),
    fmt: str = typer.Option("docx", "--format", "-f", help="docx, pdf, md eller html."),
    output: Path = typer.Option(..., "--output", "-o", help="Filen der skrives."),
    kind: str | None = typer.Option(
        None, "--kind", help="agenda eller minutes (standard: minutes når mødet har referat)."
    ),
    public: bool = typer.Option(
        False, "--public", help="Offentlig udgave: uden lukkede punkter, personoplysninger skjult."
    ),
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
) -> None:
    """Eksportér et møde som dagsorden eller referat i det vante layout."""
    if fmt not in FORMATS:
        raise InputError(f"ukendt format {fmt!r}; brug en af {', '.join(FORMATS)}")
    if kind not in (None, "agenda", "minutes"):
        raise InputError(f"ukendt art {kind!r}; brug agenda eller minutes")
    factory = open_store(database_url(db))
    try:
        with factory() as session:
            meeting = to_model(session, meeting_id, public=public)
        if not public and any(it.confidential for it in meeting.items):  # closed items leave: audited
            accounts.log_closed_download(
                factory, _user(), "export", f"møde {meeting_id}", format=fmt, file=str(output)
            )
    finally:
        engine_of(factory).dispose()
    if public:  # masked in the model: no layout can split a number away from its mask
        meeting = mask_meeting(meeting)
    chosen: Kind = default_kind(meeting) if kind is None else ("agenda" if kind == "agenda" else "minutes")
    data = render(meeting, fmt, chosen, include_closed=not public)
    tmp = output.with_name(output.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{output}: kan ikke skrives ({exc.strerror})") from exc
    typer.echo(f"møde {meeting_id}: {chosen} skrevet til {output} ({len(data):,} bytes)".replace(",", "."))
