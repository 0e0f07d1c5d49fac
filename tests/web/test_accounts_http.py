"""Issue 22, accounts and HTTP: the login rate limit per address, trusted proxies only when
configured, login CSRF, the password rules, streaming byte caps, and the smaller HTTP rules
(Cache-Control, the Host header, /api/docs without a CDN, huge ids). Both databases where one is used.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
from sqlalchemy import select
from webarchive import Archive, TestClient, load_archive, post_login

from klynge.config import trusted_proxies
from klynge.errors import Forbidden, InputError
from klynge.store import accounts
from klynge.store import tables as t
from klynge.store.db import engine_of
from klynge.web.access import forwarded_client
from klynge.web.app import create_app

PASSWORD = "korrekt hest batteri"
NORD = "Klyngestyregruppen Nordklyngen"


@pytest.fixture
def users(db_url: str, sample: Callable[..., tuple[bytes, object]]) -> Iterator[Archive]:
    archive = load_archive(db_url, sample)
    accounts.add_user(archive.factory, "medlem", PASSWORD, "member", fora=[NORD])
    accounts.add_user(archive.factory, "sekretaer", PASSWORD, "secretariat", fora=[NORD])
    yield archive
    engine_of(archive.factory).dispose()


def client_at(app: object, address: str) -> TestClient:
    """A browser whose connection comes from `address`."""
    return TestClient(app, raise_server_exceptions=False, client=(address, 40000))  # type: ignore[arg-type]


def test_failures_from_one_address_never_lock_the_account_elsewhere(users: Archive) -> None:
    f = users.factory
    for _ in range(accounts.LOGIN_FAILURES):
        with pytest.raises(Forbidden, match="forkert"):
            accounts.login(f, "medlem", "forkert-forkert", ip="198.51.100.1")
    with pytest.raises(Forbidden, match="for mange"):
        accounts.login(f, "medlem", PASSWORD, ip="198.51.100.1")  # the guessing address is locked
    _, who = accounts.login(f, "medlem", PASSWORD, ip="203.0.113.7")  # the owner, elsewhere, is not
    assert who.username == "medlem"

    app = create_app(users.url)
    with client_at(app, "198.51.100.2") as attacker, client_at(app, "203.0.113.8") as owner:
        for _ in range(accounts.LOGIN_FAILURES):
            assert post_login(attacker, "sekretaer", "forkert-forkert").status_code == 401
        assert post_login(attacker, "sekretaer", PASSWORD).status_code == 429
        assert post_login(owner, "sekretaer", PASSWORD).status_code == 303
        assert "sekretaer" in owner.get("/").text
    app.state.engine.dispose()


def test_one_address_guessing_many_names_is_locked(users: Archive) -> None:
    f = users.factory
    for n in range(accounts.ADDRESS_FAILURES):
        with pytest.raises(Forbidden, match="forkert"):
            accounts.login(f, f"navn{n}", "forkert-forkert", ip="198.51.100.3")
    with pytest.raises(Forbidden, match="for mange"):
        accounts.login(f, "medlem", PASSWORD, ip="198.51.100.3")
    assert accounts.login(f, "medlem", PASSWORD, ip="198.51.100.4")[1].username == "medlem"


def test_forwarded_for_only_from_a_configured_proxy() -> None:
    proxy = trusted_proxies("127.0.0.1, 10.0.0.0/8")
    assert trusted_proxies("") == ()
    # no proxy configured: the header is the client's word and is never believed
    assert forwarded_client("127.0.0.1", ["203.0.113.9"], ()) == "127.0.0.1"
    # from a trusted proxy: the right-most address that is not a trusted proxy
    assert forwarded_client("127.0.0.1", ["203.0.113.9, 198.51.100.7"], proxy) == "198.51.100.7"
    assert forwarded_client("127.0.0.1", ["198.51.100.7, 10.1.2.3"], proxy) == "198.51.100.7"
    assert forwarded_client("127.0.0.1", ["203.0.113.9", "198.51.100.7"], proxy) == "198.51.100.7"
    assert forwarded_client("127.0.0.1", ["ikke-en-adresse"], proxy) == "127.0.0.1"
    assert forwarded_client("127.0.0.1", [], proxy) == "127.0.0.1"
    # a client that is not a proxy cannot speak for others
    assert forwarded_client("198.51.100.7", ["203.0.113.9"], proxy) == "198.51.100.7"
    with pytest.raises(InputError, match="KLYNGE_TRUSTED_PROXIES"):
        trusted_proxies("127.0.0.1, nabo")


def test_spoofed_forwarded_for_neither_dodges_nor_causes_the_limit(users: Archive) -> None:
    plain = create_app(users.url)  # no proxy configured, the peer is the loopback address
    with client_at(plain, "127.0.0.1") as c:
        for n in range(accounts.LOGIN_FAILURES):
            c.headers["X-Forwarded-For"] = f"192.0.2.{n}"
            assert post_login(c, "medlem", "forkert-forkert").status_code == 401
        c.headers["X-Forwarded-For"] = "192.0.2.99"
        assert post_login(c, "medlem", PASSWORD).status_code == 429  # a new header is no new address
    plain.state.engine.dispose()
    with users.factory() as s:
        ips = set(s.scalars(select(t.Audit.ip).where(t.Audit.action == "login", t.Audit.ok.is_(False))))
    assert ips == {"127.0.0.1"}

    behind = create_app(users.url, trusted_proxies=trusted_proxies("127.0.0.1"))
    with client_at(behind, "127.0.0.1") as attacker, client_at(behind, "127.0.0.1") as owner:
        # the attacker writes the owner's address into the header; the proxy appends the real one
        attacker.headers["X-Forwarded-For"] = "203.0.113.50, 198.51.100.60"
        for _ in range(accounts.LOGIN_FAILURES):
            assert post_login(attacker, "sekretaer", "forkert-forkert").status_code == 401
        assert post_login(attacker, "sekretaer", PASSWORD).status_code == 429
        owner.headers["X-Forwarded-For"] = "203.0.113.50"
        assert post_login(owner, "sekretaer", PASSWORD).status_code == 303
    behind.state.engine.dispose()
    with users.factory() as s:
        rows = s.scalars(select(t.Audit.ip).where(t.Audit.action == "login", t.Audit.target == "sekretaer"))
        assert set(rows) == {"198.51.100.60", "203.0.113.50"}


def test_serve_does_not_let_uvicorn_believe_forwarded_headers(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from typer.testing import CliRunner

    import klynge.cli.serve  # noqa: F401 - adds `serve` to the app
    from klynge.cli.main import app

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.update(kw))
    monkeypatch.delenv("KLYNGE_TRUSTED_PROXIES", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert seen["proxy_headers"] is False
    monkeypatch.setenv("KLYNGE_TRUSTED_PROXIES", "localhost-proxy")
    bad = CliRunner().invoke(app, ["serve", "--db", sqlite_url])
    assert isinstance(bad.exception, InputError) and "KLYNGE_TRUSTED_PROXIES" in str(bad.exception)


def test_login_needs_the_csrf_token_of_the_form(users: Archive) -> None:
    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        # a form posted from another site: no cookie, no token
        forged = c.post("/login", data={"username": "medlem", "password": PASSWORD}, follow_redirects=False)
        assert forged.status_code == 403 and "klynge_session" not in forged.headers.get("set-cookie", "")
        form = c.get("/login")
        assert 'name="csrf"' in form.text and c.cookies.get("klynge_csrf")
        wrong = c.post(
            "/login", data={"username": "medlem", "password": PASSWORD, "csrf": "gæt"}, follow_redirects=False
        )
        assert wrong.status_code == 403 and "CSRF" in wrong.text
        assert post_login(c, "medlem", PASSWORD).status_code == 303
        assert "medlem" in c.get("/").text
    app.state.engine.dispose()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("aaaaaaaaaa", "forskellige tegn"),
        ("1212121212121", "forskellige tegn"),
        ("kort", "mindst 10 tegn"),
        ("hannelore1", "brugernavnet"),
        ("mit HANNELORE kodeord", "brugernavnet"),
    ],
)
def test_weak_passwords_are_refused(db_url: str, password: str, message: str) -> None:
    from klynge.store.db import open_store

    factory = open_store(db_url)
    try:
        with pytest.raises(InputError, match=message):
            accounts.add_user(factory, "hannelore", password)
        accounts.add_user(factory, "hannelore", PASSWORD)
        with pytest.raises(InputError, match=message):
            accounts.set_password(factory, "hannelore", password)
    finally:
        engine_of(factory).dispose()


def test_a_new_password_ends_sessions_and_api_tokens(users: Archive) -> None:
    f = users.factory
    token = accounts.create_token(f, "sekretaer", "script")
    cookie, _ = accounts.login(f, "sekretaer", PASSWORD, ip="192.0.2.1")
    assert accounts.token_identity(f, token) is not None
    accounts.set_password(f, "sekretaer", "en helt ny adgangskode")
    assert accounts.token_identity(f, token) is None  # whoever knew the old password made it
    assert accounts.session_identity(f, cookie) is None
    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/meetings", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 403
    app.state.engine.dispose()
    with f() as s:
        assert s.scalars(select(t.ApiToken)).all() == []


CHUNK = 64 * 1024


def _post_chunked(app: object, path: str, total: int, headers: dict[str, str]) -> tuple[httpx.Response, int]:
    """POST a multipart body of `total` bytes in chunks with no Content-Length (chunked, as a client
    streaming a file does), straight into the ASGI app; returns the answer and the bytes it pulled."""
    pulled = 0
    head = b'--grense\r\nContent-Disposition: form-data; name="filer"; filename="stor.pdf"\r\n\r\n'

    async def body() -> AsyncIterator[bytes]:
        nonlocal pulled
        pulled += len(head)
        yield head
        while pulled < total:
            pulled += CHUNK
            yield b"x" * CHUNK
        yield b"\r\n--grense--\r\n"

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            kind = {"Content-Type": "multipart/form-data; boundary=grense"}
            return await c.post(path, content=body(), headers={**kind, **headers})

    return asyncio.run(run()), pulled


def test_a_chunked_login_body_is_cut_off_at_the_cap(users: Archive) -> None:
    from klynge.web.upload import MAX_OTHER

    app = create_app(users.url)
    r, pulled = _post_chunked(app, "/login", 300 * 1024 * 1024, {})
    assert r.status_code == 413 and "for stor" in r.text and "<html" in r.text.lower()
    assert pulled <= MAX_OTHER + 2 * CHUNK  # read no further than the cap: no 300 MB in a temp file
    app.state.engine.dispose()


def test_a_chunked_upload_over_the_limit_is_refused(users: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    from klynge.web import upload

    monkeypatch.setattr(upload, "MAX_REQUEST", 3 * 1024 * 1024)  # the rule, at a size a test can send
    token = accounts.create_token(users.factory, "sekretaer", "script")
    app = create_app(users.url)
    auth = {"Authorization": f"Bearer {token}"}
    r, pulled = _post_chunked(app, "/api/upload", 12 * 1024 * 1024, auth)
    assert r.status_code == 413 and r.json() == {"ok": False, "error": r.json()["error"], "status": 413}
    assert "højst 3 MB" in r.json()["error"] and pulled <= upload.MAX_REQUEST + 2 * CHUNK
    r, _ = _post_chunked(app, "/api/upload", 1024 * 1024, auth)  # under the cap: read and answered
    assert r.status_code == 200 and r.json()["files"][0]["outcome"] == "failed", r.text
    app.state.engine.dispose()


def test_a_declared_oversized_body_is_refused_before_reading(users: Archive) -> None:
    from klynge.web.upload import MAX_OTHER

    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        big = b"username=x&password=" + b"y" * MAX_OTHER
        r = c.post("/login", content=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 413 and "for stor" in r.text
        r = c.post(
            "/api/meetings",
            content=b"{" + b" " * MAX_OTHER + b"}",
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 413 and r.json()["status"] == 413
        assert post_login(c, "medlem", PASSWORD).status_code == 303  # normal bodies pass
    app.state.engine.dispose()


def test_the_public_never_sees_who_changed_an_action(users: Archive) -> None:
    with users.factory() as s:
        action = s.scalars(select(t.Action).where(t.Action.meeting_id == users.meetings["nord"])).first()
        assert action is not None
        action_id, item_id = action.id, action.item_id
    token = accounts.create_token(users.factory, "sekretaer", "script")
    mid = users.meetings["nord"]
    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post(
            f"/api/actions/{action_id}/status",
            json={"status": "done", "note": "klaret"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 200, r.text
        public = [
            f"/moeder/{mid}",
            f"/api/meetings/{mid}",
            "/handlinger?status=done",
            "/api/actions?status=done",
        ]
        if item_id is not None:
            public += [f"/punkter/{item_id}", f"/api/items/{item_id}"]
        for path in public:
            page = c.get(path)
            assert page.status_code == 200, path
            assert "sekretaer" not in page.text, path
        assert "af sekretariatet" in c.get(f"/moeder/{mid}").text
        assert post_login(c, "medlem", PASSWORD).status_code == 303
        assert "Markeret udført af sekretaer" in c.get(f"/moeder/{mid}").text  # colleagues see who
    app.state.engine.dispose()


HUGE = ["18446744073709551616", "9223372036854775808", "-9223372036854775809", "1" + "0" * 40]


def test_huge_ids_and_years_are_404_or_422_never_500(users: Archive) -> None:
    token = accounts.create_token(users.factory, "sekretaer", "script")
    paths = [
        "/moeder/{n}",
        "/moeder/{n}/original",
        "/moeder/{n}/rediger",
        "/moeder/1/version/{n}",
        "/punkter/{n}",
        "/bilag/{n}",
        "/personer/{n}",
        "/api/meetings/{n}",
        "/api/items/{n}/source",
        "/api/people/{n}",
        "/oparl/v1/meeting/{n}",
        "/oparl/v1/agendaitem/{n}",
        "/oparl/v1/file/{n}",
        "/oparl/v1/location/m{n}",
        "/oparl/v1/organization/f{n}",
    ]
    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        for auth in ({}, {"Authorization": f"Bearer {token}"}):
            for n in HUGE:
                for p in paths:
                    r = c.get(p.format(n=n), headers=auth)
                    assert r.status_code == 404, (p.format(n=n), r.status_code)
                for q in (
                    "/moeder?aar={n}",
                    "/beslutninger?aar={n}",
                    "/soeg?q=x&aar={n}",
                    "/api/search?q=x&year={n}",
                ):
                    r = c.get(q.format(n=n), headers=auth)
                    assert r.status_code == 422, (q.format(n=n), r.status_code)
        for year in ("99999", "0", "-1"):
            assert c.get(f"/moeder?aar={year}").status_code == 422
            assert "år" in c.get(f"/beslutninger?aar={year}").text
        assert c.get("/moeder?aar=2024").status_code == 200
    app.state.engine.dispose()


def test_oparl_ids_and_links_never_come_from_the_host_header(users: Archive) -> None:
    app = create_app(users.url)
    mid = users.meetings["nord"]
    with TestClient(app, raise_server_exceptions=False) as c:
        for path in (
            "/oparl/v1/system",
            f"/oparl/v1/meeting/{mid}",
            "/oparl/v1/body/1/meetings?limit=1",
            "/api/meetings?per_page=1",
            "/feeds/moeder.atom",
        ):
            r = c.get(path, headers={"Host": "evil.example"})
            assert r.status_code == 200, path
            assert "evil.example" not in r.text, path
        assert '"id": "http://testserver/oparl/v1/system"' in c.get("/oparl/v1/system").text.replace(
            '":"', '": "'
        )
    app.state.engine.dispose()
    configured = create_app(users.url, base_url="https://klynge.example.dk/")
    with TestClient(configured, raise_server_exceptions=False) as c:
        r = c.get(f"/oparl/v1/meeting/{mid}", headers={"Host": "evil.example"})
        assert r.json()["id"] == f"https://klynge.example.dk/oparl/v1/meeting/{mid}"
        page = c.get("/api/meetings?per_page=1", headers={"Host": "evil.example"}).json()
        assert page["links"]["next"].startswith("https://klynge.example.dk/api/meetings?")
    configured.state.engine.dispose()


def test_oparl_ids_from_the_server_address_under_uvicorn(users: Archive) -> None:
    from webarchive import served

    app = create_app(users.url)
    with served(app, lifespan="off") as url:
        r = httpx.get(url + "/oparl/v1/system", headers={"Host": "evil.example"}, timeout=10)
        assert r.status_code == 200 and r.json()["id"] == url + "/oparl/v1/system"
    app.state.engine.dispose()


def test_signed_in_answers_are_private_and_not_stored(users: Archive) -> None:
    token = accounts.create_token(users.factory, "medlem", "script")
    mid = users.meetings["nord"]
    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        public = c.get(f"/moeder/{mid}")
        assert "private" not in public.headers.get("cache-control", "") and "Cookie" in public.headers["vary"]
        api = c.get(f"/api/meetings/{mid}", headers={"Authorization": f"Bearer {token}"})
        assert api.headers["cache-control"] == "private, no-store"
        assert post_login(c, "medlem", PASSWORD).status_code == 303
        for path in (
            f"/moeder/{mid}",
            f"/api/meetings/{mid}",
            "/moeder",
            "/feeds/moeder.atom",
            "/findes-ikke",
        ):
            r = c.get(path)
            assert r.headers["cache-control"] == "private, no-store", path
            assert "Cookie" in r.headers["vary"], path
    app.state.engine.dispose()


def test_api_docs_load_nothing_from_another_site(users: Archive) -> None:
    import re

    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        docs = c.get("/api/docs")
        assert docs.status_code == 200
        sources = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
        assert sources and all(s.startswith("/static/") for s in sources), sources
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", docs.text)  # no inline script
        csp = docs.headers["content-security-policy"]
        assert "cdn" not in csp and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
        for s in sources:
            assert c.get(s).status_code == 200, s
        assert c.get("/openapi.json").json()["info"]["title"] == "Klynge"
    app.state.engine.dispose()
