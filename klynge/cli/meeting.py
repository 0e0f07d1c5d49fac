"""`klynge meeting new|status|publish|reopen|history|delete`: meetings written in Klynge, and their lifecycle.

`klynge meeting new FILE` reads one meeting in the interchange JSON (../shared/eval/FORMAT.md, plus the
optional keys `confidential` per item, `guest` per participant and `chair`/`note_taker`/`title`) or the
same shape as YAML, stores it unpublished and prints the new meeting's id as the last line.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

import typer
import yaml

from klynge.cli.main import app
from klynge.config import database_url
from klynge.errors import InputError
from klynge.interchange import from_interchange
from klynge.store import lifecycle
from klynge.store.db import SessionFactory, engine_of, open_store

meeting_app = typer.Typer(help="Skriv møder i Klynge og før dem gennem forløbet til offentliggørelse.")
app.add_typer(meeting_app, name="meeting")

DB_OPTION = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB).")
BY_OPTION = typer.Option(None, "--by", help="Hvem ændringen står på i historikken (ellers brugernavnet).")


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _store(db: str | None) -> SessionFactory:
    return open_store(database_url(db))


def read_meeting_file(path: Path) -> dict[str, Any]:
    """The interchange object in a JSON or YAML file; a clear error for anything else."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: kan ikke læses ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name}: ikke UTF-8-tekst (forventer JSON eller YAML)") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputError(
                f"{path.name}: hverken gyldig JSON eller YAML ({str(exc).splitlines()[0]})"
            ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("meeting"), dict):
        raise InputError(f'{path.name}: forventer et objekt med "meeting" og "items" (se FORMAT.md)')
    if not isinstance(data.get("items", []), list) or not all(
        isinstance(i, dict) for i in data.get("items", [])
    ):
        raise InputError(f'{path.name}: "items" skal være en liste af punkter')
    for key in ("participants", "actions"):
        value = data.get(key, [])
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, dict) for v in value)):
            raise InputError(f'{path.name}: "{key}" skal være en liste af objekter')
    return data


@meeting_app.command("new")
def new(
    file: Path = typer.Argument(..., help="Mødet som interchange-JSON eller YAML."),
    status: str | None = typer.Option(
        None, "--status", help="draft_agenda, agenda_sent, minutes_draft eller minutes_approved."
    ),
    by: str | None = BY_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Gem et møde skrevet som JSON/YAML (ikke offentliggjort); sidste linje er mødets id."""
    data = read_meeting_file(file)
    meeting = lifecycle.prepared(from_interchange(data, file.name), keep_actions="actions" in data)
    factory = _store(db)
    try:
        meeting_id = lifecycle.create_meeting(factory, meeting, by=_who(by), status=status)
        with factory() as session:
            from klynge.store.tables import Meeting

            m = session.get(Meeting, meeting_id)
            state = lifecycle.LABELS.get(m.status, m.status) if m else "?"
    finally:
        engine_of(factory).dispose()
    typer.echo(f"{file.name}: gemt som møde {meeting_id} ({state}, ikke offentliggjort)", err=True)
    typer.echo(str(meeting_id))


@meeting_app.command("status")
def status_cmd(
    meeting_id: int = typer.Argument(..., metavar="ID"),
    new_status: str | None = typer.Argument(
        None, metavar="[STATUS]", help="Ny status; uden: vis status. 'next' går et trin frem."
    ),
    by: str | None = BY_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Vis eller skift et mødes status i forløbet (dagsorden -> referat -> offentliggjort)."""
    factory = _store(db)
    try:
        with factory() as session:
            from klynge.store.tables import Meeting

            m = session.get(Meeting, meeting_id)
            if m is None:
                from klynge.errors import NotFound

                raise NotFound(f"møde {meeting_id} findes ikke")
            current = m.status
        if new_status is None:
            typer.echo(f"{current}\t{lifecycle.LABELS.get(current, current)}")
            return
        target = lifecycle.next_status(current) if new_status == "next" else new_status
        if target is None:
            raise InputError(f"møde {meeting_id} er offentliggjort; der er intet næste trin")
        lifecycle.set_status(factory, meeting_id, target, by=_who(by))
    finally:
        engine_of(factory).dispose()
    typer.echo(f"møde {meeting_id}: {current} -> {target}")


@meeting_app.command("publish")
def publish(
    meeting_id: int = typer.Argument(..., metavar="ID"),
    by: str | None = BY_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Offentliggør et møde; en frossen kopi gemmes som offentliggjort version."""
    factory = _store(db)
    try:
        number = lifecycle.publish(factory, meeting_id, by=_who(by))
    finally:
        engine_of(factory).dispose()
    typer.echo(f"møde {meeting_id}: offentliggjort (version {number})")


@meeting_app.command("reopen")
def reopen(
    meeting_id: int = typer.Argument(..., metavar="ID"),
    by: str | None = BY_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Genåbn et offentliggjort møde til rettelse (skjult for offentligheden til næste offentliggørelse)."""
    factory = _store(db)
    try:
        lifecycle.reopen(factory, meeting_id, by=_who(by))
    finally:
        engine_of(factory).dispose()
    typer.echo(f"møde {meeting_id}: genåbnet som referatkladde")


@meeting_app.command("history")
def history(
    meeting_id: int = typer.Argument(..., metavar="ID"),
    as_json: bool = typer.Option(False, "--json", help="Udskriv JSON."),
    db: str | None = DB_OPTION,
) -> None:
    """Alle ændringer af et møde: hvem, hvornår, før og efter."""
    factory = _store(db)
    try:
        rows = lifecycle.history(factory, meeting_id)
    finally:
        engine_of(factory).dispose()
    if as_json:
        out = [
            {
                "at": r.at.isoformat(),
                "by": r.by,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "change": r.change,
                "before": r.before,
                "after": r.after,
            }
            for r in rows
        ]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    if not rows:
        typer.echo(f"møde {meeting_id}: ingen ændringer registreret")
    for r in rows:
        typer.echo(f"{r.at:%Y-%m-%d %H:%M:%S}  {r.by or '?':<14} {r.entity} {r.entity_id or ''} {r.change}")


@meeting_app.command("delete")
def delete(
    meeting_id: int = typer.Argument(..., metavar="ID"),
    by: str | None = BY_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Slet et møde, der aldrig har været offentliggjort (historikken bevares)."""
    factory = _store(db)
    try:
        lifecycle.delete_meeting(factory, meeting_id, by=_who(by))
    finally:
        engine_of(factory).dispose()
    typer.echo(f"møde {meeting_id}: slettet")
