"""HTML reader: headings, paragraphs, nested and numbered lists, table rows, <br>, dropped chrome."""

from __future__ import annotations

from klynge.model import BlockKind
from klynge.read import read_document

from .minutes import ITEMS, PARTICIPANTS, TITLE, check_spans, minutes_html, texts


def page(body: str) -> bytes:
    head = "<!DOCTYPE html><html lang='da'><head><title>x</title><style>p{color:red}</style></head>"
    return f"{head}<body><nav><a href='/'>Forside</a></nav><script>var x = 1;</script>{body}</body></html>".encode()


def test_minutes_as_html() -> None:
    data = page(minutes_html(1))
    document = read_document(data, "referat.html")
    assert document.format == "html"
    check_spans(document, data)
    kinds = [(b.kind, b.text, b.level) for b in document.blocks]
    assert kinds[0] == (BlockKind.HEADING, TITLE, 1)
    assert (BlockKind.HEADING, ITEMS[1][0], 2) in kinds
    assert (BlockKind.HEADING, "Beslutning", 3) in kinds
    assert (BlockKind.LIST_ITEM, ", ".join(PARTICIPANTS[0]), 1) in kinds
    assert (BlockKind.TABLE_ROW, "Åse Østergård | Hospitalsenhed Nord", 0) in kinds
    assert "Forside" not in document.text and "var x" not in document.text and "color" not in document.text


def test_br_splits_lines_and_entities_decode() -> None:
    document = read_document(
        page("<p>Dato: 12. marts 2024<br>Sted: R&aring;dhuset &amp; online</p>"), "a.html"
    )
    assert texts(document) == ["Dato: 12. marts 2024", "Sted: Rådhuset & online"]


def test_nested_and_numbered_lists() -> None:
    body = "<ol start='3'><li>Budget<ul><li>Drift</li><li>Anlæg</li></ul></li><li>Eventuelt</li></ol>"
    document = read_document(page(body), "l.html")
    assert [(b.text, b.level) for b in document.blocks] == [
        ("3. Budget", 1),
        ("Drift", 2),
        ("Anlæg", 2),
        ("4. Eventuelt", 1),
    ]
    assert {b.kind for b in document.blocks} == {BlockKind.LIST_ITEM}


def test_bold_paragraph_is_level_0_heading() -> None:
    body = "<p><strong>Indstilling</strong></p><p><b>Beslutning:</b> Godkendt.</p>"
    document = read_document(page(body), "b.html")
    assert [(b.kind, b.text, b.level) for b in document.blocks] == [
        (BlockKind.HEADING, "Indstilling", 0),
        (BlockKind.PARAGRAPH, "Beslutning: Godkendt.", 0),
    ]


def test_fragment_without_html_tag_is_sniffed_as_html() -> None:
    data = "<h2>Referat</h2>\n<p>Til stede:</p>\n<ul><li>Åse</li><li>Bjørn</li></ul>\n<p>Afbud</p>".encode()
    document = read_document(data, "fragment.txt")
    assert document.format == "html"
    assert texts(document) == ["Referat", "Til stede:", "Åse", "Bjørn", "Afbud"]


def test_a_layout_table_is_read_as_the_blocks_of_its_cells() -> None:
    """Agenda portals put items, captions and texts in table cells (issue 15): the cells' headings and
    paragraphs are blocks, so items and sections are found; a data table stays rows."""
    from klynge import parse
    from klynge.model import SectionKind

    rows = "".join(
        f"<tr><td>{n}.</td><td><h3>{title}</h3></td></tr>"
        f"<tr><td></td><td><h4>Beslutning</h4><p>{decision}</p></td></tr>"
        for n, title, decision in [
            (1, "Godkendelse af dagsorden", "Godkendt."),
            (2, "Budget", "Taget til efterretning."),
        ]
    )
    data = page(
        f"<h1>Referat</h1><table>{rows}</table><table><tr><td><p>Anne Holm</p></td><td><p>Region</p></td></tr></table>"
    )
    document = read_document(data, "referat.html")
    kinds = [(b.kind, b.text) for b in document.blocks]
    assert (BlockKind.HEADING, "Godkendelse af dagsorden") in kinds
    assert (BlockKind.TABLE_ROW, "Anne Holm | Region") in kinds
    meeting = parse(page(f"<h1>Referat</h1><table>{rows}</table>"), "referat.html")
    assert [(it.number, it.title, it.section_text(SectionKind.DECISION)) for it in meeting.items] == [
        ("1", "Godkendelse af dagsorden", "Godkendt."),
        ("2", "Budget", "Taget til efterretning."),
    ]
