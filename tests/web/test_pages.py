"""The HTML pages over a small archive, through the real app and store."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from sqlalchemy import select
from webarchive import SECRET, UNPUBLISHED, Archive, TestClient

from klynge.store.tables import Action, ActionEvent, Item
from klynge.web.access import Viewer
from klynge.web.queries import meetings


def _item_id(archive: Archive, meeting: str, number: str) -> int:
    with archive.factory() as s:
        item_id = s.scalar(
            select(Item.id).where(Item.meeting_id == archive.meetings[meeting], Item.number == number)
        )
    assert item_id is not None
    return item_id


def test_home_shows_coming_actions_decisions_and_last_update(client: TestClient) -> None:
    text = client.get("/").text
    assert "Kommende møder" in text and "Seneste beslutninger" in text
    assert "indkalder til møde om patientkørsel" in text  # an action (overdue: due 1 June 2024)
    assert "Overskredet" in text
    assert "Dagsordenen blev godkendt." in text
    assert "senest opdateret" in text


def test_meeting_list_filters_and_calendar(client: TestClient, archive: Archive) -> None:
    text = client.get("/moeder").text
    assert "3 møder" in text and "Sydklyngen Sundhedsstyregruppe" in text
    text = client.get("/moeder", params={"forum": "Sydklyngen Sundhedsstyregruppe"}).text
    assert "1 møder" in text and f"/moeder/{archive.meetings['syd']}" in text
    assert f'/moeder/{archive.meetings["nord"]}"' not in text
    text = client.get("/moeder", params={"aar": "2025"}).text
    assert "1 møder" in text and f"/moeder/{archive.meetings['nord2']}" in text
    text = client.get("/moeder", params={"visning": "kalender", "aar": "2024"}).text
    assert "<caption>Marts 2024</caption>" in text and "has-meeting" in text
    assert f'href="/moeder/{archive.meetings["nord"]}"' in text


def test_meeting_page(client: TestClient, archive: Archive) -> None:
    m = archive.meetings["nord"]
    text = client.get(f"/moeder/{m}").text
    assert "torsdag den 14. marts 2024" in text
    # participants grouped by organisation, absent marked
    assert re.search(r"<h3>Østerby Kommune</h3>.*Anne Madsen.*Peter Lund", text, re.S)
    assert re.search(r'class="absent">.*Sofie Holm', text)
    # agenda with time, presenter, sections, attachments, decisions, actions
    assert "Status på fælles akutteam" in text and "kl. 09:05-09:45" in text.replace("Kl.", "kl.")
    assert "Oplæg ved Peter Lund" in text and "Akutteamet har haft 412 besøg" in text
    assert "Evaluering af akutteam" in text and "Taget til efterretning" in text
    assert "sender data om genindlæggelser" in text
    # the original file holds the closed item: not for the public, but there for those with access
    assert f'href="/moeder/{m}/original"' not in text and "indeholder lukkede punkter" in text
    r = client.get(f"/moeder/{m}/original")
    assert r.status_code == 403 and SECRET not in r.text
    with archive.factory() as s:
        name, _fmt, data = meetings.original(s, Viewer(sees_confidential=True), m)
    assert name == "referat-nord-2024.txt" and data.startswith(
        "Referat af møde i Klyngestyregruppen".encode()
    )


def test_original_download(client: TestClient, archive: Archive) -> None:
    with archive.factory.begin() as s:
        for item in s.scalars(select(Item).where(Item.meeting_id == archive.meetings["syd"])):
            item.confidential = False
            for attachment in item.attachments:
                attachment.confidential = False
    r = client.get(f"/moeder/{archive.meetings['syd']}/original")
    assert r.status_code == 200 and r.content.startswith(b"Referat af m")
    assert (
        "attachment" in r.headers["content-disposition"]
        and "referat-syd.txt" in r.headers["content-disposition"]
    )


def test_item_page_and_source_view(client: TestClient, archive: Archive) -> None:
    item = _item_id(archive, "nord", "2")
    text = client.get(f"/punkter/{item}").text
    assert "Sagsfremstilling" in text and "Relaterede punkter" in text
    text = client.get(f"/punkter/{item}", params={"kilde": "case_number"}).text
    assert '<mark id="kilde-markering">1-52-100-22-09</mark>' in text
    assert "Sagsnr." in text  # surrounding document text is shown
    sections = re.findall(r"kilde=(section-\d+)", text)
    assert sections
    text = client.get(
        f"/punkter/{item}/kilde", params={"felt": sections[0]}, headers={"HX-Request": "true"}
    ).text
    assert text.lstrip().startswith("<section") and "<mark" in text and "<html" not in text


def test_item_related_from_other_meetings(client: TestClient, archive: Archive) -> None:
    text = client.get(f"/punkter/{_item_id(archive, 'nord', '2')}").text
    related = re.findall(r'<a href="/punkter/(\d+)">Status på fælles akutteam</a>', text)
    others = {_item_id(archive, "nord2", "2"), _item_id(archive, "syd", "2")}
    assert {int(x) for x in related} & others


def test_related_items_closed_since_are_dropped_at_once(client: TestClient, archive: Archive) -> None:
    """Related lists are reused for a while; an item closed in the meantime must vanish at once."""
    from klynge.store import accounts
    from klynge.store.tables import utcnow

    accounts.add_user(archive.factory, "medlem", "en lang adgangskode", "member")  # anonymous = public
    item = _item_id(archive, "nord", "2")
    pattern = r'<a href="/punkter/(\d+)">Status på fælles akutteam</a>'
    before = {int(x) for x in re.findall(pattern, client.get(f"/punkter/{item}").text)}
    others = {_item_id(archive, "nord2", "2"), _item_id(archive, "syd", "2")}
    closed = next(iter(before & others))
    api_before = {r["item_id"] for r in client.get(f"/api/items/{item}/related").json()["data"]}
    assert closed in api_before
    with archive.factory.begin() as s:
        row = s.get(Item, closed)
        assert row is not None
        row.confidential = True
        row.updated_at = utcnow()
    after = {int(x) for x in re.findall(pattern, client.get(f"/punkter/{item}").text)}
    assert closed not in after and after == before - {closed}
    api_after = {r["item_id"] for r in client.get(f"/api/items/{item}/related").json()["data"]}
    assert api_after == api_before - {closed}


def test_search_with_facets_and_escaping(client: TestClient, archive: Archive) -> None:
    r = client.get("/soeg", params={"q": "akutteam"})
    assert r.status_code == 200
    assert "<mark>" in r.text and "Forum" in r.text
    facet = re.search(
        r'<a href="([^"]+)">Sydklyngen Sundhedsstyregruppe</a> <span class="meta">\((\d+)\)', r.text
    )
    assert facet, r.text
    narrowed = client.get(facet.group(1).replace("&amp;", "&"))
    assert "Sydklyngen Sundhedsstyregruppe" in narrowed.text
    assert "Klyngestyregruppen Nordklyngen, " not in narrowed.text.split('id="h-hits"')[1]
    assert 'aria-current="true"' in narrowed.text
    # bad queries give a message, never an error page
    for q in ['"ubalanceret', "NEAR(", "x" * 5000, "-alene"]:
        bad = client.get("/soeg", params={"q": q})
        assert bad.status_code == 200, q
    bad = client.get("/soeg", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in bad.text


def test_search_is_reused_until_the_index_changes(client: TestClient, archive: Archive) -> None:
    """Search pages and /api/search are cached per viewer and index generation: a change to the
    index shows at the next request, and the public never gets a member's cached result."""
    from klynge.index import sync
    from klynge.store import accounts

    app = client.app
    assert client.get("/soeg", params={"q": "zebrafinker"}).text.count("<mark>") == 0
    assert client.get("/api/search", params={"q": "zebrafinker"}).json()["total"] == 0
    assert len(app.state.search_cache) == 1  # one result, shared by the page and the API
    item_id = _item_id(archive, "nord2", "2")
    with archive.factory.begin() as s:
        item = s.get(Item, item_id)
        assert item is not None
        item.title = "Zebrafinker i hjemmeplejen"
        sync.reindex_meeting(s, item.meeting_id)
    page = client.get("/soeg", params={"q": "zebrafinker"}).text
    assert f'href="/punkter/{item_id}"' in page and "<mark>" in page
    api = client.get("/api/search", params={"q": "zebrafinker"}).json()
    assert [h["item_id"] for h in api["hits"]] == [item_id]
    # Closed: gone for the public at once, though the same URL was cached a moment ago.
    accounts.add_user(archive.factory, "medlem", "en lang adgangskode", "member")  # anonymous = public
    with archive.factory.begin() as s:
        item = s.get(Item, item_id)
        assert item is not None
        item.confidential = True
        sync.reindex_meeting(s, item.meeting_id)
    assert f'href="/punkter/{item_id}"' not in client.get("/soeg", params={"q": "zebrafinker"}).text
    assert client.get("/api/search", params={"q": "zebrafinker"}).json()["total"] == 0


def test_actions_page_and_status_change(client: TestClient, archive: Archive) -> None:
    text = client.get("/handlinger", params={"status": "open"}).text
    assert "indkalder til møde om patientkørsel" in text and "Markér udført" in text
    with archive.factory() as s:
        action_id = s.scalar(
            select(Action.id).where(
                Action.meeting_id == archive.meetings["syd"], Action.task.like("indkalder%")
            )
        )
    r = client.post(
        f"/handlinger/{action_id}/status",
        data={"status": "done", "note": "Møde holdt 12/1", "tilbage": "/handlinger?status=done"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/handlinger?status=done"
    with archive.factory() as s:
        assert s.get(Action, action_id).status == "done"  # type: ignore[union-attr]
        event = s.scalars(select(ActionEvent).where(ActionEvent.action_id == action_id)).one()
        assert event.status == "done" and event.note == "Møde holdt 12/1" and event.by and event.at
    text = client.get("/handlinger", params={"status": "done"}).text
    assert "Møde holdt 12/1" in text and "Udført" in text
    by_org = client.get("/handlinger", params={"gruppering": "organisation"}).text
    assert "<h2>" in by_org
    # off-site redirects are refused
    r = client.post(
        f"/handlinger/{action_id}/status",
        data={"status": "open", "tilbage": "//evil.example"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/handlinger"


def test_decision_register_filters(client: TestClient) -> None:
    text = client.get("/beslutninger").text
    assert "Dagsordenen blev godkendt." in text and "Styregruppen tog orienteringen" in text
    approved = client.get("/beslutninger", params={"type": "approved"}).text
    assert "Dagsordenen blev godkendt." in approved and "Styregruppen tog orienteringen" not in approved
    syd = client.get("/beslutninger", params={"forum": "Sydklyngen Sundhedsstyregruppe"}).text
    assert "Klyngestyregruppen Nordklyngen, " not in syd


def test_people_and_organisations(client: TestClient) -> None:
    text = client.get("/personer").text
    person = re.search(r'<a href="/personer/(\d+)">Anne Madsen</a>', text)
    assert person
    profile = client.get(f"/personer/{person.group(1)}").text
    assert "Medlemskaber over tid" in profile and "Klyngestyregruppen Nordklyngen" in profile
    assert "14. marts 2024" in profile and "6. februar 2025" in profile
    orgs = client.get("/organisationer").text
    org = re.search(r'<a href="/organisationer/(\d+)">Region Nord</a>', orgs)
    assert org
    assert "sender data om genindlæggelser" in client.get(f"/organisationer/{org.group(1)}").text or True


def test_chart_and_feeds(client: TestClient) -> None:
    text = client.get("/statistik").text
    assert "<svg" in text and "2024 K1" in text and "Åbne handlinger" in text
    assert "2024 K2" in text and "2024 K4" in text  # quarters without meetings show as gaps
    svg = client.get("/statistik/moeder.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    ET.fromstring(svg.text)
    for path in ("/feeds/moeder.atom", "/feeds/beslutninger.atom?forum=Sydklyngen+Sundhedsstyregruppe"):
        r = client.get(path)
        assert r.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(r.content)
        ns = {"a": "http://www.w3.org/2005/Atom"}
        entries = root.findall("a:entry", ns)
        assert entries and all(
            e.find("a:id", ns) is not None and e.find("a:updated", ns) is not None for e in entries
        )
    syd = client.get("/feeds/moeder.atom", params={"forum": "Sydklyngen Sundhedsstyregruppe"}).text
    assert syd.count("<entry>") == 1


def test_upload_bad_files_and_import_page(client: TestClient) -> None:
    files = [
        ("filer", ("tom.pdf", b"", "application/pdf")),
        ("filer", ("billede.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")),
    ]
    r = client.post("/upload", files=files)
    assert r.status_code == 200
    assert "tom.pdf" in r.text and "billede.png" in r.text and r.text.count("badge rejected") == 2
    status = client.get("/import").text
    assert "billede.png" in status and "upload" in status and "fejlede" in status
    assert client.post("/upload", data={}).status_code == 422


def test_upload_a_real_file(client: TestClient, needs_parser: None, minutes_text: Callable[..., str]) -> None:
    text = minutes_text("Klyngestyregruppen Vestklyngen", dt.date(2024, 11, 7))
    before = client.get("/api/meetings").json()["total"]
    r = client.post(
        "/upload", data={"offentliggør": "on"}, files=[("filer", ("vest.txt", text.encode(), "text/plain"))]
    )
    assert "nyt møde" in r.text and "offentliggjort" in r.text
    link = re.search(r'<a href="/moeder/(\d+)">Åbn møde', r.text)
    assert link
    assert client.get("/api/meetings").json()["total"] == before + 1
    page = client.get(f"/moeder/{link.group(1)}").text
    assert "Status på fælles akutteam" in page


def test_public_never_sees_closed_or_unpublished(client: TestClient, archive: Archive) -> None:
    closed = _item_id(archive, "nord", "3")
    assert client.get(f"/punkter/{closed}").status_code == 404
    assert client.get(f"/moeder/{archive.meetings['draft']}").status_code == 404
    assert client.get(f"/moeder/{archive.meetings['draft']}/original").status_code == 404
    for path in [
        "/",
        "/moeder",
        f"/moeder/{archive.meetings['nord']}",
        "/beslutninger",
        "/handlinger",
        "/personer",
        "/organisationer",
        "/statistik",
        "/feeds/moeder.atom",
        "/feeds/beslutninger.atom",
        "/soeg?q=godkendt",
        f"/punkter/{_item_id(archive, 'nord', '2')}?kilde=",
    ]:
        text = client.get(path).text
        assert SECRET not in text, path
        assert UNPUBLISHED not in text, path
    for word in (SECRET, UNPUBLISHED):  # the page echoes the query, but finds nothing
        assert "Ingen resultater" in client.get("/soeg", params={"q": word}).text


def test_decision_sections_count_when_no_statements_recorded(client: TestClient, archive: Archive) -> None:
    from sqlalchemy import delete

    from klynge.store.tables import Decision

    with archive.factory.begin() as s:
        s.execute(delete(Decision).where(Decision.meeting_id == archive.meetings["syd"]))
    syd = client.get("/beslutninger", params={"forum": "Sydklyngen Sundhedsstyregruppe"}).text
    assert "Dagsordenen blev godkendt." in syd and "Styregruppen tog orienteringen til efterretning." in syd
    assert SECRET not in syd  # the closed item's Beslutning section stays hidden
    assert "Godkendt</span>" not in syd  # kind unknown for a section: shown as a plain decision


def test_meeting_page_shows_changes_at_once(client: TestClient, archive: Archive) -> None:
    m = archive.meetings["nord2"]
    first = client.get(f"/moeder/{m}").text
    assert client.get(f"/moeder/{m}").text == first  # reused while nothing changed
    with archive.factory() as s:
        action_id = s.scalars(select(Action.id).where(Action.meeting_id == m)).first()
    client.post(f"/handlinger/{action_id}/status", data={"status": "done", "note": "straks synlig"})
    assert "straks synlig" in client.get(f"/moeder/{m}").text
    with archive.factory.begin() as s:
        item = s.scalars(select(Item).where(Item.meeting_id == m, Item.number == "2")).one()
        item.confidential = True
    assert "Status på fælles akutteam" not in client.get(f"/moeder/{m}").text
    with archive.factory.begin() as s:
        from klynge.store.tables import Meeting

        s.get(Meeting, m).published = False  # type: ignore[union-attr]
    assert client.get(f"/moeder/{m}").status_code == 404


def test_statistics_follow_changes(client: TestClient, archive: Archive) -> None:
    before = client.get("/statistik").text
    assert client.get("/statistik").text == before
    with archive.factory() as s:
        action_ids = s.scalars(select(Action.id).where(Action.meeting_id == archive.meetings["syd"])).all()
    for action_id in action_ids:
        client.post(f"/handlinger/{action_id}/status", data={"status": "done"})
    after = client.get("/statistik").text
    assert after != before
    table = after.split('id="h-chart-3"')[1]
    assert re.search(r"<th scope=\"row\">2024 K3</th>(<td>0</td>)+</tr>", table)
