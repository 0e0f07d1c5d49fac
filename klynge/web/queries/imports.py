"""Import runs (CLI and upload) as the import page shows them, and when the archive last changed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from klynge.store.review import review_reasons
from klynge.store.tables import ImportFile, ImportRun, Meeting
from klynge.web.access import Viewer
from klynge.web.views import ImportFile as FileView
from klynge.web.views import ImportRun as RunView
from klynge.web.views import Page

OUTCOME_LABELS = {
    "new": "nyt møde",
    "new_version": "ny version",
    "duplicate": "allerede indlæst",
    "failed": "fejlede",
}


def run_view(run: ImportRun, doubts: dict[int, tuple[str, ...]] | None = None) -> RunView:
    """`doubts`: meeting id -> why its parse needs review, for the meetings the viewer may edit."""
    doubts = doubts or {}
    return RunView(
        id=run.id,
        started=run.started_at,
        source=run.source,
        finished=run.finished_at,
        files=tuple(
            FileView(
                f.filename,
                f.outcome != "failed",
                f.message or OUTCOME_LABELS.get(f.outcome),
                f.meeting_id,
                doubts.get(f.meeting_id, ()) if f.meeting_id is not None and f.outcome != "failed" else (),
            )
            for f in run.files
        ),
    )


def doubts_of(session: Session, meeting_ids: set[int], who: Viewer) -> dict[int, tuple[str, ...]]:
    """Review reasons of those meetings the viewer may edit: the secretariat fixes a parse."""
    if not meeting_ids or not who.may_write:
        return {}
    rows = session.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids))).all()
    return {
        m.id: reasons for m in rows if who.may_edit(m.forum_id) and (reasons := review_reasons(m.warnings))
    }


def list_runs(session: Session, *, page: int = 1, size: int = 30, who: Viewer | None = None) -> Page[RunView]:
    total = session.scalar(select(func.count()).select_from(ImportRun)) or 0
    runs = session.scalars(
        select(ImportRun)
        .options(selectinload(ImportRun.files))
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    ids = {f.meeting_id for r in runs for f in r.files if f.meeting_id is not None}
    doubts = doubts_of(session, ids, who) if who is not None else {}
    return Page(tuple(run_view(r, doubts) for r in runs), total, page, size)


def last_updated(session: Session) -> dt.datetime | None:
    """When a file was last imported successfully."""
    return session.scalar(select(func.max(ImportFile.at)).where(ImportFile.outcome != "failed"))


def last_failure(session: Session) -> ImportFile | None:
    return session.scalars(
        select(ImportFile).where(ImportFile.outcome == "failed").order_by(ImportFile.at.desc()).limit(1)
    ).first()
