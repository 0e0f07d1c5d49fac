"""`klynge reparse`: every stored original read again; corrections kept; a clear summary."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from klynge.store import lifecycle
from klynge.store import tables as t
from klynge.store.db import engine_of, open_store

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_reparse_reads_again_and_keeps_a_correction(tmp_path: Path, sqlite_url: str, klynge: Run) -> None:
    folder = tmp_path / "ind"
    folder.mkdir()
    (folder / "a.md").write_text(
        "# Referat\n\nDato: 3. marts 2024\n\n## 1. Budget\n\nGodkendt.\n\n## 2. Eventuelt\n\nIntet.\n"
    )
    (folder / "b.md").write_text(
        "# Referat\n\nDato: 4. marts 2024\n\n## 1. Status\n\nTaget til efterretning.\n"
    )
    assert klynge("ingest", "--unpublished", folder, db=sqlite_url).returncode == 0
    factory = open_store(sqlite_url)
    try:
        with factory() as s:
            mid, item = s.execute(select(t.Item.meeting_id, t.Item.id).where(t.Item.title == "Budget")).one()
        lifecycle.update_item(factory, item, {"title": "Budget for 2025"}, by="sekr")
        res = klynge("reparse", db=sqlite_url)
        assert res.returncode == 0, res.stderr
        assert res.stdout.splitlines() == [
            "2 møder læst igen, 1 rettelse genbrugt, 0 rettelser passer ikke længere, 0 kræver gennemsyn, 0 fejl"
        ]
        with factory() as s:
            titles = s.scalars(select(t.Item.title).where(t.Item.meeting_id == mid).order_by(t.Item.position))
            assert list(titles) == ["Budget for 2025", "Eventuelt"]
    finally:
        engine_of(factory).dispose()
    assert "Traceback" not in klynge("reparse", db=f"sqlite:///{tmp_path / 'tom.db'}").stderr
