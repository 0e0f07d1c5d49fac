"""Decisions and actions: the register, the action list by status, and recorded status changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, case, exists, false, func, literal, select, union_all
from sqlalchemy.orm import Session, selectinload

from klynge.errors import Forbidden, InputError, NotFound
from klynge.store.tables import (
    Action,
    ActionEvent,
    Audit,
    Decision,
    Forum,
    Item,
    Meeting,
    Organisation,
    Revision,
    Section,
)
from klynge.web.access import Viewer
from klynge.web.numbers import Remember, now
from klynge.web.queries import visibility
from klynge.web.views import ActionEvent as EventView
from klynge.web.views import ActionView, DecisionView, MeetingSummary, Page

STATUSES = ("open", "overdue", "done")
STATUS_LABELS = {"open": "Åben", "overdue": "Overskredet", "done": "Udført"}
KIND_LABELS = {
    "approved": "Godkendt",
    "noted": "Taget til efterretning",
    "postponed": "Udsat",
    "rejected": "Afvist",
    "other": "Andet",
}


def decision_view(d: Decision, m: MeetingSummary, it: Item | None) -> DecisionView:
    return DecisionView(
        id=d.id,
        meeting_id=d.meeting_id,
        item_id=d.item_id,
        item_number=d.item_number,
        item_title=it.title if it else None,
        text=d.text,
        kind=d.kind,
        date=m.date,
        forum=m.forum,
    )


def status_of(a: Action, today: dt.date) -> str:
    return status_of_row(a.status, a.due_end, today)


def status_of_row(status: str, due_end: dt.date | None, today: dt.date) -> str:
    """'done', or 'overdue' when open past the end of its due interval, else 'open'."""
    if status == "done":
        return "done"
    if due_end is not None and due_end < today:
        return "overdue"
    return "open"


def action_view(a: Action, m: MeetingSummary, today: dt.date, viewer: Viewer) -> ActionView:
    return ActionView(
        id=a.id,
        meeting_id=a.meeting_id,
        item_id=a.item_id,
        item_number=a.item_number,
        owner=a.owner,
        task=a.task,
        status=status_of(a, today),
        due_phrase=a.due_phrase,
        due=a.due_end,
        person_id=a.owner_person_id,
        organisation=a.owner_organisation.name if a.owner_organisation else None,
        date=m.date,
        forum=m.forum,
        sentence=a.sentence,
        events=tuple(EventView(e.status, visibility.author(viewer, e.by), e.at, e.note) for e in a.events),
    )


def _meeting_summary(m: Meeting) -> MeetingSummary:
    return MeetingSummary(id=m.id, forum=m.forum.name if m.forum else "", date=m.date, title=m.title)


def _forum_cond(forum: str | None) -> list[ColumnElement[bool]]:
    if not forum:
        return []
    return [Meeting.forum_id.in_(select(Forum.id).where(Forum.name == forum))]


def decision_rows(
    viewer: Viewer, meeting_ids: Sequence[int] | None = None, kind: str | None = None
) -> Subquery:
    """Every decision this viewer may see (of the given meetings): the recorded decision statements,
    and for a meeting without any recorded statement (an import from before extraction) its items'
    Beslutning sections, each as one decision of kind 'other' (negative id = section id).

    Columns: id, meeting_id, item_id, item_number, kind, text, position.
    """
    recorded = (
        select(
            Decision.id.label("id"),
            Decision.meeting_id.label("meeting_id"),
            Decision.item_id.label("item_id"),
            Decision.item_number.label("item_number"),
            Decision.kind.label("kind"),
            Decision.text.label("text"),
            Decision.position.label("position"),
        )
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .outerjoin(Item, Item.id == Decision.item_id)
        .where(visibility.meetings(viewer), visibility.item_or_none(viewer))
    )
    from_sections = (
        select(
            (-Section.id).label("id"),
            Item.meeting_id,
            Item.id,
            Item.number,
            literal("other").label("kind"),
            Section.text,
            (Item.position * 1000 + Section.position).label("position"),
        )
        .join(Item, Item.id == Section.item_id)
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(
            Section.kind == "decision",
            visibility.items(viewer),
            ~exists(select(Decision.id).where(Decision.meeting_id == Meeting.id)),
        )
    )
    if meeting_ids is not None:
        recorded = recorded.where(Decision.meeting_id.in_(meeting_ids))
        from_sections = from_sections.where(Item.meeting_id.in_(meeting_ids))
    if kind:
        recorded = recorded.where(Decision.kind == kind)
        if kind != "other":
            from_sections = from_sections.where(false())
    return union_all(recorded, from_sections).subquery("decisions")


def _count_decisions(
    session: Session, viewer: Viewer, meeting_filter: list[ColumnElement[bool]], kind: str | None
) -> int:
    """Recorded statements plus Beslutning sections of meetings without any (two indexed counts)."""
    recorded = (
        select(func.count())
        .select_from(Decision)
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .outerjoin(Item, Item.id == Decision.item_id)
        .where(visibility.meetings(viewer), visibility.item_or_none(viewer), *meeting_filter)
    )
    if kind:
        recorded = recorded.where(Decision.kind == kind)
    total = session.scalar(recorded) or 0
    if kind and kind != "other":
        return total
    bare = select(Meeting.id).where(
        visibility.meetings(viewer),
        *meeting_filter,
        ~exists(select(Decision.id).where(Decision.meeting_id == Meeting.id)),
    )
    fallback = (
        select(func.count())
        .select_from(Section)
        .join(Item, Item.id == Section.item_id)
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(Section.kind == "decision", visibility.items(viewer), Item.meeting_id.in_(bare))
    )
    return total + (session.scalar(fallback) or 0)


def list_decisions(
    session: Session,
    viewer: Viewer,
    *,
    forum: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    meeting_id: int | None = None,
    page: int = 1,
    size: int = 50,
    count: bool = True,
    remember: Remember = now,
) -> Page[DecisionView]:
    """The decision register, newest meeting first. Walks meetings newest first in batches (indexed)
    and collects their decisions until the page is full; `count=False` skips the total (home page),
    `remember` may reuse it (klynge.web.numbers)."""
    meeting_filter: list[ColumnElement[bool]] = [*_forum_cond(forum)]
    if year:
        meeting_filter.append(
            and_(Meeting.date >= dt.date(year, 1, 1), Meeting.date <= dt.date(year, 12, 31))
        )
    if meeting_id:
        meeting_filter.append(Meeting.id == meeting_id)
    wanted = page * size
    found: list[DecisionView] = []
    batch, offset = 40, 0
    while len(found) < wanted:
        ms = session.execute(
            select(Meeting.id, Meeting.date, Forum.name)
            .outerjoin(Forum, Forum.id == Meeting.forum_id)
            .where(visibility.meetings(viewer), *meeting_filter)
            .order_by(Meeting.date.desc().nulls_last(), Meeting.id.desc())
            .offset(offset)
            .limit(batch)
        ).all()
        if not ms:
            break
        offset += len(ms)
        d = decision_rows(viewer, [m.id for m in ms], kind)
        rows = session.execute(
            select(d, Item.title)
            .outerjoin(Item, Item.id == d.c.item_id)
            .order_by(d.c.meeting_id, d.c.position)
        ).all()
        by_meeting: dict[int, list[Any]] = {}
        for r in rows:
            by_meeting.setdefault(r.meeting_id, []).append(r)
        for m in ms:
            for r in by_meeting.get(m.id, ()):
                found.append(
                    DecisionView(
                        r.id,
                        r.meeting_id,
                        r.item_id,
                        r.item_number,
                        r.title,
                        r.text,
                        r.kind,
                        m.date,
                        m.name or "",
                    )
                )
        batch = min(batch * 2, 400)
    total = (
        remember(
            ("decisions", forum, kind, year, meeting_id),
            lambda: _count_decisions(session, viewer, meeting_filter, kind),
        )
        if count
        else len(found)
    )
    return Page(tuple(found[(page - 1) * size : wanted]), total, page, size)


def list_actions(
    session: Session,
    viewer: Viewer,
    *,
    status: str | None = None,
    owner: str | None = None,
    organisation: str | None = None,
    person_id: int | None = None,
    organisation_id: int | None = None,
    forum: str | None = None,
    today: dt.date | None = None,
    page: int = 1,
    size: int = 100,
    count: bool = True,
    remember: Remember = now,
) -> Page[ActionView]:
    """Actions filtered by status (open includes overdue), owner text, organisation or person;
    `remember` may reuse the total (klynge.web.numbers)."""
    today = today or dt.date.today()
    where: list[ColumnElement[bool]] = []  # conditions on the action's own columns
    if status == "done":
        where.append(Action.status == "done")
    elif status == "open":
        where.append(Action.status != "done")
    elif status == "overdue":
        where.append(and_(Action.status != "done", Action.due_end < today))
    elif status:
        raise InputError(f"ukendt status '{status}' (brug open, overdue eller done)")
    if owner:
        where.append(Action.owner == owner)
    if organisation:
        where.append(
            Action.owner_organisation_id.in_(select(Organisation.id).where(Organisation.name == organisation))
        )
    if person_id:
        where.append(Action.owner_person_id == person_id)
    if organisation_id:
        where.append(Action.owner_organisation_id == organisation_id)
    base = (
        select(Action, Meeting)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(Item, Item.id == Action.item_id)
        .where(visibility.meetings(viewer), visibility.item_or_none(viewer), *_forum_cond(forum), *where)
    )
    # The total without joins (visibility.actions): joined, the count looked up every action's
    # meeting and item (15-57 ms at 21,000 actions, by the order the planner walked them in).
    in_forum = [Action.meeting_id.in_(select(Meeting.id).where(*_forum_cond(forum)))] if forum else []
    counted = select(func.count()).select_from(Action).where(visibility.actions(viewer), *in_forum, *where)
    total = (
        remember(
            ("actions", status, owner, organisation, person_id, organisation_id, forum, today),
            lambda: session.scalar(counted) or 0,
        )
        if count
        else 0
    )
    # Overdue actions all have a due date: without NULLS LAST the order is the index's (0004),
    # so the database walks it and stops after the page instead of sorting every open action.
    due_order = Action.due_end.asc() if status == "overdue" else Action.due_end.asc().nulls_last()
    rows = session.execute(
        base.options(selectinload(Action.events), selectinload(Action.owner_organisation))
        .order_by(due_order, Meeting.date.desc(), Action.id)
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    return Page(tuple(action_view(a, _meeting_summary(m), today, viewer) for a, m in rows), total, page, size)


def action_counts(session: Session, viewer: Viewer, today: dt.date) -> dict[str, int]:
    """How many actions are open (not overdue), overdue and done."""
    done = Action.status == "done"
    late = and_(Action.status != "done", Action.due_end < today)
    row = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((done, 1), else_=0)), 0),
            func.coalesce(func.sum(case((late, 1), else_=0)), 0),
        )
        .select_from(Action)
        .where(visibility.actions(viewer))
    ).one()
    total, n_done, n_late = (int(x or 0) for x in row)
    return {"open": total - n_done - n_late, "overdue": n_late, "done": n_done}


def get_action(session: Session, viewer: Viewer, action_id: int) -> Action:
    row = session.execute(
        select(Action)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(Item, Item.id == Action.item_id)
        .where(Action.id == action_id, visibility.meetings(viewer), visibility.item_or_none(viewer))
    ).first()
    if row is None:
        raise NotFound(f"handling {action_id} findes ikke")
    return row[0]


def set_status(session: Session, viewer: Viewer, action_id: int, status: str, note: str | None) -> Action:
    """Change an action's status (open/done), recording who and when; commits."""
    if status not in ("open", "done"):
        raise InputError(f"ukendt status '{status}' (brug open eller done)")
    action = get_action(session, viewer, action_id)
    forum_id = session.scalar(select(Meeting.forum_id).where(Meeting.id == action.meeting_id))
    if not viewer.may_edit(forum_id):
        raise Forbidden(f"handling {action_id}: du er ikke sekretariat for dette forum")
    before = action.status
    action.status = status
    note = (note or "").strip() or None
    session.add(ActionEvent(action_id=action.id, status=status, note=note, by=viewer.name))
    session.add(
        Revision(
            by=viewer.name,
            meeting_id=action.meeting_id,
            entity="action",
            entity_id=action.id,
            change="status",
            before={"status": before},
            after={"status": status, "note": note},
        )
    )
    session.add(
        Audit(
            actor=viewer.name,
            action="action.status",
            target=f"handling {action.id}",
            detail={"status": status},
        )
    )
    session.commit()
    return action


def owners(session: Session, viewer: Viewer) -> list[tuple[str, int]]:
    """Owners as written, with their number of open actions."""
    rows = session.execute(
        select(Action.owner, func.count())
        .where(Action.status != "done", visibility.actions(viewer))
        .group_by(Action.owner)
        .order_by(func.count().desc(), Action.owner)
    ).all()
    return [(r[0], r[1]) for r in rows]


def by_owner(actions: Sequence[ActionView]) -> list[tuple[str, list[ActionView]]]:
    """Group for display: organisation when resolved, else the owner as written."""
    groups: dict[str, list[ActionView]] = {}
    for a in actions:
        groups.setdefault(a.owner, []).append(a)
    return sorted(groups.items(), key=lambda kv: kv[0].casefold())
