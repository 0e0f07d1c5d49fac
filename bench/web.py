"""Web benchmark: the meeting page, the search page and /api/search under concurrent load.

    .venv/bin/python bench/web.py --items 100000 --workers 2 --connections 20 --seconds 20

Builds (once, cached in bench/out/) a synthetic archive in the genre written straight into the
store's tables with bulk inserts (about 14 items per meeting, sections, participants, decisions,
actions), indexes it with the real index writer, starts `klynge serve --workers N` on a free
loopback port, and drives it with N concurrent keep-alive connections (wrk when installed, else
bench/loadgen.py: one asyncio loop with httptools' parser; httpx cost 2.4 ms CPU a request).
Reports requests/s and p50/p95/p99 per endpoint. The load generator shares the machine's cores
with the server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import func, insert, select

from klynge.index.sync import reindex_meeting

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen
from search import vocabulary

from klynge.store.db import engine_of, open_store
from klynge.store.tables import (
    Action,
    Decision,
    Forum,
    Item,
    Meeting,
    Organisation,
    Participation,
    Person,
    Section,
)

OUT = Path(__file__).resolve().parent / "out"
FORA = [
    f"{a} {b}"
    for a in ("Klyngestyregruppen", "Sundhedsstyregruppen", "Ældreudvalget", "Følgegruppen")
    for b in ("Nord", "Syd", "Øst", "Vest", "Midt")
]
ORGS = [
    f"{n} Kommune" for n in ("Åby", "Bøgeby", "Dalum", "Egeskov", "Fjordby", "Grenå", "Havnby", "Istrup")
] + ["Region Nord", "Region Syd", "Regionshospitalet", "Almen praksis", "PLO"]


VOCABULARY = vocabulary(3_000, random.Random(7))
"""Genre roots, compounds and invented words in Zipf rank order (shared with bench/search.py)."""
WEIGHTS = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(VOCABULARY))))


def sentence(rng: random.Random, n: int) -> str:
    """`n` words drawn Zipf-wise from the vocabulary: a few common, a long tail of rare ones."""
    return " ".join(rng.choices(VOCABULARY, cum_weights=WEIGHTS, k=n)).capitalize() + "."


def query(rng: random.Random) -> str:
    """1-3 words with log-uniform frequency ranks, as bench/search.py asks them."""
    k = rng.choice((1, 1, 2, 2, 3))
    ranks = (int(math.exp(rng.uniform(math.log(5), math.log(len(VOCABULARY))))) for _ in range(k))
    return " ".join(VOCABULARY[min(r, len(VOCABULARY) - 1)] for r in ranks)


def build(url: str, items: int, seed: int = 7) -> None:
    """Bulk-write a synthetic archive of about `items` items, then index every meeting."""
    rng = random.Random(seed)
    factory = open_store(url)
    per_meeting = 14
    n_meetings = max(1, items // per_meeting)
    t0 = time.perf_counter()
    with factory.begin() as s:
        now = dt.datetime.now(dt.UTC)
        s.execute(
            insert(Forum),
            [
                {"id": i + 1, "name": f, "key": f.lower(), "created_at": now, "updated_at": now}
                for i, f in enumerate(FORA)
            ],
        )
        s.execute(
            insert(Organisation),
            [
                {"id": i + 1, "name": o, "key": o.lower(), "created_at": now, "updated_at": now}
                for i, o in enumerate(ORGS)
            ],
        )
        people = [
            f"{rng.choice(['Anne', 'Peter', 'Sofie', 'Lars', 'Mette', 'Jens', 'Karen', 'Ole'])} "
            f"{rng.choice(['Madsen', 'Lund', 'Holm', 'Berg', 'Kjær', 'Dahl', 'Friis', 'Bach'])} {i}"
            for i in range(400)
        ]
        s.execute(
            insert(Person),
            [
                {"id": i + 1, "name": p, "key": p.lower(), "created_at": now, "updated_at": now}
                for i, p in enumerate(people)
            ],
        )
        item_id = section_id = 0
        start = dt.date(2012, 1, 1)
        for m in range(1, n_meetings + 1):
            forum = rng.randrange(len(FORA)) + 1
            date = start + dt.timedelta(days=rng.randrange(365 * 14))
            s.execute(
                insert(Meeting),
                [
                    {
                        "id": m,
                        "forum_id": forum,
                        "date": date,
                        "start": "09.00",
                        "end": "12.00",
                        "location": "Mødelokale 1",
                        "title": "Referat",
                        "spans": {},
                        "published": True,
                        "version": 1,
                        "warnings": {},
                        "created_at": now,
                        "updated_at": now,
                    }
                ],
            )
            s.execute(
                insert(Participation),
                [
                    {
                        "meeting_id": m,
                        "person_id": rng.randrange(400) + 1,
                        "organisation_id": rng.randrange(len(ORGS)) + 1,
                        "position": k,
                        "absent": rng.random() < 0.1,
                        "guest": False,
                    }
                    for k in range(10)
                ],
            )
            item_rows, section_rows, decision_rows, action_rows = [], [], [], []
            for k in range(per_meeting):
                item_id += 1
                item_rows.append(
                    {
                        "id": item_id,
                        "meeting_id": m,
                        "position": k,
                        "number": str(k + 1),
                        "title": sentence(rng, 4),
                        "confidential": False,
                        "spans": {},
                        "time_start": f"{9 + k // 4}.{(k % 4) * 15:02d}",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                for pos, kind in enumerate(("case_text", "decision")):
                    section_id += 1
                    section_rows.append(
                        {
                            "id": section_id,
                            "item_id": item_id,
                            "position": pos,
                            "kind": kind,
                            "heading": "Sagsfremstilling" if pos == 0 else "Beslutning",
                            "text": " ".join(sentence(rng, 12) for _ in range(3 if pos == 0 else 1)),
                        }
                    )
                decision_rows.append(
                    {
                        "meeting_id": m,
                        "item_id": item_id,
                        "position": k,
                        "item_number": str(k + 1),
                        "kind": rng.choice(["approved", "noted", "other"]),
                        "text": section_rows[-1]["text"],
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                if k % 5 == 0:
                    due = date + dt.timedelta(days=60)
                    action_rows.append(
                        {
                            "meeting_id": m,
                            "item_id": item_id,
                            "position": k,
                            "item_number": str(k + 1),
                            "owner": rng.choice(people),
                            "task": sentence(rng, 6).lower(),
                            "sentence": "",
                            "due_phrase": due.isoformat(),
                            "due_start": due,
                            "due_end": due,
                            "status": "open",
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
            s.execute(insert(Item), item_rows)
            s.execute(insert(Section), section_rows)
            s.execute(insert(Decision), decision_rows)
            if action_rows:
                s.execute(insert(Action), action_rows)
    t1 = time.perf_counter()
    done = 0
    for first in range(1, n_meetings + 1, 200):
        with factory.begin() as s:
            for m in range(first, min(first + 200, n_meetings + 1)):
                reindex_meeting(s, m)
                done += 1
        print(f"  indekseret {done}/{n_meetings} møder", file=sys.stderr, end="\r")
    print(
        f"\nbygget: {n_meetings} møder, {item_id} punkter; tabeller {t1 - t0:.0f} s, indeks "
        f"{time.perf_counter() - t1:.0f} s",
        file=sys.stderr,
    )
    engine_of(factory).dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def drive(base: str, paths: list[str], connections: int, seconds: float) -> tuple[list[float], int]:
    """`connections` keep-alive clients requesting random paths for `seconds`; latencies (ms), errors."""
    latencies: list[float] = []
    errors = 0
    rng = random.Random(1)

    def record(_client: int, _path: str, status: int, ms: float) -> None:
        nonlocal errors
        latencies.append(ms)
        errors += status != 200

    asyncio.run(loadgen.drive(base, lambda _k: rng.choice(paths), connections, seconds, record))
    return latencies, errors


WRK_SCRIPT = """
local paths = {%s}
local counter = 0
local made = 0
setup = function(thread)
  thread:set("start", made)
  made = made + 1
end
init = function(args)
  -- each of wrk's 2 threads walks its own half of the paths: a cold page stays cold
  counter = (start or 0) * math.floor(#paths / 2)
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter * 7919) %% #paths + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%.3f %%.3f %%.3f %%.3f %%d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status))
end
"""


def run_wrk(
    base: str, paths: list[str], connections: int, seconds: float
) -> tuple[float, float, float, float, int]:
    """(req/s, p50, p95, p99, errors) from wrk with a script cycling through `paths`."""
    script = OUT / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join('"' + p.replace('"', "") + '"' for p in paths), encoding="utf-8")
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, duration, p50, p95, p99, errors = line.split()[1:]
    return int(n) / float(duration), float(p50), float(p95), float(p99), int(errors)


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument(
        "--no-wrk", action="store_true", help="drive with bench/loadgen.py even when wrk is installed"
    )
    ap.add_argument("--db", default=None, help="database URL (default: SQLite file in bench/out)")
    ap.add_argument("--only", default="", help="run only the cases whose name contains this, e.g. 'søg'")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    url = args.db or f"sqlite:///{OUT / f'web-zipf-{args.items}.db'}"
    factory = open_store(url)
    with factory() as s:
        have = s.scalar(select(func.count()).select_from(Item)) or 0
        n_meetings = s.scalar(select(func.count()).select_from(Meeting)) or 0
    engine_of(factory).dispose()
    if have == 0:
        build(url, args.items)
        factory = open_store(url)
        with factory() as s:
            have = s.scalar(select(func.count()).select_from(Item)) or 0
            n_meetings = s.scalar(select(func.count()).select_from(Meeting)) or 0
        engine_of(factory).dispose()
    port = free_port()
    env = {**os.environ, "KLYNGE_DB": url}
    log = (OUT / "serve.log").open("w")
    command = [str(Path(sys.executable).parent / "klynge"), "serve", "--port", str(port)]
    server = subprocess.Popen([*command, "--workers", str(args.workers)], env=env, stderr=log)
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
                raise SystemExit(f"klynge serve startede ikke; se {OUT / 'serve.log'}")
            time.sleep(0.2)
        rng = random.Random(3)
        every = [f"/moeder/{i}" for i in range(1, n_meetings + 1)]
        rng.shuffle(every)
        queries = [query(rng) for _ in range(300)]
        # Cold: each search asked once (results and pages are cached per index generation, so
        # repeating 300 queries measures mostly cache hits); warm: 300 popular searches repeated.
        popular = set(queries)
        fresh = [q for q in dict.fromkeys(query(rng) for _ in range(40_000)) if q not in popular]
        cases: dict[str, list[str]] = {
            "møde (kold)": every,
            "møde (varm)": every[:200],
            "søgeside (kold)": ["/soeg?q=" + quote(q) for q in fresh[: len(fresh) // 2]],
            "søgeside (varm)": ["/soeg?q=" + quote(q) for q in queries],
            "api (kold)": ["/api/search?q=" + quote(q) for q in fresh[len(fresh) // 2 :]],
            "api (varm)": ["/api/search?q=" + quote(q) for q in queries],
        }
        print(
            f"arkiv: {n_meetings} møder, {have} punkter; {args.workers} workers, "
            f"{args.connections} forbindelser, {args.seconds:.0f} s pr. side"
        )
        print(f"{'side':<14}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'fejl':>6}")
        use_wrk = shutil.which("wrk") is not None and not args.no_wrk
        print(f"lastgenerator: {'wrk' if use_wrk else 'bench/loadgen.py (asyncio + httptools)'}")
        for name, paths in cases.items():
            if args.only not in name:
                continue
            if use_wrk:
                cold = len(paths) > 1000
                # Cold cases warm up on paths the measurement does not ask for, and stop before
                # wrk's threads come round to their first path again (each path asked once):
                # the warm-up's rate (an upper bound of the cold one) sets the longest run.
                warm = run_wrk(base, paths[-1500:] if cold else paths, args.connections, 3)[0]
                measured = paths[:-1500] if cold else paths
                seconds = min(args.seconds, 0.9 * len(measured) / warm) if cold else args.seconds
                rps, p50, p95, p99, errs = run_wrk(base, measured, args.connections, seconds)
                note = f"  ({seconds:.1f} s, {len(measured)} sider)" if seconds < args.seconds else ""
                print(f"{name:<14}{rps:>8.0f}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}{errs:>6}{note}")
                continue
            drive(base, paths[:40], args.connections, 2)  # warm up
            lat, errs = drive(base, paths, args.connections, args.seconds)
            print(
                f"{name:<14}{len(lat) / args.seconds:>8.0f}{pct(lat, 50):>9.1f}{pct(lat, 95):>9.1f}"
                f"{pct(lat, 99):>9.1f}{errs:>6}"
            )
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
