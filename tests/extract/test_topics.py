"""Forward agenda topics and announced meetings."""

from __future__ import annotations

import datetime as dt

from klynge.extract import extract
from klynge.extract.topics import forward_topics
from klynge.model import Document, Item, Meeting, MeetingInfo, Section, SectionKind


def test_bullets_under_a_forward_title_are_topics() -> None:
    item = Item(
        "9",
        "Punkter til kommende møder",
        sections=(Section(SectionKind.MINUTES, "Referat", "- Demensstrategi\n- Akutfunktion i kommunerne"),),
    )
    assert [t.text for t in forward_topics(item)] == ["Demensstrategi", "Akutfunktion i kommunerne"]


def test_other_items_give_no_topics() -> None:
    item = Item("2", "Status", sections=(Section(SectionKind.MINUTES, "Referat", "- Demensstrategi"),))
    assert forward_topics(item) == []


def test_extract_fills_announced_meetings_and_decisions() -> None:
    items = (
        Item(
            "1",
            "Godkendelse af dagsorden",
            sections=(Section(SectionKind.MINUTES, "Referat", "Dagsordenen blev godkendt."),),
        ),
        Item(
            "8",
            "Eventuelt",
            sections=(
                Section(SectionKind.MINUTES, "Referat", "Næste møde: 12. marts 2024 kl. 9-11, Viborg"),
            ),
        ),
    )
    doc = Document("referat.txt", "text", "", ())
    meeting = Meeting(doc, MeetingInfo(forum="Styregruppen", date=dt.date(2023, 12, 8)), items=items)
    out = extract(meeting)
    assert [m.date for m in out.announced_meetings] == [dt.date(2024, 3, 12)]
    assert out.announced_meetings[0].start == "09:00"
    assert [d.item_number for d in out.decisions] == ["1"]
