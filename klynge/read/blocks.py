"""Building a Document from pieces of text, so every block's span indexes the document text exactly."""

from __future__ import annotations

import hashlib

from klynge.model import Block, BlockKind, Document, Span


class DocumentBuilder:
    """Appends blocks and keeps `text[span.start:span.end] == block.text` true by construction."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self._blocks: list[Block] = []

    def add(self, text: str, kind: BlockKind, page: int | None = None, level: int = 0) -> None:
        text = text.strip()
        if not text:
            return
        if self._parts:
            self._parts.append("\n")
            self._pos += 1
        start = self._pos
        self._parts.append(text)
        self._pos += len(text)
        self._blocks.append(Block(text, kind, Span(start, self._pos, page), level))

    def page_break(self) -> None:
        if self._parts:
            self._parts.append("\n\f")
            self._pos += 2

    def build(self, name: str, fmt: str, data: bytes, pages: int | None = None) -> Document:
        return Document(name, fmt, "".join(self._parts), tuple(self._blocks), pages, sha256(data))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
