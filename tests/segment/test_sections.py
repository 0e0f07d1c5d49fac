"""Sections of an item: headings alone or inline, case text before any heading, attachments."""

from __future__ import annotations

from klynge import parse
from klynge.model import SectionKind


def only_item(body: str) -> object:
    text = (
        f"1. Godkendelse af dagsorden\nReferat\nGodkendt.\n2. Sagen\n{body}\n3. Eventuelt\nReferat\nIntet.\n"
    )
    return parse(text.encode("utf-8"), "referat.txt").items[1]


def test_headings_alone_and_inline() -> None:
    item = only_item(
        "Det indstilles,\nat udvalget godkender planen.\nSagsfremstilling\nPlanen er udarbejdet i foråret.\n"
        "Referat: Planen blev drøftet.\nBeslutning\nPlanen blev godkendt."
    )
    assert item.section_text(SectionKind.RECOMMENDATION) == "at udvalget godkender planen."
    assert item.section_text(SectionKind.CASE_TEXT) == "Planen er udarbejdet i foråret."
    assert item.section_text(SectionKind.MINUTES) == "Planen blev drøftet."
    assert item.section_text(SectionKind.DECISION) == "Planen blev godkendt."


def test_text_before_any_heading_is_case_text_and_quoted_headings_are_not_sections() -> None:
    item = only_item(
        "Formandskabet giver en status.\nBeslutning i referat af Sundhedsstyregruppens møde den 3. maj\n"
        "Styregruppen bakker op.\nBeslutning\nTaget til efterretning."
    )
    case = item.section_text(SectionKind.CASE_TEXT) or ""
    assert case.startswith("Formandskabet giver en status.")
    assert "Beslutning i referat af Sundhedsstyregruppens møde" in case
    assert item.section_text(SectionKind.DECISION) == "Taget til efterretning."


def test_attachments_one_per_bullet_or_bilag_line_with_wrapped_names() -> None:
    item = only_item(
        "Bilag:\n• Notat om akutteam.pdf\n• Evaluering af\nsamarbejdsaftalen 2023\nReferat\nDrøftet."
    )
    assert item.attachments == ("Notat om akutteam.pdf", "Evaluering af samarbejdsaftalen 2023")
    item = only_item(
        "Sagsfremstilling\nSe bilag.\nBilag 3: Forløbsprogram\nBilag 4. Data vedr. ventetid\n2021"
    )
    assert item.attachments == ("Bilag 3: Forløbsprogram", "Bilag 4. Data vedr. ventetid 2021")


def test_marked_attachment_list_ends_at_an_unmarked_line() -> None:
    item = only_item(
        "Bilag:\n• Årsrapport 2023\nVirtuelt samarbejde med almen praksis\nProjektet er startet."
    )
    assert item.attachments == ("Årsrapport 2023",)
    assert "Virtuelt samarbejde" in (item.section_text(SectionKind.CASE_TEXT) or "")


def test_markdown_headings_and_links() -> None:
    md = (
        "# Referat\n\n## 1. Godkendelse af dagsorden\n\n### Beslutning\n\nGodkendt.\n\n"
        "## 2. Budget\n\n### **Indstilling**\n\n- at budgettet godkendes\n\n### Bilag\n\n"
        "[Budgetnotat 2025](https://example.dk/notat.pdf)\n\n[](https://example.dk/b.pdf)\n"
    )
    item = parse(md.encode(), "referat.md").items[1]
    assert item.section_text(SectionKind.RECOMMENDATION) == "- at budgettet godkendes"
    assert item.attachments == ("Budgetnotat 2025", "https://example.dk/b.pdf")


def test_decision_captions_with_body_and_date_and_this_meetings_decision() -> None:
    """Issue 15: "Beslutning i <udvalg> den <dato>" and "<Udvalg>s beslutning den <dato>:" are decision
    captions; of several in one item the one dated the meeting's day is the decision."""
    text = (
        "Referat\nForretningsudvalget\nMødedato: 8. november 2022\n\n"
        "1. Jordforurening\n"
        "Miljøudvalgets beslutning den 2. november 2022:\nAnbefalet.\n"
        "Forretningsudvalgets beslutning den 8. november 2022:\nGodkendt.\n"
        "2. Budget\nBeslutning i Forretningsudvalget den 08-11-2022\nTaget til efterretning.\n"
        "3. Notat\nBeslutning i referat af styregruppens møde den 1. juni 2022\nEn tekst om sagen.\n"
    )
    meeting = parse(text.encode(), "referat.txt")
    one, two, three = meeting.items
    assert one.section_text(SectionKind.DECISION) == "Godkendt."
    assert "Anbefalet." in (one.section_text(SectionKind.CASE_TEXT) or "")
    assert two.section_text(SectionKind.DECISION) == "Taget til efterretning."
    assert three.section_text(SectionKind.DECISION) is None  # a reference, not a caption
