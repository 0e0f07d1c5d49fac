"""What pages, the REST API and OParl show: plain frozen records filled by `klynge.web.queries`.

A page and its JSON twin share one query and one of these records; `as_json` turns any of them into
the API's JSON. Only `queries` touches the store's tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    forum: str
    date: dt.date | None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    title: str | None = None
    items: int = 0
    published: bool = True
    created: dt.datetime | None = None

    @property
    def label(self) -> str:
        return self.title or f"Møde i {self.forum}"


@dataclass(frozen=True)
class Participant:
    name: str
    person_id: int | None = None
    organisation: str | None = None
    organisation_id: int | None = None
    role: str | None = None
    absent: bool = False
    guest: bool = False
    attendance: str | None = None


@dataclass(frozen=True)
class SectionView:
    id: int
    kind: str
    heading: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Attachment:
    id: int
    name: str
    has_file: bool = False
    """Uploaded with the item in the editor: downloadable at /bilag/{id}."""


@dataclass(frozen=True)
class DecisionView:
    id: int
    meeting_id: int
    item_id: int | None
    item_number: str | None
    item_title: str | None
    text: str
    kind: str
    date: dt.date | None
    forum: str


@dataclass(frozen=True)
class ActionEvent:
    status: str
    who: str
    at: dt.datetime
    note: str | None = None


@dataclass(frozen=True)
class ActionView:
    id: int
    meeting_id: int
    item_id: int | None
    item_number: str | None
    owner: str
    task: str
    status: str
    """'open', 'overdue' or 'done'."""
    due_phrase: str | None = None
    due: dt.date | None = None
    person_id: int | None = None
    organisation: str | None = None
    date: dt.date | None = None
    forum: str = ""
    sentence: str = ""
    events: tuple[ActionEvent, ...] = ()


@dataclass(frozen=True)
class ItemView:
    id: int
    meeting_id: int
    number: str
    title: str
    time: str | None = None
    presenter: str | None = None
    case_number: str | None = None
    confidential: bool = False
    sections: tuple[SectionView, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    decisions: tuple[DecisionView, ...] = ()
    actions: tuple[ActionView, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    name: str
    format: str
    size: int = 0


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingSummary
    document: DocumentInfo | None
    participants: tuple[Participant, ...] = ()
    items: tuple[ItemView, ...] = ()
    forward_topics: tuple[str, ...] = ()
    announced: tuple[MeetingSummary, ...] = ()
    original_allowed: bool = True
    """False when the original file holds closed items this viewer may not see."""
    original_masked: bool = False
    """True when the original file holds personal data this viewer may not see: they get the public
    edition with personal data masked in its stead."""

    def by_organisation(self) -> list[tuple[str, list[Participant]]]:
        """Participants grouped by organisation, in order of first appearance; no organisation last."""
        groups: dict[str, list[Participant]] = {}
        for p in self.participants:
            groups.setdefault(p.organisation or "", []).append(p)
        named = [(k, v) for k, v in groups.items() if k]
        return named + ([("Øvrige", groups[""])] if "" in groups else [])


@dataclass(frozen=True)
class ImportFile:
    name: str
    ok: bool
    message: str | None = None
    meeting_id: int | None = None
    review: tuple[str, ...] = ()
    """Why the meeting's parse needs review ("Kræver gennemsyn"); only for those who may edit it."""


@dataclass(frozen=True)
class ImportRun:
    id: int
    started: dt.datetime
    source: str
    files: tuple[ImportFile, ...] = ()
    finished: dt.datetime | None = None

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if not f.ok)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, with the total and page number (1-based)."""

    rows: tuple[T, ...]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True)
class Named:
    """A person or organisation with counts, for the lists."""

    id: int
    name: str
    meetings: int = 0
    actions: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def as_json(value: Any) -> Any:
    """Records, dates and enums to JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
