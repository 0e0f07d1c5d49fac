"""Owners resolved against the participant list, and kept as written."""

from __future__ import annotations

import datetime as dt

from klynge.extract import extract
from klynge.extract.owners import resolve_person
from klynge.model import Document, Item, Meeting, MeetingInfo, Participant, Section, SectionKind

PEOPLE = (
    Participant("Gunna Lykke Sørensen", "Holstebro Kommune"),
    Participant("Christina Mølgaard"),
    Participant("Christina Dahl"),
    Participant("Bo Hedegaard"),
)


def test_unique_first_name_resolves() -> None:
    assert resolve_person("Gunna", PEOPLE) == "Gunna Lykke Sørensen"


def test_ambiguous_first_name_does_not_resolve() -> None:
    assert resolve_person("Christina", PEOPLE) is None


def test_full_name_surname_and_opening_words() -> None:
    assert resolve_person("bo hedegaard", PEOPLE) == "Bo Hedegaard"
    assert resolve_person("Hedegaard", PEOPLE) == "Bo Hedegaard"
    assert resolve_person("Gunna Lykke", PEOPLE) == "Gunna Lykke Sørensen"


def test_organisations_are_not_people() -> None:
    assert resolve_person("Sekretariatet", PEOPLE) is None
    assert resolve_person("Alle kommuner", PEOPLE) is None


def test_extract_keeps_owner_as_written_and_resolves_next_meeting() -> None:
    items = (
        Item(
            "4",
            "Netværksgruppe",
            sections=(Section(SectionKind.MINUTES, "Referat", "Gunna følger op på næste møde."),),
        ),
        Item(
            "9",
            "Eventuelt",
            sections=(Section(SectionKind.MINUTES, "Referat", "Næste møde: 7. marts 2024 kl. 9-12"),),
        ),
    )
    doc = Document("referat.txt", "text", "", ())
    info = MeetingInfo(forum="Fokusgruppen", date=dt.date(2023, 12, 8))
    out = extract(Meeting(doc, info, participants=PEOPLE, items=items))
    assert len(out.actions) == 1
    action = out.actions[0]
    assert action.owner == "Gunna" and action.person == "Gunna Lykke Sørensen"
    assert action.due is not None and action.due.exact == dt.date(2024, 3, 7)
