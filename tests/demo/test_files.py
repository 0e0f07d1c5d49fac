"""The committed demo files: present, small, readable, up to date, and (once the parser lands) parsed."""

from __future__ import annotations

import importlib.util
import inspect
import io
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest

from klynge.demo import files
from klynge.demo.build import render
from klynge.demo.content import meetings
from klynge.errors import InputError
from klynge.extract import extract
from klynge.interchange import answer_key, from_interchange, to_interchange
from klynge.pipeline import parse
from klynge.segment.meeting import read_meeting_info
from klynge.segment.participants import read_participants

BY_NAME = {m.filename: m for m in meetings()}


def test_every_meeting_has_its_file_and_nothing_else() -> None:
    assert sorted(p.name for p in files()) == sorted(BY_NAME)
    total = sum(p.stat().st_size for p in files())
    assert total < 3 * 1024 * 1024, f"demo-filerne fylder {total} bytes"


@pytest.mark.parametrize("name", sorted(n for n in BY_NAME if n.endswith((".md", ".html"))))
def test_text_files_are_up_to_date(name: str) -> None:
    path = next(p for p in files() if p.name == name)
    assert path.read_bytes() == render(BY_NAME[name]), "kør python -m klynge.demo.build"


def test_docx_and_pdf_files_open_with_their_items() -> None:
    for path in files():
        demo = BY_NAME[path.name]
        first = demo.data["items"][0]["title"]
        last = demo.data["items"][-1]["title"]
        if path.suffix == ".docx":
            document = docx.Document(io.BytesIO(path.read_bytes()))
            headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 2"]
            assert len(headings) == len(demo.data["items"]) + 2  # + Deltagere, Dagsorden
            assert headings[2].startswith(f"1. {first}")
        elif path.suffix == ".pdf":
            pdf = pdfium.PdfDocument(path.read_bytes())
            text = " ".join(page.get_textpage().get_text_range() for page in pdf)
            flat = " ".join(text.split())
            assert f"1. {first}" in flat and last in flat
            assert demo.data["meeting"]["forum"] in flat


def test_every_demo_file_parses_into_its_items() -> None:
    """Skipped while `klynge.parse` cannot read the files (placeholder readers/segmenter)."""
    unreadable: list[str] = []
    wrong: list[str] = []
    for path in files():
        intended = len(BY_NAME[path.name].data["items"])
        try:
            meeting = parse(path.read_bytes(), path.name)
        except InputError as exc:
            unreadable.append(str(exc))
            continue
        if len(meeting.items) != intended:
            wrong.append(f"{path.name}: {len(meeting.items)} punkter, ventede {intended}")
    if len(unreadable) == len(files()):
        pytest.skip(f"klynge.parse kan endnu ikke læse demo-filerne, fx {unreadable[0]}")
    assert not unreadable and not wrong, unreadable + wrong


SCORE_PY = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


ITEM_METRICS = ("items_f1", "sections_acc", "item_fields_acc", "attachments_f1", "decision_capture")


def test_demo_files_read_back_as_their_meetings() -> None:
    """Issue 6's round trip on the whole demo archive, scored against content.py. The item-level
    figures must be exact; the whole score (header, participants, actions) must average at least 0.95
    once those parts of the parser are no longer placeholders."""
    if not SCORE_PY.exists():
        pytest.skip(f"{SCORE_PY} findes ikke (../shared mangler)")
    spec = importlib.util.spec_from_file_location("klynge_eval_score", SCORE_PY)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    results: dict[str, dict[str, float]] = {}
    for path in files():
        expected = answer_key(to_interchange(from_interchange(BY_NAME[path.name].data)))
        try:
            parsed = parse(path.read_bytes(), path.name)
        except InputError:
            continue
        results[path.name] = score.score_doc(expected, to_interchange(parsed))
    if not results:
        pytest.skip("klynge.parse kan endnu ikke læse demo-filerne")
    inexact = {
        name: {k: round(r[k], 3) for k in ITEM_METRICS if r[k] < 1.0}
        for name, r in results.items()
        if any(r[k] < 1.0 for k in ITEM_METRICS)
    }
    assert not inexact, inexact
    missing = [
        name
        for name, fn in (
            ("mødehovedet", read_meeting_info),
            ("deltagerne", read_participants),
            ("handlingerne", extract),
        )
        if (inspect.getdoc(fn) or "").startswith("Placeholder")
    ]
    if missing:
        pytest.skip(f"punkterne læses eksakt; parseren mangler endnu {', '.join(missing)}")
    mean = sum(r["score"] for r in results.values()) / len(results)
    worst = sorted((r["score"], name) for name, r in results.items())[:5]
    assert mean >= 0.95, worst
