"""Statistik: meetings, decisions and open actions per quarter and forum, as SVG charts and a table."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.web.access import viewer
from klynge.web.chart import bar_chart, legend
from klynge.web.db import session
from klynge.web.queries import stats
from klynge.web.render import render

router = APIRouter(include_in_schema=False)
MEASURES = {"moeder": 0, "beslutninger": 1, "handlinger": 2}


@router.get("/statistik", response_class=HTMLResponse)
def chart_page(request: Request, s: Session = Depends(session)) -> HTMLResponse:
    series = stats.per_quarter(s, viewer(request))
    charts = [(x, Markup(bar_chart(x)), legend(x)) for x in series]
    return render(request, "chart.html", title="Statistik", charts=charts)


@router.get("/statistik/{measure}.svg")
def chart_svg(request: Request, measure: str, s: Session = Depends(session)) -> Response:
    if measure not in MEASURES:
        raise NotFound(f"statistik '{measure}' findes ikke (brug {', '.join(MEASURES)})")
    series = stats.per_quarter(s, viewer(request))[MEASURES[measure]]
    return Response(bar_chart(series), media_type="image/svg+xml")
