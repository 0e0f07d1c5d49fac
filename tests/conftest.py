"""Database fixtures shared by every test that needs a store.

    def test_x(db_url: str) -> None: ...      # runs twice: SQLite in tmp_path, then PostgreSQL
    def test_y(store: SessionFactory) -> None: ...   # open_store(db_url): migrated, ready
    def test_z(sqlite_url: str) -> None: ...   # SQLite only (CLI tests, where one backend is enough)
    def test_p(needs_parser: None, minutes_text) -> None: ...   # fails early if the parser cannot read it
    def test_s(sample) -> None: data, meeting = sample(date=None)   # file bytes + the Meeting they stand for

The PostgreSQL variant creates a fresh database `klynge_test_<random>` through the `test` database on
127.0.0.1:5432 (user postgres, trust auth) and drops it afterwards, so parallel test runs never
collide. When the server is unreachable those tests skip with the reason. Set KLYNGE_TEST_PG to
another server URL (postgresql://user@host:port) to use it instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import secrets
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from builders import minutes_text as _minutes_text

from klynge import model
from klynge.store.db import SessionFactory, engine_of, open_store

PG_SERVER = os.environ.get("KLYNGE_TEST_PG", "postgresql://postgres@127.0.0.1:5432")


@cache
def _pg_unreachable() -> str | None:
    """None when PostgreSQL answers, else why not (checked once per test run)."""
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/test", connect_timeout=3):
            return None
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"PostgreSQL på {PG_SERVER}/test svarer ikke ({first})"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database file in this test's tmp_path (created on first open)."""
    return f"sqlite:///{tmp_path / 'klynge.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test, dropped afterwards; skips when unreachable."""
    reason = _pg_unreachable()
    if reason:
        pytest.skip(reason)
    import psycopg

    name = f"klynge_test_{secrets.token_hex(6)}"
    with psycopg.connect(f"{PG_SERVER}/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database URL: SQLite in tmp_path, then a fresh PostgreSQL database."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[SessionFactory]:
    """`open_store(db_url)`: a session factory on a migrated database; its engine is closed afterwards."""
    factory = open_store(db_url)
    try:
        yield factory
    finally:
        engine_of(factory).dispose()


@pytest.fixture
def minutes_text() -> Callable[..., str]:
    """`minutes_text(forum, date, extra="", secret=...)`: short minutes in the genre, three items
    (the third a closed item titled `secret`), invented names; `extra` is appended (e.g. "4. Eventuelt\n")."""
    return _minutes_text


@cache
def _parser_missing() -> str | None:
    from klynge.errors import InputError
    from klynge.pipeline import parse

    text = _minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14))
    try:
        meeting = parse(text.encode("utf-8"), "referat.txt")
    except InputError as exc:
        return f"parseren læser endnu ikke testreferatet ({exc})"
    if len(meeting.items) < 3:
        return f"parseren fandt {len(meeting.items)} af 3 punkter i testreferatet"
    return None


@pytest.fixture
def needs_parser() -> None:
    """Fail at once, with the reason, when klynge.pipeline.parse cannot read `minutes_text`.

    (It skipped while the parser was a placeholder; the parser has landed, so now it must work.)
    """
    reason = _parser_missing()
    if reason:
        pytest.fail(reason)


# A meeting as the parser would make it of `minutes_text`, for tests of the store without the parser.

Sample = tuple[bytes, model.Meeting]


def _span(text: str, part: str, page: int | None = 1) -> model.Span:
    start = text.index(part)
    return model.Span(start, start + len(part), page)


def build(
    minutes_text: Callable[..., str],
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
def sample(minutes_text: Callable[..., str]) -> Callable[..., Sample]:
    """`sample(name=..., forum=..., date=..., extra=..., secret=...)` -> (file bytes, Meeting)."""
    return functools.partial(build, minutes_text)
