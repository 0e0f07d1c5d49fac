"""Participant lists in the layouts of the genre, written for these tests."""

from __future__ import annotations

import pytest

from klynge import parse
from klynge.model import BlockKind, Line, Participant, Span
from klynge.segment.participants import read_participants


def as_lines(text: str, kind: BlockKind = BlockKind.LINE) -> list[Line]:
    """One Line per non-empty line, with its offsets in `text` (what the cleaner hands on)."""
    out: list[Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped)
            out.append(Line(stripped, kind, Span(start, start + len(stripped))))
        offset += len(raw)
    return out


def by_name(people: tuple[Participant, ...]) -> dict[str, Participant]:
    return {p.name: p for p in people}


CLUSTER_HEADER = """\
Referat af møde i klyngestyregruppen Nordklyngen
Tidspunkt: Den 14. marts kl. 09:00 – 12.00
Mødeleder: Hanne Lykke
Referent: Jonas Bech
Inviterede: Hospitalsenhed Nord
Kirsten Dahl Mikkelsen, hospitalsdirektør (medformand)
Ole Frost, cheflæge (afbud)
Søren K. Vinther, chefsygeplejerske (deltog kl. 10.00-12.00)

Fjordby Kommune
Hanne Lykke, sundhedsdirektør (medformand)
Peter von Holstein, sundhedschef, (afbud)
Lise Marie Hjort-Jensen, udviklingskonsulent (sekretær)

Almen praksis
Anders Winther, PLO Nord

Gæster, punkt 3:
Mikkel Rasmussen, projektleder

Fraværende:
Lise Marie Hjort-Jensen
"""


def test_lists_under_organisation_headings() -> None:
    people = read_participants(as_lines(CLUSTER_HEADER))
    found = by_name(people)
    assert list(found) == [
        "Kirsten Dahl Mikkelsen",
        "Ole Frost",
        "Søren K. Vinther",
        "Hanne Lykke",
        "Peter von Holstein",
        "Lise Marie Hjort-Jensen",
        "Anders Winther",
        "Mikkel Rasmussen",
    ]
    assert found["Kirsten Dahl Mikkelsen"].organisation == "Hospitalsenhed Nord"
    assert found["Kirsten Dahl Mikkelsen"].role == "hospitalsdirektør (medformand)"
    assert found["Hanne Lykke"].organisation == "Fjordby Kommune"
    assert found["Anders Winther"].organisation == "Almen praksis"
    assert found["Anders Winther"].role == "PLO Nord"


def test_absent_notes_and_attendance() -> None:
    found = by_name(read_participants(as_lines(CLUSTER_HEADER)))
    assert found["Ole Frost"].absent and found["Ole Frost"].role == "cheflæge"
    assert found["Peter von Holstein"].absent and found["Peter von Holstein"].role == "sundhedschef"
    assert not found["Kirsten Dahl Mikkelsen"].absent
    vinther = found["Søren K. Vinther"]
    assert vinther.attendance == "deltog kl. 10.00-12.00"
    assert vinther.role == "chefsygeplejerske"
    assert not vinther.absent


def test_guest_list() -> None:
    found = by_name(read_participants(as_lines(CLUSTER_HEADER)))
    guest = found["Mikkel Rasmussen"]
    assert guest.guest and not guest.absent
    assert guest.organisation is None
    assert guest.role == "projektleder (gæst, punkt 3)"


def test_absent_list_marks_people_listed_again() -> None:
    people = read_participants(as_lines(CLUSTER_HEADER))
    listings = [p for p in people if p.name == "Lise Marie Hjort-Jensen"]
    # The first listing keeps organisation and role; the Fraværende listing says absent.
    assert listings[0].organisation == "Fjordby Kommune"
    assert listings[0].role == "udviklingskonsulent (sekretær)"
    assert any(p.absent for p in listings)


def test_spans_point_at_the_person_line() -> None:
    text = CLUSTER_HEADER
    for p in read_participants(as_lines(text)):
        assert p.span is not None
        assert text[p.span.start : p.span.end].startswith(p.name.split()[0])


def test_no_headings_organisation_at_end_of_line_and_wrapped_lines() -> None:
    text = """\
Dagsorden Fokusgruppen for Ældre
Tid: 3. februar kl. 13.00 – 15.30
Deltagere.
Karen Holm, Ledende oversygeplejerske Geriatrisk afd., HEV
(Regional medformand)
Bent Ravn, Ældrechef Vesterby kommune,
(kommunal medformand)
Tove Lund, Leder af Sundhedsfremme og Forebyggelse, Sønder-
Ås kommune
Ib Krogh, Praktiserende læge og Praksiskonsulent
for Vesterby kommune
Psykiatrisk sygeplejerske Dorte Maj Brandt, Regionspsykiatrien Syd.
Afbud:
Henning Busk, Visitationschef, Vesterby kommune
"""
    found = by_name(read_participants(as_lines(text)))
    assert found["Karen Holm"].organisation == "HEV"
    assert found["Karen Holm"].role == "Ledende oversygeplejerske Geriatrisk afd. (Regional medformand)"
    assert found["Bent Ravn"].organisation == "Vesterby kommune"
    assert found["Bent Ravn"].role == "Ældrechef (kommunal medformand)"
    assert found["Tove Lund"].organisation == "Sønder-Ås kommune"
    assert found["Ib Krogh"].organisation == "Vesterby kommune"
    assert found["Ib Krogh"].role == "Praktiserende læge og Praksiskonsulent for Vesterby kommune"
    assert found["Dorte Maj Brandt"].organisation == "Regionspsykiatrien Syd"
    assert found["Henning Busk"].absent
    assert found["Henning Busk"].organisation == "Vesterby kommune"
    assert not any(p.absent for n, p in found.items() if n != "Henning Busk")
    assert len(found) == 6


def test_municipal_committee_members_afbud_line() -> None:
    text = """\
Referat fra mødet i Social- og Sundhedsudvalget
Mødedato: 12-03-2024
Medlemmer:
Jens Holm, formand
Birthe Sand
Ali Hassan
Afbud: Mona Kjær
"""
    found = by_name(read_participants(as_lines(text)))
    assert set(found) == {"Jens Holm", "Birthe Sand", "Ali Hassan", "Mona Kjær"}
    assert found["Mona Kjær"].absent
    assert found["Jens Holm"].role == "formand"
    assert not found["Birthe Sand"].absent


def test_table_rows() -> None:
    text = """\
Deltagere
Navn | Organisation | Rolle
Eva Winther | Sydby Kommune | sundhedschef
Niels Brandt | Region Syd | direktør (afbud)
"""
    lines = [
        Line(ln.text, BlockKind.TABLE_ROW if "|" in ln.text else BlockKind.PARAGRAPH, ln.span)
        for ln in as_lines(text)
    ]
    found = by_name(read_participants(lines))
    assert set(found) == {"Eva Winther", "Niels Brandt"}
    assert found["Eva Winther"].organisation == "Sydby Kommune"
    assert found["Eva Winther"].role == "sundhedschef"
    assert not found["Eva Winther"].absent
    assert found["Niels Brandt"].absent
    assert found["Niels Brandt"].role == "direktør"


def test_table_rows_column_order_from_header() -> None:
    text = """\
Mødedeltagere
Rolle | Navn
formand | Eva Winther
næstformand | Niels Brandt
"""
    lines = [
        Line(ln.text, BlockKind.TABLE_ROW if "|" in ln.text else BlockKind.PARAGRAPH, ln.span)
        for ln in as_lines(text)
    ]
    found = by_name(read_participants(lines))
    assert found["Eva Winther"].role == "formand"
    assert found["Niels Brandt"].role == "næstformand"


def test_people_on_one_line_after_label_with_party_letters() -> None:
    text = """\
Til stede: Jens Holm (A), Birthe Sand (V) og Ali Hassan (F)
Fraværende: Mona Kjær (A), Per Lund
Referent: Ole Bo
"""
    found = by_name(read_participants(as_lines(text)))
    assert set(found) == {"Jens Holm", "Birthe Sand", "Ali Hassan", "Mona Kjær", "Per Lund"}
    assert [n for n, p in found.items() if p.absent] == ["Mona Kjær", "Per Lund"]
    assert found["Birthe Sand"].role == "(V)"


def test_party_letter_before_role_and_afbud_fra() -> None:
    text = """\
Medlemmer:
Jens Holm (A), formand
Afbud fra Mona Kjær (A)
"""
    found = by_name(read_participants(as_lines(text)))
    assert found["Jens Holm"].role == "formand (A)"
    assert found["Mona Kjær"].absent


def test_contact_block_and_prose_are_not_participants() -> None:
    text = """\
Referat af klyngestyregruppemøde
Tidspunkt: Den 8. maj kl. 08:30 – 11.00
Katrine Holm
tlf. 2233 4455
kaho@region.dk
Malene Berg deltog under punkt 3 og fortalte om projektet.
"""
    assert read_participants(as_lines(text)) == ()


def test_participants_item_body_needs_no_label() -> None:
    body = """\
Sagsfremstilling
Regionshospitalet Nord
Claus Friis, hospitalsdirektør (afbud)
Gitte Aagaard, cheflæge
Østby Kommune
Lone Vestergaard, sundhedschef (deltager fra kl. 15)
"""
    found = by_name(read_participants(as_lines(body), listed=True))
    assert set(found) == {"Claus Friis", "Gitte Aagaard", "Lone Vestergaard"}
    assert found["Claus Friis"].absent
    assert found["Gitte Aagaard"].organisation == "Regionshospitalet Nord"
    assert found["Lone Vestergaard"].organisation == "Østby Kommune"
    assert found["Lone Vestergaard"].attendance == "deltager fra kl. 15"


def test_working_group_prose_region_without_list_returns_nothing() -> None:
    text = """\
Klyngen har nedsat en arbejdsgruppe om sammenhængende forløb, som skal se på udskrivelser.
Gruppen mødes første gang i juni og vender tilbage til klyngestyregruppen med et oplæg.
"""
    assert read_participants(as_lines(text)) == ()


def test_afbud_line_alone_in_a_header() -> None:
    text = """\
Referat fra mødet i Sundhedsudvalget
Mødedato: 12-03-2024
Afbud: Mona Kjær, Per Lund
"""
    found = by_name(read_participants(as_lines(text)))
    assert set(found) == {"Mona Kjær", "Per Lund"}
    assert all(p.absent for p in found.values())


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        (
            "Alle medlemmer var mødt undtagen Jørgen Winther og Else Kayser, der havde meldt afbud.",
            ["Jørgen Winther", "Else Kayser"],
        ),
        (
            "Der er afbud fra Martin Bech, Bettina Bøcker Kjeldsen og Niels Vestergaard Salling.",
            ["Martin Bech", "Bettina Bøcker Kjeldsen", "Niels Vestergaard Salling"],
        ),
        (
            "Martin Bech og Niels Vestergaard Salling var fraværende.",
            ["Martin Bech", "Niels Vestergaard Salling"],
        ),
        ("Mikkel Houmann havde meldt afbud, og Peter Steffensen deltog i stedet.", ["Mikkel Houmann"]),
        (
            "Formanden orienterede om, at Carl Christian Ebbesen (O) havde meldt afbud.",
            ["Carl Christian Ebbesen"],
        ),
        ("Kommunen havde meldt afbud til konferencen.", []),
        ("Borgeren havde meldt afbud flere gange, oplyser Center for Sundhed.", []),
    ],
)
def test_absence_written_in_a_sentence(sentence: str, absent: list[str]) -> None:
    from klynge.segment.participants import absent_in_prose

    found = absent_in_prose([Line(sentence, BlockKind.PARAGRAPH, Span(0, len(sentence)))])
    assert [(p.name, p.absent) for p in found] == [(name, True) for name in absent]


def test_members_with_their_attendance_and_lists_inside_an_item() -> None:
    meeting = parse(
        (
            "Referat\nRegionsrådet\n\nMedlemmer\n- Lars Holm: Deltog\n- Sofie Lund: Afbud (stedfortræder)\n"
            "- Kim Berg: Deltog\n\n1. Godkendelse af dagsorden\nGodkendt.\nDeltagere:\n"
            "Direktør Søren Lind, Herning Kommune\nDirektør Yrsa Jensen, Lemvig Kommune\n"
            "2. Eventuelt\nIntet.\n"
        ).encode(),
        "referat.txt",
    )
    people = {p.name: p.absent for p in meeting.participants}
    assert people == {
        "Lars Holm": False,
        "Sofie Lund": True,
        "Kim Berg": False,
        "Søren Lind": False,
        "Yrsa Jensen": False,
    }
