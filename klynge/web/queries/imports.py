"""Import runs (CLI and upload) as the import page shows them, and when the archive last changed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from klynge.store.tables import ImportFile, ImportRun
from klynge.web.views import ImportFile as FileView
from klynge.web.views import ImportRun as RunView
from klynge.web.views import Page

OUTCOME_LABELS = {
    "new": "nyt møde",
    "new_version": "ny version",
    "duplicate": "allerede indlæst",
    "failed": "fejlede",
}


def run_view(run: ImportRun) -> RunView:
    return RunView(
        id=run.id,
        started=run.started_at,
        source=run.source,
        finished=run.finished_at,
        files=tuple(
            FileView(
                f.filename, f.outcome != "failed", f.message or OUTCOME_LABELS.get(f.outcome), f.meeting_id
            )
            for f in run.files
        ),
    )


def list_runs(session: Session, *, page: int = 1, size: int = 30) -> Page[RunView]:
    total = session.scalar(select(func.count()).select_from(ImportRun)) or 0
    runs = session.scalars(
        select(ImportRun)
        .options(selectinload(ImportRun.files))
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    return Page(tuple(run_view(r) for r in runs), total, page, size)


def last_updated(session: Session) -> dt.datetime | None:
    """When a file was last imported successfully."""
    return session.scalar(select(func.max(ImportFile.at)).where(ImportFile.outcome != "failed"))


def last_failure(session: Session) -> ImportFile | None:
    return session.scalars(
        select(ImportFile).where(ImportFile.outcome == "failed").order_by(ImportFile.at.desc()).limit(1)
    ).first()
