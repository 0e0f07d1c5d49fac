"""The conventional layout of an agenda or minutes, once, for every export format.

Each renderer (markdown.py, html.py, docx.py) only turns this plain structure into its own syntax, so
the three formats say exactly the same thing in the same order. The layout follows the genre's
conventions so `klynge parse` can read an export back:

    Referat af møde i <forum>                      (Dagsorden for møde i … for an agenda)
    Tid: 12. marts 2024 kl. 9.00-11.30
    Sted: …
    Mødeleder: … / Referent: …
    Deltagere
      <organisation>                               one line per person, "Navn, rolle (afbud)"
      Gæster                                       "Navn, rolle, organisation"
    Dagsorden
      1. Titel (kl. 9.00-9.10) v/Navn
      Sagsnr.: 1-52-100-22-09
      Lukket punkt                                 closed items only
      Indstilling / Sagsfremstilling / Bilag / Referat / Beslutning   (agenda: no Referat, Beslutning)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from klynge.interchange import item_decision
from klynge.model import Item, Meeting, Participant, SectionKind

Kind = Literal["agenda", "minutes"]

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
HEADINGS = {
    SectionKind.RECOMMENDATION: "Indstilling",
    SectionKind.CASE_TEXT: "Sagsfremstilling",
    SectionKind.ATTACHMENTS: "Bilag",
    SectionKind.MINUTES: "Referat",
    SectionKind.DECISION: "Beslutning",
    SectionKind.ORIENTATION: "Orientering",
}
CLOSED_MARK = "Lukket punkt"
_BULLET = re.compile(r"^\s*(?:[-*•\uf0b7–])\s+")


@dataclass(frozen=True)
class Para:
    """One line of body text; `bullet` when it is a list entry."""

    text: str
    bullet: bool = False


@dataclass(frozen=True)
class SectionOut:
    heading: str
    paras: tuple[Para, ...]


@dataclass(frozen=True)
class ItemOut:
    heading: str
    """'3. Titel (kl. 9.10-9.40) v/Navn'."""
    label: str
    """'3. Titel', the heading without slot and presenter."""
    slot: str | None
    """'(kl. 9.10-9.40)'."""
    presenter: str | None
    """'v/Navn'."""
    closed: bool
    case_line: str | None
    sections: tuple[SectionOut, ...]


@dataclass(frozen=True)
class Group:
    """Participants under one heading: an organisation, 'Øvrige deltagere' or 'Gæster'."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    title: str
    facts: tuple[str, ...]
    """'Tid: …', 'Sted: …', 'Mødeleder: …', 'Referent: …' (those the meeting has)."""
    groups: tuple[Group, ...]
    items: tuple[ItemOut, ...]
    footer: str
    """A short running text for page footers: forum and date."""


def clock(value: str) -> str:
    """'09:00' -> '9.00', the Danish way of writing a time of day."""
    match = re.fullmatch(r"\s*(\d{1,2})[.:](\d{2})\s*", value)
    return f"{int(match.group(1))}.{match.group(2)}" if match else value.strip()


def long_date(day: dt.date) -> str:
    """12. marts 2024."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def time_line(meeting: Meeting) -> str | None:
    info = meeting.meeting
    parts: list[str] = []
    if info.date:
        parts.append(long_date(info.date))
    if info.start:
        slot = clock(info.start) + (f"-{clock(info.end)}" if info.end else "")
        parts.append(f"kl. {slot}")
    return f"Tid: {' '.join(parts)}" if parts else None


def document_title(meeting: Meeting, kind: Kind) -> str:
    forum = meeting.meeting.forum
    word = "Dagsorden for møde" if kind == "agenda" else "Referat af møde"
    return f"{word} i {forum}" if forum else word


def item_slot(item: Item) -> str | None:
    if not item.time_start:
        return None
    return f"(kl. {clock(item.time_start)}" + (f"-{clock(item.time_end)})" if item.time_end else ")")


def item_label(item: Item) -> str:
    """'3. Titel'; just the title when the item has no number."""
    return f"{item.number}. {item.title}" if item.number else item.title


def item_heading(item: Item) -> str:
    parts = [
        item_label(item),
        item_slot(item),
        f"v/{item.presenter}" if item.presenter else None,
    ]
    return " ".join(p for p in parts if p)


def paragraphs(text: str) -> tuple[Para, ...]:
    """Every non-empty line becomes its own paragraph; '- ' and '• ' lines become list entries."""
    out: list[Para] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        bare = _BULLET.sub("", line)
        out.append(Para(bare.strip(), bullet=bare != line))
    return tuple(out)


def _person(p: Participant, with_org: bool) -> str:
    parts = [p.name]
    if p.role:
        parts.append(p.role)
    if with_org and p.organisation:
        parts.append(p.organisation)
    line = ", ".join(parts)
    if p.absent:
        line += " (afbud)"
    if p.attendance:
        line += f" ({p.attendance})"
    return line


def participant_groups(meeting: Meeting) -> tuple[Group, ...]:
    """Members by organisation in order of first appearance; guests last, with their organisation."""
    order: list[str] = []
    members: dict[str, list[str]] = {}
    guests: list[str] = []
    for p in meeting.participants:
        if p.guest:
            guests.append(_person(p, with_org=True))
            continue
        org = p.organisation or "Øvrige deltagere"
        if org not in members:
            order.append(org)
            members[org] = []
        members[org].append(_person(p, with_org=False))
    groups = [Group(org, tuple(members[org])) for org in order]
    if guests:
        groups.append(Group("Gæster", tuple(guests)))
    return tuple(groups)


def _sections(meeting: Meeting, item: Item, kind: Kind) -> tuple[SectionOut, ...]:
    out: list[SectionOut] = []

    def add(section_kind: SectionKind, text: str | None) -> None:
        if text and text.strip():
            out.append(SectionOut(HEADINGS[section_kind], paragraphs(text)))

    add(SectionKind.RECOMMENDATION, item.section_text(SectionKind.RECOMMENDATION))
    add(SectionKind.CASE_TEXT, item.section_text(SectionKind.CASE_TEXT))
    add(SectionKind.ORIENTATION, item.section_text(SectionKind.ORIENTATION))
    if item.attachments:
        entries = tuple(Para(a.strip(), bullet=True) for a in item.attachments if a.strip())
        out.append(SectionOut(HEADINGS[SectionKind.ATTACHMENTS], entries))
    else:
        add(SectionKind.ATTACHMENTS, item.section_text(SectionKind.ATTACHMENTS))
    if kind == "minutes":
        minutes, decision = item.section_text(SectionKind.MINUTES), item_decision(meeting, item)
        written = action_sentences(meeting, item)
        if written and (minutes or not decision):
            minutes = "\n\n".join(x for x in (minutes, written) if x)
        elif written:
            decision = f"{decision}\n\n{written}"
        add(SectionKind.MINUTES, minutes)
        add(SectionKind.DECISION, decision)
    return tuple(out)


_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if len(w) > 2}


def _already_said(owner: str, task: str, texts: list[set[str]]) -> bool:
    """A sentence of the minutes already names the owner and half or more of the task's words."""
    who, what = _words(owner), _words(task)
    return any(who <= text and len(what & text) >= 0.5 * len(what) for text in texts)


def action_sentences(meeting: Meeting, item: Item) -> str | None:
    """Actions written in Klynge (not read from a sentence of the minutes) as the sentences minutes use,
    so the exported document says who does what by when, and reads back as the same actions."""
    texts = [_words(sentence) for it in meeting.items for s in it.sections for sentence in s.text.split(".")]
    lines = []
    minuted = [
        it for it in meeting.items if it.section_text(SectionKind.MINUTES) or item_decision(meeting, it)
    ] or list(meeting.items)
    last = bool(minuted) and minuted[-1] is item
    for a in meeting.actions:
        here = a.item_number == item.number or (last and not a.item_number)  # no item: after the last minutes
        if not here or a.sentence.strip() or not a.owner.strip() or not a.task.strip():
            continue
        task = " ".join(a.task.split()).rstrip(".")
        if _already_said(a.owner, task, texts):
            continue
        due = ""
        if a.due is not None and a.due.exact is not None and long_date(a.due.exact) not in task:
            due = f" senest den {long_date(a.due.exact)}"
        elif a.due is not None and a.due.exact is None and a.due.phrase.strip() and a.due.phrase not in task:
            due = f" (frist: {a.due.phrase.strip()})"
        first = task.split(" ", 1)[0].casefold()
        if task.casefold().startswith("at "):
            lines.append(f"{a.owner.strip()} er ansvarlig for {task}{due}.")
        elif first.endswith("r"):  # a present-tense verb already: "udsender", "giver"
            lines.append(f"{a.owner.strip()} {task}{due}.")
        else:
            lines.append(f"{a.owner.strip()} er ansvarlig for at {task}{due}.")
    return "\n".join(lines) or None


def layout(meeting: Meeting, kind: Kind, include_closed: bool = True) -> Layout:
    """The document to render. `include_closed=False` leaves closed items out entirely (a public copy)."""
    if kind not in ("agenda", "minutes"):
        raise ValueError(f"ukendt dokumenttype: {kind!r} (agenda eller minutes)")
    info = meeting.meeting
    facts = [
        line
        for line in (
            time_line(meeting),
            f"Sted: {info.location}" if info.location else None,
            f"Mødeleder: {info.chair}" if info.chair else None,
            f"Referent: {info.note_taker}" if info.note_taker and kind == "minutes" else None,
        )
        if line
    ]
    items = tuple(
        ItemOut(
            heading=item_heading(item),
            label=item_label(item),
            slot=item_slot(item),
            presenter=f"v/{item.presenter}" if item.presenter else None,
            closed=item.confidential,
            case_line=f"Sagsnr.: {item.case_number}" if item.case_number else None,
            sections=_sections(meeting, item, kind),
        )
        for item in meeting.items
        if include_closed or not item.confidential
    )
    footer = " · ".join(x for x in (info.forum, long_date(info.date) if info.date else None) if x)
    return Layout(document_title(meeting, kind), tuple(facts), participant_groups(meeting), items, footer)
