#!/usr/bin/env python3
"""Set up and run Klynge on a fresh machine with only Python 3.11+ on it.

    python3 dev.py demo    # venv + install, load the demo archive, start the main job
    python3 dev.py test    # venv + install (+ system packages for PDF and browser tests), whole suite

Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# WeasyPrint (PDF export, PDF test fixtures) and Playwright's browser come from the system.
DEBIAN_PACKAGES = ["chromium", "libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"]


def run(*args: str | Path, check: bool = True, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check, env=env).returncode


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before the venv exists
        sys.exit("Klynge kræver Python 3.11 eller nyere.")
    if not (BIN / "python").exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    pyproject = ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    run(BIN / "python", "-m", "pip", "install", "-q", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(BIN / "python", "-m", "pip", "install", "-q", "-e", target)
    stamp.touch()


def missing_debian_packages() -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for pkg in DEBIAN_PACKAGES:
        res = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
        if "install ok installed" not in res.stdout:
            missing.append(pkg)
    return missing


def ensure_system_packages() -> None:
    missing = missing_debian_packages()
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"advarsel: mangler systempakker {missing}; PDF- og browsertests springes over", flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", *missing, env=env)


def demo(args: list[str]) -> int:
    ensure_venv("")
    klynge = BIN / "klynge"
    if (ROOT / "klynge" / "web" / "app.py").exists():
        return run(klynge, "serve", "--demo", *args, check=False)
    return run(klynge, "demo", *args, check=False)


def test(args: list[str]) -> int:
    ensure_system_packages()
    ensure_venv("dev")
    steps: list[list[str | Path]] = [
        [BIN / "ruff", "check", "klynge", "tests", "bench", "dev.py"],
        [BIN / "ruff", "format", "--check", "klynge", "tests", "bench", "dev.py"],
        [BIN / "mypy"],
        [BIN / "pytest", "-q", *args],
    ]
    for step in steps:
        if run(*step, check=False) != 0:
            print(f"FEJL i: {' '.join(str(s) for s in step)}", flush=True)
            return 1
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test"}:
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    return demo(rest) if command == "demo" else test(rest)


if __name__ == "__main__":
    sys.exit(main())
