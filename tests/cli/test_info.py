"""`klynge info`: the database (password hidden), the SQLite file, the schema version and the counts."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

from klynge import model
from klynge.store.db import engine_of, head_revision, open_store
from klynge.store.repo import ingest_meeting

Run = Callable[..., subprocess.CompletedProcess[str]]
Build = Callable[..., tuple[bytes, model.Meeting]]  # the `sample` fixture (tests/conftest.py)


def test_info_on_a_fresh_file_database(tmp_path: Path, klynge: Run) -> None:
    path = tmp_path / "ny" / "klynge.db"
    res = klynge("info", "--db", path)  # a bare path is a SQLite file; the folder is created
    assert res.returncode == 0, res.stderr
    assert f"SQLite-fil:    {path}" in res.stdout.splitlines()
    assert f"Skemaversion:  {head_revision()}" in res.stdout.splitlines()
    assert "Møder:         0" in res.stdout.splitlines() and path.exists()


def test_info_counts(db_url: str, sample: Build, klynge: Run) -> None:
    factory = open_store(db_url)
    try:
        for day in (1, 2):
            data, meeting = sample(date=dt.date(2024, 5, day), extra=f"4. Eventuelt {day}\n")
            assert not ingest_meeting(factory, data, f"m{day}.txt", meeting).failed
    finally:
        engine_of(factory).dispose()
    res = klynge("info", db=db_url)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == f"Database:      {db_url}"
    for expected in ("Møder:         2", "Punkter:       8", "Dokumenter:    2", "Handlinger:    4"):
        assert expected in lines, res.stdout


def test_password_is_hidden(klynge: Run) -> None:
    res = klynge("info", db="postgresql://postgres:hemmelig@127.0.0.1:1/klynge")
    assert res.returncode == 1 and "hemmelig" not in res.stdout + res.stderr
    assert res.stderr.startswith("fejl: postgresql+psycopg://postgres:***@127.0.0.1:1/klynge:")
