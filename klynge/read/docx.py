"""DOCX via python-docx (package, styles, numbering) and its lxml tree (body in document order).

The body is walked element by element, so paragraphs and tables interleave as written, and
content controls (w:sdt), tracked insertions (w:ins), hyperlinks and smart tags are looked into.
Deleted text (w:delText) and field codes (w:instrText) are left out; a text box's lines follow
its anchor paragraph's first line as LINE blocks (its VML copy in mc:Fallback is skipped).
- HEADING: styles named "Heading N"/"Overskrift N" (level N), "Title"/"Titel" (level 1), or any
  paragraph/style with an outline level (w:outlineLvl, level + 1).
- HEADING level 0: a short paragraph (at most 12 words, not ending in ".") whose text is all bold,
  the way "Indstilling" or "Beslutning" are typed in many templates. Level 0 means "a heading with
  no outline level"; the segmenter decides what it heads.
- LIST_ITEM: numbering (w:numPr, in the paragraph or its style) or a list style name ("List Bullet 2",
  "Opstilling-punkttegn"); level = w:ilvl + 1, else the digit in the style name, else 1. Word's
  automatic labels ("1.", "2.1", "a)") are put in front of the text, bullets are not (numbering.py).
- TABLE_ROW: one per row, cell texts joined by " | "; a horizontally merged cell counts once and
  a vertically merged continuation cell is left out. Text in nested tables joins its cell's text.
- PARAGRAPH: everything else. A manual line break (w:br) splits a paragraph: the first line keeps the
  paragraph's kind, the following lines are LINE blocks (participant lists are often typed so).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree  # type: ignore[import-untyped]

from klynge.errors import UnreadableDocument
from klynge.model import BlockKind, Document
from klynge.read.blocks import DocumentBuilder
from klynge.read.numbering import Numbering, W

MAX_XML_BYTES = 50_000_000
MAX_TOTAL_BYTES = 400_000_000
_HEADING = re.compile(r"^(?:heading|overskrift|berschrift)\s*(\d)", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|liste|opstilling|punkttegn|bullet", re.IGNORECASE)
_DIGIT = re.compile(r"(\d)\s*$")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag"}


@dataclass(frozen=True)
class _Style:
    name: str
    outline: int | None
    num_id: str | None
    ilvl: int | None
    bold: bool
    based_on: str | None


def read_docx(data: bytes, name: str) -> Document:
    _check_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = _Styles(document.styles.element)
        numbering = Numbering(_numbering_xml(document))
    except (
        KeyError,
        ValueError,
        AttributeError,
        TypeError,
        NotImplementedError,
        RuntimeError,  # zipfile: an encrypted member
        EOFError,
        OSError,
        zlib.error,
        zipfile.BadZipFile,
        PackageNotFoundError,
        etree.XMLSyntaxError,
    ) as exc:
        raise UnreadableDocument(f"{name}: DOCX-filen kan ikke læses ({type(exc).__name__})") from exc
    out = DocumentBuilder()
    _walk(body, styles, numbering, out)
    return out.build(name, "docx", data)


def _check_zip(data: bytes, name: str) -> None:
    """Refuse broken zips, zips without word/document.xml and zip bombs, before parsing any XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableDocument(f"{name}: DOCX-filen er beskadiget") from exc
    main = [i.file_size for i in infos if i.filename == "word/document.xml"]
    if not main:
        raise UnreadableDocument(f"{name}: er ikke en Word-fil (DOCX)")
    total = sum(i.file_size for i in infos)
    if main[0] > MAX_XML_BYTES or total > MAX_TOTAL_BYTES:
        raise UnreadableDocument(f"{name}: DOCX-filen udpakker til {total // 1_000_000} MB (for stor)")


def _numbering_xml(document: Any) -> Any:
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/numbering") and not rel.is_external:
            return etree.fromstring(rel.target_part.blob)
    return None


class _Styles:
    """The styles by id, each read from its XML only when a paragraph uses it (templates define
    hundreds, documents use a few). As before: the last style with an id wins."""

    def __init__(self, styles_xml: Any) -> None:
        self._xml: dict[str, Any] = {}
        for style in styles_xml.iterchildren(f"{W}style"):
            self._xml[style.get(f"{W}styleId") or ""] = style
        self._read: dict[str, _Style] = {}
        levels = styles_xml.iter(f"{W}outlineLvl", f"{W}ilvl")
        if any(_bad_int(level.get(f"{W}val")) for level in levels):
            for style_id in self._xml:  # read them all now, so the error is the unreadable file's
                self[style_id]

    def __contains__(self, style_id: str) -> bool:
        return style_id in self._xml

    def __getitem__(self, style_id: str) -> _Style:
        found = self._read.get(style_id)
        if found is None:
            found = self._read[style_id] = _style(self._xml[style_id])
        return found


def _style(style: Any) -> _Style:
    ppr = style.find(f"{W}pPr")
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    rpr = style.find(f"{W}rPr")
    return _Style(
        name=_val(style, "name") or "",
        outline=_int(_val(ppr, "outlineLvl")),
        num_id=_val(numpr, "numId"),
        ilvl=_int(_val(numpr, "ilvl")),
        bold=_on(rpr, "b"),
        based_on=_val(style, "basedOn"),
    )


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{W}{tag}") if element is not None else None
    return None if found is None else found.get(f"{W}val")


def _bad_int(text: str | None) -> bool:
    """A value `_int` cannot read ("²" is a digit, not a decimal)."""
    return text is not None and text.isdigit() and not text.isdecimal()


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


def _on(rpr: Any, tag: str) -> bool:
    found = rpr.find(f"{W}{tag}") if rpr is not None else None
    return found is not None and found.get(f"{W}val") not in {"0", "false", "off"}


def _chain(styles: _Styles, style_id: str | None) -> list[_Style]:
    """A style and the styles it is based on, nearest first (cycles cut)."""
    chain: list[_Style] = []
    while style_id and style_id in styles and len(chain) < 10:
        chain.append(styles[style_id])
        style_id = styles[style_id].based_on
    return chain


def _walk(parent: Any, styles: _Styles, numbering: Numbering, out: DocumentBuilder) -> None:
    for element in parent.iterchildren():
        tag = element.tag
        if tag == f"{W}p":
            _paragraph(element, styles, numbering, out)
        elif tag == f"{W}tbl":
            _table(element, out)
        elif tag in _CONTAINERS:
            _walk(element, styles, numbering, out)


def _text(element: Any) -> str:
    """Visible text: w:t, tabs as spaces, w:br/w:cr and inner paragraphs as newlines.

    Deleted text (w:delText) and field codes (w:instrText) are other tags, so they are left out.
    """
    parts: list[str] = []
    # A text box is stored twice: the modern drawing and a VML copy in mc:Fallback. Read it once.
    skip = {inner for fallback in element.iter(_FALLBACK) for inner in fallback.iter()}
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}p"):
        tag = node.tag
        if node is element or (skip and node in skip):
            continue
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:  # a line break, or a new paragraph inside a table cell
            parts.append("\n")
    return "".join(parts)


def _paragraph(p: Any, styles: _Styles, numbering: Numbering, out: DocumentBuilder) -> None:
    ppr = p.find(f"{W}pPr")
    chain = _chain(styles, _val(ppr, "pStyle"))
    style_name = chain[0].name if chain else ""
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    num_id = _val(numpr, "numId") or next((s.num_id for s in chain if s.num_id), None)
    ilvl = _int(_val(numpr, "ilvl"))
    if ilvl is None:
        ilvl = next((s.ilvl for s in chain if s.ilvl is not None), None)
    label = numbering.label(num_id, ilvl or 0) if num_id and num_id != "0" else ""
    text = _text(p)
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    kind, level = _kind(p, ppr, chain, style_name, num_id, ilvl, text)
    for i, line in enumerate(text.split("\n")):
        out.add(line, kind if i == 0 else BlockKind.LINE, None, level if i == 0 else 0)


def _kind(
    p: Any, ppr: Any, chain: list[_Style], style_name: str, num_id: str | None, ilvl: int | None, text: str
) -> tuple[BlockKind, int]:
    if style_name.lower() in {"title", "titel"}:
        return BlockKind.HEADING, 1
    match = _HEADING.match(style_name)
    if match:
        return BlockKind.HEADING, int(match.group(1))
    outline = _int(_val(ppr, "outlineLvl"))
    if outline is None:
        outline = next((s.outline for s in chain if s.outline is not None), None)
    if outline is not None and outline < 9:
        return BlockKind.HEADING, outline + 1
    if (num_id and num_id != "0") or _LIST_STYLE.search(style_name):
        if ilvl is not None:
            return BlockKind.LIST_ITEM, ilvl + 1
        digit = _DIGIT.search(style_name)
        return BlockKind.LIST_ITEM, int(digit.group(1)) if digit else 1
    # The text tests first: they are cheap, the run walk is not (same answer in any order).
    if len(text.split()) <= 12 and not text.rstrip().endswith(".") and _all_bold(p, chain):
        return BlockKind.HEADING, 0
    return BlockKind.PARAGRAPH, 0


def _all_bold(p: Any, chain: list[_Style]) -> bool:
    style_bold = any(s.bold for s in chain)
    runs = [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iterchildren(f"{W}t")).strip()]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(f"{W}rPr")
        b = rpr.find(f"{W}b") if rpr is not None else None
        if b is None and not style_bold:
            return False
        if b is not None and b.get(f"{W}val") in {"0", "false", "off"}:
            return False
    return True


def _table(tbl: Any, out: DocumentBuilder) -> None:
    for tr in tbl.iter(f"{W}tr"):
        if _nearest(tr, f"{W}tbl") is not tbl:
            continue  # rows of nested tables are part of their cell's text
        cells: list[str] = []
        for tc in tr.iter(f"{W}tc"):
            if _nearest(tc, f"{W}tr") is not tr:
                continue
            tcpr = tc.find(f"{W}tcPr")
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            if vmerge is not None and vmerge.get(f"{W}val") != "restart":
                continue
            text = " ".join(_text(tc).split())
            if text:
                cells.append(text)
        if cells:
            out.add(" | ".join(cells), BlockKind.TABLE_ROW)


def _nearest(element: Any, tag: str) -> Any:
    """The closest ancestor with `tag` (rows may sit in content controls, so not just the parent)."""
    node = element.getparent()
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node
