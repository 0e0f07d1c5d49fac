"""Cleaning: hyphenation, page headers/footers, bullets. Document blocks in, logical lines out."""

from __future__ import annotations

from klynge.model import Document, Line


def clean(document: Document) -> tuple[Line, ...]:
    """Placeholder until the cleaners land: every block becomes a line."""
    return tuple(Line(b.text.strip(), b.kind, b.span, b.level) for b in document.blocks)
