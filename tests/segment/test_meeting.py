"""The meeting header, read from synthetic headers in the layouts of the genre."""

from __future__ import annotations

import datetime as dt

from klynge.model import BlockKind, Document, Line, MeetingInfo, Span
from klynge.segment.meeting import parse_date, read_meeting_info


def as_lines(text: str) -> list[Line]:
    """One Line per non-empty line, with its offsets in `text`."""
    out: list[Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped)
            out.append(Line(stripped, BlockKind.LINE, Span(start, start + len(stripped))))
        offset += len(raw)
    return out


def read(text: str, header_lines: int | None = None, full_text: str | None = None) -> MeetingInfo:
    lines = as_lines(text)
    header = lines if header_lines is None else lines[:header_lines]
    document = Document("møde.txt", "text", full_text if full_text is not None else text, ())
    return read_meeting_info(document, lines, header)


CLUSTER = """\
14. december 2023
Referat af KLYNGESTYREGRUPPEMØDE NORDKLYNGEN
Tidspunkt: Den 8. december kl. 08:30 – 11.00
Mødelokale 2 (3. sal)
Fjordby Rådhus, Torvet 1, 9900 Fjordby
Mødeleder: Hanne Lykke
Referent: Jonas Bech
"""


def test_cluster_header() -> None:
    info = read(CLUSTER)
    assert info.forum == "Klyngestyregruppen Nordklyngen"
    assert info.date == dt.date(2023, 12, 8)
    assert (info.start, info.end) == ("08:30", "11:00")
    assert info.location == "Mødelokale 2 (3. sal), Fjordby Rådhus, Torvet 1, 9900 Fjordby"
    assert info.chair == "Hanne Lykke"
    assert info.note_taker == "Jonas Bech"
    assert info.title == "Referat af KLYNGESTYREGRUPPEMØDE NORDKLYNGEN"


def test_spans_point_at_the_fields() -> None:
    info = read(CLUSTER)
    for name in ("forum", "date", "start", "location", "chair", "note_taker", "title"):
        span = info.spans[name]
        assert 0 <= span.start < span.end <= len(CLUSTER)
    assert CLUSTER[info.spans["chair"].start : info.spans["chair"].end].endswith("Hanne Lykke")


def test_missing_year_from_issue_date_nearest() -> None:
    text = """\
Dato: 25.nov. 2021
Dagsorden Fokusgruppen Sundhed for Ældre
Tid: 9. december kl. 8.30 – 11.30
Sted: Mødelokale 4, Sygehus Syd
"""
    info = read(text)
    assert info.forum == "Fokusgruppen Sundhed for Ældre"
    assert info.date == dt.date(2021, 12, 9)
    assert (info.start, info.end) == ("08:30", "11:30")
    assert info.location == "Mødelokale 4, Sygehus Syd"


def test_missing_year_across_new_year() -> None:
    text = """\
28. december 2023
Dagsorden for møde i Sundhedssamarbejdsudvalget
Tid: 4. januar kl. 9 – 11
"""
    info = read(text)
    assert info.date == dt.date(2024, 1, 4)
    assert info.forum is not None and "Sundhedssamarbejdsudvalget" in info.forum


def test_municipal_committee_numeric_date() -> None:
    text = """\
Referat fra mødet i Social- og Sundhedsudvalget
Mødedato: 12-03-2024
Mødetidspunkt: kl. 16.00
Mødested: Udvalgsværelse 1, Rådhuset
Formand: Jens Holm
"""
    info = read(text)
    assert info.forum == "Social- og Sundhedsudvalget"
    assert info.date == dt.date(2024, 3, 12)
    assert info.location == "Udvalgsværelse 1, Rådhuset"
    assert info.chair == "Jens Holm"


def test_council_with_weekday_line() -> None:
    text = """\
Dagsorden Byrådet
Onsdag den 13. marts 2019 kl. 15.00
Sted: Byrådssalen
"""
    info = read(text)
    assert info.forum == "Byrådet"
    assert info.date == dt.date(2019, 3, 13)
    assert info.start == "15:00"
    assert info.end is None


def test_footer_gives_forum_and_date_and_body_spells_out_abbreviation() -> None:
    body = (
        "1. Godkendelse af dagsorden\n"
        "Østklyngen har drøftet planen. Klyngestyregruppen godkendte dagsordenen.\n"
        "2. Status fra Østklyngen\n"
        "Klyngestyregruppen tog orienteringen til efterretning.\n"
    )
    full = body + "Klyngestyregruppemøde ØKL 5. maj 2021\n"
    info = read(body, header_lines=0, full_text=full)
    assert info.forum == "Klyngestyregruppen Østklyngen"
    assert info.date == dt.date(2021, 5, 5)
    assert info.start is None


def test_forum_from_body_when_nothing_states_it() -> None:
    body = (
        "1. Velkomst\n"
        "Klyngestyregruppen i Sydklyngen bød velkommen.\n"
        "2. Opfølgning\n"
        "Klyngestyregruppen drøftede opfølgningen. Sydklyngens parter var enige.\n"
    )
    info = read(body, header_lines=0)
    assert info.forum == "Klyngestyregruppen Sydklyngen"
    assert info.date is None
    assert (info.start, info.end, info.location) == (None, None, None)


def test_no_date_is_invented() -> None:
    text = """\
Referat af møde i Fokusgruppen for Børn
Tid: kl. 13.00 – 15.00
"""
    info = read(text)
    assert info.date is None
    assert (info.start, info.end) == ("13:00", "15:00")


def test_parse_date_forms() -> None:
    assert parse_date("Dato: 25.nov. 2021") == dt.date(2021, 11, 25)
    assert parse_date("12-03-2024") == dt.date(2024, 3, 12)
    assert parse_date("3. februar", dt.date(2022, 1, 20)) == dt.date(2022, 2, 3)
    assert parse_date("3. februar") is None
    assert parse_date("31. februar 2022") is None


def test_bare_document_word_takes_the_body_from_the_next_line() -> None:
    info = read("Referat\nKommunalbestyrelsen\nDato: 12. marts 2024\nTid: kl. 16.00-18.30\n")
    assert info.forum == "Kommunalbestyrelsen"
    assert info.title == "Referat Kommunalbestyrelsen"
    assert info.date == dt.date(2024, 3, 12)
    assert (info.start, info.end) == ("16:00", "18:30")


def test_cluster_named_after_for() -> None:
    info = read("Referat af møde i Klyngestyregruppen for Sydklyngen\nTidspunkt: 8. maj 2023 kl. 13-15\n")
    assert info.forum == "Klyngestyregruppen Sydklyngen"
    assert (info.date, info.start, info.end) == (dt.date(2023, 5, 8), "13:00", "15:00")


def test_date_in_title_when_no_time_line() -> None:
    info = read("Beslutningsprotokol Byrådet 14. maj 2024\nMødested: Byrådssalen\n")
    assert info.forum == "Byrådet"
    assert info.date == dt.date(2024, 5, 14)
    assert info.location == "Byrådssalen"
    assert info.start is None
