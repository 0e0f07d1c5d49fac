"""Decision records from Beslutning sections and deciding Referat sentences."""

from __future__ import annotations

from klynge.extract.decisions import item_decisions, kind_of
from klynge.model import DecisionKind, Item, Section, SectionKind


def _item(*sections: Section) -> Item:
    return Item("3", "Opfølgning på aftaler", sections=sections)


def test_bullet_list_gives_one_decision_per_bullet() -> None:
    text = "- Indstillingen blev godkendt\n- Oplægget blev taget til efterretning\n- Punktet udsættes"
    found = item_decisions(_item(Section(SectionKind.DECISION, "Beslutning", text)))
    assert [d.kind for d in found] == [DecisionKind.APPROVED, DecisionKind.NOTED, DecisionKind.POSTPONED]
    assert found[0].text == "Indstillingen blev godkendt"


def test_beslutning_prose_stays_one_record_unless_every_sentence_decides() -> None:
    text = "Styregruppen godkendte planen. Der var en god drøftelse om økonomien."
    found = item_decisions(_item(Section(SectionKind.DECISION, "Beslutning", text)))
    assert len(found) == 1 and found[0].text == text


def test_referat_only_keeps_deciding_sentences() -> None:
    text = (
        "Mødelederen bød velkommen. Dagsordenen blev godkendt. Det blev aftalt, at sekretariatet "
        "udsender materialet. Punktet udskydes til næste møde."
    )
    found = item_decisions(_item(Section(SectionKind.MINUTES, "Referat", text)))
    assert [d.text for d in found] == ["Dagsordenen blev godkendt."]


def test_referat_noting_sentence() -> None:
    text = "Gruppen tog orienteringen til efterretning."
    found = item_decisions(_item(Section(SectionKind.MINUTES, "Referat", text)))
    assert len(found) == 1 and found[0].kind == DecisionKind.NOTED


def test_kinds() -> None:
    assert kind_of("Ansøgningen blev ikke godkendt.") == DecisionKind.REJECTED
    assert kind_of("Forslaget blev afvist.") == DecisionKind.REJECTED
    assert kind_of("Punktet blev udsat.") == DecisionKind.POSTPONED
    assert kind_of("Godkendt.") == DecisionKind.APPROVED
    assert kind_of("Gruppen drøftede sagen.") == DecisionKind.OTHER
