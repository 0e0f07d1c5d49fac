"""Run the real `klynge` command in a subprocess: exit codes, stderr and `fejl:` lines as users see them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

KLYNGE = Path(sys.executable).parent / "klynge"

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def klynge() -> Run:
    """`klynge("ingest", path, db=url)` -> CompletedProcess; `db` is passed as KLYNGE_DB, not --db."""

    def run(*args: str | Path, db: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "KLYNGE_DB"}
        if db is not None:
            env["KLYNGE_DB"] = db
        return subprocess.run(
            [str(KLYNGE), *map(str, args)], capture_output=True, text=True, env=env, timeout=120, check=False
        )

    return run
