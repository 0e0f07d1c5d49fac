"""Søg: query box, facets with counts, marked snippets, pagination; the URL holds the whole search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from klynge.errors import InputError
from klynge.index.search import SearchResult, search
from klynge.index.sync import generation
from klynge.web.access import Viewer, viewer
from klynge.web.db import ReadSession
from klynge.web.pagecache import PageCache, cached_page
from klynge.web.params import opt_str, opt_year, page_number
from klynge.web.queries import visibility
from klynge.web.render import query_url, render
from klynge.web.threads import read_route

router = APIRouter(include_in_schema=False)

SECTION_LABELS = {
    "meeting": "Mødet",
    "title": "Titel",
    "recommendation": "Indstilling",
    "case_text": "Sagsfremstilling",
    "attachments": "Bilag",
    "minutes": "Referat",
    "decision": "Beslutning",
    "orientation": "Orientering",
    "action": "Handling",
    "forward_topic": "Kommende punkt",
}
FACET_LABELS = {
    "forum": ("Forum", "forum"),
    "year": ("År", "aar"),
    "section": ("Afsnit", "afsnit"),
    "organisation": ("Organisation", "organisation"),
    "person": ("Person", "person"),
}
PER_PAGE = 20


def run_search(
    s: Session,
    who: Viewer,
    q: str,
    *,
    forum: list[str] | None = None,
    organisation: list[str] | None = None,
    person: list[str] | None = None,
    section: list[str] | None = None,
    year: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    cache: PageCache[SearchResult] | None = None,
    index_generation: int | None = None,
) -> SearchResult:
    """The one search call behind the page and /api/search, as this viewer may see it.

    With `cache`, a result is reused while the index's generation is unchanged (popular searches
    repeat; a search costs 5-10 ms at 100,000 items, the generation one primary-key read), read
    here unless the caller has just read it (`index_generation`)."""
    if year:
        if year < 1 or year > 9999:
            raise InputError(f"år: {year} er ikke et gyldigt år")
        date_from = max(date_from or dt.date(year, 1, 1), dt.date(year, 1, 1))
        date_to = min(date_to or dt.date(year, 12, 31), dt.date(year, 12, 31))
    flags = visibility.search_flags(s, who)
    key: tuple[Any, ...] = ()
    current: tuple[Any, ...] = ()
    if cache is not None:
        key = (
            q,
            tuple(forum or ()),
            tuple(organisation or ()),
            tuple(person or ()),
            tuple(section or ()),
            date_from,
            date_to,
            page,
            per_page,
            tuple(sorted(flags.items())),
            who.sees_personal,
        )
        current = (generation(s.connection()) if index_generation is None else index_generation,)
        hit = cache.get(key, current)
        if hit is not None:
            return hit
    result = search(
        s,
        q,
        forum=forum or None,
        organisation=organisation or None,
        person=person or None,
        section=section or None,
        date_from=date_from,
        date_to=date_to,
        page=page,
        per_page=per_page,
        personal=who.sees_personal,
        **flags,
    )
    if cache is not None:
        cache.put(key, current, result)
    return result


@router.get("/soeg", response_class=HTMLResponse)
@read_route
def search_page(
    request: Request,
    q: str = "",
    forum: list[str] = Query(default=[]),
    organisation: list[str] = Query(default=[]),
    person: list[str] = Query(default=[]),
    afsnit: list[str] = Query(default=[]),
    aar: str | None = None,
    side: str | None = None,
    s: Session = ReadSession,
) -> HTMLResponse:
    who = viewer(request)
    year = opt_year(aar)
    page = page_number(side)

    def build(index_generation: int) -> HTMLResponse:
        params: dict[str, Any] = {
            "q": q,
            "forum": [f for f in forum if f],
            "organisation": [o for o in organisation if o],
            "person": [p for p in person if p],
            "afsnit": [a for a in afsnit if a],
            "aar": year,
        }
        result: SearchResult | None = None
        error: str | None = None
        if opt_str(q):
            try:
                result = run_search(
                    s,
                    who,
                    q,
                    forum=params["forum"],
                    organisation=params["organisation"],
                    person=params["person"],
                    section=params["afsnit"],
                    year=year,
                    page=page,
                    cache=request.app.state.search_cache,
                    index_generation=index_generation,
                )
            except InputError as exc:
                error = str(exc)
        return render(
            request,
            "search.html",
            title=f"Søg: {q}" if q else "Søg",
            result=result,
            error=error,
            params=params,
            facets=facet_links(result, params) if result else [],
            active=active_filters(params),
            section_labels=SECTION_LABELS,
        )

    # The whole page, masked, is reused while the index is unchanged (the same URL for the same viewer).
    current = generation(s.connection())
    return cached_page(request, s, who, lambda: build(current), stamp=(current,))


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    on: bool
    href: str


def _toggle(params: dict[str, Any], key: str, value: str) -> str:
    """The search URL with `value` added to or removed from filter `key` (back to page 1)."""
    if key == "aar":
        on = str(params.get("aar") or "") == value
        return query_url("/soeg", params, aar=None if on else value, side=None)
    current: list[str] = params[key]
    new = [v for v in current if v != value] if value in current else [*current, value]
    return query_url("/soeg", params, side=None, **{key: new})


def facet_links(result: SearchResult, params: dict[str, Any]) -> list[tuple[str, list[FacetLink]]]:
    out = []
    for name, values in result.facets.items():
        if not values or name not in FACET_LABELS:
            continue
        label, key = FACET_LABELS[name]
        chosen = [str(params["aar"])] if key == "aar" and params.get("aar") else params.get(key) or []
        links = [
            FacetLink(
                SECTION_LABELS.get(value, value) if name == "section" else value,
                n,
                value in chosen,
                _toggle(params, key, value),
            )
            for value, n in values[:12]
        ]
        out.append((label, links))
    return out


def active_filters(params: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, URL without it) for each filter in use."""
    out = []
    for key in ("forum", "organisation", "person", "afsnit"):
        for value in params[key]:
            out.append(
                (SECTION_LABELS.get(value, value) if key == "afsnit" else value, _toggle(params, key, value))
            )
    if params.get("aar"):
        out.append((str(params["aar"]), _toggle(params, "aar", str(params["aar"]))))
    return out
