"""The development corpus (issue 15): parse every real document in tests/corpus/ and score it.

    .venv/bin/python bench/corpus.py [--corpus tests/corpus] [--json] [--only PREFIX]

Prints ../shared/eval/score.py's figures per document, then the mean per producing system, for whole
documents and excerpts apart, and in all, plus the parse time per page. Each answer key
(tests/corpus/truth/<id>.json) carries a "corpus" object (source, body, system, kind, format,
excerpt) that the scorer ignores; its document is tests/corpus/docs/<id>.<ext>. A document the parser
refuses scores as an empty prediction. tests/test_corpus.py fails when the mean drops more than 0.02
below the figure committed in tests/corpus/BASELINE.json. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from klynge.errors import InputError
from klynge.interchange import to_interchange
from klynge.pipeline import parse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SHOWN = ("score", "items_f1", "sections_acc", "decision_capture", "participants_f1", "actions_f1")


def load_scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("klynge_corpus_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Row:
    """One document's figures."""

    id: str
    system: str
    kind: str
    excerpt: bool
    figures: dict[str, Any]
    pages: int
    seconds: float
    refused: str | None
    flagged: bool = True
    """The parse's quality verdict says "needs review" (a refused document counts as flagged)."""


def documents(corpus: Path = CORPUS) -> list[tuple[Path, Path]]:
    """(answer key, document) pairs, by id."""
    pairs = []
    for key in sorted((corpus / "truth").glob("*.json")):
        found = sorted(p for p in (corpus / "docs").glob(f"{key.stem}.*") if p.is_file())
        if found:
            pairs.append((key, found[0]))
    return pairs


def score_corpus(corpus: Path = CORPUS, scorer: ModuleType | None = None, only: str = "") -> list[Row]:
    score = scorer or load_scorer()
    rows = []
    for key_path, doc in documents(corpus):
        if only and not key_path.stem.startswith(only):
            continue
        key = json.loads(key_path.read_text(encoding="utf-8"))
        about = key.get("corpus") or {}
        refused = None
        began = time.perf_counter()
        try:
            meeting = parse(doc.read_bytes(), doc.name)
            predicted: dict[str, Any] = to_interchange(meeting)
            pages = meeting.document.pages or 1
            flagged = bool(predicted["quality"]["needs_review"])
        except InputError as exc:
            predicted, pages, refused, flagged = {}, 1, str(exc), True
        seconds = time.perf_counter() - began
        figures = score.score_doc(key, predicted)
        rows.append(
            Row(
                key_path.stem,
                str(about.get("system") or "?"),
                str(about.get("kind") or "?"),
                bool(about.get("excerpt")),
                figures,
                pages,
                seconds,
                refused,
                flagged,
            )
        )
    return rows


def mean(rows: list[Row], figure: str = "score") -> float:
    return statistics.fmean(r.figures[figure] for r in rows) if rows else 0.0


def _line(name: str, rows: list[Row], width: int) -> str:
    cells = " ".join(f"{mean(rows, k):10.3f}" for k in SHOWN)
    return f"{name.ljust(width)} {len(rows):4d} {cells}"


def report(rows: list[Row]) -> str:
    width = max([len(r.id) for r in rows] + [24])
    head = f"{'dokument'.ljust(width)} {'n':>4} " + " ".join(k[:10].rjust(10) for k in SHOWN)
    out = [head]
    for r in rows:
        cells = " ".join(f"{r.figures[k]:10.3f}" for k in SHOWN)
        ms = 1000 * r.seconds / r.pages
        note = f"  afvist: {r.refused}" if r.refused else ""
        out.append(f"{r.id.ljust(width)} {'':4} {cells}  {ms:6.1f} ms/side{note}")
    out.append("")
    out.append("pr. system")
    for system in sorted({r.system for r in rows}):
        out.append(_line(system, [r for r in rows if r.system == system], width))
    out.append("")
    out.append(_line("hele dokumenter", [r for r in rows if not r.excerpt], width))
    out.append(_line("uddrag", [r for r in rows if r.excerpt], width))
    out.append(_line("i alt", rows, width))
    pages = sum(r.pages for r in rows)
    seconds = sum(r.seconds for r in rows)
    if pages:
        out.append(f"parsetid: {1000 * seconds / pages:.1f} ms pr. side ({pages} sider, {seconds:.2f} s)")
    out.append(calibration(rows))
    out.append(f"score: {mean(rows):.3f}")
    return "\n".join(out)


def calibration(rows: list[Row]) -> str:
    """How the quality verdict (issue 16) agrees with the score: doubtful parses should be flagged."""
    low = [r for r in rows if r.figures["score"] < 0.60]
    high = [r for r in rows if r.figures["score"] >= 0.85]
    return (
        f"kræver gennemsyn: {sum(r.flagged for r in low)} af {len(low)} med score < 0.60, "
        f"{sum(r.flagged for r in high)} af {len(high)} med score >= 0.85"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", default="", help="kun dokumenter hvis id begynder sådan")
    args = ap.parse_args()
    if not SCORER.exists():
        print(f"mangler {SCORER}", file=sys.stderr)
        return 2
    rows = score_corpus(args.corpus, only=args.only)
    if args.json:
        print(json.dumps({r.id: {k: r.figures[k] for k in SHOWN} for r in rows}, indent=1))
    else:
        print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
