from __future__ import annotations

import pytest

from klynge.model import Meeting

pdfium = pytest.importorskip("pypdfium2")


def _render(meeting: Meeting, kind: str) -> bytes:
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:  # Pango missing: WeasyPrint cannot load
        pytest.skip(f"WeasyPrint kan ikke indlæses (systembiblioteker mangler): {exc}")
    from klynge.export.pdf import render_pdf

    return render_pdf(meeting, kind)  # type: ignore[arg-type]


def test_pdf_pages_are_not_blank(meeting: Meeting) -> None:
    pdf = pdfium.PdfDocument(_render(meeting, "minutes"))
    assert len(pdf) >= 1
    for page in pdf:
        image = page.render(scale=1).to_pil().convert("L")
        low, high = image.getextrema()
        dark = sum(image.histogram()[:128])
        assert high > 200 and low < 60, "siden er ensfarvet"
        assert dark > 500, "næsten ingen tekst på siden"


def test_pdf_text_keeps_danish_letters_and_layout(meeting: Meeting) -> None:
    pdf = pdfium.PdfDocument(_render(meeting, "minutes"))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf).replace("\r\n", "\n")
    assert "æøå ÆØÅ" in text
    assert "Referat af møde i Klyngestyregruppen for Østerklyngen" in text
    assert "Tid: 12. marts 2024 kl. 9.00-11.30" in text
    assert "1. Godkendelse af dagsorden (kl. 9.00-9.10) v/Birte Ærø" in text
    assert "Jørgen Lykke, cheflæge (afbud)" in text
    for heading in ("Indstilling", "Sagsfremstilling", "Bilag", "Referat", "Beslutning", "Lukket punkt"):
        assert f"\n{heading}\n" in text


def test_pdf_agenda_has_no_decisions(meeting: Meeting) -> None:
    pdf = pdfium.PdfDocument(_render(meeting, "agenda"))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf).replace("\r\n", "\n")
    assert text.startswith("Dagsorden for møde i")
    assert "\nBeslutning\n" not in text


def test_no_printed_line_starts_like_an_item_but_the_items(meeting: Meeting) -> None:
    """Issue 6 round trip: a wrapped 'senest den 15. oktober' or 'mod 2034.' must not begin a line."""
    import re
    from dataclasses import replace

    from klynge.model import Section, SectionKind

    sentence = "Sekretariatet udsender notatet senest den 15. oktober 2024, og prognosen rækker til 2034. "
    long_text = Section(SectionKind.CASE_TEXT, "", sentence * 12)
    items = tuple(replace(it, sections=(*it.sections, long_text)) for it in meeting.items)
    pdf = pdfium.PdfDocument(_render(replace(meeting, items=items), "minutes"))
    lines = "\n".join(page.get_textpage().get_text_range() for page in pdf).replace("\r\n", "\n").split("\n")
    numbered = [line for line in lines if re.match(r"\d+\.\s", line)]
    assert [line.split(".")[0] for line in numbered] == [it.number for it in meeting.items], numbered
