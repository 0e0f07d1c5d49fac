"""Who is asking, and what may they see and do.

    public       anonymous: published meetings, no closed items, personal data masked
    member       + closed items of their fora, personal data shown
    secretariat  + unpublished meetings of their fora, and writing (upload, lifecycle, minutes)
    admin        everything, users and the audit log

A browser signs in with a session cookie (`klynge_session`, HttpOnly, SameSite=Lax, Secure over
HTTPS); scripts send `Authorization: Bearer <token>`. Every writing request from a browser must carry
the CSRF token (form field `csrf` or header `X-CSRF-Token`): the session's token when signed in, else
the double-submit cookie `klynge_csrf`.

Without any account in the database, a server listening on a loopback address is a one-person
desktop archive: its user may write (with CSRF tokens all the same). Once the first account exists,
writing needs a signed-in secretariat or admin.
"""

from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import secrets
import time
from dataclasses import dataclass, field

from fastapi import Request

from klynge.config import IPNetwork
from klynge.errors import Forbidden
from klynge.store import accounts
from klynge.store.accounts import Identity

SESSION_COOKIE = "klynge_session"
CSRF_COOKIE = "klynge_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
NO_ACCOUNTS_TTL = 2.0


@dataclass(frozen=True)
class Viewer:
    """The person behind a request.

    `sees_confidential`: closed items and unpublished meetings everywhere (admin, the CLI, or a
    viewer scoped to one meeting of their own forum, see `visibility.scoped`).
    `member_fora`: fora whose closed items they see; `secretariat_fora`: fora they edit, whose
    unpublished meetings they see too.
    """

    name: str = "offentlig"
    sees_confidential: bool = False
    may_write: bool = False
    role: str = "public"
    account_id: int | None = None
    member_fora: frozenset[int] = field(default_factory=frozenset)
    secretariat_fora: frozenset[int] = field(default_factory=frozenset)
    sees_personal: bool = False
    csrf: str = ""
    via_token: bool = False

    @property
    def signed_in(self) -> bool:
        return self.account_id is not None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_edit(self, forum_id: int | None) -> bool:
        """May this viewer write to a meeting of this forum?"""
        if not self.may_write:
            return False
        return self.role in ("admin", "local") or (forum_id is not None and forum_id in self.secretariat_fora)

    def sees_closed_in(self, forum_id: int | None) -> bool:
        return self.sees_confidential or (
            forum_id is not None and (forum_id in self.member_fora or forum_id in self.secretariat_fora)
        )


PUBLIC = Viewer()


def from_identity(who: Identity, *, via_token: bool = False) -> Viewer:
    fora = who.forum_ids
    if who.role == "admin":
        return Viewer(
            who.username, True, True, "admin", who.account_id, fora, fora, True, who.csrf, via_token
        )
    if who.role == "secretariat":
        return Viewer(
            who.username, False, True, "secretariat", who.account_id, fora, fora, True, who.csrf, via_token
        )
    return Viewer(
        who.username, False, False, "member", who.account_id, fora, frozenset(), True, who.csrf, via_token
    )


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def forwarded_client(
    peer: str | None, forwarded_for: list[str], trusted: tuple[IPNetwork, ...]
) -> str | None:
    """The client's address: the connection's peer, unless the peer is a trusted proxy; then the
    right-most address of `X-Forwarded-For` that is not a trusted proxy itself (the left part of the
    header is whatever the client wrote, so it is never believed)."""
    if peer is None or not _trusted(peer, trusted):
        return peer
    hops = [hop.strip().strip('"') for value in forwarded_for for hop in value.split(",")]
    address = peer
    for hop in reversed([h for h in hops if h]):
        try:
            ipaddress.ip_address(hop.strip("[]"))
        except ValueError:
            return address  # junk in the header: the last address a trusted proxy vouched for
        address = hop.strip("[]")
        if not _trusted(address, trusted):
            return address
    return address


def _trusted(address: str, trusted: tuple[IPNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    return any(ip in net for net in trusted)


def client_ip(request: Request) -> str | None:
    """The address the login rate limit and the audit log go by (see `forwarded_client`)."""
    peer = request.client.host if request.client else None
    trusted: tuple[IPNetwork, ...] = getattr(request.app.state, "trusted_proxies", ())
    return forwarded_client(peer, request.headers.getlist("x-forwarded-for"), trusted)


def site_url(request: Request) -> str:
    """The public address of the site, for OParl ids, feeds and other absolute links: the configured
    one (`KLYNGE_BASE_URL`), else the address the server itself listens on. Never the Host header,
    which any client may set."""
    configured: str | None = getattr(request.app.state, "base_url", None)
    if configured:
        return configured
    scheme = request.scope.get("scheme", "http")
    server = request.scope.get("server") or ("127.0.0.1", 80 if scheme == "http" else 443)
    host, port = server[0], server[1]
    if ":" in str(host):
        host = f"[{host}]"
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


def _identify(request: Request) -> Viewer:
    from klynge.web.db import sessions

    factory = sessions(request)
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        who = accounts.token_identity(factory, auth[7:].strip())
        if who is None:
            raise Forbidden("ugyldigt eller tilbagekaldt API-token")
        return from_identity(who, via_token=True)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        ident = accounts.session_identity(factory, token)
        if ident is not None:
            return from_identity(ident)
    local = bool(getattr(request.app.state, "writable", False)) and not _accounts_exist(request)
    csrf = request.cookies.get(CSRF_COOKIE) or ""
    if not csrf:
        csrf = request.state.new_csrf = new_csrf_cookie()
    if local:
        return Viewer(name="lokal bruger", may_write=True, role="local", csrf=csrf)
    return dataclasses.replace(PUBLIC, csrf=csrf)


def _accounts_exist(request: Request) -> bool:
    """Whether any account exists; once true it stays true for the app, a "no" is asked again after
    a few seconds (so the first `klynge user add` ends the open local mode within seconds)."""
    state = request.app.state
    if getattr(state, "has_accounts", False):
        return True
    now = time.monotonic()
    if now - getattr(state, "accounts_checked_at", -1e9) < NO_ACCOUNTS_TTL:
        return False
    from klynge.web.db import sessions

    found = accounts.has_accounts(sessions(request))
    state.has_accounts = found
    state.accounts_checked_at = now
    return found


def viewer(request: Request) -> Viewer:
    """The viewer of this request (computed once per request, kept in `request.state.viewer`)."""
    who = getattr(request.state, "viewer", None)
    if isinstance(who, Viewer):
        return who
    who = _identify(request)
    request.state.viewer = who
    return who


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(24)


async def check_csrf(request: Request, who: Viewer) -> None:
    """Refuse a browser write without the right CSRF token; bearer-token requests need none."""
    from klynge.web.upload import MAX_BYTES, MAX_FILES

    if who.via_token:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and "form" in request.headers.get("content-type", ""):
        form = await request.form(max_files=MAX_FILES + 1, max_part_size=MAX_BYTES + 1)
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else ""
    expected = who.csrf
    if not expected or not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Forbidden("sikkerhedsnøglen (CSRF) mangler eller er forkert; genindlæs siden og prøv igen")


async def require_writer(request: Request) -> Viewer:
    """FastAPI dependency for every writing route: a writer, with a valid CSRF token."""
    who = viewer(request)
    if not who.may_write:
        if who.signed_in:
            raise Forbidden("din rolle må ikke ændre i arkivet")
        raise Forbidden("ændringer kræver login som sekretariat eller administrator")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        await check_csrf(request, who)
    return who


async def require_admin(request: Request) -> Viewer:
    who = viewer(request)
    if not who.is_admin:
        raise Forbidden("kun for administratorer")
    return who
