"""Readers: bytes to positioned blocks. `sniff.py` picks the reader from the content.

    read_document(data, name) -> Document

The contract every reader keeps (tests/read checks it, also under fuzzing):
- `Document.text[b.span.start:b.span.end] == b.text` for every block; blocks are in reading order,
  non-empty and stripped; `Document.text` is the blocks joined by "\n" (PDF pages by "\n\f\n").
- `sha256` is of the input bytes; `pages` and `Span.page` (1-based) are set for PDF (and for text
  with form feeds), None otherwise.
- Kinds: PDF and plain text give LINE blocks; DOCX, HTML and Markdown give HEADING (level 1-6, or 0
  for a short all-bold paragraph), PARAGRAPH, LIST_ITEM (level = nesting depth, numbers of ordered
  lists kept in the text), TABLE_ROW (cells joined by " | "). A block broken by hand gives a block
  per line: in DOCX and in Markdown list items the 2nd+ lines are LINE, in Markdown paragraphs and
  HTML they keep the block's kind.
- Bad input raises an `InputError` whose one-line Danish message starts with the file name:
  EmptyDocument, UnsupportedFormat, UnreadableDocument. Nothing else escapes.
"""

from __future__ import annotations

from collections.abc import Callable

from klynge.errors import EmptyDocument, UnreadableDocument
from klynge.model import Document
from klynge.read.docx import read_docx
from klynge.read.html import read_html
from klynge.read.markdown import read_markdown
from klynge.read.pdf import read_pdf
from klynge.read.sniff import sniff
from klynge.read.text import read_text

READERS: dict[str, Callable[[bytes, str], Document]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "html": read_html,
    "markdown": read_markdown,
    "text": read_text,
}


def read_document(data: bytes, name: str) -> Document:
    """Read any supported document; raises an `InputError` naming the file when it cannot."""
    reader = READERS[sniff(data, name)]
    try:
        document = reader(data, name)
    except RecursionError as exc:  # the tree walkers recurse; 10 000 nested <div>s is not minutes
        raise UnreadableDocument(f"{name}: dokumentet er for dybt indlejret") from exc
    if not document.blocks:
        raise EmptyDocument(f"{name}: ingen tekst fundet")
    return document
