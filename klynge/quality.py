"""How far to trust a parse: a verdict from evidence in the document itself (issue 16).

No parser reads every template right, and a badly read document must not be stored as if it were
fine. `assess` compares what was found with what the document shows: numbered heading-like lines
against items found, text left outside every item, a forum that looks like a time, a date, an
address or a sentence, a missing date, minutes without outcomes, a participant heading without
participants. Each finding lowers the confidence by a weight for how grave it is. General rules
only: no names or phrases of any particular document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from klynge.model import Meeting, Quality, SectionKind

GRAVE = 0.35
"""The parse is almost surely wrong (no items, a time as forum, most items missed)."""
SERIOUS = 0.6
MINOR = 0.85
REVIEW_BELOW = 0.6

_TIME = re.compile(r"^(?:kl\.?\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?\b", re.IGNORECASE)
_DATE = re.compile(
    r"^(?:\w+dag\s+(?:den\s+)?)?\d{1,2}\.\s*(?:\d{1,2}\.|[a-zæøå]+\.?)\s*\d{2,4}\b|^\d{4}-\d{2}-\d{2}\b"
    r"|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b\d{4}\s+[A-ZÆØÅ][a-zæøå]+")
_STREET = re.compile(r"[a-zæøå]{3,}\s+\d{1,3}[A-Za-z]?\b(?:,|\s|$)")
_LEADING_PUNCT = re.compile(r"^[^\w\"'«(]")
_FRAGMENT = re.compile(r"^(?:og|eller|af|i|til|for|med|på|om|at|som|der|den|det|fra|ved)\b", re.IGNORECASE)
"""A forum that begins with a Danish function word is a piece of a sentence ("og referat")."""
_NUMBERED = re.compile(
    r"^\s*(?:(?i:pkt|punkt|sag(?:\s+nr)?|ad|åbent?|lukket)\.?\s*)?(\d{1,4})\s*[.):]?\s+(?=[A-ZÆØÅ])"
)
"""An item heading's number: "3. Titel", "Pkt. 3 Titel", "Ad 3. Titel", "715 Titel"; the title capitalised."""
_PARTICIPANT_HEADING = re.compile(
    r"^\s*(?:deltagere|til stede|tilstede|fremmødte|mødedeltagere|deltog)\s*:?\s*$", re.IGNORECASE
)
_MINUTES_TITLE = re.compile(
    r"^\W*(?:(?:endeligt|godkendt|foreløbigt|udkast til)\s+)?(?:referat|beslutningsprotokol)", re.IGNORECASE
)
"""A document title that says minutes: "Referat", "Referat af møde i …", "Endeligt referat",
"Beslutningsprotokol"; not "Godkendelse af referat" deep in an agenda."""


def assess(meeting: Meeting) -> Quality:
    """The verdict on one parse: confidence 0-1, whether it needs review, and why (Danish)."""
    findings = list(_findings(meeting))
    confidence = 1.0
    for weight, _reason in findings:
        confidence *= weight
    grave = any(weight <= GRAVE for weight, _ in findings)
    return Quality(
        confidence=round(confidence, 2),
        needs_review=grave or confidence < REVIEW_BELOW,
        reasons=tuple(reason for _, reason in findings),
    )


def _findings(meeting: Meeting) -> Iterator[tuple[float, str]]:
    yield from _forum_findings(meeting.meeting.forum)
    location = (meeting.meeting.location or "").strip()
    if location and _LEADING_PUNCT.match(location):
        yield SERIOUS, f"Stedet begynder med tegnsætning: «{_short(location)}»"
    if meeting.meeting.date is None:
        yield SERIOUS, "Mødets dato blev ikke fundet"
    yield from _item_findings(meeting)
    yield from _participant_findings(meeting)


def _forum_findings(forum: str | None) -> Iterator[tuple[float, str]]:
    text = (forum or "").strip()
    if not text:
        yield SERIOUS, "Forum blev ikke fundet"
        return
    if _TIME.match(text):
        yield GRAVE, f"Forum ligner et klokkeslæt: «{_short(text)}»"
    elif _DATE.match(text):
        yield GRAVE, f"Forum ligner en dato: «{_short(text)}»"
    elif _LEADING_PUNCT.match(text):
        yield GRAVE, f"Forum begynder med tegnsætning: «{_short(text)}»"
    elif _FRAGMENT.match(text):
        yield SERIOUS, f"Forum ligner et brudstykke af en sætning: «{_short(text)}»"
    elif _POSTCODE.search(text) or _STREET.search(text):
        yield SERIOUS, f"Forum ligner en adresse: «{_short(text)}»"
    elif len(text.split()) > 12 or (text.endswith(".") and len(text.split()) > 6):
        yield SERIOUS, f"Forum ligner en sætning: «{_short(text)}»"


def _item_findings(meeting: Meeting) -> Iterator[tuple[float, str]]:
    items = meeting.items
    text = meeting.document.text
    if not items:
        yield GRAVE, "Ingen dagsordenspunkter fundet"
        return
    run = longest_numbered_run(_candidate_lines(meeting))
    if run >= 3 and len(items) < run * 0.5:
        yield (
            GRAVE,
            f"Dokumentet har {run} nummererede overskrifter, men kun {len(items)} punkter blev fundet",
        )
    elif run >= 3 and len(items) < run * 0.8:
        yield (
            SERIOUS,
            f"Dokumentet har {run} nummererede overskrifter, men kun {len(items)} punkter blev fundet",
        )
    elif len(items) == 1 and len(text) > 4000:
        yield SERIOUS, "Hele det lange dokument blev ét punkt"
    repeated = sorted(n for n, k in Counter(it.number for it in items).items() if k > 1)
    if repeated:
        yield SERIOUS, f"Punktnumre går igen: {', '.join(repeated[:5])}"
    titles = [it.title.strip() for it in items]
    untitled = sum(1 for title in titles if not title)
    if untitled and untitled >= max(1, len(items) // 3):
        yield SERIOUS, f"{untitled} af {len(items)} punkter har ingen titel"
    punctuated = sum(1 for title in titles if title and _LEADING_PUNCT.match(title))
    if punctuated and punctuated >= max(1, len(items) // 3):
        yield SERIOUS, f"{punctuated} af {len(items)} punkttitler begynder med tegnsætning"
    long_titles = sum(1 for title in titles if len(title) > 150)
    if long_titles and long_titles * 2 >= len(items):
        yield SERIOUS, f"{long_titles} af {len(items)} punkttitler er lange som brødtekst"
    elif long_titles and long_titles >= max(1, len(items) // 3):
        yield MINOR, f"{long_titles} af {len(items)} punkttitler er lange som brødtekst"
    flattened = sum(len(line) for line in text.splitlines() if len(line) > 300)
    if len(text) > 1000 and flattened * 2 > len(text):
        yield SERIOUS, "Teksten har mistet sine linjeskift (hele sider på én linje)"
    held = sum(len(it.title) + sum(len(s.text) for s in it.sections) for it in items)
    if len(text) > 2000 and held < 0.25 * len(text):
        share = round(100 * held / len(text))
        yield SERIOUS, f"Kun {share} % af dokumentets tekst ligger i et punkt"
    if _is_minutes(meeting) and len(items) >= 3:
        outcome = (SectionKind.DECISION, SectionKind.MINUTES)
        answered = {d.item_number for d in meeting.decisions}
        with_outcome = sum(
            1 for it in items if it.number in answered or any(s.kind in outcome for s in it.sections)
        )
        if with_outcome < len(items) / 3:
            yield (
                SERIOUS,
                (f"Et referat, men kun {with_outcome} af {len(items)} punkter har referat eller beslutning"),
            )


def _participant_findings(meeting: Meeting) -> Iterator[tuple[float, str]]:
    if meeting.participants:
        return
    if any(_PARTICIPANT_HEADING.match(block.text) for block in meeting.document.blocks):
        yield MINOR, "Dokumentet har en deltagerliste, men ingen deltagere blev fundet"


def _candidate_lines(meeting: Meeting) -> list[str]:
    """Lines that could be an item's heading: short, and not a sentence of running text."""
    lines: list[str] = []
    for block in meeting.document.blocks:
        for raw in block.text.splitlines() or [block.text]:
            line = raw.strip()
            if 3 <= len(line) <= 110 and not line.endswith((",", ";")):
                lines.append(line)
    return lines


def longest_numbered_run(lines: Sequence[str]) -> int:
    """The longest run of lines numbered n, n+1, n+2 … in document order (other lines between)."""
    best = 0
    current: dict[int, int] = {}
    """Run length ending at number n, for the runs still open."""
    for line in lines:
        match = _NUMBERED.match(line)
        if not match:
            continue
        number = int(match.group(1))
        length = current.get(number - 1, 0) + 1
        if length > current.get(number, 0):
            current[number] = length
        best = max(best, length)
    return best


def _is_minutes(meeting: Meeting) -> bool:
    """Whether the document calls itself minutes, in its title or its first lines."""
    heads = [meeting.meeting.title or "", *(b.text for b in meeting.document.blocks[:6])]
    return any(_MINUTES_TITLE.match(head) and "dagsorden" not in head.casefold() for head in heads)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
