"""PDF via pypdfium2: one LINE block per text line, with its page number (1-based).

Line structure is kept on purpose: the cleaner joins hyphenation and drops running headers and
footers, and needs lines and pages for both. Pages are separated in `Document.text` by "\\n\\f\\n"
(a form feed on a line of its own), so `text.count("\\f")` before a block is its page minus one
when no page is empty.

Reading order is pdfium's text order with two cheap layout fixes, decided from the position of
each line's first character (one `get_charbox` call per line, so the cost stays near bare
extraction):
- lines in the top or bottom 7.5 % of an unrotated page (running headers, footers, page numbers)
  come first and last on their page, even when the producer drew them after the body;
- a line that is only a bullet glyph (list markers drawn apart from their text, as WeasyPrint and
  some Word exports do) is joined to the line it sits beside: "• Søren Ærø, direktør".
Soft hyphens that pdfium reports as U+FFFE or U+0002 become "-"; NUL characters are dropped;
ligature characters (U+FB00-FB06) are spelled out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium

from klynge import deadline
from klynge.errors import EmptyDocument, UnreadableDocument
from klynge.model import BlockKind, Document
from klynge.read.blocks import DocumentBuilder

MAX_PAGES = 2000
BAND = 0.075
"""Share of the page height at the top and bottom where running headers and footers live."""
BULLETS = frozenset("•◦▪▫‣⁃∙·●○■□►▶➢✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc")
"""Glyphs that are list markers when alone on a line (not dashes: a lone "-" is often an empty cell)."""
_LINE = re.compile(r"[^\r\n]+")
_CLEAN = str.maketrans(
    {
        "\x00": None,
        "\ufffe": "-",
        "\x02": "-",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
"""Soft hyphens as "-", NULs out, typographic ligatures (ﬁ) as letters so words can be found."""


@dataclass
class _Line:
    text: str
    left: float
    bottom: float
    top: float


def read_pdf(data: bytes, name: str) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableDocument(f"{name}: PDF'en er krypteret (kræver adgangskode)") from exc
        raise UnreadableDocument(f"{name}: PDF'en er beskadiget eller ufuldstændig") from exc
    try:
        n_pages = len(pdf)
        if n_pages > MAX_PAGES:
            raise UnreadableDocument(f"{name}: PDF'en har {n_pages} sider (højst {MAX_PAGES})")
        out = DocumentBuilder()
        any_text = False
        for index in range(n_pages):
            deadline.check()
            lines = _page_lines(pdf, index)
            if index:
                out.page_break()
            for line in lines:
                any_text = True
                out.add(line.text, BlockKind.LINE, index + 1)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"{name}: PDF'en kan ikke læses ({exc})") from exc
    finally:
        pdf.close()
    if not any_text:
        raise EmptyDocument(f"{name}: ingen tekst fundet (scannet PDF?)")
    return out.build(name, "pdf", data, n_pages)


def _page_lines(pdf: pdfium.PdfDocument, index: int) -> list[_Line]:
    """The non-empty lines of one page in reading order (see the module docstring)."""
    page = pdf[index]
    try:
        height = page.get_height()
        upright = page.get_rotation() == 0
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            n_chars = len(text)
            lines: list[_Line] = []
            for match in _LINE.finditer(text):
                raw = match.group()
                stripped = raw.strip()
                if not stripped:
                    continue
                first = match.start() + raw.index(stripped[0])
                if first < n_chars:
                    left, bottom, _, top = textpage.get_charbox(first)
                else:
                    left = bottom = top = 0.0
                clean = stripped.translate(_CLEAN).strip()
                if clean:
                    lines.append(_Line(clean, left, bottom, top))
        finally:
            textpage.close()
    finally:
        page.close()
    lines = _join_bullets(lines)
    if upright and height > 0 and len(lines) > 1:
        lines = _bands_in_order(lines, height)
    return lines


def _bands_in_order(lines: list[_Line], height: float) -> list[_Line]:
    """Header-band lines first, body in stream order, footer-band lines last."""
    head = [ln for ln in lines if ln.bottom > height * (1 - BAND)]
    foot = [ln for ln in lines if ln.top < height * BAND and ln.bottom <= height * (1 - BAND)]
    if not head and not foot:
        return lines
    edge = {id(ln) for ln in head} | {id(ln) for ln in foot}
    return head + [ln for ln in lines if id(ln) not in edge] + foot


def _join_bullets(lines: list[_Line]) -> list[_Line]:
    """Put each lone bullet glyph in front of the text line beside it (nearest to its right)."""
    lone = [ln for ln in lines if len(ln.text) == 1 and ln.text in BULLETS]
    if not lone or len(lone) > 500:  # quadratic below; a page of 500 lone bullets is not a list
        return lines
    used: set[int] = set()
    for bullet in lone:
        beside = [
            ln
            for ln in lines
            if ln is not bullet
            and id(ln) not in used
            and not (len(ln.text) == 1 and ln.text in BULLETS)
            and ln.left > bullet.left
            and min(ln.top, bullet.top) - max(ln.bottom, bullet.bottom) > 0
        ]
        if beside:
            target = min(beside, key=lambda ln: ln.left)
            target.text = f"{bullet.text} {target.text}"
            used.add(id(target))
            used.add(id(bullet))
    return [ln for ln in lines if not (id(ln) in used and len(ln.text) == 1 and ln.text in BULLETS)]
