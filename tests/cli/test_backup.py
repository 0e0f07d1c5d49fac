"""`klynge backup` and `klynge restore` as users run them: a round trip, refusals, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from builders import Heading, Para, make_docx

Run = Callable[..., subprocess.CompletedProcess[str]]


def _archive(tmp_path: Path, minutes_text: Callable[..., str]) -> Path:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "nord.txt").write_text(minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14)))
    lines = minutes_text("Sundhedsudvalget Østerby", dt.date(2024, 4, 11)).split("\n")
    docx = make_docx([Heading(lines[0], 1), *(Para(x) for x in lines[1:] if x.strip())])
    (folder / "østerby.docx").write_bytes(docx)
    return folder


def _search(klynge: Run, db: str) -> object:
    res = klynge("search", "akutteam", "--json", db=db)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_round_trip_through_the_command(
    klynge: Run, tmp_path: Path, minutes_text: Callable[..., str], needs_parser: None
) -> None:
    src, dst = str(tmp_path / "kilde.db"), str(tmp_path / "kopi.db")
    assert klynge("ingest", _archive(tmp_path, minutes_text), db=src).returncode == 0
    actions = json.loads(klynge("actions", "--json", db=src).stdout)["actions"]
    assert klynge("actions", "done", str(actions[0]["id"]), db=src).returncode == 0

    out = tmp_path / "backup.zip"
    res = klynge("backup", out, db=src)
    assert res.returncode == 0, res.stderr
    assert "2 originale filer" in res.stdout and str(out) in res.stdout

    res = klynge("restore", out, "--db", dst)
    assert res.returncode == 0, res.stderr
    assert "rækker gendannet" in res.stdout and "2 møder søgeindekseret" in res.stdout

    assert json.loads(klynge("actions", "--done", "--json", db=dst).stdout)["actions"] == [
        {**actions[0], "status": "done"}
    ]
    assert _search(klynge, dst) == _search(klynge, src)
    info = klynge("info", db=dst).stdout
    assert "Møder:         2" in info and "Dokumenter:    2" in info

    # Again into the now full copy: refused with one line, then allowed with --replace.
    res = klynge("restore", out, db=dst)
    assert res.returncode == 1
    assert res.stderr.startswith("fejl: ") and "--replace" in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert klynge("restore", out, "--replace", db=dst).returncode == 0
    assert _search(klynge, dst) == _search(klynge, src)


def test_damaged_backup_is_one_line_naming_the_file(klynge: Run, tmp_path: Path) -> None:
    bad = tmp_path / "gammel.zip"
    bad.write_bytes(b"ikke en zip")
    db = str(tmp_path / "k.db")
    res = klynge("restore", bad, db=db)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [res.stderr.strip()]
    assert res.stderr.startswith(f"fejl: {bad}: ") and "Traceback" not in res.stderr
    assert not Path(db).exists()  # the target is not even created for a file that is no backup


def test_backup_of_a_missing_database_is_refused(klynge: Run, tmp_path: Path) -> None:
    res = klynge("backup", tmp_path / "b.zip", db=str(tmp_path / "findes-ikke.db"))
    assert res.returncode == 1
    assert "findes-ikke.db: databasen findes ikke" in res.stderr
    assert not (tmp_path / "b.zip").exists() and not (tmp_path / "findes-ikke.db").exists()
