"""Ingesting uploaded files: one import run per upload, one outcome per file, limits checked first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from klynge.errors import TooLarge
from klynge.store.db import SessionFactory
from klynge.store.repo import IngestOutcome, finish_run, ingest_bytes, start_run
from klynge.web.access import Viewer

MAX_FILES = 50
MAX_BYTES = 50 * 1024 * 1024
MAX_REQUEST = 200 * 1024 * 1024
"""One upload request in all; checked from Content-Length before any of the body is read, and
counted as the body arrives (`middleware.LimitRequestBody`), so a chunked body cannot pass it."""
MAX_OTHER = 1024 * 1024
"""Any other request (a login, an editor form, a JSON write): at most this much body."""
UPLOAD_PATHS = re.compile(r"/(?:api/)?upload|/punkter/\d+/bilag")
"""The routes that take files (POST); everything else gets `MAX_OTHER`."""


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


def body_limit(method: str, path: str) -> int:
    """The most body bytes a request to this route may send."""
    return MAX_REQUEST if method == "POST" and UPLOAD_PATHS.fullmatch(path) else MAX_OTHER


def too_large(size: int | None, limit: int) -> str:
    """The Danish message for a request body over `limit`; `size`: the declared size, if known."""
    most = f"{limit // 1_048_576} MB" if limit >= 1_048_576 else f"{max(1, limit // 1024)} kB"
    got = f"{size // 1_048_576} MB; " if size is not None and size >= 1_048_576 else ""
    return f"forsendelsen er for stor ({got}højst {most} ad gangen)"


def check_request_size(headers: Mapping[str, str], limit: int = MAX_REQUEST) -> None:
    """Refuse a request whose declared size is over `limit` before reading it."""
    try:
        size = int(headers.get("content-length") or 0)
    except ValueError:
        size = 0
    if size > limit:
        raise TooLarge(too_large(size, limit))
