"""Danish dates and periods in follow-up prose, resolved no further than the text supports.

"den 23. februar 2024" is a day; "primo 2024" the first ten days of 2024; "i efteråret 2021"
September to November; "uge 4" a week; "23. februar" takes its year from the meeting (the nearest
such day after it); "næste møde" becomes the forum's next announced meeting when one is known.
Vague phrases ("hurtigst muligt") are kept as written with no dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from klynge.model import DueDate
from klynge.segment.meeting import MONTHS

# Month names and abbreviations, as the meeting header reads them.
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+)?"
SEASONS = {"forår": (3, 5), "sommer": (6, 8), "efterår": (9, 11), "vinter": (12, 2)}

_DAY = re.compile(rf"\b{_WEEKDAY}(?:den\s+)?(\d{{1,2}})\.\s*({_M})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?\b")
_PMU = re.compile(rf"\b(primo|medio|ultimo)\s+({_M}|\d{{4}})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_SEASON = re.compile(
    r"\b(?:i\s+|til\s+)?(forår|sommer|efterår|vinter)(?:et|en)?(?:\s+(\d{4}))?\b", re.IGNORECASE
)
_WEEK = re.compile(r"\buge\s+(\d{1,2})(?:\s+(\d{4}))?\b", re.IGNORECASE)
_QUARTER = re.compile(r"\b([1-4])\.\s*kvartal(?:\s+(\d{4}))?\b", re.IGNORECASE)
_HALF = re.compile(r"\b([12])\.\s*halvår(?:\s+(\d{4}))?\b", re.IGNORECASE)
_MONTH = re.compile(rf"\bi\s+({_M})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_NEXT_MEETING = re.compile(
    r"\b(?:på\s+)?(?:det\s+)?næste\s+(?:møde|klyngestyregruppemøde|styregruppemøde)\b", re.IGNORECASE
)
_VAGUE = re.compile(
    r"\b((?:inden|før|efter)\s+(?:sommerferien|juleferien|efterårsferien|vinterferien|påske(?:n)?|jul(?:en)?)|"
    r"hurtigst muligt|snarest(?: muligt)?|løbende|i den nærmeste fremtid)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"\b(?:senest|inden|før|frist|deadline|til|i løbet af|ved udgangen af)\s*:?\s*$", re.IGNORECASE
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(written: str | None, month: int, day: int, meeting: dt.date | None) -> int | None:
    """The written year, else the first such day on or after the meeting date."""
    if written:
        y = int(written)
        return y + 2000 if y < 100 else y
    if meeting is None:
        return None
    try:
        candidate = dt.date(meeting.year, month, day)
    except ValueError:
        return None
    return meeting.year if candidate >= meeting else meeting.year + 1


def _phrase(text: str, start: int, end: int) -> str:
    before = text[:start]
    lead = _LEAD.search(before)
    if lead:
        start = lead.start()
    return " ".join(text[start:end].split())


def find_due(
    text: str, meeting: dt.date | None = None, next_meeting: dt.date | None = None
) -> DueDate | None:
    """The first due date or period in `text`, or None."""
    found: list[tuple[int, DueDate]] = []
    y: int | None
    for m in _DAY.finditer(text):
        day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
        year = _year(m.group(3), month, day, meeting)
        phrase = _phrase(text, m.start(), m.end())
        try:
            d = dt.date(year, month, day) if year else None
        except ValueError:
            d = None
        found.append((m.start(), DueDate(phrase, d, d)))
    for m in _NUMERIC.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= month <= 12 and 1 <= day <= 31) or (
            m.group(3) is None and "." not in m.group(0) and "/" not in m.group(0)
        ):
            continue
        year = _year(m.group(3), month, day, meeting)
        try:
            d = dt.date(year, month, day) if year else None
        except ValueError:
            continue
        found.append((m.start(), DueDate(_phrase(text, m.start(), m.end()), d, d)))
    for m in _PMU.finditer(text):
        part, what, y2 = m.group(1).lower(), m.group(2).lower(), m.group(3)
        if what.isdigit():
            y = int(what)
            ranges = {"primo": (dt.date(y, 1, 1), _month_end(y, 2)), "medio": (dt.date(y, 5, 1), dt.date(y, 8, 31)),
                      "ultimo": (dt.date(y, 11, 1), dt.date(y, 12, 31))}  # fmt: skip
            start, end = ranges[part]
        else:
            month = MONTHS[what]
            y = int(y2) if y2 else (_year(None, month, 1, meeting) if meeting else None)
            if y is None:
                found.append((m.start(), DueDate(_phrase(text, m.start(), m.end()))))
                continue
            last = _month_end(y, month).day
            bounds = {"primo": (1, 10), "medio": (11, 20), "ultimo": (21, last)}[part]
            start, end = dt.date(y, month, bounds[0]), dt.date(y, month, bounds[1])
        found.append((m.start(), DueDate(_phrase(text, m.start(), m.end()), start, end)))
    for m in _SEASON.finditer(text):
        season = m.group(1).lower()
        first, last = SEASONS[season]
        y = int(m.group(2)) if m.group(2) else None
        if y is None and meeting is not None:
            y = (
                meeting.year
                if _month_end(meeting.year, last if last >= first else 12) >= meeting
                else meeting.year + 1
            )
        phrase = " ".join(m.group(0).split())
        if y is None:
            found.append((m.start(), DueDate(phrase)))
            continue
        start = dt.date(y, first, 1)
        end = _month_end(y + 1 if last < first else y, last)
        found.append((m.start(), DueDate(phrase, start, end)))
    for m in _WEEK.finditer(text):
        week = int(m.group(1))
        y = int(m.group(2)) if m.group(2) else (meeting.year if meeting else None)
        if y is None or not 1 <= week <= 53:
            found.append((m.start(), DueDate(m.group(0))))
            continue
        try:
            start = dt.date.fromisocalendar(y, week, 1)
        except ValueError:
            continue
        if meeting and not m.group(2) and start < meeting:
            start = dt.date.fromisocalendar(y + 1, week, 1)
        found.append(
            (m.start(), DueDate(_phrase(text, m.start(), m.end()), start, start + dt.timedelta(days=6)))
        )
    for rx, size in ((_QUARTER, 3), (_HALF, 6)):
        for m in rx.finditer(text):
            n = int(m.group(1))
            y = int(m.group(2)) if m.group(2) else (meeting.year if meeting else None)
            if y is None:
                found.append((m.start(), DueDate(m.group(0))))
                continue
            first = (n - 1) * size + 1
            found.append(
                (m.start(), DueDate(m.group(0), dt.date(y, first, 1), _month_end(y, first + size - 1)))
            )
    for m in _MONTH.finditer(text):
        month = MONTHS[m.group(1).lower()]
        if m.group(1).lower() in {"mar", "maj"} and not m.group(2) and m.group(1) != "maj":
            continue
        y = int(m.group(2)) if m.group(2) else _year(None, month, 28, meeting)
        phrase = " ".join(m.group(0).split())
        if y is None:
            found.append((m.start(), DueDate(phrase)))
            continue
        found.append((m.start(), DueDate(phrase, dt.date(y, month, 1), _month_end(y, month))))
    for m in _NEXT_MEETING.finditer(text):
        phrase = " ".join(m.group(0).split())
        found.append((m.start(), DueDate(phrase, next_meeting, next_meeting)))
    for m in _VAGUE.finditer(text):
        found.append((m.start(), DueDate(m.group(1)[0].upper() + m.group(1)[1:])))
    if not found:
        return None
    # The most precise of the phrases at the earliest position.
    found.sort(key=lambda f: (f[0], f[1].start is None))
    return found[0][1]
