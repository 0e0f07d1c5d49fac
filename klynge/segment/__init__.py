"""Segmentation: cleaned lines to a meeting with participants, items and sections.

items.py finds the numbered agenda items, sections.py splits each item body, meeting.py reads the
header and participants.py the participant lists (in the header, or in an item such as
"1. Mødedeltagere").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from klynge import deadline
from klynge.errors import NoAgenda
from klynge.model import Document, Item, Line, Meeting, Participant, Span
from klynge.segment.closed import closed_body
from klynge.segment.items import JOURNAL, PRESENTER, choose_chain, find_candidates, read_heading
from klynge.segment.meeting import read_meeting_info
from klynge.segment.participants import read_participants
from klynge.segment.sections import split_sections

_PARTICIPANTS_TITLE = re.compile(
    r"^(?:mødedeltagere|deltagere|til stede|fremmødte|tilstede)\b", re.IGNORECASE
)
_NAME = r"[A-ZÆØÅ][\w\-]+\.?(?:\s+(?:[A-ZÆØÅ][\w\-]+\.?|von|van|de|la)){0,4}"
_BODY_PRESENTER = re.compile(rf"(?:^|\s)[vV]/\s?({_NAME})")


def segment(document: Document, lines: Sequence[Line]) -> Meeting:
    chain = choose_chain(find_candidates(lines))
    if not chain:
        raise NoAgenda(f"{document.name}: ingen dagsordenspunkter fundet")
    starts = [c.line for c in chain]
    # A journal number line just above a heading belongs to that item, not to the one before.
    journal_above: dict[int, tuple[str, Span]] = {}
    ends: list[int] = []
    for k, start in enumerate(starts):
        above = start - 1
        lower = starts[k - 1] + 1 if k else 0
        while above >= lower and JOURNAL.match(lines[above].text.strip()):
            m = JOURNAL.match(lines[above].text.strip())
            assert m is not None
            journal_above[k] = (m.group(1), lines[above].span)
            above -= 1
        ends.append(above + 1)
    header = list(lines[: ends[0]])

    items: list[Item] = []
    participants: list[Participant] = list(read_participants(header))
    for k, cand in enumerate(chain):
        deadline.check()
        heading = read_heading(lines, cand)
        body_end = ends[k + 1] if k + 1 < len(chain) else len(lines)
        body = list(lines[cand.line + heading.used : body_end])
        spans: dict[str, Span] = {"title": heading.span, "number": lines[cand.line].span}
        case_number = None
        if k in journal_above:
            case_number, spans["case_number"] = journal_above[k]
        while body and JOURNAL.match(body[0].text.strip()):
            m = JOURNAL.match(body[0].text.strip())
            assert m is not None
            case_number, spans["case_number"] = m.group(1), body[0].span
            body = body[1:]
        presenter = heading.presenter
        if presenter is None:
            for line in body[:15]:
                m = _BODY_PRESENTER.search(line.text)
                if m and PRESENTER.search(line.text):
                    presenter = m.group(1).strip(" .,")
                    spans["presenter"] = line.span
                    break
        elif heading.presenter:
            spans["presenter"] = heading.span
        if heading.time_start:
            spans["time"] = heading.span
        confidential = heading.confidential or closed_body(body)
        if _PARTICIPANTS_TITLE.match(heading.title):
            participants.extend(read_participants(body, listed=True))
        sections, attachments = split_sections(body)
        items.append(
            Item(
                number=cand.number,
                title=heading.title,
                time_start=heading.time_start,
                time_end=heading.time_end,
                presenter=presenter,
                case_number=case_number,
                confidential=confidential,
                sections=sections,
                attachments=attachments,
                spans=spans,
            )
        )
    info = read_meeting_info(document, lines, header)
    return Meeting(document=document, meeting=info, participants=_dedupe(participants), items=tuple(items))


def _dedupe(people: Sequence[Participant]) -> tuple[Participant, ...]:
    """One participant per name; a later 'absent' listing marks the first one absent."""
    seen: dict[str, int] = {}
    out: list[Participant] = []
    for p in people:
        key = " ".join(p.name.lower().split())
        if key in seen:
            first = out[seen[key]]
            if p.absent and not first.absent:
                from dataclasses import replace

                out[seen[key]] = replace(first, absent=True)
            continue
        seen[key] = len(out)
        out.append(p)
    return tuple(out)
