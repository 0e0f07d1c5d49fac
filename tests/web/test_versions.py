"""Issue 22, finding 2: published versions (/moeder/{id}/version/{n}) never show a closed item's
content to those who may not see it: not a closed item's action under another item, not an item
closed after publication (in earlier versions too, also while the meeting is reopened)."""

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

CLOSED_WORD = "blåbærkage"
LATE_WORD = "solbærsaft"
PASSWORD = "en lang og god adgangskode"
NORD = "Styregruppen for Nordklyngen"


def _meeting() -> dict[str, Any]:
    data = written_meeting()
    data["items"][0]["case_text"] = f"Orientering om {LATE_WORD}."
    data["items"][2]["decision"] = "Sagen blev godkendt."
    data["items"].append({"number": "4", "title": "Eventuelt", "minutes": "Intet at bemærke."})
    data["actions"] = [
        {"owner": "Anders Holm", "task": "følge op på genindlæggelser", "due": "2027-05-01", "item": "2"},
        {"owner": "Birthe Kjærgaard", "task": f"afklare {CLOSED_WORD}", "due": "2027-05-02", "item": "3"},
    ]
    return data


@pytest.fixture
def site(db_url: str) -> Iterator[tuple[TestClient, SessionFactory, int]]:
    factory = open_store(db_url)
    mid = lifecycle.create_meeting(factory, lifecycle.prepared(from_interchange(_meeting()), True), by="s")
    lifecycle.publish(factory, mid, by="s")
    accounts.add_user(factory, "nordmedlem", PASSWORD, "member", fora=[NORD])
    accounts.add_user(factory, "andenmedlem", PASSWORD, "member", fora=["Anden klynge"])
    app = create_app(db_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, factory, mid
    app.state.engine.dispose()
    engine_of(factory).dispose()


def _text(body: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", body)).casefold()


def _as(client: TestClient, user: str | None) -> TestClient:
    c = TestClient(client.app)
    if user:
        c.get("/login")
        r = c.post(
            "/login", data={"username": user, "password": PASSWORD, "csrf": c.cookies.get("klynge_csrf")}
        )
        assert r.status_code == 200 and user in r.text
    return c


def _close_item_one(factory: SessionFactory, mid: int) -> None:
    with factory() as s:
        first = s.scalar(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "1"))
    assert first is not None
    lifecycle.update_item(factory, first, {"confidential": True}, by="s")


def test_a_closed_item_s_action_stays_with_its_item(site: tuple[TestClient, SessionFactory, int]) -> None:
    client, _factory, mid = site
    for who in (None, "andenmedlem"):
        page = _text(_as(client, who).get(f"/moeder/{mid}/version/1").text)
        assert "genindlæggelser" in page and "eventuelt" in page  # the open items and their action
        assert CLOSED_WORD not in page, who
    own = _text(_as(client, "nordmedlem").get(f"/moeder/{mid}/version/1").text)
    # The forum's member sees the closed item with its own action, not under "Eventuelt".
    assert CLOSED_WORD in own
    assert own.index(CLOSED_WORD) < own.index("eventuelt")


def test_an_item_closed_after_publication_is_closed_in_earlier_versions(
    site: tuple[TestClient, SessionFactory, int],
) -> None:
    client, factory, mid = site
    public, other, own = (_as(client, who) for who in (None, "andenmedlem", "nordmedlem"))
    assert LATE_WORD in _text(public.get(f"/moeder/{mid}/version/1").text)  # open when published
    lifecycle.reopen(factory, mid, by="s")
    _close_item_one(factory, mid)
    # Reopened and hidden: version 1 stays readable, without the item closed since.
    for c in (public, other):
        r = c.get(f"/moeder/{mid}/version/1")
        assert r.status_code == 200 and "genindlæggelser" in _text(r.text)
        assert LATE_WORD not in _text(r.text) and CLOSED_WORD not in _text(r.text)
    assert LATE_WORD in _text(own.get(f"/moeder/{mid}/version/1").text)
    lifecycle.publish(factory, mid, by="s")
    for n in (1, 2):
        for c in (public, other):
            page = _text(c.get(f"/moeder/{mid}/version/{n}").text)
            assert LATE_WORD not in page and CLOSED_WORD not in page, n
        page = _text(own.get(f"/moeder/{mid}/version/{n}").text)
        assert LATE_WORD in page and CLOSED_WORD in page, n
    assert public.get(f"/moeder/{mid}/version/3").status_code == 404


def test_copies_frozen_before_the_links_were_kept_are_read_safely() -> None:
    """A publication stored by older code: no item ids, actions without their item."""
    old = {
        "meeting": {"forum": NORD},
        "items": [
            {"number": "1", "title": "Godkendelse af dagsorden", "confidential": False},
            {"number": "2", "title": "Budget", "confidential": False},
            {"number": "3", "title": "Personalesag", "confidential": True},
        ],
        "actions": [{"owner": "Anne", "task": f"afklare {CLOSED_WORD}", "due": None}],
    }
    today = [
        (11, "1", "Godkendelse af dagsorden", False),
        (12, "2", "Budget ", True),
        (13, "3", "Personalesag", True),
    ]
    seen = lifecycle.as_closed_today(old, today)
    assert [it["confidential"] for it in seen["items"]] == [False, True, True]
    public = lifecycle.without_closed(seen)
    assert [it["number"] for it in public["items"]] == ["1"] and public["actions"] == []
    # A copy with links: ids decide, and a meeting-level action (no item) stays.
    new = {
        "items": [
            {"id": 12, "number": "1", "title": "Budget", "confidential": False},
            {"id": 99, "number": "2", "title": "Personalesag", "confidential": False},
        ],
        "actions": [
            {"owner": "Anne", "task": "budget", "item": "1"},
            {"owner": "Bo", "task": "referat", "item": None},
        ],
    }
    public = lifecycle.without_closed(lifecycle.as_closed_today(new, today))
    assert [it["id"] for it in public["items"]] == [99]
    assert [a["owner"] for a in public["actions"]] == ["Bo"]


def test_publish_freezes_item_ids_and_action_links(store: SessionFactory) -> None:
    mid = lifecycle.create_meeting(store, lifecycle.prepared(from_interchange(_meeting()), True), by="s")
    lifecycle.publish(store, mid, by="s")
    frozen = lifecycle.version(store, mid, 1).snapshot
    with store() as s:
        ids = {i.number: i.id for i in s.scalars(select(t.Item).where(t.Item.meeting_id == mid))}
    assert {it["number"]: it["id"] for it in frozen["items"]} == ids
    assert [a["item"] for a in frozen["actions"]] == ["2", "3"]
