from __future__ import annotations

from klynge.export.markdown import render_markdown
from klynge.model import Meeting


def test_minutes_have_header_participants_and_items(meeting: Meeting) -> None:
    text = render_markdown(meeting, "minutes")
    lines = text.splitlines()
    assert lines[0] == "# Referat af møde i Klyngestyregruppen for Østerklyngen"
    assert "Tid: 12. marts 2024 kl. 9.00-11.30" in lines
    assert "Sted: Mødelokale 2, Rådhuset, Torvet 1, 9990 Østerby" in lines
    assert "Jørgen Lykke, cheflæge (afbud)" in lines
    assert "### Gæster" in lines
    assert "## 1. Godkendelse af dagsorden (kl. 9.00-9.10) v/Birte Ærø" in lines
    assert "Sagsnr.: 1-52-100-4-24" in lines
    for heading in ("Indstilling", "Sagsfremstilling", "Bilag", "Referat", "Beslutning"):
        assert f"### {heading}" in lines
    assert "- Handleplan færdigbehandlingsdage 2024.pdf" in lines


def test_agenda_omits_minutes_and_decisions(meeting: Meeting) -> None:
    lines = render_markdown(meeting, "agenda").splitlines()
    assert lines[0].startswith("# Dagsorden for møde i ")
    assert "### Indstilling" in lines
    assert "### Referat" not in lines
    assert "### Beslutning" not in lines
    assert not any(line.startswith("Referent:") for line in lines)


def test_closed_items_marked_or_left_out(meeting: Meeting) -> None:
    full = render_markdown(meeting, "minutes")
    assert "Lukket punkt" in full
    assert "udbud af sygeplejeartikler" in full
    public = render_markdown(meeting, "minutes", include_closed=False)
    assert "Lukket punkt" not in public
    assert "udbud af sygeplejeartikler" not in public
    assert "## 4. Punkter til kommende møder" in public


def test_body_lines_cannot_become_markdown_syntax(meeting: Meeting) -> None:
    from dataclasses import replace

    from klynge.model import Section, SectionKind

    item = replace(
        meeting.items[0], sections=(Section(SectionKind.CASE_TEXT, "", "2. Ikke et punkt\n# ikke"),)
    )
    text = render_markdown(replace(meeting, items=(item,)), "agenda")
    assert "2\\. Ikke et punkt" in text
    assert "\\# ikke" in text
