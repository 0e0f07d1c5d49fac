"""Archive-wide numbers on list pages (totals, counts per status), allowed to lag a few seconds.

The lists themselves are read fresh whenever the archive changes; their numbers are counts over
every visible action or decision (10-30 ms each at 100,000 items) and change with every imported
document. While an import commits a document every few tenths of a second, each of them would be
counted again for nearly every page view. So a number is reused for up to `MAX_AGE` seconds after
the archive has changed; when the archive is unchanged it is reused until it changes.

Only numbers are kept, never rows, names or text: a number that lags cannot show anything a
viewer may no longer see. A worker forgets them all after every write it serves (`forget`), so
whoever changes something sees the numbers change with it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from fastapi import Request
from sqlalchemy.orm import Session

MAX_AGE = 5.0
MAX_ENTRIES = 2000

N = TypeVar("N", int, dict[str, int], tuple[int, ...])
"""A number, numbers by name (actions per status), or a row of numbers (the years with meetings)."""


class Remember(Protocol):
    """`remember(key, count)`: the number under `key`, counted by `count()` when it is not known."""

    def __call__(self, key: tuple[Any, ...], count: Callable[[], N]) -> N: ...


def now(key: tuple[Any, ...], count: Callable[[], N]) -> N:
    """Count now (outside the web app: the CLI, the REST API's exact totals)."""
    return count()


class Numbers:
    """(key) -> (archive stamp, when counted, number); thread-safe, least recently used go first."""

    def __init__(self, max_age: float = MAX_AGE, size: int = MAX_ENTRIES) -> None:
        self.max_age = max_age
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], stamp: tuple[Any, ...], count: Callable[[], N]) -> N:
        clock = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and (hit[0] == stamp or clock - hit[1] < self.max_age):
                self._data.move_to_end(key)
                known: N = hit[2]
                return known
        value = count()
        with self._lock:
            self._data[key] = (stamp, clock, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value

    def forget(self) -> None:
        with self._lock:
            self._data.clear()


def remembering(request: Request, session: Session) -> Remember:
    """The `remember` of this request: its viewer's numbers, checked against the archive's stamp."""
    from klynge.web.access import viewer
    from klynge.web.pagecache import access_key, request_archive_stamp

    numbers: Numbers = request.app.state.numbers
    who = access_key(viewer(request))
    today = dt.date.today()

    def remember(key: tuple[Any, ...], count: Callable[[], N]) -> N:
        return numbers.get((*key, *who, today), request_archive_stamp(request, session), count)

    return remember
