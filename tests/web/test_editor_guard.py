"""Issue 22, finding 1: every writing route refuses another forum's secretariat before it shows anything.

The probe found `POST /punkter/{id}/bilag` without a file answering 422 with the whole edit page of
another forum's meeting (closed items, drafts, personal data) while `/moeder/{id}/rediger` said 403.
Here every route of the app under /moeder/{id}/, /punkter/{id}, /deltagere/{id}, /handlinger/{id}
and /api/... with an id is found from `app.routes` and sent malformed requests (no body, junk fields,
an empty file, broken JSON, odd ids) as the secretariat of forum A, for forum B's draft meeting and
its items, and for the closed item of forum B's published meeting. None may answer anything but a
refusal, and no answer may carry a word of the draft or of the closed item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from builders import written_meeting
from sqlalchemy import select
from webarchive import TestClient

from klynge.interchange import from_interchange
from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.web.app import create_app
from klynge.web.guard import guarded

CLOSED_WORD = "blåbærkage"
DRAFT_WORD = "tranebærplan"
PASSWORD = "en lang og god adgangskode"
NORD = "Styregruppen for Nordklyngen"
SYD = "Styregruppen for Sydklyngen"
PREFIXES = ("/moeder/{", "/punkter/{", "/deltagere/{", "/handlinger/{", "/api/meetings/{", "/api/actions/{")


def _syd_published() -> dict[str, Any]:
    data = written_meeting()
    data["meeting"]["forum"] = SYD
    data["items"][2]["title"] = f"Personalesag om {CLOSED_WORD}"
    data["items"][2]["case_text"] = f"Sagen om {CLOSED_WORD}."
    data["actions"] = [{"owner": "Anders Holm", "task": f"afklare {CLOSED_WORD}", "item": "3"}]
    return data


def _syd_draft() -> dict[str, Any]:
    data = written_meeting()
    data["meeting"].update({"forum": SYD, "date": "2027-06-10", "location": f"Lokale {DRAFT_WORD}"})
    for item in data["items"]:
        item["title"] = f"{item['title']} ({DRAFT_WORD})"
        item["confidential"] = False
    data["actions"] = [{"owner": "Anders Holm", "task": f"skrive {DRAFT_WORD}", "item": "2"}]
    return data


@pytest.fixture
def site(db_url: str) -> Iterator[tuple[TestClient, SessionFactory, dict[str, int]]]:
    factory = open_store(db_url)
    lifecycle.create_meeting(factory, lifecycle.prepared(from_interchange(written_meeting()), True), by="x")
    published = lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(_syd_published()), True), by="x"
    )
    lifecycle.publish(factory, published, by="x")
    draft = lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(_syd_draft()), True), by="x"
    )
    accounts.add_user(factory, "nordsekr", PASSWORD, "secretariat", fora=[NORD])
    accounts.add_user(factory, "sydsekr", PASSWORD, "secretariat", fora=[SYD])
    with factory() as s:
        closed_item = s.scalar(
            select(t.Item.id).where(t.Item.meeting_id == published, t.Item.confidential.is_(True))
        )
        ids = {
            "draft": draft,
            "published": published,
            "draft_item": s.scalar(select(t.Item.id).where(t.Item.meeting_id == draft, t.Item.number == "2")),
            "closed_item": closed_item,
            "draft_participation": s.scalar(
                select(t.Participation.id).where(t.Participation.meeting_id == draft).limit(1)
            ),
            "draft_action": s.scalar(select(t.Action.id).where(t.Action.meeting_id == draft)),
            "closed_action": s.scalar(select(t.Action.id).where(t.Action.item_id == closed_item)),
        }
    assert all(ids.values()), ids
    app = create_app(db_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, factory, {k: int(v) for k, v in ids.items() if v is not None}
    app.state.engine.dispose()
    engine_of(factory).dispose()


def _login(client: TestClient, user: str) -> str:
    client.get("/login")
    csrf = client.cookies.get("klynge_csrf") or ""
    r = client.post("/login", data={"username": user, "password": PASSWORD, "csrf": csrf})
    assert r.status_code == 200 and user in r.text
    found = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/").text)
    assert found is not None
    return found.group(1)


def _routes(routes: list[Any]) -> Iterator[Any]:
    for route in routes:
        if hasattr(route, "original_router"):  # an included router (FastAPI keeps them nested)
            yield from _routes(route.original_router.routes)
        else:
            yield route


def _owned_routes(client: TestClient) -> list[tuple[str, str, Any]]:
    found = []
    for route in _routes(client.app.routes):  # type: ignore[attr-defined]
        path = getattr(route, "path", "")
        if path.startswith(PREFIXES):
            for method in sorted(getattr(route, "methods", set()) & {"GET", "POST"}):
                found.append((method, path, route))
    return found


def _targets(path: str, ids: dict[str, int]) -> list[tuple[str, bool]]:
    """The paths to try for a route pattern: (path, whether the target is all unpublished/closed)."""
    if "{meeting_id}" in path:
        return [
            (path.replace("{meeting_id}", str(ids["draft"])), True),
            (path.replace("{meeting_id}", str(ids["published"])), False),
        ]
    if "{item_id}" in path:
        return [
            (path.replace("{item_id}", str(ids["draft_item"])), True),
            (path.replace("{item_id}", str(ids["closed_item"])), True),
        ]
    if "{participation_id}" in path:
        return [(path.replace("{participation_id}", str(ids["draft_participation"])), True)]
    if "{action_id}" in path:
        return [
            (path.replace("{action_id}", str(ids["draft_action"])), True),
            (path.replace("{action_id}", str(ids["closed_action"])), True),
        ]
    raise AssertionError(f"ukendt sti {path}")


def _malformed(client: TestClient, method: str, path: str, csrf: str) -> Iterator[Any]:
    """The requests of a careless or curious user: nothing, junk, an empty file, broken JSON."""
    path = path.replace("{number}", "1")
    if method == "GET":
        yield client.get(path)
        yield client.get(path, params={"side": "x", "q": "'"})
        return
    headers = {"X-CSRF-Token": csrf}
    yield client.post(path, headers=headers)
    yield client.post(path, data={"csrf": csrf})
    yield client.post(
        path,
        data={
            "csrf": csrf,
            "retning": "x",
            "minutes": "abc",
            "handling": "zzz",
            "status": "?",
            "time_start": "99",
        },
    )
    yield client.post(path, data={"csrf": csrf}, files={"fil": ("", b"", "application/pdf")})
    yield client.post(path, headers={**headers, "Content-Type": "application/json"}, content=b"{")
    yield client.post(path, headers=headers, json={"status": 5})


def test_no_writing_route_shows_another_forum_s_meeting(
    site: tuple[TestClient, SessionFactory, dict[str, int]],
) -> None:
    client, _factory, ids = site
    csrf = _login(client, "nordsekr")
    # The probe's request: an attachment form without a file, for an item of another forum's draft.
    probe = client.post(f"/punkter/{ids['draft_item']}/bilag", data={"csrf": csrf})
    assert probe.status_code == 403 and DRAFT_WORD not in probe.text.casefold(), probe.status_code
    routes = _owned_routes(client)
    answered = 0
    for method, pattern, route in routes:
        for path, hidden in _targets(pattern, ids):
            for odd in ("abc", "-1", "99999999999999999999999", "0", "１２"):
                if not guarded(route):
                    break
                data = {"csrf": csrf} if method == "POST" else None
                r = client.request(method, re.sub(r"/\d+", f"/{odd}", path, count=1), data=data)
                assert r.status_code == 404, (method, path, odd, r.status_code)
            for r in _malformed(client, method, path, csrf):
                answered += 1
                body = r.text.casefold()
                where = (method, path, r.status_code)
                assert CLOSED_WORD not in body and DRAFT_WORD not in body, where
                if guarded(route) or hidden:
                    assert r.status_code in (403, 404), where
                else:
                    assert r.status_code < 500, where
    assert answered > 100
    writing = [(m, p) for m, p, r in routes if guarded(r)]
    # The writing routes the probe went through are all behind the guard, and every POST is a write.
    assert ("POST", "/punkter/{item_id}/bilag") in writing and (
        "GET",
        "/moeder/{meeting_id}/rediger",
    ) in writing
    assert [(m, p) for m, p, r in routes if m == "POST" and not guarded(r)] == []
    assert len(writing) >= 15
    # The forum's own secretariat is let through the same guard (the refusals above are not blanket).
    client.post("/logout", data={"csrf": csrf})
    csrf = _login(client, "sydsekr")
    empty = client.post(f"/punkter/{ids['draft_item']}/bilag", data={"csrf": csrf})
    assert empty.status_code == 422 and DRAFT_WORD in empty.text and "vælg en fil" in empty.text
    assert CLOSED_WORD in client.get(f"/moeder/{ids['published']}/rediger").text


def test_a_malformed_json_write_is_refused_before_it_is_read(
    site: tuple[TestClient, SessionFactory, dict[str, int]],
) -> None:
    """FastAPI reads a JSON body before any dependency; the validation handler asks the guard first."""
    client, _factory, ids = site
    csrf = _login(client, "nordsekr")
    r = client.post(
        f"/api/meetings/{ids['draft']}/status",
        headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"},
        content=b"{not json",
    )
    assert r.status_code == 403 and r.json()["ok"] is False
    own = TestClient(client.app)
    csrf = _login(own, "sydsekr")
    r = own.post(
        f"/api/meetings/{ids['draft']}/status",
        headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"},
        content=b"{not json",
    )
    assert r.status_code == 422
