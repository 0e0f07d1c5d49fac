"""Issue 22 (smaller): downloads of closed material by those allowed leave an audit row naming who and
what: the original file of a meeting with closed items, an attachment of a closed item, an export
with closed items. Downloads of open material, and refused ones, leave none."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from builders import written_meeting
from sqlalchemy import select
from webarchive import Archive, TestClient, load_archive

from klynge.interchange import from_interchange
from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.db import engine_of
from klynge.web.app import create_app

PASSWORD = "en lang og god adgangskode"
FORUM = "Klyngestyregruppen Nordklyngen"


@pytest.fixture
def site(db_url: str, sample: Callable[..., tuple[bytes, object]]) -> Iterator[tuple[Archive, TestClient]]:
    archive = load_archive(db_url, sample)
    accounts.add_user(archive.factory, "medlem", PASSWORD, "member", fora=[FORUM])
    app = create_app(db_url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield archive, client
    app.state.engine.dispose()
    engine_of(archive.factory).dispose()


def _downloads(archive: Archive) -> list[tuple[str | None, str, str | None, dict[str, object]]]:
    with archive.factory() as s:
        rows = s.scalars(select(t.Audit).where(t.Audit.action.like("download.%")).order_by(t.Audit.id)).all()
        return [(r.actor, r.action, r.target, dict(r.detail)) for r in rows]


def _login(client: TestClient) -> TestClient:
    c = TestClient(client.app)
    c.get("/login")
    r = c.post(
        "/login", data={"username": "medlem", "password": PASSWORD, "csrf": c.cookies.get("klynge_csrf")}
    )
    assert r.status_code == 200
    return c


def test_the_original_of_a_meeting_with_closed_items_is_audited(site: tuple[Archive, TestClient]) -> None:
    archive, client = site
    nord = archive.meetings["nord"]
    assert client.get(f"/moeder/{nord}/original").status_code == 403  # the public: refused, no row
    assert _downloads(archive) == []
    member = _login(client)
    r = member.get(f"/moeder/{nord}/original")
    assert r.status_code == 200 and r.content
    [(actor, action, target, detail)] = _downloads(archive)
    assert (actor, action, target) == ("medlem", "download.original", f"møde {nord}")
    assert detail["file"] == "referat-nord-2024.txt"


def test_an_attachment_of_a_closed_item_is_audited(site: tuple[Archive, TestClient]) -> None:
    archive, client = site
    factory = archive.factory
    data = written_meeting()
    data["meeting"]["forum"] = FORUM
    mid = lifecycle.create_meeting(factory, lifecycle.prepared(from_interchange(data), True), by="s")
    with factory() as s:
        items = {i.number: i.id for i in s.scalars(select(t.Item).where(t.Item.meeting_id == mid))}
    closed = lifecycle.attach_file(factory, items["3"], "Personalesag.pdf", b"%PDF-1.4 lukket", by="s")
    open_ = lifecycle.attach_file(factory, items["2"], "Budget.pdf", b"%PDF-1.4 aabent", by="s")
    lifecycle.publish(factory, mid, by="s")
    assert client.get(f"/bilag/{closed}").status_code == 404
    assert client.get(f"/bilag/{open_}").content == b"%PDF-1.4 aabent"
    assert _downloads(archive) == []  # refused, or open material: no row
    member = _login(client)
    assert member.get(f"/bilag/{closed}").content == b"%PDF-1.4 lukket"
    [(actor, action, target, detail)] = _downloads(archive)
    assert (actor, action, target) == ("medlem", "download.attachment", f"bilag {closed}")
    assert detail["file"] == "Personalesag.pdf" and detail["meeting"] == mid


def test_an_export_with_closed_items_is_audited(site: tuple[Archive, TestClient], tmp_path: Path) -> None:
    from klynge.cli.export import export

    archive, _client = site
    nord = archive.meetings["nord"]
    export(nord, "md", tmp_path / "offentlig.md", None, True, archive.url)
    assert _downloads(archive) == []
    export(nord, "md", tmp_path / "fuld.md", None, False, archive.url)
    [(actor, action, target, detail)] = _downloads(archive)
    assert actor and (action, target) == ("download.export", f"møde {nord}")
    assert detail == {"format": "md", "file": str(tmp_path / "fuld.md")}


def test_an_attachment_with_personal_data_is_not_given_to_the_public(
    site: tuple[Archive, TestClient],
) -> None:
    """Issue 22: the public never receives unmasked bytes, attachments included."""
    archive, client = site
    factory = archive.factory
    data = written_meeting()
    data["meeting"]["forum"] = FORUM
    mid = lifecycle.create_meeting(factory, lifecycle.prepared(from_interchange(data), True), by="s")
    with factory() as s:
        item = s.scalar(select(t.Item.id).where(t.Item.meeting_id == mid, t.Item.number == "2"))
    assert item is not None
    note = "Kontakt Anne Madsen på tlf. 21 34 56 78 eller anne.madsen@nordby.dk.".encode()
    with_phone = lifecycle.attach_file(factory, item, "Kontakter.txt", note, by="s")
    lifecycle.publish(factory, mid, by="s")
    refused = client.get(f"/bilag/{with_phone}")
    assert (
        refused.status_code == 403 and "21 34 56 78" not in refused.text and "nordby.dk" not in refused.text
    )
    assert _login(client).get(f"/bilag/{with_phone}").content == note
