"""One agenda item with its sections, and the source text each field came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from klynge.errors import NotFound
from klynge.privacy import cut_outside_personal, mask_personal
from klynge.store.tables import Action, Decision, Document, Item, Meeting
from klynge.web.access import Viewer
from klynge.web.queries import visibility
from klynge.web.queries.followups import action_view, decision_view
from klynge.web.queries.meetings import item_view, summary
from klynge.web.views import ItemView, MeetingSummary

SOURCE_CONTEXT = 1500
"""Characters of document text shown around a highlighted span."""


@dataclass(frozen=True)
class SourceExcerpt:
    """Part of the document text with one span marked: before + marked + after."""

    field: str
    before: str
    marked: str
    after: str
    start: int
    end: int
    page: int | None
    truncated_before: bool
    truncated_after: bool


@dataclass(frozen=True)
class ItemDetail:
    item: ItemView
    meeting: MeetingSummary
    fields: tuple[tuple[str, str], ...]
    """(key, label) of fields that have a source span, for the source view's choice."""


FIELD_LABELS = {
    "title": "Titel",
    "number": "Nummer",
    "time": "Tidspunkt",
    "presenter": "Oplæg ved",
    "case_number": "Sagsnummer",
}


def _get_item(session: Session, viewer: Viewer, item_id: int) -> Item:
    it = session.scalars(
        select(Item)
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(Item.id == item_id, visibility.items(viewer))
        .options(selectinload(Item.sections), selectinload(Item.attachments))
    ).first()
    if it is None:
        raise NotFound(f"punkt {item_id} findes ikke")
    return it


def detail(session: Session, viewer: Viewer, item_id: int) -> ItemDetail:
    viewer = visibility.scoped_item(session, viewer, item_id)
    it = _get_item(session, viewer, item_id)
    m = it.meeting
    ms = summary(m)
    today = dt.date.today()
    decisions = session.scalars(select(Decision).where(Decision.item_id == it.id).order_by(Decision.position))
    actions = session.scalars(
        select(Action)
        .where(Action.item_id == it.id)
        .options(selectinload(Action.events), selectinload(Action.owner_organisation))
        .order_by(Action.position)
    )
    view = item_view(
        it,
        viewer,
        decisions=[decision_view(d, ms, it) for d in decisions],
        actions=[action_view(a, ms, today, viewer) for a in actions],
    )
    fields = [(k, FIELD_LABELS.get(k, k)) for k in (it.spans or {}) if _span(it.spans.get(k))]
    fields += [(f"section-{s.id}", s.heading or s.kind) for s in view.sections if s.start is not None]
    return ItemDetail(view, ms, tuple(fields))


def _span(value: object) -> tuple[int, int, int | None] | None:
    if isinstance(value, list | tuple) and len(value) >= 2 and all(isinstance(v, int) for v in value[:2]):
        page = value[2] if len(value) > 2 and isinstance(value[2], int) else None
        return int(value[0]), int(value[1]), page
    return None


def _next_item_start(session: Session, it: Item, text: str, after: int) -> int:
    """Where the next item of the meeting begins in `text`: its first span, else its title found
    after `after`; `after` itself when unknown (no context beyond this item's own spans)."""
    nxt = session.scalars(
        select(Item)
        .where(Item.meeting_id == it.meeting_id, Item.position > it.position)
        .order_by(Item.position)
    ).first()
    if nxt is None:
        return len(text)
    starts = [sp[0] for v in (nxt.spans or {}).values() if (sp := _span(v)) is not None]
    if starts:
        return max(after, min(starts))
    found = text.find(nxt.title, after) if nxt.title else -1
    if found < 0:
        return after
    line_start = text.rfind("\n", after, found)
    return line_start if line_start >= 0 else found


def source(session: Session, viewer: Viewer, item_id: int, field: str | None) -> SourceExcerpt | None:
    """The document text around the chosen field's span (default: the item's first section or title)."""
    viewer = visibility.scoped_item(session, viewer, item_id)
    it = _get_item(session, viewer, item_id)
    m = it.meeting
    if m.document_id is None:
        return None
    spans: dict[str, tuple[int, int, int | None]] = {}
    for key, value in (it.spans or {}).items():
        span = _span(value)
        if span:
            spans[key] = span
    for s in it.sections:
        if s.span_start is not None and s.span_end is not None:
            spans[f"section-{s.id}"] = (s.span_start, s.span_end, s.span_page)
    if not spans:
        return None
    if field not in spans:
        field = "title" if "title" in spans else next(iter(spans))
    start, end, page = spans[field]
    text = session.scalar(select(Document.text).where(Document.id == m.document_id)) or ""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - SOURCE_CONTEXT), min(len(text), end + SOURCE_CONTEXT)
    if not viewer.sees_confidential:
        # Context stays inside this item, so no neighbouring (maybe closed) item shows through.
        first = min(s for s, _, _ in spans.values())
        last = max(e for _, e, _ in spans.values())
        lo = max(lo, min(first, start))
        hi = min(hi, max(last, end, _next_item_start(session, it, text, last)))
    shown = _as_written
    if not viewer.sees_personal:
        # Masked part by part, with no cut inside a number: the window's edges and the <mark>
        # around the field would otherwise split a number off its mask.
        lo, start, end, hi = cut_outside_personal(text, [lo, start, end, hi])
        shown = mask_personal
    return SourceExcerpt(
        field,
        shown(text[lo:start]),
        shown(text[start:end]),
        shown(text[end:hi]),
        start,
        end,
        page,
        lo > 0,
        hi < len(text),
    )


def _as_written(text: str) -> str:
    return text


def visible_items(session: Session, viewer: Viewer, ids: list[int]) -> set[int]:
    """Which of `ids` this viewer may see now (for lists computed earlier, e.g. related items)."""
    if not ids:
        return set()
    rows = session.scalars(
        select(Item.id)
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(Item.id.in_(ids), visibility.items(viewer))
    )
    return set(rows)


def meeting_of(session: Session, item_id: int) -> int:
    """The meeting an item belongs to; `NotFound` when there is no such item."""
    meeting_id = session.scalar(select(Item.meeting_id).where(Item.id == item_id))
    if meeting_id is None:
        raise NotFound(f"punkt {item_id} findes ikke")
    return int(meeting_id)
