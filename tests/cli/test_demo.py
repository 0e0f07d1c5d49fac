from __future__ import annotations

import subprocess
from collections.abc import Callable

from klynge.demo import files

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_demo_loads_every_file_once(klynge: Run, sqlite_url: str) -> None:
    first = klynge("demo", "--db", sqlite_url)
    assert first.returncode == 0, first.stderr
    assert f"Møder i databasen: {len(files())}" in first.stdout
    # The forum as the parser names it ("Klyngestyregruppen for Nordklyngen" is read as "Klyngestyregruppen Nordklyngen").
    assert "Klyngestyregruppen Nordklyngen" in first.stdout
    assert "klynge show " in first.stdout
    again = klynge("demo", "--db", sqlite_url)
    assert again.returncode == 0, again.stderr
    assert f"{len(files())} uændrede" in again.stdout
    assert f"Møder i databasen: {len(files())}" in again.stdout


def test_demo_is_listed_in_help(klynge: Run) -> None:
    result = klynge("--help")
    assert result.returncode == 0
    assert "demo" in result.stdout
