"""Parse the next files in worker processes while the main process stores the current one.

Parsing (pure, CPU-bound) and storing (SQL, index) then use different cores: on two cores an
ingest of many files runs at the pace of the slower of the two instead of their sum. Results come
back in the files' order; a file the worker could not parse comes back as None and is handed to
`ingest_bytes` as usual, which parses it again and records the failure with its reason.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections import deque
from collections.abc import Generator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from klynge.errors import InputError
from klynge.model import Meeting
from klynge.pipeline import parse

MIN_FILES = 6
"""Below this many files a worker process costs more than it saves."""


def _parse(path: str) -> Meeting | None:
    try:
        meeting = parse(Path(path).read_bytes(), Path(path).name)
    except (InputError, OSError):
        return None
    # The store keeps no blocks: leave them out of the trip between processes.
    return dataclasses.replace(meeting, document=dataclasses.replace(meeting.document, blocks=()))


def workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def parsed_ahead(paths: list[Path | None]) -> Generator[Meeting | None, None, None]:
    """One parse result per path, in order (None entries and unparsable files give None)."""
    if sum(p is not None for p in paths) < MIN_FILES:
        yield from (None for _ in paths)
        return
    n = workers()
    # forkserver: no fork of a process with threads (progress bar) and open database connections.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["klynge.pipeline"])
    pool = ProcessPoolExecutor(max_workers=n, mp_context=context)
    pending: deque[Future[Meeting | None] | None] = deque()
    submitted = 0

    def submit_next() -> None:
        nonlocal submitted
        if submitted < len(paths):
            path = paths[submitted]
            pending.append(pool.submit(_parse, str(path)) if path is not None else None)
            submitted += 1

    try:
        for _ in range(2 * n + 1):
            submit_next()
        while pending:
            head = pending.popleft()
            submit_next()
            try:
                result = head.result() if head is not None else None
            except Exception:  # a worker that died (killed, out of memory): the main process parses
                result = None
            yield result
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
