"""Ingesting uploaded files: one import run per upload, one outcome per file, limits checked first.

An upload never widens what may be seen: each file is stored only when the uploader may write both
the forum parsed from it and the meeting it becomes a version of (`Viewer.may_edit`, checked by the
store before anything is written); it lands unpublished unless the uploader asks to publish
(`publish`), which then goes through `lifecycle.publish` (a frozen publication, a history row).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from klynge.errors import KlyngeError, TooLarge
from klynge.store import lifecycle
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
    published: frozenset[int] = frozenset()
    """Meetings the upload published (asked for, and stored as their meeting's current content)."""
    not_published: tuple[str, ...] = ()
    """Why a meeting asked to be published was not (one message per meeting)."""

    @property
    def refused(self) -> bool:
        """Some file was refused for the uploader's rights (the request answers 403)."""
        return any(o.refused for o in self.outcomes)


def too_big(name: str, size: int) -> IngestOutcome:
    return IngestOutcome(
        name,
        "failed",
        "",
        message=f"{name}: filen er for stor ({size // 1_048_576} MB; højst {MAX_BYTES // 1_048_576} MB)",
    )


def ingest_uploads(
    factory: SessionFactory, who: Viewer, files: list[Upload], *, publish: bool = False
) -> UploadResult:
    """Ingest each file through the store (a failed file is recorded with its reason, never raised);
    with the uploader's rights, unpublished; `publish`: then publish each meeting stored."""
    if not files:
        return UploadResult(None, ())
    run = start_run(factory, "upload", by=who.name)
    outcomes: list[IngestOutcome] = []
    published: set[int] = set()
    problems: list[str] = []
    try:
        for f in files[:MAX_FILES]:
            name = f.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "uden-navn"
            if len(f.data) > MAX_BYTES:
                outcomes.append(too_big(name, len(f.data)))
                continue
            outcome = ingest_bytes(
                factory, f.data, name, published=False, run=run, by=who.name, permit=who.may_edit
            )
            outcomes.append(outcome)
            if publish and outcome.outcome in ("new", "new_version") and outcome.current:
                assert outcome.meeting_id is not None
                try:
                    lifecycle.publish(factory, outcome.meeting_id, by=who.name)
                    published.add(outcome.meeting_id)
                except KlyngeError as exc:
                    problems.append(f"{name}: gemt som kladde, ikke offentliggjort ({exc})")
        for f in files[MAX_FILES:]:
            outcomes.append(
                IngestOutcome(f.name, "failed", "", message=f"{f.name}: højst {MAX_FILES} filer ad gangen")
            )
    finally:
        finish_run(factory, run)
    return UploadResult(run, tuple(outcomes), frozenset(published), tuple(problems))


PUBLISH_FIELDS = ("offentliggør", "offentliggoer", "publish")
"""The form field (a checkbox on the upload page) that asks to publish what is uploaded."""


def wants_publish(form: Mapping[str, object]) -> bool:
    """Did the uploader tick "offentliggør"? Anything but an explicit yes keeps the upload a draft."""
    for key in PUBLISH_FIELDS:
        value = form.get(key)
        if isinstance(value, str) and value.strip().lower() in ("on", "1", "true", "ja", "yes"):
            return True
    return False


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
