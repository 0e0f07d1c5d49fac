"""Punkt: one agenda item, its sections, where each field came from in the source, related items."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.index.search import Related, related
from klynge.web.access import Viewer, viewer
from klynge.web.db import session
from klynge.web.pagecache import cached_page
from klynge.web.queries import items, visibility
from klynge.web.render import render

router = APIRouter(include_in_schema=False)


def related_items(s: Session, who: Viewer, item_id: int, limit: int = 8) -> list[Related]:
    """Related items through the search index, as this viewer may see them; none when not indexed."""
    try:
        return related(s, item_id, limit=limit, **visibility.search_flags(s, who))
    except NotFound:
        return []


@router.get("/punkter/{item_id}", response_class=HTMLResponse)
def item_page(
    request: Request, item_id: int, kilde: str | None = None, s: Session = Depends(session)
) -> HTMLResponse:
    who = viewer(request)

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
            related=related_items(s, who, item_id),
        )

    return cached_page(request, s, who, build)


@router.get("/punkter/{item_id}/kilde", response_class=HTMLResponse)
def item_source(
    request: Request,
    item_id: int,
    felt: str | None = None,
    kilde: str | None = None,
    s: Session = Depends(session),
) -> HTMLResponse:
    """The source view alone (htmx swaps it into the item page; also a page of its own)."""
    who = viewer(request)
    detail = items.detail(s, who, item_id)
    excerpt = items.source(s, who, item_id, felt or kilde or "")
    template = "item_source.html" if request.headers.get("HX-Request") else "item_source_page.html"
    return render(request, template, title=f"Kilde til punkt {detail.item.number}", d=detail, source=excerpt)
