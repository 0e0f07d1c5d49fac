from __future__ import annotations

import datetime as dt

from klynge.interchange import answer_key, from_interchange, to_interchange
from klynge.model import SectionKind

DATA = {
    "meeting": {
        "forum": "Sundhedsudvalget",
        "date": "2023-05-04",
        "start": "14:00",
        "end": None,
        "location": "Byrådssalen",
        "chair": "Else Holm",
    },
    "participants": [
        {"name": "Else Holm", "organisation": "Byrådet", "role": "formand", "absent": False},
        {"name": "Kaj Ravn", "organisation": None, "role": None, "absent": True},
        {"name": "Pia Møller", "organisation": "KL", "role": "konsulent", "guest": True},
        {"name": "  ", "organisation": None},
    ],
    "items": [
        {
            "number": "3.",
            "title": "Rygestop",
            "time": "14:10-14:40",
            "presenter": None,
            "case_number": "23/1234",
            "recommendation": "at udvalget godkender",
            "case_text": "",
            "minutes": None,
            "decision": "Godkendt.",
            "attachments": ["Notat.pdf", ""],
            "confidential": True,
        },
        {"number": "4", "title": "Eventuelt", "time": "15:00"},
    ],
    "actions": [
        {"owner": "Forvaltningen", "task": "udsender notatet", "due": "2023-06-01"},
        {"owner": "Else Holm", "task": "indkalder", "due": "primo 2024"},
        {"owner": "Kaj Ravn", "task": "svarer", "due": None},
    ],
}


def test_from_interchange_reads_every_field() -> None:
    m = from_interchange(DATA)
    assert m.meeting.forum == "Sundhedsudvalget"
    assert m.meeting.date == dt.date(2023, 5, 4)
    assert (m.meeting.start, m.meeting.end, m.meeting.chair) == ("14:00", None, "Else Holm")
    assert [p.name for p in m.participants] == ["Else Holm", "Kaj Ravn", "Pia Møller"]
    assert m.participants[1].absent and m.participants[2].guest
    first, second = m.items
    assert (first.number, first.time_start, first.time_end, first.case_number) == (
        "3",
        "14:10",
        "14:40",
        "23/1234",
    )
    assert first.confidential and not second.confidential
    assert [s.kind for s in first.sections] == [SectionKind.RECOMMENDATION, SectionKind.DECISION]
    assert first.attachments == ("Notat.pdf",)
    assert (second.time_start, second.time_end, second.sections) == ("15:00", None, ())
    assert m.actions[0].due is not None and m.actions[0].due.exact == dt.date(2023, 6, 1)
    assert m.actions[1].due is not None and m.actions[1].due.exact is None
    assert m.actions[2].due is None


def test_to_interchange_after_from_interchange_keeps_the_meeting() -> None:
    out = to_interchange(from_interchange(DATA))
    assert out["meeting"]["date"] == "2023-05-04"
    assert out["items"][0]["time"] == "14:10-14:40"
    assert out["items"][0]["decision"] == "Godkendt."
    assert out["items"][0]["case_text"] is None
    assert out["items"][0]["confidential"] is True
    assert out["actions"][1] == {"owner": "Else Holm", "task": "indkalder", "due": "primo 2024"}
    assert to_interchange(from_interchange(out)) == out


def test_answer_key_flags_sections_and_first_decision_line() -> None:
    key = answer_key(to_interchange(from_interchange(DATA)))
    first, second = key["items"]
    assert (first["has_recommendation"], first["has_case_text"], first["has_decision"]) == (True, False, True)
    assert first["decision_first_sentence"] == "Godkendt."
    assert not any(second[f"has_{k}"] for k in ("recommendation", "case_text", "minutes", "decision"))
    assert second["decision_first_sentence"] is None
    assert key["meeting"] == to_interchange(from_interchange(DATA))["meeting"]
