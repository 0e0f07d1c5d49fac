"""The five real seed documents, scored with ../shared/eval/score.py (issue 2's quality bar).

Skipped where ../shared is not present (the product is also scored on documents we do not have).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from klynge import parse
from klynge.interchange import to_interchange

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEEDS, TRUTH = SHARED / "seeds", SHARED / "eval" / "truth"

pytestmark = pytest.mark.skipif(
    not (TRUTH.is_dir() and SEEDS.is_dir()), reason="../shared/ (seeds) ikke til stede"
)


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("klynge_seed_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_documents_meet_the_quality_bar(tmp_path: Path) -> None:
    score = scorer()
    rows = {}
    for truth in sorted(TRUTH.glob("*.json")):
        seed = SEEDS / f"{truth.stem}.txt"
        predicted = to_interchange(parse(seed.read_bytes(), seed.name))
        rows[truth.stem] = score.score_doc(json.loads(truth.read_text(encoding="utf-8")), predicted)
    assert len(rows) == 5
    mean = sum(r["score"] for r in rows.values()) / len(rows)
    items_tp = sum(r["_counts"]["items"][0] for r in rows.values())
    items_pred = sum(r["_counts"]["items"][1] for r in rows.values())
    items_true = sum(r["_counts"]["items"][2] for r in rows.values())
    items_f1 = score.prf(items_tp, items_pred, items_true)[2]
    assert items_f1 >= 0.98, rows
    assert mean >= 0.95, {k: round(r["score"], 3) for k, r in rows.items()}
    decision_capture = sum(r["decision_capture"] for r in rows.values()) / len(rows)
    assert decision_capture >= 0.95
