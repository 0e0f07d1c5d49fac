"""Lines flattened by a text extraction that lost the line breaks: a whole page on one line.

Some published transcripts of PDF minutes hold each page as one long line: the page number, the
item heading ("SAG NR. 3 BUDGET 2025"), its captions ("SAGSFREMSTILLING", "Beslutning") and their
text all run together. Such a line is cut where the genre's structure starts: before an item
number after "Sag nr." / "Punkt", and around a caption written in capitals or standing before a
capitalised sentence. Ordinary lines (under `LONG` characters) are left as they are.
"""

from __future__ import annotations

import re

from klynge.model import Line, Span

LONG = 300
_CAPTIONS = (
    r"sagsfremstilling|indstilling|administrationens indstilling|direktionens indstilling|beslutning|"
    r"resum[ée]|baggrund|konklusion|økonomiske konsekvenser|økonomi|kommunikation|bilag|referat|"
    r"politisk behandling|sagens kerne|tidligere beslutninger|videre proces|høring"
)
_CUT = re.compile(
    rf"(?P<item>\b(?:SAG NR\.|Sag nr\.|PUNKT|Punkt)\s*\d{{1,3}}\b|\b\d{{1,3}}\s+\((?:Åben|Lukket|åben|lukket)\)\s)"
    rf"|(?P<caps>\b(?:{_CAPTIONS.upper()})\b(?=\s+[A-ZÆØÅ]))"
    rf"|(?P<caption>(?<=[.!?:]\s)(?:{_CAPTIONS.title()})\b(?=\s+[A-ZÆØÅ]))"
    r"|(?P<numbered>(?<=^\d\s)(?=\d{1,3}\.?\s+[A-ZÆØÅ])|(?<=^\d\d\s)(?=\d{1,3}\.?\s+[A-ZÆØÅ]))"
    r"|(?P<labelled>\b(?:Sagsbeskrivelse|Sagsfremstilling|Indstillinger?|Beslutning(?:\s+i\s+[^:.]{3,80})?|Bilag"
    r"|Økonomiske konsekvenser|Vurdering|Resum[ée])\s*:)"
)
"""Where a flattened page is cut: an item number after "Sag nr."/"Punkt", a caption in capitals or
after a sentence's end, and an item "N. Titel" right after the page's own number."""


_NUMBER_BEFORE_TITLE = re.compile(r"(?<!\S)(\d{1,3})\.?\s+(?=[A-ZÆØÅ]|\((?:Åben|Lukket|åben|lukket)\))")


def _numbered_run(text: str) -> list[int]:
    """Where a list numbered 1, 2, 3 … ran together ("1 Meddelelser 2 Forslag til … 3 Lokalplan"):
    the starts of the longest run of numbers that follow on in order, at least three (linear)."""
    starts: list[int] = []
    back: list[int] = []
    length: list[int] = []
    ending: dict[int, int] = {}
    """Number -> index of the match that ends the longest run so far at that number."""
    best = -1
    for m in _NUMBER_BEFORE_TITLE.finditer(text):
        number = int(m.group(1))
        prev = ending.get(number - 1, -1)
        starts.append(m.start())
        back.append(prev)
        length.append(length[prev] + 1 if prev >= 0 else 1)
        k = len(starts) - 1
        if number not in ending or length[k] > length[ending[number]]:
            ending[number] = k
        if best < 0 or length[k] > length[best]:
            best = k
    if best < 0 or length[best] < 3:
        return []
    run = []
    while best >= 0:
        run.append(starts[best])
        best = back[best]
    return run[::-1]


def cut_flattened(line: Line) -> list[Line]:
    """The line cut at the structure it ran together; [line] when it is not a flattened page."""
    text = line.text
    if len(text) < LONG:
        return [line]
    cuts: list[int] = []
    for m in _CUT.finditer(text):
        cuts.append(m.start())
        if m.lastgroup in ("caps", "caption", "labelled"):
            cuts.append(m.end())  # the caption on a line of its own, its text after it
    cuts.extend(_numbered_run(text))
    cuts = sorted({c for c in cuts if 0 < c < len(text)})
    if not cuts:
        return [line]
    pieces: list[Line] = []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        piece = text[start:end].strip()
        if not piece:
            continue
        span = Span(
            min(line.span.start + start, line.span.end),
            min(line.span.start + end, line.span.end),
            line.span.page,
        )
        pieces.append(Line(piece, line.kind, span, line.level, line.bullet and start == 0))
    return pieces
