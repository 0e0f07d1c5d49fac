"""HTML: headings, paragraphs, list items (with nesting) and table rows, via selectolax."""

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
            self.walk(node, kind, level)
            self.list_depth -= 1
        elif tag == "li":
            self.walk(node, BlockKind.LIST_ITEM, max(self.list_depth, 1))
            self.flush(BlockKind.LIST_ITEM, max(self.list_depth, 1))
        elif tag == "tr":
            cells: list[str] = []
            for cell in node.iter():
                if cell.tag in {"td", "th"}:
                    text = " ".join((cell.text(separator=" ") or "").split())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
            if cells:
                self.out.add(" | ".join(cells), BlockKind.TABLE_ROW)
        else:
            self.walk(node, kind, level)
            self.flush(kind, level)


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
