"""Markdown reader: headings, paragraphs, nested lists, tables, inline HTML tables, links."""

from __future__ import annotations

from pathlib import Path

import pytest

from klynge.model import BlockKind, Document
from klynge.read import read_document

from .minutes import ITEMS, PARTICIPANTS, TITLE, check_spans, minutes_markdown, texts

SEED = Path("/work/shared/seeds/001_89ece5f7f781c02e.txt")


@pytest.fixture(scope="module")
def data() -> bytes:
    return minutes_markdown().encode()


@pytest.fixture(scope="module")
def document(data: bytes) -> Document:
    return read_document(data, "referat.md")


def blocks(document: Document, kind: BlockKind) -> list[tuple[str, int]]:
    return [(b.text, b.level) for b in document.blocks if b.kind == kind]


def test_spans_and_format(document: Document, data: bytes) -> None:
    assert document.format == "markdown"
    check_spans(document, data)


def test_headings_and_bold_headings(document: Document) -> None:
    headings = blocks(document, BlockKind.HEADING)
    assert headings[0] == (TITLE, 1)
    assert [h for h in headings if h[1] == 2][1:] == [(title, 2) for title, _, _ in ITEMS]
    assert headings.count(("Beslutning", 3)) == len(ITEMS)
    assert headings.count(("Indstilling", 0)) == len(ITEMS)  # **Indstilling** on its own


def test_plain_text_without_markup(document: Document) -> None:
    assert "Sted: Regionshuset" in texts(document)  # **bold** markers gone
    assert "**" not in document.text and "](" not in document.text
    assert "Dato: 12. marts 2024 kl. 9.00-12.00" in texts(document)  # hard break, no trailing spaces


def test_nested_list_items(document: Document) -> None:
    items = blocks(document, BlockKind.LIST_ITEM)
    assert items[:3] == [(f"{n}, {r}, {o}", 1) for n, r, o in PARTICIPANTS]
    assert ("afbud fra suppleant", 2) in items  # link text kept, url dropped


def test_table_rows(document: Document) -> None:
    rows = [t for t, _ in blocks(document, BlockKind.TABLE_ROW)]
    assert rows == ["Navn | Organisation", *[f"{n} | {o}" for n, _, o in PARTICIPANTS]]


def test_inline_html_table_and_empty_link() -> None:
    text = (
        "## Bilag\n\n<table>\n<tr><th>Nr.</th><th>Titel</th></tr>\n<tr><td>1</td><td>Økonomi</td></tr>\n"
        "</table>\n\nSe [](https://example.dk/bilag.pdf) og [#](#).\n\n3. Eventuelt\n4. Næste møde\n"
    )
    document = read_document(text.encode(), "bilag.md")
    check_spans(document, text.encode())
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.HEADING, "Bilag"),
        (BlockKind.TABLE_ROW, "Nr. | Titel"),
        (BlockKind.TABLE_ROW, "1 | Økonomi"),
        (BlockKind.PARAGRAPH, "Se https://example.dk/bilag.pdf og #."),
        (BlockKind.LIST_ITEM, "3. Eventuelt"),
        (BlockKind.LIST_ITEM, "4. Næste møde"),
    ]


def test_soft_broken_lines_are_separate_blocks() -> None:
    document = read_document("# Referat\n\nMødeleder: Åse\nReferent: Bjørn\n".encode(), "r.md")
    assert texts(document) == ["Referat", "Mødeleder: Åse", "Referent: Bjørn"]


@pytest.mark.skipif(not SEED.exists(), reason="dev-set seed not present")
def test_docx_converted_to_markdown_seed_reads_as_markdown() -> None:
    data = SEED.read_bytes()
    document = read_document(data, SEED.name)
    assert document.format == "markdown"
    check_spans(document, data)
    assert any(b.kind == BlockKind.HEADING for b in document.blocks)
    assert "##" not in document.text


def test_pandoc_grid_table_rows() -> None:
    text = (
        "## Økonomi\n\n+--------+-----------+\n| Post   | Beløb     |\n+========+===========+\n"
        "| Drift  | 1,2 mio.  |\n+--------+-----------+\n| Anlæg  | 0,4 mio.  |\n+--------+-----------+\n\nTekst.\n"
    )
    document = read_document(text.encode(), "grid.md")
    check_spans(document, text.encode())
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.HEADING, "Økonomi"),
        (BlockKind.TABLE_ROW, "Post | Beløb"),
        (BlockKind.TABLE_ROW, "Drift | 1,2 mio."),
        (BlockKind.TABLE_ROW, "Anlæg | 0,4 mio."),
        (BlockKind.PARAGRAPH, "Tekst."),
    ]
