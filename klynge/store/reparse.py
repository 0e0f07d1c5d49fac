"""Read every stored original again with the current parser, keeping people's corrections (issue 16).

One meeting per transaction: interrupted, the archive holds meetings read either the old way or
the new, never half of one. What nobody corrected follows the improved parse; every correction
that still applies is applied again, and the ones that no longer do are reported and kept (the
meeting goes back on the review list). Action statuses carry over as on a new version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy import select

from klynge.errors import KlyngeError
from klynge.index import sync
from klynge.pipeline import parse
from klynge.store import tables as t
from klynge.store.corrected import apply_stored
from klynge.store.db import SessionFactory
from klynge.store.repo import clear_content, fill_meeting, forum_named, restore_actions, storable


@dataclasses.dataclass(frozen=True)
class Reparsed:
    meeting_id: int
    applied: int = 0
    """Corrections applied again."""
    stale: tuple[str, ...] = ()
    failed: str | None = None
    review: bool = False


def stored_originals(factory: SessionFactory) -> list[int]:
    """Ids of meetings read from a stored file (written meetings have none), oldest first."""
    with factory() as session:
        return list(
            session.scalars(
                select(t.Meeting.id).where(t.Meeting.document_id.is_not(None)).order_by(t.Meeting.id)
            )
        )


def reparse_meeting(factory: SessionFactory, meeting_id: int) -> Reparsed:
    """Read one meeting's original again; a file the parser now refuses leaves the meeting as it was."""
    with factory() as look:
        row = look.execute(
            select(t.Document.content, t.Document.filename)
            .join(t.Meeting, t.Meeting.document_id == t.Document.id)
            .where(t.Meeting.id == meeting_id)
        ).first()
    if row is None:
        return Reparsed(meeting_id, failed="intet originaldokument")
    try:
        parsed = parse(row.content, row.filename)
    except KlyngeError as exc:
        return Reparsed(meeting_id, failed=str(exc))
    with factory.begin() as session:
        meeting = session.get(t.Meeting, meeting_id)
        if meeting is None:
            return Reparsed(meeting_id, failed="mødet er slettet")
        again = apply_stored(session, meeting, parsed)
        status, published = meeting.status, meeting.published
        carried = clear_content(session, meeting)
        fresh = storable(again.meeting)
        fill_meeting(session, meeting, fresh, forum_named(session, fresh.meeting.forum), published)
        meeting.status = status
        session.flush()
        restore_actions(meeting, carried)
        sync.reindex_meeting(session, meeting.id)
        verdict = again.meeting.quality
    return Reparsed(meeting_id, again.applied, again.stale, review=bool(verdict and verdict.needs_review))


def reparse_all(factory: SessionFactory, ids: Sequence[int] | None = None) -> list[Reparsed]:
    return [reparse_meeting(factory, mid) for mid in (stored_originals(factory) if ids is None else ids)]
