"""Issue 6, deliverable 5: an exported agenda/minutes read back with `klynge parse` is the same meeting.

Scored with ../shared/eval/score.py against the meeting's own interchange JSON (as an answer key).
The item-level figures must be exact as soon as the parser reads the file; the whole score must be 1.0
once the header, participant and action parts of the parser are no longer placeholders. Each test
skips with the reason while its part of the parser is missing.
"""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from klynge.errors import InputError
from klynge.export.docx import render_docx
from klynge.export.html import render_html
from klynge.export.markdown import render_markdown
from klynge.extract import extract
from klynge.interchange import answer_key, from_interchange, to_interchange
from klynge.model import Meeting
from klynge.pipeline import parse
from klynge.segment.meeting import read_meeting_info
from klynge.segment.participants import read_participants

SCORE_PY = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def _score_module() -> ModuleType:
    if not SCORE_PY.exists():
        pytest.skip(f"{SCORE_PY} findes ikke (../shared mangler)")
    spec = importlib.util.spec_from_file_location("klynge_eval_score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pdf(meeting: Meeting, kind: str) -> bytes:
    try:
        from klynge.export.pdf import render_pdf

        return render_pdf(meeting, kind)  # type: ignore[arg-type]
    except OSError as exc:
        pytest.skip(f"WeasyPrint kan ikke indlæses: {exc}")


def _md(meeting: Meeting, kind: str) -> bytes:
    return render_markdown(meeting, kind).encode()  # type: ignore[arg-type]


def _html(meeting: Meeting, kind: str) -> bytes:
    return render_html(meeting, kind).encode()  # type: ignore[arg-type]


def _docx(meeting: Meeting, kind: str) -> bytes:
    return render_docx(meeting, kind)  # type: ignore[arg-type]


RENDERERS: dict[str, Callable[[Meeting, str], bytes]] = {"docx": _docx, "pdf": _pdf, "md": _md, "html": _html}


ITEM_METRICS = ("items_f1", "sections_acc", "item_fields_acc", "attachments_f1", "decision_capture")
PARTS: dict[str, Callable[..., Any]] = {
    "mødehovedet (klynge.segment.meeting)": read_meeting_info,
    "deltagerne (klynge.segment.participants)": read_participants,
    "handlingerne (klynge.extract)": extract,
}


def placeholders() -> list[str]:
    """The parts of the parser that are still placeholders (their docstring says so)."""
    return [name for name, fn in PARTS.items() if (inspect.getdoc(fn) or "").startswith("Placeholder")]


def _read_back(suffix: str, meeting_json: dict[str, Any]) -> dict[str, Any]:
    """Export as `suffix`, parse, and score against the meeting's own answer key."""
    score = _score_module()
    meeting = from_interchange(meeting_json)
    expected = answer_key(to_interchange(meeting))
    data = RENDERERS[suffix](meeting, "minutes")
    try:
        parsed = parse(data, f"referat.{suffix}")
    except InputError as exc:
        pytest.skip(f"klynge.parse kan endnu ikke læse den eksporterede .{suffix}-fil: {exc}")
    if not parsed.items:
        pytest.skip(f"klynge.parse fandt endnu ingen punkter i den eksporterede .{suffix}-fil")
    result: dict[str, Any] = score.score_doc(expected, to_interchange(parsed))
    result.pop("_counts", None)
    return result


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
def test_items_read_back_exactly(suffix: str, meeting_json: dict[str, Any]) -> None:
    """Items, sections, slots, presenters, journal numbers, attachments, decisions: all exact."""
    result = _read_back(suffix, meeting_json)
    assert {k: result[k] for k in ITEM_METRICS} == dict.fromkeys(ITEM_METRICS, 1.0), result


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
def test_export_reads_back_as_the_same_meeting(suffix: str, meeting_json: dict[str, Any]) -> None:
    """The whole meeting, score 1.0; skipped while parts of the parser are placeholders."""
    missing = placeholders()
    if missing:
        pytest.skip(f"parseren mangler endnu: {', '.join(missing)}")
    result = _read_back(suffix, meeting_json)
    assert result["score"] == pytest.approx(1.0), result
