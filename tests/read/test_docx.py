"""DOCX reader on real Word files written by python-docx."""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable

import docx
import pytest
from builders import Bullet, Heading, Numbered, Para, Table, make_docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from klynge.errors import UnreadableDocument, UnsupportedFormat
from klynge.model import BlockKind, Document
from klynge.read import read_document

from .minutes import ITEMS, PARTICIPANTS, TITLE, check_spans, minutes_docx_parts, texts


@pytest.fixture(scope="module")
def minutes_docx() -> bytes:
    return make_docx(minutes_docx_parts(), header="Sundhedsklyngen Nord")


@pytest.fixture(scope="module")
def document(minutes_docx: bytes) -> Document:
    return read_document(minutes_docx, "referat.docx")


def kinds(document: Document, kind: BlockKind) -> list[tuple[str, int]]:
    return [(b.text, b.level) for b in document.blocks if b.kind == kind]


def test_spans_and_format(document: Document, minutes_docx: bytes) -> None:
    assert document.format == "docx" and document.pages is None
    check_spans(document, minutes_docx)


def test_headings_with_levels(document: Document) -> None:
    headings = kinds(document, BlockKind.HEADING)
    assert headings[0] == (TITLE, 1)
    assert ("Deltagere", 2) in headings
    for title, _, _ in ITEMS:
        assert (title, 2) in headings


def test_bold_short_paragraphs_are_level_0_headings(document: Document) -> None:
    headings = kinds(document, BlockKind.HEADING)
    assert headings.count(("Indstilling", 0)) == len(ITEMS)
    assert headings.count(("Beslutning", 0)) == len(ITEMS)
    paragraphs = [t for t, _ in kinds(document, BlockKind.PARAGRAPH)]
    assert ITEMS[0][2] in paragraphs  # "Dagsordenen blev godkendt." stays a paragraph


def test_list_items_with_levels_and_numbers(document: Document) -> None:
    items = kinds(document, BlockKind.LIST_ITEM)
    for name, role, org in PARTICIPANTS:
        assert (f"{name}, {role}, {org}", 1) in items
    assert ("1. Sekretariatet sender kommissoriet ud", 1) in items
    assert ("senest uge 14", 2) in items


def test_table_rows_in_document_order(document: Document) -> None:
    rows = kinds(document, BlockKind.TABLE_ROW)
    assert rows[0] == ("Navn | Organisation", 0)
    assert ("Åse Østergård | Hospitalsenhed Nord", 0) in rows
    lines = texts(document)
    assert lines.index("Navn | Organisation") > lines.index(f"{', '.join(PARTICIPANTS[-1])}")
    assert lines.index("Navn | Organisation") < lines.index(ITEMS[0][0])


def test_merged_cells_count_once() -> None:
    data = make_docx([Table([["Tid", "Punkt", "Ansvarlig"], ["9.00", "Velkomst og godkendelse", None]])])
    rows = kinds(read_document(data, "m.docx"), BlockKind.TABLE_ROW)
    assert rows == [("Tid | Punkt | Ansvarlig", 0), ("9.00 | Velkomst og godkendelse", 0)]


def test_vertically_merged_cells_are_not_repeated() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Kl. 9.00", "Godkendelse af dagsorden"
    table.cell(1, 1).text = "Godkendelse af referat"
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(2, 0).text, table.cell(2, 1).text = "Kl. 9.30", "Økonomi"
    out = io.BytesIO()
    document.save(out)
    rows = [b.text for b in read_document(out.getvalue(), "v.docx").blocks]
    assert rows == ["Kl. 9.00 | Godkendelse af dagsorden", "Godkendelse af referat", "Kl. 9.30 | Økonomi"]


def test_automatic_numbers_nest_and_continue() -> None:
    data = make_docx(
        [Numbered("Godkendelse af dagsorden"), Numbered("Økonomi"), Para("Tekst"), Numbered("Eventuelt")]
    )
    items = kinds(read_document(data, "n.docx"), BlockKind.LIST_ITEM)
    assert items == [("1. Godkendelse af dagsorden", 1), ("2. Økonomi", 1), ("3. Eventuelt", 1)]


def test_line_breaks_and_content_controls() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Til stede: Søren Ærø")
    paragraph.runs[0].add_break()
    paragraph.add_run("Afbud: Bjørn Møller")
    wrapped = document.add_paragraph("Tekst i en indholdskontrol")
    sdt = wrapped._p.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    wrapped._p.addprevious(sdt)
    sdt.append(content)
    content.append(copy.deepcopy(wrapped._p))
    wrapped._p.getparent().remove(wrapped._p)
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "k.docx")
    assert [(b.text, b.kind) for b in result.blocks] == [
        ("Til stede: Søren Ærø", BlockKind.PARAGRAPH),
        ("Afbud: Bjørn Møller", BlockKind.LINE),
        ("Tekst i en indholdskontrol", BlockKind.PARAGRAPH),
    ]
    check_spans(result, out.getvalue())


def test_text_named_docx_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match=r"^referat\.docx: "):
        read_document("Referat af møde\n1. Godkendelse".encode(), "referat.docx")


def test_broken_zip_is_unreadable(minutes_docx: bytes) -> None:
    with pytest.raises(UnreadableDocument, match=r"^kaput\.docx: "):
        read_document(minutes_docx[: len(minutes_docx) // 2], "kaput.docx")


def test_zip_without_document_xml_is_unsupported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("billeder/forside.txt", "ikke en Word-fil")
    with pytest.raises(UnsupportedFormat, match=r"^arkiv\.zip: ukendt filformat"):
        read_document(out.getvalue(), "arkiv.zip")


def test_zip_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b" " * 60_000_000 + b">")
    assert len(out.getvalue()) < 1_000_000
    with pytest.raises(UnreadableDocument, match=r"^bombe\.docx: .*for stor"):
        read_document(out.getvalue(), "bombe.docx")


def test_bullet_styles_give_levels() -> None:
    data = make_docx([Heading("Opfølgning", 3), Bullet("Første"), Bullet("Under", 2), Bullet("Dybere", 3)])
    result = read_document(data, "b.docx")
    assert [(b.kind, b.level) for b in result.blocks] == [
        (BlockKind.HEADING, 3),
        (BlockKind.LIST_ITEM, 1),
        (BlockKind.LIST_ITEM, 2),
        (BlockKind.LIST_ITEM, 3),
    ]


def test_text_box_read_once() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Mødested:")
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="{mc}">'
        "<mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent><w:p><w:r><w:t>Rådhuset, "
        "lokale 2</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>Rådhuset, lokale 2</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(box))
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "boks.docx")
    assert [b.text for b in result.blocks] == ["Mødested:", "Rådhuset, lokale 2"]


def test_numbered_headings_get_their_numbers() -> None:
    """Agenda items as auto-numbered Heading 2 paragraphs: the number is part of the item's title."""
    document = docx.Document()
    number_style = document.styles["List Number"].element
    num_id = number_style.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    for title in ["Godkendelse af dagsorden", "Økonomi", "Eventuelt"]:
        heading = document.add_heading(title, 2)
        numbering = parse_xml(
            '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
        heading._p.get_or_add_pPr().append(numbering)
    out = io.BytesIO()
    document.save(out)
    result = read_document(out.getvalue(), "punkter.docx")
    assert [(b.kind, b.text, b.level) for b in result.blocks] == [
        (BlockKind.HEADING, "1. Godkendelse af dagsorden", 2),
        (BlockKind.HEADING, "2. Økonomi", 2),
        (BlockKind.HEADING, "3. Eventuelt", 2),
    ]


def _with_styles(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """The DOCX with word/styles.xml changed by `edit` (bytes -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/styles.xml":
                blob = edit(blob)
            dst.writestr(info, blob)
    return out.getvalue()


def test_styles_are_read_when_used_and_a_broken_one_still_fails_the_file() -> None:
    data = make_docx([Heading("Referat", 1), Para("Godkendt.")])
    assert [b.text for b in read_document(data, "ok.docx").blocks] == ["Referat", "Godkendt."]
    # An outline level no one can read, in a style no paragraph uses: the file is still unreadable.
    broken = _with_styles(
        data,
        lambda xml: xml.replace(
            b'<w:style w:type="paragraph" w:styleId="Title">',
            '<w:style w:type="paragraph" w:styleId="Title"><w:pPr><w:outlineLvl w:val="²"/></w:pPr>'.encode(),
            1,
        ),
    )
    assert broken != data
    with pytest.raises(UnreadableDocument, match=r"^brudt\.docx: "):
        read_document(broken, "brudt.docx")
