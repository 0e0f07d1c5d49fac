"""The same pages and APIs on SQLite and PostgreSQL (skips when PostgreSQL is unreachable)."""

from __future__ import annotations

from collections.abc import Callable

from oparl_validate import errors
from webarchive import SECRET, Archive, TestClient, load_archive

from klynge.store.db import engine_of
from klynge.web.app import create_app


def test_pages_and_apis_on_both_backends(db_url: str, sample: Callable[..., tuple[bytes, object]]) -> None:
    archive: Archive = load_archive(db_url, sample)
    app = create_app(db_url)
    try:
        with TestClient(app, raise_server_exceptions=True) as c:
            m = archive.meetings["nord"]
            for path in [
                "/",
                "/moeder",
                "/moeder?visning=kalender&aar=2024",
                f"/moeder/{m}",
                "/soeg?q=akutteam",
                "/handlinger",
                "/beslutninger?aar=2024",
                "/personer",
                "/organisationer",
                "/import",
                "/statistik",
                "/feeds/moeder.atom",
                "/upload",
            ]:
                r = c.get(path)
                assert r.status_code == 200, path
                assert SECRET not in r.text, path
            assert c.get("/api/meetings").json()["total"] == 3
            assert c.get("/api/search", params={"q": "akutteam"}).json()["total"] >= 3
            assert c.get("/api/decisions", params={"year": 2024}).json()["total"] >= 4
            meetings = c.get("/oparl/v1/body/1/meetings").json()["data"]
            assert len(meetings) == 3 and not [e for x in meetings for e in errors("Meeting", x)]
            people = c.get("/oparl/v1/body/1/people").json()["data"]
            assert people and not [e for x in people for e in errors("Person", x)]
    finally:
        app.state.engine.dispose()
        engine_of(archive.factory).dispose()
