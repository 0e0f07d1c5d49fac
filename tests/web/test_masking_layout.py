"""Issue 22, finding 3: personal data is masked in the text before anything can split it.

Search snippets wrap matches in <mark>, the calendar feed folds lines at 75 octets, version pages
glue numbers to the word before them with a nowrap span, and JSON carries snippets as parts: each
of these splits a number when the masking runs over the finished bytes. What a reader or calendar
program sees (tags removed, folded lines joined) must hold no personal data for the public, on both
databases; members still see the text as written.
"""

from __future__ import annotations

import html
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

PERSONAL = ("21.34.56.78", "21345678", "anne.madsen@nordby.dk", "010203 1234", "0102031234", "21-34-5678")
DIGITS = ("1234", "5678", "21", "34", "56", "78", "010203", "0102031234", "21345678")
PASSWORD = "en lang og god adgangskode"
FORUM = "Styregruppen for Nordklyngen"
CASE_TEXT = (
    "Antallet af genindlæggelser er steget. Kontakt Anne Madsen på tlf. 21.34.56.78 "
    "eller anne.madsen@nordby.dk; borgerens CPR 010203 1234 og 0102031234, vagt 21-34-5678. "
    "Mobil 21345678 og tlf. 21 34 56 78."
)


def _meeting() -> dict[str, Any]:
    data = written_meeting()
    data["items"][1]["case_text"] = CASE_TEXT
    data["items"][1]["decision"] = "Styregruppen godkendte handleplanen; spørgsmål til anne.madsen@nordby.dk."
    # Tasks of growing length: the calendar's 75-octet folding falls inside the number in some.
    data["actions"] = [
        {
            "owner": "Anders Holm",
            "task": f"ringe {'x' * n} til vagten på 21.34.56.78 og skrive til anne.madsen@nordby.dk",
            "due": f"2027-05-{n + 1:02d}",
            "item": "2",
        }
        for n in range(24)
    ]
    return data


@pytest.fixture
def site(db_url: str) -> Iterator[tuple[TestClient, SessionFactory, int]]:
    factory = open_store(db_url)
    mid = lifecycle.create_meeting(
        factory, lifecycle.prepared(from_interchange(_meeting()), keep_actions=True), by="sekr"
    )
    lifecycle.publish(factory, mid, by="sekr")
    accounts.add_user(factory, "medlem", PASSWORD, "member", fora=[FORUM])
    app = create_app(db_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, factory, mid
    app.state.engine.dispose()
    engine_of(factory).dispose()


def _readable(body: str) -> str:
    """What a reader or a calendar program sees: folded lines joined, tags gone, entities read."""
    text = body.replace("\r\n ", "").replace("\r\n\t", "")
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).replace("\\,", ",").replace("\\;", ";")


def _login(client: TestClient) -> None:
    client.get("/login")
    csrf = client.cookies.get("klynge_csrf") or ""
    r = client.post("/login", data={"username": "medlem", "password": PASSWORD, "csrf": csrf})
    assert r.status_code == 200


def _assert_masked(path: str, body: str) -> None:
    text = _readable(body)
    for number in PERSONAL:
        assert number not in text, (path, number)
    assert "21 34 56 78" not in text, path


@pytest.mark.parametrize("q", ["1234", "5678", "21", "nordby", "anne", "madsen", "genindlæggelser"])
def test_search_snippets_are_masked_before_marking(
    site: tuple[TestClient, SessionFactory, int], q: str
) -> None:
    client, _, _ = site
    for path in (f"/api/search?q={q}", f"/soeg?q={q}"):
        r = client.get(path)
        assert r.status_code == 200, path
        _assert_masked(path, r.text)
    found = client.get(f"/api/search?q={q}").json()
    for hit in found["hits"]:
        joined = "".join(part for part, _ in hit["snippet_parts"])
        _assert_masked(q, joined)
        _assert_masked(q, hit["snippet"])


def test_the_public_cannot_find_an_item_by_its_personal_digits(
    site: tuple[TestClient, SessionFactory, int],
) -> None:
    """Which item is a hit for "1234" would tell the public a hidden CPR number's digits."""
    client, _, _ = site
    for q in DIGITS:
        assert client.get(f"/api/search?q={q}").json()["hits"] == [], q
    assert client.get("/api/search?q=genindlæggelser").json()["hits"]  # the item is still found


def test_members_see_personal_data_in_snippets(site: tuple[TestClient, SessionFactory, int]) -> None:
    client, _, _ = site
    _login(client)
    hits = client.get("/api/search?q=genindlæggelser").json()["hits"]
    text = " ".join("".join(p for p, _ in h["snippet_parts"]) for h in hits)
    assert "21.34.56.78" in text and "anne.madsen@nordby.dk" in text


def test_the_calendar_feed_is_masked_before_folding(site: tuple[TestClient, SessionFactory, int]) -> None:
    client, _, _ = site
    r = client.get("/feeds/kalender.ics")
    assert r.status_code == 200
    assert r.text.count("BEGIN:VEVENT") == 25  # the meeting and its 24 deadlines
    _assert_masked("/feeds/kalender.ics", r.text)
    assert "[telefon]" in _readable(r.text) and "[e-mail]" in _readable(r.text)


def test_members_get_the_calendar_as_written(site: tuple[TestClient, SessionFactory, int]) -> None:
    client, _, _ = site
    _login(client)
    text = _readable(client.get("/feeds/kalender.ics").text)
    assert "21.34.56.78" in text and "anne.madsen@nordby.dk" in text


def test_version_pages_are_masked_before_the_layout(site: tuple[TestClient, SessionFactory, int]) -> None:
    """The nowrap span of the HTML layout ('tlf. 21 34 <span class="nw">56 78.</span>') must find the
    number masked already."""
    client, _, mid = site
    r = client.get(f"/moeder/{mid}/version/1")
    assert r.status_code == 200
    assert "genindlæggelser" in r.text
    _assert_masked(f"/moeder/{mid}/version/1", r.text)
    _login(client)
    assert "21 34 56 78" in _readable(client.get(f"/moeder/{mid}/version/1").text)


def _docx_bytes(text: str) -> bytes:
    """A minimal DOCX whose one paragraph splits the phone number over two runs."""
    import io
    import zipfile

    head, tail = text.split("56 78", 1)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">'
        f"{head}</w:t></w:r><w:r><w:t>56 78{tail}</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", body)
    return out.getvalue()


def _set_original(factory: SessionFactory, mid: int, raw: bytes, fmt: str, name: str, text: str) -> None:
    """Give the meeting an original file; its items open (only personal data may stand in the way)."""
    import hashlib

    with factory.begin() as s:
        meeting = s.get(t.Meeting, mid)
        assert meeting is not None
        doc = t.Document(
            sha256=hashlib.sha256(raw).hexdigest(),
            filename=name,
            format=fmt,
            size=len(raw),
            content=raw,
            text=text,
        )
        s.add(doc)
        s.flush()
        meeting.document_id = doc.id
        for item in meeting.items:
            item.confidential = False


@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_the_public_never_gets_an_original_with_personal_data(
    site: tuple[TestClient, SessionFactory, int], fmt: str
) -> None:
    """Issue 22, finding 6: the public gets the public edition, masked, in the original's stead."""
    client, factory, mid = site
    raw = _docx_bytes("Kontakt tlf. 21 34 56 78.") if fmt == "docx" else CASE_TEXT.encode()
    name = f"referat.{'docx' if fmt == 'docx' else 'txt'}"
    # A DOCX whose reader text missed the number: the file itself is checked.
    _set_original(factory, mid, raw, fmt, name, "" if fmt == "docx" else CASE_TEXT)
    page = client.get(f"/moeder/{mid}").text
    assert "indeholder personoplysninger" in page and "Hent den offentlige udgave" in page
    r = client.get(f"/moeder/{mid}/original")
    assert r.status_code == 200
    assert "offentlig-udgave" in r.headers["content-disposition"]
    assert r.content != raw
    from klynge.read import read_document

    name = "x.docx" if fmt == "docx" else "x.md"
    shown = read_document(r.content, name).text
    _assert_masked("original", shown)
    _assert_masked("original", r.content.decode("utf-8", errors="replace"))
    assert "[telefon]" in shown and "genindlæggelser" in shown.casefold()
    _login(client)
    assert client.get(f"/moeder/{mid}/original").content == raw
    assert "Hent originalfilen" in client.get(f"/moeder/{mid}").text


def test_an_original_without_personal_data_is_served_as_it_is(
    site: tuple[TestClient, SessionFactory, int],
) -> None:
    client, factory, mid = site
    raw = "Referat uden personoplysninger. Mødet 18.04.2024 kl. 9.30.".encode()
    _set_original(factory, mid, raw, "text", "referat.txt", raw.decode())
    r = client.get(f"/moeder/{mid}/original")
    assert r.status_code == 200 and r.content == raw
    assert "Hent originalfilen" in client.get(f"/moeder/{mid}").text


def test_the_source_view_never_cuts_a_number_off_its_mask(
    site: tuple[TestClient, SessionFactory, int],
) -> None:
    """The source excerpt puts <mark> around a field's span and cuts a window: a span that starts
    or ends inside a number (the reader's offsets are not word-aligned) must not split it."""
    client, factory, mid = site
    text = "Referat.\nKontakt tlf. 21 34 56 78 eller anne.madsen@nordby.dk, CPR 010203 1234. Slut."
    _set_original(factory, mid, text.encode(), "text", "referat.txt", text)
    with factory.begin() as s:
        item = s.scalars(select(t.Item).where(t.Item.meeting_id == mid, t.Item.number == "2")).one()
        section = item.sections[0]
        section.span_start = text.index("56 78")  # inside the phone number ...
        section.span_end = text.index("1234")  # ... and inside the CPR number
        section.span_page = None
        item_id, key = item.id, f"section-{section.id}"
    r = client.get(f"/punkter/{item_id}/kilde", params={"kilde": key})
    assert r.status_code == 200 and "<mark" in r.text
    _assert_masked("kilde", r.text)
    assert "56 78" not in _readable(r.text) and "1234" not in _readable(r.text)
    assert "[telefon]" in r.text and "[e-mail]" in r.text
