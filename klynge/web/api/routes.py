"""REST API under /api: the same queries as the pages, as JSON. Lists: {"data", "page", "per_page",
"total", "links": {"next", "prev"}, "next"}; one thing: {"data": {...}}; errors: {"ok": false, ...}."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from klynge.web.access import Viewer, require_writer, site_url, viewer
from klynge.web.db import ReadSession, sessions
from klynge.web.guard import Editing, editing
from klynge.web.pages.items import related_items
from klynge.web.pages.search import run_search
from klynge.web.params import opt_date, opt_str, opt_year
from klynge.web.queries import followups, imports, items, meetings, people
from klynge.web.threads import read_route
from klynge.web.upload import MAX_BYTES, MAX_FILES, Upload, ingest_uploads, wants_publish
from klynge.web.views import Page, as_json

router = APIRouter(prefix="/api", tags=["api"])
PerPage = Query(50, ge=1, le=500, description="Antal pr. side (højst 500).")
PageNo = Query(1, ge=1, le=100_000, description="Sidenummer, fra 1.")


DOCS_PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Klynge API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-ui/init.js"></script>
</body></html>
"""


@router.get("/docs", include_in_schema=False)
def api_docs() -> HTMLResponse:
    """The browsable API (Swagger UI): vendored script and styles under /static, no inline script,
    nothing from another site."""
    return HTMLResponse(DOCS_PAGE)


def listing(request: Request, page: Page[Any]) -> dict[str, Any]:
    """A page of records with links to the next and previous pages."""

    here = site_url(request) + request.url.path  # not request.url: its host is the Host header

    def link(n: int) -> str:
        return f"{here}?{request.url.include_query_params(page=n, per_page=page.size).query}"

    nxt = link(page.page + 1) if page.has_next else None
    prev = link(page.page - 1) if page.page > 1 else None
    return {
        "data": as_json(page.rows),
        "page": page.page,
        "per_page": page.size,
        "total": page.total,
        "links": {"next": nxt, "prev": prev},
        "next": nxt,
    }


@router.get("/meetings", summary="Møder, nyeste først")
def api_meetings(
    request: Request,
    forum: str | None = None,
    year: int | None = Query(None, ge=1, le=9999),
    page: int = PageNo,
    per_page: int = PerPage,
    s: Session = ReadSession,
) -> dict[str, Any]:
    rows = meetings.list_meetings(
        s, viewer(request), forum=opt_str(forum), year=year, page=page, size=per_page
    )
    return listing(request, rows)


@router.get("/meetings/{meeting_id}", summary="Et møde med deltagere, punkter, beslutninger og handlinger")
def api_meeting(request: Request, meeting_id: int, s: Session = ReadSession) -> dict[str, Any]:
    d = meetings.detail(s, viewer(request), meeting_id)
    return {"data": as_json(d)}


@router.get("/items/{item_id}", summary="Et dagsordenspunkt")
def api_item(request: Request, item_id: int, s: Session = ReadSession) -> dict[str, Any]:
    d = items.detail(s, viewer(request), item_id)
    return {"data": {**as_json(d.item), "meeting": as_json(d.meeting)}}


@router.get("/items/{item_id}/source", summary="Kildeteksten omkring et felt")
def api_item_source(
    request: Request, item_id: int, field: str | None = None, s: Session = ReadSession
) -> dict[str, Any]:
    return {"data": as_json(items.source(s, viewer(request), item_id, field))}


@router.get("/items/{item_id}/related", summary="Beslægtede punkter fra andre møder")
def api_related(request: Request, item_id: int, s: Session = ReadSession) -> dict[str, Any]:
    who = viewer(request)
    items.detail(s, who, item_id)  # NotFound for items this viewer may not see
    return {"data": [r.as_json() for r in related_items(request, s, who, item_id, limit=10)]}


@router.get("/decisions", summary="Beslutningsregistret")
def api_decisions(
    request: Request,
    forum: str | None = None,
    kind: str | None = None,
    year: int | None = Query(None, ge=1, le=9999),
    page: int = PageNo,
    per_page: int = PerPage,
    s: Session = ReadSession,
) -> dict[str, Any]:
    rows = followups.list_decisions(
        s, viewer(request), forum=opt_str(forum), kind=opt_str(kind), year=year, page=page, size=per_page
    )
    return listing(request, rows)


@router.get("/actions", summary="Handlinger (status: open, overdue, done)")
def api_actions(
    request: Request,
    status: str | None = None,
    owner: str | None = None,
    organisation: str | None = None,
    forum: str | None = None,
    page: int = PageNo,
    per_page: int = PerPage,
    s: Session = ReadSession,
) -> dict[str, Any]:
    rows = followups.list_actions(
        s,
        viewer(request),
        status=opt_str(status),
        owner=opt_str(owner),
        organisation=opt_str(organisation),
        forum=opt_str(forum),
        page=page,
        size=per_page,
    )
    return listing(request, rows)


class StatusChange(BaseModel):
    status: str
    note: str | None = None


@router.post(
    "/actions/{action_id}/status", summary="Skift status på en handling (registreres med hvem og hvornår)"
)
def api_action_status(
    action_id: int,
    change: StatusChange,
    ed: Editing = Depends(editing),
    s: Session = ReadSession,
) -> dict[str, Any]:
    who = ed.who
    action = followups.set_status(s, who, action_id, change.status, change.note)
    m = meetings.get_meeting(s, who, action.meeting_id)
    view = followups.action_view(action, meetings.summary(m), dt.date.today(), who)
    return {"ok": True, "data": as_json(view)}


@router.get("/people", summary="Personer")
def api_people(
    request: Request,
    page: int = PageNo,
    per_page: int = PerPage,
    s: Session = ReadSession,
) -> dict[str, Any]:
    return listing(request, people.list_people(s, viewer(request), page=page, size=per_page))


@router.get("/people/{person_id}", summary="En person: møder, handlinger, medlemskaber")
def api_person(request: Request, person_id: int, s: Session = ReadSession) -> dict[str, Any]:
    return {"data": as_json(people.person(s, viewer(request), person_id))}


@router.get("/organisations", summary="Organisationer")
def api_organisations(request: Request, s: Session = ReadSession) -> dict[str, Any]:
    rows = people.list_organisations(s, viewer(request))
    return {
        "data": as_json(rows),
        "page": 1,
        "per_page": len(rows),
        "total": len(rows),
        "links": {"next": None, "prev": None},
        "next": None,
    }


@router.get("/organisations/{organisation_id}", summary="En organisation")
def api_organisation(request: Request, organisation_id: int, s: Session = ReadSession) -> dict[str, Any]:
    return {"data": as_json(people.organisation(s, viewer(request), organisation_id))}


@router.get("/search", summary="Søg (samme JSON som `klynge search --json`)")
@read_route
def api_search(
    request: Request,
    q: str = Query(..., description='Søgeord; "frase", præfiks*, -udeluk.'),
    forum: list[str] = Query(default=[]),
    organisation: list[str] = Query(default=[]),
    person: list[str] = Query(default=[]),
    section: list[str] = Query(default=[]),
    year: str | None = None,
    date_from: str | None = Query(None, alias="from"),
    date_to: str | None = Query(None, alias="to"),
    page: int = PageNo,
    per_page: int = Query(20, ge=1, le=100),
    s: Session = ReadSession,
) -> dict[str, Any]:
    result = run_search(
        s,
        viewer(request),
        q,
        forum=forum,
        organisation=organisation,
        person=person,
        section=section,
        year=opt_year(year, "year"),
        date_from=opt_date(date_from, "from"),
        date_to=opt_date(date_to, "to"),
        page=page,
        per_page=per_page,
        cache=request.app.state.search_cache,
    )
    return result.as_json()


@router.get("/imports", summary="Importkørsler")
def api_imports(
    request: Request,
    page: int = PageNo,
    per_page: int = PerPage,
    s: Session = ReadSession,
    who: Viewer = Depends(viewer),
) -> dict[str, Any]:
    return listing(request, imports.list_runs(s, page=page, size=per_page, who=who))


@router.post("/upload", summary="Indlæs filer (multipart, feltet 'files'); ét resultat pr. fil")
async def api_upload(
    request: Request, response: Response, who: Viewer = Depends(require_writer)
) -> dict[str, Any]:
    from klynge.web.threads import in_write_thread

    form = await request.form(max_files=MAX_FILES + 1, max_part_size=MAX_BYTES + 1)
    uploads = [
        Upload(f.filename or "uden-navn", await f.read())
        for key in ("files", "filer")
        for f in form.getlist(key)
        if not isinstance(f, str)
    ]
    if not uploads:
        from klynge.errors import InputError

        raise InputError("ingen filer modtaget (send multipart med feltet 'files')")
    result = await in_write_thread(
        request, ingest_uploads, sessions(request), who, uploads, publish=wants_publish(form)
    )
    body = {
        "ok": not any(o.failed for o in result.outcomes) and not result.not_published,
        "run_id": result.run_id,
        "files": [
            {
                "name": o.name,
                "outcome": o.outcome,
                "meeting_id": o.meeting_id,
                "published": o.meeting_id in result.published,
                "message": o.message,
            }
            for o in result.outcomes
        ],
        "problems": list(result.not_published),
    }
    if result.refused:
        response.status_code = 403  # a file the uploader may not write: refused, nothing of it stored
    return body
