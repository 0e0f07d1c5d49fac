"""Sections of an agenda item: Indstilling, Sagsfremstilling, Bilag, Referat, Beslutning.

A section heading is a line of its own ("Beslutning", "Det indstilles,", "Referat:") or a heading
word followed by its text on the same line ("Referat. Godkendt."). Text before any heading is case
text. Attachments are one per line or bullet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from klynge.model import BlockKind, Line, Section, SectionKind, Span
from klynge.segment.meeting import full_date

_KINDS: list[tuple[SectionKind, str]] = [
    (
        SectionKind.RECOMMENDATION,
        r"indstilling(?:er)?|indstilling til beslutning|det indstilles|forslag til beslutning|"
        r"(?:administrationen|direktionen|forvaltningen|sekretariatet|formandskabet|direktøren)\s+indstiller",
    ),
    (
        SectionKind.CASE_TEXT,
        r"sagsfremstilling|beskrivelse af sagen|sagsbeskrivelse|resum[ée]|baggrund|sagen|"
        r"sagens indhold|problemstilling",
    ),
    (SectionKind.ATTACHMENTS, r"bilag|bilagsliste|vedlagt(?:e)?(?:\s+\w+)?\s+bilag|vedhæftede? bilag"),
    (SectionKind.MINUTES, r"referat|referat fra mødet|mødereferat"),
    (SectionKind.DECISION, r"beslutning(?:er)?|afgørelse|beslutning i (?:udvalget|mødet)"),
]
_ALONE = [(kind, re.compile(rf"^(?:{words})\s*[:.,]?$", re.IGNORECASE)) for kind, words in _KINDS]
_DATED_DECISION = re.compile(
    r"^(?=.{0,160}(?:\bden\s+\d|\d{1,2}[.-]\d{1,2}[.-]\d{2,4}|:$))"
    r"(?:[\w\-]+s\s+)?(?:beslutning|behandling|afgørelse)(?:\s+i\s+mødet)?"
    r"(?:\s+(?:i|på)\s+(?-i:[A-ZÆØÅ])[^:]{0,120}?)?"
    r"(?:,?\s+(?:\w+dag\s+)?(?:den\s+)?\d{1,2}[.\-\s][^:]{0,30})?\s*:?$",
    re.IGNORECASE,
)
"""A decision caption naming the body and the day: "Beslutning i Udvalget for Ældre og Sundhed den
04-06-2020", "Forretningsudvalgets beslutning den 8. november 2022:", "Behandling i Udvalget … den 28.
august 2019". An item may carry several (earlier bodies' decisions); see `this_meetings_decision`."""
_INLINE = [
    (kind, re.compile(rf"^({words})\s*[:.,]\s*(\S.*)$", re.IGNORECASE))
    for kind, words in _KINDS
    if kind != SectionKind.CASE_TEXT
]
_RECOMMEND_INLINE = re.compile(r"^(det indstilles|\w+\s+indstiller)\s*,?\s+(at\s.*)$", re.IGNORECASE)
_ATTACHMENT_LINE = re.compile(r"^bilag\s+\d+\s*[.:)]?\s+\S", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def _unlink(text: str) -> str:
    """Markdown links as their text; a line without "](" has none (most lines: skip the regex)."""
    return _MD_LINK.sub(r"\1", text) if "](" in text else text


@dataclass(frozen=True)
class HeadingMatch:
    kind: SectionKind
    heading: str
    rest: str


def section_heading(text: str) -> HeadingMatch | None:
    """The section a line opens, if it is a section heading."""
    t = " ".join(text.replace("**", "").replace("*", "").split()).strip()
    t = _unlink(t)
    if len(t) > 200:
        return None
    for kind, rx in _ALONE:
        if rx.match(t):
            return HeadingMatch(kind, t.rstrip(":.,").strip(), "")
    if _DATED_DECISION.match(t) and not t.endswith("."):
        return HeadingMatch(SectionKind.DECISION, t.rstrip(":").strip(), "")
    m = _RECOMMEND_INLINE.match(t)
    if m:
        return HeadingMatch(SectionKind.RECOMMENDATION, m.group(1), m.group(2))
    for kind, rx in _INLINE:
        m = rx.match(t)
        if m and not (kind == SectionKind.ATTACHMENTS and _ATTACHMENT_LINE.match(t)):
            if kind == SectionKind.DECISION and len(m.group(2)) > 0 and m.group(2)[0].islower():
                continue
            return HeadingMatch(kind, m.group(1), m.group(2))
    return None


def prose(lines: Sequence[Line]) -> str:
    """Lines as readable text: wrapped lines joined, bullets as "- " lines, paragraphs kept apart."""
    out: list[str] = []
    current = ""
    for line in lines:
        text = _unlink(line.text.strip())
        if line.bullet:
            if current:
                out.append(current)
            current = "- " + text
        elif line.kind in {BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TABLE_ROW}:
            if current:
                out.append(current)
            current = text
        elif current and not re.match(r"^\d{1,2}[.)]\s", text) and not current.endswith(":"):
            current = f"{current} {text}"
        elif current:
            out.append(current)
            current = text
        else:
            current = text
    if current:
        out.append(current)
    return "\n".join(out)


def caption_date(heading: str) -> dt.date | None:
    """The day a decision caption names ("… den 04-06-2020", "… den 8. november 2022")."""
    return full_date(heading)


def this_meetings_decision(sections: Sequence[Section], date: dt.date | None) -> tuple[Section, ...]:
    """Of several dated decision captions in one item (the case's way through other bodies), the
    decision is this meeting's: the one dated the meeting's day, else the first; the others are
    kept as case text under their own caption."""
    dated = [s for s in sections if s.kind == SectionKind.DECISION and caption_date(s.heading)]
    if len(dated) < 2:
        return tuple(sections)
    ours = next((s for s in dated if date and caption_date(s.heading) == date), dated[0])
    return tuple(
        dataclasses.replace(s, kind=SectionKind.CASE_TEXT) if s in dated and s is not ours else s
        for s in sections
    )


def attachment_names(lines: Sequence[Line]) -> list[str]:
    """One name per attachment. Where entries are marked (bullets, "Bilag 3:"), an unmarked line
    continues the entry above when it starts in lower case or with a digit."""
    names: list[str] = []
    marked = any(ln.bullet or _ATTACHMENT_LINE.match(ln.text.strip()) for ln in lines)
    for line in lines:
        text = _MD_LINK.sub(
            lambda m: m.group(1) if m.group(1).strip() not in {"", "#"} else m.group(2), line.text.strip()
        )
        text = text.strip(" -–•")
        if not text:
            continue
        explicit = line.bullet or _ATTACHMENT_LINE.match(text)
        if marked and not explicit and names and (text[0].islower() or text[0].isdigit()):
            names[-1] = f"{names[-1]} {text}"
        else:
            names.append(text)
    return names


def split_sections(lines: Sequence[Line]) -> tuple[tuple[Section, ...], tuple[str, ...]]:
    """Sections of an item body, and its attachment names."""
    parts: list[tuple[SectionKind, str, list[Line], Span | None]] = []
    kind, heading, buf, span = SectionKind.CASE_TEXT, "", list[Line](), None
    attachments: list[str] = []

    def close() -> None:
        if buf:
            parts.append((kind, heading, list(buf), span))

    for line in lines:
        match = section_heading(line.text)
        if match is None and _ATTACHMENT_LINE.match(line.text.strip()) and kind != SectionKind.ATTACHMENTS:
            close()
            kind, heading, buf, span = SectionKind.ATTACHMENTS, "Bilag", [line], line.span
            continue
        if match is not None:
            close()
            kind, heading, buf, span = match.kind, match.heading, [], line.span
            if match.rest:
                buf.append(Line(match.rest, line.kind, line.span, line.level, False))
            continue
        if (
            kind == SectionKind.ATTACHMENTS
            and buf
            and not line.bullet
            and not _ATTACHMENT_LINE.match(line.text.strip())
            and any(b.bullet or _ATTACHMENT_LINE.match(b.text.strip()) for b in buf)
            and line.text[:1].isupper()
        ):
            # An unmarked line after a marked list of attachments: the list has ended.
            close()
            kind, heading, buf, span = SectionKind.CASE_TEXT, "", [], None
        buf.append(line)
        span = line.span if span is None else span.join(line.span)
    close()

    sections: list[Section] = []
    for kind, heading, body, sp in parts:
        if kind == SectionKind.ATTACHMENTS:
            attachments.extend(attachment_names(body))
            if body:
                sections.append(Section(kind, heading or "Bilag", "\n".join(attachment_names(body)), sp))
            continue
        text = prose(body)
        if text.strip():
            sections.append(Section(kind, heading, text, sp))
    return tuple(sections), tuple(attachments)
