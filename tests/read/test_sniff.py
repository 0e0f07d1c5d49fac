"""Format sniffing from content: magic bytes and structure first, the file name only for ties."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from builders import make_docx

from klynge.errors import EmptyDocument, UnsupportedFormat
from klynge.read import read_document
from klynge.read.sniff import sniff

SEEDS = Path("/work/shared/seeds")


def test_pdf_and_docx_by_magic_whatever_the_name() -> None:
    assert sniff(b"%PDF-1.7\n...", "referat.txt") == "pdf"
    assert sniff(make_docx(["Referat"]), "referat.bin") == "docx"


def test_html_by_doctype_tag_or_mostly_tags() -> None:
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt") == "html"
    assert sniff(b"  <html lang='da'><p>x</p></html>", "a") == "html"
    assert sniff(b"<h1>Referat</h1><p>a</p><p>b</p><ul><li>c</li></ul>", "a.txt") == "html"


def test_markdown_by_structure_even_as_txt() -> None:
    text = "# Referat\n\nTekst\n\n## 1. Godkendelse\n\n- punkt\n- punkt\n"
    assert sniff(text.encode(), "referat.txt") == "markdown"


def test_plain_text_with_a_lone_hash_or_dash_stays_text() -> None:
    text = "Referat\n- Godkendt\n#1 på listen\n"
    assert sniff(text.encode(), "r.txt") == "text"


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_4599787132b4a049.txt", "text"),
        ("001_89ece5f7f781c02e.txt", "markdown"),
        ("002_eea3a6c06ba291a0.txt", "text"),
        ("003_691b947c76d5d284.txt", "text"),
        ("004_2123c653fe7e00d5.txt", "text"),
    ],
)
def test_dev_seeds(seed: str, expected: str) -> None:
    path = SEEDS / seed
    if not path.exists():
        pytest.skip("dev-set seed not present")
    assert sniff(path.read_bytes(), path.name) == expected


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\ufeff \n".encode()])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyDocument, match=r"^tom\.pdf: filen er tom$"):
        read_document(data, "tom.pdf")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"\xff\xd8\xff\xe0" + bytes(200),
        bytes(range(256)) * 8,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
    ],
)
def test_binary_is_unsupported(data: bytes) -> None:
    with pytest.raises(UnsupportedFormat, match=r"^fil\.dat: ukendt filformat"):
        read_document(data, "fil.dat")


def test_zip_that_is_not_docx_is_unsupported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a.txt", "x")
    with pytest.raises(UnsupportedFormat, match=r"^pakke\.zip: ukendt filformat"):
        read_document(out.getvalue(), "pakke.zip")


def test_pipe_table_makes_markdown() -> None:
    assert sniff(b"Deltagere\n\n| Navn | Rolle |\n|---|---|\n| Anne | formand |\n", "d.txt") == "markdown"


def test_markdown_that_opens_with_an_html_table() -> None:
    text = (
        "<table><tr><td>Dato</td><td>12. marts</td></tr><tr><td>Sted</td><td>Rådhuset</td></tr></table>\n\n"
    )
    text += "## Referat\n\nTekst\n\n## 1. Godkendelse af dagsorden\n\nGodkendt.\n"
    assert sniff(text.encode(), "konverteret.txt") == "markdown"
    document = read_document(text.encode(), "konverteret.txt")
    assert [b.text for b in document.blocks][:3] == ["Dato | 12. marts", "Sted | Rådhuset", "Referat"]
