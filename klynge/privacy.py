"""Personal data in minutes text: e-mail addresses, Danish phone numbers and CPR-like numbers.

    mask_personal("Kontakt Jens på jens@kommune.dk eller tlf. 21 43 65 87")
    -> "Kontakt Jens på [e-mail] eller tlf. [telefon]"

The public sees the masked text; members and the secretariat see it as written. The patterns are
written for the genre: journal numbers (1-52-100-22-09, 24/12345), dates, clock times, amounts with
thousands separators, CVR/EAN numbers and postal codes are left alone.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import replace

from klynge import model

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[telefon]"
CPR_MASK = "[cpr]"

_EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])")

# ddmmyy-xxxx, ddmmyy xxxx or ddmmyyxxxx with a plausible day and month; not inside a longer number
# or id.
# A space between digit groups may be a no-break space (Word keeps numbers on one line with it) or a
# tab; never a line break (columns of years in a table are not phone numbers).
_SP = "[ \t\u00a0\u202f]"
_CPR = re.compile(
    r"(?=\d)(?<![\w/.-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}(?:-|"
    + _SP
    + r")?\d{4}(?![\w/-]|[.,]\d)"
)

# Eight digits as 12345678, 12 34 56 78, 12-34-56-78, 12.34.56.78, 1234 5678 or 12 34 5678, 12-34-5678,
# 12.34.5678 (not 2020-2024, not a date such as 18.04.2024), optionally after +45; not part of a
# longer number. The digits come first in the pattern so most positions fail at once.
_PHONE = re.compile(
    r"(?=[\d+])(?<![\w/.,+-])(?:(?:\+|00)45(?:-|" + _SP + r")?)?"
    r"(?:\d{8}|\d{2}(?:(?:-|" + _SP + r")\d{2}){3}|\d{2}(?:\.\d{2}){3}|\d{4}" + _SP + r"\d{4}"
    r"|(?P<day>\d{2})(-|\.|" + _SP + r")(?P<month>\d{2})\2\d{4})"
    r"(?![\w/-]|[.,]\d)"
)
_YEAR = re.compile(r"(?:19|20)\d{2}$")
# Words that make the number an id, not a phone number (CVR, EAN, journal numbers).
_ID_BEFORE = re.compile(r"(?:cvr|cvr-nr|ean|j\.\s?nr|sagsnr)\.?:?\s*$", re.IGNORECASE)


def _is_date(match: re.Match[str]) -> bool:
    """12.04.2024, 12-04-2024, 12 04 2024: a day, a month and a year, not a phone number."""
    day, month = match.group("day"), match.group("month")
    if day is None or month is None:
        return False
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and bool(_YEAR.search(match.group()))


def _phone(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 12) : match.start()]
    return match.group() if _ID_BEFORE.search(before) or _is_date(match) else PHONE_MASK


# A run of eight or more digits, spaces and hyphens: every phone and CPR number lies in one. Python's
# `re` scans a pattern that starts with a character class quickly, but the precise patterns start
# with look-arounds and cost a full step at every position (0.75 ms for a 24 KB meeting page); so
# the precise patterns run only around these runs (5x faster on pages, same result).
_CANDIDATE = re.compile(r"\d[\d .\t\u00a0\u202f-]{6,}\d")


def _numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of the CPR and phone numbers in `text`, in order."""
    found: dict[int, tuple[int, int, str]] = {}
    for run in _CANDIDATE.finditer(text):
        # One character before the run for a "+45" prefix; lookbehinds see further back anyway.
        # Two after it for the lookaheads ("(?![.,]\d)").
        pos, endpos = max(0, run.start() - 1), min(len(text), run.end() + 2)
        cprs = [(m.start(), m.end(), CPR_MASK) for m in _CPR.finditer(text, pos, endpos)]
        for span in cprs:
            found[span[0]] = span
        for m in _PHONE.finditer(text, pos, endpos):
            if m.start() not in found and not any(s < m.end() and m.start() < e for s, e, _ in cprs):
                found[m.start()] = (m.start(), m.end(), _phone(m))
    return [found[k] for k in sorted(found)]


def mask_personal(text: str) -> str:
    """The text with e-mail addresses, phone numbers and CPR-like numbers replaced by marks."""
    return _replace(text, blank=False)


def without_personal(text: str) -> str:
    """The text with e-mail addresses, phone numbers and CPR-like numbers replaced by a space: what
    the search index analyses, so nobody finds an item by digits the public sees masked."""
    return _replace(text, blank=True)


def _replace(text: str, *, blank: bool) -> str:
    if not text:
        return text
    if "@" in text:
        text = _EMAIL.sub(" " if blank else EMAIL_MASK, text)
    numbers = _numbers(text)
    if not numbers:
        return text
    parts: list[str] = []
    at = 0
    for start, end, replacement in numbers:
        if blank and replacement in (PHONE_MASK, CPR_MASK):
            replacement = " "
        parts += (text[at:start], replacement)
        at = end
    parts.append(text[at:])
    return "".join(parts)


def personal_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every e-mail address, phone and CPR number in `text`, in order."""
    if not text:
        return []
    emails = [(m.start(), m.end()) for m in _EMAIL.finditer(text)] if "@" in text else []
    numbers = [
        (s, e)
        for s, e, replacement in _numbers(text)
        if replacement in (PHONE_MASK, CPR_MASK) and not any(a < e and s < b for a, b in emails)
    ]
    return sorted(emails + numbers)


def cut_outside_personal(text: str, positions: list[int]) -> list[int]:
    """The cut positions moved so none falls inside personal data: a cut inside a number or an
    address moves to its start. Text cut there and each part masked on its own shows no digit of
    a number that a cut (a window edge, a <mark>) would otherwise have split off its mask."""
    spans = personal_spans(text)
    moved = []
    for pos in positions:
        for start, end in spans:
            if start < pos < end:
                pos = start
                break
        moved.append(pos)
    return moved


def contains_personal(text: str) -> bool:
    return mask_personal(text) != text


_BREAK_TAGS = re.compile(
    r"</w:p>|</a:p>|<w:br\b[^>]*>|<w:tab\b[^>]*>|</p>|<br\b[^>]*>|</(?:li|td|th|h\d|div)>", re.I
)
_TAGS = re.compile(r"<[^>]*>")
MAX_PART_BYTES = 50_000_000
"""Larger parts of a DOCX are not read (a zip bomb); such a file counts as holding personal data."""


def _as_read(markup: str) -> str:
    """Markup as a reader sees it: tags gone (line breaks where a paragraph ends), entities read, so
    a number split over runs or elements is whole again."""
    return html.unescape(_TAGS.sub("", _BREAK_TAGS.sub("\n", markup)))


def document_contains_personal(content: bytes, fmt: str, text: str = "") -> bool:
    """Whether an original file holds personal data anywhere: in the reader's `text`, and in the
    file itself (a DOCX's XML parts with their runs joined, headers, footers and properties
    included; a text or HTML file as written and as read; a PDF's uncompressed bytes). On doubt
    (a damaged or huge DOCX) the answer is yes: the public then gets a masked rendering."""
    if contains_personal(text):
        return True
    if fmt == "docx":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                for info in z.infolist():
                    if not info.filename.endswith((".xml", ".rels")):
                        continue
                    if info.file_size > MAX_PART_BYTES:
                        return True
                    xml = z.read(info).decode("utf-8", errors="replace")
                    if contains_personal(xml) or contains_personal(_as_read(xml)):
                        return True
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
            return True
        return False
    raw = content.decode("utf-8" if fmt != "pdf" else "latin-1", errors="replace")
    return contains_personal(raw) or contains_personal(_as_read(raw))


def mask_meeting(meeting: model.Meeting) -> model.Meeting:
    """The meeting with personal data masked in every text field, for renderings the public gets
    (exports, frozen versions): masking the model before layout means no wrapping, folding,
    highlighting or escaping can split a number away from its mask. Spans keep pointing into the
    unmasked original, so they are for display only in the result."""
    m = mask_personal

    def opt(text: str | None) -> str | None:
        return m(text) if text else text

    def info(i: model.MeetingInfo) -> model.MeetingInfo:
        return replace(
            i,
            forum=opt(i.forum),
            location=opt(i.location),
            chair=opt(i.chair),
            note_taker=opt(i.note_taker),
            title=opt(i.title),
        )

    items = tuple(
        replace(
            it,
            title=m(it.title),
            presenter=opt(it.presenter),
            sections=tuple(replace(s, heading=m(s.heading), text=m(s.text)) for s in it.sections),
            attachments=tuple(m(a) for a in it.attachments),
        )
        for it in meeting.items
    )
    return replace(
        meeting,
        document=replace(meeting.document, text=m(meeting.document.text), blocks=()),
        meeting=info(meeting.meeting),
        participants=tuple(
            replace(
                p,
                name=m(p.name),
                organisation=opt(p.organisation),
                role=opt(p.role),
                attendance=opt(p.attendance),
            )
            for p in meeting.participants
        ),
        items=items,
        decisions=tuple(replace(d, text=m(d.text)) for d in meeting.decisions),
        actions=tuple(
            replace(a, owner=m(a.owner), task=m(a.task), sentence=m(a.sentence)) for a in meeting.actions
        ),
        forward_topics=tuple(replace(f, text=m(f.text)) for f in meeting.forward_topics),
        announced_meetings=tuple(info(i) for i in meeting.announced_meetings),
        warnings=tuple(replace(w, message=m(w.message)) for w in meeting.warnings),
    )
