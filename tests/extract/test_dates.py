"""Danish dates and periods: each form, and the cases where the text does not support a date."""

from __future__ import annotations

import datetime as dt

import pytest

from klynge.extract.dates import find_due

MEETING = dt.date(2023, 12, 8)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Frist den 23. februar 2024.", dt.date(2024, 2, 23), dt.date(2024, 2, 23)),
        ("Deadline 1. juni 2021", dt.date(2021, 6, 1), dt.date(2021, 6, 1)),
        ("mødet fredag den 27. september 2024", dt.date(2024, 9, 27), dt.date(2024, 9, 27)),
        ("svar senest den 18.04.2024", dt.date(2024, 4, 18), dt.date(2024, 4, 18)),
        ("primo 2023", dt.date(2023, 1, 1), dt.date(2023, 2, 28)),
        ("ultimo marts 2024", dt.date(2024, 3, 21), dt.date(2024, 3, 31)),
        ("i efteråret 2021", dt.date(2021, 9, 1), dt.date(2021, 11, 30)),
        ("i foråret 2024", dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
        ("i uge 4 2024", dt.date(2024, 1, 22), dt.date(2024, 1, 28)),
        ("i 1. kvartal 2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("i 2. halvår 2024", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ],
)
def test_forms_resolve(text: str, start: dt.date, end: dt.date) -> None:
    due = find_due(text, MEETING)
    assert due is not None
    assert (due.start, due.end) == (start, end)


def test_missing_year_is_the_next_occurrence_after_the_meeting() -> None:
    due = find_due("senest den 18. april", MEETING)
    assert due is not None and due.exact == dt.date(2024, 4, 18)
    assert "senest" in due.phrase
    later = find_due("den 20. december", MEETING)
    assert later is not None and later.exact == dt.date(2023, 12, 20)


def test_missing_year_without_meeting_date_gives_phrase_only() -> None:
    due = find_due("den 23. februar", None)
    assert due is not None and due.start is None and due.exact is None
    assert "23. februar" in due.phrase


def test_numeric_day_month() -> None:
    due = find_due("tilbagemelding 18/4", MEETING)
    assert due is not None and due.exact == dt.date(2024, 4, 18)


def test_vague_phrase_has_no_dates() -> None:
    due = find_due("Hurtigst muligt", MEETING)
    assert due is not None and due.start is None and due.end is None
    assert due.phrase.lower() == "hurtigst muligt"


def test_next_meeting_resolves_only_when_known() -> None:
    unknown = find_due("orienterer på næste møde", MEETING)
    assert unknown is not None and unknown.start is None
    known = find_due("orienterer på næste møde", MEETING, dt.date(2024, 2, 23))
    assert known is not None and known.exact == dt.date(2024, 2, 23)


def test_season_without_year_takes_the_coming_one() -> None:
    due = find_due("i foråret", MEETING)
    assert due is not None and due.start == dt.date(2024, 3, 1)


def test_no_date_in_plain_text() -> None:
    assert find_due("Sekretariatet udsender materialet.", MEETING) is None


def test_impossible_day_is_not_invented() -> None:
    due = find_due("den 31. februar 2024", MEETING)
    assert due is None or due.start is None


def test_holiday_phrases_are_vague() -> None:
    due = find_due("Planen skal være klar inden sommerferien.", MEETING)
    assert due is not None and due.start is None
    assert due.phrase == "Inden sommerferien"


def test_primo_month_without_year_is_the_coming_one() -> None:
    due = find_due("primo marts", MEETING)
    assert due is not None and (due.start, due.end) == (dt.date(2024, 3, 1), dt.date(2024, 3, 10))


def test_primo_year_in_a_leap_year_ends_with_february() -> None:
    due = find_due("primo 2024", MEETING)
    assert due is not None and due.end == dt.date(2024, 2, 29)


def test_month_without_year_after_the_meeting_month() -> None:
    due = find_due("mødes igen i juni", MEETING)
    assert due is not None and (due.start, due.end) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))


def test_week_without_year_takes_the_next_such_week() -> None:
    due = find_due("i uge 4", MEETING)
    assert due is not None and due.start == dt.date(2024, 1, 22)
