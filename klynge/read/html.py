"""HTML: headings, paragraphs, list items (with nesting) and table rows, via selectolax (lexbor).

h1-h6 are HEADINGs; <li> LIST_ITEMs with the nesting depth as level, items of an <ol> keep their
number ("3. Budget"); each <tr> one TABLE_ROW, cells joined by " | ", except a layout row (cells with
headings or several paragraphs), whose cells' blocks are read as blocks; <br> splits a block into lines;
a short all-bold <p>/<div> is a level-0 HEADING (as in DOCX); script, style, nav and forms are dropped.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from klynge.model import BlockKind, Document
from klynge.read.blocks import DocumentBuilder
from klynge.read.text import decode

SKIP = {"script", "style", "nav", "head", "noscript", "template", "svg", "button", "form"}
HEADINGS = {f"h{i}": i for i in range(1, 7)}
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "body",
    "html",
    "aside",
    "figure",
    "figcaption",
    "address",
    "center",
    "caption",
    *HEADINGS,
}


class _Walker:
    """Flushes the inline text gathered so far whenever a block element starts or ends."""

    def __init__(self, out: DocumentBuilder) -> None:
        self.out = out
        self.buf: list[str] = []
        self.list_depth = 0
        self.numbers: list[int | None] = []
        """Next number of each open list, innermost last; None for <ul>."""

    def flush(self, kind: BlockKind, level: int = 0) -> None:
        text = "".join(self.buf)
        self.buf = []
        for line in text.split("\n"):
            line = " ".join(line.split())
            if line:
                self.out.add(line, kind, None, level)

    def walk(self, node: Node, kind: BlockKind = BlockKind.PARAGRAPH, level: int = 0) -> None:
        child = node.child
        while child is not None:
            self.visit(child, kind, level)
            child = child.next

    def visit(self, node: Node, kind: BlockKind, level: int) -> None:
        tag = node.tag
        if tag == "-text":
            self.buf.append(node.text_content or "")
            return
        if tag in SKIP or tag == "_comment" or tag is None:
            return
        if tag == "br":
            self.buf.append("\n")
            return
        if tag == "a":
            before = len(self.buf)
            self.walk(node, kind, level)
            if not "".join(self.buf[before:]).strip():
                self.buf.append(node.attributes.get("href") or "")
            return
        if tag not in BLOCK_TAGS:
            self.walk(node, kind, level)
            return
        self.flush(kind, level)
        if tag in HEADINGS:
            self.walk(node, BlockKind.HEADING, HEADINGS[tag])
            self.flush(BlockKind.HEADING, HEADINGS[tag])
        elif tag in {"ul", "ol"}:
            self.list_depth += 1
            start = node.attributes.get("start") or "1"
            self.numbers.append((int(start) if start.isdigit() else 1) if tag == "ol" else None)
            self.walk(node, kind, level)
            self.numbers.pop()
            self.list_depth -= 1
        elif tag == "li":
            if self.numbers and self.numbers[-1] is not None:
                # "3. Budget": the number of an agenda item written as <ol> is part of its title.
                self.buf.append(f"{self.numbers[-1]}. ")
                self.numbers[-1] += 1
            self.walk(node, BlockKind.LIST_ITEM, max(self.list_depth, 1))
            self.flush(BlockKind.LIST_ITEM, max(self.list_depth, 1))
        elif tag == "tr" and _layout_row(node):
            # A table used for layout (agenda portals put items, captions and texts in cells):
            # each cell's own headings and paragraphs are blocks, as they would be outside a table.
            for cell in node.iter():
                if cell.tag in {"td", "th"}:
                    self.walk(cell, kind, level)
                    self.flush(kind, level)
        elif tag == "tr":
            cells: list[str] = []
            for cell in node.iter():
                if cell.tag in {"td", "th"}:
                    text = " ".join((cell.text(separator=" ") or "").split())
                    if text:
                        cells.append(text)
            if cells:
                self.out.add(" | ".join(cells), BlockKind.TABLE_ROW)
        elif tag in {"p", "div"} and kind == BlockKind.PARAGRAPH and _bold_heading(node):
            self.walk(node, BlockKind.HEADING, 0)
            self.flush(BlockKind.HEADING, 0)
        else:
            self.walk(node, kind, level)
            self.flush(kind, level)


_CELL_BLOCKS = {"p", "div", "ul", "ol", "table", "blockquote", "pre", "dl"}


def _layout_row(row: Node) -> bool:
    """A row whose cells hold headings, or several paragraphs, lays out a page; a data row holds
    one value a cell (Word's HTML wraps each in a single <p>)."""
    for cell in row.iter():
        if cell.tag not in {"td", "th"}:
            continue
        blocks = 0
        for inner in cell.traverse():
            if inner is cell:
                continue
            if inner.tag in HEADINGS:
                return True
            if inner.tag in _CELL_BLOCKS:
                blocks += 1
        if blocks >= 2:
            return True
    return False


def _bold_heading(node: Node) -> bool:
    """A short paragraph that is all bold (<p><b>Beslutning</b></p>): a level-0 heading, as in DOCX."""
    text = node.text(separator=" ") or ""
    if not text.strip() or len(text.split()) > 12 or text.rstrip().endswith("."):
        return False
    for inner in node.traverse(include_text=True):
        if inner.tag != "-text" or not (inner.text_content or "").strip():
            continue
        up = inner.parent
        while up is not None and up is not node and up.tag not in {"b", "strong"}:
            up = up.parent
        if up is None or up is node:
            return False
    return True


def add_html(fragment: str, out: DocumentBuilder) -> None:
    """Append the blocks of an HTML document or fragment (also used for HTML inside Markdown)."""
    tree = HTMLParser(fragment)
    root = tree.body or tree.root
    if root is None:
        return
    walker = _Walker(out)
    walker.walk(root)
    walker.flush(BlockKind.PARAGRAPH)


def read_html(data: bytes, name: str) -> Document:
    out = DocumentBuilder()
    add_html(decode(data), out)
    return out.build(name, "html", data)
