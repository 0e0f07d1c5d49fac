"""The confidentiality crawl of issue 22: every kind of viewer, every path, one archive.

The archive holds a published meeting with a closed item (and that item's action), personal data
in an open item in the formats the probe found unmasked, an item closed only after the first
publication (so version 1 still has it in full), and an unpublished meeting of another forum. Each
kind of viewer crawls the site (links followed from seeds that include version pages, search
snippets for the numbers' digits, the calendar feed, originals and OParl) and may find only what
their role allows. Bodies are unfolded (RFC 5545) and HTML tags removed before the check, as a
calendar program or a reader would see the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from builders import written_meeting
from sqlalchemy import select
from test_confidential import crawl
from webarchive import TestClient

from klynge.interchange import from_interchange
from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.web.app import create_app

CLOSED_WORD = "blåbærkage"
DRAFT_WORD = "tranebærplan"
LATE_WORD = "solbærsaft"
"""In item 1, which is closed after the first publication: never public again, old versions included."""
PERSONAL = ("21.34.56.78", "21345678", "anne.madsen@nordby.dk", "010203 1234", "0102031234", "21-34-5678")
PASSWORD = "en lang og god adgangskode"
NORD = "Styregruppen for Nordklyngen"
SYD = "Styregruppen for Sydklyngen"


def _published_meeting() -> dict[str, Any]:
    data = written_meeting()
    data["items"][0]["case_text"] = f"Orientering om {LATE_WORD} og dagsordenen."
    data["items"][1]["case_text"] = (
        "Antallet af genindlæggelser er steget. Kontakt Anne Madsen på tlf. 21.34.56.78 "
        "eller anne.madsen@nordby.dk; borgerens CPR 010203 1234 og 0102031234, vagt 21-34-5678."
    )
    data["items"][1]["decision"] = "Styregruppen godkendte handleplanen."
    closed = data["items"][2]
    closed["title"] = f"Personalesag om {CLOSED_WORD}"
    closed["decision"] = f"Sagen om {CLOSED_WORD} blev godkendt."
    data["actions"] = [
        {"owner": "Anders Holm", "task": "følge op på genindlæggelser", "due": "2027-05-01", "item": "2"},
        {"owner": "Birthe Kjærgaard", "task": f"afklare {CLOSED_WORD}", "due": "2027-05-02", "item": "3"},
    ]
    return data


def _draft_meeting() -> dict[str, Any]:
    data = written_meeting()
    data["meeting"].update({"date": "2027-06-10", "forum": SYD})
    for item in data["items"]:
        item["confidential"] = False
    data["items"][2]["case_text"] = "Status på personaleområdet."
    data["items"][1]["title"] = f"Ny {DRAFT_WORD} for genoptræning"
    data["actions"] = [
        {"owner": "Anders Holm", "task": f"skrive {DRAFT_WORD}", "due": "2027-07-01", "item": "2"}
    ]
    return data


@pytest.fixture
def archive(db_url: str) -> Iterator[tuple[str, SessionFactory, int]]:
    factory = open_store(db_url)
    nord = lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(_published_meeting()), keep_actions=True), by="sekr"
    )
    lifecycle.publish(factory, nord, by="sekr")
    lifecycle.reopen(factory, nord, by="sekr")
    with factory() as s:
        first = s.scalar(select(t.Item.id).where(t.Item.meeting_id == nord, t.Item.number == "1"))
    assert first is not None
    lifecycle.update_item(factory, first, {"confidential": True}, by="sekr")
    lifecycle.publish(factory, nord, by="sekr")
    lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(_draft_meeting()), keep_actions=True), by="sekr"
    )
    users = [
        ("andenmedlem", "member", "Anden klynge"),
        ("andensekr", "secretariat", "Anden klynge"),
        ("nordmedlem", "member", NORD),
        ("nordsekr", "secretariat", NORD),
        ("sydsekr", "secretariat", SYD),
        ("chefen", "admin", None),
    ]
    for name, role, forum in users:
        accounts.add_user(factory, name, PASSWORD, role, fora=[forum] if forum else [])
    yield db_url, factory, nord
    engine_of(factory).dispose()


def _readable(body: str) -> str:
    """What a reader or a calendar program sees: folded lines joined, tags gone, entities read."""
    import html

    text = body.replace("\r\n ", "").replace("\r\n\t", "")
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).casefold()


def _seeds(factory: SessionFactory) -> dict[str, list[int]]:
    with factory() as s:
        return {
            "meetings": list(s.scalars(select(t.Meeting.id))),
            "items": list(s.scalars(select(t.Item.id))),
        }


EXTRA = [
    "/api/search?q=1234",
    "/api/search?q=21",
    "/api/search?q=5678",
    "/api/search?q=nordby",
    "/soeg?q=1234",
    "/soeg?q=anne",
    "/feeds/kalender.ics",
]

# viewer -> (words it must not see, whether it must not see personal data)
VIEWERS: dict[str | None, tuple[tuple[str, ...], bool]] = {
    None: ((CLOSED_WORD, DRAFT_WORD, LATE_WORD), True),
    "andenmedlem": ((CLOSED_WORD, DRAFT_WORD, LATE_WORD), False),
    "andensekr": ((CLOSED_WORD, DRAFT_WORD, LATE_WORD), False),
    "nordmedlem": ((DRAFT_WORD,), False),
    "nordsekr": ((DRAFT_WORD,), False),
    "sydsekr": ((CLOSED_WORD, LATE_WORD), False),
    "token:andenmedlem": ((CLOSED_WORD, DRAFT_WORD, LATE_WORD), False),
}


@pytest.mark.parametrize("who", list(VIEWERS), ids=lambda w: w or "offentlig")
def test_every_viewer_sees_only_what_the_role_allows(
    archive: tuple[str, SessionFactory, int], who: str | None
) -> None:
    url, factory, nord = archive
    hidden, masked = VIEWERS[who]
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as client:
        if who and who.startswith("token:"):
            token = accounts.create_token(factory, who.removeprefix("token:"), "probe")
            client.headers["Authorization"] = f"Bearer {token}"
        elif who:
            client.get("/login")
            csrf = client.cookies.get("klynge_csrf") or ""
            r = client.post("/login", data={"username": who, "password": PASSWORD, "csrf": csrf})
            assert r.status_code == 200 and who in r.text
        ids = _seeds(factory)
        versions = [f"/moeder/{nord}/version/{n}" for n in (1, 2)]
        pages = crawl(client, ids, extra=[*versions, *EXTRA])
    app.state.engine.dispose()
    assert len(pages) > 60  # the crawl really went through the site
    assert any("genindlæggelser" in b.casefold() for b in pages.values())
    for url_, body in pages.items():
        text = _readable(body)
        for word in hidden:
            assert word not in text, (who, url_, word)
        if masked:
            for number in PERSONAL:
                assert number not in text, (who, url_, number)


def test_the_forum_s_own_people_see_their_closed_items(archive: tuple[str, SessionFactory, int]) -> None:
    """The other side of the crawl: the rules hide from others, not from the forum itself."""
    url, _factory, nord = archive
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.get("/login")
        csrf = client.cookies.get("klynge_csrf") or ""
        client.post("/login", data={"username": "nordmedlem", "password": PASSWORD, "csrf": csrf})
        page = _readable(client.get(f"/moeder/{nord}").text)
        assert CLOSED_WORD in page and LATE_WORD in page and "21.34.56.78" in page
    app.state.engine.dispose()
