"""Load the demo archive into a store: each file parsed and stored as any user's file would be.

With `fallback=True` (the default) a file the parser cannot read, or reads without its meeting header
or with a different number of items than it has, is stored as the meeting it was made from
(content.py), with the file's bytes, and the result says why. So a newcomer gets a living archive
even while parts of the parser are missing. `fallback=False` stores the parser's result only, via
`ingest_bytes`, failures included.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from klynge.demo import files
from klynge.demo.build import render_text
from klynge.demo.content import DemoMeeting, meetings
from klynge.errors import InputError
from klynge.interchange import from_interchange
from klynge.model import Meeting
from klynge.pipeline import parse
from klynge.store.db import SessionFactory
from klynge.store.repo import IngestOutcome, ingest_bytes, ingest_meeting

FORMAT_NAMES = {"pdf": "pdf", "docx": "docx", "md": "markdown", "html": "html"}


@dataclass(frozen=True)
class Loaded:
    path: Path
    outcome: IngestOutcome
    parsed: bool
    """True when the parser's reading was stored; False when the known content was stored instead."""
    parse_error: str | None = None
    """Why the parser's reading was not used."""


def known_meeting(demo: DemoMeeting, data: bytes) -> Meeting:
    """The meeting a demo file was rendered from, with a readable text of it as the document text."""
    meeting = from_interchange(demo.data, demo.filename)
    document = dataclasses.replace(
        meeting.document,
        format=FORMAT_NAMES[demo.format],
        text=render_text(demo),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return dataclasses.replace(meeting, document=document)


def _shortfall(parsed: Meeting, demo: DemoMeeting) -> str | None:
    """Why the parser's reading falls short of the file, or None when it can be stored."""
    if parsed.meeting.forum is None or parsed.meeting.date is None:
        return f"{demo.filename}: mødets forum og dato blev ikke fundet"
    if len(parsed.items) != len(demo.data["items"]):
        return f"{demo.filename}: {len(parsed.items)} punkter fundet, filen har {len(demo.data['items'])}"
    return None


def load(factory: SessionFactory, *, run: int | None = None, fallback: bool = True) -> Iterator[Loaded]:
    """Ingest every demo file; yields one result per file as it goes (for a progress display)."""
    by_name = {m.filename: m for m in meetings()}
    for path in files():
        data = path.read_bytes()
        demo = by_name.get(path.name)
        if not fallback or demo is None:
            outcome = ingest_bytes(factory, data, path.name, run=run)
            yield Loaded(path, outcome, parsed=not outcome.failed)
            continue
        try:
            parsed = parse(data, path.name)
            problem = _shortfall(parsed, demo)
        except InputError as exc:
            problem = str(exc)
        if problem is None:
            outcome = ingest_meeting(factory, data, path.name, parsed, run=run)
            yield Loaded(path, outcome, parsed=True)
        else:
            outcome = ingest_meeting(factory, data, path.name, known_meeting(demo, data), run=run)
            yield Loaded(path, outcome, parsed=False, parse_error=problem)
