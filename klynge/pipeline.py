"""parse(bytes, name) -> Meeting: read > clean > segment > extract, all pure."""

from __future__ import annotations

from pathlib import Path

from klynge.clean import clean
from klynge.extract import extract
from klynge.model import Meeting
from klynge.read import read_document
from klynge.segment import segment


def parse(data: bytes, name: str) -> Meeting:
    """Parse one agenda or minutes document. Raises `InputError` for unusable input."""
    document = read_document(data, name)
    lines = clean(document)
    meeting = segment(document, lines)
    return extract(meeting)


def parse_file(path: Path) -> Meeting:
    return parse(path.read_bytes(), path.name)
