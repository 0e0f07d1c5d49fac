"""Page furniture: running headers/footers, page numbers, stray URL lines and contact sidebars.

None of it belongs to the meeting's text. Headers and footers are found by repetition: with page
numbers known, a line that recurs at the top or bottom of several pages; without them (text dumps of
PDFs), a line that recurs and sits next to a lone page number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from klynge.model import Block, BlockKind

_PAGE_NUMBER = re.compile(r"^(?:side\s+)?\d{1,3}(?:\s*(?:af|/|of)\s*\d{1,3})?\.?$", re.IGNORECASE)
_URL_ONLY = re.compile(r"^(?:<?(?:https?://|www\.|mailto:)\S+>?)$", re.IGNORECASE)
_CONTACT = re.compile(
    r"(?:\b(?:tlf|tel|telefon|mobil|lokaltlf|direkte|fax|e-?mail|mail|web)\b\.?\s*:?"
    r"|\+45\s*\d|\b\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b|@\w[\w.-]*\.\w+|\bwww\.\w"
    r"|\b(?:DK-)?\d{4}\s+[A-ZÆØÅ][a-zæøå]+\s*$|\bEAN\b|\bCVR\b)",
    re.IGNORECASE,
)
_SECTION_WORDS = re.compile(
    r"^(?:indstilling|beslutning|referat|bilag|sagsfremstilling|resumé|baggrund|dagsorden)\b",
    re.IGNORECASE,
)
_JOURNAL = re.compile(
    r"^\s*(?:(?:sags?\s*nr|sagsnummer|j\.?\s*nr|journal\s*nr|journalnummer)\.?\s*:?\s*)?"
    r"(?:[\dA-Z]+(?:-[\dA-Z]+){2,}|\d{2}/\d{3,6})\s*$",
    re.IGNORECASE,
)


def _key(text: str) -> str:
    """Repeated headers differ only in their page number: compare them with digits masked."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def furniture_indexes(blocks: Sequence[Block]) -> set[int]:
    """Indexes of blocks that are page furniture, not content."""
    drop: set[int] = set()
    lines = [i for i, b in enumerate(blocks) if b.kind == BlockKind.LINE]
    if not lines:
        return drop
    pages = {blocks[i].span.page for i in lines}
    paged = len(pages) > 1 and None not in pages

    if paged:
        by_page: dict[int | None, list[int]] = {}
        for i in lines:
            by_page.setdefault(blocks[i].span.page, []).append(i)
        edge_keys: Counter[str] = Counter()
        edge_texts: Counter[str] = Counter()
        for idx in by_page.values():
            for i in {*idx[:3], *idx[-3:]}:
                edge_keys[_key(blocks[i].text)] += 1
                edge_texts[blocks[i].text.strip()] += 1
        threshold = max(2, len(by_page) // 2)
        for idx in by_page.values():
            for i in {*idx[:3], *idx[-3:]}:
                text = blocks[i].text.strip()
                # Masked digits find "Side 2 af 7"; longer lines must repeat word for word.
                same = edge_texts[text] >= threshold or (
                    len(text) <= 40 and edge_keys[_key(text)] >= threshold
                )
                if _PAGE_NUMBER.match(text) or (
                    same and not _SECTION_WORDS.match(text) and not _JOURNAL.match(text) and len(text) < 120
                ):
                    drop.add(i)
    else:
        # Without pages: a repeated line is a footer when every occurrence sits next to a page number.
        numbers = [k for k, i in enumerate(lines) if _PAGE_NUMBER.match(blocks[i].text.strip())]
        number_set = set(numbers)

        def near_number(k: int) -> bool:
            return any(j in number_set for j in range(k - 2, k + 3) if j != k)

        positions: dict[str, list[int]] = {}
        for k, i in enumerate(lines):
            positions.setdefault(_key(blocks[i].text), []).append(k)
        for ks in positions.values():
            text = blocks[lines[ks[0]]].text.strip()
            if len(ks) < 2 or k_is_number(text) or _SECTION_WORDS.match(text) or _JOURNAL.match(text):
                continue
            if len(text) < 120 and all(near_number(k) for k in ks):
                for k in ks:
                    drop.add(lines[k])
                    drop.update(lines[j] for j in range(k - 2, k + 3) if j in number_set)
        for k in numbers:
            if blocks[lines[k]].text.lower().startswith("side"):
                drop.add(lines[k])

    for i in lines:
        if _URL_ONLY.match(blocks[i].text.strip()):
            drop.add(i)
    drop.update(_sidebars(blocks, lines))
    return drop


def k_is_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def _sidebars(blocks: Sequence[Block], lines: Sequence[int]) -> set[int]:
    """Runs of short lines dominated by contact details (address, phone, e-mail, web)."""
    found: set[int] = set()
    k = 0
    while k < len(lines):
        run: list[int] = []
        contacts = 0
        j = k
        while j < len(lines):
            text = blocks[lines[j]].text.strip()
            is_contact = len(text) < 70 and bool(_CONTACT.search(text))
            short = len(text) <= 45 and len(text.split()) <= 6 and not text.endswith((".", ":", ","))
            if _SECTION_WORDS.match(text) and not is_contact:
                break
            if is_contact or short or (text.endswith(":") and len(text) < 20):
                run.append(lines[j])
                contacts += is_contact
                j += 1
            else:
                break
        if contacts >= 3 and contacts * 2 >= len(run) - 1:
            found.update(run)
        k = max(j, k + 1)
    return found
