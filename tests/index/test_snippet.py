"""Snippets: the window with the matches, matched words marked, HTML never interpreted."""

from __future__ import annotations

from klynge.index import snippet
from klynge.index.query import parse


def _make(text: str, query: str) -> tuple[snippet.Part, ...]:
    exact, prefixes = parse(query).highlight_terms()
    return snippet.make(text, exact, prefixes)


def test_window_moves_to_the_matches_and_marks_inflections() -> None:
    text = "Indledning. " + "fyld " * 80 + "Antallet af genindlæggelserne faldt i 2023. " + "hale " * 80
    parts = _make(text, "genindlæggelse")
    assert ("genindlæggelserne", True) in parts
    assert parts[0][0].startswith("…") and parts[-1][0].endswith("…")


def test_compound_part_is_marked() -> None:
    parts = _make("Der var mange færdigbehandlingsdage i januar.", "behandling")
    assert ("færdigbehandlingsdage", True) in parts


def test_html_is_escaped_and_only_marks_are_markup() -> None:
    parts = _make("<script>alert(1)</script> om genindlæggelser & <b>data</b>", "genindlæggelse")
    html = snippet.to_html(parts)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<mark>") == 1 and "&amp;" in html


def test_no_match_gives_the_start_of_the_text() -> None:
    parts = _make("Godkendt uden bemærkninger.", "dialyse")
    assert snippet.to_text(parts).startswith("Godkendt")
