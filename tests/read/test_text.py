"""Plain text reader: lines, exact spans over stripped text, encodings, BOM, form feeds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from klynge.model import BlockKind
from klynge.read import read_document

from .minutes import check_spans, texts

MINUTES = "Referat af møde i Sundhedsklyngen Nord\n\n  1. Godkendelse af dagsorden (kl. 9.00-9.10) v/formandskabet\n\tBeslutning: Godkendt.\n"


def test_lines_are_stripped_with_exact_spans() -> None:
    data = MINUTES.encode()
    document = read_document(data, "referat.txt")
    assert document.format == "text" and document.pages is None
    check_spans(document, data)
    assert texts(document) == [
        "Referat af møde i Sundhedsklyngen Nord",
        "1. Godkendelse af dagsorden (kl. 9.00-9.10) v/formandskabet",
        "Beslutning: Godkendt.",
    ]
    assert {b.kind for b in document.blocks} == {BlockKind.LINE}


def test_cp1252_fallback() -> None:
    data = "Mødeleder: Søren Ærø – «formand»\nBeslutning: Tiltrådt".encode("cp1252")
    document = read_document(data, "gammel.txt")
    assert texts(document) == ["Mødeleder: Søren Ærø – «formand»", "Beslutning: Tiltrådt"]


def test_latin1_fallback_and_bom() -> None:
    assert texts(read_document("Ærø\x81".encode("latin-1"), "a.txt")) == ["Ærø\x81"]
    assert texts(read_document("\ufeffÅbent møde".encode(), "b.txt")) == ["Åbent møde"]


def test_crlf_and_form_feed_pages() -> None:
    data = b"Side et\r\nlinje to\r\n\fSide to\r\n"
    document = read_document(data, "sider.txt")
    check_spans(document, data)
    assert [(b.text, b.span.page) for b in document.blocks] == [
        ("Side et", 1),
        ("linje to", 1),
        ("Side to", 2),
    ]
    assert document.pages == 2


@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40), max_size=30
    )
)
def test_spans_exact_for_any_text(lines: list[str]) -> None:
    data = "\n".join(lines).encode()
    if not data.strip():
        return
    try:
        document = read_document(data, "x.txt")
    except Exception as exc:  # only our input errors are allowed
        from klynge.errors import InputError

        assert isinstance(exc, InputError)
        return
    check_spans(document, data)


def test_utf16_with_bom() -> None:
    data = "Referat\r\nBeslutning: Godkendt – Åse".encode("utf-16")
    document = read_document(data, "unicode.txt")
    assert document.format == "text"
    assert texts(document) == ["Referat", "Beslutning: Godkendt – Åse"]
