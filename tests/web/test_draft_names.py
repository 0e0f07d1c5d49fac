"""Names that appear only in drafts are not readable by id (issue 22, smaller finding).

A forum, an organisation and a person named only in an unpublished meeting are, for anyone who may
not see that draft, like ids that do not exist: 404 on the pages, the REST API and OParl, and absent
from every list. The draft's own secretariat reads them.
"""

from __future__ import annotations

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

DRAFT_FORUM = "Hemmeligklyngen Styregruppe"
DRAFT_ORG = "Udkastby Kommune"
DRAFT_PERSON = "Xenia Udkastsen"
PASSWORD = "en lang adgangskode"
NAMES = ("hemmeligklyngen", "udkastby", "udkastsen")


def _draft() -> dict[str, Any]:
    data = written_meeting()
    data["meeting"]["forum"] = DRAFT_FORUM
    data["meeting"]["date"] = "2027-06-10"
    data["participants"] = [{"name": DRAFT_PERSON, "organisation": DRAFT_ORG, "role": "direktør"}]
    data["actions"] = []
    for item in data["items"]:
        item.pop("presenter", None)
    return data


@pytest.fixture
def archive(db_url: str) -> Iterator[tuple[str, SessionFactory, dict[str, str]]]:
    factory = open_store(db_url)
    mid = lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(written_meeting()), keep_actions=True), by="sekr"
    )
    lifecycle.publish(factory, mid, by="sekr")
    lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(_draft()), keep_actions=True), by="sekr"
    )
    accounts.add_user(factory, "nordmedlem", PASSWORD, "member", fora=["Styregruppen for Nordklyngen"])
    accounts.add_user(factory, "hemmeligsekr", PASSWORD, "secretariat", fora=[DRAFT_FORUM])
    with factory() as s:
        fid = s.scalar(select(t.Forum.id).where(t.Forum.name == DRAFT_FORUM))
        oid = s.scalar(select(t.Organisation.id).where(t.Organisation.name == DRAFT_ORG))
        pid = s.scalar(select(t.Person.id).where(t.Person.name == DRAFT_PERSON))
    assert fid and oid and pid
    ids = {"f": str(fid), "o": str(oid), "p": str(pid)}
    yield db_url, factory, ids
    engine_of(factory).dispose()


BY_ID = (
    "/oparl/v1/organization/f{f}",
    "/oparl/v1/organization/f{f}/meetings",
    "/oparl/v1/organization/o{o}",
    "/oparl/v1/person/{p}",
    "/oparl/v1/membership/{p}-{f}-{o}",
    "/personer/{p}",
    "/organisationer/{o}",
    "/api/people/{p}",
    "/api/organisations/{o}",
)
LISTS = (
    "/personer",
    "/organisationer",
    "/moeder",
    "/api/people",
    "/api/organisations",
    "/oparl/v1/body/1/organizations",
    "/oparl/v1/body/1/people",
    "/oparl/v1/body/1/memberships",
)
MISSING = {"f": "999999", "o": "999999", "p": "999999"}


def _login(client: TestClient, user: str) -> None:
    client.get("/login")
    r = client.post(
        "/login",
        data={"username": user, "password": PASSWORD, "csrf": client.cookies.get("klynge_csrf") or ""},
    )
    assert r.status_code == 200 and user in r.text


@pytest.mark.parametrize("user", [None, "nordmedlem"])
def test_draft_only_names_are_404_by_id_and_absent_from_lists(
    archive: tuple[str, SessionFactory, dict[str, str]], user: str | None
) -> None:
    url, _, ids = archive
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as client:
        if user:
            _login(client, user)
        for path in BY_ID:
            r = client.get(path.format(**ids))
            assert r.status_code == 404, (path, r.status_code)
            assert client.get(path.format(**MISSING)).status_code == 404, path
            assert not [n for n in NAMES if n in r.text.casefold()], (path, r.text[:300])
        for path in LISTS:
            r = client.get(path)
            assert r.status_code == 200, path
            assert not [n for n in NAMES if n in r.text.casefold()], path
    app.state.engine.dispose()


def test_the_drafts_secretariat_reads_them(archive: tuple[str, SessionFactory, dict[str, str]]) -> None:
    url, _, ids = archive
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as client:
        _login(client, "hemmeligsekr")
        for path in BY_ID:
            r = client.get(path.format(**ids))
            assert r.status_code == 200, (path, r.status_code)
        assert "hemmeligklyngen" in client.get("/oparl/v1/body/1/organizations").text.casefold()
    app.state.engine.dispose()
