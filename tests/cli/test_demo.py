from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from klynge.cli.main import _register, app
from klynge.demo import files


def test_demo_loads_every_file_once(tmp_path: Path) -> None:
    _register()
    db = tmp_path / "demo.db"
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert f"Møder i databasen: {len(files())}" in first.output
    assert "Klyngestyregruppen for Nordklyngen" in first.output
    assert "klynge show " in first.output
    again = runner.invoke(app, ["demo", "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert f"{len(files())} uændrede" in again.output
    assert f"Møder i databasen: {len(files())}" in again.output
