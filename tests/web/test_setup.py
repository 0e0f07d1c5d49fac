"""`klynge serve` preparation: migrate, load the demo archive once; the worker entry point."""

from __future__ import annotations

import gc

import pytest
from webarchive import TestClient

from klynge.web.asgi import GC_THRESHOLDS, make_app
from klynge.web.setup import prepare


def test_demo_is_loaded_once_and_served(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from klynge.demo import files

    assert prepare(sqlite_url) == 0
    loaded = prepare(sqlite_url, demo=True)
    assert loaded == len(files()) and loaded >= 10
    assert prepare(sqlite_url, demo=True) == 0  # already there: nothing loaded twice
    monkeypatch.setenv("KLYNGE_DB", sqlite_url)
    monkeypatch.setenv("KLYNGE_HOST", "0.0.0.0")
    thresholds = gc.get_threshold()
    app = make_app()
    try:
        # a worker's collector: start-up objects frozen, rarer collections
        assert gc.get_threshold() == GC_THRESHOLDS and gc.get_freeze_count() > 0
        with TestClient(app) as c:
            assert c.get("/api/meetings").json()["total"] == loaded
            assert c.get("/upload").status_code == 403  # not loopback: no writing
            assert "Kommende møder" in c.get("/").text
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        app.state.engine.dispose()
