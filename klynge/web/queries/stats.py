"""Counts per quarter and forum for the chart: meetings, decisions and open actions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from klynge.store.tables import Action, Decision, Forum, Item, Meeting
from klynge.web.access import Viewer
from klynge.web.queries import visibility
from klynge.web.queries.followups import decision_rows


@dataclass(frozen=True)
class Series:
    """Counts per quarter ('2024 K1') for one measure, split by forum."""

    measure: str
    quarters: tuple[str, ...]
    by_forum: dict[str, tuple[int, ...]]

    def totals(self) -> tuple[int, ...]:
        return tuple(sum(v[i] for v in self.by_forum.values()) for i in range(len(self.quarters)))


def quarter(d: dt.date) -> str:
    return f"{d.year} K{(d.month - 1) // 3 + 1}"


def _count(session: Session, stmt: Select[str, dt.date | None, int]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = defaultdict(int)
    for forum, date, n in session.execute(stmt):
        if date is not None:
            out[(forum or "", quarter(date))] += n
    return out


def archive_stamp(session: Session) -> tuple[object, ...]:
    """Changes whenever meetings, decisions or actions change (indexed max/count lookups)."""
    row = session.execute(
        select(
            select(func.count(Meeting.id)).scalar_subquery(),
            select(func.max(Meeting.updated_at)).scalar_subquery(),
            select(func.max(Decision.updated_at)).scalar_subquery(),
            select(func.max(Action.updated_at)).scalar_subquery(),
            select(func.max(Item.updated_at)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def quarter_range(seen: set[str]) -> list[str]:
    """Every quarter from the first to the last seen, so empty quarters show as gaps."""
    if not seen:
        return []
    first, last = min(seen), max(seen)
    year, q = int(first[:4]), int(first[-1])
    out = []
    while True:
        label = f"{year} K{q}"
        out.append(label)
        if label >= last or len(out) > 400:
            return out
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)


def per_quarter(session: Session, viewer: Viewer) -> list[Series]:
    """Meetings, decisions and open actions per quarter and forum (grouped by date in the database)."""
    seen: list[ColumnElement[bool]] = [visibility.meetings(viewer)]
    meetings = _count(
        session,
        select(Forum.name, Meeting.date, func.count())
        .select_from(Meeting)
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .where(*seen)
        .group_by(Forum.name, Meeting.date),
    )
    d = decision_rows(viewer)
    decisions = _count(
        session,
        select(Forum.name, Meeting.date, func.count())
        .select_from(d)
        .join(Meeting, Meeting.id == d.c.meeting_id)
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .group_by(Forum.name, Meeting.date),
    )
    actions = _count(
        session,
        select(Forum.name, Meeting.date, func.count())
        .select_from(Action)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(Item, Item.id == Action.item_id)
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .where(*seen, visibility.item_or_none(viewer), Action.status != "done")
        .group_by(Forum.name, Meeting.date),
    )
    quarters = quarter_range({q for counts in (meetings, decisions, actions) for _, q in counts})
    fora = sorted({f for counts in (meetings, decisions, actions) for f, _ in counts})
    out = []
    for name, counts in (("Møder", meetings), ("Beslutninger", decisions), ("Åbne handlinger", actions)):
        by_forum = {f: tuple(counts.get((f, q), 0) for q in quarters) for f in fora}
        out.append(Series(name, tuple(quarters), by_forum))
    return out
