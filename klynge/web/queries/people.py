"""People and organisations: who attended what, which actions they own, memberships over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.store.tables import Forum, Meeting, Organisation, Participation, Person
from klynge.web.access import Viewer
from klynge.web.queries import visibility
from klynge.web.queries.followups import list_actions
from klynge.web.queries.meetings import summary
from klynge.web.views import ActionView, MeetingSummary, Named, Page


@dataclass(frozen=True)
class Membership:
    """A span of meetings someone attended in one forum for one organisation (and role)."""

    forum: str
    organisation: str | None
    organisation_id: int | None
    role: str | None
    first: dt.date | None
    last: dt.date | None
    meetings: int
    person: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    meetings: tuple[tuple[MeetingSummary, bool], ...]
    """(meeting, absent) newest first."""
    memberships: tuple[Membership, ...]
    actions: tuple[ActionView, ...]


def list_people(session: Session, viewer: Viewer, *, page: int = 1, size: int = 100) -> Page[Named]:
    counted = (
        select(Person.id, Person.name, func.count(func.distinct(Participation.meeting_id)).label("n"))
        .join(Participation, Participation.person_id == Person.id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(visibility.meetings(viewer))
        .group_by(Person.id, Person.name)
    )
    total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    rows = session.execute(counted.order_by(Person.name).offset((page - 1) * size).limit(size)).all()
    return Page(tuple(Named(r[0], r[1], meetings=r[2]) for r in rows), total, page, size)


def list_organisations(session: Session, viewer: Viewer) -> list[Named]:
    rows = session.execute(
        select(
            Organisation.id,
            Organisation.name,
            func.count(func.distinct(Participation.meeting_id)),
            func.count(func.distinct(Participation.person_id)),
        )
        .join(Participation, Participation.organisation_id == Organisation.id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(visibility.meetings(viewer))
        .group_by(Organisation.id, Organisation.name)
        .order_by(Organisation.name)
    ).all()
    return [Named(r[0], r[1], meetings=r[2], extra={"people": r[3]}) for r in rows]


def _memberships(
    session: Session, viewer: Viewer, *, person_id: int | None = None, organisation_id: int | None = None
) -> list[Membership]:
    where = [visibility.meetings(viewer)]
    if person_id is not None:
        where.append(Participation.person_id == person_id)
    if organisation_id is not None:
        where.append(Participation.organisation_id == organisation_id)
    rows = session.execute(
        select(
            Forum.name,
            Organisation.name,
            Participation.organisation_id,
            Participation.role,
            func.min(Meeting.date),
            func.max(Meeting.date),
            func.count(func.distinct(Meeting.id)),
            Person.name,
            Person.id,
        )
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .join(Person, Person.id == Participation.person_id)
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(*where, Participation.absent.is_(False))
        .group_by(
            Forum.name,
            Organisation.name,
            Participation.organisation_id,
            Participation.role,
            Person.name,
            Person.id,
        )
        .order_by(func.max(Meeting.date).desc())
    ).all()
    return [Membership(r[0] or "", r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows]


def person(session: Session, viewer: Viewer, person_id: int) -> Profile:
    p = session.scalars(select(Person).where(Person.id == person_id, visibility.persons(viewer))).first()
    if p is None:
        raise NotFound(f"person {person_id} findes ikke")
    rows = session.execute(
        select(Meeting, Participation.absent)
        .join(Participation, Participation.meeting_id == Meeting.id)
        .where(Participation.person_id == person_id, visibility.meetings(viewer))
        .order_by(Meeting.date.desc().nulls_last())
        .limit(500)
    ).all()
    if not rows:
        raise NotFound(f"person {person_id} findes ikke")
    actions = list_actions(session, viewer, person_id=person_id, size=200).rows
    return Profile(
        p.id,
        p.name,
        tuple((summary(m), absent) for m, absent in rows),
        tuple(_memberships(session, viewer, person_id=person_id)),
        actions,
    )


def organisation(session: Session, viewer: Viewer, organisation_id: int) -> Profile:
    o = session.scalars(
        select(Organisation).where(Organisation.id == organisation_id, visibility.organisations(viewer))
    ).first()
    if o is None:
        raise NotFound(f"organisation {organisation_id} findes ikke")
    rows = session.scalars(
        select(Meeting)
        .where(
            Meeting.id.in_(
                select(Participation.meeting_id).where(Participation.organisation_id == organisation_id)
            ),
            visibility.meetings(viewer),
        )
        .order_by(Meeting.date.desc().nulls_last())
        .limit(500)
    ).all()
    actions = list_actions(session, viewer, organisation_id=organisation_id, size=200).rows
    return Profile(
        o.id,
        o.name,
        tuple((summary(m), False) for m in rows),
        tuple(_memberships(session, viewer, organisation_id=organisation_id)),
        actions,
    )
