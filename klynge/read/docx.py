"""DOCX via python-docx: paragraphs and tables in document order.

Heading styles (English and Danish names) become HEADING blocks with their level, list paragraphs
(list styles or numbering) LIST_ITEM blocks, table rows TABLE_ROW blocks with cells joined by " | ".
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped]

from klynge.errors import UnreadableDocument
from klynge.model import BlockKind, Document
from klynge.read.blocks import DocumentBuilder

MAX_XML_BYTES = 60_000_000
MAX_TOTAL_BYTES = 400_000_000
_HEADING = re.compile(r"^(?:heading|overskrift|berschrift)\s*(\d)", re.IGNORECASE)


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableDocument(f"{name}: DOCX-filen er beskadiget ({exc})") from exc
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise UnreadableDocument(f"{name}: er ikke en Word-fil (DOCX)")
    total = sum(i.file_size for i in infos)
    main = next(i.file_size for i in infos if i.filename == "word/document.xml")
    if main > MAX_XML_BYTES or total > MAX_TOTAL_BYTES:
        raise UnreadableDocument(f"{name}: DOCX-filen udpakker til {total // 1_000_000} MB (for stor)")


def _paragraph_kind(par: Paragraph) -> tuple[BlockKind, int]:
    style = (par.style.name if par.style is not None else "") or ""
    if style.lower() in {"title", "titel"}:
        return BlockKind.HEADING, 1
    m = _HEADING.match(style)
    if m:
        return BlockKind.HEADING, int(m.group(1))
    ppr = par._p.pPr
    numbered = ppr is not None and ppr.find(qn("w:numPr")) is not None
    if numbered or "list" in style.lower() or "liste" in style.lower():
        level = 1
        if numbered and ppr is not None:
            ilvl = ppr.find(qn("w:numPr")).find(qn("w:ilvl"))
            if ilvl is not None:
                level = int(ilvl.get(qn("w:val")) or 0) + 1
        return BlockKind.LIST_ITEM, level
    return BlockKind.PARAGRAPH, 0


def _add_table(table: Table, out: DocumentBuilder) -> None:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        if cells:
            out.add(" | ".join(cells), BlockKind.TABLE_ROW)


def read_docx(data: bytes, name: str) -> Document:
    _check_zip(data, name)
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except (
        KeyError,
        ValueError,
        AttributeError,
        TypeError,
        zipfile.BadZipFile,
        PackageNotFoundError,
        etree.XMLSyntaxError,
    ) as exc:
        raise UnreadableDocument(f"{name}: DOCX-filen kan ikke læses ({type(exc).__name__})") from exc
    out = DocumentBuilder()
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            par = Paragraph(element, document)
            kind, level = _paragraph_kind(par)
            for i, line in enumerate(par.text.split("\n")):
                out.add(line, kind if i == 0 else BlockKind.LINE, None, level)
        elif element.tag == qn("w:tbl"):
            _add_table(Table(element, document), out)
    return out.build(name, "docx", data)
