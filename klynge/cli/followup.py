"""`klynge decisions`, `klynge actions` (+ `done`, `reopen`) and `klynge calendar`: the follow-up.

The CLI reads the same queries as the web pages. Whoever runs the CLI holds the database itself, so
it sees closed items and unpublished meetings too.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy.orm import Session

from klynge.cli.main import app
from klynge.config import database_url
from klynge.errors import InputError
from klynge.export.ical import calendar
from klynge.store.db import engine_of, open_store
from klynge.web.access import Viewer
from klynge.web.queries import followups
from klynge.web.queries.calendar import entries as calendar_entries

CLI_VIEWER = Viewer(name="cli", sees_confidential=True, may_write=True, role="admin", sees_personal=True)
DB_OPTION = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB).")


@contextmanager
def _session(db: str | None) -> Iterator[Session]:
    factory = open_store(database_url(db))
    try:
        with factory() as session:
            yield session
    finally:
        engine_of(factory).dispose()


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{option}: '{value}' er ikke en dato (brug ÅÅÅÅ-MM-DD)") from exc


@app.command()
def decisions(
    forum: str | None = typer.Option(None, "--forum", help="Kun dette forum."),
    kind: str | None = typer.Option(None, "--kind", help="approved, noted, postponed, rejected, other."),
    since: str | None = typer.Option(None, "--from", help="Fra dato (ÅÅÅÅ-MM-DD)."),
    until: str | None = typer.Option(None, "--to", help="Til dato (ÅÅÅÅ-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="Udskriv JSON."),
    db: str | None = DB_OPTION,
) -> None:
    """Beslutningsregistret: hver beslutning med møde, punkt og art."""
    start, end = _date(since, "--from"), _date(until, "--to")
    with _session(db) as session:
        page = followups.list_decisions(session, CLI_VIEWER, forum=forum, kind=kind, size=100_000)
    rows = [
        d
        for d in page.rows
        if (not start or (d.date and d.date >= start)) and (not end or (d.date and d.date <= end))
    ]
    if as_json:
        out = [
            {
                "id": d.id,
                "meeting_id": d.meeting_id,
                "item_id": d.item_id,
                "item_number": d.item_number,
                "item_title": d.item_title,
                "kind": d.kind,
                "text": d.text,
                "date": d.date.isoformat() if d.date else None,
                "forum": d.forum,
            }
            for d in rows
        ]
        typer.echo(json.dumps({"total": len(out), "decisions": out}, ensure_ascii=False, indent=1))
        return
    for d in rows:
        label = followups.KIND_LABELS.get(d.kind, d.kind)
        when = d.date.isoformat() if d.date else "uden dato"
        typer.echo(f"{when}  {d.forum}  pkt. {d.item_number or '-'}  [{label}]")
        typer.echo(f"    {' '.join(d.text.split())}")
    typer.echo(f"{len(rows)} beslutninger", err=True)


actions_app = typer.Typer(help="Handlinger: hvem gør hvad hvornår.", invoke_without_command=True)
app.add_typer(actions_app, name="actions")


@actions_app.callback()
def actions(
    ctx: typer.Context,
    open_: bool = typer.Option(False, "--open", help="Kun åbne (inkl. overskredne)."),
    overdue: bool = typer.Option(False, "--overdue", help="Kun overskredne."),
    done: bool = typer.Option(False, "--done", help="Kun udførte."),
    owner: str | None = typer.Option(None, "--owner", help="Ansvarlig som skrevet, fx 'Katrine Gimm'."),
    forum: str | None = typer.Option(None, "--forum", help="Kun dette forum."),
    as_json: bool = typer.Option(False, "--json", help="Udskriv JSON."),
    db: str | None = DB_OPTION,
) -> None:
    """Vis handlinger (uden underkommando)."""
    if ctx.invoked_subcommand is not None:
        return
    if sum([open_, overdue, done]) > 1:
        raise InputError("vælg højst én af --open, --overdue og --done")
    status = "open" if open_ else "overdue" if overdue else "done" if done else None
    with _session(db) as session:
        page = followups.list_actions(
            session, CLI_VIEWER, status=status, owner=owner, forum=forum, size=100_000
        )
    if as_json:
        out = [
            {
                "id": a.id,
                "meeting_id": a.meeting_id,
                "item_number": a.item_number,
                "owner": a.owner,
                "task": a.task,
                "due": a.due.isoformat() if a.due else None,
                "due_phrase": a.due_phrase,
                "status": a.status,
                "forum": a.forum,
                "date": a.date.isoformat() if a.date else None,
            }
            for a in page.rows
        ]
        typer.echo(json.dumps({"total": len(out), "actions": out}, ensure_ascii=False, indent=1))
        return
    for a in page.rows:
        due = f"  frist: {a.due_phrase or a.due}" if (a.due_phrase or a.due) else ""
        label = followups.STATUS_LABELS.get(a.status, a.status)
        typer.echo(
            f"#{a.id}  [{label}]  {a.owner}{due}  ({a.forum} {a.date or ''}, pkt. {a.item_number or '-'})"
        )
        typer.echo(f"    {' '.join(a.task.split())}")
    typer.echo(f"{page.total} handlinger", err=True)


def _set_status(action_id: int, status: str, note: str | None, by: str | None, db: str | None) -> None:
    viewer = Viewer(name=by or CLI_VIEWER.name, sees_confidential=True, may_write=True, role="admin")
    with _session(db) as session:
        action = followups.set_status(session, viewer, action_id, status, note)
        typer.echo(f"handling {action.id} er nu {followups.STATUS_LABELS.get(status, status).lower()}")


@actions_app.command("done")
def action_done(
    action_id: int = typer.Argument(..., metavar="ID"),
    note: str | None = typer.Option(None, "--note", help="Bemærkning, fx 'Møde holdt 12/1'."),
    by: str | None = typer.Option(None, "--by", help="Hvem (gemmes i historikken)."),
    db: str | None = DB_OPTION,
) -> None:
    """Markér en handling som udført (gemmes med hvem og hvornår)."""
    _set_status(action_id, "done", note, by, db)


@actions_app.command("reopen")
def action_reopen(
    action_id: int = typer.Argument(..., metavar="ID"),
    note: str | None = typer.Option(None, "--note", help="Bemærkning."),
    by: str | None = typer.Option(None, "--by", help="Hvem (gemmes i historikken)."),
    db: str | None = DB_OPTION,
) -> None:
    """Genåbn en udført handling."""
    _set_status(action_id, "open", note, by, db)


@app.command("calendar")
def calendar_cmd(
    forum: str | None = typer.Option(None, "--forum", help="Kun dette forums møder og frister."),
    person: str | None = typer.Option(
        None, "--person", help="Kun møder med denne deltager og dennes frister."
    ),
    public: bool = typer.Option(
        False, "--public", help="Kun det offentligheden må se (til en kalender, der deles)."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Udskriv en iCalendar-fil (RFC 5545) med møder og handlingsfrister: klynge calendar > klynge.ics"""
    viewer = Viewer(name="offentlig") if public else CLI_VIEWER
    with _session(db) as session:
        meetings, deadlines = calendar_entries(session, viewer, forum=forum, person=person)
    sys.stdout.buffer.write(calendar(meetings, deadlines))
    sys.stdout.flush()
