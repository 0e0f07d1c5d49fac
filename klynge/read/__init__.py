"""Readers: bytes to positioned blocks. `sniff.py` picks the reader from the content."""

from __future__ import annotations

import hashlib

from klynge.errors import EmptyDocument
from klynge.model import Block, BlockKind, Document, Span


def read_document(data: bytes, name: str) -> Document:
    """Placeholder until the readers land: UTF-8 text, one block per line."""
    if not data.strip():
        raise EmptyDocument(f"{name}: filen er tom")
    text = data.decode("utf-8", errors="replace")
    blocks = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            blocks.append(Block(raw, BlockKind.LINE, Span(pos, pos + len(raw))))
        pos += len(raw) + 1
    return Document(name, "text", text, tuple(blocks), None, hashlib.sha256(data).hexdigest())
