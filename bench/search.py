"""Search benchmark: a synthetic archive in the genre written straight into the index tables.

    .venv/bin/python bench/search.py --sections 100000 --backend sqlite
    .venv/bin/python bench/search.py --sections 1000000 --backend postgresql

Sections are drawn from a Zipf-distributed vocabulary of genre words, compounds built from them
with Danish linking letters, and invented words for the long tail; about 14 sections per meeting,
40 fora, 2010-2026. Each vocabulary word is analysed once (stems and compound parts, by the real
`danish` module) and sections reuse the analysis, so building is bulk inserts, not parsing.
Queries: 1-3 words with log-uniform frequency ranks (common and rare words), half with a filter
(forum or a two-year range). Reported: build time, size, p50/p95/p99 of `klynge.search()` (20 hits
with snippets, facets, total), of `search(..., facets=False)`, and of the bare ranked backend query
(FTS5 MATCH ORDER BY bm25 LIMIT 20 / tsquery ORDER BY ts_rank_cd LIMIT 20, ids only) for the same
analysed queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text

from klynge.index import danish, schema, tsvector
from klynge.index.query import piece_keys
from klynge.index.search import bare, search
from klynge.index.tables import doc_id

ROOTS = [
    "genindlæggelse",
    "behandling",
    "borger",
    "kommune",
    "region",
    "sygehus",
    "hospital",
    "klynge",
    "styregruppe",
    "sundhedsaftale",
    "forløb",
    "indsats",
    "samarbejde",
    "patient",
    "pårørende",
    "rehabilitering",
    "træning",
    "pleje",
    "hjemmepleje",
    "sygepleje",
    "akutfunktion",
    "praksis",
    "læge",
    "almen",
    "psykiatri",
    "misbrug",
    "forebyggelse",
    "ældre",
    "demens",
    "kronisk",
    "diabetes",
    "kol",
    "hjerte",
    "kræft",
    "udskrivning",
    "indlæggelse",
    "færdigbehandling",
    "dage",
    "data",
    "opfølgning",
    "status",
    "orientering",
    "beslutning",
    "indstilling",
    "godkendelse",
    "budget",
    "økonomi",
    "projekt",
    "pulje",
    "evaluering",
    "implementering",
    "aftale",
    "telemedicin",
    "digital",
    "løsning",
    "medicin",
    "dialyse",
    "infusion",
    "iv",
    "antibiotika",
    "livets",
    "afslutning",
    "palliation",
    "skole",
    "bænk",
    "uddannelse",
    "kompetence",
    "medarbejder",
    "rekruttering",
    "ledelse",
    "strategi",
    "plan",
    "handleplan",
    "mål",
    "resultat",
    "kvalitet",
    "sikkerhed",
    "tilsyn",
    "borgerrettet",
    "overgang",
    "sektor",
    "tværsektoriel",
    "kommunikation",
]
LINKS = ("", "s", "e")
FORA = [
    f"{name}klyngen"
    for name in [
        "Randers",
        "Horsens",
        "Aarhus",
        "Viborg",
        "Herning",
        "Holstebro",
        "Silkeborg",
        "Skive",
        "Vejle",
        "Kolding",
        "Odense",
        "Svendborg",
        "Aalborg",
        "Hjørring",
        "Thisted",
        "Esbjerg",
        "Aabenraa",
        "Sønderborg",
        "Hillerød",
        "Roskilde",
        "Holbæk",
        "Slagelse",
        "Næstved",
        "Nykøbing",
        "Bispebjerg",
        "Amager",
        "Hvidovre",
        "Herlev",
        "Gentofte",
        "Glostrup",
        "Frederiksberg",
        "Køge",
        "Kalundborg",
        "Nordsjælland",
        "Bornholm",
        "Midt",
        "Vest",
        "Syd",
        "Nord",
        "Øst",
    ]
]
SECTIONS = ("title", "recommendation", "case_text", "minutes", "decision", "attachments", "action")
SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "len",
    "tu",
    "sa",
    "ne",
    "vi",
    "lo",
    "de",
    "ba",
    "gu",
    "fi",
    "ra",
    "to",
    "me",
    "su",
    "ne",
    "ki",
    "po",
]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Genre roots, their two-part compounds, then invented words, in Zipf rank order."""
    words = list(ROOTS)
    compounds = [a + link + b for a in ROOTS for b in ROOTS if a != b for link in LINKS[:2]]
    rng.shuffle(compounds)
    words += compounds[: size // 3]
    while len(words) < size:
        words.append("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return list(dict.fromkeys(words))


def analysed(words: list[str]) -> tuple[list[str], list[str]]:
    known = {danish.stem(danish.normalise(w)) for w in words}
    stems, parts = [], []
    for w in words:
        a = danish.analyse(w, known.__contains__)
        stems.append(" ".join(a.stems))
        parts.append(" ".join(a.parts))
    return stems, parts


def generate(n_sections: int, seed: int = 7) -> Any:
    """Yield (row, term set) for `n_sections` pieces."""
    rng = random.Random(seed)
    words = vocabulary(20_000, rng)
    stems, parts = analysed(words)
    cum = list(_cum([1 / (r + 1) ** 1.05 for r in range(len(words))]))
    orgs = [
        f"{c} Kommune"
        for c in (
            "Randers",
            "Favrskov",
            "Norddjurs",
            "Syddjurs",
            "Horsens",
            "Odder",
            "Hedensted",
            "Skanderborg",
            "Viborg",
            "Skive",
            "Herning",
            "Ikast",
        )
    ]
    orgs += ["Region Midtjylland", "Hospitalsenhed Midt", "Praksisudvalget"]
    persons = [f"Person {i}" for i in range(600)]
    per_meeting = 14
    meetings = math.ceil(n_sections / per_meeting)
    start = dt.date(2010, 1, 1).toordinal()
    span = dt.date(2026, 6, 30).toordinal() - start
    made = 0
    for m in range(1, meetings + 1):
        date = dt.date.fromordinal(start + span * m // meetings)
        forum = FORA[m % len(FORA)]
        m_orgs = rng.sample(orgs, 4)
        m_persons = rng.sample(persons, 8)
        for seq in range(per_meeting):
            if made >= n_sections:
                return
            made += 1
            section = SECTIONS[seq % len(SECTIONS)]
            n = rng.randint(4, 10) if section == "title" else rng.randint(30, 120)
            idx = rng.choices(range(len(words)), cum_weights=cum, k=n)
            keys = piece_keys(section, forum, m_orgs, m_persons, date.year, True, False)
            yield {
                "id": doc_id(date, m, seq),
                "meeting_id": m,
                "item_id": m * 100 + seq // 3,
                "item_number": str(seq // 3 + 1),
                "section": section,
                "title": " ".join(words[i] for i in idx[:6]).capitalize(),
                "forum": forum,
                "date": date,
                "organisations": "\n".join(m_orgs),
                "persons": "\n".join(m_persons),
                "published": True,
                "confidential": False,
                "text": " ".join(words[i] for i in idx).capitalize() + ".",
                "stems": " ".join(stems[i] for i in idx),
                "parts": " ".join(p for p in (parts[i] for i in idx) if p),
                "keys": " ".join(keys),
            }


def _cum(weights: list[float]) -> Any:
    total = 0.0
    for w in weights:
        total += w
        yield total


COLS = [
    "id",
    "meeting_id",
    "item_id",
    "item_number",
    "section",
    "title",
    "forum",
    "date",
    "organisations",
    "persons",
    "published",
    "confidential",
    "text",
    "stems",
    "parts",
    "keys",
]


def build(engine: Engine, n: int) -> dict[str, float]:
    """Load `n` pieces and the term counts; returns timings."""
    t0 = time.perf_counter()
    df: dict[str, int] = {}
    with engine.begin() as conn:
        schema.drop(conn)
        schema.create(conn)
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP INDEX IF EXISTS search_doc_tsv"))
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        batch: list[dict[str, Any]] = []
        pg = engine.dialect.name == "postgresql"

        def flush() -> None:
            if not batch:
                return
            for r in batch:
                words = r["stems"].split()
                df["#"] = df.get("#", 0) + len(words)
                for t in set(words):
                    df[t] = df.get(t, 0) + 1
            if pg:
                buf = io.StringIO()
                for r in batch:
                    vals = [_pg(r[c]) for c in COLS] + [
                        _pg(tsvector.vector(r["stems"], r["parts"], r["keys"]))
                    ]
                    buf.write("\t".join(vals) + "\n")
                with cur.copy(f"COPY search_doc ({', '.join(COLS)}, tsv) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    copy.write(buf.getvalue())
            else:
                cur.executemany(
                    f"INSERT INTO search_doc ({', '.join(COLS)}) VALUES ({', '.join('?' * len(COLS))})",
                    [tuple(r[c] if c != "date" else r[c].isoformat() for c in COLS) for r in batch],
                )
            batch.clear()

        for row in generate(n):
            batch.append(row)
            if len(batch) >= 5000:
                flush()
        flush()
        raw.commit()
        t_rows = time.perf_counter() - t0
        if pg:
            cur.execute("SET maintenance_work_mem = '1GB'")
            cur.execute(tsvector.CREATE_INDEX)
            cur.execute("ANALYZE search_doc")
        else:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        df[""] = n
        params = list(df.items())
        if pg:
            cur.executemany("INSERT INTO search_term(term, df) VALUES (%s, %s)", params)
        else:
            cur.executemany("INSERT INTO search_term(term, df) VALUES (?, ?)", params)
        raw.commit()
    finally:
        raw.close()
    return {"rows_s": t_rows, "total_s": time.perf_counter() - t0}


def _pg(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")


def queries(count: int, seed: int = 11) -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(seed)
    words = vocabulary(20_000, random.Random(7))
    out = []
    for i in range(count):
        k = rng.choice((1, 1, 2, 2, 3))
        picked = [
            words[min(len(words) - 1, int(math.exp(rng.uniform(math.log(5), math.log(20_000)))))]
            for _ in range(k)
        ]
        filters: dict[str, Any] = {}
        if i % 2 == 1:
            if rng.random() < 0.5:
                filters["forum"] = rng.choice(FORA)
            else:
                year = rng.randint(2010, 2025)
                filters["date_from"], filters["date_to"] = dt.date(year, 1, 1), dt.date(year + 1, 12, 31)
        out.append((" ".join(picked), filters))
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def _line(name: str, vals: list[float]) -> None:
    print(
        f"{name:10} {pct(vals, 50):8.2f} {pct(vals, 95):8.2f} {pct(vals, 99):8.2f} "
        f"{statistics.mean(vals) * 1000:8.2f}  (n={len(vals)})",
        flush=True,
    )


def measure(engine: Engine, qs: list[tuple[str, dict[str, Any]]], bare_count: int) -> None:
    """Each variant in its own pass over the queries, after one warm-up pass (a server's cache is
    warm); each line printed when its pass is done. The bare ranked query scores every match, which
    on PostgreSQL at 1M pieces takes seconds for a common word: `bare_count` limits its pass to the
    first queries (the same ones, so the comparison holds)."""
    print(f"{'':10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8}", flush=True)
    with engine.connect() as conn:
        for q, f in qs:
            search(conn, q, **f)
        every: list[float] = []
        plain: list[float] = []
        filtered: list[float] = []
        for q, f in qs:
            t = time.perf_counter()
            search(conn, q, **f)
            d = time.perf_counter() - t
            every.append(d)
            (filtered if f else plain).append(d)
        _line("all", every)
        _line("plain", plain)
        _line("filtered", filtered)
        no_facets = []
        for q, f in qs:
            t = time.perf_counter()
            search(conn, q, facets=False, **f)
            no_facets.append(time.perf_counter() - t)
        _line("no_facets", no_facets)
        _line("all/first", every[:bare_count])
        bare_times = []
        for q, f in qs[:bare_count]:
            t = time.perf_counter()
            bare(conn, q, **f)
            bare_times.append(time.perf_counter() - t)
        _line("bare/first", bare_times)


def size(engine: Engine, url: str) -> float:
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            return (
                float(
                    conn.execute(
                        text(
                            "SELECT pg_total_relation_size('search_doc') "
                            "+ pg_total_relation_size('search_term')"
                        )
                    ).scalar_one()
                )
                / 1e6
            )
    path = Path(url.split("///", 1)[1])
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sections", type=int, default=100_000)
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--sqlite-path", default="/tmp/klynge-bench-search-{n}.db")
    ap.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--reuse", action="store_true", help="Skip building when the index exists.")
    ap.add_argument(
        "--bare-queries", type=int, default=0, help="time the bare ranked query for the first N queries only"
    )
    args = ap.parse_args()
    if args.backend == "sqlite":
        url = "sqlite:///" + args.sqlite_path.format(n=args.sections)
        engine = create_engine(url)
    else:
        url = args.pg_url
        schema_name = f"bench_search_{args.sections}"
        with create_engine(url).begin() as c:
            c.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema_name}"))
        engine = create_engine(url, connect_args={"options": f"-csearch_path={schema_name}"})
    built = {"rows_s": 0.0, "total_s": 0.0}
    if not args.reuse:
        if args.backend == "sqlite":
            for p in Path(url.split("///", 1)[1]).parent.glob(Path(url.split("///", 1)[1]).name + "*"):
                os.remove(p)
            engine = create_engine(url)
        built = build(engine, args.sections)
    qs = queries(args.queries)
    print(
        f"backend={args.backend} sections={args.sections} build={built['total_s']:.1f}s "
        f"(rows {built['rows_s']:.1f}s; 0 with --reuse) size={size(engine, url):.0f}MB queries={len(qs)}",
        flush=True,
    )
    measure(engine, qs, args.bare_queries or len(qs))


if __name__ == "__main__":
    main()
