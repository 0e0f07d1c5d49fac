"""Word's automatic list numbers ("1.", "2.1", "a)"), which live in numbering.xml, not in the text.

Agenda items in Word minutes are often an auto-numbered list; without the label "3. Budget" would
reach the segmenter as just "Budget". Bullets get no label (the block kind LIST_ITEM says it).
"""

from __future__ import annotations

import re
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{W}{tag}") if element is not None else None
    return None if found is None else found.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format(n: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, numbering_xml: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        if numbering_xml is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for element in numbering_xml.iterfind(f"{W}abstractNum"):
            abstract[element.get(f"{W}abstractNumId") or ""] = self._parse_levels(element)
        for num in numbering_xml.iterfind(f"{W}num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iterfind(f"{W}lvlOverride"):
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    levels.update(self._parse_levels(override))
            self._levels[num.get(f"{W}numId") or ""] = levels

    @staticmethod
    def _parse_levels(parent: Any) -> dict[int, tuple[str, str, int]]:
        levels = {}
        for lvl in parent.iterfind(f"{W}lvl"):
            ilvl = _int(lvl.get(f"{W}ilvl"), 0)
            levels[ilvl] = (
                _val(lvl, "numFmt") or "decimal",
                _val(lvl, "lvlText") or "",
                _int(_val(lvl, "start"), 1),
            )
        return levels

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list `num_id` at level `ilvl`; "" for bullets and unknown lists."""
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt in {"bullet", "none"} or not text:
            return ""

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, start = levels.get(level, ("decimal", "", 1))
            return _format(max(counters[level], 1) + start - 1, level_fmt)

        return _PLACEHOLDER.sub(number, text).strip()
