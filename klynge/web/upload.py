"""Ingesting uploaded files: one import run per upload, one outcome per file, limits checked first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from klynge.errors import TooLarge
from klynge.store.db import SessionFactory
from klynge.store.repo import IngestOutcome, finish_run, ingest_bytes, start_run
from klynge.web.access import Viewer

MAX_FILES = 50
MAX_BYTES = 50 * 1024 * 1024
MAX_REQUEST = 200 * 1024 * 1024
"""One upload request in all; checked from Content-Length before any of the body is read."""


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class UploadResult:
    run_id: int | None
    outcomes: tuple[IngestOutcome, ...]


def too_big(name: str, size: int) -> IngestOutcome:
    return IngestOutcome(
        name,
        "failed",
        "",
        message=f"{name}: filen er for stor ({size // 1_048_576} MB; højst {MAX_BYTES // 1_048_576} MB)",
    )


def ingest_uploads(factory: SessionFactory, who: Viewer, files: list[Upload]) -> UploadResult:
    """Ingest each file through the store (a failed file is recorded with its reason, never raised)."""
    if not files:
        return UploadResult(None, ())
    run = start_run(factory, "upload", by=who.name)
    outcomes = []
    try:
        for f in files[:MAX_FILES]:
            name = f.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "uden-navn"
            if len(f.data) > MAX_BYTES:
                outcomes.append(too_big(name, len(f.data)))
                continue
            outcomes.append(ingest_bytes(factory, f.data, name, run=run))
        for f in files[MAX_FILES:]:
            outcomes.append(
                IngestOutcome(f.name, "failed", "", message=f"{f.name}: højst {MAX_FILES} filer ad gangen")
            )
    finally:
        finish_run(factory, run)
    return UploadResult(run, tuple(outcomes))


def check_request_size(headers: Mapping[str, str]) -> None:
    """Refuse an upload whose declared size is over `MAX_REQUEST` before reading it."""
    try:
        size = int(headers.get("content-length") or 0)
    except ValueError:
        size = 0
    if size > MAX_REQUEST:
        raise TooLarge(
            f"forsendelsen er for stor ({size // 1_048_576} MB; højst {MAX_REQUEST // 1_048_576} MB ad gangen)"
        )
