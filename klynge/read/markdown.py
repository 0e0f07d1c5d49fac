"""Markdown (often DOCX converted by pandoc or similar): headings, paragraphs, lists, tables.

Each source line of a paragraph becomes its own block, because participant lists and headers are
written as hard-broken lines. Links keep their text (the URL when the text is empty). Emphasis
markers are dropped. A short paragraph that is all bold ("**Indstilling**") is a HEADING of level 0,
as in the DOCX reader. Ordered list items keep their number ("3. Budget"): it is often the agenda
item's number. HTML blocks (pandoc writes tables as inline <table>) go through the HTML reader;
pandoc grid tables ("+---+" rules, "| a | b |" rows) become TABLE_ROW blocks, one per text row.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from klynge.model import BlockKind, Document
from klynge.read.blocks import DocumentBuilder
from klynge.read.html import add_html
from klynge.read.text import decode

_MD = MarkdownIt("commonmark").enable("table")
_GRID_RULE = re.compile(r"\+[-=:+]{2,}\+")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    link_start: list[tuple[int, str]] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append("\n")
        elif child.type == "link_open":
            link_start.append((len(parts), str(child.attrs.get("href") or "")))
        elif child.type == "link_close" and link_start:
            at, href = link_start.pop()
            if not "".join(parts[at:]).strip() and href and href != "#":
                parts.append(href)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            parts.append("\n")
    return "".join(parts)


def _grid_row(line: str, out: DocumentBuilder) -> bool:
    """Pandoc grid tables ("+---+---+" and "| a | b |") are paragraphs to markdown-it: make rows."""
    line = line.strip()
    if _GRID_RULE.fullmatch(line):
        return True
    if len(line) > 1 and line[0] == "|" and line[-1] == "|":
        cells = [" ".join(cell.split()) for cell in line[1:-1].split("|")]
        if any(cells):
            out.add(" | ".join(cell for cell in cells if cell), BlockKind.TABLE_ROW)
        return True
    return False


def _bold_heading(token: Token, text: str) -> bool:
    """A short paragraph that is all bold ("**Beslutning**"): a heading without a level, as in DOCX."""
    if "\n" in text.strip() or len(text.split()) > 12 or text.rstrip().endswith("."):
        return False
    depth = 0
    seen = False
    for child in token.children or []:
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif child.content.strip():
            if depth <= 0:
                return False
            seen = True
    return seen


def read_markdown(data: bytes, name: str) -> Document:
    out = DocumentBuilder()
    tokens = _MD.parse(decode(data))
    list_depth = 0
    heading_level = 0
    in_row = False
    cells: list[str] = []
    number = ""
    for tok in tokens:
        if tok.type in {"bullet_list_open", "ordered_list_open"}:
            list_depth += 1
        elif tok.type in {"bullet_list_close", "ordered_list_close"}:
            list_depth -= 1
        elif tok.type == "list_item_open":
            # "3. Titel" parses as an ordered list; the number is the agenda item's number: keep it.
            number = f"{tok.info}{tok.markup} " if tok.info else ""
        elif tok.type == "heading_open":
            heading_level = int(tok.tag[1:])
        elif tok.type == "heading_close":
            heading_level = 0
        elif tok.type == "tr_open":
            in_row, cells = True, []
        elif tok.type == "tr_close":
            in_row = False
            if any(cells):
                out.add(" | ".join(c for c in cells if c), BlockKind.TABLE_ROW)
        elif tok.type == "inline":
            text = _inline_text(tok)
            if in_row:
                cells.append(" ".join(text.split()))
                continue
            if heading_level:
                out.add(" ".join(text.split()), BlockKind.HEADING, None, heading_level)
                continue
            kind = BlockKind.LIST_ITEM if list_depth else BlockKind.PARAGRAPH
            if not list_depth and _bold_heading(tok, text):
                out.add(" ".join(text.split()), BlockKind.HEADING, None, 0)
                continue
            text, number = number + text, ""
            for i, line in enumerate(text.split("\n")):
                if not list_depth and _grid_row(line, out):
                    continue
                # Continuation lines of a list item are still part of that item, not new items.
                out.add(
                    line,
                    kind if i == 0 else BlockKind.PARAGRAPH if not list_depth else BlockKind.LINE,
                    None,
                    list_depth,
                )
        elif tok.type in {"html_block"}:
            add_html(tok.content, out)
        elif tok.type in {"fence", "code_block"}:
            for line in tok.content.split("\n"):
                out.add(line, BlockKind.LINE)
    return out.build(name, "markdown", data)
