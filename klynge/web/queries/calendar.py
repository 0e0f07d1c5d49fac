"""Meetings and action deadlines for an iCalendar feed, as a viewer may see them (web and CLI).

Personal data is masked here, in the entries, for a viewer who may not see it: the feed's line
folding (RFC 5545, 75 octets) can split a number, and a calendar program joins the halves again,
so masking the finished file is too late."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from klynge.export.ical import CalendarDeadline, CalendarMeeting
from klynge.privacy import mask_personal
from klynge.store.tables import Action, Forum, Item, Meeting, Participation, Person
from klynge.web.access import Viewer
from klynge.web.queries import visibility


def entries(
    session: Session, viewer: Viewer, *, forum: str | None = None, person: str | None = None
) -> tuple[list[CalendarMeeting], list[CalendarDeadline]]:
    """The meetings with a date and the actions with a due date, filtered by forum and/or person."""
    mq = (
        select(Meeting, Forum.name)
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .where(Meeting.date.is_not(None), visibility.meetings(viewer))
    )
    aq = (
        select(Action, Forum.name)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(Item, Item.id == Action.item_id)
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .where(Action.due_end.is_not(None), visibility.meetings(viewer), visibility.item_or_none(viewer))
    )
    if forum:
        mq = mq.where(Forum.name == forum)
        aq = aq.where(Forum.name == forum)
    if person:
        attended = (
            select(Participation.meeting_id)
            .join(Person, Person.id == Participation.person_id)
            .where(Person.name == person)
        )
        mq = mq.where(Meeting.id.in_(attended))
        aq = aq.where(Action.owner == person)
    shown = _as_written if viewer.sees_personal else mask_personal

    def opt(text: str | None) -> str | None:
        return shown(text) if text else text

    meetings = [
        CalendarMeeting(m.id, shown(f or ""), m.date, m.start, m.end, opt(m.location), opt(m.title))
        for m, f in session.execute(mq.order_by(Meeting.date)).all()
        if m.date is not None
    ]
    deadlines = [
        CalendarDeadline(
            a.id,
            shown(a.owner),
            shown(a.task),
            a.due_start or a.due_end,
            a.due_end,
            opt(a.due_phrase),
            shown(f or ""),
            a.status == "done",
        )
        for a, f in session.execute(aq.order_by(Action.due_end)).all()
        if a.due_end is not None
    ]
    return meetings, deadlines


def _as_written(text: str) -> str:
    return text
