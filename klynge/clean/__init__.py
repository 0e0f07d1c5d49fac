"""Cleaning: document blocks in, logical lines out.

Drops page furniture (furniture.py), joins hyphenation across line breaks (hyphens.py) and turns
bullet glyphs into list items (bullets.py); cuts pages flattened onto one line at the genre's
structure (flattened.py). Lines are not merged into paragraphs: the segmenter
needs line starts to find headings.
"""

from __future__ import annotations

from klynge.clean.bullets import strip_bullet
from klynge.clean.flattened import cut_flattened
from klynge.clean.furniture import furniture_indexes
from klynge.clean.hyphens import join, joins_word
from klynge.model import BlockKind, Document, Line


def clean(document: Document) -> tuple[Line, ...]:
    blocks = document.blocks
    drop = furniture_indexes(blocks)
    out: list[Line] = []
    for i, block in enumerate(blocks):
        if i in drop:
            continue
        text = " ".join(block.text.replace("\u00a0", " ").split())
        if not text:
            continue
        text, bullet = strip_bullet(text)
        bullet = bullet or block.kind == BlockKind.LIST_ITEM
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.kind in {BlockKind.LINE, BlockKind.PARAGRAPH}
            and prev.kind == block.kind
            and not bullet
            and joins_word(prev.text, text)
        ):
            out[-1] = Line(
                join(prev.text, text), prev.kind, prev.span.join(block.span), prev.level, prev.bullet
            )
            continue
        out.append(Line(text, block.kind, block.span, block.level, bullet))
    return tuple(piece for line in out for piece in cut_flattened(line))
