"""One error handler for the whole app: JSON `{"ok": false, "error", "status"}` under /api and /oparl,
a Danish HTML page elsewhere, and never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from klynge.errors import KlyngeError

log = logging.getLogger("klynge.web")

TITLES = {
    400: "Ugyldig forespørgsel",
    403: "Ingen adgang",
    404: "Siden findes ikke",
    405: "Metoden er ikke tilladt",
    413: "Filen er for stor",
    422: "Ugyldige data",
    500: "Der skete en fejl",
}
MESSAGES = {
    400: "forespørgslen kunne ikke forstås",
    403: "du har ikke adgang til dette",
    404: "siden eller tingen findes ikke",
    405: "metoden er ikke tilladt her",
    422: "ugyldige data",
    500: "der skete en uventet fejl; prøv igen, eller kontakt sekretariatet",
}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/oparl/")) or path in ("/api", "/oparl", "/openapi.json")


def error_response(request: Request, status: int, message: str) -> Response:
    """The single rendering of an error, JSON or HTML by path."""
    if wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    from klynge.web.render import render_error

    return render_error(request, status, TITLES.get(status, "Fejl"), message)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where}: {err.get('msg', 'ugyldig')}" if where else str(err.get("msg", "ugyldig")))
    return "ugyldige data: " + "; ".join(parts) if parts else MESSAGES[422]


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    async def on_klynge(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, KlyngeError)
        status = exc.http_status
        if status >= 500:
            log.error("fejl ved %s: %s", request.url.path, exc)
        return error_response(request, status, str(exc) or MESSAGES.get(status, "fejl"))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else ""
        english = detail in ("Not Found", "Method Not Allowed", "Internal Server Error", "Bad Request")
        message = MESSAGES.get(exc.status_code, detail) if english or not detail else detail
        return error_response(request, exc.status_code, message)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        from klynge.web.guard import refusal

        refused = await refusal(request)  # a writing route: its guard answers first (403/404)
        if refused is not None:
            return await on_klynge(request, refused)
        return error_response(request, 422, _validation_message(exc))

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("uventet fejl ved %s", request.url.path)
        return error_response(request, 500, MESSAGES[500])

    app.add_exception_handler(KlyngeError, on_klynge)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_crash)


def html_fallback(status: int) -> HTMLResponse:
    """Bare page used when even the template fails."""
    body = f"<!doctype html><html lang=da><title>Fejl {status}</title><p>Fejl {status}</p></html>"
    return HTMLResponse(body, status_code=status)
