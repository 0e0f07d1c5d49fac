"""`klynge ingest`: folders and files, one line per bad file, a summary, exit codes, the import log."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from klynge.store import tables as t
from klynge.store.db import engine_of, open_store

Run = Callable[..., subprocess.CompletedProcess[str]]


def blank_pdf() -> bytes:
    """A real PDF with one empty page: no text layer, like a scan without OCR."""
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def bad_files(folder: Path) -> list[Path]:
    """One of each kind of bad input (issue 2, item 7), written into `folder`."""
    pdf = blank_pdf()
    files = {
        "tom.pdf": b"",
        "støj.bin": os.urandom(4096),
        "afkortet.pdf": pdf[: len(pdf) // 2],
        "scannet.pdf": pdf,
        "rapport.docx": b"Dette er ikke en DOCX-fil, bare tekst.",
        "billede.png": b"\x89PNG\r\n\x1a\n" + os.urandom(512),
        "brev.txt": "Kære alle\n\nTak for et godt samarbejde i året der gik.\n".encode(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


def import_log(url: str) -> list[tuple[str, str]]:
    factory = open_store(url)
    try:
        with factory() as s:
            return [
                (f.filename, f.outcome) for f in s.scalars(select(t.ImportFile).order_by(t.ImportFile.id))
            ]
    finally:
        engine_of(factory).dispose()


def test_bad_input_one_line_each_and_nonzero_exit(tmp_path: Path, sqlite_url: str, klynge: Run) -> None:
    bad = bad_files(tmp_path / "ind")
    (tmp_path / "ind" / ".skjult").mkdir()
    (tmp_path / "ind" / ".skjult" / "gammel.txt").write_text("skjult")
    (tmp_path / "ind" / ".~lock.referat.docx#").write_text("låsefil")
    (tmp_path / "ind" / "~$referat.docx").write_bytes(b"\x00Word-lock")
    res = klynge("ingest", tmp_path / "ind", tmp_path / "findes-ikke.pdf", db=sqlite_url)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr + res.stdout
    lines = [line for line in res.stderr.splitlines() if line.startswith("fejl: ")]
    for path in bad:
        assert sum(line.startswith(f"fejl: {path}: ") for line in lines) == 1, (path, res.stderr)
    assert f"fejl: {tmp_path / 'findes-ikke.pdf'}: findes ikke" in lines
    assert len(lines) == len(bad) + 1  # hidden files and folders are skipped
    assert "skjult" not in res.stderr and "lock" not in res.stderr
    assert res.stdout.splitlines()[0] == f"0 nye, 0 uændrede, 0 nye versioner, {len(bad) + 1} fejl"
    assert res.stdout.splitlines()[1] == "Fejl:"
    assert {p.name for p in bad} == {name for name, outcome in import_log(sqlite_url) if outcome == "failed"}


def test_good_files_are_ingested_beside_bad_ones(
    tmp_path: Path, sqlite_url: str, klynge: Run, minutes_text: Callable[..., str]
) -> None:
    folder = tmp_path / "ind"
    bad_files(folder)
    (folder / "2024").mkdir()
    (folder / "2024" / "referat.txt").write_text(
        minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14))
    )
    (folder / "2024" / "andet.txt").write_text(minutes_text("Sydklyngen", dt.date(2024, 3, 15)))
    res = klynge("ingest", folder, db=sqlite_url)
    assert res.returncode == 1, res.stderr
    assert res.stdout.splitlines()[0] == "2 nye, 0 uændrede, 0 nye versioner, 7 fejl"
    again = klynge("ingest", folder / "2024", db=sqlite_url)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["0 nye, 2 uændrede, 0 nye versioner, 0 fejl"]
    (folder / "2024" / "referat.txt").write_text(
        minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14), extra="4. Eventuelt\n")
    )
    changed = klynge("ingest", folder / "2024" / "referat.txt", db=sqlite_url)
    assert changed.stdout.splitlines() == ["0 nye, 0 uændrede, 1 ny version, 0 fejl"]
    factory = open_store(sqlite_url)
    try:
        with factory() as s:
            meetings = {m.document.filename: m for m in s.scalars(select(t.Meeting)) if m.document}
            assert sorted(meetings) == ["andet.txt", "referat.txt"]
            assert all(m.published for m in meetings.values())
            assert meetings["referat.txt"].version == 2 and len(meetings["referat.txt"].items) == 4
            assert meetings["andet.txt"].version == 1
            runs = s.scalars(select(t.ImportRun)).all()
            assert len(runs) == 3 and all(r.source == "cli" and r.finished_at for r in runs)
    finally:
        engine_of(factory).dispose()


def test_unpublished_and_db_option(tmp_path: Path, klynge: Run, minutes_text: Callable[..., str]) -> None:
    path = tmp_path / "referat.txt"
    path.write_text(minutes_text("Sydklyngen", dt.date(2024, 3, 15)))
    url = f"sqlite:///{tmp_path / 'valgt.db'}"
    res = klynge("ingest", "--unpublished", "--db", url, path)
    assert res.returncode == 0, res.stderr
    factory = open_store(url)
    try:
        with factory() as s:
            assert [m.published for m in s.scalars(select(t.Meeting))] == [False]
    finally:
        engine_of(factory).dispose()


def test_store_failure_is_one_clear_line(tmp_path: Path, klynge: Run) -> None:
    res = klynge("ingest", tmp_path, db="postgresql+psycopg://postgres:hemmelig@127.0.0.1:1/klynge")
    assert res.returncode == 1
    assert res.stderr.startswith(
        "fejl: postgresql+psycopg://postgres:***@127.0.0.1:1/klynge: databasen kan ikke"
    )
    assert "hemmelig" not in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("args", [[], ["--help"]])
def test_usage(args: list[str], klynge: Run) -> None:
    res = klynge("ingest", *args)
    assert ("Usage" in res.stdout + res.stderr) and (res.returncode == (0 if args else 2))


@pytest.mark.parametrize(("args", "lower"), [((), 19), (("--nice", "3"), 3), (("--nice", "0"), 0)])
def test_an_import_runs_at_a_lower_cpu_priority(
    tmp_path: Path, minutes_text: Callable[..., str], args: tuple[str, ...], lower: int
) -> None:
    """By default at the lowest priority (it gives way to a server on the same machine)."""
    path = tmp_path / "referat.txt"
    path.write_text(minutes_text("Sydklyngen", dt.date(2024, 3, 15)))
    url = f"sqlite:///{tmp_path / 'nice.db'}"
    script = (
        "import os, sys\n"
        "from typer.testing import CliRunner\n"
        "from klynge.cli.main import app, _register\n"
        "_register()\n"
        "before = os.nice(0)\n"
        "r = CliRunner().invoke(app, sys.argv[1:])\n"
        "print(r.exit_code, before, os.nice(0))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", script, "ingest", *args, "--db", url, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    code, before, after = (int(x) for x in res.stdout.split())
    assert code == 0, res.stderr
    assert after == min(19, before + lower)  # niceness stops at 19


def test_doubtful_parses_are_stored_and_named(
    tmp_path: Path, sqlite_url: str, klynge: Run, minutes_text: Callable[..., str]
) -> None:
    """Issue 16: a file read doubtfully is stored, named with its reasons, and counted; exit code 0."""
    folder = tmp_path / "ind"
    folder.mkdir()
    (folder / "referat.txt").write_text(minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14)))
    (folder / "noter.md").write_text(  # no date found, every outcome left in unheaded text
        "# Referat\n\nKlyngestyregruppen Sydklyngen\n\n## 1. Dagsorden\n\nDagsordenen blev godkendt.\n\n"
        "## 2. Økonomi\n\nRegnskabet blev taget til efterretning.\n\n## 3. Plan\n\nPlanen blev godkendt.\n"
    )
    res = klynge("ingest", folder, db=sqlite_url)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == "2 nye, 0 uændrede, 0 nye versioner, 0 fejl; 1 kræver gennemsyn"
    flagged = [line for line in res.stderr.splitlines() if line.startswith("kræver gennemsyn: ")]
    assert len(flagged) == 1 and flagged[0].startswith(f"kræver gennemsyn: {folder / 'noter.md'}: ")
    factory = open_store(sqlite_url)
    try:
        with factory() as s:
            verdicts = {
                m.document.filename: m.warnings["quality"] for m in s.scalars(select(t.Meeting)) if m.document
            }
    finally:
        engine_of(factory).dispose()
    assert verdicts["noter.md"]["needs_review"] and verdicts["noter.md"]["reasons"]
    assert verdicts["referat.txt"] == {"confidence": 1.0, "needs_review": False, "reasons": []}
