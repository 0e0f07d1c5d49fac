from __future__ import annotations

import io

import docx

from klynge.export.docx import render_docx
from klynge.model import Meeting


def _paragraphs(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name if p.style else "", p.text) for p in document.paragraphs]


def test_docx_opens_and_has_the_headings(meeting: Meeting) -> None:
    paras = _paragraphs(render_docx(meeting, "minutes"))
    headings = [text for style, text in paras if style.startswith("Heading")]
    assert headings[0] == "Referat af møde i Klyngestyregruppen for Østerklyngen"
    assert "2. Færdigbehandlingsdage og genindlæggelser æøå ÆØÅ (kl. 9.10-9.50) v/Maja Krogh" in headings
    for name in ("Deltagere", "Hospitalsenhed Øst", "Indstilling", "Sagsfremstilling", "Bilag", "Referat"):
        assert name in headings
    assert headings.count("Beslutning") == 4
    texts = [text for _, text in paras]
    assert "Tid: 12. marts 2024 kl. 9.00-11.30" in texts
    assert "Jørgen Lykke, cheflæge (afbud)" in texts
    assert "Lukket punkt" in texts
    bullets = [text for style, text in paras if style == "List Bullet"]
    assert "Data for 2023 (regneark)" in bullets


def test_docx_agenda_has_no_minutes(meeting: Meeting) -> None:
    headings = [t for s, t in _paragraphs(render_docx(meeting, "agenda")) if s.startswith("Heading")]
    assert headings[0].startswith("Dagsorden for møde i ")
    assert "Referat" not in headings and "Beslutning" not in headings
    assert "Indstilling" in headings
