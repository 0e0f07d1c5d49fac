"""OParl 1.1: every object validates against the spec's schemas; lists paginate and filter by time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from oparl_validate import errors
from webarchive import SECRET, UNPUBLISHED, Archive, TestClient

BASE = "http://testserver/oparl/v1"


def valid(kind: str, obj: dict[str, Any]) -> None:
    problems = errors(kind, obj)
    assert not problems, problems


def test_validator_catches_bad_objects() -> None:
    assert errors("Meeting", {"id": "ikke-en-url", "type": "https://schema.oparl.org/1.1/Meeting"})
    assert errors(
        "AgendaItem", {"id": f"{BASE}/agendaitem/1", "type": "https://schema.oparl.org/1.1/AgendaItem"}
    )
    assert errors(
        "File",
        {
            "id": f"{BASE}/file/1",
            "type": "https://schema.oparl.org/1.1/File",
            "accessUrl": "x",
            "created": "2024-01-01T00:00:00",
        },
    )


def test_system_and_body(client: TestClient) -> None:
    system = client.get("/oparl/v1/system").json()
    valid("System", system)
    bodies = client.get(system["body"]).json()
    assert bodies["pagination"]["totalElements"] == 1
    body = bodies["data"][0]
    valid("Body", body)
    assert client.get(body["id"]).json() == body
    for key in ("organization", "person", "meeting", "paper", "membership"):
        listing = client.get(body[key]).json()
        assert set(listing) >= {"data", "pagination", "links"}, key


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("organization", "Organization"),
        ("person", "Person"),
        ("meeting", "Meeting"),
        ("membership", "Membership"),
    ],
)
def test_lists_and_objects_validate(client: TestClient, key: str, kind: str) -> None:
    listing = client.get(f"/oparl/v1/body/1/{key}s" if key != "person" else "/oparl/v1/body/1/people").json()
    assert listing["data"]
    for obj in listing["data"]:
        valid(kind, obj)
        fetched = client.get(obj["id"])
        assert fetched.status_code == 200, obj["id"]
        valid(kind, fetched.json())
        if kind == "Meeting":
            for item in obj["agendaItem"]:
                valid("AgendaItem", item)
                valid("AgendaItem", client.get(item["id"]).json())
            for f in obj.get("auxiliaryFile", []):
                valid("File", f)
                valid("File", client.get(f["id"]).json())
            if "location" in obj:
                valid("Location", obj["location"])
        if kind == "Person":
            for m in obj["membership"]:
                valid("Membership", m)


def test_pagination(client: TestClient) -> None:
    page1 = client.get("/oparl/v1/body/1/meetings", params={"limit": 2}).json()
    assert page1["pagination"] == {
        "totalElements": 3,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert "prev" not in page1["links"] and page1["links"]["next"]
    page2 = client.get(page1["links"]["next"]).json()
    assert len(page2["data"]) == 1 and "next" not in page2["links"] and page2["links"]["prev"]
    ids = {m["id"] for m in page1["data"] + page2["data"]}
    assert len(ids) == 3


def test_created_and_modified_filters(client: TestClient) -> None:
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    past = "2000-01-01T00:00:00+00:00"
    assert client.get("/oparl/v1/body/1/meetings", params={"created_since": future}).json()["data"] == []
    assert len(client.get("/oparl/v1/body/1/meetings", params={"modified_since": past}).json()["data"]) == 3
    assert client.get("/oparl/v1/body/1/people", params={"modified_since": future}).json()["data"] == []
    assert client.get("/oparl/v1/body/1/meetings", params={"created_until": past}).json()["data"] == []
    bad = client.get("/oparl/v1/body/1/meetings", params={"created_since": "i går"})
    assert bad.status_code == 422 and bad.json()["ok"] is False


def test_public_oparl_hides_closed_and_unpublished(client: TestClient, archive: Archive) -> None:
    everything = "".join(
        client.get(path).text
        for path in (
            "/oparl/v1/body/1/meetings?limit=500",
            "/oparl/v1/body/1/organizations",
            "/oparl/v1/body/1/people",
            "/oparl/v1/body/1/memberships",
        )
    )
    assert SECRET not in everything and UNPUBLISHED not in everything
    assert client.get(f"/oparl/v1/meeting/{archive.meetings['draft']}").status_code == 404
