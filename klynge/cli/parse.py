"""`klynge parse FILE`: parse one document and print it; no database involved."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from klynge.cli.main import app
from klynge.errors import InputError
from klynge.interchange import to_interchange
from klynge.outline import outline
from klynge.pipeline import parse as parse_bytes


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


@app.command()
def parse(
    file: Path = typer.Argument(..., help="Dagsorden eller referat (PDF, DOCX, Markdown, HTML, tekst)."),
    format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="json eller text."),
) -> None:
    """Læs ét dokument og udskriv mødet (interchange-JSON eller en læsbar oversigt)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: kan ikke læses ({exc.strerror})") from exc
    meeting = parse_bytes(data, file.name)
    if format == OutputFormat.json:
        typer.echo(json.dumps(to_interchange(meeting), ensure_ascii=False, indent=1))
    else:
        typer.echo(outline(meeting))
