"""`klynge show ID`: a stored meeting as an outline or interchange JSON; unknown ids are one clear line."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

from klynge import model
from klynge.interchange import to_interchange
from klynge.store.db import engine_of, open_store
from klynge.store.repo import ingest_meeting

Run = Callable[..., subprocess.CompletedProcess[str]]
Build = Callable[..., tuple[bytes, model.Meeting]]  # the `sample` fixture (tests/conftest.py)


def stored(url: str, sample: Build, **kw: object) -> tuple[int, model.Meeting]:
    data, meeting = sample(**kw)
    factory = open_store(url)
    try:
        out = ingest_meeting(factory, data, "referat.txt", meeting, published=False)
    finally:
        engine_of(factory).dispose()
    assert out.meeting_id is not None, out.message
    return out.meeting_id, meeting


def test_show_outline(sqlite_url: str, sample: Build, klynge: Run) -> None:
    meeting_id, _ = stored(sqlite_url, sample, secret="Personalesag")
    res = klynge("show", meeting_id, db=sqlite_url)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == f"Møde {meeting_id} (version 1, referat.txt, ikke offentliggjort)"
    assert lines[1] == "Klyngestyregruppen Nordklyngen"
    assert "2. Status på fælles akutteam  (kl. 09:05-09:45, v/Peter Lund, 1-52-100-22-09)" in lines
    assert "3. Personalesag [LUKKET]  (kl. 09:45-10:00)" in lines
    assert "      Sofie Holm, vicedirektør (afbud)" in lines


def test_show_json_on_both_backends(db_url: str, sample: Build, klynge: Run) -> None:
    meeting_id, meeting = stored(db_url, sample)
    res = klynge("show", "--json", "--db", db_url, meeting_id)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == to_interchange(meeting)


def test_unknown_id(sqlite_url: str, klynge: Run) -> None:
    res = klynge("show", "12", db=sqlite_url)
    assert (res.returncode, res.stdout, res.stderr) == (1, "", "fejl: møde 12 findes ikke\n")
