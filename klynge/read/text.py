"""Plain text: one LINE block per non-empty line. UTF-8, else cp1252, else Latin-1."""

from __future__ import annotations

from klynge.model import Block, BlockKind, Document, Span
from klynge.read.blocks import sha256


def decode(data: bytes) -> str:
    """Text as the author meant it: UTF-8 (BOM stripped), else Windows-1252, else Latin-1.

    A UTF-16 byte-order mark (Notepad's "Unicode") decodes as UTF-16.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes, name: str) -> Document:
    text = decode(data)
    blocks: list[Block] = []
    pos = 0
    page = 1
    paged = "\f" in text
    for raw in text.split("\n"):
        if "\f" in raw:
            page += raw.count("\f")
        stripped = raw.strip().strip("\f").strip()
        if stripped:
            start = pos + raw.index(stripped)
            span = Span(start, start + len(stripped), page if paged else None)
            blocks.append(Block(stripped, BlockKind.LINE, span))
        pos += len(raw) + 1
    return Document(name, "text", text, tuple(blocks), page if paged else None, sha256(data))
