"""Corrections that stick (issue 16): what a person fixed in a read meeting, re-applied to a new parse.

A correction says where it applies by what the person saw (an item's number and title, a
paragraph's text), not by database ids, so it can be applied again when the same file, a new
version of it or an improved parser produces the meeting anew. `apply` replays them in order over
a parsed `Meeting` and says which ones no longer apply (their item or paragraph is not there any
more) instead of dropping them silently. Pure functions: the store keeps the corrections.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from klynge.extract.decisions import item_decisions
from klynge.model import Action, DueDate, Item, Meeting, MeetingInfo, Participant, Section, SectionKind

HEADER_FIELDS = ("forum", "date", "start", "end", "location", "chair", "note_taker", "title")
ITEM_FIELDS = ("title", "time_start", "time_end", "presenter", "case_number", "confidential")
HEADINGS = {
    "recommendation": "Indstilling",
    "case_text": "Sagsfremstilling",
    "minutes": "Referat",
    "decision": "Beslutning",
    "orientation": "Orientering",
}
OPS = (
    "header",
    "item",
    "split",
    "merge",
    "move",
    "person_add",
    "person_set",
    "person_drop",
    "action_add",
    "action_edit",
    "action_drop",
)


@dataclass(frozen=True)
class Correction:
    """One fix: `op` (header, item, split, merge, move), where (`target`) and what (`change`)."""

    op: str
    target: dict[str, Any]
    change: dict[str, Any]
    id: int | None = None


@dataclass(frozen=True)
class Applied:
    """The corrected meeting, and the corrections that found nothing to apply to (with why)."""

    meeting: Meeting
    stale: tuple[tuple[Correction, str], ...] = ()


class NotApplicable(Exception):
    """A correction whose item or paragraph is not in this parse."""


def paragraphs(text: str | None) -> list[str]:
    """A section's paragraphs: its lines (the readers keep one paragraph a line, wrapped lines joined)."""
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def same_text(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def item_target(number: str, title: str) -> dict[str, Any]:
    return {"number": number, "title": title}


def apply(meeting: Meeting, corrections: Iterable[Correction]) -> Applied:
    """Replay corrections in order; each one that no longer applies is reported, not forced."""
    stale: list[tuple[Correction, str]] = []
    for correction in corrections:
        try:
            meeting = _apply_one(meeting, correction)
        except NotApplicable as exc:
            stale.append((correction, str(exc)))
    return Applied(meeting, tuple(stale))


def describe(correction: Correction) -> str:
    """One Danish line for the history and the review list."""
    where = correction.target.get("title") or correction.target.get("number") or ""
    if correction.op == "header":
        return f"mødets {correction.change.get('field')} rettet til «{correction.change.get('value')}»"
    if correction.op == "split":
        return f"punktet «{where}» delt ved «{_short(correction.change.get('paragraph'))}»"
    if correction.op == "merge":
        return f"punktet «{where}» lagt sammen med «{correction.change.get('next_title')}»"
    if correction.op == "move":
        return f"tekst «{_short(correction.change.get('paragraph'))}» flyttet i punktet «{where}»"
    if correction.op.startswith("person_"):
        name = correction.target.get("name") or correction.change.get("name")
        return f"deltageren «{name}» rettet"
    if correction.op.startswith("action"):
        task = correction.target.get("task") or correction.change.get("task")
        return f"handlingen «{_short(task)}» rettet"
    return f"punktet «{where}» rettet"


def _short(text: object, limit: int = 50) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _apply_one(meeting: Meeting, c: Correction) -> Meeting:
    if c.op == "header":
        return _header(meeting, c.change)
    if c.op.startswith("person_"):
        return _participant(meeting, c)
    if c.op in ("action_edit", "action_drop"):
        return _action_fix(meeting, c)
    index = _find_item(meeting.items, c.target)
    if c.op == "item":
        return _item(meeting, index, c.change)
    if c.op == "split":
        return _split(meeting, index, c.change)
    if c.op == "merge":
        return _merge(meeting, index, c.change)
    if c.op == "move":
        return _move(meeting, index, c.change)
    if c.op == "action_add":
        return dataclasses.replace(
            meeting, actions=(*meeting.actions, _action(c.change, meeting.items[index].number))
        )
    raise NotApplicable(f"ukendt rettelse {c.op!r}")


def _header(meeting: Meeting, change: dict[str, Any]) -> Meeting:
    field, value = change.get("field"), change.get("value")
    if field not in HEADER_FIELDS:
        raise NotApplicable(f"ukendt mødefelt {field!r}")
    new: Any = value
    if field == "date":
        new = dt.date.fromisoformat(value) if value else None
    info: MeetingInfo = dataclasses.replace(meeting.meeting, **{str(field): new})
    return dataclasses.replace(meeting, meeting=info)


def _find_item(items: Sequence[Item], target: dict[str, Any]) -> int:
    title, number = target.get("title"), target.get("number")
    by_title = [i for i, it in enumerate(items) if same_text(it.title, title)]
    if len(by_title) > 1:
        by_title = [i for i in by_title if items[i].number == number] or by_title[:1]
    if by_title:
        return by_title[0]
    raise NotApplicable(f"punktet «{title or number}» findes ikke længere")


def _item(meeting: Meeting, index: int, change: dict[str, Any]) -> Meeting:
    item = meeting.items[index]
    fields = {k: v for k, v in (change.get("fields") or {}).items() if k in ITEM_FIELDS}
    if "confidential" in fields:
        fields["confidential"] = bool(fields["confidential"])
    item = dataclasses.replace(item, **fields)
    texts = change.get("sections") or {}
    if texts:
        item = _with_sections(item, texts)
    return _replace_items(meeting, [*meeting.items[:index], item, *meeting.items[index + 1 :]], {index})


def _with_sections(item: Item, texts: dict[str, str | None]) -> Item:
    """Section texts replaced kind by kind (empty removes), in the usual order."""
    current = {str(s.kind): s for s in item.sections}
    for kind, text in texts.items():
        if kind not in HEADINGS:
            continue
        if not (text or "").strip():
            current.pop(kind, None)
        elif kind in current:
            current[kind] = dataclasses.replace(current[kind], text=str(text).strip())
        else:
            current[kind] = Section(SectionKind(kind), HEADINGS[kind], str(text).strip())
    order = list(HEADINGS)
    kept = sorted(current.values(), key=lambda s: order.index(str(s.kind)) if str(s.kind) in order else 99)
    return dataclasses.replace(item, sections=tuple(kept))


def _paragraph(item: Item, kind: str, text: str | None) -> tuple[int, int, list[str]]:
    """(section index, paragraph index, paragraphs) of a paragraph found by its text."""
    for si, section in enumerate(item.sections):
        if str(section.kind) != kind:
            continue
        parts = paragraphs(section.text)
        for pi, part in enumerate(parts):
            if same_text(part, text) or same_text(part.splitlines()[0], text):
                return si, pi, parts
    raise NotApplicable(f"teksten «{_short(text)}» findes ikke længere i punktet «{item.title}»")


def _split(meeting: Meeting, index: int, change: dict[str, Any]) -> Meeting:
    item = meeting.items[index]
    kind = str(change.get("kind"))
    si, pi, parts = _paragraph(item, kind, change.get("paragraph"))
    section = item.sections[si]
    moved = parts[pi:]
    title = " ".join(str(change.get("title") or "").split())
    if not title:
        raise NotApplicable("delingen mangler en titel")
    if change.get("title_from_paragraph"):
        first = moved[0].splitlines()
        moved = ["\n".join(first[1:]).strip(), *moved[1:]] if len(first) > 1 else moved[1:]
    moved = [p for p in moved if p]
    kept_sections = list(item.sections[:si])
    if pi > 0:
        kept_sections.append(dataclasses.replace(section, text="\n".join(parts[:pi])))
    new_sections = ([dataclasses.replace(section, text="\n".join(moved))] if moved else []) + list(
        item.sections[si + 1 :]
    )
    first_half = dataclasses.replace(item, sections=tuple(kept_sections))
    second_half = Item(
        number=f"{item.number}a", title=title, confidential=item.confidential, sections=tuple(new_sections)
    )
    items = [*meeting.items[:index], first_half, second_half, *meeting.items[index + 1 :]]
    return _replace_items(meeting, items, {index, index + 1}, renumber=True)


def _merge(meeting: Meeting, index: int, change: dict[str, Any]) -> Meeting:
    if index + 1 >= len(meeting.items) or not same_text(
        meeting.items[index + 1].title, change.get("next_title")
    ):
        raise NotApplicable(f"punktet «{change.get('next_title')}» følger ikke længere efter")
    item, nxt = meeting.items[index], meeting.items[index + 1]
    texts: dict[str, str | None] = {str(s.kind): s.text for s in item.sections}
    for s in nxt.sections:
        texts[str(s.kind)] = "\n".join(filter(None, [texts.get(str(s.kind)), s.text]))
    merged = dataclasses.replace(
        _with_sections(item, texts),
        confidential=item.confidential or nxt.confidential,
        attachments=item.attachments + nxt.attachments,
    )
    gone = nxt.number
    kept = dataclasses.replace(
        meeting,
        actions=tuple(
            dataclasses.replace(a, item_number=item.number) if a.item_number == gone else a
            for a in meeting.actions
        ),
        forward_topics=tuple(
            dataclasses.replace(f, item_number=item.number) if f.item_number == gone else f
            for f in meeting.forward_topics
        ),
        decisions=tuple(d for d in meeting.decisions if d.item_number != gone),
    )
    items = [*meeting.items[:index], merged, *meeting.items[index + 2 :]]
    return _replace_items(kept, items, {index}, renumber=True)


def _move(meeting: Meeting, index: int, change: dict[str, Any]) -> Meeting:
    item = meeting.items[index]
    kind, to = str(change.get("kind")), str(change.get("to"))
    if to not in HEADINGS:
        raise NotApplicable(f"ukendt afsnit {to!r}")
    try:
        _si, pi, parts = _paragraph(item, kind, change.get("paragraph"))
    except NotApplicable:
        _paragraph(item, to, change.get("paragraph"))  # already where it belongs: nothing to do
        return meeting
    moved = parts.pop(pi)
    target = next((s.text for s in item.sections if str(s.kind) == to), "")
    item = _with_sections(item, {kind: "\n".join(parts), to: "\n".join(filter(None, [target, moved]))})
    return _replace_items(meeting, [*meeting.items[:index], item, *meeting.items[index + 1 :]], {index})


def _replace_items(meeting: Meeting, items: list[Item], touched: set[int], renumber: bool = False) -> Meeting:
    """New items; numbers follow the order when they are plain numbers, and links follow the numbers;
    the decisions of touched items are read again from their texts."""
    mapping: dict[str, str] = {}
    if renumber and all(re.fullmatch(r"\d+a?", it.number) for it in items):
        start = int(re.sub(r"\D", "", items[0].number) or 1) if items else 1
        renumbered = []
        for pos, it in enumerate(items):
            number = str(start + pos)
            if it.number != number and not it.number.endswith("a"):
                mapping[it.number] = number
            renumbered.append(dataclasses.replace(it, number=number))
        items = renumbered
    touched_numbers = {items[i].number for i in touched if i < len(items)}

    def moved(number: str | None) -> str | None:
        return mapping.get(number, number) if number is not None else None

    decisions = [
        dataclasses.replace(d, item_number=moved(d.item_number) or d.item_number) for d in meeting.decisions
    ]
    decisions = [d for d in decisions if d.item_number not in touched_numbers]
    for i in sorted(touched):
        if i < len(items):
            decisions.extend(item_decisions(items[i]))
    return dataclasses.replace(
        meeting,
        items=tuple(items),
        decisions=tuple(decisions),
        actions=tuple(dataclasses.replace(a, item_number=moved(a.item_number)) for a in meeting.actions),
        forward_topics=tuple(
            dataclasses.replace(f, item_number=moved(f.item_number)) for f in meeting.forward_topics
        ),
    )


def _participant(meeting: Meeting, c: Correction) -> Meeting:
    people = list(meeting.participants)
    if c.op == "person_add":
        name = str(c.change.get("name") or "")
        if any(same_text(p.name, name) for p in people):
            return meeting  # the parse has found them by now
        added = Participant(
            name=name,
            organisation=c.change.get("organisation"),
            role=c.change.get("role"),
            guest=bool(c.change.get("guest")),
        )
        return dataclasses.replace(meeting, participants=(*people, added))
    at = next((i for i, p in enumerate(people) if same_text(p.name, c.target.get("name"))), None)
    if at is None:
        if c.op == "person_drop":
            return meeting  # gone already
        raise NotApplicable(f"deltageren «{c.target.get('name')}» findes ikke længere")
    if c.op == "person_drop":
        return dataclasses.replace(meeting, participants=tuple(people[:at] + people[at + 1 :]))
    people[at] = dataclasses.replace(
        people[at], absent=bool(c.change.get("absent")), guest=bool(c.change.get("guest"))
    )
    return dataclasses.replace(meeting, participants=tuple(people))


def _action(change: dict[str, Any], item_number: str | None) -> Action:
    due = change.get("due")
    when = None
    if due:
        phrase, start, end = [*list(due), None, None, None][:3]
        when = DueDate(
            str(phrase),
            dt.date.fromisoformat(start) if start else None,
            dt.date.fromisoformat(end) if end else None,
        )
    return Action(
        owner=str(change.get("owner") or ""),
        task=str(change.get("task") or ""),
        item_number=item_number,
        due=when,
    )


def _action_fix(meeting: Meeting, c: Correction) -> Meeting:
    actions = list(meeting.actions)
    at = next(
        (
            i
            for i, a in enumerate(actions)
            if same_text(a.owner, c.target.get("owner")) and same_text(a.task, c.target.get("task"))
        ),
        None,
    )
    if at is None:
        if c.op == "action_drop":
            return meeting  # the parse no longer finds it
        raise NotApplicable(f"handlingen «{_short(c.target.get('task'))}» findes ikke længere")
    if c.op == "action_drop":
        return dataclasses.replace(meeting, actions=tuple(actions[:at] + actions[at + 1 :]))
    fixed = _action(c.change, actions[at].item_number)
    actions[at] = dataclasses.replace(
        actions[at], owner=fixed.owner, task=fixed.task, due=fixed.due, person=None
    )
    return dataclasses.replace(meeting, actions=tuple(actions))
