"""Accounts and roles on the web: login, sessions, CSRF, API tokens, rate limit, and who sees what.

The archive has a closed item titled SECRET in every meeting and one unpublished meeting (forum
UNPUBLISHED). Members see the closed items of their own fora; the secretariat of a forum also sees
its unpublished meetings and may write; the public sees neither; admins see everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from webarchive import SECRET, UNPUBLISHED, Archive, TestClient, post_login

from klynge.store import accounts
from klynge.store.tables import Action, Audit, Item
from klynge.web.app import create_app

NORD = "Klyngestyregruppen Nordklyngen"
SYD = "Sydklyngen Sundhedsstyregruppe"
PASSWORD = "korrekt hest batteri"


@pytest.fixture
def users(archive: Archive) -> Archive:
    f = archive.factory
    accounts.add_user(f, "medlem", PASSWORD, "member", fora=[NORD])
    accounts.add_user(f, "sekretaer", PASSWORD, "secretariat", fora=[UNPUBLISHED])
    accounts.add_user(f, "admin", PASSWORD, "admin")
    return archive


@pytest.fixture
def web(users: Archive) -> Iterator[TestClient]:
    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.engine.dispose()


def login(c: TestClient, username: str, password: str = PASSWORD) -> int:
    r = post_login(c, username, password, next="/moeder")
    if r.status_code == 303:
        page = c.get("/")
        token = page.text.split('"X-CSRF-Token": "', 1)[1].split('"', 1)[0]
        c.headers["X-CSRF-Token"] = token
    return r.status_code


def closed_item(archive: Archive, key: str) -> int:
    with archive.factory() as s:
        return s.scalars(
            select(Item.id).where(Item.meeting_id == archive.meetings[key], Item.confidential.is_(True))
        ).one()


def test_login_sets_a_safe_cookie_and_logout_ends_the_session(web: TestClient) -> None:
    r = post_login(web, "medlem", PASSWORD, next="//evil.example/")
    assert r.status_code == 303 and r.headers["location"] == "/"  # never off-site
    cookie = r.headers["set-cookie"]
    assert (
        "klynge_session=" in cookie
        and "HttpOnly" in cookie
        and "SameSite=lax" in cookie.replace("Lax", "lax")
    )
    session_token = web.cookies.get("klynge_session")
    assert session_token and "medlem" in web.get("/").text
    page = web.get("/")
    csrf = page.text.split('"X-CSRF-Token": "', 1)[1].split('"', 1)[0]
    assert web.post("/logout", data={}).status_code == 403  # logout needs the CSRF token too
    assert web.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    web.cookies.set("klynge_session", session_token)  # the old cookie is worth nothing now
    assert "Log ind" in web.get("/").text and "Log ud" not in web.get("/").text


def test_wrong_password_same_message_and_rate_limit(web: TestClient, users: Archive) -> None:
    unknown = post_login(web, "ingen", "forkert-forkert")
    wrong = post_login(web, "medlem", "forkert-forkert")
    assert unknown.status_code == wrong.status_code == 401
    assert (
        "forkert brugernavn eller adgangskode" in unknown.text
        and "forkert brugernavn eller adgangskode" in wrong.text
    )
    for _ in range(4):
        post_login(web, "medlem", "stadig-forkert")
    locked = post_login(web, "medlem", PASSWORD)
    assert locked.status_code == 429 and "for mange" in locked.text  # even the right password, for now
    with users.factory() as s:
        failures = s.scalars(select(Audit).where(Audit.action == "login", Audit.ok.is_(False))).all()
    assert len(failures) >= 6 and all(a.ip for a in failures)


def test_member_sees_closed_items_of_own_forum_only(web: TestClient, users: Archive) -> None:
    public_nord = web.get(f"/moeder/{users.meetings['nord']}")
    assert public_nord.status_code == 200 and SECRET not in public_nord.text
    assert login(web, "medlem") == 303
    assert SECRET in web.get(f"/moeder/{users.meetings['nord']}").text
    assert web.get(f"/punkter/{closed_item(users, 'nord')}").status_code == 200
    assert SECRET not in web.get(f"/moeder/{users.meetings['syd']}").text
    assert web.get(f"/punkter/{closed_item(users, 'syd')}").status_code == 404
    assert web.get(f"/moeder/{users.meetings['draft']}").status_code == 404
    api = web.get(f"/api/meetings/{users.meetings['nord']}").text
    assert SECRET in api and SECRET not in web.get(f"/api/meetings/{users.meetings['syd']}").text
    # Search finds the closed items of the member's own forum, never another forum's.
    found = web.get("/api/search", params={"q": SECRET}).json()
    assert found["total"] >= 1 and {h["forum"] for h in found["hits"]} == {NORD}
    syd_item = closed_item(users, "syd")
    assert all(h["item_id"] != syd_item for h in found["hits"])
    facets = json.dumps(found.get("facets", {}), ensure_ascii=False)
    assert SYD not in facets and UNPUBLISHED not in facets
    assert web.get("/admin/log").status_code == 403
    assert web.post("/api/actions/1/status", json={"status": "done"}).status_code == 403  # members read only


def test_secretariat_sees_its_unpublished_meeting_and_may_write(web: TestClient, users: Archive) -> None:
    with users.factory() as s:
        action_id = s.scalars(select(Action.id).where(Action.meeting_id == users.meetings["draft"])).first()
        other_forum = s.scalars(select(Action.id).where(Action.meeting_id == users.meetings["nord"])).first()
    assert action_id is not None and other_forum is not None
    assert web.get(f"/moeder/{users.meetings['draft']}").status_code == 404
    # With accounts in the database, the anonymous loopback user may no longer write.
    web.get("/")
    web.headers["X-CSRF-Token"] = web.cookies.get("klynge_csrf") or ""
    assert web.post(f"/api/actions/{action_id}/status", json={"status": "done"}).status_code == 403
    assert login(web, "sekretaer") == 303
    draft = web.get(f"/moeder/{users.meetings['draft']}")
    assert draft.status_code == 200 and UNPUBLISHED in draft.text and SECRET in draft.text
    found = web.get("/api/search", params={"q": SECRET}).json()
    assert found["total"] >= 1 and {h["forum"] for h in found["hits"]} == {UNPUBLISHED}
    assert SECRET not in web.get(f"/moeder/{users.meetings['syd']}").text
    good = web.headers.pop("X-CSRF-Token")
    assert web.post(f"/api/actions/{action_id}/status", json={"status": "done"}).status_code == 403  # no CSRF
    r = web.post(
        f"/api/actions/{action_id}/status",
        json={"status": "done"},
        headers={"X-CSRF-Token": "gaet-" + good[5:]},
    )
    assert r.status_code == 403
    r = web.post(f"/api/actions/{action_id}/status", json={"status": "done"}, headers={"X-CSRF-Token": good})
    assert r.status_code == 200 and r.json()["data"]["status"] == "done"
    # Only the forum's own secretariat: another forum's action stays as it is.
    r = web.post(
        f"/api/actions/{other_forum}/status", json={"status": "done"}, headers={"X-CSRF-Token": good}
    )
    assert r.status_code == 403 and "sekretariat" in r.json()["error"]


def test_api_tokens_for_scripts(users: Archive) -> None:
    token = accounts.create_token(users.factory, "sekretaer", "importjob")
    app = create_app(users.url)
    with users.factory() as s:
        action_id = s.scalars(select(Action.id).where(Action.meeting_id == users.meetings["draft"])).first()
    with TestClient(app, raise_server_exceptions=False) as c:
        auth = {"Authorization": f"Bearer {token}"}
        r = c.post(f"/api/actions/{action_id}/status", json={"status": "done"}, headers=auth)
        assert r.status_code == 200  # a bearer token is no ambient credential: no CSRF token needed
        bad = c.get("/api/meetings", headers={"Authorization": "Bearer klynge_forkert"})
        assert bad.status_code == 403 and bad.json()["ok"] is False
        with users.factory() as s:
            from klynge.store.tables import ApiToken

            token_id = s.scalars(select(ApiToken.id)).one()
        accounts.revoke_token(users.factory, token_id)
        assert (
            c.post(f"/api/actions/{action_id}/status", json={"status": "open"}, headers=auth).status_code
            == 403
        )
    app.state.engine.dispose()


def test_admin_sees_everything_and_the_log(web: TestClient, users: Archive) -> None:
    assert login(web, "admin") == 303
    assert SECRET in web.get(f"/moeder/{users.meetings['syd']}").text
    assert web.get(f"/moeder/{users.meetings['draft']}").status_code == 200
    assert web.get("/api/search", params={"q": SECRET}).json()["total"] >= 1
    log = web.get("/admin/log")
    assert log.status_code == 200 and "login" in log.text and "user.add" in log.text


def test_role_change_ends_sessions(web: TestClient, users: Archive) -> None:
    assert login(web, "medlem") == 303
    assert SECRET in web.get(f"/moeder/{users.meetings['nord']}").text
    accounts.set_role(users.factory, "medlem", "member", fora=[SYD])
    assert SECRET not in web.get(f"/moeder/{users.meetings['nord']}").text  # signed out by the change
    assert login(web, "medlem") == 303
    assert SECRET in web.get(f"/moeder/{users.meetings['syd']}").text
    assert SECRET not in web.get(f"/moeder/{users.meetings['nord']}").text


def test_oversized_upload_is_refused_before_reading() -> None:
    from klynge.errors import TooLarge
    from klynge.web.upload import MAX_REQUEST, check_request_size

    check_request_size({"content-length": str(MAX_REQUEST)})
    check_request_size({"content-length": "ikke et tal"})
    with pytest.raises(TooLarge, match="for stor"):
        check_request_size({"content-length": str(MAX_REQUEST + 1)})


def test_scripted_meeting_write_with_token(users: Archive) -> None:
    from builders import written_meeting

    data = written_meeting()
    data["meeting"]["forum"] = UNPUBLISHED
    token = accounts.create_token(users.factory, "sekretaer", "script")
    member = accounts.create_token(users.factory, "medlem", "script")
    app = create_app(users.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        auth = {"Authorization": f"Bearer {token}"}
        denied = c.post("/api/meetings", json=data, headers={"Authorization": f"Bearer {member}"})
        assert denied.status_code == 403
        other = {**data, "meeting": {**data["meeting"], "forum": NORD}}
        assert c.post("/api/meetings", json=other, headers=auth).status_code == 403  # not its forum
        bad = c.post("/api/meetings", json={"items": []}, headers=auth)
        assert bad.status_code == 422 and bad.json()["ok"] is False
        r = c.post("/api/meetings", json=data, headers=auth)
        assert r.status_code == 201 and r.json()["data"]["status"] == "draft_agenda"
        mid = r.json()["data"]["id"]
        assert c.get(f"/api/meetings/{mid}").status_code == 404  # the public does not see a draft
        step = c.post(f"/api/meetings/{mid}/status", json={"status": "next"}, headers=auth)
        assert step.json()["data"]["status"] == "agenda_sent"
        assert c.post(f"/api/meetings/{mid}/publish", headers=auth).json()["data"]["publication"] == 1
        public = c.get(f"/api/meetings/{mid}")
        assert public.status_code == 200 and "Personalesag" not in public.text  # the closed item stays closed
        assert c.post(f"/api/meetings/{mid}/publish", headers=auth).status_code == 409
    app.state.engine.dispose()
