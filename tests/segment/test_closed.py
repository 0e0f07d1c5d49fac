"""Closed items from the genre's many phrasings (issue 22, finding 4): a rule, tested on variants.

Each variant is parsed as a whole file, so what is tested is what an upload stores.
"""

from __future__ import annotations

import pytest

from klynge import parse
from klynge.model import Meeting


def parse_text(text: str) -> Meeting:
    return parse(text.encode("utf-8"), "referat.txt")


def with_item_2(heading: str, body: str = "") -> Meeting:
    return parse_text(
        "Referat af møde i Klyngestyregruppen for Østklyngen\nTid: 14. marts 2024 kl. 9.00-11.00\n\n"
        "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n"
        f"2. {heading}\n{body}Beslutning\nDrøftet.\n\n"
        "3. Eventuelt\nBeslutning\nIntet.\n"
    )


CLOSED_TITLES = [
    ("Lukket punkt: Personalesag", "Personalesag"),
    ("LUKKET: Personalesag", "Personalesag"),
    ("LUKKET PUNKT - PERSONALESAG", "PERSONALESAG"),
    ("(Lukket) Personalesag", "Personalesag"),
    ("Lukket dagsordenspunkt: Personalesag", "Personalesag"),
    ("Fortroligt punkt: Personalesag", "Personalesag"),
    ("Lukket pkt. Personalesag", "Personalesag"),
    ("Lukket sag: Personalesag", "Personalesag"),
    ("Lukket - personsag", "Personsag"),
    ("Lukket – personsag", "Personsag"),
    ("Fortrolig: Personalesag", "Personalesag"),
    ("Fortroligt - Personalesag", "Personalesag"),
    ("Ikke offentligt punkt: Udbud af kørsel", "Udbud af kørsel"),
    ("Lukket møde: Budgetforhandling", "Budgetforhandling"),
    ("Personalesag (lukket)", "Personalesag"),
    ("Personalesag (Lukket punkt)", "Personalesag"),
    ("Personalesag [fortroligt]", "Personalesag"),
    ("Personalesag - lukket punkt", "Personalesag"),
    ("Personalesag – LUKKET", "Personalesag"),
    ("Lukket sag om klage fra pårørende", "Lukket sag om klage fra pårørende"),
    ("Lukket punkt", "Lukket punkt"),
    ("LUKKET", "LUKKET"),
]


@pytest.mark.parametrize(("heading", "title"), CLOSED_TITLES)
def test_closed_item_titles(heading: str, title: str) -> None:
    meeting = with_item_2(heading)
    assert [it.confidential for it in meeting.items] == [False, True, False]
    assert meeting.items[1].title == title


CLOSED_MARKER_LINES = [
    "Lukket punkt",
    "LUKKET",
    "(Lukket)",
    "Lukket dagsordenspunkt",
    "Fortroligt punkt",
    "Lukket pkt.",
    "Lukket sag",
    "Lukket - personsag",
    "Fortrolig",
    "Fortroligt.",
    "Lukket møde",
    "Ikke offentligt punkt",
    "Punktet er lukket.",
    "Punktet behandles som lukket punkt.",
    "Sagen behandles fortroligt.",
]


@pytest.mark.parametrize("marker", CLOSED_MARKER_LINES)
def test_closed_item_marker_lines(marker: str) -> None:
    meeting = with_item_2("Personalesag", f"Sagsnr.: 1-30-72-66-23\n{marker}\n")
    assert [it.confidential for it in meeting.items] == [False, True, False]
    assert meeting.items[1].title == "Personalesag"


def test_a_statement_deep_in_the_case_text_closes_the_item() -> None:
    body = (
        "Indstilling\nAt gruppen fordeler midlerne.\nSagsfremstilling\nDer er modtaget 9 ansøgninger.\n"
        "Fristen var 1. marts.\nAnsøgningerne er vurderet af sekretariatet.\nDer er afsat 2 mio. kr.\n"
        "Punktet behandles lukket, da ansøgningerne indeholder oplysninger om enkeltpersoner.\n"
    )
    assert with_item_2("Fordeling af puljemidler", body).items[1].confidential


OPEN_TITLES = [
    "Lukning af afdeling 7",
    "Lukket for tilgang",
    "Lukket for tilgang af nye borgere",
    "Afsnit 3 lukket for tilgang",
    "Lukket afdeling på psykiatrien",
    "Fortrolighedserklæring for projektgruppen",
    "Fortrolig kommunikation med borgerne",
    "Ikke-offentlige aktører i klyngen",
    "Status på lukkede sager",
    "Åbent punkt om lukketid",
]


@pytest.mark.parametrize("heading", OPEN_TITLES)
def test_open_titles_that_mention_closing(heading: str) -> None:
    meeting = with_item_2(heading)
    assert [it.confidential for it in meeting.items] == [False, False, False]
    assert meeting.items[1].title == heading


OPEN_BODY_LINES = [
    "Lukning af afdeling 7 er udskudt.",
    "Lukket for tilgang af nye borgere indtil maj.",
    "Afdelingen er lukket for tilgang.",
    "Sagen er lukket.",
    "Lukket. Afdelingen åbner igen i maj.",
    "Fortrolighed om borgernes oplysninger er vigtig.",
    "Fortrolig kommunikation sker via sikker post.",
]


@pytest.mark.parametrize("line", OPEN_BODY_LINES)
def test_open_items_whose_text_mentions_closing(line: str) -> None:
    meeting = with_item_2("Status på plejecentre", f"Sagsfremstilling\n{line}\n")
    assert [it.confidential for it in meeting.items] == [False, False, False]


def test_the_rule_itself() -> None:
    from klynge.segment.closed import closed_title, is_marker_line

    assert closed_title("Lukket punkt: Personalesag") == (True, "Personalesag")
    assert closed_title("Lukket for tilgang") == (False, "Lukket for tilgang")
    assert is_marker_line("(Fortroligt)") and is_marker_line("Punktet er lukket")
    assert not is_marker_line("Sagen er lukket") and not is_marker_line("Lukket for tilgang")
