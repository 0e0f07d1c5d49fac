"""Bullet glyphs at the start of a line mark a list item; the glyph itself is not text."""

from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*(?:[\uf0b7\uf0a7\uf0d8\uf076•▪◦·●○■□➢►✓\-–—*]|o(?=\s))\s+")


def strip_bullet(text: str) -> tuple[str, bool]:
    """The text without its bullet glyph, and whether there was one."""
    m = _BULLET.match(text)
    if not m or len(text) == m.end():
        return text, False
    return text[m.end() :], True
