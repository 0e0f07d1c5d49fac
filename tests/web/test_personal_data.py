"""Phone numbers, e-mail addresses and CPR-like numbers: masked for the public on every path, shown
to members; security headers on every response."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from builders import written_meeting
from sqlalchemy import select
from webarchive import TestClient, post_login

from klynge.interchange import from_interchange
from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.web.app import create_app

EMAIL = "birthe.kjaergaard@nordby.dk"
PHONE = "21 43 65 87"
CPR = "010203-1234"
FORUM = "Styregruppen for Nordklyngen"


def _meeting() -> dict[str, Any]:
    data = written_meeting()
    data["items"][1]["case_text"] = f"Kontakt Birthe Kjærgaard på {EMAIL} eller tlf. {PHONE} for spørgsmål."
    data["items"][1]["minutes"] = f"En borger (cpr. {CPR}) blev nævnt som eksempel. Tlf. {PHONE}."
    data["items"][1]["decision"] = f"Styregruppen godkendte planen; spørgsmål til {EMAIL}."
    data["actions"] = [
        {"owner": "Anders Holm", "task": f"ringe til {PHONE}", "due": "2027-05-01", "item": "2"}
    ]
    return data


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[TestClient, SessionFactory, int]]:
    factory = open_store(sqlite_url)
    mid = lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(_meeting()), keep_actions=True)
    )
    lifecycle.publish(factory, mid)
    accounts.add_user(factory, "medlem", "en lang adgangskode", "member", fora=[FORUM])
    app = create_app(sqlite_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, factory, mid
    app.state.engine.dispose()
    engine_of(factory).dispose()


def _paths(factory: SessionFactory, mid: int) -> list[str]:
    with factory() as s:
        item = s.scalars(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "2")).one()
    return [
        f"/moeder/{mid}",
        f"/punkter/{item}",
        f"/punkter/{item}/kilde",
        "/soeg?q=spørgsmål",
        "/api/search?q=spørgsmål",
        f"/api/meetings/{mid}",
        f"/api/items/{item}",
        f"/oparl/v1/meeting/{mid}",
        f"/oparl/v1/agendaitem/{item}",
        "/beslutninger",
        "/handlinger",
        "/api/decisions",
        "/api/actions",
        "/feeds/beslutninger.atom",
        "/feeds/kalender.ics",
        "/",
    ]


def test_public_sees_masks_everywhere(site: tuple[TestClient, SessionFactory, int]) -> None:
    client, factory, mid = site
    shown = 0
    for path in _paths(factory, mid):
        r = client.get(path)
        assert r.status_code == 200, path
        body = r.text.replace("\r\n ", "")  # iCalendar line folding
        for raw in (EMAIL, PHONE, CPR, "21436587"):
            assert raw not in body, (path, raw)
        shown += "[telefon]" in body or "[e-mail]" in body
        if "json" in r.headers["content-type"]:
            json.loads(r.text)  # still valid JSON
    assert shown >= 8


def test_members_see_the_text_as_written(site: tuple[TestClient, SessionFactory, int]) -> None:
    client, _, mid = site
    assert post_login(client, "medlem", "en lang adgangskode").status_code == 303
    page = client.get(f"/moeder/{mid}").text
    assert EMAIL in page and PHONE in page and CPR in page
    assert EMAIL in client.get(f"/api/meetings/{mid}").text


def test_security_headers_everywhere(site: tuple[TestClient, SessionFactory, int]) -> None:
    client, _, mid = site
    for path in (
        "/",
        f"/moeder/{mid}",
        "/api/meetings",
        "/oparl/v1/system",
        "/findes-ikke",
        "/static/klynge.css",
    ):
        r = client.get(path)
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
    assert client.get("/findes-ikke").status_code == 404
