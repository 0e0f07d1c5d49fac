"""The types every pipeline step passes on: read > clean > segment > extract.

All are frozen dataclasses so a step returns new values instead of editing old ones.
Provenance: every block, line and extracted field carries a `Span` into `Document.text`,
the full text as the reader produced it, so a user can be shown where a field came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of `Document.text`, on `page` (1-based; None when unpaged)."""

    start: int
    end: int
    page: int | None = None

    def join(self, other: Span | None) -> Span:
        """The smallest span covering both (page of the first)."""
        if other is None:
            return self
        return Span(min(self.start, other.start), max(self.end, other.end), self.page or other.page)


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    LINE = "line"


@dataclass(frozen=True)
class Block:
    """One piece of text as a reader found it: a PDF line, a DOCX paragraph, a Markdown heading."""

    text: str
    kind: BlockKind
    span: Span
    level: int = 0
    """Heading level (1 = top) or list nesting depth; 0 when neither."""


@dataclass(frozen=True)
class Document:
    """A read document: its full text and the positioned blocks that make it up."""

    name: str
    format: str
    """'pdf', 'docx', 'markdown', 'html' or 'text'."""
    text: str
    blocks: tuple[Block, ...]
    pages: int | None = None
    sha256: str = ""


@dataclass(frozen=True)
class Line:
    """A cleaned logical line: joined hyphenation, no page furniture, bullets made explicit."""

    text: str
    kind: BlockKind
    span: Span
    level: int = 0
    bullet: bool = False


class SectionKind(StrEnum):
    RECOMMENDATION = "recommendation"
    CASE_TEXT = "case_text"
    ATTACHMENTS = "attachments"
    MINUTES = "minutes"
    DECISION = "decision"
    ORIENTATION = "orientation"


@dataclass(frozen=True)
class Section:
    """A headed part of an agenda item: Indstilling, Sagsfremstilling, Bilag, Referat, Beslutning."""

    kind: SectionKind
    heading: str
    text: str
    span: Span | None = None


@dataclass(frozen=True)
class Item:
    """A numbered agenda item with its sections."""

    number: str
    title: str
    time_start: str | None = None
    time_end: str | None = None
    presenter: str | None = None
    case_number: str | None = None
    confidential: bool = False
    sections: tuple[Section, ...] = ()
    attachments: tuple[str, ...] = ()
    spans: Mapping[str, Span] = field(default_factory=dict)

    def section_text(self, kind: SectionKind) -> str | None:
        """All sections of one kind joined, or None when the item has none."""
        texts = [s.text for s in self.sections if s.kind == kind and s.text.strip()]
        return "\n\n".join(texts) if texts else None

    @property
    def time(self) -> str | None:
        if self.time_start and self.time_end:
            return f"{self.time_start}-{self.time_end}"
        return self.time_start


@dataclass(frozen=True)
class Participant:
    name: str
    organisation: str | None = None
    role: str | None = None
    absent: bool = False
    guest: bool = False
    attendance: str | None = None
    """A partial-attendance note as written, e.g. 'deltog kl. 9.15-10.15'."""
    span: Span | None = None


@dataclass(frozen=True)
class MeetingInfo:
    forum: str | None = None
    date: dt.date | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    chair: str | None = None
    note_taker: str | None = None
    title: str | None = None
    """The document's own heading, e.g. 'Referat af klyngestyregruppemøde'."""
    spans: Mapping[str, Span] = field(default_factory=dict)


class DecisionKind(StrEnum):
    APPROVED = "approved"
    NOTED = "noted"
    POSTPONED = "postponed"
    REJECTED = "rejected"
    OTHER = "other"


@dataclass(frozen=True)
class Decision:
    item_number: str
    text: str
    kind: DecisionKind = DecisionKind.OTHER
    span: Span | None = None


@dataclass(frozen=True)
class DueDate:
    """A due date as written and what it resolves to; never more precise than the text."""

    phrase: str
    start: dt.date | None = None
    end: dt.date | None = None
    """Start and end of the resolved interval; equal for an exact day."""

    @property
    def exact(self) -> dt.date | None:
        return self.start if self.start is not None and self.start == self.end else None


@dataclass(frozen=True)
class Action:
    owner: str
    task: str
    item_number: str | None = None
    due: DueDate | None = None
    sentence: str = ""
    span: Span | None = None
    person: str | None = None
    """The participant the owner resolves to ("Gunna" -> "Gunna Hansen"); None when not a known person."""


@dataclass(frozen=True)
class ForwardTopic:
    """A topic announced for a coming meeting (Punkter til kommende møder, bruttoliste)."""

    text: str
    item_number: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Warning:
    """A recoverable problem met while parsing; data, not an exception."""

    message: str
    page: int | None = None


@dataclass(frozen=True)
class Quality:
    """How far a parse can be trusted, from evidence in the document (klynge.quality.assess)."""

    confidence: float
    """0-1: 1 when nothing looks wrong."""
    needs_review: bool
    reasons: tuple[str, ...] = ()
    """One Danish line per finding, for the secretariat."""


@dataclass(frozen=True)
class Meeting:
    """One parsed meeting document: everything `klynge parse` knows about it."""

    document: Document
    meeting: MeetingInfo
    participants: tuple[Participant, ...] = ()
    items: tuple[Item, ...] = ()
    decisions: tuple[Decision, ...] = ()
    actions: tuple[Action, ...] = ()
    forward_topics: tuple[ForwardTopic, ...] = ()
    announced_meetings: tuple[MeetingInfo, ...] = ()
    warnings: tuple[Warning, ...] = ()
    quality: Quality | None = None
    """Set by `pipeline.parse`; None for a meeting that was written, not read."""
