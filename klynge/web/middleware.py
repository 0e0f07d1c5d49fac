"""Two pure ASGI middlewares around the whole app (no BaseHTTPMiddleware: it breaks streaming).

`MaskPersonalData` masks e-mail addresses, phone numbers and CPR-like numbers (klynge.privacy) in
every text response (pages, REST, OParl, feeds, calendar) unless the request's viewer may see
personal data; it is the last line, after every query, so no path can forget it. Original files
sent as downloads are the archived documents and are passed through as they are. A response the
app masked itself (the page cache keeps pages masked, so a cache hit is not masked again) carries
the private `MASKED_HEADER`, which is removed here and never reaches the client.
`ForgetNumbersAfterWrites` makes the worker forget its lagging list-page numbers
(klynge.web.numbers) once a write it served has succeeded, before the answer goes out.
`LimitRequestBody` caps the body of every request as it arrives (Content-Length is only a claim; a
chunked body has none): uploads at `upload.MAX_REQUEST`, everything else at `upload.MAX_OTHER`.
`SecurityHeaders` adds CSP, nosniff, frame and referrer rules to every response, `Vary: Cookie,
Authorization`, and `Cache-Control: private, no-store` to every answer for a signed-in person.
Scripts only from the site itself (htmx and Swagger UI are vendored); inline styles are allowed (a
few style attributes, and htmx's indicator style), inline scripts are not.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

from klynge.errors import TooLarge
from klynge.privacy import mask_personal
from klynge.web.upload import body_limit, check_request_size, too_large

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MASKED_TYPES = (
    b"text/html",
    b"application/json",
    b"application/atom+xml",
    b"application/xml",
    b"text/calendar",
    b"text/plain",
    b"text/markdown",
)

MASKED_HEADER = b"x-klynge-masked"
"""Set by the app on a response whose body it has already masked for this viewer."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        static = path.startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [(b"content-security-policy", CSP.encode()), *HEADERS]
                headers.extend((n, v) for n, v in extra if n not in present)
                if not static:
                    if _personal_answer(scope):  # never kept by a shared cache, nor on disk
                        headers = [(n, v) for n, v in headers if n.lower() != b"cache-control"]
                        headers.append((b"cache-control", b"private, no-store"))
                    headers.append((b"vary", b"Cookie, Authorization"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _personal_answer(scope: Scope) -> bool:
    """Whether the answer is for one person: a signed-in viewer, a token, the desktop archive's
    own user, or a request that carries a session cookie or credentials at all."""
    viewer = (scope.get("state") or {}).get("viewer")
    if viewer is not None and (getattr(viewer, "signed_in", False) or getattr(viewer, "may_write", False)):
        return True
    for name, value in scope.get("headers", []):
        if name == b"authorization" or (name == b"cookie" and b"klynge_session=" in value):
            return True
    return False


def _sees_personal(scope: Scope) -> bool:
    viewer = (scope.get("state") or {}).get("viewer")
    return bool(getattr(viewer, "sees_personal", False))


class MaskPersonalData:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path", "").startswith("/static/"):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def masked(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                seen = {name.lower(): value for name, value in message.get("headers", [])}
                if MASKED_HEADER in seen:
                    passing = True
                    headers = [(n, v) for n, v in message.get("headers", []) if n.lower() != MASKED_HEADER]
                    await send({**message, "headers": headers})
                    return
                kind = seen.get(b"content-type", b"").split(b";")[0].strip().lower()
                download = b"attachment" in seen.get(b"content-disposition", b"").lower()
                if kind not in MASKED_TYPES or download or _sees_personal(scope):
                    passing = True
                    await send(message)
                    return
                start = message
                return
            if message["type"] != "http.response.body" or passing or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            if not _sees_personal(scope):  # the viewer is known once the route has run
                text = body.decode("utf-8", errors="surrogateescape")
                body = mask_personal(text).encode("utf-8", errors="surrogateescape")
            headers = [(n, v) for n, v in start.get("headers", []) if n.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, masked)


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body passes its cap; an HTTPException so that FastAPI's form and
    JSON parsing passes it on (it turns other errors into 400) to the one error handler (413)."""

    def __init__(self, message: str) -> None:
        super().__init__(413, message)


class LimitRequestBody:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope.get("method", "GET"), scope.get("path", ""))
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        try:
            check_request_size(headers, limit)
        except TooLarge as exc:
            await self.app(scope, _refuse(str(exc)), send)  # the app answers 413 at its first read
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(too_large(None, limit))
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as exc:  # read outside any route (or a route let it pass): answer here
            if started:
                raise
            body = json.dumps({"ok": False, "error": exc.detail, "status": 413}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
                }
            )
            await send({"type": "http.response.body", "body": body})


def _refuse(message: str) -> Receive:
    async def receive() -> Message:
        raise BodyTooLarge(message)

    return receive


READS = frozenset({"GET", "HEAD", "OPTIONS"})


class ForgetNumbersAfterWrites:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") in READS:
            await self.app(scope, receive, send)
            return

        async def forgetting(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status", 500) < 400:
                numbers = getattr(scope["app"].state, "numbers", None)
                if numbers is not None:
                    numbers.forget()
            await send(message)

        await self.app(scope, receive, forgetting)
