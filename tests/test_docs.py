"""docs/cli.md is every command's --help, so the reference cannot drift from the code.

Regenerate with KLYNGE_UPDATE_DOCS=1 .venv/bin/pytest tests/test_docs.py
"""

from __future__ import annotations

import os
from pathlib import Path

import typer
from typer.testing import CliRunner

from klynge.cli.main import _register, app

DOCS = Path(__file__).resolve().parent.parent / "docs"


def command_paths() -> list[list[str]]:
    _register()
    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]

    def walk(group: object, prefix: list[str]) -> None:
        # Typer vendors its own click, so look for sub-commands rather than a click.Group type.
        commands: dict[str, object] = getattr(group, "commands", {}) or {}
        for name in sorted(commands):
            paths.append([*prefix, name])
            walk(commands[name], [*prefix, name])

    walk(root, [])
    return paths


def render() -> str:
    runner = CliRunner()
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `tests/test_docs.py`; do not edit by hand.",
        "",
    ]
    for path in command_paths():
        result = runner.invoke(
            app, [*path, "--help"], env={"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
        )
        assert result.exit_code == 0, (path, result.output)
        parts += [f"## klynge {' '.join(path)}".rstrip(), "", "```", result.output.rstrip(), "```", ""]
    return "\n".join(parts)


def test_cli_reference_is_current() -> None:
    text = render()
    target = DOCS / "cli.md"
    if os.environ.get("KLYNGE_UPDATE_DOCS"):
        target.write_text(text, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == text, (
        "docs/cli.md is stale: KLYNGE_UPDATE_DOCS=1 pytest tests/test_docs.py"
    )


def test_every_command_is_in_the_readme_or_reference() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for path in command_paths()[1:]:
        assert f"## klynge {' '.join(path)}" in reference


def test_update_flag_is_not_left_on() -> None:
    assert not os.environ.get("KLYNGE_UPDATE_GOLDEN"), (
        "KLYNGE_UPDATE_GOLDEN is set: golden files would be rewritten"
    )
