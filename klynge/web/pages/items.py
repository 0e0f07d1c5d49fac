"""Punkt: one agenda item, its sections, where each field came from in the source, related items."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.index.search import Related, related
from klynge.web import pagecache
from klynge.web.access import Viewer, viewer
from klynge.web.db import ReadSession
from klynge.web.pagecache import cached_page
from klynge.web.queries import items, visibility
from klynge.web.render import render
from klynge.web.threads import read_route

router = APIRouter(include_in_schema=False)


RELATED_SECONDS = 60.0
"""How long a computed list of related items is reused (visibility is checked on every use)."""


class RelatedCache:
    """Per-process LRU of related-item lists: (item, limit, index flags) -> (computed at, list).

    Related items come from term statistics over the whole archive, so a list computed a minute
    ago is as good a suggestion as a new one; recomputing on every change of the archive made the
    item page cost 18 ms while documents were being imported. Who may see what is not cached:
    every use drops the items the viewer may not see now (closed or unpublished since)."""

    def __init__(self, size: int = 5000) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], tuple[float, list[Related]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], now: float) -> list[Related] | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is None or now - hit[0] > RELATED_SECONDS:
                return None
            self._data.move_to_end(key)
            return hit[1]

    def put(self, key: tuple[Any, ...], now: float, found: list[Related]) -> None:
        with self._lock:
            self._data[key] = (now, found)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


def related_items(request: Request, s: Session, who: Viewer, item_id: int, limit: int = 8) -> list[Related]:
    """Related items through the search index, as this viewer may see them now; none when not indexed."""
    flags = visibility.search_flags(s, who)
    key = (item_id, limit, tuple(sorted(flags.items())))
    cache: RelatedCache | None = getattr(request.app.state, "related_cache", None)
    now = time.monotonic()
    found = cache.get(key, now) if cache is not None else None
    if found is None:
        try:
            found = related(s, item_id, limit=limit, **flags)
        except NotFound:
            found = []
        if cache is not None:
            cache.put(key, now, found)
    visible = items.visible_items(s, who, [r.item_id for r in found])
    return [r for r in found if r.item_id in visible]


@router.get("/punkter/{item_id}", response_class=HTMLResponse)
@read_route
def item_page(
    request: Request, item_id: int, kilde: str | None = None, s: Session = ReadSession
) -> HTMLResponse:
    """The page is reused while the item's meeting and its visible related items are unchanged."""
    who = viewer(request)
    shown = related_items(request, s, who, item_id)

    def build() -> HTMLResponse:
        detail = items.detail(s, who, item_id)
        excerpt = items.source(s, who, item_id, kilde) if kilde is not None else None
        return render(
            request,
            "item.html",
            title=f"Punkt {detail.item.number}: {detail.item.title}",
            d=detail,
            source=excerpt,
            show_source=kilde is not None,
            related=shown,
        )

    current = (*pagecache.stamp(s, who, items.meeting_of(s, item_id)), *shown)
    return cached_page(request, s, who, build, stamp=current)


@router.get("/punkter/{item_id}/kilde", response_class=HTMLResponse)
def item_source(
    request: Request,
    item_id: int,
    felt: str | None = None,
    kilde: str | None = None,
    s: Session = ReadSession,
) -> HTMLResponse:
    """The source view alone (htmx swaps it into the item page; also a page of its own)."""
    who = viewer(request)
    detail = items.detail(s, who, item_id)
    excerpt = items.source(s, who, item_id, felt or kilde or "")
    template = "item_source.html" if request.headers.get("HX-Request") else "item_source_page.html"
    return render(request, template, title=f"Kilde til punkt {detail.item.number}", d=detail, source=excerpt)
