"""PDF via pypdfium2: one LINE block per text line, with its page number.

Pages are separated in Document.text by "\\n\\f". Line structure is kept on purpose: the cleaner
joins hyphenation and drops running headers/footers, and needs lines and pages for both.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from klynge.errors import EmptyDocument, UnreadableDocument
from klynge.model import BlockKind, Document
from klynge.read.blocks import DocumentBuilder

MAX_PAGES = 2000


def read_pdf(data: bytes, name: str) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise UnreadableDocument(f"{name}: PDF'en er krypteret (kræver adgangskode)") from exc
        raise UnreadableDocument(f"{name}: PDF'en er beskadiget eller ufuldstændig ({exc})") from exc
    try:
        n_pages = len(pdf)
        if n_pages > MAX_PAGES:
            raise UnreadableDocument(f"{name}: PDF'en har {n_pages} sider (højst {MAX_PAGES})")
        out = DocumentBuilder()
        chars = 0
        for index in range(n_pages):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            if index:
                out.page_break()
            for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                if line.strip():
                    chars += len(line)
                    out.add(line.replace("\x00", "").replace("\ufffe", "-"), BlockKind.LINE, index + 1)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"{name}: PDF'en kan ikke læses ({exc})") from exc
    finally:
        pdf.close()
    if chars == 0:
        raise EmptyDocument(f"{name}: ingen tekst fundet (scannet PDF?)")
    return out.build(name, "pdf", data, n_pages)
