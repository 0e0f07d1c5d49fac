"""The whole pipeline under fuzzing: random bytes and mutations of real minutes (PDF, DOCX, text).

Every input gives a Meeting or an InputError whose one-line message names the file; none crashes,
none hangs past the per-document time limit.
"""

from __future__ import annotations

import time
from functools import cache

import pytest
from builders import make_docx, make_pdf
from builders import minutes_text as _minutes_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klynge.errors import InputError, UnreadableDocument
from klynge.model import Meeting
from klynge.pipeline import parse

LIMIT = 10.0
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def minutes() -> str:
    import datetime as dt

    return _minutes_text("Styregruppen for Nordklyngen", dt.date(2026, 3, 12), "4. Eventuelt\nIntet.\n")


@cache
def originals() -> dict[str, bytes]:
    text = minutes()
    return {
        "referat.txt": text.encode("utf-8"),
        "referat.pdf": make_pdf(text.splitlines(), header="Nordklyngen", page_numbers=True),
        "referat.docx": make_docx(text.splitlines()),
    }


def outcome(data: bytes, name: str) -> None:
    started = time.monotonic()
    try:
        meeting = parse(data, name, time_limit=LIMIT)
    except InputError as exc:
        message = str(exc)
        assert message.startswith(f"{name}: ") and "\n" not in message, message
    else:
        assert isinstance(meeting, Meeting)
    assert time.monotonic() - started < LIMIT + 5


def test_originals_parse() -> None:
    for name, data in originals().items():
        meeting = parse(data, name)
        assert [i.number for i in meeting.items][:3] == ["1", "2", "3"], name


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["x.pdf", "x.docx", "x.txt", "x.md", "x.html", "x"]))
def test_random_bytes(data: bytes, name: str) -> None:
    outcome(data, name)


@FUZZ
@given(
    st.sampled_from(["referat.txt", "referat.pdf", "referat.docx"]),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 64), st.binary(max_size=32)), min_size=1, max_size=8),
)
def test_mutated_documents(name: str, edits: list[tuple[float, int, bytes]]) -> None:
    """Overwrite, cut and insert bytes at random places of a real document."""
    data = bytearray(originals()[name])
    for where, cut, insert in edits:
        at = int(where * len(data))
        data[at : at + cut] = insert
    outcome(bytes(data), name)


@FUZZ
@given(st.text(max_size=400), st.floats(0, 1))
def test_text_with_random_insertions(noise: str, where: float) -> None:
    text = minutes()
    at = int(where * len(text))
    outcome((text[:at] + noise + text[at:]).encode("utf-8", "surrogatepass"), "referat.md")


def test_time_limit_stops_a_document_with_a_clear_error() -> None:
    data = originals()["referat.pdf"]
    with pytest.raises(UnreadableDocument, match=r"^referat\.pdf: tolkningen tog over 0 s og blev stoppet"):
        parse(data, "referat.pdf", time_limit=0.0)
    assert parse(data, "referat.pdf", time_limit=None).items  # no limit: read as usual
