"""The meeting header: forum, date, start/end, location, chair, note-taker.

Where a field is stated ("Tid:", "Sted:", "Mødeleder:") it is taken as written. Where the document has
no header, the forum and date come from a running footer ("Styregruppemøde RRA 13. marts 2019", kept
in `Document.text` although cleaning dropped it from the lines) or, for the forum only, from the body
bodies most often named. A date is never guessed beyond what the text supports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from klynge.model import Document, Line, MeetingInfo, Span

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_RX = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_RX})\b\.?(?:\s*(\d{{4}}))?", re.IGNORECASE)
DATE_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
_TIME_RANGE = re.compile(
    r"\bkl\.?\s*(\d{1,2})(?:[.:](\d{2}))?\s*(?:[-–—]|til)\s*(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?"
    r"|\bkl\.?\s*(\d{1,2})(?:[.:](\d{2}))?",
    re.IGNORECASE,
)
_WHEN_LABEL = re.compile(
    r"^(?:tid(?:spunkt)?|dato|mødedato|mødetidspunkt|mødetid|dato og tid|tid og sted|hvornår)\s*[:.]\s*(.*)$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"^((?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b,?\s*(?:den\s+)?\d{1,2}\..*)$", re.IGNORECASE
)
_WHERE_LABEL = re.compile(r"^(?:sted|mødested|lokale|mødelokale|adresse|hvor)\s*[:.]\s*(.*)$", re.IGNORECASE)
_ROOM = re.compile(
    r"^(?:mødelokale|lokale|mødested|konferencerum|auditorium|udvalgsværelse)\b", re.IGNORECASE
)
_ADDRESS = re.compile(r"\b\d{4}\s+[A-ZÆØÅ][a-zæøå]+")
_CHAIR = re.compile(r"^(?:mødeleder|ordstyrer|formand|mødeformand)\s*:\s*(.+)$", re.IGNORECASE)
_NOTE_TAKER = re.compile(r"^(?:referent|referat(?:et)? taget af|sekretær)\s*:\s*(.+)$", re.IGNORECASE)
_TITLE = re.compile(
    r"^(?:(?:referat|dagsorden|beslutningsprotokol|mødereferat)\b\s*(?:af|fra|for|til)?\s*"
    r"(?:(?:det\s+)?(?:ordinære\s+)?møde(?:t)?\s+(?:i|for)\s+)?)(.*)$",
    re.IGNORECASE,
)
_BARE_TITLE = re.compile(r"^(?:referat|dagsorden|beslutningsprotokol|mødereferat)\s*$", re.IGNORECASE)
_BODY_WORD = re.compile(
    r"\b([A-ZÆØÅa-zæøå][a-zæøå\-]*(?:gruppen|udvalget|udvalg|rådet|bestyrelsen|byråd|byrådet|forum|forummet))\b"
)
_CLUSTER_WORD = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+klyngen)s?\b")
_FOOTER = re.compile(
    rf"^\s*([A-ZÆØÅ][\w\-]*(?:møde|gruppen|udvalget|rådet)[\w\-]*(?:\s+[\wÆØÅæøå\-]+){{0,3}}?)\s+"
    rf"(\d{{1,2}}\.\s*(?:{_MONTH_RX})\.?\s*\d{{4}})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_CONNECTOR_END = re.compile(r"\b(?:i|for|og|af|under|ved|om)\s*$", re.IGNORECASE)


def _two(h: str | None, m: str | None) -> str | None:
    if h is None:
        return None
    hour = int(h)
    if hour > 23:
        return None
    return f"{hour:02d}:{m or '00'}"


def parse_date(text: str, reference: dt.date | None = None) -> dt.date | None:
    """The first Danish date in `text`; a missing year is taken from `reference` (the nearest)."""
    m = DATE_WORDS.search(text)
    day = month = year = None
    if m:
        day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
        year = int(m.group(3)) if m.group(3) else None
    else:
        n = DATE_NUMERIC.search(text)
        if not n:
            return None
        day, month, year = int(n.group(1)), int(n.group(2)), int(n.group(3))
        if year < 100:
            year += 2000
    if year is None:
        if reference is None:
            return None
        options = []
        for y in (reference.year - 1, reference.year, reference.year + 1):
            try:
                options.append(dt.date(y, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: abs((d - reference).days)) if options else None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _reference_date(texts: Sequence[str]) -> dt.date | None:
    """A date with a year near the top of the document (issue date, "Dato: 25.nov. 2021")."""
    for text in texts:
        for m in DATE_WORDS.finditer(text):
            if m.group(3):
                d = parse_date(m.group(0))
                if d:
                    return d
        for m in DATE_NUMERIC.finditer(text):
            d = parse_date(m.group(0))
            if d and len(m.group(3)) == 4:
                return d
    return None


def _tidy_forum(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" .:-–")
    name = re.sub(r"\s*[-–]\s*(?:referat|dagsorden)$", "", name, flags=re.IGNORECASE)
    name = DATE_WORDS.sub("", name).strip(" ,.-–")
    name = re.sub(r"\b(?:den|d\.)\s*$", "", name).strip(" ,.")
    if not name or len(name) < 3 or len(name) > 140:
        return None
    if name.isupper():
        name = " ".join(w.capitalize() if len(w) > 3 else w for w in name.lower().split())
    # "Klyngestyregruppemøde Midtklyngen": the body is the group, not its meeting.
    name = re.sub(r"^(\w+?gruppe)møde\b", r"\1n", name, flags=re.IGNORECASE)
    name = re.sub(r"^(\w+?udvalg)s?møde\b", r"\1et", name, flags=re.IGNORECASE)
    # "Klyngestyregruppen for Sydklyngen" -> "Klyngestyregruppen Sydklyngen".
    name = re.sub(r"^(\S+)\s+(?:for|i)\s+(\S+klyngen)$", r"\1 \2", name, flags=re.IGNORECASE)
    return name[0].upper() + name[1:]


def _forum_from_body(text: str) -> str | None:
    bodies = Counter(m.group(1).lower() for m in _BODY_WORD.finditer(text))
    clusters = Counter(m.group(1) for m in _CLUSTER_WORD.finditer(text))
    if not bodies:
        return None
    body = bodies.most_common(1)[0][0]
    name = body[0].upper() + body[1:]
    if clusters:
        name = f"{name} {clusters.most_common(1)[0][0]}"
    return name


def _spell_out_cluster(forum: str, body: str) -> str:
    """'Klyngestyregruppen RRA' -> 'Klyngestyregruppen Randersklyngen' when the body names one cluster
    most often; an abbreviation in a footer is not what a reader would call the body."""
    words = forum.split()
    abbrev = [k for k, w in enumerate(words) if k and re.fullmatch(r"[A-ZÆØÅ]{2,5}", w)]
    if not abbrev or any(_CLUSTER_WORD.fullmatch(w) for w in words):
        return forum
    clusters = Counter(m.group(1) for m in _CLUSTER_WORD.finditer(body))
    if not clusters:
        return forum
    words[abbrev[-1]] = clusters.most_common(1)[0][0]
    return " ".join(words)


_NOT_MEETING_DAY = re.compile(
    r"\b(?:frist|senest|udsendt|dateret|offentliggjort|opdateret|printet|udskrevet|godkendt|side\s+\d|"
    r"lov|bekendtgørelse|høring|ansøgning|brev|mail)\w*",
    re.IGNORECASE,
)


def _dated_line(head: Sequence[Line]) -> tuple[Line, dt.date] | None:
    """With no labelled date, the first short line near the top that carries a full date and says
    nothing else dated ("den 22. november 2023 kl. 08:30", "05-04-2022", "Regionsrådet 24-11-2020
    13:00", "Sundhedsudvalget - Referat - 22. oktober 2019"): the meeting's day."""
    for line in head:
        text = line.text.strip()
        if len(text) > 120 or _NOT_MEETING_DAY.search(text):
            continue
        found = full_date(text)
        if found is not None:
            return line, found
    return None


def full_date(text: str) -> dt.date | None:
    """The first date in `text` when it is written with its year; never one completed by guessing."""
    words = DATE_WORDS.search(text)
    numeric = DATE_NUMERIC.search(text)
    if not ((words and words.group(3)) or (numeric and len(numeric.group(3)) == 4)):
        return None
    return parse_date(text)


def read_meeting_info(document: Document, lines: Sequence[Line], header: Sequence[Line]) -> MeetingInfo:
    spans: dict[str, Span] = {}
    title = forum = location = chair = note_taker = None
    start = end = None
    date: dt.date | None = None
    date_weak = False
    head = list(header[:80])
    top_text = [ln.text for ln in head] + [document.text[:4000]]
    reference = _reference_date(top_text)

    for k, line in enumerate(head):
        text = line.text.strip()
        if title is None and _BARE_TITLE.match(text):
            # "Referat" on a line of its own, the body named on the line above or below.
            near = [ln for ln in (head[k - 1 : k] + head[k + 1 : k + 2]) if _BODY_WORD.search(ln.text)]
            if near and ":" not in near[0].text and not re.search(r"\d", near[0].text):
                title = f"{text} {near[0].text.strip()}"
                forum = _tidy_forum(near[0].text)
                spans["title"] = line.span.join(near[0].span)
                spans["forum"] = near[0].span
                continue
        m = _TITLE.match(text)
        if title is None and m and m.group(1).strip() and len(text) < 160:
            rest = m.group(1).strip()
            nxt = head[k + 1].text.strip() if k + 1 < len(head) else ""
            if nxt and (
                _CONNECTOR_END.search(rest)
                or (
                    1 <= len(nxt.split()) <= 3
                    and ":" not in nxt
                    and not re.search(r"\d", nxt)
                    and all(w[:1].isupper() for w in nxt.split())
                    and len(text) >= 40
                )
            ):
                rest = f"{rest} {nxt}"
            title = text if rest in text else f"{text} {nxt}"
            forum = _tidy_forum(rest)
            spans["title"] = spans["forum"] = line.span
            continue
        when = _WHEN_LABEL.match(text) or _WEEKDAY.match(text)
        if when and (date is None or date_weak):
            value = when.group(1) or (head[k + 1].text if k + 1 < len(head) else "")
            found = parse_date(value, reference)
            # A bare "Dato:" is often the issue date; a "Tid:"/weekday line with a date wins over it.
            weak = bool(re.match(r"^dato\b", text, re.IGNORECASE)) and not _TIME_RANGE.search(value)
            if found and (date is None or not weak):
                date, date_weak = found, weak
                spans["date"] = line.span
            t = _TIME_RANGE.search(value)
            if t and start is None:
                if t.group(1):
                    start, end = _two(t.group(1), t.group(2)), _two(t.group(3), t.group(4))
                else:
                    start = _two(t.group(5), t.group(6))
                spans["start"] = line.span
            nxt_lines = head[k + 1 : k + 5]
            if location is None:
                place = [ln for ln in nxt_lines if _ROOM.match(ln.text.strip())]
                addr = [ln for ln in nxt_lines if _ADDRESS.search(ln.text) and len(ln.text) < 90]
                parts = [ln.text.strip() for ln in (*place[:1], *addr[:1])]
                if parts:
                    location = ", ".join(dict.fromkeys(parts))
                    spans["location"] = (place or addr)[0].span
            continue
        where = _WHERE_LABEL.match(text)
        if where and where.group(1).strip():
            value = where.group(1).strip()
            if k + 1 < len(head):
                cont = head[k + 1].text.strip()
                if cont and (cont[0].isdigit() or cont[0].islower()) and len(cont) < 60 and ":" not in cont:
                    value = f"{value} {cont}"
            location = value
            spans["location"] = line.span
            continue
        c = _CHAIR.match(text)
        if c and chair is None:
            chair = c.group(1).strip()
            spans["chair"] = line.span
        n = _NOTE_TAKER.match(text)
        if n and note_taker is None:
            note_taker = n.group(1).strip()
            spans["note_taker"] = line.span

    footer = _FOOTER.search(document.text)
    if footer:
        if forum is None:
            forum = _tidy_forum(footer.group(1))
            spans["forum"] = Span(footer.start(1), footer.end(1))
        if date is None:
            date = parse_date(footer.group(2))
            spans["date"] = Span(footer.start(2), footer.end(2))
    if date is None and title:
        date = parse_date(title, reference)
    if date is None:
        dated = _dated_line(head[:15])
        if dated is not None:
            line, date = dated
            spans["date"] = line.span
            t = _TIME_RANGE.search(line.text) if start is None else None
            if t:
                if t.group(1):
                    start, end = _two(t.group(1), t.group(2)), _two(t.group(3), t.group(4))
                else:
                    start = _two(t.group(5), t.group(6))
                spans["start"] = line.span
    body = " ".join(ln.text for ln in lines)
    if forum is None:
        forum = _forum_from_body(body)
    elif forum:
        forum = _spell_out_cluster(forum, body)
    return MeetingInfo(
        forum=forum,
        date=date,
        start=start,
        end=end,
        location=location,
        chair=chair,
        note_taker=note_taker,
        title=title,
        spans=spans,
    )
