"""Uploads never widen visibility (issue 22, finding 4).

A secretariat uploads only files of its own fora and only over meetings it may edit (else 403 and
nothing of the file is stored); uploads land unpublished unless "offentliggør" is ticked; every
upload leaves audit and history rows; a corrected re-upload keeps the items closed in the editor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from builders import minutes_text
from sqlalchemy import func, select
from webarchive import TestClient

from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.store.repo import ingest_bytes
from klynge.web.app import create_app

PASSWORD = "en lang adgangskode"
NORD = "Klyngestyregruppen Nordklyngen"
SYD = "Sydklyngen Sundhedsstyregruppe"
DAY = dt.date(2024, 3, 14)
SYD_SECRET = "Tyttebærsagen"


@dataclass(frozen=True)
class Site:
    factory: SessionFactory
    client: TestClient
    syd_draft: int


@pytest.fixture
def site(db_url: str) -> Iterator[Site]:
    factory = open_store(db_url)
    syd = ingest_bytes(
        factory, minutes_text(SYD, DAY, secret=SYD_SECRET).encode(), "syd.txt", published=False
    )
    assert syd.meeting_id is not None, syd.message
    accounts.add_user(factory, "sekr", PASSWORD, "secretariat", fora=[NORD])
    accounts.add_user(factory, "chef", PASSWORD, "admin")
    app = create_app(db_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Site(factory, client, syd.meeting_id)
    app.state.engine.dispose()
    engine_of(factory).dispose()


def login(c: TestClient, user: str) -> str:
    """Sign in (with the login form's CSRF field, as a browser sends it); returns the session's token."""
    c.get("/login")
    r = c.post(
        "/login", data={"username": user, "password": PASSWORD, "csrf": c.cookies.get("klynge_csrf") or ""}
    )
    assert r.status_code == 200, r.text
    found = re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/").text)
    assert found
    return found.group(1)


def upload(
    c: TestClient, csrf: str, name: str, text: str, publish: bool = False, api: bool = False
) -> object:
    data = {"csrf": csrf, **({"offentliggør": "on"} if publish else {})}
    field = "files" if api else "filer"
    return c.post(
        "/api/upload" if api else "/upload",
        data=data,
        files=[(field, (name, text.encode(), "text/plain"))],
        headers={"X-CSRF-Token": csrf},
    )


def state(factory: SessionFactory, meeting_id: int) -> tuple[object, ...]:
    with factory() as s:
        m = s.get(t.Meeting, meeting_id)
        assert m is not None
        items = [(i.number, i.title, i.confidential) for i in m.items]
        return m.published, m.status, m.version, m.document_id, tuple(items)


def counts(factory: SessionFactory) -> tuple[int, int, int]:
    with factory() as s:
        return (
            s.scalar(select(func.count()).select_from(t.Document)) or 0,
            s.scalar(select(func.count()).select_from(t.Meeting)) or 0,
            s.scalar(select(func.count()).select_from(t.Forum)) or 0,
        )


def audits(factory: SessionFactory, actor: str = "sekr") -> list[t.Audit]:
    with factory() as s:
        query = select(t.Audit).where(t.Audit.action == "meeting.import", t.Audit.actor == actor)
        return list(s.scalars(query.order_by(t.Audit.id)))


def test_a_secretariat_cannot_upload_another_forums_file(site: Site) -> None:
    csrf = login(site.client, "sekr")
    before, stored = state(site.factory, site.syd_draft), counts(site.factory)
    corrected = minutes_text(SYD, DAY, secret=SYD_SECRET, extra="4. Eventuelt\nBeslutning\nIntet.\n")
    for api in (False, True):
        r = upload(site.client, csrf, "syd-rettet.txt", corrected, publish=True, api=api)
        assert r.status_code == 403, r.text  # type: ignore[attr-defined]
        assert f"du må ikke indlæse møder for «{SYD}»" in r.text  # type: ignore[attr-defined]
    # The very file of B's draft: no "already stored" with a link to B's draft either.
    r = upload(site.client, csrf, "syd.txt", minutes_text(SYD, DAY, secret=SYD_SECRET))
    assert r.status_code == 403 and f"/moeder/{site.syd_draft}" not in r.text  # type: ignore[attr-defined]
    assert state(site.factory, site.syd_draft) == before  # B's draft untouched, still unpublished
    assert counts(site.factory) == stored  # no document, meeting or forum of the refused file
    assert site.client.get(f"/moeder/{site.syd_draft}").status_code == 404
    assert SYD_SECRET not in r.text  # type: ignore[attr-defined]
    # A forum not in the archive is not created by a secretariat's upload (look-alike fora).
    r = upload(site.client, csrf, "ny.txt", minutes_text("Klyngestyregruppen Nord klyngen", DAY))
    assert r.status_code == 403 and "findes ikke i arkivet" in r.text  # type: ignore[attr-defined]
    assert counts(site.factory) == stored
    refused = audits(site.factory)
    assert [(a.actor, a.ok, a.detail["file"]) for a in refused] == [
        ("sekr", False, "syd-rettet.txt"),
        ("sekr", False, "syd-rettet.txt"),
        ("sekr", False, "syd.txt"),
        ("sekr", False, "ny.txt"),
    ]


def test_uploads_land_unpublished_and_are_audited(site: Site) -> None:
    csrf = login(site.client, "sekr")
    r = upload(site.client, csrf, "nord.txt", minutes_text(NORD, DAY))
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    found = re.search(r'href="/moeder/(\d+)/rediger">Åbn kladde', r.text)  # type: ignore[attr-defined]
    assert found
    mid = int(found.group(1))
    assert state(site.factory, mid)[:3] == (False, "minutes_draft", 1)
    public = TestClient(site.client.app, raise_server_exceptions=False)
    assert public.get(f"/moeder/{mid}").status_code == 404
    assert site.client.get(f"/moeder/{mid}").status_code == 200  # the forum's secretariat sees its draft
    # A corrected file, published explicitly: a new version, published through the lifecycle.
    corrected = minutes_text(NORD, DAY, extra="4. Eventuelt\nBeslutning\nIntet.\n")
    r = upload(site.client, csrf, "nord-rettet.txt", corrected, publish=True, api=True)
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    assert r.json()["files"][0] | {"message": None} == {  # type: ignore[attr-defined]
        "name": "nord-rettet.txt",
        "outcome": "new_version",
        "meeting_id": mid,
        "published": True,
        "message": None,
    }
    assert state(site.factory, mid)[:3] == (True, "published", 2)
    assert public.get(f"/moeder/{mid}").status_code == 200
    assert [(p.number, p.by) for p in lifecycle.publications(site.factory, mid)] == [(1, "sekr")]
    rows = [(a.actor, a.ok, a.target, a.detail["file"], a.detail["outcome"]) for a in audits(site.factory)]
    assert rows == [
        ("sekr", True, f"møde {mid}", "nord.txt", "new"),
        ("sekr", True, f"møde {mid}", "nord-rettet.txt", "new_version"),
    ]
    assert audits(site.factory)[1].detail["replaced"] is True
    history = [
        (r.by, r.change, (r.before or {}).get("file"), r.after and r.after.get("file"))
        for r in lifecycle.history(site.factory, mid)
    ]
    assert history[:2] == [
        ("sekr", "import", None, "nord.txt"),
        ("sekr", "import", "nord.txt", "nord-rettet.txt"),
    ]
    assert history[2][1] == "publish"
    page = site.client.get(f"/moeder/{mid}/historik").text
    assert "meeting import" in page and "nord-rettet.txt" in page


def test_a_reupload_keeps_an_item_closed_in_the_editor(site: Site) -> None:
    csrf = login(site.client, "sekr")
    r = upload(site.client, csrf, "nord.txt", minutes_text(NORD, DAY), publish=True)
    found = re.search(r'href="/moeder/(\d+)">Åbn møde', r.text)  # type: ignore[attr-defined]
    assert found
    mid = int(found.group(1))
    public = TestClient(site.client.app, raise_server_exceptions=False)
    assert "Status på fælles akutteam" in public.get(f"/moeder/{mid}").text
    lifecycle.reopen(site.factory, mid, by="sekr")
    with site.factory() as s:
        item = s.scalars(select(t.Item).where(t.Item.meeting_id == mid, t.Item.number == "2")).one()
    lifecycle.update_item(site.factory, item.id, {"confidential": True}, by="sekr")
    corrected = minutes_text(NORD, DAY, extra="4. Eventuelt\nBeslutning\nIntet.\n")
    r = upload(site.client, csrf, "nord-rettet.txt", corrected, publish=True)
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    assert [i[2] for i in state(site.factory, mid)[4]] == [False, True, True, False]  # type: ignore[index]
    page = public.get(f"/moeder/{mid}").text
    assert "Eventuelt" in page and "Status på fælles akutteam" not in page
    assert public.get("/api/search", params={"q": "akutteam"}).json()["total"] == 0


def test_an_admin_uploads_any_forum_and_a_new_one(site: Site) -> None:
    csrf = login(site.client, "chef")
    corrected = minutes_text(SYD, DAY, secret=SYD_SECRET, extra="4. Eventuelt\nBeslutning\nIntet.\n")
    r = upload(site.client, csrf, "syd-rettet.txt", corrected)
    assert r.status_code == 200 and "Åbn kladde" in r.text  # type: ignore[attr-defined]
    assert state(site.factory, site.syd_draft)[:3] == (False, "minutes_draft", 2)
    r = upload(site.client, csrf, "ny.txt", minutes_text("Helt ny klynge", DAY))
    assert r.status_code == 200 and "nyt møde" in r.text  # type: ignore[attr-defined]
