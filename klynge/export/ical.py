"""An iCalendar (RFC 5545) feed of meetings and action deadlines, for Outlook or any calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarMeeting:
    id: int
    forum: str
    date: dt.date
    start: str | None = None
    end: str | None = None
    location: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class CalendarDeadline:
    id: int
    owner: str
    task: str
    start: dt.date
    end: dt.date
    phrase: str | None = None
    forum: str = ""
    done: bool = False


def _at(day: dt.date, hhmm: str | None) -> dt.datetime | None:
    if not hhmm:
        return None
    try:
        hour, minute = (int(x) for x in hhmm.replace(".", ":").split(":")[:2])
        return dt.datetime(day.year, day.month, day.day, hour, minute)
    except ValueError:
        return None


def calendar(
    meetings: Iterable[CalendarMeeting], deadlines: Iterable[CalendarDeadline], *, domain: str = "klynge"
) -> bytes:
    """Meetings as timed events (all-day when no time is known); deadlines as all-day events."""
    cal = Calendar()
    cal.add("prodid", "-//Klynge//Møder og handlinger//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Klynge: møder og frister")
    stamp = dt.datetime.now(dt.UTC)
    for m in meetings:
        ev = Event()
        ev.add("uid", f"meeting-{m.id}@{domain}")
        ev.add("dtstamp", stamp)
        ev.add("summary", m.title or f"Møde i {m.forum}")
        start, end = _at(m.date, m.start), _at(m.date, m.end)
        if start:
            ev.add("dtstart", start)
            ev.add("dtend", end if end and end > start else start + dt.timedelta(hours=2))
        else:
            ev.add("dtstart", m.date)
            ev.add("dtend", m.date + dt.timedelta(days=1))
        if m.location:
            ev.add("location", m.location)
        ev.add("categories", [m.forum] if m.forum else ["Møde"])
        cal.add_component(ev)
    for d in deadlines:
        ev = Event()
        ev.add("uid", f"action-{d.id}@{domain}")
        ev.add("dtstamp", stamp)
        prefix = "Udført: " if d.done else "Frist: "
        ev.add("summary", f"{prefix}{d.owner}: {d.task}"[:250])
        ev.add("dtstart", d.end)
        ev.add("dtend", d.end + dt.timedelta(days=1))
        note = f"Frist som skrevet: {d.phrase}" if d.phrase else ""
        ev.add("description", "\n".join(x for x in [d.task, note, d.forum] if x))
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return bytes(cal.to_ical())
