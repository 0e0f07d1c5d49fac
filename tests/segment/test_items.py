"""Agenda items in the genre's layouts: numbering, multi-line titles, time slots, presenters, journal
numbers, closed items, and the numbered lists and tables of contents that are not items."""

from __future__ import annotations

import pytest
from builders import Heading, Para, make_docx

from klynge import parse
from klynge.errors import NoAgenda
from klynge.model import Meeting, SectionKind


def parse_text(text: str) -> Meeting:
    return parse(text.encode("utf-8"), "referat.txt")


def numbers_and_titles(meeting: Meeting) -> list[tuple[str, str]]:
    return [(it.number, it.title) for it in meeting.items]


CLUSTER = """Referat af møde i Klyngestyregruppen for Østklyngen
Tid: 14. marts 2024 kl. 9.00-11.00

1. Velkomst og godkendelse af dagsorden (kl. 9.00-9.05) v/formandskabet
Indstilling
At klyngestyregruppen godkender dagsordenen.
Referat
Dagsordenen blev godkendt.

2. Status på arbejdet med forebyggelige indlæggelser og genindlæggelser af ældre medicinske
patienter i klyngen (kl. 9.05-
9.40) v/Anne Madsen og
Peter Lund
Sagsfremstilling
Klyngen skal tage stilling til følgende:
1. Hvordan følger vi op på tallene?
2. Hvem deltager i arbejdsgruppen?
3. Hvornår evalueres indsatsen?
Beslutning
Indstillingen blev godkendt.

3. Eventuelt
Referat
Intet.
"""


def test_numbered_items_with_wrapped_titles_slots_and_presenters() -> None:
    meeting = parse_text(CLUSTER)
    assert [it.number for it in meeting.items] == ["1", "2", "3"]
    first, second, third = meeting.items
    assert first.title == "Velkomst og godkendelse af dagsorden"
    assert (first.time_start, first.time_end, first.presenter) == ("09:00", "09:05", "formandskabet")
    assert second.title == (
        "Status på arbejdet med forebyggelige indlæggelser og genindlæggelser af ældre medicinske "
        "patienter i klyngen"
    )
    assert (second.time_start, second.time_end) == ("09:05", "09:40")
    assert second.presenter == "Anne Madsen og Peter Lund"
    assert third.title == "Eventuelt" and third.time_start is None


def test_numbered_list_in_an_item_body_is_not_an_item() -> None:
    meeting = parse_text(CLUSTER)
    assert len(meeting.items) == 3
    assert "Hvem deltager i arbejdsgruppen?" in (meeting.items[1].section_text(SectionKind.CASE_TEXT) or "")


@pytest.mark.parametrize(
    ("heading", "number"),
    [("Punkt 4: Budget 2025", "4"), ("Pkt. 4 Budget 2025", "4"), ("Sag nr. 4 Budget 2025", "4"),
     ("4. Budget 2025", "4"), ("4) Budget 2025", "4")],
)  # fmt: skip
def test_item_heading_forms(heading: str, number: str) -> None:
    others = {"4": ("3", "5")}[number]
    text = (
        f"Dagsorden for Social- og Sundhedsudvalget\n{others[0]}. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
        f"{heading}\nIndstilling\nForvaltningen indstiller, at budgettet godkendes.\nBeslutning\nGodkendt.\n"
        f"{others[1]}. Eventuelt\nBeslutning\nIntet.\n"
    )
    meeting = parse_text(text)
    assert numbers_and_titles(meeting) == [(others[0], "Godkendelse af dagsorden"), (number, "Budget 2025"),
                                           (others[1], "Eventuelt")]  # fmt: skip


def test_table_of_contents_is_not_read_as_a_second_agenda() -> None:
    toc = "Indholdsfortegnelse\n1. Godkendelse af dagsorden\n2. Akutteam\n3. Eventuelt\n\n"
    body = (
        "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
        "2. Akutteam\nSagsnr. 24/1234\nSagsfremstilling\nAkutteamet har haft travlt.\nBeslutning\nTaget til efterretning.\n"
        "3. Eventuelt\nBeslutning\nIntet.\n"
    )
    meeting = parse_text("Referat fra Sundhedsudvalget\n" + toc + body)
    assert numbers_and_titles(meeting) == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Akutteam"),
        ("3", "Eventuelt"),
    ]
    assert meeting.items[1].case_number == "24/1234"
    assert meeting.items[1].section_text(SectionKind.DECISION) == "Taget til efterretning."


def test_journal_number_above_the_heading_and_sub_items() -> None:
    text = (
        "1-52-100-22-09\n1. Velkommen\nBeslutning\nDagsorden følges\n"
        "1-52-100-22-09\n2. Status fra arbejdsgrupperne\nReferat\nOrientering taget til efterretning.\n"
        "2.1. Arbejdsgruppen for data\nReferat\nGruppen mødes igen i juni.\n"
        "3. Eventuelt\nReferat\nIntet.\n"
    )
    meeting = parse_text(text)
    assert [it.number for it in meeting.items] == ["1", "2", "2.1", "3"]
    assert [it.case_number for it in meeting.items] == ["1-52-100-22-09", "1-52-100-22-09", None, None]


def test_closed_items_are_confidential() -> None:
    text = (
        "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
        "2. Lukket punkt: Personalesag\nBeslutning\nDrøftet.\n"
        "3. Eventuelt\nBeslutning\nIntet.\n"
    )
    meeting = parse_text(text)
    assert [it.confidential for it in meeting.items] == [False, True, False]
    assert meeting.items[1].title == "Personalesag"


def test_every_item_keeps_its_source_span() -> None:
    meeting = parse_text(CLUSTER)
    text = meeting.document.text
    for item in meeting.items:
        span = item.spans["title"]
        assert item.title.split()[0] in text[span.start : span.end]


def test_docx_headings_with_time_slots() -> None:
    docx = make_docx(
        [
            Heading("Referat af møde i Sundhedsklyngen Syd", 1),
            Para("Tid: 2. maj 2024 kl. 13.00-15.00"),
            Heading("1. Godkendelse af dagsorden (kl. 13.00-13.05)", 2),
            Heading("Beslutning", 3),
            Para("Dagsordenen blev godkendt."),
            Heading("2. Sårbare gravide (kl. 13.05-13.45) V/Lene Bak", 2),
            Heading("Indstilling", 3),
            Para("Det indstilles, at orienteringen tages til efterretning."),
        ]
    )
    meeting = parse(docx, "referat.docx")
    assert numbers_and_titles(meeting) == [("1", "Godkendelse af dagsorden"), ("2", "Sårbare gravide")]
    assert meeting.items[1].presenter == "Lene Bak"
    assert meeting.meeting.date is not None and meeting.meeting.date.isoformat() == "2024-05-02"


def test_a_letter_without_an_agenda_is_rejected() -> None:
    with pytest.raises(NoAgenda, match=r"^brev\.txt: ingen dagsordenspunkter fundet"):
        parse("Kære alle\nTak for et godt møde.\nVenlig hilsen\nAnne".encode(), "brev.txt")


def test_items_listed_in_the_contents_without_their_text_are_kept() -> None:
    """A page holding the contents and only the first items' texts (a web excerpt), or minutes of
    some items after the full agenda list: every listed item, the texts where they are."""
    meeting = parse_text(
        "Referat\nSundhedsudvalget\n\nDagsorden\n"
        "  åbent 1 Godkendelse af dagsorden\n  åbent 2 Status på genoptræning\n"
        "  åbent 3 Budget for 2025\n  Lukket 4 Personalesag\n\n"
        "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n"
        "2. Status på genoptræning\nSagsfremstilling\nFlere forløb i år.\nBeslutning\nTaget til efterretning.\n"
    )
    assert numbers_and_titles(meeting) == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Status på genoptræning"),
        ("3", "Budget for 2025"),
        ("4", "Personalesag"),
    ]
    assert meeting.items[1].section_text(SectionKind.DECISION) == "Taget til efterretning."
    assert meeting.items[2].sections == () and meeting.items[3].confidential


def test_ad_minutes_after_an_agenda_list_merge_by_number() -> None:
    meeting = parse_text(
        "Referat af møde i styregruppen\n\nDagsorden:\n1. Velkomst\n2. Økonomi\n3. Eventuelt\n\n"
        "Ad 2. Økonomi\nBeslutning\nBudgettet blev godkendt.\n"
    )
    assert numbers_and_titles(meeting) == [("1", "Velkomst"), ("2", "Økonomi"), ("3", "Eventuelt")]
    assert meeting.items[1].section_text(SectionKind.DECISION) == "Budgettet blev godkendt."


@pytest.mark.parametrize(
    "text",
    [
        "Referat\n\n38Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n39Budget for 2025\nBeslutning\nGodkendt.\n",
        "Referat\n\nGodkendelse af dagsorden\nSag nr. 38\nBeslutning\nGodkendt.\n\n"
        "Budget for 2025\nSag nr. 39\nBeslutning\nGodkendt.\n",
    ],
    ids=["glued", "number-below"],
)
def test_item_numbers_glued_to_the_title_or_under_it(text: str) -> None:
    meeting = parse_text(text)
    assert numbers_and_titles(meeting) == [("38", "Godkendelse af dagsorden"), ("39", "Budget for 2025")]
    assert [it.section_text(SectionKind.DECISION) for it in meeting.items] == ["Godkendt.", "Godkendt."]


def test_items_packed_with_one_line_decisions_are_not_a_table_of_contents() -> None:
    text = "Referat\n\n" + "".join(
        f"{n}. {title}\n" + ("Bilag til punktet\n" if n == 3 else "") + "Beslutning: Godkendt\n"
        for n, title in enumerate(["Dagsorden", "Høringssvar", "Puljen", "Midler", "Eventuelt"], start=1)
    )
    meeting = parse_text(text)
    assert [it.number for it in meeting.items] == ["1", "2", "3", "4", "5"]
    assert all(it.section_text(SectionKind.DECISION) == "Godkendt" for it in meeting.items)


def test_a_dash_and_a_time_slot_before_the_title_and_ordinal_titles() -> None:
    meeting = parse_text(
        "Referat\n\nDagsorden\n\n1 - 09.00-09.05 Godkendelse af dagsordenen\nGodkendt\n\n"
        "2 - 09.05-09.30 Budget for 2025\nTaget til efterretning\n\n3. 3. afrapportering af servicemål\nGodkendt\n"
    )
    assert numbers_and_titles(meeting) == [
        ("1", "Godkendelse af dagsordenen"),
        ("2", "Budget for 2025"),
        ("3", "3. afrapportering af servicemål"),
    ]
    assert (meeting.items[0].time_start, meeting.items[0].time_end) == ("09:00", "09:05")
