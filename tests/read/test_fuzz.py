"""Fuzzing `read_document`: every input gives a Document with exact spans or an InputError naming the file."""

from __future__ import annotations

from functools import cache

from builders import Bullet, Heading, Para, Table, make_docx, make_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klynge.errors import InputError
from klynge.read import read_document

from .minutes import check_spans

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def small_pdf() -> bytes:
    return make_pdf(
        ["Referat af møde i Sundhedsklyngen Nord", "1. Godkendelse af dagsorden", "Beslutning: Godkendt"],
        header="Sundhedsklyngen Nord",
        page_numbers=True,
    )


@cache
def small_docx() -> bytes:
    return make_docx(
        [
            Heading("Referat", 1),
            Para("Indstilling", bold=True),
            "Det indstilles, at ...",
            Bullet("Åse Østergård"),
            Table([["Navn", "Rolle"], ["Bjørn", None]]),
        ]
    )


def outcome(data: bytes, name: str) -> None:
    """The property: a Document that keeps the contract, or an InputError whose message names the file."""
    try:
        document = read_document(data, name)
    except InputError as exc:
        assert str(exc).startswith(f"{name}: ")
        assert "\n" not in str(exc)
        return
    check_spans(document, data)
    assert document.blocks


@FUZZ
@given(
    st.binary(max_size=2000), st.sampled_from(["fil.pdf", "fil.docx", "fil.txt", "fil.md", "fil.html", "fil"])
)
def test_random_bytes(data: bytes, name: str) -> None:
    outcome(data, name)


def mutate(base: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(base)
    for position, value in edits:
        data[position % len(data)] = value
    return bytes(data[:cut] if cut else data)


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=20),
    st.none() | st.integers(1, 10**5),
)
def test_mutated_pdf(edits: list[tuple[int, int]], cut: int | None) -> None:
    outcome(mutate(small_pdf(), edits, cut), "referat.pdf")


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=20),
    st.none() | st.integers(1, 10**5),
)
def test_mutated_docx(edits: list[tuple[int, int]], cut: int | None) -> None:
    outcome(mutate(small_docx(), edits, cut), "referat.docx")


MARKUP = st.sampled_from(
    [
        "# ",
        "## ",
        "- ",
        "  - ",
        "1. ",
        "**",
        "*",
        "_",
        "[",
        "](",
        ")",
        "|",
        "---",
        "\n",
        "\n\n",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "</tr>",
        "</table>",
        "<br>",
        "<p>",
        "</p>",
        "<li>",
        "<ol>",
        "&amp;",
        "`",
        "```",
        "> ",
        " ",
        "Åse",
        "møde",
        "Beslutning",
        "\t",
        "\r\n",
        "\f",
        "\ufeff",
        "<!doctype html>",
        "<html>",
    ]
)


@FUZZ
@given(st.lists(MARKUP | st.text(max_size=8), max_size=60), st.sampled_from(["r.md", "r.txt", "r.html"]))
def test_markup_soup(pieces: list[str], name: str) -> None:
    data = "".join(pieces).encode()
    outcome(data, name)
    outcome(data.decode().encode("utf-16"), name)


XML_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters="\ufffe\uffff"),
    max_size=30,
)
PART = st.one_of(
    st.builds(Heading, XML_TEXT, st.integers(1, 4)),
    st.builds(Para, XML_TEXT, st.booleans()),
    st.builds(Bullet, XML_TEXT, st.integers(1, 3)),
    st.builds(
        Table,
        st.lists(
            st.lists(XML_TEXT | st.none(), min_size=1, max_size=3).map(lambda row: [row[0] or "x", *row[1:]]),
            min_size=1,
            max_size=3,
        ).map(lambda rows: [row + ["y"] * (max(map(len, rows)) - len(row)) for row in rows]),
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(PART, min_size=1, max_size=8))
def test_any_docx_keeps_the_contract(parts: list[Heading | Para | Bullet | Table]) -> None:
    data = make_docx(parts)
    outcome(data, "tilfældig.docx")
    words = [w for p in parts if not isinstance(p, Table) for w in p.text.split()]
    if words:
        document = read_document(data, "tilfældig.docx")
        for word in words:
            assert word in document.text
