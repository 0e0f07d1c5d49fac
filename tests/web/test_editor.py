"""Skriv møde in the web app: agenda builder, minutes, lifecycle, history, publications, access."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from webarchive import UNPUBLISHED, Archive, TestClient, post_login

from klynge.store import accounts
from klynge.store import tables as t
from klynge.web.app import create_app

FORUM = "Klyngestyregruppen Nordklyngen"


@pytest.fixture
def web(archive: Archive) -> Iterator[TestClient]:
    accounts.add_user(archive.factory, "sekr", "en lang adgangskode", "secretariat", fora=[FORUM])
    accounts.add_user(archive.factory, "medlem", "en lang adgangskode", "member", fora=[FORUM])
    app = create_app(archive.url)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.engine.dispose()


def login(c: TestClient, user: str) -> str:
    assert post_login(c, user, "en lang adgangskode").status_code == 303
    return re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/").text).group(1)  # type: ignore[union-attr]


def items_of(archive: Archive, mid: int) -> list[tuple[str, str, str | None, str | None]]:
    with archive.factory() as s:
        rows = s.scalars(select(t.Item).where(t.Item.meeting_id == mid).order_by(t.Item.position)).all()
        return [(i.number, i.title, i.time_start, i.time_end) for i in rows]


def test_agenda_to_published_minutes(web: TestClient, archive: Archive) -> None:
    csrf = login(web, "sekr")
    r = web.post(
        "/skriv",
        data={
            "csrf": csrf,
            "forum": FORUM,
            "date": "2027-03-18",
            "start": "9.00",
            "end": "11:00",
            "inviter": "on",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    mid = int(r.headers["location"].split("/")[2])
    page = web.get(f"/moeder/{mid}/rediger").text
    assert "Dagsorden (kladde)" in page and "Anne Madsen" in page  # the forum's usual participants
    for title, minutes in (("Status på genoptræning", 30), ("Lukket: personalesag om ribsgrød", 15)):
        r = web.post(
            f"/moeder/{mid}/rediger/punkt", data={"csrf": csrf, "title": title, "minutes": str(minutes)}
        )
        assert r.status_code == 200
    assert items_of(archive, mid) == [
        ("1", "Godkendelse af dagsorden", None, None),
        ("2", "Status på genoptræning", None, None),
        ("3", "Lukket: personalesag om ribsgrød", None, None),
    ]
    with archive.factory() as s:
        ids = {i.number: i.id for i in s.scalars(select(t.Item).where(t.Item.meeting_id == mid))}
    slots = {"1": ("09:00", "09:10"), "2": ("09:10", "09:40"), "3": ("09:40", "09:55")}
    for number, (start, end) in slots.items():
        data = {
            "csrf": csrf,
            "title": items_of(archive, mid)[int(number) - 1][1],
            "time_start": start,
            "time_end": end,
        }
        if number == "3":
            data |= {"confidential": "on", "case_text": "Drøftelse af ribsgrød."}
        assert web.post(f"/punkter/{ids[number]}/rediger", data=data).status_code == 200
    # Reorder: the closed item first; numbers and time slots follow.
    web.post(f"/punkter/{ids['3']}/flyt", data={"csrf": csrf, "retning": "op"})
    assert [x[:2] for x in items_of(archive, mid)][1:] == [
        ("2", "Lukket: personalesag om ribsgrød"),
        ("3", "Status på genoptræning"),
    ]
    assert items_of(archive, mid)[2][2:] == ("09:25", "09:55")
    # Bad input: a message, nothing changed.
    bad = web.post(f"/punkter/{ids['2']}/rediger", data={"csrf": csrf, "title": "X", "time_start": "25.99"})
    assert bad.status_code == 422 and "ugyldigt klokkeslæt" in bad.text
    assert items_of(archive, mid)[2][1] == "Status på genoptræning"
    assert web.post(f"/punkter/{ids['2']}/rediger", data={"title": "uden nøgle"}).status_code == 403
    # Minutes, a decision, an action; through the lifecycle.
    web.post(
        f"/punkter/{ids['2']}/rediger",
        data={
            "csrf": csrf,
            "title": "Status på genoptræning",
            "minutes": "Drøftet.",
            "decision": "Planen blev godkendt.",
        },
    )
    web.post(
        f"/punkter/{ids['2']}/handling",
        data={"csrf": csrf, "owner": "Anne Madsen", "task": "følge op", "due": "primo maj"},
    )
    for step in ("naeste", "naeste", "naeste"):
        assert web.post(f"/moeder/{mid}/forloeb", data={"csrf": csrf, "handling": step}).status_code == 200
    assert "Referat godkendt" in web.get(f"/moeder/{mid}/rediger").text
    web.post(f"/moeder/{mid}/forloeb", data={"csrf": csrf, "handling": "offentliggoer"})
    with archive.factory() as s:
        m = s.get(t.Meeting, mid)
        assert m is not None and (m.status, m.published) == ("published", True)
        action = s.scalars(select(t.Action).where(t.Action.meeting_id == mid)).one()
        assert action.due_start is not None and action.due_start.month == 5
    locked = web.post(f"/punkter/{ids['2']}/rediger", data={"csrf": csrf, "title": "Ny titel"})
    assert locked.status_code == 409 and "genåbn" in locked.text.lower()
    # Reopen, correct, publish again: version 1 stays readable.
    web.post(f"/moeder/{mid}/forloeb", data={"csrf": csrf, "handling": "genaabn"})
    web.post(
        f"/punkter/{ids['2']}/rediger",
        data={"csrf": csrf, "title": "Status på genoptræning 2027", "decision": "Planen blev godkendt."},
    )
    web.post(f"/moeder/{mid}/forloeb", data={"csrf": csrf, "handling": "offentliggoer"})
    history = web.get(f"/moeder/{mid}/historik").text
    assert "Version 2" in history and "Status på genoptræning 2027" in history
    public = TestClient(web.app)
    v1 = public.get(f"/moeder/{mid}/version/1").text
    assert "Status på genoptræning" in v1 and "2027</" not in v1 and "ribsgrød" not in v1
    assert "ribsgrød" not in public.get(f"/moeder/{mid}").text
    assert (
        "ribsgrød" in web.get(f"/moeder/{mid}/version/2").text
    )  # the forum's secretariat sees the closed item
    assert public.get(f"/moeder/{mid}/historik").status_code == 403


def test_members_and_other_fora_may_not_edit(web: TestClient, archive: Archive) -> None:
    csrf = login(web, "medlem")
    assert web.get("/skriv").status_code == 403
    assert web.post("/skriv", data={"csrf": csrf, "forum": FORUM, "date": "2027-01-01"}).status_code == 403
    web.post("/logout", data={"csrf": csrf})
    csrf = login(web, "sekr")
    other = archive.meetings["draft"]  # forum UNPUBLISHED: not this secretariat's
    assert web.get(f"/moeder/{other}/rediger").status_code == 403
    r = web.post("/skriv", data={"csrf": csrf, "forum": UNPUBLISHED, "date": "2027-01-01"})
    assert r.status_code == 403


def test_attachment_upload_and_download(web: TestClient, archive: Archive) -> None:
    csrf = login(web, "sekr")
    r = web.post("/skriv", data={"csrf": csrf, "forum": FORUM, "date": "2027-04-01"}, follow_redirects=False)
    mid = int(r.headers["location"].split("/")[2])
    web.post(f"/moeder/{mid}/rediger/punkt", data={"csrf": csrf, "title": "Budget", "minutes": "10"})
    with archive.factory() as s:
        item = s.scalars(select(t.Item).where(t.Item.meeting_id == mid, t.Item.number == "2")).one()
    pdf = b"%PDF-1.4 bilag med budgettal"
    r = web.post(
        f"/punkter/{item.id}/bilag",
        data={"csrf": csrf},
        files={"fil": ("Budget 2027.pdf", pdf, "application/pdf")},
    )
    assert r.status_code == 200 and "Budget 2027.pdf" in r.text
    # Saving the item's other fields keeps the uploaded file.
    web.post(
        f"/punkter/{item.id}/rediger",
        data={"csrf": csrf, "title": "Budget", "attachments": "Budget 2027.pdf\nOversigt.xlsx"},
    )
    with archive.factory() as s:
        rows = s.scalars(
            select(t.Attachment).where(t.Attachment.item_id == item.id).order_by(t.Attachment.position)
        ).all()
        assert [(a.name, a.document_id is not None) for a in rows] == [
            ("Budget 2027.pdf", True),
            ("Oversigt.xlsx", False),
        ]
        attachment_id = rows[0].id
    assert web.get(f"/bilag/{attachment_id}").content == pdf
    public = TestClient(web.app)
    assert public.get(f"/bilag/{attachment_id}").status_code == 404  # the meeting is not published
    web.post(f"/moeder/{mid}/forloeb", data={"csrf": csrf, "handling": "offentliggoer"})
    assert public.get(f"/bilag/{attachment_id}").content == pdf
    assert f'href="/bilag/{attachment_id}"' in public.get(f"/moeder/{mid}").text
    empty = web.post(
        f"/punkter/{item.id}/bilag", data={"csrf": csrf}, files={"fil": ("", b"", "application/pdf")}
    )
    assert empty.status_code in (409, 422)


def test_add_a_guest_by_hand(web: TestClient, archive: Archive) -> None:
    csrf = login(web, "sekr")
    r = web.post("/skriv", data={"csrf": csrf, "forum": FORUM, "date": "2027-05-06"}, follow_redirects=False)
    mid = int(r.headers["location"].split("/")[2])
    data = {
        "csrf": csrf,
        "name": "Mikkel Sand",
        "organisation": "Patientforeningen",
        "role": "oplægsholder",
        "guest": "on",
    }
    assert "Mikkel Sand" in web.post(f"/moeder/{mid}/rediger/deltager", data=data).text
    again = web.post(f"/moeder/{mid}/rediger/deltager", data=data)
    assert again.status_code == 422 and "allerede deltager" in again.text
    with archive.factory() as s:
        guests = s.scalars(
            select(t.Participation).where(t.Participation.meeting_id == mid, t.Participation.guest.is_(True))
        ).all()
        assert [(g.person.name, g.organisation.name if g.organisation else None) for g in guests] == [
            ("Mikkel Sand", "Patientforeningen")
        ]
