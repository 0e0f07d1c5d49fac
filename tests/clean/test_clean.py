"""Cleaning: hyphenation joined only where it makes a word, page furniture dropped, bullets explicit."""

from __future__ import annotations

from builders import make_pdf

from klynge.clean import clean
from klynge.clean.bullets import strip_bullet
from klynge.clean.hyphens import joins_word
from klynge.read import read_document


def lines_of(text: str) -> list[str]:
    return [ln.text for ln in clean(read_document(text.encode("utf-8"), "referat.txt"))]


def test_hyphenation_joins_split_words_only() -> None:
    assert joins_word("drøftet i Sund-", "hedsstyregruppen den 3. maj")
    assert not joins_word("både somatik-", "og psykiatri")
    assert not joins_word("fysio-", "eller ergoterapeut")
    assert not joins_word("IV-", "behandling")  # an abbreviation keeps its hyphen
    assert not joins_word("Region Midt-", "Jylland")
    out = lines_of("Sagen blev drøftet i Sund-\nhedsstyregruppen.\nBåde somatik-\nog psykiatri deltog.")
    assert out == ["Sagen blev drøftet i Sundhedsstyregruppen.", "Både somatik-", "og psykiatri deltog."]


def test_joined_line_keeps_a_span_over_both_source_lines() -> None:
    document = read_document("Fælles Servicecen-\nter i regionen".encode(), "r.txt")
    (line,) = clean(document)
    assert line.text == "Fælles Servicecenter i regionen"
    assert document.text[line.span.start : line.span.end] == "Fælles Servicecen-\nter i regionen"


def test_repeated_footer_next_to_page_numbers_is_dropped() -> None:
    page = "Punkt om genoptræning fortsætter her.\nMere tekst om samme sag.\n"
    footer = "Styregruppemøde Nordklyngen 4. april 2024\n"
    text = page + footer + "2\n" + page + footer + "3\n" + "Sidste linje."
    out = lines_of(text)
    assert "Styregruppemøde Nordklyngen 4. april 2024" not in out
    assert "2" not in out and "3" not in out
    assert out.count("Punkt om genoptræning fortsætter her.") == 2


def test_journal_numbers_and_section_words_are_not_furniture() -> None:
    text = (
        "1-52-100-22-09\n1. Velkommen\nBeslutning\nGodkendt.\n1-52-100-22-09\n2. Evt.\nBeslutning\nIntet.\n"
    )
    assert lines_of(text).count("1-52-100-22-09") == 2
    assert lines_of(text).count("Beslutning") == 2


def test_stray_url_lines_and_contact_sidebars_are_dropped() -> None:
    text = (
        "Referatet fortsætter med en lang sætning om sagen, som ikke er en kontaktblok.\n"
        "http://www.example.dk/url?sa=i&rct=j&q=billede\n"
        "Hospitalsenheden Nord\nStaben\nStorgade 12\nDK-9000 Aalborg\nTel. +45 1234 5678\nnord@example.dk\n"
        "www.example.dk\n"
        "Sagen blev herefter drøftet, og gruppen var enig i indstillingen.\n"
    )
    out = lines_of(text)
    assert not any("example" in line or "+45" in line or "Storgade" in line for line in out)
    assert out[0].startswith("Referatet fortsætter") and out[-1].startswith("Sagen blev herefter")


def test_bullet_glyphs_become_list_items() -> None:
    assert strip_bullet("\uf0b7 Godkender dagsordenen") == ("Godkender dagsordenen", True)
    assert strip_bullet("• Punkt") == ("Punkt", True)
    assert strip_bullet("- Punkt") == ("Punkt", True)
    assert strip_bullet("o Punkt") == ("Punkt", True)
    assert strip_bullet("-5 grader") == ("-5 grader", False)
    lines = clean(read_document("Bilag:\n\uf0b7 Bilag 1 Notat\n".encode(), "r.txt"))
    assert [(ln.text, ln.bullet) for ln in lines] == [("Bilag:", False), ("Bilag 1 Notat", True)]


def test_pdf_running_header_and_page_numbers_are_dropped() -> None:
    body = "".join(
        f"<p>Afsnit {i} om tværsektorielt samarbejde i klyngen og opfølgning.</p>" for i in range(90)
    )
    pdf = make_pdf(f"<h1>Referat</h1>{body}", header="Sundhedsklyngen Nord – referat", page_numbers=True)
    document = read_document(pdf, "referat.pdf")
    assert (document.pages or 0) >= 2
    texts = [ln.text for ln in clean(document)]
    assert not any("Sundhedsklyngen Nord – referat" in t for t in texts)
    assert not any(t.startswith("Side ") for t in texts)
    assert sum(t.startswith("Afsnit ") for t in texts) == 90
