"""REST API: list shape and pagination, one search with the CLI, writes, OpenAPI."""

from __future__ import annotations

from sqlalchemy import select
from webarchive import SECRET, UNPUBLISHED, Archive, TestClient

from klynge.index.search import search
from klynge.store.tables import Action, ActionEvent


def test_meetings_list_and_pagination(client: TestClient, archive: Archive) -> None:
    first = client.get("/api/meetings", params={"per_page": 2}).json()
    assert first["total"] == 3 and len(first["data"]) == 2 and first["page"] == 1
    assert first["next"] and first["links"]["next"] == first["next"] and first["links"]["prev"] is None
    second = client.get(first["next"]).json()
    assert len(second["data"]) == 1 and second["next"] is None
    ids = [m["id"] for m in first["data"] + second["data"]]
    assert sorted(ids) == sorted(v for k, v in archive.meetings.items() if k != "draft")
    assert first["data"][0]["date"] == "2025-02-06"  # newest first
    syd = client.get("/api/meetings", params={"forum": "Sydklyngen Sundhedsstyregruppe"}).json()
    assert [m["id"] for m in syd["data"]] == [archive.meetings["syd"]]


def test_meeting_item_and_lists(client: TestClient, archive: Archive) -> None:
    d = client.get(f"/api/meetings/{archive.meetings['nord']}").json()["data"]
    assert d["meeting"]["forum"] == "Klyngestyregruppen Nordklyngen"
    assert [i["number"] for i in d["items"]] == ["1", "2"]
    assert any(p["absent"] and p["name"] == "Sofie Holm" for p in d["participants"])
    item = d["items"][1]
    one = client.get(f"/api/items/{item['id']}").json()["data"]
    assert one["title"] == "Status på fælles akutteam" and one["meeting"]["id"] == archive.meetings["nord"]
    src = client.get(f"/api/items/{item['id']}/source", params={"field": "case_number"}).json()["data"]
    assert src["marked"] == "1-52-100-22-09"
    assert client.get(f"/api/items/{item['id']}/related").json()["data"]
    for path in (
        "/api/decisions",
        "/api/actions?status=open",
        "/api/people",
        "/api/organisations",
        "/api/imports",
    ):
        body = client.get(path).json()
        assert body["data"] and body["total"] >= len(body["data"]), path


def test_search_is_the_cli_search(client: TestClient, archive: Archive) -> None:
    body = client.get("/api/search", params={"q": "akutteam", "per_page": 5}).json()
    with archive.factory() as s:
        expected = search(s, "akutteam", per_page=5).as_json()
    assert body == expected
    assert body["total"] >= 3 and {
        "meeting_id",
        "item_id",
        "item_number",
        "title",
        "section",
        "snippet",
        "date",
        "forum",
    } <= set(body["hits"][0])
    narrowed = client.get(
        "/api/search", params={"q": "akutteam", "forum": "Sydklyngen Sundhedsstyregruppe"}
    ).json()
    assert narrowed["hits"] and {h["forum"] for h in narrowed["hits"]} == {"Sydklyngen Sundhedsstyregruppe"}
    bad = client.get("/api/search", params={"q": ""})
    assert bad.status_code == 422 and bad.json()["ok"] is False
    assert client.get("/api/search", params={"q": SECRET}).json()["total"] == 0
    assert client.get("/api/search", params={"q": UNPUBLISHED}).json()["total"] == 0


def test_action_status_via_api(client: TestClient, archive: Archive) -> None:
    with archive.factory() as s:
        action_id = s.scalars(select(Action.id).where(Action.meeting_id == archive.meetings["nord2"])).first()
    r = client.post(f"/api/actions/{action_id}/status", json={"status": "done", "note": "klaret"})
    assert r.status_code == 200 and r.json()["data"]["status"] == "done"
    with archive.factory() as s:
        assert s.scalars(select(ActionEvent.note).where(ActionEvent.action_id == action_id)).one() == "klaret"
    bad = client.post(f"/api/actions/{action_id}/status", json={"status": "halvvejs"})
    assert bad.status_code == 422 and "ukendt status" in bad.json()["error"]


def test_upload_via_api(client: TestClient) -> None:
    r = client.post(
        "/api/upload", files=[("files", ("kaput.docx", b"PK\x03\x04 not a zip", "application/zip"))]
    )
    body = r.json()
    assert r.status_code == 200 and body["ok"] is False and body["run_id"]
    assert body["files"][0]["outcome"] == "failed" and "kaput.docx" in body["files"][0]["message"]
    runs = client.get("/api/imports").json()["data"]
    assert any(f["name"] == "kaput.docx" and not f["ok"] for run in runs for f in run["files"])
    assert client.post("/api/upload").status_code == 422


def test_openapi_lists_the_api(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    paths = set(doc["paths"])
    for path in (
        "/api/meetings",
        "/api/search",
        "/api/upload",
        "/api/actions/{action_id}/status",
        "/oparl/v1/system",
        "/oparl/v1/body/{body_id}/meetings",
    ):
        assert path in paths
    assert not any(p in paths for p in ("/", "/moeder", "/soeg"))
