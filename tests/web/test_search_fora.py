"""Search decides visibility by forum id, never by a forum's name (issue 22, finding 5).

Two fora whose names differ only in a space ("Klyngestyregruppen Nordklyngen", "Klyngestyregruppen
Nord klyngen") share the search index's name key. A member or secretariat of one must find nothing
closed or unpublished of the other: not in /api/search, not on /soeg (hits, facets, counts), not
among related items.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from builders import written_meeting
from webarchive import TestClient

from klynge.interchange import from_interchange
from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.store.names import name_key
from klynge.web.app import create_app

FORUM = "Klyngestyregruppen Nordklyngen"
LOOK_ALIKE = "Klyngestyregruppen Nord klyngen"
CLOSED_WORD = "blåbærkage"
DRAFT_WORD = "tranebærplan"
PASSWORD = "en lang adgangskode"


def _meeting(date: str, word: str) -> dict[str, Any]:
    data = written_meeting()
    data["meeting"]["forum"] = FORUM
    data["meeting"]["date"] = date
    data["items"][2]["title"] = f"Personalesag om {word}"
    data["items"][2]["case_text"] = f"Sagen om {word} drøftes."
    return data


@pytest.fixture
def archive(db_url: str) -> Iterator[tuple[str, SessionFactory]]:
    factory = open_store(db_url)
    closed = _meeting("2027-03-18", CLOSED_WORD)
    mid = lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(closed), keep_actions=True), by="sekr"
    )
    lifecycle.publish(factory, mid, by="sekr")
    draft = _meeting("2027-06-10", DRAFT_WORD)
    for item in draft["items"]:
        item["confidential"] = False
    lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(draft), keep_actions=True), by="sekr"
    )
    with factory.begin() as s:  # a look-alike forum, as older versions created them silently
        s.add(t.Forum(name=LOOK_ALIKE, key=name_key(LOOK_ALIKE)))
    accounts.add_user(factory, "naboen", PASSWORD, "member", fora=[LOOK_ALIKE])
    accounts.add_user(factory, "nabosekr", PASSWORD, "secretariat", fora=[LOOK_ALIKE])
    accounts.add_user(factory, "medlem", PASSWORD, "member", fora=[FORUM])
    accounts.add_user(factory, "sekr", PASSWORD, "secretariat", fora=[FORUM])
    yield db_url, factory
    engine_of(factory).dispose()


def _login(client: TestClient, user: str) -> None:
    client.get("/login")
    r = client.post(
        "/login",
        data={"username": user, "password": PASSWORD, "csrf": client.cookies.get("klynge_csrf") or ""},
    )
    assert r.status_code == 200 and user in r.text


def _search(client: TestClient, word: str) -> dict[str, Any]:
    r = client.get("/api/search", params={"q": word})
    assert r.status_code == 200
    found: dict[str, Any] = r.json()
    return found


@pytest.mark.parametrize("user", ["naboen", "nabosekr"])
def test_look_alike_forum_sees_nothing_closed_or_unpublished(
    archive: tuple[str, SessionFactory], user: str
) -> None:
    url, _ = archive
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as client:
        _login(client, user)
        for word in (CLOSED_WORD, DRAFT_WORD, "personalesag"):
            found = _search(client, word)
            assert found["total"] == 0 and not found["hits"], (word, found["hits"])
            assert not any(found["facets"].values()), found["facets"]
            page = client.get("/soeg", params={"q": word})
            assert page.status_code == 200 and "personalesag om" not in page.text.casefold()
    app.state.engine.dispose()


def test_own_forum_still_finds_its_closed_and_draft_pieces(archive: tuple[str, SessionFactory]) -> None:
    url, _ = archive
    app = create_app(url)
    for user, word in (("medlem", CLOSED_WORD), ("sekr", DRAFT_WORD)):
        with TestClient(app, raise_server_exceptions=False) as client:
            _login(client, user)
            found = _search(client, word)
            assert any(h["item_number"] == "3" for h in found["hits"]), (user, found["hits"])
    app.state.engine.dispose()


def test_migration_keys_an_older_index_by_forum_id(archive: tuple[str, SessionFactory]) -> None:
    """An index written before forum id keys (0006) gets them from migration 0007: the forum's own
    member finds its closed item again, the look-alike forum's still nothing."""
    from sqlalchemy import select, text

    from klynge.index import tsvector
    from klynge.index.search import search

    url, factory = archive
    with factory.begin() as s:
        conn = s.connection()
        rows = conn.execute(text("SELECT id, stems, parts, keys FROM search_doc")).all()
        for doc_id, stems, parts, keys in rows:
            old = " ".join(k for k in keys.split() if not k.startswith("_fid_"))
            conn.execute(text("UPDATE search_doc SET keys = :k WHERE id = :i"), {"k": old, "i": doc_id})
            if conn.dialect.name == "postgresql":
                conn.execute(
                    text("UPDATE search_doc SET tsv = CAST(:v AS tsvector) WHERE id = :i"),
                    {"v": tsvector.vector(stems, parts, old), "i": doc_id},
                )
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
        conn.execute(text("DROP TABLE correction"))  # made by a later migration (0009), made again
        conn.execute(text("UPDATE alembic_version SET version_num = '0006'"))
        own = s.scalar(select(t.Forum.id).where(t.Forum.name == FORUM))
        other = s.scalar(select(t.Forum.id).where(t.Forum.name == LOOK_ALIKE))
    assert own is not None and other is not None
    with factory() as s:
        assert search(s, CLOSED_WORD, closed_forums=(own,)).total == 0  # the old index: hidden from all
    migrated = open_store(url)
    try:
        with migrated() as s:
            assert search(s, CLOSED_WORD, closed_forums=(own,)).total >= 1
            assert search(s, CLOSED_WORD, closed_forums=(other,)).total == 0
            assert search(s, DRAFT_WORD, draft_forums=(own,), closed_forums=(own,)).total >= 1
            assert search(s, DRAFT_WORD, draft_forums=(other,), closed_forums=(other,)).total == 0
    finally:
        engine_of(migrated).dispose()
