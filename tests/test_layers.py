"""The core (read, clean, segment, extract) stays pure: no database, web or CLI imports."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = [
    "model.py",
    "errors.py",
    "deadline.py",
    "pipeline.py",
    "interchange.py",
    "quality.py",
    "corrections.py",
    "read",
    "clean",
    "segment",
    "extract",
]
FORBIDDEN = (
    "sqlalchemy",
    "alembic",
    "psycopg",
    "fastapi",
    "starlette",
    "typer",
    "rich",
    "uvicorn",
    "klynge.store",
    "klynge.index",
    "klynge.web",
    "klynge.cli",
)
PACKAGE = Path(__file__).resolve().parent.parent / "klynge"


def core_files() -> list[Path]:
    files: list[Path] = []
    for name in CORE:
        path = PACKAGE / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_imports_no_io_layers() -> None:
    files = core_files()
    assert len(files) >= 8
    offenders = {
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in files
        for module in imported_modules(path)
        if module.startswith(FORBIDDEN)
    }
    assert not offenders, sorted(offenders)
