"""OParl 1.1 read API at /oparl/v1: System, Body, Organization, Person, Membership, Meeting,
AgendaItem, File. Lists carry `data`, `pagination` and `links`, and take `created_since`,
`created_until`, `modified_since`, `modified_until`, `page` and `limit`."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from klynge.errors import InputError, NotFound
from klynge.store.tables import Meeting
from klynge.web.access import site_url, viewer
from klynge.web.db import ReadSession
from klynge.web.oparl import objects as o
from klynge.web.queries import oparl as q
from klynge.web.queries import visibility

router = APIRouter(prefix="/oparl/v1", tags=["oparl"])
PAGE = Query(1, ge=1, le=1_000_000)
LIMIT = Query(50, ge=1, le=500)


def urls(request: Request) -> o.Urls:
    return o.Urls(site_url(request) + "/oparl/v1")


def _when(value: str | None, name: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{name}: '{value[:40]}' er ikke et tidspunkt (ISO 8601)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def time_filter(
    created_since: str | None = None,
    created_until: str | None = None,
    modified_since: str | None = None,
    modified_until: str | None = None,
) -> q.TimeFilter:
    return q.TimeFilter(
        _when(created_since, "created_since"),
        _when(created_until, "created_until"),
        _when(modified_since, "modified_since"),
        _when(modified_until, "modified_until"),
    )


def external_list(
    request: Request, data: list[dict[str, Any]], total: int, page: int, limit: int
) -> dict[str, Any]:
    pages = max(1, math.ceil(total / limit))

    here = site_url(request) + request.url.path  # not request.url: its host is the Host header

    def link(n: int) -> str:
        query = request.url.include_query_params(page=n, limit=limit).query
        return f"{here}?{query}"

    links = {"first": link(1), "last": link(pages), "self": link(page)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": limit,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }


@router.get("/system", summary="OParl System")
def system(request: Request) -> dict[str, Any]:
    return o.system(urls(request))


@router.get("/bodies", summary="OParl Body-liste")
def bodies(request: Request, s: Session = ReadSession) -> dict[str, Any]:
    return external_list(request, [_body(request, s)], 1, 1, 50)


@router.get("/body/{body_id}", summary="OParl Body")
def body(request: Request, body_id: int, s: Session = ReadSession) -> dict[str, Any]:
    _check_body(body_id)
    return _body(request, s)


def _check_body(body_id: int) -> None:
    if body_id != 1:
        raise NotFound(f"body {body_id} findes ikke")


def _body(request: Request, s: Session) -> dict[str, Any]:
    first, last = s.execute(
        select(func.min(Meeting.created_at), func.max(Meeting.updated_at)).where(
            visibility.meetings(viewer(request))
        )
    ).one()
    return o.body(urls(request), first, last)


@router.get("/body/{body_id}/organizations", summary="Fora og organisationer")
def organizations(
    request: Request,
    body_id: int,
    page: int = PAGE,
    limit: int = LIMIT,
    tf: q.TimeFilter = Depends(time_filter),
    s: Session = ReadSession,
) -> dict[str, Any]:
    _check_body(body_id)
    who, u = viewer(request), urls(request)
    fora, _ = q.fora(s, who, tf, 1, 100_000)
    orgs, _ = q.organisations(s, who, tf, 1, 100_000)
    everything = [o.forum(u, f) for f in fora] + [o.organisation(u, x) for x in orgs]
    start = (page - 1) * limit
    return external_list(request, everything[start : start + limit], len(everything), page, limit)


@router.get("/body/{body_id}/people", summary="Personer")
def people(
    request: Request,
    body_id: int,
    page: int = PAGE,
    limit: int = LIMIT,
    tf: q.TimeFilter = Depends(time_filter),
    s: Session = ReadSession,
) -> dict[str, Any]:
    _check_body(body_id)
    who, u = viewer(request), urls(request)
    rows, total = q.persons(s, who, tf, page, limit)
    ms = q.memberships(s, who, person_ids=[p.id for p in rows])
    return external_list(
        request, [o.person(u, p, [m for m in ms if m.person_id == p.id]) for p in rows], total, page, limit
    )


@router.get("/body/{body_id}/memberships", summary="Medlemskaber")
def memberships(
    request: Request,
    body_id: int,
    page: int = PAGE,
    limit: int = LIMIT,
    s: Session = ReadSession,
) -> dict[str, Any]:
    _check_body(body_id)
    rows = q.memberships(s, viewer(request))
    start = (page - 1) * limit
    return external_list(
        request, [o.membership(urls(request), m) for m in rows[start : start + limit]], len(rows), page, limit
    )


@router.get("/body/{body_id}/papers", summary="Vorlagen (ingen i dette arkiv)")
def papers(request: Request, body_id: int, page: int = PAGE, limit: int = LIMIT) -> dict[str, Any]:
    _check_body(body_id)
    return external_list(request, [], 0, page, limit)


def _meeting_list(
    request: Request, s: Session, tf: q.TimeFilter, page: int, limit: int, forum_id: int | None = None
) -> dict[str, Any]:
    who, u = viewer(request), urls(request)
    rows, total = q.meetings(s, who, tf, page, limit, forum_id=forum_id)
    ids = [m.id for m in rows]
    items, parts = q.items_of(s, who, ids), q.participations_of(s, ids)
    data = [o.meeting(u, m, items.get(m.id, []), parts.get(m.id, [])) for m in rows]
    return external_list(request, data, total, page, limit)


@router.get("/body/{body_id}/meetings", summary="Møder")
def meetings(
    request: Request,
    body_id: int,
    page: int = PAGE,
    limit: int = LIMIT,
    tf: q.TimeFilter = Depends(time_filter),
    s: Session = ReadSession,
) -> dict[str, Any]:
    _check_body(body_id)
    return _meeting_list(request, s, tf, page, limit)


def _org_key(key: str) -> tuple[str, int]:
    if len(key) > 1 and key[0] in "fo" and key[1:].isdigit():
        return ("forum" if key[0] == "f" else "organisation"), int(key[1:])
    raise NotFound(f"organization {key} findes ikke")


@router.get("/organization/{key}", summary="Et forum (f<id>) eller en organisation (o<id>)")
def organization(request: Request, key: str, s: Session = ReadSession) -> dict[str, Any]:
    kind, obj_id = _org_key(key)
    row = q.one(s, viewer(request), kind, obj_id)
    return o.forum(urls(request), row) if kind == "forum" else o.organisation(urls(request), row)


@router.get("/organization/{key}/meetings", summary="Et forums møder")
def organization_meetings(
    request: Request,
    key: str,
    page: int = PAGE,
    limit: int = LIMIT,
    tf: q.TimeFilter = Depends(time_filter),
    s: Session = ReadSession,
) -> dict[str, Any]:
    kind, obj_id = _org_key(key)
    if kind != "forum":
        raise NotFound(f"organization {key} holder ikke møder")
    q.one(s, viewer(request), kind, obj_id)
    return _meeting_list(request, s, tf, page, limit, forum_id=obj_id)


@router.get("/person/{person_id}", summary="En person")
def person(request: Request, person_id: int, s: Session = ReadSession) -> dict[str, Any]:
    who = viewer(request)
    p = q.one(s, who, "person", person_id)
    return o.person(urls(request), p, q.memberships(s, who, person_ids=[person_id]))


@router.get("/membership/{key}", summary="Et medlemskab")
def membership(request: Request, key: str, s: Session = ReadSession) -> dict[str, Any]:
    rows = q.memberships(s, viewer(request), key=key)
    if not rows:
        raise NotFound(f"medlemskab {key} findes ikke")
    return o.membership(urls(request), rows[0])


@router.get("/meeting/{meeting_id}", summary="Et møde")
def meeting(request: Request, meeting_id: int, s: Session = ReadSession) -> dict[str, Any]:
    who = viewer(request)
    m = q.one(s, who, "meeting", meeting_id)
    return o.meeting(
        urls(request),
        m,
        q.items_of(s, who, [m.id]).get(m.id, []),
        q.participations_of(s, [m.id]).get(m.id, []),
    )


@router.get("/agendaitem/{item_id}", summary="Et dagsordenspunkt")
def agenda_item(request: Request, item_id: int, s: Session = ReadSession) -> dict[str, Any]:
    it = q.one(s, viewer(request), "agendaitem", item_id)
    return o.agenda_item(urls(request), it, it.meeting.date)


@router.get("/file/{file_id}", summary="En fil (mødets originaldokument)")
def file(request: Request, file_id: int, s: Session = ReadSession) -> dict[str, Any]:
    doc, meeting_id = q.one(s, viewer(request), "file", file_id)
    return o.file(urls(request), doc, meeting_id)


@router.get("/location/m{meeting_id}", summary="Et mødested")
def location(request: Request, meeting_id: int, s: Session = ReadSession) -> dict[str, Any]:
    m = q.one(s, viewer(request), "meeting", meeting_id)
    if not m.location:
        raise NotFound(f"møde {meeting_id} har intet sted")
    u = urls(request)
    return {
        "id": u("location", f"m{m.id}"),
        "type": o.kind("Location"),
        "description": m.location,
        "meetings": [u("meeting", m.id)],
    }
