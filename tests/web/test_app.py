"""The app factory: one error shape, Danish error pages, no tracebacks, writes only on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from webarchive import Archive, TestClient

from klynge.errors import EmptyDocument, Forbidden, NotFound, StoreError
from klynge.web.access import is_loopback
from klynge.web.app import create_app


@pytest.fixture
def public_client(archive: Archive) -> Iterator[TestClient]:
    """The app as on a server listening on every address: no writing allowed."""
    app = create_app(archive.url, host="0.0.0.0")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.engine.dispose()


def test_api_errors_have_one_shape(client: TestClient) -> None:
    for path, status in [
        ("/api/meetings/999999", 404),
        ("/api/nothing", 404),
        ("/api/meetings?page=0", 422),
        ("/api/actions?status=maybe", 422),
        ("/oparl/v1/meeting/999999", 404),
    ]:
        r = client.get(path)
        assert r.status_code == status, path
        body = r.json()
        assert set(body) == {"ok", "error", "status"}, path
        assert body["ok"] is False and body["status"] == status and body["error"], path


def test_html_errors_are_danish_pages(client: TestClient) -> None:
    r = client.get("/moeder/999999")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "møde 999999 findes ikke" in r.text
    assert '<html lang="da">' in r.text and 'role="search"' in r.text
    r = client.get("/moeder?aar=tyve")
    assert r.status_code == 422 and "ikke et tal" in r.text


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (EmptyDocument("x.pdf: ingen tekst"), 422),
        (NotFound("intet"), 404),
        (Forbidden("nej"), 403),
        (StoreError("databasen svarer ikke"), 500),
        (RuntimeError("hemmelig intern detalje"), 500),
    ],
)
def test_exceptions_map_to_status_without_traceback(archive: Archive, exc: Exception, status: int) -> None:
    app = create_app(archive.url)
    router = APIRouter()

    @router.get("/api/boom")
    @router.get("/boom")
    def boom() -> None:
        raise exc

    app.include_router(router)
    with TestClient(app, raise_server_exceptions=False) as c:
        for path in ("/api/boom", "/boom"):
            r = c.get(path)
            assert r.status_code == status
            assert "Traceback" not in r.text and "hemmelig intern detalje" not in r.text
            if path.startswith("/api"):
                assert r.json() == {"ok": False, "error": r.json()["error"], "status": status}
    app.state.engine.dispose()


def test_writing_needs_loopback(public_client: TestClient, archive: Archive) -> None:
    assert public_client.get("/upload").status_code == 403
    r = public_client.post("/handlinger/1/status", data={"status": "done"})
    assert r.status_code == 403 and "kræver login" in r.text
    r = public_client.post("/api/actions/1/status", json={"status": "done"})
    assert r.status_code == 403 and r.json()["ok"] is False
    assert public_client.post("/api/upload", files={"files": ("a.txt", b"x")}).status_code == 403
    assert 'href="/upload"' not in public_client.get("/").text
    assert "Markér udført" not in public_client.get("/handlinger").text


def test_loopback_detection() -> None:
    assert (
        is_loopback("127.0.0.1")
        and is_loopback("::1")
        and is_loopback("localhost")
        and is_loopback("127.1.2.3")
    )
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")


def test_every_page_has_search_form_and_skip_link(client: TestClient, archive: Archive) -> None:
    m = archive.meetings["nord"]
    for path in [
        "/",
        "/moeder",
        f"/moeder/{m}",
        "/soeg?q=akutteam",
        "/handlinger",
        "/beslutninger",
        "/personer",
        "/organisationer",
        "/import",
        "/statistik",
        "/upload",
        "/findes-ikke",
    ]:
        text = client.get(path).text
        assert '<form role="search" action="/soeg"' in text, path
        assert 'name="q"' in text and 'href="#indhold"' in text, path


def test_static_assets(client: TestClient) -> None:
    r = client.get("/static/htmx.min.js")
    assert r.status_code == 200 and "htmx" in r.text[:200]
    css = client.get("/static/klynge.css").text
    assert ":focus-visible" in css and "@media" in css
    assert (
        "@media print" in client.get("/static/print.css").text
        or "display: none" in client.get("/static/print.css").text
    )


def test_worker_threads_are_few_for_reads_and_separate_for_writes(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads share 2 threads per worker over SQLite (the GIL made 40 slower); writes have their own."""
    import anyio.to_thread

    from klynge.web.threads import READ_THREADS_SERVER, WRITE_THREADS, read_threads

    assert read_threads("sqlite:///x.db") == 2
    assert read_threads("postgresql+psycopg://h/db") == READ_THREADS_SERVER
    monkeypatch.setenv("KLYNGE_THREADS", "5")
    assert read_threads("sqlite:///x.db") == 5
    monkeypatch.delenv("KLYNGE_THREADS")

    app = create_app(archive.url)
    seen: dict[str, float] = {}

    @app.get("/_threads")
    async def threads() -> dict[str, float]:
        seen["read"] = anyio.to_thread.current_default_thread_limiter().total_tokens
        seen["write"] = app.state.write_limiter.total_tokens
        return seen

    with TestClient(app) as c:
        assert c.get("/_threads").json() == {"read": 2, "write": WRITE_THREADS}
    app.state.engine.dispose()
