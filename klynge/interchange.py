"""The interchange JSON of one meeting (../shared/eval/FORMAT.md): to and from `Meeting`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from klynge.model import (
    Action,
    Document,
    DueDate,
    Item,
    Meeting,
    MeetingInfo,
    Participant,
    Quality,
    Section,
    SectionKind,
)
from klynge.quality import assess

JSON = dict[str, Any]


def item_decision(meeting: Meeting, item: Item) -> str | None:
    """The Beslutning text, or else the decision sentences found in the item's minutes."""
    text = item.section_text(SectionKind.DECISION)
    if text:
        return text
    found = [d.text for d in meeting.decisions if d.item_number == item.number]
    return "\n".join(found) if found else None


def action_due(action: Action) -> str | None:
    if action.due is None:
        return None
    exact = action.due.exact
    return exact.isoformat() if exact else action.due.phrase


def to_interchange(meeting: Meeting) -> JSON:
    info = meeting.meeting
    return {
        "meeting": {
            "forum": info.forum,
            "date": info.date.isoformat() if info.date else None,
            "start": info.start,
            "end": info.end,
            "location": info.location,
        },
        "participants": [
            {"name": p.name, "organisation": p.organisation, "role": p.role, "absent": p.absent}
            for p in meeting.participants
        ],
        "items": [
            {
                "number": it.number,
                "title": it.title,
                "time": it.time,
                "presenter": it.presenter,
                "case_number": it.case_number,
                "recommendation": it.section_text(SectionKind.RECOMMENDATION),
                "case_text": it.section_text(SectionKind.CASE_TEXT),
                "minutes": it.section_text(SectionKind.MINUTES),
                "decision": item_decision(meeting, it),
                "attachments": list(it.attachments),
                "confidential": it.confidential,
            }
            for it in meeting.items
        ],
        "actions": [{"owner": a.owner, "task": a.task, "due": action_due(a)} for a in meeting.actions],
        "quality": quality_json(meeting.quality or assess(meeting)),
    }


def quality_json(verdict: Quality) -> JSON:
    """The verdict as FORMAT.md's top-level "quality" object."""
    return {
        "confidence": verdict.confidence,
        "needs_review": verdict.needs_review,
        "reasons": list(verdict.reasons),
    }


def parse_iso_date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


_SECTION_KEYS = (
    ("recommendation", SectionKind.RECOMMENDATION, "Indstilling"),
    ("case_text", SectionKind.CASE_TEXT, "Sagsfremstilling"),
    ("minutes", SectionKind.MINUTES, "Referat"),
    ("decision", SectionKind.DECISION, "Beslutning"),
)


def _text(value: object) -> str | None:
    """A stripped string, or None for null/empty (the interchange's 'not said')."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _split_time(value: object) -> tuple[str | None, str | None]:
    """'09:00-09:10' -> ('09:00', '09:10'); '09:00' -> ('09:00', None)."""
    text = _text(value)
    if text is None:
        return None, None
    start, _, end = text.partition("-")
    return _text(start), _text(end)


def _due(value: object) -> DueDate | None:
    phrase = _text(value)
    if phrase is None:
        return None
    day = parse_iso_date(phrase)
    return DueDate(phrase, day, day) if day else DueDate(phrase)


def from_interchange(data: JSON, name: str = "interchange.json") -> Meeting:
    """A `Meeting` from interchange JSON, so a meeting written or edited as JSON can be exported.

    Besides FORMAT.md's keys it reads the optional `"confidential"` per item, `"guest"` per
    participant, and `"chair"`, `"note_taker"`, `"title"` in `"meeting"`. Missing keys become None.
    """
    info = data.get("meeting") or {}
    meeting = MeetingInfo(
        forum=_text(info.get("forum")),
        date=parse_iso_date(info.get("date")),
        start=_text(info.get("start")),
        end=_text(info.get("end")),
        location=_text(info.get("location")),
        chair=_text(info.get("chair")),
        note_taker=_text(info.get("note_taker")),
        title=_text(info.get("title")),
    )
    participants = tuple(
        Participant(
            name=str(p.get("name") or "").strip(),
            organisation=_text(p.get("organisation")),
            role=_text(p.get("role")),
            absent=bool(p.get("absent")),
            guest=bool(p.get("guest")),
        )
        for p in data.get("participants") or []
        if _text(p.get("name"))
    )
    items = []
    for it in data.get("items") or []:
        start, end = _split_time(it.get("time"))
        sections = tuple(
            Section(kind, heading, text)
            for key, kind, heading in _SECTION_KEYS
            if (text := _text(it.get(key))) is not None
        )
        items.append(
            Item(
                number=str(it.get("number") or "").strip().rstrip("."),
                title=str(it.get("title") or "").strip(),
                time_start=start,
                time_end=end,
                presenter=_text(it.get("presenter")),
                case_number=_text(it.get("case_number")),
                confidential=bool(it.get("confidential")),
                sections=sections,
                attachments=tuple(str(a) for a in it.get("attachments") or [] if _text(a)),
            )
        )
    actions = tuple(
        Action(
            owner=str(a.get("owner") or "").strip(),
            task=str(a.get("task") or "").strip(),
            item_number=_text(a.get("item")),
            due=_due(a.get("due")),
        )
        for a in data.get("actions") or []
    )
    document = Document(name=name, format="interchange", text="", blocks=())
    return Meeting(document, meeting, participants, tuple(items), actions=actions)


def answer_key(data: JSON) -> JSON:
    """Interchange JSON in the answer-key form of ../shared/eval (`has_*` flags and the decision's
    first sentence beside the texts), so a meeting can be scored against itself (export round trip)."""
    items = []
    for it in data.get("items") or []:
        item = dict(it)
        for key in ("recommendation", "case_text", "minutes", "decision"):
            item[f"has_{key}"] = bool(_text(it.get(key)))
        decision = _text(it.get("decision"))
        item["decision_first_sentence"] = decision.splitlines()[0] if decision else None
        items.append(item)
    return {**data, "items": items}
