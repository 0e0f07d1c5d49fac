"""Rows for the OParl API: fora and organisations, people, memberships, meetings with items, files.

Paging is by id; `created_since`/`modified_since` (and `_until`) filter on the store's timestamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from klynge.errors import NotFound
from klynge.store.tables import Document, Forum, Item, Meeting, Organisation, Participation, Person
from klynge.web.access import Viewer
from klynge.web.queries import visibility


@dataclass(frozen=True)
class TimeFilter:
    created_since: dt.datetime | None = None
    created_until: dt.datetime | None = None
    modified_since: dt.datetime | None = None
    modified_until: dt.datetime | None = None

    def conditions(self, created: Any, modified: Any) -> list[ColumnElement[bool]]:
        out = []
        if self.created_since:
            out.append(created >= self.created_since)
        if self.created_until:
            out.append(created <= self.created_until)
        if self.modified_since:
            out.append(modified >= self.modified_since)
        if self.modified_until:
            out.append(modified <= self.modified_until)
        return out


def _page(
    session: Session, stmt: Select[Any], key: InstrumentedAttribute[int], page: int, size: int
) -> tuple[list[Any], int]:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.scalars(stmt.order_by(key).offset((page - 1) * size).limit(size)).all()
    return list(rows), total


def fora(session: Session, viewer: Viewer, tf: TimeFilter, page: int, size: int) -> tuple[list[Forum], int]:
    stmt = select(Forum).where(visibility.fora(viewer), *tf.conditions(Forum.created_at, Forum.updated_at))
    return _page(session, stmt, Forum.id, page, size)


def organisations(
    session: Session, viewer: Viewer, tf: TimeFilter, page: int, size: int
) -> tuple[list[Organisation], int]:
    stmt = select(Organisation).where(
        visibility.organisations(viewer), *tf.conditions(Organisation.created_at, Organisation.updated_at)
    )
    return _page(session, stmt, Organisation.id, page, size)


def persons(
    session: Session, viewer: Viewer, tf: TimeFilter, page: int, size: int
) -> tuple[list[Person], int]:
    stmt = select(Person).where(
        visibility.persons(viewer), *tf.conditions(Person.created_at, Person.updated_at)
    )
    return _page(session, stmt, Person.id, page, size)


def meetings(
    session: Session, viewer: Viewer, tf: TimeFilter, page: int, size: int, forum_id: int | None = None
) -> tuple[list[Meeting], int]:
    stmt = select(Meeting).where(
        visibility.meetings(viewer), *tf.conditions(Meeting.created_at, Meeting.updated_at)
    )
    if forum_id is not None:
        stmt = stmt.where(Meeting.forum_id == forum_id)
    stmt = stmt.options(selectinload(Meeting.document))
    return _page(session, stmt, Meeting.id, page, size)


def items_of(session: Session, viewer: Viewer, meeting_ids: Sequence[int]) -> dict[int, list[Item]]:
    if not meeting_ids:
        return {}
    rows = session.scalars(
        select(Item)
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(Item.meeting_id.in_(meeting_ids), visibility.items(viewer))
        .options(selectinload(Item.sections))
        .order_by(Item.meeting_id, Item.position)
    ).all()
    out: dict[int, list[Item]] = {}
    for it in rows:
        out.setdefault(it.meeting_id, []).append(it)
    return out


def participations_of(session: Session, meeting_ids: Sequence[int]) -> dict[int, list[Participation]]:
    if not meeting_ids:
        return {}
    rows = session.scalars(
        select(Participation)
        .where(Participation.meeting_id.in_(meeting_ids))
        .order_by(Participation.position)
    ).all()
    out: dict[int, list[Participation]] = {}
    for p in rows:
        out.setdefault(p.meeting_id, []).append(p)
    return out


@dataclass(frozen=True)
class MembershipRow:
    person_id: int
    forum_id: int
    organisation_id: int | None
    role: str | None
    first: dt.date | None
    last: dt.date | None

    @property
    def key(self) -> str:
        return f"{self.person_id}-{self.forum_id}-{self.organisation_id or 0}"


def memberships(
    session: Session,
    viewer: Viewer,
    *,
    person_ids: Sequence[int] | None = None,
    forum_id: int | None = None,
    key: str | None = None,
) -> list[MembershipRow]:
    """A person's attendance of one forum for one organisation, from first to last meeting."""
    where = [visibility.meetings(viewer), Participation.absent.is_(False), Meeting.forum_id.is_not(None)]
    if person_ids is not None:
        where.append(Participation.person_id.in_(person_ids))
    if forum_id is not None:
        where.append(Meeting.forum_id == forum_id)
    if key is not None:
        try:
            pid, fid, oid = (int(x) for x in key.split("-"))
        except ValueError:
            raise NotFound(f"medlemskab {key} findes ikke") from None
        where += [
            Participation.person_id == pid,
            Meeting.forum_id == fid,
            Participation.organisation_id == oid if oid else Participation.organisation_id.is_(None),
        ]
    rows = session.execute(
        select(
            Participation.person_id,
            Meeting.forum_id,
            Participation.organisation_id,
            func.max(Participation.role),
            func.min(Meeting.date),
            func.max(Meeting.date),
        )
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(*where)
        .group_by(Participation.person_id, Meeting.forum_id, Participation.organisation_id)
        .order_by(Participation.person_id, Meeting.forum_id)
    ).all()
    return [MembershipRow(r[0], r[1] or 0, r[2], r[3], r[4], r[5]) for r in rows]


def one(session: Session, viewer: Viewer, kind: str, obj_id: int) -> Any:
    """One object by kind, or NotFound (also when this viewer may not see it)."""
    found: Any
    if kind == "meeting":
        found = session.scalars(
            select(Meeting).where(Meeting.id == obj_id, visibility.meetings(viewer))
        ).first()
    elif kind == "agendaitem":
        found = session.scalars(
            select(Item)
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(Item.id == obj_id, visibility.items(viewer))
        ).first()
    elif kind == "file":
        found = session.execute(
            select(Document, Meeting.id)
            .join(Meeting, Meeting.document_id == Document.id)
            .where(Document.id == obj_id, visibility.meetings(viewer))
        ).first()
    elif kind == "person":
        found = session.scalars(select(Person).where(Person.id == obj_id, visibility.persons(viewer))).first()
    elif kind == "forum":
        found = session.scalars(select(Forum).where(Forum.id == obj_id, visibility.fora(viewer))).first()
    elif kind == "organisation":
        found = session.scalars(
            select(Organisation).where(Organisation.id == obj_id, visibility.organisations(viewer))
        ).first()
    else:
        found = None
    if not found:
        raise NotFound(f"{kind} {obj_id} findes ikke")
    return found
