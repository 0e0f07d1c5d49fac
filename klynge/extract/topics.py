"""The forward agenda: topics listed for coming meetings and the forum's announced meeting dates."""

from __future__ import annotations

import re

from klynge.model import ForwardTopic, Item, Meeting, MeetingInfo, SectionKind
from klynge.segment.meeting import parse_date

_FORWARD_TITLE = re.compile(
    r"\b(?:kommende\s+(?:møder|emner|punkter|klyngestyregruppemøder|dagsordener)|næste\s+møde|bruttoliste|"
    r"punkter til (?:kommende|næste)|forslag til (?:kommende|nye) emner|årshjul|mødeplan)\b",
    re.IGNORECASE,
)
_ANNOUNCED = re.compile(
    r"\b(?:næste\s+møde|mødedatoer|mødeplan|kommende\s+møder?)\b[^:]*:?\s*(?P<rest>.*)$", re.IGNORECASE
)
_TIME = re.compile(
    r"\bkl\.?\s*(\d{1,2})(?:[.:](\d{2}))?(?:\s*[-–]\s*(\d{1,2})(?:[.:](\d{2}))?)?", re.IGNORECASE
)


def forward_topics(item: Item) -> list[ForwardTopic]:
    if not _FORWARD_TITLE.search(item.title):
        return []
    out: list[ForwardTopic] = []
    for section in item.sections:
        if section.kind not in (SectionKind.CASE_TEXT, SectionKind.MINUTES, SectionKind.RECOMMENDATION):
            continue
        for line in section.text.split("\n"):
            if line.startswith("- ") and len(line) > 4:
                out.append(ForwardTopic(line[2:].strip(), item.number, section.span))
    return out


def announced_meetings(meeting: Meeting) -> list[MeetingInfo]:
    """ "Næste møde: 12. marts 2024 kl. 9-11, Viborg" and "Mødedatoer 2022: …" lines."""
    found: list[MeetingInfo] = []
    reference = meeting.meeting.date
    for item in meeting.items:
        for section in item.sections:
            for line in section.text.split("\n"):
                # Every phrase of _ANNOUNCED has "møde" (no letter of it has an odd case-insensitive match).
                m = _ANNOUNCED.search(line) if "møde" in line.lower() else None
                if not m:
                    continue
                for part in re.split(r";|\s+og\s+|,\s+(?=\d)", m.group("rest")):
                    date = parse_date(part, reference)
                    if date is None or (reference and date <= reference):
                        continue
                    t = _TIME.search(part)
                    start = f"{int(t.group(1)):02d}:{t.group(2) or '00'}" if t else None
                    end = f"{int(t.group(3)):02d}:{t.group(4) or '00'}" if t and t.group(3) else None
                    found.append(MeetingInfo(forum=meeting.meeting.forum, date=date, start=start, end=end))
    unique = {(m.date, m.start): m for m in found}
    return sorted(unique.values(), key=lambda m: (m.date or reference, m.start or ""))
