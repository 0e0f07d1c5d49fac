"""Load the demo archive into a store: each file through `ingest_bytes`, as any user's file would go.

While the parser cannot read a demo file yet (or reads it wrongly enough to fail), `fallback=True`
stores the meeting the file was made from (content.py) with the file's bytes via `ingest_meeting`,
and says so in the result, so a newcomer still gets a living archive. `fallback=False` shows the
parser's own result only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from klynge.demo import files
from klynge.demo.build import render_text
from klynge.demo.content import DemoMeeting, meetings
from klynge.interchange import from_interchange
from klynge.model import Meeting
from klynge.store.db import SessionFactory
from klynge.store.repo import IngestOutcome, ingest_bytes, ingest_meeting

FORMAT_NAMES = {"pdf": "pdf", "docx": "docx", "md": "markdown", "html": "html"}


@dataclass(frozen=True)
class Loaded:
    path: Path
    outcome: IngestOutcome
    parsed: bool
    """True when the parser read the file; False when the known content was stored instead."""
    parse_error: str | None = None


def known_meeting(demo: DemoMeeting) -> Meeting:
    """The meeting a demo file was rendered from, with a readable text of it as the document text."""
    meeting = from_interchange(demo.data, demo.filename)
    document = dataclasses.replace(meeting.document, format=FORMAT_NAMES[demo.format], text=render_text(demo))
    return dataclasses.replace(meeting, document=document)


def load(factory: SessionFactory, *, run: int | None = None, fallback: bool = True) -> Iterator[Loaded]:
    """Ingest every demo file; yields one result per file as it goes (for a progress display)."""
    by_name = {m.filename: m for m in meetings()}
    for path in files():
        data = path.read_bytes()
        outcome = ingest_bytes(factory, data, path.name, run=run)
        demo = by_name.get(path.name)
        if outcome.failed and fallback and demo is not None:
            stored = ingest_meeting(factory, data, path.name, known_meeting(demo), run=run)
            yield Loaded(path, stored, parsed=False, parse_error=outcome.message)
        else:
            yield Loaded(path, outcome, parsed=not outcome.failed)
