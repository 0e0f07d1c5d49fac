"""Load test: many clients browsing and searching at once, with and without a writer ingesting.

    .venv/bin/python bench/load.py --items 20000 --clients 50 --seconds 60 --workers 2

Builds (once, cached in bench/out/) a synthetic archive with bench/web.py's builder, starts
`klynge serve --workers N` on a free loopback port, and runs two phases of `--seconds` each:
`--clients` concurrent keep-alive clients requesting a browsing mix (home, meeting lists, meeting
and item pages, search pages, /api/search, decisions, actions), first alone and then while a writer
process ingests new versions of the demo documents into the same database. The clients are
bench/loadgen.py (asyncio + httptools: httpx spent 2.4 ms CPU a request, a core at 350 requests/s)
in one driver process on the same 2 cores as the server, so the latencies are an upper bound.
With `--think S` each client waits S seconds between pages, as a person reading them would.
Prints requests/s, p50/p95/p99 and errors per phase and per kind of page.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen
from web import OUT, build, free_port, query

from klynge.cli.ingest import NICE
from klynge.store.db import engine_of, open_store
from klynge.store.tables import Item, Meeting

DEMO = Path(__file__).resolve().parents[1] / "klynge" / "demo" / "files"


def mix(rng: random.Random, meetings: list[int], items: list[int]) -> list[tuple[str, str]]:
    """(kind, path) for one client session mix, weighted like people use the site."""
    paths: list[tuple[str, str]] = []
    for _ in range(400):
        r = rng.random()
        if r < 0.30:
            paths.append(("møde", f"/moeder/{rng.choice(meetings)}"))
        elif r < 0.45:
            paths.append(("punkt", f"/punkter/{rng.choice(items)}"))
        elif r < 0.65:
            paths.append(("søgeside", "/soeg?q=" + quote(query(rng))))
        elif r < 0.75:
            paths.append(("api/search", "/api/search?q=" + quote(query(rng))))
        elif r < 0.82:
            paths.append(("forside", "/"))
        elif r < 0.89:
            paths.append(("mødeliste", f"/moeder?side={rng.randint(1, 20)}"))
        elif r < 0.95:
            paths.append(("beslutninger", "/beslutninger"))
        else:
            paths.append(("handlinger", "/handlinger"))
    return paths


def driver(args: tuple[str, int, float, int, list[int], list[int], float]) -> dict[str, list[float]]:
    """One driver process: `clients` keep-alive clients, each walking its own session mix."""
    base, clients, seconds, seed, meetings, items, think = args
    out: dict[str, list[float]] = defaultdict(list)
    walks = []
    kinds: dict[str, str] = {}
    for k in range(clients):
        walk = mix(random.Random(seed * 1000 + k), meetings, items)
        kinds.update((path, kind) for kind, path in walk)
        walks.append(itertools.cycle(path for _, path in walk))

    def record(_client: int, path: str, status: int, ms: float) -> None:
        out[kinds[path]].append(ms)
        if status != 200:
            out["_errors"].append(1.0)

    asyncio.run(loadgen.drive(base, lambda k: next(walks[k]), clients, seconds, record, think=think))
    return dict(out)


def writer(url: str, seconds: float, nice: int, result: mp.Queue) -> None:  # type: ignore[type-arg]
    """Ingest new versions of the demo's text documents for `seconds`; report (done, failed).

    `nice` > 0 runs it at a lower CPU priority, as a background import would be run."""
    from klynge.store.repo import ingest_bytes

    if nice:
        os.nice(nice)

    factory = open_store(url)
    files = sorted(p for p in DEMO.iterdir() if p.suffix in (".md", ".html"))
    done = failed = 0
    stop = time.monotonic() + seconds
    n = 0
    while time.monotonic() < stop:
        path = files[n % len(files)]
        n += 1
        data = path.read_bytes() + f"\n\nLøbenummer {n}-{os.getpid()}\n".encode()
        outcome = ingest_bytes(factory, data, path.name)
        failed += outcome.failed
        done += not outcome.failed
    engine_of(factory).dispose()
    result.put((done, failed))


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else (values or [0.0])[0]


def phase(
    base: str, clients: int, seconds: float, meetings: list[int], items: list[int], drivers: int, think: float
) -> dict[str, list[float]]:
    share = [clients // drivers + (1 if i < clients % drivers else 0) for i in range(drivers)]
    with mp.get_context("spawn").Pool(drivers) as pool:
        parts = pool.map(
            driver, [(base, n, seconds, i + 1, meetings, items, think) for i, n in enumerate(share)]
        )
    merged: dict[str, list[float]] = defaultdict(list)
    for part in parts:
        for k, v in part.items():
            merged[k].extend(v)
    return dict(merged)


def report(title: str, data: dict[str, list[float]], seconds: float) -> None:
    errors = len(data.get("_errors", []))
    every = [x for k, v in data.items() if k != "_errors" for x in v]
    print(f"\n{title}")
    print(f"{'side':<14}{'antal':>8}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in sorted(k for k in data if k != "_errors"):
        v = data[kind]
        print(
            f"{kind:<14}{len(v):>8}{len(v) / seconds:>8.0f}{pct(v, 50):>9.1f}{pct(v, 95):>9.1f}{pct(v, 99):>9.1f}"
        )
    print(
        f"{'i alt':<14}{len(every):>8}{len(every) / seconds:>8.0f}{pct(every, 50):>9.1f}{pct(every, 95):>9.1f}"
        f"{pct(every, 99):>9.1f}   fejl: {errors}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--drivers", type=int, default=1, help="processes that run the clients")
    ap.add_argument(
        "--think", type=float, default=0.0, help="seconds a client waits between pages (0: as fast as it can)"
    )
    ap.add_argument("--db", default=None, help="database URL (default: SQLite file in bench/out)")
    ap.add_argument(
        "--writer-nice",
        type=int,
        default=NICE,
        help=f"CPU niceness of the writer (default {NICE}, as `klynge ingest` runs; 0: same as the server)",
    )
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    url = args.db or f"sqlite:///{OUT / f'load-{args.items}.db'}"
    factory = open_store(url)
    with factory() as s:
        if not s.scalar(select(func.count()).select_from(Item)):
            build(url, args.items)
        meetings = list(s.scalars(select(Meeting.id).where(Meeting.published.is_(True))))
        items = list(s.scalars(select(Item.id).limit(50_000)))
    engine_of(factory).dispose()
    port = free_port()
    log = (OUT / "load-serve.log").open("w")
    command = [
        str(Path(sys.executable).parent / "klynge"),
        "serve",
        "--port",
        str(port),
        "--workers",
        str(args.workers),
    ]
    server = subprocess.Popen(command, env={**os.environ, "KLYNGE_DB": url}, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/static/klynge.css").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"klynge serve startede ikke; se {OUT / 'load-serve.log'}")
            time.sleep(0.2)
        print(
            f"arkiv: {len(meetings)} møder, {len(items)} punkter; {args.workers} workers, {args.clients} klienter "
            f"i {args.drivers} proces(ser), tænketid {args.think:g} s, {args.seconds:.0f} s pr. fase"
        )
        phase(base, args.clients, 5, meetings, items, args.drivers, args.think)  # warm up
        report(
            "Fase 1: kun læsere",
            phase(base, args.clients, args.seconds, meetings, items, args.drivers, args.think),
            args.seconds,
        )
        ctx = mp.get_context("spawn")
        queue: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
        proc = ctx.Process(target=writer, args=(url, args.seconds, args.writer_nice, queue))
        proc.start()
        data = phase(base, args.clients, args.seconds, meetings, items, args.drivers, args.think)
        proc.join(args.seconds + 120)
        done, failed = queue.get(timeout=10) if not queue.empty() else (0, -1)
        report(
            f"Fase 2: læsere + én skriver, nice {args.writer_nice} ({done} dokumenter indlæst, {failed} fejlet)",
            data,
            args.seconds,
        )
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
