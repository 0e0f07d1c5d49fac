"""`klynge user add|remove|role|password|list|token|revoke` and `klynge audit`: accounts from the terminal.

Passwords come from `--password`, else the environment variable KLYNGE_PASSWORD (for scripts), else
a hidden prompt.
"""

from __future__ import annotations

import json
import os

import typer

from klynge.cli.main import app
from klynge.config import database_url
from klynge.store import accounts
from klynge.store.db import SessionFactory, engine_of, open_store

user_app = typer.Typer(help="Brugere og roller: member, secretariat, admin.")
app.add_typer(user_app, name="user")

DB_OPTION = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB).")
FORUM_OPTION = typer.Option(
    None, "--forum", help="Et eksisterende forum brugeren er medlem/sekretariat af (kan gentages)."
)
CREATE_FORUM_OPTION = typer.Option(
    False, "--create-forum", help="Opret et --forum, der ikke findes endnu (aldrig et, der ligner et andet)."
)
BY = "cli"


def _password(given: str | None) -> str:
    if given:
        return given
    env = os.environ.get("KLYNGE_PASSWORD")
    if env:
        return env
    value: str = typer.prompt("Adgangskode", hide_input=True, confirmation_prompt=True)
    return value


def _run(db: str | None) -> SessionFactory:
    return open_store(database_url(db))


@user_app.command("add")
def add(
    username: str = typer.Argument(...),
    role: str = typer.Option("member", "--role", help="member, secretariat eller admin."),
    forum: list[str] | None = FORUM_OPTION,
    name: str = typer.Option("", "--name", help="Fulde navn."),
    password: str | None = typer.Option(None, "--password", help="Ellers KLYNGE_PASSWORD eller prompt."),
    create_forum: bool = CREATE_FORUM_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Opret en bruger."""
    factory = _run(db)
    try:
        accounts.add_user(
            factory,
            username,
            _password(password),
            role,
            name=name,
            fora=forum or [],
            create_fora=create_forum,
            by=BY,
        )
    finally:
        engine_of(factory).dispose()
    typer.echo(f"bruger {username.strip().lower()} oprettet ({role})")


@user_app.command("remove")
def remove(username: str = typer.Argument(...), db: str | None = DB_OPTION) -> None:
    """Slet en bruger (log-posterne bevares)."""
    factory = _run(db)
    try:
        accounts.remove_user(factory, username, by=BY)
    finally:
        engine_of(factory).dispose()
    typer.echo(f"bruger {username} slettet")


@user_app.command("role")
def role(
    username: str = typer.Argument(...),
    new_role: str = typer.Argument(..., metavar="ROLE", help="member, secretariat eller admin."),
    forum: list[str] | None = FORUM_OPTION,
    create_forum: bool = CREATE_FORUM_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Skift rolle (og fora, når --forum er givet); brugerens sessioner afsluttes."""
    factory = _run(db)
    try:
        accounts.set_role(factory, username, new_role, fora=forum or None, create_fora=create_forum, by=BY)
    finally:
        engine_of(factory).dispose()
    typer.echo(f"bruger {username}: rolle {new_role}")


@user_app.command("password")
def password_cmd(
    username: str = typer.Argument(...),
    password: str | None = typer.Option(None, "--password"),
    db: str | None = DB_OPTION,
) -> None:
    """Sæt ny adgangskode (brugerens sessioner og API-tokens ophører)."""
    factory = _run(db)
    try:
        accounts.set_password(factory, username, _password(password), by=BY)
    finally:
        engine_of(factory).dispose()
    typer.echo(f"bruger {username}: ny adgangskode sat")


@user_app.command("list")
def list_cmd(as_json: bool = typer.Option(False, "--json"), db: str | None = DB_OPTION) -> None:
    """Vis alle brugere med rolle og fora."""
    factory = _run(db)
    try:
        users = accounts.list_users(factory)
    finally:
        engine_of(factory).dispose()
    rows = [
        {
            "username": u.username,
            "name": u.name,
            "role": u.role,
            "fora": [f.name for f in u.fora],
            "active": u.active,
        }
        for u in users
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for u in users:
        typer.echo(f"{u.username:<20} {u.role:<12} {', '.join(f.name for f in u.fora)}")


@user_app.command("token")
def token(
    username: str = typer.Argument(...),
    name: str = typer.Option("", "--name", help="Hvad tokenet bruges til."),
    db: str | None = DB_OPTION,
) -> None:
    """Lav et API-token til scripts (vises kun denne ene gang): Authorization: Bearer <token>."""
    factory = _run(db)
    try:
        value = accounts.create_token(factory, username, name, by=BY)
    finally:
        engine_of(factory).dispose()
    typer.echo(value)


@user_app.command("revoke")
def revoke(token_id: int = typer.Argument(..., metavar="TOKEN_ID"), db: str | None = DB_OPTION) -> None:
    """Tilbagekald et API-token."""
    factory = _run(db)
    try:
        accounts.revoke_token(factory, token_id, by=BY)
    finally:
        engine_of(factory).dispose()
    typer.echo(f"token {token_id} tilbagekaldt")


@app.command("audit")
def audit_cmd(
    limit: int = typer.Option(50, "--limit", help="Antal poster (nyeste først)."),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DB_OPTION,
) -> None:
    """Log over login og ændringer (nyeste først)."""
    factory = _run(db)
    try:
        rows = accounts.audit_rows(factory, limit=limit)
    finally:
        engine_of(factory).dispose()
    if as_json:
        out = [
            {
                "at": r.at.isoformat(),
                "actor": r.actor,
                "action": r.action,
                "target": r.target,
                "ok": r.ok,
                "ip": r.ip,
            }
            for r in rows
        ]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for r in rows:
        flag = "" if r.ok else "  AFVIST"
        typer.echo(f"{r.at:%Y-%m-%d %H:%M:%S}  {r.actor or '-':<14} {r.action:<18} {r.target or ''}{flag}")
