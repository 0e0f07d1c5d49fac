"""`klynge serve`: a real server process on a free loopback port, over a fresh SQLite database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_starts_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    db = tmp_path / "serve.db"
    klynge = Path(sys.executable).parent / "klynge"
    env = {**os.environ, "KLYNGE_DB": str(db)}
    proc = subprocess.Popen(
        [str(klynge), "serve", "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/meetings", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "klynge serve svarede ikke inden 30 s"
                time.sleep(0.2)
        assert r.json() == {
            "data": [],
            "page": 1,
            "per_page": 50,
            "total": 0,
            "links": {"next": None, "prev": None},
            "next": None,
        }
        assert db.exists()  # KLYNGE_DB as a bare path is a SQLite file, migrated on start
        home = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert home.status_code == 200 and "Arkivet er tomt" in home.text and 'href="/upload"' in home.text
    finally:
        proc.terminate()
        proc.wait(15)
    assert proc.stderr is not None and "127.0.0.1" in proc.stderr.read()
