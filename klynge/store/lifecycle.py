"""Writing meetings in Klynge: the lifecycle, publishing, and the history of every change.

    draft_agenda -> agenda_sent -> minutes_draft -> minutes_approved -> published

A meeting written in Klynge (`create_meeting`) or ingested unpublished moves along by `set_status`;
`publish` makes it public and freezes a copy (`publication`) of what was published. A published
meeting is not edited in place: `reopen` takes it back to minutes_draft (hidden from the public
again until the next `publish`, which adds publication 2; publication 1 stays readable).
Every change goes through this module and leaves a `revision` row (who, when, before, after) and an
`audit` row in the same transaction as the change and the search-index update.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from klynge import model
from klynge.corrections import item_target, paragraphs
from klynge.errors import Conflict, InputError, NotFound
from klynge.extract import extract
from klynge.extract.dates import find_due
from klynge.extract.decisions import item_decisions
from klynge.index import sync
from klynge.interchange import to_interchange
from klynge.store import tables as t
from klynge.store.db import SessionFactory
from klynge.store.repo import fill_meeting, forum_named
from klynge.store.views import to_model

STATUSES = ("draft_agenda", "agenda_sent", "minutes_draft", "minutes_approved", "published")
LABELS = {
    "draft_agenda": "Dagsorden (kladde)",
    "agenda_sent": "Dagsorden udsendt",
    "minutes_draft": "Referat (kladde)",
    "minutes_approved": "Referat godkendt",
    "published": "Offentliggjort",
}
SECTION_KINDS = tuple(str(k) for k in model.SectionKind)
DECISION_KINDS = tuple(str(k) for k in model.DecisionKind)

T = TypeVar("T")


def next_status(status: str) -> str | None:
    """The next step of the lifecycle, or None when published."""
    i = STATUSES.index(status) if status in STATUSES else len(STATUSES) - 1
    return STATUSES[i + 1] if i + 1 < len(STATUSES) else None


def _record(
    session: Session,
    by: str | None,
    meeting_id: int | None,
    entity: str,
    entity_id: int | None,
    change: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    session.add(
        t.Revision(
            by=by,
            meeting_id=meeting_id,
            entity=entity,
            entity_id=entity_id,
            change=change,
            before=before,
            after=after,
        )
    )
    session.add(
        t.Audit(
            actor=by,
            action=f"{entity}.{change}",
            target=f"møde {meeting_id}" if meeting_id is not None else None,
            detail={"entity_id": entity_id},
        )
    )


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def meeting_row(m: t.Meeting) -> dict[str, Any]:
    return {
        "forum": m.forum.name if m.forum else None,
        **{
            k: _jsonable(getattr(m, k))
            for k in ("date", "start", "end", "location", "chair", "note_taker", "title", "status")
        },
    }


def item_row(i: t.Item) -> dict[str, Any]:
    row: dict[str, Any] = {
        k: getattr(i, k)
        for k in ("number", "title", "time_start", "time_end", "presenter", "case_number", "confidential")
    }
    row["sections"] = {s.kind: s.text for s in i.sections}
    row["attachments"] = [a.name for a in i.attachments]
    return row


def decision_row(d: t.Decision) -> dict[str, Any]:
    return {"item_number": d.item_number, "kind": d.kind, "text": d.text}


def action_row(a: t.Action) -> dict[str, Any]:
    return {
        "item_number": a.item_number,
        "owner": a.owner,
        "task": a.task,
        "due": a.due_phrase,
        "status": a.status,
    }


def _meeting(session: Session, meeting_id: int) -> t.Meeting:
    m = session.get(t.Meeting, meeting_id)
    if m is None:
        raise NotFound(f"møde {meeting_id} findes ikke")
    return m


def _editable(m: t.Meeting) -> None:
    if m.status == "published":
        raise Conflict(
            f"møde {m.id} er offentliggjort og kan ikke rettes direkte; genåbn det først "
            f"(klynge meeting reopen {m.id}), så bliver rettelsen en ny offentliggjort version"
        )


@contextmanager
def _writing(
    factory: SessionFactory, meeting_id: int, editable: bool = True
) -> Iterator[tuple[Session, t.Meeting]]:
    """One transaction around a change of one meeting; the search index follows in the same one."""
    with factory.begin() as session:
        m = _meeting(session, meeting_id)
        if editable:
            _editable(m)
        yield session, m
        m.updated_at = t.utcnow()
        sync.reindex_meeting(session, m.id)


# --- creating and moving along -------------------------------------------------------------------


def prepared(meeting: model.Meeting, keep_actions: bool) -> model.Meeting:
    """A meeting written as interchange JSON, with decisions and forward topics read from its texts;
    its actions are the ones written (`keep_actions`) or else those read from the minutes."""
    extracted = extract(meeting)
    if keep_actions:
        return dataclasses.replace(extracted, actions=meeting.actions)
    return extracted


def create_meeting(
    factory: SessionFactory, meeting: model.Meeting, *, by: str | None = None, status: str | None = None
) -> int:
    """Store a meeting written outside a document (interchange JSON, the agenda builder), unpublished.

    The status is the one given, else minutes_draft when it has minutes or decisions, else draft_agenda.
    """
    if status is not None and status not in STATUSES[:-1]:
        raise InputError(f"ukendt status {status!r}; brug en af {', '.join(STATUSES[:-1])}")
    if not meeting.meeting.forum:
        raise InputError("mødet mangler et forum (meeting.forum)")
    has_minutes = bool(meeting.decisions) or any(
        s.kind in (model.SectionKind.MINUTES, model.SectionKind.DECISION)
        for it in meeting.items
        for s in it.sections
    )
    status = status or ("minutes_draft" if has_minutes else "draft_agenda")
    numbers = [it.number for it in meeting.items]
    if len(set(numbers)) != len(numbers):
        raise InputError("to punkter har samme nummer")
    with factory.begin() as session:
        forum = forum_named(session, meeting.meeting.forum)
        m = t.Meeting(forum=forum, version=1, status=status)
        session.add(m)
        fill_meeting(session, m, meeting, forum, published=False)
        m.status = status
        session.flush()
        _record(session, by, m.id, "meeting", m.id, "create", None, meeting_row(m))
        sync.reindex_meeting(session, m.id)
        return m.id


def set_status(factory: SessionFactory, meeting_id: int, status: str, *, by: str | None = None) -> str:
    """Move a meeting to another unpublished status (forwards or back); returns the old status."""
    if status == "published":
        with factory() as look:
            old = _meeting(look, meeting_id).status
        publish(factory, meeting_id, by=by)
        return old
    if status not in STATUSES:
        raise InputError(f"ukendt status {status!r}; brug en af {', '.join(STATUSES)}")
    with _writing(factory, meeting_id, editable=False) as (session, m):
        old = m.status
        if old == "published":
            raise Conflict(f"møde {meeting_id} er offentliggjort; genåbn det for at ændre status")
        m.status = status
        _record(session, by, m.id, "meeting", m.id, "status", {"status": old}, {"status": status})
        return old


def publish(factory: SessionFactory, meeting_id: int, *, by: str | None = None) -> int:
    """Make the meeting public and freeze what was published; returns the publication number."""
    with _writing(factory, meeting_id, editable=False) as (session, m):
        if m.status == "published" and m.published:
            raise Conflict(f"møde {meeting_id} er allerede offentliggjort")
        number = 1 + (
            session.scalar(select(func.max(t.Publication.number)).where(t.Publication.meeting_id == m.id))
            or 0
        )
        old = m.status
        m.status, m.published = "published", True
        session.flush()
        session.add(t.Publication(meeting_id=m.id, number=number, by=by, snapshot=frozen_copy(session, m)))
        _record(session, by, m.id, "meeting", m.id, "publish", {"status": old}, {"publication": number})
        return number


def frozen_copy(session: Session, m: t.Meeting) -> dict[str, Any]:
    """What `publish` freezes: the meeting's interchange JSON with the links a later reader needs.

    Each item keeps its id (`"id"`), so the closed flag it has today can be applied to every earlier
    version (`as_closed_today`); each action keeps the item it belongs to (`"item"`, its number then),
    so a closed item's action never shows under another item. Decisions are in their item's
    `"decision"` text."""
    meeting = to_model(session, m.id)
    snapshot = to_interchange(meeting)
    snapshot["meeting"].update({"chair": m.chair, "note_taker": m.note_taker, "title": m.title})
    ids = {i.number: i.id for i in m.items}
    for item in snapshot["items"]:
        item["id"] = ids.get(item["number"])
    for frozen, action in zip(snapshot["actions"], meeting.actions, strict=True):
        frozen["item"] = action.item_number
    return snapshot


def _title_key(title: object) -> str:
    return " ".join(str(title or "").split()).casefold()


def as_closed_today(snapshot: dict[str, Any], today: list[tuple[int, str, str, bool]]) -> dict[str, Any]:
    """A frozen copy with today's closed flags: an item closed now is closed in every version.

    `today` holds the meeting's items now as (id, number, title, confidential). An item is matched by
    its frozen id; a copy frozen before ids were kept matches by number or by title (either closed
    today closes it: hiding one item too many is the safe mistake). Closed then stays closed."""
    closed_ids = {i for i, _n, _t, closed in today if closed}
    closed_numbers = {n for _i, n, _t, closed in today if closed}
    closed_titles = {_title_key(title) for _i, _n, title, closed in today if closed}
    items = []
    for item in snapshot.get("items") or []:
        if "id" in item:
            closed_now = item["id"] in closed_ids
        else:
            closed_now = (
                item.get("number") in closed_numbers or _title_key(item.get("title")) in closed_titles
            )
        items.append({**item, "confidential": bool(item.get("confidential")) or closed_now})
    return {**snapshot, "items": items}


def without_closed(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A frozen copy for those who may not see closed items: closed items gone, and their actions.

    An action frozen without its item (a copy from before the links were kept) goes too when the
    meeting has a closed item, since it may be that item's."""
    items = snapshot.get("items") or []
    closed = {str(it.get("number")) for it in items if it.get("confidential")}

    def shown(action: dict[str, Any]) -> bool:
        if "item" not in action:
            return not closed
        return action["item"] is None or str(action["item"]) not in closed

    return {
        **snapshot,
        "items": [it for it in items if not it.get("confidential")],
        "actions": [a for a in snapshot.get("actions") or [] if shown(a)],
    }


@dataclasses.dataclass(frozen=True)
class Version:
    """A publication as it is shown today: its frozen copy with today's closed flags."""

    meeting_id: int
    number: int
    forum_id: int | None
    snapshot: dict[str, Any]


def version(factory: SessionFactory, meeting_id: int, number: int) -> Version:
    """Publication `number` of a meeting, with today's closed flags (`as_closed_today`)."""
    with factory() as session:
        row = session.execute(
            select(t.Publication.snapshot, t.Meeting.forum_id)
            .join(t.Meeting, t.Meeting.id == t.Publication.meeting_id)
            .where(t.Publication.meeting_id == meeting_id, t.Publication.number == number)
        ).first()
        if row is None:
            raise NotFound(f"møde {meeting_id} har ingen offentliggjort version {number}")
        today = [
            (r.id, r.number, r.title, bool(r.confidential))
            for r in session.execute(
                select(t.Item.id, t.Item.number, t.Item.title, t.Item.confidential).where(
                    t.Item.meeting_id == meeting_id
                )
            )
        ]
    return Version(meeting_id, number, row.forum_id, as_closed_today(row.snapshot, today))


def reopen(factory: SessionFactory, meeting_id: int, *, by: str | None = None) -> None:
    """Take a published meeting back to minutes_draft; it is hidden until published again."""
    with _writing(factory, meeting_id, editable=False) as (session, m):
        if m.status != "published":
            raise Conflict(f"møde {meeting_id} er ikke offentliggjort (status {m.status})")
        m.status, m.published = "minutes_draft", False
        _record(session, by, m.id, "meeting", m.id, "status", {"status": "published"}, {"status": m.status})


def publications(factory: SessionFactory, meeting_id: int) -> list[t.Publication]:
    with factory() as session:
        _meeting(session, meeting_id)
        return list(
            session.scalars(
                select(t.Publication)
                .where(t.Publication.meeting_id == meeting_id)
                .order_by(t.Publication.number)
            )
        )


def history(factory: SessionFactory, meeting_id: int) -> list[t.Revision]:
    """Every recorded change of a meeting, oldest first (also after the meeting is deleted)."""
    with factory() as session:
        return list(
            session.scalars(
                select(t.Revision).where(t.Revision.meeting_id == meeting_id).order_by(t.Revision.id)
            )
        )


# --- editing ------------------------------------------------------------------------------------

MEETING_FIELDS = ("date", "start", "end", "location", "chair", "note_taker", "title")
ITEM_FIELDS = ("title", "time_start", "time_end", "presenter", "case_number", "confidential")
CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def clock(value: str | None) -> str | None:
    """'8.5' is refused, '8.05' and '08:05' become '08:05'; empty is None."""
    if value is None or not value.strip():
        return None
    m = CLOCK.match(value.strip())
    if not m:
        raise InputError(f"ugyldigt klokkeslæt {value!r} (skriv fx 08:30)")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _minutes(value: str) -> int:
    h, m = value.split(":")
    return int(h) * 60 + int(m)


def _at(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def retime(m: t.Meeting) -> None:
    """Time slots follow the order: each item keeps its duration and starts when the one before ends.

    Only when the meeting has a start time and every item a whole slot; otherwise slots stay as written.
    """
    if not m.start or not m.items or not all(i.time_start and i.time_end for i in m.items):
        return
    try:
        at = _minutes(clock(m.start) or "")
        durations = [max(0, _minutes(i.time_end or "") - _minutes(i.time_start or "")) for i in m.items]
    except (InputError, ValueError):
        return
    for item, length in zip(m.items, durations, strict=True):
        item.time_start, item.time_end = _at(at), _at(at + length)
        at += length


def renumber(m: t.Meeting) -> None:
    """Plain numbers 1, 2, 3 follow the order; numbering like '9.1' or 'A' is left alone."""
    if not all(i.number.isdigit() for i in m.items):
        return
    for pos, item in enumerate(m.items):
        item.position = pos
        item.number = str(pos + 1)
    for d in m.decisions:
        d.item_number = d.item.number if d.item is not None else d.item_number
    for a in m.actions:
        a.item_number = a.item.number if a.item is not None else a.item_number
    for f in m.forward_topics:
        f.item_number = f.item.number if f.item is not None else f.item_number


def update_meeting(
    factory: SessionFactory, meeting_id: int, fields: dict[str, Any], *, by: str | None = None
) -> None:
    """Change header fields (`forum` by name, `date` as ISO date, clock times as HH:MM)."""
    with _writing(factory, meeting_id) as (session, m):
        before = meeting_row(m)
        for key, value in fields.items():
            if key == "forum":
                if not value or not str(value).strip():
                    raise InputError("forum må ikke være tomt")
                m.forum = forum_named(session, str(value))
            elif key == "date":
                try:
                    m.date = dt.date.fromisoformat(str(value)) if value else None
                except ValueError as exc:
                    raise InputError(f"ugyldig dato {value!r} (skriv fx 2026-03-18)") from exc
            elif key in ("start", "end"):
                setattr(m, key, clock(value))
            elif key in MEETING_FIELDS:
                setattr(m, key, str(value).strip() or None if value is not None else None)
            else:
                raise InputError(f"ukendt felt {key!r}")
        retime(m)
        after = meeting_row(m)
        _record(session, by, m.id, "meeting", m.id, "update", before, after)
        for key in fields:
            if key in after and after[key] != before.get(key):
                _correct(
                    session, m, "header", {}, {"field": key, "value": after[key], "was": before.get(key)}, by
                )


def _item(session: Session, item_id: int) -> t.Item:
    item = session.get(t.Item, item_id)
    if item is None:
        raise NotFound(f"punkt {item_id} findes ikke")
    return item


def _edit_item(
    factory: SessionFactory, item_id: int, by: str | None, change: Callable[[Session, t.Meeting, t.Item], T]
) -> T:
    with factory() as look:
        meeting_id = _item(look, item_id).meeting_id
    with _writing(factory, meeting_id) as (session, m):
        item = _item(session, item_id)
        before = item_row(item)
        result = change(session, m, item)
        session.flush()
        _record(session, by, m.id, "item", item.id, "update", before, item_row(item))
        return result


def _set_item_fields(item: t.Item, fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        if key in ("time_start", "time_end"):
            setattr(item, key, clock(value))
        elif key == "confidential":
            item.confidential = bool(value)
            for a in item.attachments:
                a.confidential = item.confidential or a.confidential
        elif key == "title":
            if not value or not str(value).strip():
                raise InputError("punktet skal have en titel")
            item.title = " ".join(str(value).split())
        elif key in ITEM_FIELDS:
            setattr(item, key, str(value).strip() or None if value is not None else None)
        elif key == "sections":
            _set_sections(item, value)
        elif key == "attachments":
            # By name: an attachment still listed keeps its row (and its uploaded file).
            names = [str(a).strip() for a in value if str(a).strip()]
            kept: dict[str, t.Attachment | None] = {a.name: a for a in item.attachments}
            item.attachments = [
                kept.pop(n, None) or t.Attachment(position=i, name=n, confidential=item.confidential)
                for i, n in enumerate(names)
            ]
            for i, a in enumerate(item.attachments):
                a.position = i
        else:
            raise InputError(f"ukendt felt {key!r}")


HEADINGS = {
    "recommendation": "Indstilling",
    "case_text": "Sagsfremstilling",
    "minutes": "Referat",
    "decision": "Beslutning",
    "orientation": "Orientering",
    "other": "Andet",
}


def _set_sections(item: t.Item, texts: dict[str, str | None]) -> None:
    """Replace the given section kinds' texts (empty removes the section), keeping the usual order."""
    for kind in texts:
        if kind not in SECTION_KINDS:
            raise InputError(f"ukendt afsnit {kind!r}; brug en af {', '.join(SECTION_KINDS)}")
    current = {s.kind: s for s in item.sections}
    for kind, text in texts.items():
        text = (text or "").strip()
        if not text:
            if kind in current:
                item.sections.remove(current[kind])
        elif kind in current:
            current[kind].text = text
        else:
            item.sections.append(
                t.Section(position=0, kind=kind, heading=HEADINGS.get(kind, kind), text=text)
            )
    order = {k: i for i, k in enumerate(SECTION_KINDS)}
    item.sections.sort(key=lambda s: order.get(s.kind, 99))
    for pos, s in enumerate(item.sections):
        s.position = pos


def update_item(
    factory: SessionFactory, item_id: int, fields: dict[str, Any], *, by: str | None = None
) -> None:
    """Change an item's fields and section texts (`sections`: kind -> text, empty removes)."""

    def change(session: Session, m: t.Meeting, item: t.Item) -> None:
        before = item_row(item)
        _set_item_fields(item, fields)
        if "decision" in fields.get("sections", {}):
            _decisions_from_text(m, item)
        after = item_row(item)
        changed = {k: after[k] for k in fields if k in after and k != "sections" and after[k] != before[k]}
        texts = {
            k: after["sections"].get(k)
            for k in fields.get("sections", {})
            if after["sections"].get(k) != before["sections"].get(k)
        }
        if changed or texts:
            fix = {"fields": changed, "sections": texts}
            _correct(session, m, "item", item_target(str(before["number"]), str(before["title"])), fix, by)

    _edit_item(factory, item_id, by, change)


def _decisions_from_text(m: t.Meeting, item: t.Item) -> None:
    """The decision register follows the item's Beslutning text."""
    for d in [d for d in m.decisions if d.item_id == item.id]:
        m.decisions.remove(d)
    mi = model.Item(
        number=item.number,
        title=item.title,
        sections=tuple(model.Section(model.SectionKind(s.kind), s.heading, s.text) for s in item.sections),
    )
    start = max((d.position for d in m.decisions), default=-1) + 1
    for pos, found in enumerate(item_decisions(mi)):
        m.decisions.append(
            t.Decision(
                item=item,
                position=start + pos,
                item_number=item.number,
                kind=str(found.kind),
                text=found.text,
            )
        )


def add_item(
    factory: SessionFactory, meeting_id: int, fields: dict[str, Any], *, by: str | None = None
) -> int:
    """A new item at the end of the agenda; with `minutes` it starts when the one before ends."""
    with _writing(factory, meeting_id) as (session, m):
        length = int(fields.pop("minutes", 0) or 0)
        number = str(fields.pop("number", "") or "").strip().rstrip(".")
        if not number:
            numbers = [int(i.number) for i in m.items if i.number.isdigit()]
            number = str(max(numbers, default=0) + 1)
        if any(i.number == number for i in m.items):
            raise InputError(f"punkt {number} findes allerede")
        item = t.Item(position=len(m.items), number=number, title="")
        _set_item_fields(item, {"title": fields.pop("title", ""), **fields})
        if length > 0 and not item.time_start:
            previous = m.items[-1].time_end if m.items else clock(m.start) if m.start else None
            if previous:
                item.time_start, item.time_end = previous, _at(_minutes(previous) + length)
        m.items.append(item)
        session.flush()
        _record(session, by, m.id, "item", item.id, "create", None, item_row(item))
        return item.id


def delete_item(factory: SessionFactory, item_id: int, *, by: str | None = None) -> None:
    with factory() as look:
        meeting_id = _item(look, item_id).meeting_id
    with _writing(factory, meeting_id) as (session, m):
        item = _item(session, item_id)
        before = item_row(item)
        m.decisions[:] = [d for d in m.decisions if d.item_id != item.id]
        m.actions[:] = [a for a in m.actions if a.item_id != item.id]
        m.forward_topics[:] = [f for f in m.forward_topics if f.item_id != item.id]
        m.items.remove(item)
        session.flush()
        renumber(m)
        retime(m)
        _record(session, by, m.id, "item", item_id, "delete", before, None)


def move_item(factory: SessionFactory, item_id: int, offset: int, *, by: str | None = None) -> None:
    """Move an item up (-1) or down (+1); numbers and time slots follow."""

    def change(session: Session, m: t.Meeting, item: t.Item) -> None:
        items = list(m.items)
        i = items.index(item)
        j = max(0, min(len(items) - 1, i + offset))
        items.insert(j, items.pop(i))
        for pos, it in enumerate(items):
            it.position = pos
        session.flush()
        session.expire(m, ["items"])
        renumber(m)
        retime(m)

    _edit_item(factory, item_id, by, change)


def add_decision(
    factory: SessionFactory, item_id: int, text: str, kind: str = "other", *, by: str | None = None
) -> int:
    if kind not in DECISION_KINDS:
        raise InputError(f"ukendt beslutningstype {kind!r}; brug en af {', '.join(DECISION_KINDS)}")
    if not text.strip():
        raise InputError("beslutningen er tom")

    def change(session: Session, m: t.Meeting, item: t.Item) -> int:
        d = t.Decision(
            item=item,
            position=len(m.decisions),
            item_number=item.number,
            kind=kind,
            text=" ".join(text.split()),
        )
        m.decisions.append(d)
        session.flush()
        _record(session, by, m.id, "decision", d.id, "create", None, decision_row(d))
        return d.id

    return _edit_item(factory, item_id, by, change)


def add_action(
    factory: SessionFactory,
    item_id: int,
    owner: str,
    task: str,
    due: str | None = None,
    *,
    by: str | None = None,
) -> int:
    """A follow-up on an item; `due` is an ISO date or a Danish phrase ('primo marts')."""
    if not owner.strip() or not task.strip():
        raise InputError("en handling skal have en ansvarlig og en opgave")

    def change(session: Session, m: t.Meeting, item: t.Item) -> int:
        a = t.Action(item=item, position=len(m.actions), item_number=item.number, sentence="", status="open")
        _set_action(m, a, owner, task, due)
        m.actions.append(a)
        session.flush()
        _record(session, by, m.id, "action", a.id, "create", None, action_row(a))
        _correct(session, m, "action_add", item_target(item.number, item.title), _action_fix(a), by)
        return a.id

    return _edit_item(factory, item_id, by, change)


def _set_action(m: t.Meeting, a: t.Action, owner: str, task: str, due: str | None) -> None:
    """Owner (and the participant it names), task and due date of an action, as written by hand."""
    due_date = resolve_due(due, m.date)
    a.owner, a.task = " ".join(owner.split()), " ".join(task.split())
    a.owner_person = next(
        (p.person for p in m.participations if p.person.name.casefold() == a.owner.casefold()), None
    )
    a.due_phrase = due_date.phrase if due_date else None
    a.due_start = due_date.start if due_date else None
    a.due_end = due_date.end if due_date else None


def resolve_due(due: str | None, meeting: dt.date | None) -> model.DueDate | None:
    """An ISO date, or a Danish date or period read like the minutes' own ('senest 18. april')."""
    if due is None or not due.strip():
        return None
    try:
        day = dt.date.fromisoformat(due.strip())
        return model.DueDate(due.strip(), day, day)
    except ValueError:
        pass
    found = find_due(due, meeting)
    return (
        model.DueDate(" ".join(due.split()), found.start, found.end) if found else model.DueDate(due.strip())
    )


def set_attendance(
    factory: SessionFactory, participation_id: int, *, absent: bool, guest: bool, by: str | None = None
) -> None:
    with factory() as look:
        p = look.get(t.Participation, participation_id)
        if p is None:
            raise NotFound(f"deltager {participation_id} findes ikke")
        meeting_id = p.meeting_id
    with _writing(factory, meeting_id) as (session, m):
        part = session.get(t.Participation, participation_id)
        assert part is not None
        before = {"name": part.person.name, "absent": part.absent, "guest": part.guest}
        part.absent, part.guest = absent, guest
        after = {"name": part.person.name, "absent": absent, "guest": guest}
        _record(session, by, m.id, "participant", part.id, "update", before, after)
        _correct(session, m, "person_set", {"name": part.person.name}, after, by)


def delete_meeting(factory: SessionFactory, meeting_id: int, *, by: str | None = None) -> None:
    """Delete an unpublished meeting (a draft written by mistake); its history stays."""
    with factory.begin() as session:
        m = _meeting(session, meeting_id)
        if m.status == "published" or session.scalar(
            select(t.Publication.id).where(t.Publication.meeting_id == m.id).limit(1)
        ):
            raise Conflict(f"møde {meeting_id} har været offentliggjort og kan ikke slettes")
        _record(session, by, m.id, "meeting", m.id, "delete", meeting_row(m), None)
        session.delete(m)
        session.flush()
        sync.remove_meeting(session, meeting_id)


ATTACHMENT_FORMATS = {
    b"%PDF": "pdf",
    b"PK\x03\x04": "zip",
}


def attach_file(
    factory: SessionFactory, item_id: int, filename: str, data: bytes, *, by: str | None = None
) -> int:
    """An uploaded attachment (Bilag) on an item: the file is kept byte for byte (once per content)."""
    import hashlib

    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or not data:
        raise InputError("vælg en fil at vedhæfte")
    sha = hashlib.sha256(data).hexdigest()
    kind = next((k for magic, k in ATTACHMENT_FORMATS.items() if data.startswith(magic)), None)
    suffix = name.rsplit(".", 1)[-1].lower()[:16] if "." in name else ""

    def change(session: Session, m: t.Meeting, item: t.Item) -> int:
        document = session.scalars(select(t.Document).where(t.Document.sha256 == sha)).first()
        if document is None:
            document = t.Document(
                sha256=sha,
                filename=name,
                format=kind or suffix or "bin",
                size=len(data),
                content=data,
                text="",
            )
            session.add(document)
            session.flush()
        attachment = t.Attachment(
            position=len(item.attachments), name=name, confidential=item.confidential, document_id=document.id
        )
        item.attachments.append(attachment)
        session.flush()
        return attachment.id  # _edit_item records the item's attachments before and after

    return _edit_item(factory, item_id, by, change)


def add_participant(
    factory: SessionFactory,
    meeting_id: int,
    name: str,
    *,
    organisation: str | None = None,
    role: str | None = None,
    guest: bool = False,
    by: str | None = None,
) -> int:
    """An invitee or guest added by hand; the same person and organisation rows as ingest uses."""
    from klynge.store.repo import organisation_named, person_named

    if not name.strip():
        raise InputError("deltageren skal have et navn")
    with _writing(factory, meeting_id) as (session, m):
        person = person_named(session, name)
        if any(p.person_id == person.id for p in m.participations if person.id is not None):
            raise InputError(f"{name.strip()} er allerede deltager")
        part = t.Participation(
            person=person,
            organisation=organisation_named(session, organisation),
            position=len(m.participations),
            role=(role or "").strip() or None,
            guest=guest,
        )
        m.participations.append(part)
        session.flush()
        after = {"name": person.name, "organisation": organisation, "role": part.role, "guest": guest}
        _record(session, by, m.id, "participant", part.id, "create", None, after)
        _correct(session, m, "person_add", {}, after, by)
        return part.id


def remove_participant(factory: SessionFactory, participation_id: int, *, by: str | None = None) -> None:
    """A name read as a participant that was none, or someone listed by mistake."""
    with factory() as look:
        p = look.get(t.Participation, participation_id)
        if p is None:
            raise NotFound(f"deltager {participation_id} findes ikke")
        meeting_id = p.meeting_id
    with _writing(factory, meeting_id) as (session, m):
        part = session.get(t.Participation, participation_id)
        assert part is not None
        before = {"name": part.person.name, "absent": part.absent, "guest": part.guest}
        m.participations.remove(part)
        session.flush()
        _record(session, by, m.id, "participant", participation_id, "delete", before, None)
        _correct(session, m, "person_drop", {"name": before["name"]}, {}, by)


def _action_fix(a: t.Action) -> dict[str, Any]:
    return {
        "owner": a.owner,
        "task": a.task,
        "due": [a.due_phrase, _jsonable(a.due_start), _jsonable(a.due_end)] if a.due_phrase else None,
    }


def _action(session: Session, action_id: int) -> t.Action:
    a = session.get(t.Action, action_id)
    if a is None:
        raise NotFound(f"handling {action_id} findes ikke")
    return a


def update_action(
    factory: SessionFactory,
    action_id: int,
    owner: str,
    task: str,
    due: str | None = None,
    *,
    by: str | None = None,
) -> None:
    """Correct an action's owner, task and due date (a fragment read as owner, a task cut short)."""
    if not owner.strip() or not task.strip():
        raise InputError("en handling skal have en ansvarlig og en opgave")
    with factory() as look:
        meeting_id = _action(look, action_id).meeting_id
    with _writing(factory, meeting_id) as (session, m):
        a = _action(session, action_id)
        before, was = action_row(a), {"owner": a.owner, "task": a.task}
        _set_action(m, a, owner, task, due)
        session.flush()
        _record(session, by, m.id, "action", a.id, "update", before, action_row(a))
        _correct(session, m, "action_edit", was, _action_fix(a), by)


def delete_action(factory: SessionFactory, action_id: int, *, by: str | None = None) -> None:
    """An action the parser found where the minutes assign nothing."""
    with factory() as look:
        meeting_id = _action(look, action_id).meeting_id
    with _writing(factory, meeting_id) as (session, m):
        a = _action(session, action_id)
        before = action_row(a)
        m.actions.remove(a)
        session.flush()
        _record(session, by, m.id, "action", action_id, "delete", before, None)
        _correct(session, m, "action_drop", {"owner": before["owner"], "task": before["task"]}, {}, by)


# --- corrections of a meeting that was read badly (issue 16) --------------------------------------


def _correct(
    session: Session, m: t.Meeting, op: str, target: dict[str, Any], change: dict[str, Any], by: str | None
) -> None:
    """Keep a fix of a read meeting, to be applied again to its next parse (klynge.corrections)."""
    if m.document_id is not None:
        session.add(t.Correction(meeting_id=m.id, by=by, op=op, target=target, change=change))


def _section(item: t.Item, kind: str) -> t.Section:
    for s in item.sections:
        if s.kind == kind:
            return s
    raise InputError(f"punkt {item.number} har intet afsnit {HEADINGS.get(kind, kind)!r}")


def _paragraph_at(item: t.Item, kind: str, paragraph: int) -> tuple[t.Section, list[str]]:
    section = _section(item, kind)
    parts = paragraphs(section.text)
    if not 0 <= paragraph < len(parts):
        raise InputError(f"afsnittet {section.heading!r} har ikke et {paragraph + 1}. tekststykke")
    return section, parts


def split_item(
    factory: SessionFactory,
    item_id: int,
    kind: str,
    paragraph: int,
    title: str | None = None,
    *,
    by: str | None = None,
) -> int:
    """Split an item in two where a paragraph begins: that paragraph, the rest of its section and
    every later section become a new item right after it (an item heading the parser missed).
    The new item's title is `title`, or else the paragraph's first line. Returns its id."""

    def change(session: Session, m: t.Meeting, item: t.Item) -> int:
        section, parts = _paragraph_at(item, kind, paragraph)
        where = item_target(item.number, item.title)
        moved = parts[paragraph:]
        heading = " ".join((title or "").split()) or " ".join(moved[0].splitlines()[0].split())[:200]
        if not title and len(moved[0].splitlines()) > 1:
            moved[0] = "\n".join(moved[0].splitlines()[1:]).strip()
        elif not title:
            moved = moved[1:]
        later = [s for s in item.sections if s.position > section.position]
        texts: dict[str, str | None] = {kind: "\n".join(moved) or None}
        texts.update({s.kind: s.text for s in later})
        if paragraph == 0:
            item.sections.remove(section)
        else:
            section.text = "\n".join(parts[:paragraph])
        for s in later:
            item.sections.remove(s)
        heading = re.sub(r"^\s*(?:pkt\.?\s*)?\d+[.)]?\s+", "", heading, flags=re.IGNORECASE) or heading
        plain = all(i.number.isdigit() for i in m.items)
        number = str(int(item.number) + 1) if plain else f"{item.number}a"  # renumber() follows
        new = t.Item(position=item.position + 1, number=number, title="", confidential=item.confidential)
        _set_item_fields(new, {"title": heading, "sections": {k: v for k, v in texts.items() if v}})
        for other in m.items:
            if other.position > item.position:
                other.position += 1
        m.items.append(new)
        session.flush()
        session.expire(m, ["items"])
        renumber(m)
        _decisions_from_text(m, item)
        _decisions_from_text(m, new)
        _record(session, by, m.id, "item", new.id, "split", None, item_row(new))
        fix = {
            "kind": kind,
            "paragraph": parts[paragraph],
            "title": heading,
            "title_from_paragraph": not title,
        }
        _correct(session, m, "split", where, fix, by)
        return new.id

    return _edit_item(factory, item_id, by, change)


def merge_with_next(factory: SessionFactory, item_id: int, *, by: str | None = None) -> None:
    """Join the next item into this one (a heading read as an item that was none): its sections are
    appended kind by kind, its attachments, actions and topics move over, and numbers follow."""

    def change(session: Session, m: t.Meeting, item: t.Item) -> None:
        later = [i for i in m.items if i.position > item.position]
        if not later:
            raise InputError(f"punkt {item.number} er det sidste; der er intet at lægge sammen med")
        nxt = min(later, key=lambda i: i.position)
        gone = item_row(nxt)
        _correct(session, m, "merge", item_target(item.number, item.title), {"next_title": nxt.title}, by)
        texts = {s.kind: s.text for s in item.sections}
        for s in nxt.sections:
            texts[s.kind] = "\n".join(filter(None, [texts.get(s.kind), s.text]))
        _set_item_fields(item, {"sections": texts})
        item.confidential = item.confidential or nxt.confidential
        for attachment in list(nxt.attachments):
            nxt.attachments.remove(attachment)
            attachment.position = len(item.attachments)
            attachment.confidential = attachment.confidential or item.confidential
            item.attachments.append(attachment)
        for action in m.actions:
            if action.item_id == nxt.id:
                action.item = item
        for f in m.forward_topics:
            if f.item_id == nxt.id:
                f.item = item
        m.decisions[:] = [d for d in m.decisions if d.item_id != nxt.id]
        m.items.remove(nxt)
        session.flush()
        session.expire(m, ["items"])
        renumber(m)
        _decisions_from_text(m, item)
        _record(session, by, m.id, "item", nxt.id, "merge", gone, None)

    _edit_item(factory, item_id, by, change)


def move_paragraph(
    factory: SessionFactory, item_id: int, kind: str, paragraph: int, to: str, *, by: str | None = None
) -> None:
    """Move one paragraph of a section to the end of another section of the same item (a decision
    read as case text, minutes read as a recommendation)."""
    if to not in SECTION_KINDS:
        raise InputError(f"ukendt afsnit {to!r}; brug en af {', '.join(SECTION_KINDS)}")

    def change(session: Session, m: t.Meeting, item: t.Item) -> None:
        _, parts = _paragraph_at(item, kind, paragraph)
        if to == kind:
            return
        moved = parts.pop(paragraph)
        fix = {"kind": kind, "paragraph": moved, "to": to}
        _correct(session, m, "move", item_target(item.number, item.title), fix, by)
        target = next((s.text for s in item.sections if s.kind == to), "")
        _set_sections(item, {kind: "\n".join(parts), to: "\n".join(filter(None, [target, moved]))})
        _decisions_from_text(m, item)

    _edit_item(factory, item_id, by, change)
