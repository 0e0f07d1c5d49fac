"""A small per-process cache of rendered meeting pages, checked against the database on every request.

Each request still asks the database for the meeting's current stamp (one indexed query: its own
`updated_at` and visibility, and the newest change among its items, actions and action events), so
an edit, a re-import, publishing or closing an item shows at once; only the unchanged page is
reused. Keys include everything the page depends on besides the data: the viewer's rights and today
(overdue is relative to today).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Integer, Select, bindparam, func, select
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.privacy import mask_personal
from klynge.store.tables import Action, ActionEvent, Item, Meeting
from klynge.web.access import Viewer
from klynge.web.middleware import MASKED_HEADER
from klynge.web.queries import visibility

MAX_ENTRIES = 2000


@cache
def _stamp_query(sees_confidential: bool) -> Select[Any]:
    mid = bindparam("mid", type_=Integer)
    newest_item = select(func.max(Item.updated_at)).where(Item.meeting_id == mid).scalar_subquery()
    newest_action = select(func.max(Action.updated_at)).where(Action.meeting_id == mid).scalar_subquery()
    events = (
        select(func.count(ActionEvent.id))
        .join(Action, Action.id == ActionEvent.action_id)
        .where(Action.meeting_id == mid)
        .scalar_subquery()
    )
    return select(Meeting.updated_at, Meeting.version, newest_item, newest_action, events).where(
        Meeting.id == mid, visibility.meetings(Viewer(sees_confidential=sees_confidential))
    )


def stamp(session: Session, viewer: Viewer, meeting_id: int) -> tuple[Any, ...]:
    """What the meeting page's content depends on; `NotFound` when the viewer may not see the meeting."""
    viewer = visibility.scoped(session, viewer, meeting_id)
    row = session.connection().execute(_stamp_query(viewer.sees_confidential), {"mid": meeting_id}).first()
    if row is None:
        raise NotFound(f"møde {meeting_id} findes ikke")
    return tuple(row)


V = TypeVar("V")


class PageCache(Generic[V]):
    """LRU of (key) -> (stamp, value); thread-safe (sync routes run in a thread pool).

    Values are rendered pages (bytes), or search results (klynge.web.pages.search)."""

    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], current: tuple[Any, ...]) -> V | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is None or hit[0] != current:
                return None
            self._data.move_to_end(key)
            return hit[1]

    def __len__(self) -> int:
        return len(self._data)

    def put(self, key: tuple[Any, ...], current: tuple[Any, ...], body: V) -> None:
        with self._lock:
            self._data[key] = (current, body)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


def key(viewer: Viewer, meeting_id: int, variant: str = "") -> tuple[Any, ...]:
    return (meeting_id, *access_key(viewer), dt.date.today(), variant)


CSRF_MARK = b"klynge-csrf-token-of-the-viewer"
"""Stands for the viewer's CSRF token in a cached page: one page serves every browser of a viewer."""


def freeze(body: bytes, viewer: Viewer) -> bytes:
    """The page as cached: the viewer's own CSRF token replaced by the mark."""
    return body.replace(viewer.csrf.encode(), CSRF_MARK) if viewer.csrf else body


def thaw(body: bytes, viewer: Viewer) -> bytes:
    """A cached page for this viewer: the mark replaced by their CSRF token."""
    return body.replace(CSRF_MARK, viewer.csrf.encode()) if viewer.csrf else body


def masked(body: bytes, viewer: Viewer) -> bytes:
    """The page as this viewer may see it: personal data masked unless they may see it.

    Cached pages are kept masked, so a hit costs no masking (0.2-0.7 ms a page)."""
    if viewer.sees_personal:
        return body
    return mask_personal(body.decode("utf-8", errors="surrogateescape")).encode(
        "utf-8", errors="surrogateescape"
    )


def page_response(request: Request, body: bytes, viewer: Viewer) -> HTMLResponse:
    """A cached (frozen, masked) page as this viewer's response, marked as masked already."""
    from klynge.web.render import set_csrf_cookie

    response = HTMLResponse(thaw(body, viewer), headers={MASKED_HEADER.decode(): "1"})
    set_csrf_cookie(request, response)
    return response


def access_key(viewer: Viewer) -> tuple[Any, ...]:
    """Everything about a viewer that changes what a page shows (a role or forum change included)."""
    return (
        viewer.sees_confidential,
        viewer.may_write,
        viewer.name,
        viewer.role,
        tuple(sorted(viewer.member_fora)),
        tuple(sorted(viewer.secretariat_fora)),
        viewer.sees_personal,
    )


def cached_page(
    request: Request,
    session: Session,
    who: Viewer,
    build: Callable[[], HTMLResponse],
    stamp: tuple[Any, ...] | None = None,
) -> HTMLResponse:
    """The page at this URL for this viewer, built again only when `stamp` has changed.

    By default the stamp is the whole archive's (a few indexed max/count lookups): for list pages
    whose queries scan much of the archive (actions, decisions, meetings)."""
    cache: PageCache[bytes] = request.app.state.page_cache
    page_key = (
        request.url.path,
        request.url.query,
        request.headers.get("HX-Request", ""),
        *access_key(who),
        dt.date.today(),
    )
    current = request_archive_stamp(request, session) if stamp is None else stamp
    body = cache.get(page_key, current)
    if body is not None:
        return page_response(request, body, who)
    page = build()
    if page.status_code != 200:
        return page
    body = masked(freeze(bytes(page.body), who), who)
    cache.put(page_key, current, body)
    return page_response(request, body, who)


def request_archive_stamp(request: Request, session: Session) -> tuple[Any, ...]:
    """The whole archive's stamp, read once per request (a list page's cache and its numbers)."""
    from klynge.web.queries.stats import archive_stamp

    known: tuple[Any, ...] | None = getattr(request.state, "archive_stamp", None)
    if known is None:
        known = request.state.archive_stamp = archive_stamp(session)
    return known
