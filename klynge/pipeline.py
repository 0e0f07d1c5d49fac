"""parse(bytes, name) -> Meeting: read > clean > segment > extract, all pure."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from klynge import deadline
from klynge.clean import clean
from klynge.extract import extract
from klynge.model import Meeting
from klynge.quality import assess
from klynge.read import read_document
from klynge.segment import segment


def parse(data: bytes, name: str, *, time_limit: float | None = deadline.DEFAULT_SECONDS) -> Meeting:
    """Parse one agenda or minutes document. Raises `InputError` for unusable input, also for a
    document that takes longer than `time_limit` seconds (None: no limit)."""
    with deadline.time_limit(time_limit, name):
        document = read_document(data, name)
        deadline.check()
        lines = clean(document)
        deadline.check()
        meeting = segment(document, lines)
        deadline.check()
        extracted = extract(meeting)
        return dataclasses.replace(extracted, quality=assess(extracted))


def parse_file(path: Path) -> Meeting:
    return parse(path.read_bytes(), path.name)
