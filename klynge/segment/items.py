"""Numbered agenda items: which numbered lines are item headings, and what each heading holds.

Any numbered line may be an item heading ("3. Titel", "Punkt 3: Titel", "Sag nr. 3", "9.1 Titel",
a number on its own line), but numbered lists inside item bodies and tables of contents use the same
shapes. The agenda is the chain of candidates whose numbers run on in sequence (3 after 2, 9.1 after
9) with the best evidence of being headings (a heading style, a time slot, a presenter, a section
heading or journal number next to it), chosen by dynamic programming over all candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from klynge.model import BlockKind, Line, Span
from klynge.segment.closed import closed_title

MONTHS = (
    "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_NOT_TITLE = re.compile(
    rf"^(?:{MONTHS})\b|^(?:halvår|kvartal|gang|plads|prioritet|behandling|klasse|sal|sals?|etage)\b",
    re.IGNORECASE,
)
_PREFIXED = re.compile(
    r"^(?:(?:åbent?|lukket)\s+(?:punkt\s+)?|(?:dagsordens)?(?:punkt|pkt\.?|sag(?:\s*nr\.?)?|item|ad)\s*)"
    r"(\d{1,3}(?:\.\d{1,2})?(?:\.?[a-z])?)"
    r"\s*[:.)\-–]?\s*(.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"^(\d{1,3}(?:\.\d{1,2})?(?:\.?[a-z](?=[.)\s]))?)(?:[.)]\s*|\s+|(?=[A-ZÆØÅ][a-zæøå]{2}))(\S.*)$"
)
"""'3. Titel', '3 Titel', '9.1 Titel', and a number glued to its title ('38Godkendelse af …')."""
_NUMBER_BELOW = re.compile(r"^(?:sag|punkt|pkt\.?)\s*(?:nr\.?)?\s*(\d{1,3})\s*$", re.IGNORECASE)
"""'Sag nr. 24' on the line under the item's title."""
_OPEN_MARK = re.compile(r"^\(\s*åben[t]?\s*\)\s*", re.IGNORECASE)
_LEADER = re.compile(r"\s*(?:\.\s?){3,}\s*\d{0,4}\s*$")
"""Dot leaders and a page number at the end of a contents line ("Budget ...... 14")."""
_BARE = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)\.?$")
TIME_SLOT = re.compile(
    r"\(?\s*(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})\s*(?:[-–—]|til)\s*(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})\s*\)?"
    r"|\(\s*kl\.?\s*(\d{1,2})[.:](\d{2})\s*\)",
    re.IGNORECASE,
)
_OPEN_TIME = re.compile(r"\(\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*[-–—]?\s*$", re.IGNORECASE)
PRESENTER = re.compile(r"(?:^|[\s(])[vV](?:/|\.\s)\s*(\S.*)$")
JOURNAL = re.compile(
    r"^(?:(?:sags?\s*nr|sagsnummer|j\.?\s*nr|journal\s*nr|journalnummer|acadre|emne)\.?\s*:?\s*)?"
    r"(\d{1,4}(?:-\d{1,4}){3,}|[A-ZÆØÅ]{2,5}-\d{4}-\d{3,}|\d{2}/\d{3,6}|\d{2}\.\d{2}\.\d{2}-[A-ZØ]\d{2}-\d+-\d{2})"
    r"\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    line: int
    number: str
    key: tuple[int, int]
    """(major, minor); minor 0 for a main item."""
    text: str
    """The heading text after the number (may be empty when the number stands alone)."""
    weight: float
    closed: bool = False
    """The number came after a closed-item marker ("Lukket 4 Titel")."""
    below: int = 0
    """Lines under the title that only carry its number ("Sag nr. 24")."""


def _number_key(number: str) -> tuple[int, int] | None:
    m = re.match(r"^(\d{1,3})(?:\.(\d{1,2}))?(?:\.?([a-z]))?$", number)
    if not m:
        return None
    minor = int(m.group(2)) if m.group(2) else (ord(m.group(3)) - 96 if m.group(3) else 0)
    return int(m.group(1)), minor


def is_section_heading(text: str) -> bool:
    from klynge.segment.sections import section_heading

    return section_heading(text) is not None


def find_candidates(lines: Sequence[Line]) -> list[Candidate]:
    found: list[Candidate] = []
    for i, line in enumerate(lines):
        text = line.text.strip().strip("*").strip()
        number, rest = "", ""
        below = _NUMBER_BELOW.match(text)
        if below and i > 0 and _title_above(lines, i):
            title = lines[i - 1].text.strip().strip("*").strip()
            key = _number_key(below.group(1))
            if key is not None and key[0] > 0:
                found.append(
                    Candidate(i - 1, below.group(1), key, title, _weight(lines, i - 1, title) + 1.5, below=1)
                )
            continue
        m = _PREFIXED.match(text)
        if m:
            number, rest = m.group(1), m.group(2)
        else:
            m = _NUMBERED.match(text)
            if m:
                number, rest = m.group(1), m.group(2)
            else:
                m = _BARE.match(text)
                if m and i + 1 < len(lines) and line.kind != BlockKind.TABLE_ROW:
                    number, rest = m.group(1), ""
        if not number:
            continue
        number = number.rstrip(".")
        key = _number_key(number.replace(".", ".", 1))
        if key is None or key[0] == 0 or key[0] > 400:
            continue
        rest = _OPEN_MARK.sub("", rest)  # "3 (Åben) Titel": an open item says so
        dashed = re.match(r"^[-–]\s+(?=\d{1,2}[.:]\d{2}|[A-ZÆØÅ])", rest)
        if dashed:  # "1 - 09.00-09.01 Godkendelse af dagsordenen"
            rest = rest[dashed.end() :]
        ordinal = re.match(r"^\d{1,2}\.\s+[a-zæøå]", rest)  # "4. 3. afrapportering af …"
        time_first = re.match(r"^\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}\s+[A-ZÆØÅ]", rest)
        if rest and (
            _NOT_TITLE.match(rest)
            or rest[0] in "-–—/%,;"
            or (rest[0].isdigit() and not ordinal and not time_first)
        ):
            continue
        closed = bool(re.match(r"lukket\s", text, re.IGNORECASE))
        found.append(Candidate(i, number, key, rest, _weight(lines, i, rest), closed))
    return found


def _title_above(lines: Sequence[Line], i: int) -> bool:
    """Is the line above a number-only line ("Sag nr. 24") that item's title?"""
    above = lines[i - 1].text.strip()
    return (
        3 <= len(above) <= 200
        and not above.endswith((".", ":", ","))
        and not is_section_heading(above)
        and not _NUMBERED.match(above)
        and not _PREFIXED.match(above)
        and not JOURNAL.match(above)
    )


def _weight(lines: Sequence[Line], i: int, rest: str) -> float:
    """Evidence that line i is an agenda item heading rather than a numbered list entry."""
    line = lines[i]
    w = 1.0
    if line.kind == BlockKind.HEADING:
        w += 3.0
    if line.kind == BlockKind.TABLE_ROW:
        w -= 0.5
    head = " ".join(ln.text for ln in lines[i : i + 3])
    if TIME_SLOT.search(head[: len(rest) + 120]):
        w += 2.0
    if PRESENTER.search(rest):
        w += 1.0
    for ahead in lines[i + 1 : i + 9]:
        if is_section_heading(ahead.text):
            w += 2.0
            break
        if _NUMBERED.match(ahead.text.strip()):
            break
    # Numbered lines packed together are a list or a table of contents, not the agenda itself.
    packed = sum(
        1
        for k in (i - 1, i + 1)
        if 0 <= k < len(lines)
        and _NUMBERED.match(lines[k].text.strip())
        and not _NOT_TITLE.match(lines[k].text)
    )
    if line.kind != BlockKind.HEADING:
        w -= 0.75 * packed
    for near in (*lines[max(0, i - 2) : i], *lines[i + 1 : i + 3]):
        if JOURNAL.match(near.text.strip()):
            w += 2.0
            break
    if rest.endswith("?"):
        w -= 1.0
    if rest and rest[0].islower():
        w -= 1.5
    if len(rest) > 220:
        w -= 1.0
    if line.bullet and line.kind != BlockKind.LIST_ITEM:
        w -= 1.0
    return w


def _follows(prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    if nxt[0] == prev[0] + 1 and nxt[1] == 0:
        return True
    return nxt[0] == prev[0] and nxt[1] == prev[1] + 1


def choose_chain(cands: Sequence[Candidate]) -> list[Candidate]:
    """The best-scoring run of candidates whose numbers follow on from each other."""
    if not cands:
        return []
    best: list[float] = []
    back: list[int] = []
    for i, c in enumerate(cands):
        start_bonus = 0.5 if c.key == (1, 0) else (-1.0 if c.key[1] else -0.5)
        score, prev = c.weight + start_bonus, -1
        for j in range(i - 1, -1, -1):
            p = cands[j]
            if _follows(p.key, c.key) and p.line < c.line:
                cand = best[j] + c.weight - (0.8 if c.line == p.line + 1 else 0.0)
                if cand > score:
                    score, prev = cand, j
        best.append(score)
        back.append(prev)
    end = max(range(len(cands)), key=lambda k: (best[k], -k))
    chain: list[Candidate] = []
    while end != -1:
        chain.append(cands[end])
        end = back[end]
    return chain[::-1]


def contents_run(cands: Sequence[Candidate], starts_by: int) -> list[Candidate]:
    """A table of contents that begins at or above line `starts_by`: the longest run of at least
    three candidates on (nearly) consecutive lines whose numbers follow on ("1. …", "2. …", "3. …"
    packed together). A numbered list further down, inside an item, is never the contents."""
    best: list[Candidate] = []
    run: list[Candidate] = []
    for c in cands:
        if run and _follows(run[-1].key, c.key) and c.line - run[-1].line <= 2:
            run.append(c)
        elif c.line > starts_by:
            break
        else:
            run = [c]
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 3 else []


def with_contents(chain: Sequence[Candidate], contents: Sequence[Candidate]) -> list[Candidate]:
    """The agenda as the table of contents lists it, each item at its own heading where the
    document has one: a page that holds only some items' texts (an excerpt, "Ad 3." minutes after
    the agenda list) still has every item. Contents entries only when the contents and the
    headings agree on where the agenda starts."""
    if not contents or not chain or chain[0].key not in {c.key for c in contents}:
        return list(chain)
    have = {c.key for c in chain}
    return sorted([*chain, *(c for c in contents if c.key not in have)], key=lambda c: c.key)


@dataclass(frozen=True)
class Heading:
    """What an item heading says: title, time slot, presenter; and how many lines it used."""

    title: str
    time_start: str | None
    time_end: str | None
    presenter: str | None
    used: int
    span: Span
    confidential: bool


def _continues(text: str, nxt: Line, first: Line) -> bool:
    """Does a wrapped heading go on to the next line?"""
    n = nxt.text.strip()
    if not n or nxt.bullet or is_section_heading(n) or JOURNAL.match(n):
        return False
    if first.kind in {BlockKind.HEADING} or nxt.kind == BlockKind.HEADING:
        return False
    if _NUMBERED.match(n) and not re.match(r"^\d{1,2}[.:]\d{2}\b", n):
        return False
    if _OPEN_TIME.search(text) or text.count("(") > text.count(")"):
        return True
    if TIME_SLOT.search(text):
        # After the time slot only a presenter list broken after "og" or "," runs on.
        return bool(PRESENTER.search(text)) and bool(re.search(r"(?:\bog|,)\s*$", text))
    if (
        TIME_SLOT.search(n[:80])
        or _OPEN_TIME.search(n)
        or re.search(r"\(\s*kl\.", n[:80])
        or re.match(r"^[vV]/", n)
    ):
        return True
    if re.search(r"[-–,(]\s*$|\b(?:og|i|for|til|af|med|om|på|ved|mellem|samt|the|and)\s*$", text):
        return len(text) >= 40
    return False


def _hhmm(h: str, m: str) -> str:
    return f"{int(h):02d}:{m}"


def read_heading(lines: Sequence[Line], cand: Candidate) -> Heading:
    first = lines[cand.line]
    text = cand.text
    used = 1 + cand.below
    span = first.span.join(lines[cand.line + cand.below].span) if cand.below else first.span
    if not text and not cand.below and cand.line + 1 < len(lines):
        # A number on a line of its own: the title is the next line.
        text = lines[cand.line + 1].text.strip()
        span = span.join(lines[cand.line + 1].span)
        used = 2
    while used < 5 and cand.line + used < len(lines) and _continues(text, lines[cand.line + used], first):
        nxt = lines[cand.line + used]
        joiner = "" if re.search(r"\(\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*[-–—]$", text) else " "
        text = f"{text.rstrip()}{joiner}{nxt.text.strip()}"
        span = span.join(nxt.span)
        used += 1
    text = " ".join(text.replace("**", "").split())
    start = end = None
    cut = len(text)
    slot = TIME_SLOT.search(text)
    if slot:
        g = slot.groups()
        if g[0]:
            start, end = _hhmm(g[0], g[1]), _hhmm(g[2], g[3])
        else:
            start = _hhmm(g[4], g[5])
        cut = slot.start()
        if not text[:cut].strip(" -–—:,"):
            # The slot comes first ("09.00-09.01 Godkendelse af dagsordenen"): the title follows it.
            text = text[slot.end() :].strip()
            cut = len(text)
    presenter = None
    pres = PRESENTER.search(text)
    if pres:
        raw = pres.group(1)
        after = TIME_SLOT.search(raw)
        if after:
            raw = raw[: after.start()]
        presenter = raw.strip(" .,;:-–()") or None
        cut = min(cut, pres.start())
    title = _LEADER.sub("", text[:cut]).strip(" -–—:,")
    if title.endswith(".") and not re.search(r"\b\w{1,4}\.$", title):
        title = title[:-1].rstrip()
    confidential, title = closed_title(title)
    confidential = confidential or cand.closed
    return Heading(title, start, end, presenter, used, span, confidential)
