"""Closed items and unpublished meetings never reach those without access, on any path.

A meeting is written in Klynge with a closed item (the interchange key "confidential": true) and
published; another is written and left unpublished. Then the whole site is crawled as the public
and as a member of another forum (every link followed, plus the REST, OParl, feed, calendar,
search and related-items endpoints), and no response may contain either secret word.
"""

from __future__ import annotations

import re
from collections import deque
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

CLOSED_WORD = "blåbærkage"
DRAFT_WORD = "tranebærplan"
MAX_FETCHES = 600


def _closed_meeting() -> dict[str, Any]:
    data = written_meeting()
    closed = data["items"][2]
    closed["title"] = f"Personalesag om {CLOSED_WORD}"
    closed["attachments"] = [f"Notat om {CLOSED_WORD}"]
    closed["decision"] = f"Sagen om {CLOSED_WORD} blev godkendt."
    data["items"][1]["decision"] = "Styregruppen godkendte handleplanen."
    data["actions"] = [
        {"owner": "Anders Holm", "task": "følge op på genindlæggelser", "due": "2027-05-01", "item": "2"},
        {"owner": "Birthe Kjærgaard", "task": f"afklare {CLOSED_WORD}", "due": "2027-05-02", "item": "3"},
    ]
    return data


def _draft_meeting() -> dict[str, Any]:
    data = written_meeting()
    data["meeting"]["date"] = "2027-06-10"
    data["meeting"]["forum"] = "Styregruppen for Sydklyngen"
    for item in data["items"]:
        item["confidential"] = False
    data["items"][2]["case_text"] = "Status på personaleområdet."
    data["items"][1]["title"] = f"Ny {DRAFT_WORD} for genoptræning"
    data["items"][1]["decision"] = f"{DRAFT_WORD.capitalize()} blev godkendt."
    data["actions"] = [
        {"owner": "Anders Holm", "task": f"skrive {DRAFT_WORD}", "due": "2027-07-01", "item": "2"}
    ]
    return data


@pytest.fixture
def archive(db_url: str) -> Iterator[tuple[str, SessionFactory]]:
    factory = open_store(db_url)
    for data, publish in ((_closed_meeting(), True), (_draft_meeting(), False)):
        meeting = lifecycle.prepared(from_interchange(data), keep_actions=True)
        mid = lifecycle.create_meeting(factory, meeting, by="sekretariat")
        if publish:
            lifecycle.publish(factory, mid, by="sekretariat")
    accounts.add_user(factory, "sydmedlem", "en lang adgangskode", "member", fora=["Anden klynge"])
    yield db_url, factory
    engine_of(factory).dispose()


def _links(body: str, content_type: str) -> list[str]:
    found = re.findall(r'href="(/[^"#]*)"', body)
    if "json" in content_type:
        found += re.findall(r'"(?:https?://testserver)?(/(?:api|oparl)/[^"\s]*)"', body)
    found += re.findall(r"https?://testserver(/[^\"'<>\s]*)", body)
    return [u.replace("&amp;", "&") for u in found]


def crawl(client: TestClient, ids: dict[str, list[int]]) -> dict[str, str]:
    seeds = [
        "/",
        "/moeder",
        "/handlinger",
        "/handlinger?status=done",
        "/beslutninger",
        "/personer",
        "/organisationer",
        "/statistik",
        "/import",
        "/feeds/moeder.atom",
        "/feeds/beslutninger.atom",
        "/feeds/kalender.ics",
        "/api/meetings",
        "/api/decisions",
        "/api/actions",
        "/api/people",
        "/api/organisations",
        "/api/imports",
        "/oparl/v1/system",
        "/soeg?q=genindlæggelser",
        "/soeg?q=godkendt",
        "/api/search?q=godkendt",
        "/api/search?q=notat",
        *[f"/moeder/{i}" for i in ids["meetings"]],
        *[f"/moeder/{i}/original" for i in ids["meetings"]],
        *[f"/api/meetings/{i}" for i in ids["meetings"]],
        *[f"/oparl/v1/meeting/{i}" for i in ids["meetings"]],
        *[f"/punkter/{i}" for i in ids["items"]],
        *[f"/punkter/{i}/kilde" for i in ids["items"]],
        *[f"/api/items/{i}" for i in ids["items"]],
        *[f"/api/items/{i}/related" for i in ids["items"]],
        *[f"/oparl/v1/agendaitem/{i}" for i in ids["items"]],
    ]
    seen: dict[str, str] = {}
    queue = deque(seeds)
    while queue and len(seen) < MAX_FETCHES:
        url = queue.popleft()
        if url in seen or url.startswith(("/static/", "/api/docs", "/logout")):
            continue
        r = client.get(url)
        assert r.status_code < 500, (url, r.status_code)
        body = (
            r.text
            if "text" in r.headers.get("content-type", "")
            or "json" in r.headers.get("content-type", "")
            or "xml" in r.headers.get("content-type", "")
            else r.content.decode("latin-1")
        )
        seen[url] = body
        queue.extend(u for u in _links(body, r.headers.get("content-type", "")) if u not in seen)
    return seen


def _ids(factory: SessionFactory) -> dict[str, list[int]]:
    with factory() as s:
        return {
            "meetings": list(s.scalars(select(t.Meeting.id))),
            "items": list(s.scalars(select(t.Item.id))),
        }


def _assert_clean(pages: dict[str, str]) -> None:
    for url, body in pages.items():
        text = body.casefold()
        assert CLOSED_WORD not in text, url
        assert DRAFT_WORD not in text, url


def test_public_never_sees_closed_or_unpublished(archive: tuple[str, SessionFactory]) -> None:
    url, factory = archive
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as client:
        pages = crawl(client, _ids(factory))
        for word in (CLOSED_WORD, DRAFT_WORD):
            found = client.get("/api/search", params={"q": word}).json()
            assert found["total"] == 0 and not found["hits"]
    app.state.engine.dispose()
    assert len(pages) > 60  # the crawl really went through the site
    assert any("genindlæggelser" in b.casefold() for b in pages.values())  # the public part is there
    assert (
        "BEGIN:VCALENDAR" in pages["/feeds/kalender.ics"]
        and "genindlæggelser" in pages["/feeds/kalender.ics"]
    )
    _assert_clean(pages)


def test_member_of_another_forum_sees_neither(archive: tuple[str, SessionFactory]) -> None:
    url, factory = archive
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert post_login(client, "sydmedlem", "en lang adgangskode").status_code == 303
        assert "sydmedlem" in client.get("/").text
        pages = crawl(client, _ids(factory))
    app.state.engine.dispose()
    assert len(pages) > 60
    _assert_clean(pages)


def test_cli_calendar_public_and_owner(archive: tuple[str, SessionFactory]) -> None:
    import subprocess
    import sys
    from pathlib import Path

    url, _ = archive
    klynge = Path(sys.executable).parent / "klynge"
    public = subprocess.run([klynge, "calendar", "--public", "--db", url], capture_output=True, check=True)
    owner = subprocess.run([klynge, "calendar", "--db", url], capture_output=True, check=True)
    unfold = lambda b: b.decode().replace("\r\n ", "").casefold()  # noqa: E731 - RFC 5545 line folding
    assert DRAFT_WORD not in unfold(public.stdout) and CLOSED_WORD not in unfold(public.stdout)
    assert DRAFT_WORD in unfold(owner.stdout) and CLOSED_WORD in unfold(owner.stdout)


def test_own_forum_members_find_their_closed_and_draft_texts(archive: tuple[str, SessionFactory]) -> None:
    """The same index filters let a forum's own people find what they may see (both backends)."""
    url, factory = archive
    accounts.add_user(
        factory, "nordmedlem", "en lang adgangskode", "member", fora=["Styregruppen for Nordklyngen"]
    )
    accounts.add_user(
        factory, "sydsekr", "en lang adgangskode", "secretariat", fora=["Styregruppen for Sydklyngen"]
    )
    app = create_app(url)
    for user, word, other in (("nordmedlem", CLOSED_WORD, DRAFT_WORD), ("sydsekr", DRAFT_WORD, CLOSED_WORD)):
        with TestClient(app, raise_server_exceptions=False) as client:
            assert post_login(client, user, "en lang adgangskode").status_code == 303
            found = client.get("/api/search", params={"q": word}).json()
            assert found["total"] >= 1, user
            assert client.get("/api/search", params={"q": other}).json()["total"] == 0, user
    app.state.engine.dispose()


def test_actions_counted_without_joins_are_the_visible_ones(archive: tuple[str, SessionFactory]) -> None:
    """`visibility.actions` (no joins, for the owners menu and the counts) keeps exactly the actions
    the joined rule keeps, for every kind of viewer, a meeting without forum included."""
    from klynge.web.access import Viewer
    from klynge.web.queries import visibility

    _url, factory = archive
    with factory.begin() as s:
        fora = {f.name: f.id for f in s.scalars(select(t.Forum))}
        closed = s.scalars(select(t.Item).where(t.Item.confidential.is_(True))).first()
        assert closed is not None and s.scalar(select(t.Action.id).where(t.Action.item_id == closed.id))
        # a copy of the closed item's meeting without a forum: its closed item is nobody's forum's
        orphan = t.Meeting(forum_id=None, date=None, published=True, version=1, spans={}, warnings={})
        s.add(orphan)
        s.flush()
        item = t.Item(meeting_id=orphan.id, position=0, number="1", title="x", confidential=True, spans={})
        s.add(item)
        s.flush()
        s.add(
            t.Action(meeting_id=orphan.id, item_id=item.id, position=0, owner="Ejer", task="y", status="open")
        )
    some = frozenset(fora.values())
    viewers = [
        Viewer(),
        Viewer(role="member", member_fora=some),
        Viewer(role="member", member_fora=frozenset({max(fora.values()) + 1})),
        Viewer(role="secretariat", may_write=True, member_fora=some, secretariat_fora=some),
        Viewer(role="admin", sees_confidential=True),
    ]
    seen = []
    with factory() as s:
        for who in viewers:
            joined = set(
                s.scalars(
                    select(t.Action.id)
                    .join(t.Meeting, t.Meeting.id == t.Action.meeting_id)
                    .outerjoin(t.Item, t.Item.id == t.Action.item_id)
                    .where(visibility.meetings(who), visibility.item_or_none(who))
                )
            )
            alone = set(s.scalars(select(t.Action.id).where(visibility.actions(who))))
            assert alone == joined, who
            seen.append(len(alone))
    everything = seen[-1]
    assert seen[0] < seen[1] < everything  # the public sees least, a member of every forum more
