"""Meetings written for the store tests: a minutes text in the genre and the `Meeting` it stands for.

The store tests store these with `ingest_meeting` (the same code path as `ingest_bytes` after parsing),
so they do not depend on the parser; tests marked with `needs_parser` go through `ingest_bytes`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest

from klynge import model

Sample = tuple[bytes, model.Meeting]


def minutes_text(forum: str, date: dt.date | None, extra: str = "", secret: str = "Fortroligt emne") -> str:
    when = f"Dato: {date.day}. marts {date.year} kl. 9.00-11.30\n" if date else ""
    return (
        f"Referat af møde i {forum}\n{when}Sted: Mødelokale 2, Rådhuset\n\n"
        "Deltagere:\nØsterby Kommune\nAnne Madsen, sundhedschef (formand)\nPeter Lund\n"
        "Region Nord\nSofie Holm, vicedirektør (afbud)\n\n"
        "1. Godkendelse af dagsorden (kl. 9.00-9.05)\nBeslutning\nDagsordenen blev godkendt.\n\n"
        "2. Status på fælles akutteam (kl. 9.05-9.45) v/Peter Lund\nSagsnr. 1-52-100-22-09\n"
        "Sagsfremstilling\nAkutteamet har haft 412 besøg i 2023.\n"
        "Indstilling\nAt styregruppen tager orienteringen til efterretning.\n"
        "Bilag\nBilag 1: Evaluering af akutteam\n"
        "Beslutning\nStyregruppen tog orienteringen til efterretning. Anne indkalder til møde om "
        "patientkørsel senest den 1. juni 2024.\n\n"
        f"3. Lukket punkt: {secret} (kl. 9.45-10.00)\nBeslutning\nGodkendt.\n{extra}"
    )


def _span(text: str, part: str, page: int | None = 1) -> model.Span:
    start = text.index(part)
    return model.Span(start, start + len(part), page)


def build(
    name: str = "referat.txt",
    forum: str | None = "Klyngestyregruppen Nordklyngen",
    date: dt.date | None = dt.date(2024, 3, 14),
    extra: str = "",
    secret: str = "Fortroligt emne",
) -> Sample:
    """The bytes of a minutes file and the meeting a parser would make of it."""
    text = minutes_text(forum or "styregruppen", date, extra, secret)
    data = text.encode("utf-8")

    def sp(part: str) -> model.Span:
        return _span(text, part)

    items = [
        model.Item(
            "1",
            "Godkendelse af dagsorden",
            "09:00",
            "09:05",
            sections=(
                model.Section(
                    model.SectionKind.DECISION,
                    "Beslutning",
                    "Dagsordenen blev godkendt.",
                    sp("Dagsordenen blev godkendt."),
                ),
            ),
            spans={"title": sp("Godkendelse af dagsorden")},
        ),
        model.Item(
            "2",
            "Status på fælles akutteam",
            "09:05",
            "09:45",
            presenter="Peter Lund",
            case_number="1-52-100-22-09",
            sections=(
                model.Section(
                    model.SectionKind.CASE_TEXT,
                    "Sagsfremstilling",
                    "Akutteamet har haft 412 besøg i 2023.",
                    sp("Akutteamet har haft 412 besøg i 2023."),
                ),
                model.Section(
                    model.SectionKind.RECOMMENDATION,
                    "Indstilling",
                    "At styregruppen tager orienteringen til efterretning.",
                ),
                model.Section(
                    model.SectionKind.DECISION,
                    "Beslutning",
                    "Styregruppen tog orienteringen til efterretning.",
                ),
            ),
            attachments=("Evaluering af akutteam",),
            spans={"title": sp("Status på fælles akutteam"), "case_number": sp("1-52-100-22-09")},
        ),
        model.Item(
            "3",
            secret,
            "09:45",
            "10:00",
            confidential=True,
            sections=(model.Section(model.SectionKind.DECISION, "Beslutning", "Godkendt."),),
            attachments=(f"Notat om {secret}",),
        ),
    ]
    if extra:
        items.append(model.Item("4", extra.strip().splitlines()[0], sections=()))
    meeting = model.Meeting(
        document=model.Document(name, "text", text, (), 1, hashlib.sha256(data).hexdigest()),
        meeting=model.MeetingInfo(
            forum=forum,
            date=date,
            start="09:00",
            end="11:30",
            location="Mødelokale 2, Rådhuset",
            chair="Anne Madsen",
            spans={"location": sp("Mødelokale 2, Rådhuset")},
        ),
        participants=(
            model.Participant(
                "Anne Madsen", "Østerby Kommune", "sundhedschef (formand)", span=sp("Anne Madsen")
            ),
            model.Participant("Peter Lund", "Østerby Kommune"),
            model.Participant("Sofie Holm", "Region Nord", "vicedirektør", absent=True),
        ),
        items=tuple(items),
        decisions=(
            model.Decision("1", "Dagsordenen blev godkendt.", model.DecisionKind.APPROVED),
            model.Decision("2", "Styregruppen tog orienteringen til efterretning.", model.DecisionKind.NOTED),
            model.Decision("3", "Godkendt.", model.DecisionKind.APPROVED),
        ),
        actions=(
            model.Action(
                "Anne",
                "indkalder til møde om patientkørsel",
                "2",
                model.DueDate("senest den 1. juni 2024", dt.date(2024, 6, 1), dt.date(2024, 6, 1)),
                "Anne indkalder til møde om patientkørsel senest den 1. juni 2024.",
                sp("Anne indkalder til møde om patientkørsel senest den 1. juni 2024."),
            ),
            model.Action("Region Nord", "sender data om genindlæggelser", "2"),
        ),
        forward_topics=(model.ForwardTopic("Demensstrategi", "2"),),
        announced_meetings=(
            model.MeetingInfo(date=dt.date(2024, 6, 20), start="09:00", location="Regionshuset"),
        ),
    )
    return data, meeting


@pytest.fixture
def sample() -> Callable[..., Sample]:
    """`sample(name=..., forum=..., date=..., extra=..., secret=...)` -> (file bytes, Meeting)."""
    return build
