"""Doubtful parses where people look (issue 16): import status, /api/imports, the meeting page and
the secretariat's review list, and marking a meeting as reviewed. Only for those who may fix it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select
from webarchive import TestClient

from klynge.store import accounts
from klynge.store import tables as t
from klynge.store.db import SessionFactory, engine_of, open_store
from klynge.store.repo import ingest_bytes
from klynge.web.app import create_app

PASSWORD = "en lang og god adgangskode"
NORD = "Klyngestyregruppen Nordklyngen"
SYD = "Klyngestyregruppen Sydklyngen"


def doubtful_minutes(forum: str) -> str:
    """Minutes read doubtfully: no date found, and every outcome left in unheaded text."""
    return (
        f"# Referat\n\n{forum}\n\n## 1. Dagsorden\n\nDagsordenen blev godkendt.\n\n"
        "## 2. Økonomi\n\nRegnskabet blev taget til efterretning.\n\n## 3. Genoptræning\n\nPlanen blev godkendt.\n"
    )


@pytest.fixture
def archive(
    db_url: str, minutes_text: Callable[..., str]
) -> Iterator[tuple[str, SessionFactory, dict[str, int]]]:
    factory = open_store(db_url)
    ids = {}
    for name, data in {
        "god.txt": minutes_text(NORD, dt.date(2024, 3, 14)),
        "tvivl.md": doubtful_minutes(NORD),
        "syd.md": doubtful_minutes(SYD),
    }.items():
        outcome = ingest_bytes(factory, data.encode("utf-8"), name)
        assert outcome.meeting_id is not None, outcome
        ids[name] = outcome.meeting_id
    assert len(set(ids.values())) == 3
    accounts.add_user(factory, "nordsekr", PASSWORD, "secretariat", fora=[NORD])
    accounts.add_user(factory, "sydsekr", PASSWORD, "secretariat", fora=[SYD])
    yield db_url, factory, ids
    engine_of(factory).dispose()


def client_as(url: str, user: str | None) -> Iterator[TestClient]:
    app = create_app(url)
    with TestClient(app, raise_server_exceptions=False) as c:
        if user:
            c.get("/login")
            r = c.post(
                "/login",
                data={"username": user, "password": PASSWORD, "csrf": c.cookies.get("klynge_csrf") or ""},
            )
            assert r.status_code == 200 and user in r.text
        yield c
    app.state.engine.dispose()


@pytest.fixture
def as_user(
    archive: tuple[str, SessionFactory, dict[str, int]],
) -> Iterator[Callable[[str | None], TestClient]]:
    opened: list[Iterator[TestClient]] = []

    def open_as(user: str | None) -> TestClient:
        gen = client_as(archive[0], user)
        opened.append(gen)
        return next(gen)

    yield open_as
    for gen in opened:
        next(gen, None)


def csrf_of(c: TestClient, page: str) -> str:
    text = c.get(page).text
    marker = 'name="csrf" value="'
    return text[text.index(marker) + len(marker) :].split('"', 1)[0]


def test_import_status_and_api_name_the_doubtful_file_to_its_secretariat(
    archive: tuple[str, SessionFactory, dict[str, int]], as_user: Callable[[str | None], TestClient]
) -> None:
    _url, _factory, ids = archive
    nord = as_user("nordsekr")
    page = nord.get("/import").text
    assert page.count("Kræver gennemsyn") == 1 and "dato" in page
    files = {f["name"]: f for run in nord.get("/api/imports").json()["data"] for f in run["files"]}
    assert files["tvivl.md"]["review"] and any("dato" in r for r in files["tvivl.md"]["review"])
    assert files["god.txt"]["review"] == [] and files["syd.md"]["review"] == []  # not Nord's to fix
    public = as_user(None)
    assert "Kræver gennemsyn" not in public.get("/import").text
    public_files = [f for run in public.get("/api/imports").json()["data"] for f in run["files"]]
    assert all(f["review"] == [] for f in public_files)
    meeting = nord.get(f"/moeder/{ids['tvivl.md']}").text
    assert "Kræver gennemsyn" in meeting and "dato" in meeting
    assert "Kræver gennemsyn" not in nord.get(f"/moeder/{ids['god.txt']}").text
    assert "Kræver gennemsyn" not in public.get(f"/moeder/{ids['tvivl.md']}").text


def test_the_review_list_per_forum_and_marking_reviewed(
    archive: tuple[str, SessionFactory, dict[str, int]], as_user: Callable[[str | None], TestClient]
) -> None:
    _url, factory, ids = archive
    nord, syd = as_user("nordsekr"), as_user("sydsekr")
    listing = nord.get("/gennemsyn").text
    assert f'href="/moeder/{ids["tvivl.md"]}"' in listing
    assert (
        f'href="/moeder/{ids["syd.md"]}"' not in listing and f'href="/moeder/{ids["god.txt"]}"' not in listing
    )
    with factory() as s:
        syd_forum = s.scalar(select(t.Forum.id).where(t.Forum.name == SYD))
    assert f'href="/moeder/{ids["syd.md"]}"' in syd.get(f"/gennemsyn?forum={syd_forum}").text
    assert f'href="/moeder/{ids["syd.md"]}"' not in syd.get("/gennemsyn?forum=99999999999").text
    assert as_user(None).get("/gennemsyn").status_code in (401, 403)

    refused = syd.post(f"/moeder/{ids['tvivl.md']}/gennemset", data={"csrf": csrf_of(syd, "/gennemsyn")})
    assert refused.status_code == 403
    assert f'href="/moeder/{ids["tvivl.md"]}"' in nord.get("/gennemsyn").text
    done = nord.post(
        f"/moeder/{ids['tvivl.md']}/gennemset",
        data={"csrf": csrf_of(nord, "/gennemsyn")},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert f'href="/moeder/{ids["tvivl.md"]}"' not in nord.get("/gennemsyn").text
    assert "Kræver gennemsyn" not in nord.get(f"/moeder/{ids['tvivl.md']}").text
    with factory() as s:
        rows = s.scalars(
            select(t.Revision).where(t.Revision.meeting_id == ids["tvivl.md"], t.Revision.change != "import")
        ).all()
        assert [(r.by, r.change) for r in rows] == [("nordsekr", "reviewed")]


def test_the_secretariat_corrects_a_doubtful_meeting_in_the_editor(
    archive: tuple[str, SessionFactory, dict[str, int]], as_user: Callable[[str | None], TestClient]
) -> None:
    _url, factory, ids = archive
    mid = ids["tvivl.md"]
    nord, syd = as_user("nordsekr"), as_user("sydsekr")
    csrf = csrf_of(nord, f"/moeder/{mid}/rediger")
    assert nord.post(f"/moeder/{mid}/forloeb", data={"csrf": csrf, "handling": "genaabn"}).status_code == 200

    def item_ids() -> list[int]:
        with factory() as s:
            return list(
                s.scalars(select(t.Item.id).where(t.Item.meeting_id == mid).order_by(t.Item.position))
            )

    first, _second, third = item_ids()
    r = nord.post(f"/moeder/{mid}/rediger/hoved", data={"csrf": csrf, "forum": NORD, "date": "2024-04-14"})
    assert r.status_code == 200, r.text
    assert nord.post(f"/punkter/{first}/saml", data={"csrf": csrf}).status_code == 200
    assert item_ids() == [first, third]
    with factory() as s:
        sections = {x.kind: x.text for x in s.scalars(select(t.Section).where(t.Section.item_id == first))}
    kind, text = next(iter(sections.items()))
    assert len(text.splitlines()) == 2
    target = "decision" if kind != "decision" else "minutes"
    moved = nord.post(
        f"/punkter/{first}/flyt-tekst", data={"csrf": csrf, "kind": kind, "paragraph": "2", "to": target}
    )
    assert moved.status_code == 200
    split = nord.post(
        f"/punkter/{first}/del", data={"csrf": csrf, "kind": kind, "paragraph": "1", "title": "Nyt punkt"}
    )
    assert split.status_code == 200
    assert len(item_ids()) == 3
    bad = nord.post(f"/punkter/{first}/del", data={"csrf": csrf, "kind": kind, "paragraph": "x"})
    assert bad.status_code == 422 and "tekststykke" in bad.text
    other = syd.post(f"/punkter/{first}/saml", data={"csrf": csrf_of(syd, "/gennemsyn")})
    assert other.status_code == 403 and "Nyt punkt" not in other.text
    with factory() as s:
        changes = [
            r.change
            for r in s.scalars(select(t.Revision).where(t.Revision.meeting_id == mid).order_by(t.Revision.id))
        ]
    assert {"merge", "split", "update"} <= set(changes)


def test_participants_and_actions_are_corrected_in_the_editor(
    archive: tuple[str, SessionFactory, dict[str, int]], as_user: Callable[[str | None], TestClient]
) -> None:
    _url, factory, ids = archive
    mid = ids["tvivl.md"]
    nord, syd = as_user("nordsekr"), as_user("sydsekr")
    csrf = csrf_of(nord, f"/moeder/{mid}/rediger")
    nord.post(f"/moeder/{mid}/forloeb", data={"csrf": csrf, "handling": "genaabn"})
    assert (
        nord.post(
            f"/moeder/{mid}/rediger/deltager", data={"csrf": csrf, "name": "Mødelokale Syd"}
        ).status_code
        == 200
    )
    with factory() as s:
        part = s.scalar(select(t.Participation.id).where(t.Participation.meeting_id == mid))
        item = s.scalar(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "2"))
    assert part is not None and item is not None
    assert syd.post(f"/deltagere/{part}/slet", data={"csrf": csrf_of(syd, "/gennemsyn")}).status_code == 403
    assert nord.post(f"/deltagere/{part}/slet", data={"csrf": csrf}).status_code == 200
    form = {"csrf": csrf, "owner_other": "Regnskabet", "task": "blev taget", "due": ""}
    assert nord.post(f"/punkter/{item}/handling", data=form).status_code == 200
    with factory() as s:
        action = s.scalar(
            select(t.Action.id).where(t.Action.meeting_id == mid, t.Action.owner == "Regnskabet")
        )
    assert action is not None
    fixed = {"csrf": csrf, "owner": "Sekretariatet", "task": "sender regnskabet rundt", "due": "2024-05-01"}
    assert nord.post(f"/handlinger/{action}/rediger", data=fixed).status_code == 200
    with factory() as s:
        row = s.get(t.Action, action)
        assert row is not None and (row.owner, row.task, row.due_phrase) == (
            "Sekretariatet",
            "sender regnskabet rundt",
            "2024-05-01",
        )
        assert s.scalar(select(t.Participation.id).where(t.Participation.meeting_id == mid)) is None
    assert (
        syd.post(f"/handlinger/{action}/slet", data={"csrf": csrf_of(syd, "/gennemsyn")}).status_code == 403
    )
    assert nord.post(f"/handlinger/{action}/slet", data={"csrf": csrf}).status_code == 200
    with factory() as s:
        assert s.get(t.Action, action) is None
        ops = [
            c.op
            for c in s.scalars(
                select(t.Correction).where(t.Correction.meeting_id == mid).order_by(t.Correction.id)
            )
        ]
    assert ops == ["person_add", "person_drop", "action_add", "action_edit", "action_drop"]
