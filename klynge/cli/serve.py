"""`klynge serve`: the web app and APIs over the archive, with uvicorn."""

from __future__ import annotations

import os

import typer

from klynge.cli.main import app
from klynge.config import base_url, database_url, trusted_proxies
from klynge.store.db import hide_password
from klynge.web.access import is_loopback


@app.command()
def serve(
    demo: bool = typer.Option(False, "--demo", help="Indlæs demo-arkivet først (hvis det ikke er der)."),
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Adresse at lytte på. Uden brugere kan kun en server på 127.0.0.1 skrives i (se klynge user add).",
    ),
    port: int = typer.Option(8000, "--port", help="Port."),
    workers: int = typer.Option(1, "--workers", min=1, help="Antal arbejdsprocesser."),
    db: str | None = typer.Option(None, "--db", help="Database-URL eller SQLite-fil (ellers KLYNGE_DB)."),
) -> None:
    """Start webappen, REST-API'et og OParl-API'et."""
    import uvicorn

    url = database_url(db)
    base_url()  # a bad setting is an error now, not in each worker
    trusted_proxies()
    from klynge.web.setup import prepare

    loaded = prepare(url, demo=demo)
    if loaded:
        typer.echo(f"demo: {loaded} dokumenter indlæst", err=True)
    os.environ["KLYNGE_DB"] = url
    os.environ["KLYNGE_HOST"] = host
    typer.echo(f"Klynge kører på http://{host}:{port}/  (database: {hide_password(url)})", err=True)
    if not is_loopback(host):
        typer.echo(
            "ændringer kræver login som sekretariat eller administrator (opret brugere med klynge user add)",
            err=True,
        )
    uvicorn.run(
        "klynge.web.asgi:make_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        proxy_headers=False,  # X-Forwarded-For only from KLYNGE_TRUSTED_PROXIES (klynge.web.access)
    )
