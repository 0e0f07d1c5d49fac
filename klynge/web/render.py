"""Jinja2 rendering: one environment, Danish date filters, and the page/error helpers."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from klynge.store.accounts import ROLE_LABELS
from klynge.web.access import CSRF_COOKIE, viewer

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

NAV = [
    ("/", "Forside"),
    ("/moeder", "Møder"),
    ("/beslutninger", "Beslutninger"),
    ("/handlinger", "Handlinger"),
    ("/personer", "Personer"),
    ("/organisationer", "Organisationer"),
    ("/statistik", "Statistik"),
    ("/import", "Import"),
]


def danish_date(value: dt.date | dt.datetime | str | None, weekday: bool = False) -> str:
    """'3. marts 2024' (or 'mandag den 3. marts 2024'); '' for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    text = f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} den {text}" if weekday else text


def danish_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{danish_date(value)} kl. {value:%H.%M}"


def paragraphs(text: str | None) -> Markup:
    """Plain text to escaped paragraphs; single newlines become line breaks."""
    if not text:
        return Markup("")
    # Escaping leaves whitespace alone, so the whole text is escaped once (not line by line: 28
    # sections cost the meeting page 0.3 ms that way) and split afterwards.
    safe = str(escape(text.replace("\r\n", "\n")))
    blocks = (b.strip() for b in safe.split("\n\n"))
    return Markup("".join("<p>" + b.replace("\n", "<br>") + "</p>" for b in blocks if b))


def query_url(path: str, params: dict[str, Any], **changes: Any) -> str:
    """`path` with `params` updated by `changes`; empty values are dropped (shareable, tidy URLs)."""
    merged = {**params, **changes}
    clean = [(k, v) for k, v in merged.items() if v not in (None, "", [], False)]
    pairs: list[tuple[str, Any]] = []
    for key, value in clean:
        if isinstance(value, list | tuple):
            pairs.extend((key, v) for v in value)
        else:
            pairs.append((key, value))
    return path + ("?" + urlencode(pairs, quote_via=_quote) if pairs else "")


_quote = lru_cache(maxsize=4096)(quote_plus)
"""quote_plus, remembered: a search page builds about 40 facet links from the same few values."""


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml", "svg"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dato"] = danish_date
    env.filters["tidspunkt"] = danish_datetime
    env.filters["afsnit"] = paragraphs
    env.globals["NAV"] = NAV
    env.globals["query_url"] = query_url
    env.globals["ROLE_LABELS"] = {**ROLE_LABELS, "local": "lokal", "public": "offentlig"}
    return env


ENV = _environment()


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the common context (viewer, current path, search query)."""
    who = viewer(request)
    base = {
        "request": request,
        "viewer": who,
        "path": request.url.path,
        "q": request.query_params.get("q", "") if request.url.path == "/soeg" else "",
    }
    html = ENV.get_template(template).render(**base, **context)
    response = HTMLResponse(html, status_code=status)
    set_csrf_cookie(request, response)
    return response


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Give a browser without one its double-submit CSRF cookie (the token its forms carry)."""
    value = getattr(request.state, "new_csrf", None)
    if value:
        response.set_cookie(
            CSRF_COOKIE, value, httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )


def render_error(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    try:
        return render(request, "error.html", status=status, status_code=status, title=title, message=message)
    except Exception:  # the error page itself must never fail into a traceback
        from klynge.web.errors import html_fallback

        return html_fallback(status)
