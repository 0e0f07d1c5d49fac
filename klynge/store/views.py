"""The read side of the store that the CLI and the web share: typed views, never ORM rows.

    get_meeting(session, 12)                    -> MeetingView (NotFound if there is none)
    list_meetings(session, MeetingFilter(forum="Midtklyngen"), page=2) -> Page[MeetingSummary]
    to_model(session, 12)                       -> klynge.model.Meeting (for outline, interchange JSON)

`public=True` is what an anonymous visitor may see: unpublished meetings are NotFound, closed items
and closed attachments are left out, and so are the decisions, actions and topics of closed items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload, undefer

from klynge import model
from klynge.errors import NotFound
from klynge.store import tables as t
from klynge.store.names import name_key

T = TypeVar("T")


def span_of(page: int | None, start: int | None, end: int | None) -> model.Span | None:
    return None if start is None or end is None else model.Span(start, end, page)


def spans_of(data: dict[str, Any] | None) -> dict[str, model.Span]:
    out: dict[str, model.Span] = {}
    for key, value in (data or {}).items():
        if isinstance(value, list) and len(value) == 3 and value[0] is not None and value[1] is not None:
            out[key] = model.Span(int(value[0]), int(value[1]), value[2])
    return out


def _row_span(row: t.SourceSpan) -> model.Span | None:
    return span_of(row.span_page, row.span_start, row.span_end)


@dataclass(frozen=True)
class DocumentView:
    id: int
    sha256: str
    filename: str
    format: str
    size: int
    pages: int | None
    created_at: dt.datetime


@dataclass(frozen=True)
class VersionView:
    number: int
    document: DocumentView
    created_at: dt.datetime


@dataclass(frozen=True)
class SectionView:
    id: int
    kind: str
    heading: str
    text: str
    span: model.Span | None


@dataclass(frozen=True)
class AttachmentView:
    id: int
    name: str
    confidential: bool


@dataclass(frozen=True)
class ItemView:
    id: int
    position: int
    number: str
    title: str
    time_start: str | None
    time_end: str | None
    presenter: str | None
    case_number: str | None
    confidential: bool
    sections: tuple[SectionView, ...]
    attachments: tuple[AttachmentView, ...]
    spans: dict[str, model.Span] = field(default_factory=dict)


@dataclass(frozen=True)
class ParticipantView:
    person_id: int
    name: str
    organisation_id: int | None
    organisation: str | None
    role: str | None
    absent: bool
    guest: bool
    attendance: str | None
    span: model.Span | None


@dataclass(frozen=True)
class DecisionView:
    id: int
    item_id: int | None
    item_number: str | None
    kind: str
    text: str
    span: model.Span | None


@dataclass(frozen=True)
class ActionView:
    id: int
    item_id: int | None
    item_number: str | None
    owner: str
    owner_person_id: int | None
    owner_organisation_id: int | None
    task: str
    sentence: str
    due_phrase: str | None
    due_start: dt.date | None
    due_end: dt.date | None
    status: str
    span: model.Span | None

    def overdue(self, today: dt.date | None = None) -> bool:
        """Open, and the last day it could be due has passed."""
        today = today or dt.date.today()
        return self.status == "open" and self.due_end is not None and self.due_end < today


@dataclass(frozen=True)
class ForwardTopicView:
    id: int
    item_number: str | None
    text: str
    span: model.Span | None


@dataclass(frozen=True)
class AnnouncedMeetingView:
    id: int
    forum: str | None
    date: dt.date | None
    start: str | None
    end: str | None
    location: str | None


@dataclass(frozen=True)
class MeetingView:
    id: int
    forum_id: int | None
    forum: str | None
    date: dt.date | None
    start: str | None
    end: str | None
    location: str | None
    chair: str | None
    note_taker: str | None
    title: str | None
    published: bool
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    document: DocumentView | None
    versions: tuple[VersionView, ...]
    participants: tuple[ParticipantView, ...]
    items: tuple[ItemView, ...]
    decisions: tuple[DecisionView, ...]
    actions: tuple[ActionView, ...]
    forward_topics: tuple[ForwardTopicView, ...]
    announced_meetings: tuple[AnnouncedMeetingView, ...]
    warnings: tuple[model.Warning, ...] = ()
    spans: dict[str, model.Span] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    forum: str | None
    date: dt.date | None
    start: str | None
    end: str | None
    location: str | None
    title: str | None
    published: bool
    items: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class MeetingFilter:
    """Narrow a meeting list; None means no condition. `forum` matches the name as `name_key` does."""

    forum: str | None = None
    forum_id: int | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    public: bool = False
    """Only published meetings (what the anonymous public may list)."""


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: Sequence[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def document_view(doc: t.Document) -> DocumentView:
    return DocumentView(doc.id, doc.sha256, doc.filename, doc.format, doc.size, doc.pages, doc.created_at)


def _load(session: Session, meeting_id: int, public: bool) -> t.Meeting:
    row = session.scalars(
        select(t.Meeting)
        .where(t.Meeting.id == meeting_id)
        .options(
            selectinload(t.Meeting.items).selectinload(t.Item.sections),
            selectinload(t.Meeting.items).selectinload(t.Item.attachments),
            selectinload(t.Meeting.participations),
            selectinload(t.Meeting.decisions),
            selectinload(t.Meeting.actions),
            selectinload(t.Meeting.forward_topics),
            selectinload(t.Meeting.announced_meetings).joinedload(t.AnnouncedMeeting.forum),
            selectinload(t.Meeting.versions).joinedload(t.MeetingVersion.document),
        )
    ).first()
    if row is None or (public and not row.published):
        raise NotFound(f"møde {meeting_id} findes ikke")
    return row


def get_meeting(session: Session, meeting_id: int, *, public: bool = False) -> MeetingView:
    """One meeting with everything on it; `public=True` hides what the public may not see."""
    m = _load(session, meeting_id, public)
    closed = {i.id for i in m.items if i.confidential} if public else set()
    items = tuple(
        ItemView(
            i.id,
            i.position,
            i.number,
            i.title,
            i.time_start,
            i.time_end,
            i.presenter,
            i.case_number,
            i.confidential,
            tuple(SectionView(s.id, s.kind, s.heading, s.text, _row_span(s)) for s in i.sections),
            tuple(
                AttachmentView(a.id, a.name, a.confidential)
                for a in i.attachments
                if not (public and a.confidential)
            ),
            spans_of(i.spans),
        )
        for i in m.items
        if i.id not in closed
    )
    versions = tuple(VersionView(v.number, document_view(v.document), v.created_at) for v in m.versions)
    current = next((v.document for v in versions if v.document.id == m.document_id), None)
    return MeetingView(
        id=m.id,
        forum_id=m.forum_id,
        forum=m.forum.name if m.forum else None,
        date=m.date,
        start=m.start,
        end=m.end,
        location=m.location,
        chair=m.chair,
        note_taker=m.note_taker,
        title=m.title,
        published=m.published,
        version=m.version,
        created_at=m.created_at,
        updated_at=m.updated_at,
        document=current,
        versions=versions,
        participants=tuple(
            ParticipantView(
                p.person_id,
                p.person.name,
                p.organisation_id,
                p.organisation.name if p.organisation else None,
                p.role,
                p.absent,
                p.guest,
                p.attendance,
                _row_span(p),
            )
            for p in m.participations
        ),
        items=items,
        decisions=tuple(
            DecisionView(d.id, d.item_id, d.item_number, d.kind, d.text, _row_span(d))
            for d in m.decisions
            if d.item_id not in closed
        ),
        actions=tuple(
            ActionView(
                a.id,
                a.item_id,
                a.item_number,
                a.owner,
                a.owner_person_id,
                a.owner_organisation_id,
                a.task,
                a.sentence,
                a.due_phrase,
                a.due_start,
                a.due_end,
                a.status,
                _row_span(a),
            )
            for a in m.actions
            if a.item_id not in closed
        ),
        forward_topics=tuple(
            ForwardTopicView(f.id, f.item_number, f.text, _row_span(f))
            for f in m.forward_topics
            if f.item_id not in closed
        ),
        announced_meetings=tuple(
            AnnouncedMeetingView(a.id, a.forum.name if a.forum else None, a.date, a.start, a.end, a.location)
            for a in m.announced_meetings
        ),
        warnings=tuple(
            model.Warning(str(w.get("message", "")), w.get("page"))
            for w in (m.warnings or {}).get("warnings", [])
        ),
        spans=spans_of(m.spans),
    )


def _filtered(query: Select[Any], filters: MeetingFilter) -> Select[Any]:
    if filters.forum:
        query = query.join(t.Forum, t.Meeting.forum_id == t.Forum.id).where(
            t.Forum.key == name_key(filters.forum)
        )
    if filters.forum_id is not None:
        query = query.where(t.Meeting.forum_id == filters.forum_id)
    if filters.year is not None:
        query = query.where(
            t.Meeting.date >= dt.date(filters.year, 1, 1), t.Meeting.date <= dt.date(filters.year, 12, 31)
        )
    if filters.date_from is not None:
        query = query.where(t.Meeting.date >= filters.date_from)
    if filters.date_to is not None:
        query = query.where(t.Meeting.date <= filters.date_to)
    if filters.public:
        query = query.where(t.Meeting.published.is_(True))
    return query


def list_meetings(
    session: Session, filters: MeetingFilter | None = None, page: int = 1, per_page: int = 50
) -> Page[MeetingSummary]:
    """Meetings newest first (undated last), a page at a time, with the total for the filters."""
    filters = filters or MeetingFilter()
    page, per_page = max(1, page), max(1, min(per_page, 500))
    total = session.scalar(_filtered(select(func.count(t.Meeting.id)), filters)) or 0
    counts = (
        select(t.Item.meeting_id, func.count(t.Item.id).label("n")).group_by(t.Item.meeting_id).subquery()
    )
    query = (
        _filtered(select(t.Meeting, counts.c.n), filters)
        .outerjoin(counts, counts.c.meeting_id == t.Meeting.id)
        .order_by(t.Meeting.date.is_(None), t.Meeting.date.desc(), t.Meeting.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    rows = [
        MeetingSummary(
            m.id,
            m.forum.name if m.forum else None,
            m.date,
            m.start,
            m.end,
            m.location,
            m.title,
            m.published,
            int(n or 0),
            m.updated_at,
        )
        for m, n in session.execute(query).all()
    ]
    return Page(rows, int(total), page, per_page)


def document_bytes(session: Session, document_id: int) -> tuple[DocumentView, bytes]:
    """A stored file as it was ingested, byte for byte."""
    doc = session.scalars(
        select(t.Document).where(t.Document.id == document_id).options(undefer(t.Document.content))
    ).first()
    if doc is None:
        raise NotFound(f"dokument {document_id} findes ikke")
    return document_view(doc), doc.content


def to_model(session: Session, meeting_id: int, *, public: bool = False) -> model.Meeting:
    """The stored meeting as the pipeline's `Meeting`, for outline() and to_interchange()."""
    m = _load(session, meeting_id, public)
    view = get_meeting(session, meeting_id, public=public)
    doc = m.document
    document = model.Document(
        name=doc.filename if doc else "",
        format=doc.format if doc else "",
        text=doc.text if doc else "",
        blocks=(),
        pages=doc.pages if doc else None,
        sha256=doc.sha256 if doc else "",
    )
    info = model.MeetingInfo(
        forum=view.forum,
        date=view.date,
        start=view.start,
        end=view.end,
        location=view.location,
        chair=view.chair,
        note_taker=view.note_taker,
        title=view.title,
        spans=view.spans,
    )
    items = tuple(
        model.Item(
            number=i.number,
            title=i.title,
            time_start=i.time_start,
            time_end=i.time_end,
            presenter=i.presenter,
            case_number=i.case_number,
            confidential=i.confidential,
            sections=tuple(
                model.Section(model.SectionKind(s.kind), s.heading, s.text, s.span) for s in i.sections
            ),
            attachments=tuple(a.name for a in i.attachments),
            spans=i.spans,
        )
        for i in view.items
    )
    return model.Meeting(
        document=document,
        meeting=info,
        participants=tuple(
            model.Participant(p.name, p.organisation, p.role, p.absent, p.guest, p.attendance, p.span)
            for p in view.participants
        ),
        items=items,
        decisions=tuple(
            model.Decision(d.item_number or "", d.text, model.DecisionKind(d.kind), d.span)
            for d in view.decisions
        ),
        actions=tuple(
            model.Action(
                owner=a.owner,
                task=a.task,
                item_number=a.item_number,
                due=model.DueDate(a.due_phrase, a.due_start, a.due_end) if a.due_phrase is not None else None,
                sentence=a.sentence,
                span=a.span,
            )
            for a in view.actions
        ),
        forward_topics=tuple(model.ForwardTopic(f.text, f.item_number, f.span) for f in view.forward_topics),
        announced_meetings=tuple(
            model.MeetingInfo(forum=a.forum, date=a.date, start=a.start, end=a.end, location=a.location)
            for a in view.announced_meetings
        ),
        warnings=view.warnings,
    )
