"""Statistik: meetings, decisions and open actions per quarter and forum, as SVG charts and a table."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.web.access import viewer
from klynge.web.chart import bar_chart, legend
from klynge.web.db import ReadSession
from klynge.web.pagecache import PageCache, access_key, freeze, masked, page_response
from klynge.web.queries import stats
from klynge.web.render import render

router = APIRouter(include_in_schema=False)
MEASURES = {"moeder": 0, "beslutninger": 1, "handlinger": 2}


def cached_series(request: Request, s: Session) -> list[stats.Series]:
    """The counts, recomputed only when the archive changed (they scan the whole archive)."""
    who = viewer(request)
    cache: dict[tuple[object, ...], list[stats.Series]] = request.app.state.stats_cache
    current = (*access_key(who), *stats.archive_stamp(s))
    if current not in cache:
        cache.clear()
        cache[current] = stats.per_quarter(s, who)
    return cache[current]


@router.get("/statistik", response_class=HTMLResponse)
def chart_page(request: Request, s: Session = ReadSession) -> HTMLResponse:
    who = viewer(request)
    page_cache: PageCache[bytes] = request.app.state.page_cache
    key = ("statistik", *access_key(who))
    current = stats.archive_stamp(s)
    body = page_cache.get(key, current)
    if body is not None:
        return page_response(request, body, who)
    charts = [(x, Markup(bar_chart(x)), legend(x)) for x in cached_series(request, s)]
    page = render(request, "chart.html", title="Statistik", charts=charts)
    body = masked(freeze(bytes(page.body), who), who)
    page_cache.put(key, current, body)
    return page_response(request, body, who)


@router.get("/statistik/{measure}.svg")
def chart_svg(request: Request, measure: str, s: Session = ReadSession) -> Response:
    if measure not in MEASURES:
        raise NotFound(f"statistik '{measure}' findes ikke (brug {', '.join(MEASURES)})")
    series = cached_series(request, s)[MEASURES[measure]]
    return Response(bar_chart(series), media_type="image/svg+xml")
