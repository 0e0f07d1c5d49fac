"""OParl 1.1 objects built from store rows. Mapping:

    System        the Klynge installation
    Body          one: the archive (all clusters and fora)
    Organization  a forum (organizationType "Gremium") as f<id>; an organisation (municipality,
                  region, hospital) as o<id>
    Person        a person seen in meetings; Membership = attended forum F for organisation O
    Meeting       a meeting; AgendaItem = an item; File = the meeting's original document
Paper and Consultation are left out: the archive has no papers (Vorlagen) to map.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from klynge.model import SectionKind
from klynge.store.tables import Document, Forum, Item, Meeting, Organisation, Participation, Person
from klynge.web.queries.oparl import MembershipRow

SPEC = "https://schema.oparl.org/1.1/"
try:
    LOCAL: dt.tzinfo = ZoneInfo("Europe/Copenhagen")
except ZoneInfoNotFoundError:  # pragma: no cover - systems without tz data
    LOCAL = dt.UTC
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "markdown": "text/markdown",
    "text": "text/plain",
}
JSON = dict[str, Any]


def kind(name: str) -> str:
    return SPEC + name


def stamp(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds")


def _clock(date: dt.date | None, text: str | None) -> str | None:
    """'2024-03-05' + '9.30' -> '2024-03-05T09:30:00+01:00' (Danish local time), else None."""
    if date is None or not text:
        return None
    m = re.match(r"\s*(\d{1,2})[.:](\d{2})", text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return dt.datetime(
        date.year, date.month, date.day, int(m.group(1)), int(m.group(2)), tzinfo=LOCAL
    ).isoformat()


def clean(obj: JSON) -> JSON:
    """Drop None values: OParl leaves out what it does not know."""
    return {k: v for k, v in obj.items() if v is not None}


class Urls:
    """Every OParl URL, from one base (…/oparl/v1)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.site = self.base.rsplit("/oparl/", 1)[0]

    def __call__(self, *parts: object) -> str:
        return "/".join([self.base, *(str(p) for p in parts)])


def system(u: Urls) -> JSON:
    return {
        "id": u("system"),
        "type": kind("System"),
        "oparlVersion": SPEC,
        "body": u("bodies"),
        "name": "Klynge",
        "website": u.site + "/",
        "product": "https://github.com/klynge/klynge",
        "web": u.site + "/",
    }


def body(u: Urls, created: dt.datetime | None, modified: dt.datetime | None) -> JSON:
    return clean(
        {
            "id": u("body", 1),
            "type": kind("Body"),
            "system": u("system"),
            "name": "Klynge-arkivet",
            "shortName": "Klynge",
            "website": u.site + "/",
            "organization": u("body", 1, "organizations"),
            "person": u("body", 1, "people"),
            "meeting": u("body", 1, "meetings"),
            "paper": u("body", 1, "papers"),
            "membership": u("body", 1, "memberships"),
            "legislativeTerm": [],
            "classification": "Sundhedsklynger",
            "created": stamp(created),
            "modified": stamp(modified),
            "web": u.site + "/",
        }
    )


def forum(u: Urls, f: Forum) -> JSON:
    return {
        "id": u("organization", f"f{f.id}"),
        "type": kind("Organization"),
        "body": u("body", 1),
        "name": f.name,
        "organizationType": "Gremium",
        "classification": "Forum",
        "meeting": u("organization", f"f{f.id}", "meetings"),
        "created": stamp(f.created_at),
        "modified": stamp(f.updated_at),
        "web": u.site + "/moeder?forum=" + _q(f.name),
    }


def organisation(u: Urls, o: Organisation) -> JSON:
    return {
        "id": u("organization", f"o{o.id}"),
        "type": kind("Organization"),
        "body": u("body", 1),
        "name": o.name,
        "organizationType": "sonstiges",
        "classification": "Organisation",
        "created": stamp(o.created_at),
        "modified": stamp(o.updated_at),
        "web": f"{u.site}/organisationer/{o.id}",
    }


def membership(u: Urls, m: MembershipRow) -> JSON:
    return clean(
        {
            "id": u("membership", m.key),
            "type": kind("Membership"),
            "person": u("person", m.person_id),
            "organization": u("organization", f"f{m.forum_id}"),
            "onBehalfOf": u("organization", f"o{m.organisation_id}") if m.organisation_id else None,
            "role": m.role,
            "startDate": m.first.isoformat() if m.first else None,
            "endDate": m.last.isoformat() if m.last else None,
        }
    )


def person(u: Urls, p: Person, memberships: list[MembershipRow]) -> JSON:
    return {
        "id": u("person", p.id),
        "type": kind("Person"),
        "body": u("body", 1),
        "name": p.name,
        "membership": [membership(u, m) for m in memberships],
        "created": stamp(p.created_at),
        "modified": stamp(p.updated_at),
        "web": f"{u.site}/personer/{p.id}",
    }


def file(u: Urls, d: Document, meeting_id: int) -> JSON:
    return clean(
        {
            "id": u("file", d.id),
            "type": kind("File"),
            "name": d.filename,
            "fileName": d.filename,
            "mimeType": MIME.get(d.format, "application/octet-stream"),
            "size": d.size,
            "accessUrl": f"{u.site}/moeder/{meeting_id}/original",
            "downloadUrl": f"{u.site}/moeder/{meeting_id}/original",
            "meeting": [u("meeting", meeting_id)],
            "created": stamp(d.created_at),
            "modified": stamp(d.created_at),
        }
    )


def agenda_item(u: Urls, it: Item, date: dt.date | None) -> JSON:
    decision = "\n\n".join(s.text for s in it.sections if s.kind == SectionKind.DECISION and s.text.strip())
    return clean(
        {
            "id": u("agendaitem", it.id),
            "type": kind("AgendaItem"),
            "meeting": u("meeting", it.meeting_id),
            "number": it.number,
            "order": it.position,
            "name": it.title,
            "public": not it.confidential,
            "resolutionText": decision or None,
            "start": _clock(date, it.time_start),
            "end": _clock(date, it.time_end),
            "created": stamp(it.created_at),
            "modified": stamp(it.updated_at),
            "web": f"{u.site}/punkter/{it.id}",
        }
    )


def meeting(u: Urls, m: Meeting, items: list[Item], participants: list[Participation]) -> JSON:
    doc = m.document
    return clean(
        {
            "id": u("meeting", m.id),
            "type": kind("Meeting"),
            "name": m.title or (f"Møde i {m.forum.name}" if m.forum else "Møde"),
            "meetingState": "completed" if m.date and m.date < dt.date.today() else "scheduled",
            "cancelled": False,
            "start": _clock(m.date, m.start) or (f"{m.date.isoformat()}T00:00:00+00:00" if m.date else None),
            "end": _clock(m.date, m.end),
            "location": (
                {"id": u("location", f"m{m.id}"), "type": kind("Location"), "description": m.location}
                if m.location
                else None
            ),
            "organization": [u("organization", f"f{m.forum_id}")] if m.forum_id else [],
            "participant": [u("person", p.person_id) for p in participants if not p.absent],
            "auxiliaryFile": [file(u, doc, m.id)] if doc is not None else None,
            "agendaItem": [agenda_item(u, it, m.date) for it in items],
            "created": stamp(m.created_at),
            "modified": stamp(m.updated_at),
            "web": f"{u.site}/moeder/{m.id}",
        }
    )


def _q(text: str) -> str:
    from urllib.parse import quote

    return quote(text)
