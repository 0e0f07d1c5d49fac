"""Readers: bytes to positioned blocks. `sniff.py` picks the reader from the content."""

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
