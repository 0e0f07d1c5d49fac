"""Meetings: lists with filters, one meeting in full, the coming ones, fora and years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from klynge.errors import Forbidden, NotFound
from klynge.export import public_rendering
from klynge.privacy import document_contains_personal
from klynge.store.tables import (
    AnnouncedMeeting,
    Document,
    Forum,
    Item,
    Meeting,
)
from klynge.store.views import to_model
from klynge.web.access import Viewer
from klynge.web.numbers import Remember, now
from klynge.web.queries import visibility
from klynge.web.views import (
    ActionView,
    Attachment,
    DecisionView,
    ItemView,
    MeetingDetail,
    MeetingSummary,
    Page,
    SectionView,
)


def summary(m: Meeting, items: int = 0) -> MeetingSummary:
    return MeetingSummary(
        id=m.id,
        forum=m.forum.name if m.forum else "",
        date=m.date,
        start=m.start,
        end=m.end,
        location=m.location,
        title=m.title,
        items=items,
        published=m.published,
        created=m.created_at,
    )


def list_meetings(
    session: Session,
    viewer: Viewer,
    *,
    forum: str | None = None,
    year: int | None = None,
    page: int = 1,
    size: int = 50,
    since: dt.date | None = None,
    newest_first: bool = True,
    remember: Remember = now,
) -> Page[MeetingSummary]:
    """Meetings newest first (or oldest first), filtered by forum name and year; `remember` may
    reuse the total (klynge.web.numbers)."""
    where = [visibility.meetings(viewer)]
    if forum:
        where.append(Meeting.forum_id.in_(select(Forum.id).where(Forum.name == forum)))
    if year:
        where.append(Meeting.date >= dt.date(year, 1, 1))
        where.append(Meeting.date <= dt.date(year, 12, 31))
    if since:
        where.append(Meeting.date >= since)
    total = remember(
        ("meetings", forum, year, since),
        lambda: session.scalar(select(func.count()).select_from(Meeting).where(*where)) or 0,
    )
    order = (
        (Meeting.date.desc().nulls_last(), Meeting.id.desc())
        if newest_first
        else (Meeting.date.asc().nulls_last(), Meeting.id.asc())
    )
    rows = session.scalars(
        select(Meeting).where(*where).order_by(*order).offset((page - 1) * size).limit(size)
    ).all()
    counts = _item_counts(session, viewer, [m.id for m in rows])
    return Page(tuple(summary(m, counts.get(m.id, 0)) for m in rows), total, page, size)


def _item_counts(session: Session, viewer: Viewer, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(Item.meeting_id, func.count())
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(Item.meeting_id.in_(ids), visibility.items(viewer))
        .group_by(Item.meeting_id)
    ).all()
    return {r[0]: r[1] for r in rows}


def coming(session: Session, viewer: Viewer, today: dt.date, limit: int = 5) -> list[MeetingSummary]:
    """Meetings on or after today: stored ones, and ones announced in minutes but not yet held."""
    stored = list_meetings(session, viewer, since=today, size=limit, newest_first=False).rows
    seen = {(m.forum, m.date) for m in stored}
    announced = session.execute(
        select(AnnouncedMeeting, Forum.name)
        .join(Meeting, Meeting.id == AnnouncedMeeting.source_meeting_id)
        .outerjoin(Forum, Forum.id == AnnouncedMeeting.forum_id)
        .where(AnnouncedMeeting.date >= today, visibility.meetings(viewer))
        .order_by(AnnouncedMeeting.date)
        .limit(limit * 4)
    ).all()
    out = list(stored)
    for a, forum in announced:
        key = (forum or "", a.date)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            MeetingSummary(
                id=0,
                forum=forum or "",
                date=a.date,
                start=a.start,
                end=a.end,
                location=a.location,
                title="Annonceret møde",
            )
        )
    out.sort(key=lambda m: (m.date or dt.date.max, m.forum))
    return out[:limit]


def fora(session: Session, viewer: Viewer) -> list[tuple[str, int]]:
    """Forum names with their number of visible meetings."""
    rows = session.execute(
        select(Forum.name, func.count(Meeting.id))
        .join(Meeting, Meeting.forum_id == Forum.id)
        .where(visibility.meetings(viewer))
        .group_by(Forum.name)
        .order_by(Forum.name)
    ).all()
    return [(r[0], r[1]) for r in rows]


def years(session: Session, viewer: Viewer) -> list[int]:
    year = extract("year", Meeting.date)
    rows = session.execute(
        select(year).where(visibility.meetings(viewer), Meeting.date.is_not(None)).group_by(year)
    ).all()
    return sorted((int(r[0]) for r in rows), reverse=True)


def get_meeting(session: Session, viewer: Viewer, meeting_id: int) -> Meeting:
    """The meeting row, or `NotFound` (also for one this viewer may not see)."""
    m = session.scalars(select(Meeting).where(Meeting.id == meeting_id, visibility.meetings(viewer))).first()
    if m is None:
        raise NotFound(f"møde {meeting_id} findes ikke")
    return m


def detail(session: Session, viewer: Viewer, meeting_id: int) -> MeetingDetail:
    """One meeting with participants and visible items (see `meeting_detail`)."""
    from klynge.web.queries.meeting_detail import detail as lean_detail

    return lean_detail(session, viewer, meeting_id)


def item_view(
    it: Item,
    viewer: Viewer,
    decisions: Sequence[DecisionView] = (),
    actions: Sequence[ActionView] = (),
) -> ItemView:
    return ItemView(
        id=it.id,
        meeting_id=it.meeting_id,
        number=it.number,
        title=it.title,
        time=f"{it.time_start}-{it.time_end}" if it.time_start and it.time_end else it.time_start,
        presenter=it.presenter,
        case_number=it.case_number,
        confidential=it.confidential,
        sections=tuple(
            SectionView(s.id, s.kind, s.heading, s.text, s.span_start, s.span_end) for s in it.sections
        ),
        attachments=tuple(
            Attachment(a.id, a.name, a.document_id is not None)
            for a in it.attachments
            if viewer.sees_confidential or not a.confidential
        ),
        decisions=tuple(decisions),
        actions=tuple(actions),
    )


def original(session: Session, viewer: Viewer, meeting_id: int) -> tuple[str, str, bytes]:
    """(filename, format, bytes) of the meeting's current document.

    A viewer who may not see personal data never gets the bytes of a file that holds any: they
    get the public export in its stead (`export.public_rendering`: closed items left out, personal
    data masked), named as the public edition; the meeting page says so."""
    viewer = visibility.scoped(session, viewer, meeting_id)
    m = get_meeting(session, viewer, meeting_id)
    if m.document_id is None:
        raise NotFound(f"møde {meeting_id} har ingen originalfil")
    if not viewer.sees_confidential and visibility.has_hidden_items(session, meeting_id):
        raise Forbidden(
            f"møde {meeting_id}: originalfilen indeholder lukkede punkter og kan ikke hentes offentligt"
        )
    doc = session.get(Document, m.document_id)
    if doc is None:
        raise NotFound(f"møde {meeting_id} har ingen originalfil")
    if not viewer.sees_personal and document_contains_personal(doc.content, doc.format, doc.text):
        return public_rendering(to_model(session, meeting_id, public=True), doc.filename, doc.format)
    return doc.filename, doc.format, doc.content
