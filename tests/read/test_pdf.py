"""PDF reader on real PDFs rendered by WeasyPrint (running header, page numbers) and hand-built ones."""

from __future__ import annotations

import hashlib
import io
import re
import struct

import pypdfium2 as pdfium
import pytest
from builders import make_pdf

from klynge.errors import EmptyDocument, UnreadableDocument
from klynge.model import BlockKind, Document
from klynge.read import read_document

from .minutes import HEADER, PARTICIPANTS, TITLE, check_spans, minutes_html, texts


@pytest.fixture(scope="module")
def minutes_pdf() -> bytes:
    return make_pdf(minutes_html(), header=HEADER, page_numbers=True)


@pytest.fixture(scope="module")
def document(minutes_pdf: bytes) -> Document:
    return read_document(minutes_pdf, "referat.pdf")


def test_pages_and_spans(document: Document, minutes_pdf: bytes) -> None:
    assert document.format == "pdf"
    assert document.pages is not None and 2 <= document.pages <= 4
    check_spans(document, minutes_pdf)
    pages = [b.span.page or 0 for b in document.blocks]
    assert pages == sorted(pages)
    assert set(pages) == set(range(1, document.pages + 1))


def test_one_line_block_per_text_line(document: Document) -> None:
    assert {b.kind for b in document.blocks} == {BlockKind.LINE}
    assert all("\n" not in b.text for b in document.blocks)
    # A long paragraph wraps into several lines, each its own block.
    assert sum("Arbejdsgruppen" in t or "arbejdsgruppen" in t for t in texts(document)) >= 3


def test_running_header_and_page_number_on_every_page(document: Document) -> None:
    assert document.pages is not None
    for page in range(1, document.pages + 1):
        on_page = [b.text for b in document.blocks if b.span.page == page]
        assert HEADER in on_page
        assert f"Side {page} af {document.pages}" in on_page


def test_header_first_footer_last_on_each_page(document: Document) -> None:
    """Reading order: page furniture drawn after the body still comes out at the top and bottom."""
    assert document.pages is not None
    for page in range(1, document.pages + 1):
        on_page = [b.text for b in document.blocks if b.span.page == page]
        assert on_page[0] == HEADER
        assert on_page[-1] == f"Side {page} af {document.pages}"


def test_danish_letters_and_items(document: Document) -> None:
    lines = texts(document)
    assert TITLE in lines
    assert "1. Godkendelse af dagsorden (kl. 9.00-9.10) v/formandskabet" in lines
    for name, _, _ in PARTICIPANTS:
        assert name in document.text
    assert "Beslutning" in lines and "Indstilling" in lines
    # WeasyPrint draws list markers after the text; the reader puts each back before its line.
    assert "• Søren Ærø, direktør, Nordby Kommune" in lines
    assert "•" not in lines
    assert "\ufffd" not in document.text


def test_pages_are_separated_in_text(document: Document) -> None:
    assert document.pages is not None
    assert document.text.count("\f") == document.pages - 1
    for block in document.blocks:
        before = document.text[: block.span.start]
        assert before.count("\f") == block.span.page - 1  # type: ignore[operator]


def test_truncated_pdf_is_unreadable(minutes_pdf: bytes) -> None:
    with pytest.raises(UnreadableDocument, match=r"^kaput\.pdf: "):
        read_document(minutes_pdf[: len(minutes_pdf) // 3], "kaput.pdf")


def test_header_only_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match=r"^kort\.pdf: "):
        read_document(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "kort.pdf")


def test_encrypted_pdf_is_unreadable() -> None:
    data = encrypted_pdf("Fortroligt referat", user_password="hemmelig")
    opened = pdfium.PdfDocument(data, password="hemmelig")  # the fixture is a real encrypted PDF
    try:
        assert "Fortroligt referat" in opened[0].get_textpage().get_text_range()
    finally:
        opened.close()
    with pytest.raises(UnreadableDocument, match=r"^hemmeligt\.pdf: .*krypteret"):
        read_document(data, "hemmeligt.pdf")


def test_no_text_layer_is_empty() -> None:
    scanned = make_pdf('<div style="width:12cm;height:18cm;background:#333"></div>')
    with pytest.raises(EmptyDocument, match=r"^scan\.pdf: ingen tekst fundet \(scannet PDF\?\)"):
        read_document(scanned, "scan.pdf")


def test_too_many_pages_is_unreadable() -> None:
    pdf = pdfium.PdfDocument.new()
    try:
        for _ in range(2001):
            pdf.new_page(595, 842)
        out = io.BytesIO()
        pdf.save(out)
    finally:
        pdf.close()
    with pytest.raises(UnreadableDocument, match=r"^stor\.pdf: .*2001 sider"):
        read_document(out.getvalue(), "stor.pdf")


def test_name_does_not_decide(minutes_pdf: bytes) -> None:
    document = read_document(minutes_pdf, "referat.txt")
    assert document.format == "pdf" and document.pages


# A PDF with the standard security handler (RC4, 40 bit, revision 2), built by hand: none of our
# dependencies writes encrypted PDFs. PDF 1.7 spec, 7.6.3 algorithms 2, 3 and 4.
_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(text: str, user_password: str) -> bytes:
    """A one-page PDF showing `text` that opens only with `user_password`."""
    file_id = hashlib.md5(b"klynge-test").digest()
    permissions = -4
    owner_key = hashlib.md5((b"ejer" + _PAD)[:32]).digest()[:5]
    owner = _rc4(owner_key, (user_password.encode() + _PAD)[:32])
    key = hashlib.md5(
        (user_password.encode() + _PAD)[:32] + owner + struct.pack("<i", permissions) + file_id
    ).digest()[:5]
    user = _rc4(key, _PAD)
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    object_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\x00\x00").digest()[:10]
    content = _rc4(object_key, stream)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + owner.hex().encode()
        + b"> /U <"
        + user.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    assert re.match(rb"%PDF-1\.4", out)
    return bytes(out)
