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
from klynge.segment.items import (
    JOURNAL,
    PRESENTER,
    Candidate,
    choose_chain,
    contents_run,
    find_candidates,
    read_heading,
    with_contents,
)
from klynge.segment.meeting import read_meeting_info
from klynge.segment.participants import absent_in_prose, read_participants
from klynge.segment.sections import split_sections, this_meetings_decision

_PARTICIPANTS_TITLE = re.compile(
    r"^(?:mødedeltagere|deltagere|til stede|fremmødte|tilstede)\b", re.IGNORECASE
)
_NAME = r"[A-ZÆØÅ][\w\-]+\.?(?:\s+(?:[A-ZÆØÅ][\w\-]+\.?|von|van|de|la)){0,4}"
_BODY_PRESENTER = re.compile(rf"(?:^|\s)[vV]/\s?({_NAME})")


def segment(document: Document, lines: Sequence[Line]) -> Meeting:
    candidates = find_candidates(lines)
    chain = choose_chain(candidates)
    if not chain:
        raise NoAgenda(f"{document.name}: ingen dagsordenspunkter fundet")
    contents = contents_run(candidates, chain[0].line)
    listed = {c.key for c in contents}
    below = [c for c in chain if c not in contents]
    if below and below[0].key not in listed:
        # The contents' numbers do not come back below: these were the items themselves, packed
        # closely (a one-line decision each), and the rest of the agenda follows on from them.
        contents = []
    elif contents and chain[0].key in listed:
        # Headings in the contents list only list; the items' texts start at the headings below.
        chain = below or chain
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

    info = read_meeting_info(document, lines, header)
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
        else:
            labelled = read_participants(body)  # "Deltagere:" / "Afbud:" lists inside an item
            if len(labelled) >= 2:
                participants.extend(labelled)
        sections, attachments = split_sections(body)
        sections = this_meetings_decision(sections, info.date)
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
    items = _with_listed_only(lines, chain, items, contents)
    participants.extend(absent_in_prose(lines))
    return Meeting(document=document, meeting=info, participants=_dedupe(participants), items=tuple(items))


def _with_listed_only(
    lines: Sequence[Line], chain: Sequence[Candidate], items: list[Item], contents: Sequence[Candidate]
) -> list[Item]:
    """Items the table of contents lists but whose text the document does not hold (an excerpt,
    or minutes of only some items): title, time and presenter from the contents line."""
    listed = [c for c in with_contents(chain, contents) if c not in chain]
    if not listed:
        return items
    keyed = list(zip((c.key for c in chain), items, strict=True))
    for cand in listed:
        heading = read_heading(lines, cand)
        spans = {"title": heading.span, "number": lines[cand.line].span}
        keyed.append(
            (
                cand.key,
                Item(
                    number=cand.number,
                    title=heading.title,
                    time_start=heading.time_start,
                    time_end=heading.time_end,
                    presenter=heading.presenter,
                    confidential=heading.confidential,
                    spans=spans,
                ),
            )
        )
    return [item for _, item in sorted(keyed, key=lambda pair: pair[0])]


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
