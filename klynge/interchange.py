"""The interchange JSON of one meeting (../shared/eval/FORMAT.md): to and from `Meeting`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from klynge.model import Action, Item, Meeting, SectionKind

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
        "actions": [
            {"owner": a.owner, "task": a.task, "due": action_due(a)} for a in meeting.actions
        ],
    }


def parse_iso_date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
