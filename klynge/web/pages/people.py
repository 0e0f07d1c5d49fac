"""Personer and Organisationer: meetings attended, actions owned, memberships over time."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from klynge.web.access import viewer
from klynge.web.db import ReadSession
from klynge.web.params import page_number
from klynge.web.queries import people
from klynge.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/personer", response_class=HTMLResponse)
def person_list(request: Request, side: str | None = None, s: Session = ReadSession) -> HTMLResponse:
    page = people.list_people(s, viewer(request), page=page_number(side))
    return render(request, "people.html", title="Personer", page=page, params={})


@router.get("/personer/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: int, s: Session = ReadSession) -> HTMLResponse:
    profile = people.person(s, viewer(request), person_id)
    return render(request, "profile.html", title=profile.name, p=profile, kind="person")


@router.get("/organisationer", response_class=HTMLResponse)
def organisation_list(request: Request, s: Session = ReadSession) -> HTMLResponse:
    rows = people.list_organisations(s, viewer(request))
    return render(request, "organisations.html", title="Organisationer", rows=rows)


@router.get("/organisationer/{organisation_id}", response_class=HTMLResponse)
def organisation_page(request: Request, organisation_id: int, s: Session = ReadSession) -> HTMLResponse:
    profile = people.organisation(s, viewer(request), organisation_id)
    return render(request, "profile.html", title=profile.name, p=profile, kind="organisation")
