"""Action items: owner, task and due date from Danish commitment grammar; reports are not actions."""

from __future__ import annotations

import datetime as dt

import pytest

from klynge.extract.actions import item_actions
from klynge.model import Item, Section, SectionKind

MEETING = dt.date(2024, 3, 12)


def _minutes(text: str, kind: SectionKind = SectionKind.MINUTES) -> Item:
    return Item("4", "Status på tværsektorielt samarbejde", sections=(Section(kind, "Referat", text),))


def _owners(text: str, kind: SectionKind = SectionKind.MINUTES) -> list[str]:
    return [a.owner for a in item_actions(_minutes(text, kind), MEETING)]


def test_subject_with_present_commitment_verb() -> None:
    found = item_actions(
        _minutes("Sekretariatet udsender en opdateret tidsplan senest den 5. april."), MEETING
    )
    assert len(found) == 1
    action = found[0]
    assert action.owner == "Sekretariatet"
    assert "tidsplan" in action.task
    assert action.due is not None and action.due.exact == dt.date(2024, 4, 5)
    assert action.item_number == "4" and action.sentence.startswith("Sekretariatet")


def test_tovholder_and_agreement() -> None:
    assert _owners("Birthe er tovholder på den videre proces.") == ["Birthe"]
    assert _owners("Det blev aftalt, at Hospitalsenheden vender tilbage med et udkast i juni.") == [
        "Hospitalsenheden"
    ]


def test_tovholder_and_task_of_one_owner_merge() -> None:
    text = "Jens Holm er tovholder. Jens Holm varetager planlægningen af et fællesmøde med kommunerne."
    found = item_actions(_minutes(text), MEETING)
    assert len(found) == 1 and "planlægningen" in found[0].task


def test_recommendation_names_the_owner_of_the_task() -> None:
    text = "Styregruppen anbefalede, at arbejdsgruppen laver en plan for udbredelsen."
    assert _owners(text) == ["arbejdsgruppen"]


def test_passive_with_agent() -> None:
    text = "Monitoreringen varetages af Regionshospitalet Nord."
    assert _owners(text, SectionKind.DECISION) == ["Regionshospitalet Nord"]


def test_past_reports_are_not_actions() -> None:
    assert _owners("Anne Holm præsenterede status for projektet.") == []
    assert _owners("Gruppen drøftede udfordringerne med patientkørsel.") == []


def test_passive_without_owner_is_not_an_action() -> None:
    assert _owners("Materialet sendes ud med referatet.") == []


def test_habits_wishes_and_adverbs_are_not_owners() -> None:
    assert _owners("Kommunerne laver audit hvert år på alle indlæggelser.") == []
    assert _owners("Regionen vil gerne have flere tal.") == []
    assert _owners("Eksempelvis vil kommunen have kendskab til borgerne.") == []


def test_asking_the_body_to_decide_is_the_agenda_not_an_action() -> None:
    text = "Styregruppen bedes tage stilling til den videre proces."
    assert _owners(text, SectionKind.RECOMMENDATION) == []


def test_numbered_task_list_with_deadlines() -> None:
    text = (
        "Nordklyngen bedes tage stilling til følgende:\n"
        "1. Udpegning af kontaktperson\nDeadline 1. juni 2024\n"
        "2. Plan for lokal forankring\nDeadline: Hurtigst muligt"
    )
    found = item_actions(_minutes(text, SectionKind.CASE_TEXT), MEETING)
    assert [a.owner for a in found] == ["Nordklyngen", "Nordklyngen"]
    assert found[0].due is not None and found[0].due.exact == dt.date(2024, 6, 1)
    assert found[1].due is not None and found[1].due.start is None


def test_clause_after_dash() -> None:
    text = "Der mangler repræsentanter – Karen udsender en mail til kommunerne."
    assert _owners(text) == ["Karen"]


def test_passive_placed_in_a_group_is_owned_by_the_group() -> None:
    text = "Det blev besluttet, at sagen dagsordensættes i temagruppen for ældre den 4. april 2024."
    found = item_actions(_minutes(text, SectionKind.DECISION), MEETING)
    assert [a.owner for a in found] == ["temagruppen for ældre"]
    assert found[0].due is not None and found[0].due.exact == dt.date(2024, 4, 4)


def test_possible_placement_is_not_an_action() -> None:
    assert _owners("Emnet kan evt. bringes ind i arbejdsgruppen for data.") == []


def test_next_meeting_in_a_group() -> None:
    text = "På næste møde i arbejdsgruppen for data vil der ske en afklaring af økonomien."
    assert _owners(text) == ["arbejdsgruppen for data"]


def test_inverted_agreement_names_the_inner_owner() -> None:
    text = "På den baggrund blev det besluttet at projektgruppen mødes igen i juni."
    found = item_actions(_minutes(text), MEETING)
    assert [a.owner for a in found] == ["projektgruppen"]
    assert found[0].due is not None and found[0].due.start == dt.date(2024, 6, 1)


def test_agenda_text_needs_a_firm_verb_or_a_date() -> None:
    assert _owners("Kommunerne laver forebyggende hjemmebesøg.", SectionKind.CASE_TEXT) == []
    assert _owners("Auditgruppen ønsker at gentage audit i efteråret 2024.", SectionKind.CASE_TEXT) == [
        "Auditgruppen"
    ]


def test_another_bodys_quoted_decision_is_not_ours() -> None:
    text = (
        "Sundhedsstyregruppen godkendte projektet. Servicecentret vender tilbage til "
        "Sundhedsstyregruppen medio 2024 med en status."
    )
    found = item_actions(
        _minutes(text, SectionKind.CASE_TEXT), MEETING, forum="Klyngestyregruppen Nordklyngen"
    )
    assert found == []
    own = item_actions(_minutes(text.split(". ", 1)[1], SectionKind.CASE_TEXT), MEETING)
    assert [a.owner for a in own] == ["Servicecentret"]


def test_inverted_order_after_an_adverbial() -> None:
    text = "Forud for drøftelsen på det kommende møde planlægger formandskabet et møde med hospitalet."
    found = item_actions(_minutes(text, SectionKind.CASE_TEXT), MEETING)
    assert [a.owner for a in found] == ["formandskabet"]
    assert found[0].task.startswith("planlægger")


def test_recommending_an_ownerless_outcome_is_not_an_action() -> None:
    assert _owners("Gruppen anbefalede, at arbejdet med en fælles model fortsætter.") == []
    assert _owners("Styregruppen aftalte at mødes igen i maj.") == ["Styregruppen"]


def test_quick_checks_before_the_patterns_miss_no_spelling() -> None:
    # The passive agent pattern ignores case, and so must its quick check: capitals and the long s
    # (which IGNORECASE reads as "s") still find the agent.
    assert _owners("Monitoreringen VARETAGES af Regionshospitalet Nord.", SectionKind.DECISION) == [
        "Regionshospitalet Nord"
    ]
    assert _owners("Monitoreringen varetageſ af Regionshospitalet Nord.", SectionKind.DECISION) == [
        "Regionshospitalet Nord"
    ]
    # A commitment verb after a modal, and a clause after a semicolon, are still seen; a report is not.
    assert _owners("Kommunerne kan også varetager den videre kontakt.") == ["Kommunerne"]
    assert _owners("Status på IV-behandling i eget hjem; Sekretariatet udsender et notat.") == [
        "Sekretariatet"
    ]
    assert _owners("Arbejdet med sårbare gravide er fortsat i 5 kommuner.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hvilket indhold skal vort høringssvar indeholde?",
        "Almen praksis vil der i den videre udmøntning blive indbudt til dialog.",
        "Økonomiudvalget besluttede at behandle tillægsdagsordenen som nyt punkt 14.",
    ],
)
def test_questions_impersonal_sentences_and_own_handling_are_no_actions(text: str) -> None:
    assert _owners(text) == []
