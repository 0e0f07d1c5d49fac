"""Meetings whose parse needs review (issue 16): which ones, why, and marking one as reviewed.

The verdict of `klynge.quality` is stored with the meeting (`Meeting.warnings["quality"]`) when a
file is ingested. The secretariat looks through the doubtful ones, corrects what is wrong in the
editor and marks the meeting as reviewed; a new version of the file brings a new verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.store import tables as t
from klynge.store.db import SessionFactory


def review_reasons(warnings: dict[str, Any] | None) -> tuple[str, ...]:
    """Why a stored parse needs review, from the meeting's warnings; () when it does not (any more)."""
    verdict = (warnings or {}).get("quality") or {}
    if not verdict.get("needs_review") or verdict.get("reviewed"):
        return ()
    return tuple(str(r) for r in verdict.get("reasons") or ()) or ("Læsningen er usikker",)


@dataclass(frozen=True)
class Doubtful:
    """One meeting in the review list."""

    meeting_id: int
    forum_id: int | None
    forum: str | None
    date: str | None
    filename: str | None
    confidence: float | None
    reasons: tuple[str, ...]


def doubtful_meetings(session: Session, forum_id: int | None = None) -> list[Doubtful]:
    """Every meeting whose stored verdict needs review and has not been reviewed, least sure first."""
    query = (
        select(t.Meeting, t.Forum.name, t.Document.filename)
        .outerjoin(t.Forum, t.Forum.id == t.Meeting.forum_id)
        .outerjoin(t.Document, t.Document.id == t.Meeting.document_id)
    )
    if forum_id is not None:
        query = query.where(t.Meeting.forum_id == forum_id)
    found = []
    for m, forum, filename in session.execute(query):
        reasons = review_reasons(m.warnings)
        if reasons:
            confidence = ((m.warnings or {}).get("quality") or {}).get("confidence")
            found.append(
                Doubtful(
                    m.id,
                    m.forum_id,
                    forum,
                    m.date.isoformat() if m.date else None,
                    filename,
                    float(confidence) if confidence is not None else None,
                    reasons,
                )
            )
    return sorted(found, key=lambda d: (d.confidence if d.confidence is not None else 0.0, d.meeting_id))


def mark_reviewed(factory: SessionFactory, meeting_id: int, *, by: str | None = None) -> None:
    """The secretariat has looked the meeting through: it leaves the review list (kept in history)."""
    with factory.begin() as session:
        m = session.get(t.Meeting, meeting_id)
        if m is None:
            raise NotFound(f"møde {meeting_id} findes ikke")
        warnings = dict(m.warnings or {})
        verdict = dict(warnings.get("quality") or {})
        before = {"reviewed": verdict.get("reviewed")}
        verdict["reviewed"] = {"by": by, "at": t.utcnow().isoformat(timespec="seconds")}
        warnings["quality"] = verdict
        m.warnings = warnings  # a new dict: the JSON column sees the change
        m.updated_at = t.utcnow()
        session.add(
            t.Revision(
                by=by,
                meeting_id=meeting_id,
                entity="meeting",
                entity_id=meeting_id,
                change="reviewed",
                before=before,
                after={"reviewed": verdict["reviewed"]},
            )
        )
        session.add(t.Audit(actor=by, action="meeting.reviewed", target=f"møde {meeting_id}", detail={}))
