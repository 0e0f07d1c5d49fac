"""A time limit per document, checked cooperatively by the pipeline's loops.

    with time_limit(60, "referat.pdf"):
        parse(...)          # raises UnreadableDocument("referat.pdf: tolkningen tog over 60 s ...")

A context variable, not a signal: it works in the web server's worker threads as well as in the
CLI, and costs one clock read per check. Without a `time_limit` around it, `check()` does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from klynge.errors import UnreadableDocument

DEFAULT_SECONDS = 60.0
_LIMIT: ContextVar[tuple[float, float, str] | None] = ContextVar("klynge_deadline", default=None)


@contextmanager
def time_limit(seconds: float | None, name: str) -> Iterator[None]:
    """Stop the document `name` with a clear error once `seconds` have passed (None: no limit)."""
    if seconds is None:
        yield
        return
    token = _LIMIT.set((time.monotonic() + seconds, seconds, name))
    try:
        yield
    finally:
        _LIMIT.reset(token)


def check() -> None:
    """Raise `UnreadableDocument` when the current document's time is up."""
    limit = _LIMIT.get()
    if limit is not None and time.monotonic() > limit[0]:
        seconds, name = limit[1], limit[2]
        raise UnreadableDocument(
            f"{name}: tolkningen tog over {seconds:g} s og blev stoppet (for stort eller usædvanligt dokument?)"
        )
