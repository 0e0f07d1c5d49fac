"""Log ind, log ud, and the audit log for admins."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from klynge.errors import Forbidden
from klynge.store import accounts
from klynge.web.access import SESSION_COOKIE, Viewer, check_csrf, client_ip, require_admin, viewer
from klynge.web.db import sessions
from klynge.web.params import page_number
from klynge.web.render import render
from klynge.web.threads import in_write_thread

router = APIRouter(include_in_schema=False)
PER_PAGE = 100


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never '//evil.example' or 'https://…'."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", title="Log ind", next=_safe_next(next), error=None, username="")


@router.post("/login")
async def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
) -> Response:
    factory = sessions(request)
    try:
        # login CSRF: a form posted from another site would sign the browser in as the attacker
        await check_csrf(request, viewer(request))
        token, _who = await in_write_thread(
            request, accounts.login, factory, username, password, ip=client_ip(request)
        )
    except Forbidden as exc:
        status = 429 if "for mange" in str(exc) else 403 if "CSRF" in str(exc) else 401
        return render(
            request,
            "login.html",
            status=status,
            title="Log ind",
            next=_safe_next(next),
            error=str(exc),
            username=username,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=accounts.SESSION_HOURS * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    who = viewer(request)
    response = RedirectResponse("/", status_code=303)
    token = request.cookies.get(SESSION_COOKIE)
    if who.signed_in and token:
        await check_csrf(request, who)
        await in_write_thread(request, accounts.logout, sessions(request), token, ip=client_ip(request))
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/admin/log", response_class=HTMLResponse)
def audit_log(
    request: Request, side: str | None = None, who: Viewer = Depends(require_admin)
) -> HTMLResponse:
    page = page_number(side)
    rows = accounts.audit_rows(sessions(request), limit=PER_PAGE + 1, offset=(page - 1) * PER_PAGE)
    return render(
        request,
        "audit.html",
        title="Log over login og ændringer",
        rows=rows[:PER_PAGE],
        page=page,
        more=len(rows) > PER_PAGE,
    )
