"""The stored corrections of a meeting applied to a new parse of it (issue 16).

Used by ingest (a new version of a file, or the same meeting read from another file) and by
`klynge reparse`. Corrections that find nothing to apply to are marked stale with the reason and
make the meeting "needs review" again; none is dropped.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from klynge import corrections, model
from klynge.quality import assess
from klynge.store import tables as t
from klynge.store.names import name_key


@dataclasses.dataclass(frozen=True)
class Reapplied:
    meeting: model.Meeting
    applied: int
    stale: tuple[str, ...]
    """One Danish line per correction that no longer applies."""


def apply_stored(session: Session, meeting: t.Meeting, parsed: model.Meeting) -> Reapplied:
    """The parse with every correction of `meeting` applied in order; rows marked stale or not."""
    rows = session.scalars(
        select(t.Correction).where(t.Correction.meeting_id == meeting.id).order_by(t.Correction.id)
    ).all()
    if not rows:
        return Reapplied(parsed, 0, ())
    result = corrections.apply(
        parsed, [corrections.Correction(r.op, dict(r.target), dict(r.change), r.id) for r in rows]
    )
    why = {c.id: reason for c, reason in result.stale}
    for row in rows:
        row.stale = row.id in why
        row.note = why.get(row.id)
    stale = tuple(
        f"Rettelse passer ikke længere: {corrections.describe(c)} ({reason})" for c, reason in result.stale
    )
    verdict = assess(result.meeting)
    reviewed = ((meeting.warnings or {}).get("quality") or {}).get("reviewed")
    if stale:
        verdict = dataclasses.replace(verdict, needs_review=True, reasons=(*stale, *verdict.reasons))
    elif reviewed:
        verdict = dataclasses.replace(verdict, needs_review=False)  # looked through, every fix still holds
    return Reapplied(dataclasses.replace(result.meeting, quality=verdict), len(rows) - len(stale), stale)


def match_corrected(session: Session, parsed: model.Meeting, filename: str) -> t.Meeting | None:
    """A meeting read from a file of this name whose forum or date a person corrected from exactly
    what this parse says: a new version of that file belongs to it, not to a new meeting."""
    said = {
        "forum": name_key(parsed.meeting.forum) if parsed.meeting.forum else None,
        "date": parsed.meeting.date.isoformat() if parsed.meeting.date else None,
    }
    rows = session.execute(
        select(t.Correction, t.Meeting)
        .join(t.Meeting, t.Meeting.id == t.Correction.meeting_id)
        .join(t.Document, t.Document.id == t.Meeting.document_id)
        .where(t.Correction.op == "header", t.Document.filename == filename)
        .order_by(t.Correction.id)
    ).all()
    for row, meeting in rows:
        field = row.change.get("field")
        if field not in said:
            continue
        was = row.change.get("was")
        if (name_key(was) if field == "forum" and was else was) == said[field]:
            return meeting
    return None
