"""PostgreSQL: a `tsv` tsvector column on `search_doc` with a GIN index.

The tsvector is written as a literal from `danish`'s analysis (not `to_tsvector`), so its lexemes
are exactly the stems SQLite stores: stems at their positions with weight B, compound parts with
weight C, filter keys with weight A. Queries are tsquery literals: a word is `'stem'`, a phrase
`'a':B <-> 'b':B`, a key `'_f_forum'` (no weight: only keys contain "_"). Ranking: ts_rank_cd
with weights B 1, C 0.5, A and D 0.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from klynge.index.query import Clause, Filters, Query

ADD_COLUMN = "ALTER TABLE search_doc ADD COLUMN IF NOT EXISTS tsv tsvector"
CREATE_INDEX = "CREATE INDEX IF NOT EXISTS search_doc_tsv ON search_doc USING gin (tsv)"
RANK = "ts_rank_cd('{0, 0.5, 1, 0}'::float4[], tsv, q)"
MAX_POSITION = 16383
COUNT_CAP = 1_000
"""Totals are exact up to here. PostgreSQL reads each counted row from the table: counting 5,000
matches took 40-250 ms at 1,000,000 pieces, whichever plan; 1,000 take a fifth of that."""


def _lex(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def vector(stems: str, parts: str, keys: str) -> str:
    """The tsvector literal of one piece (positions capped at PostgreSQL's 16383)."""
    positions: dict[tuple[str, str], list[int]] = {}
    pos = 0
    for weight, words in (("B", stems.split()), ("C", parts.split()), ("A", keys.split())):
        for word in words:
            pos = min(pos + 1, MAX_POSITION)
            positions.setdefault((word, weight), []).append(pos)
    out = []
    for (word, weight), places in positions.items():
        out.append(_lex(word) + ":" + ",".join(f"{p}{weight}" for p in places[:256]))
    return " ".join(out)


def _clause(clause: Clause) -> str:
    if clause.phrase:
        last = len(clause.terms) - 1
        return (
            "("
            + " <-> ".join(
                _lex(t) + (":*B" if clause.grows and i == last else ":B") for i, t in enumerate(clause.terms)
            )
            + ")"
        )
    # No weight on words: keys contain "_" so no word can hit one, and a weight forces PostgreSQL to
    # recheck (detoast) every matching tsvector instead of answering from the GIN index.
    return _lex(clause.terms[0]) + (":*" if clause.grows else "")


def compile(query: Query, filters: Filters, any_of: bool = False) -> str:
    """The tsquery literal; only quoted stems and keys, so user input cannot inject syntax.

    `any_of` ORs the positive clauses (related items) instead of ANDing them."""
    parts = [_clause(c) for c in query.positive]
    if any_of:
        parts = ["(" + " | ".join(parts) + ")"]
    # Keys without their weight too: only keys contain "_", and with a weight every hidden-key
    # test (every public search has two) made PostgreSQL recheck each matching row's tsvector
    # (100,000 pieces: 'patient' 275 -> 72 ms, with a forum filter 10 -> 1.8 ms).
    for group in filters.key_groups():
        parts.append("(" + " | ".join(_lex(k) for k in group) + ")")
    parts.extend("!" + _clause(c) for c in query.negative)
    for key, allowed in filters.hidden():
        if allowed:  # hidden, except in the forums this view may see it in
            exempt = " | ".join(_lex(f) for f in allowed)
            parts.append("!(" + _lex(key) + " & !(" + exempt + "))")
        else:
            parts.append("!" + _lex(key))
    return " & ".join(parts)


def _where(ids: tuple[int, int] | None) -> str:
    return "tsv @@ q" + (" AND id BETWEEN :lo AND :hi" if ids else "")


def _params(query: str, ids: tuple[int, int] | None, limit: int) -> dict[str, Any]:
    params: dict[str, Any] = {"q": query, "n": limit}
    if ids:
        params["lo"], params["hi"] = ids
    return params


BITMAP_ROWS = 20_000
"""Up to this many estimated matches, candidates come from the GIN index, sorted (see below)."""


def _estimate(conn: Connection, query: str) -> float:
    """The planner's estimate of the pieces matching `query` (its tsvector statistics cover the
    stems and the filter keys); an EXPLAIN costs about 0.5 ms."""
    plan = conn.execute(
        text("EXPLAIN (FORMAT JSON) SELECT 1 FROM search_doc WHERE tsv @@ CAST(:q AS tsquery)"), {"q": query}
    ).scalar_one()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def candidates(conn: Connection, query: str, ids: tuple[int, int] | None, limit: int) -> list[int]:
    """The newest `limit` matching pieces (ids ascending = newest first); no scoring here.

    PostgreSQL's own plan for `ORDER BY id LIMIT n` walks the primary key testing each row's
    tsvector whenever it expects fewer than a few hundred thousand matches; it prices that test far
    too low, so a rare word (1,000,000 pieces, 'kapoba': 2.5 s) or a forum filter (100,000 pieces,
    'godkendelse' in one forum: 93 ms) cost a walk through much of the table. When the estimate is
    at most `BITMAP_ROWS`, all matches come from the GIN index and are sorted (4.3 ms, 1.8 ms);
    for a common word the walk is right, as it stops after `limit` matches (2-9 ms)."""
    if _estimate(conn, query) <= BITMAP_ROWS:
        sql = (
            "WITH m AS MATERIALIZED (SELECT id FROM search_doc, CAST(:q AS tsquery) q "
            f"WHERE {_where(ids)}) SELECT id FROM m ORDER BY id LIMIT :n"
        )
    else:
        sql = f"SELECT id FROM search_doc, CAST(:q AS tsquery) q WHERE {_where(ids)} ORDER BY id LIMIT :n"
    return [int(r[0]) for r in conn.execute(text(sql), _params(query, ids, limit))]


def count(conn: Connection, query: str, ids: tuple[int, int] | None, limit: int) -> int:
    """How many pieces match, counting no further than `limit`."""
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM search_doc, CAST(:q AS tsquery) q "
        f"WHERE {_where(ids)} LIMIT :n) s"
    )
    return int(conn.execute(text(sql), _params(query, ids, limit)).scalar_one())


def bare(conn: Connection, query: str, ids: tuple[int, int] | None, limit: int) -> list[int]:
    """The plain tsquery ranked query, for the benchmark's comparison."""
    sql = (
        f"SELECT id FROM search_doc, CAST(:q AS tsquery) q WHERE {_where(ids)} ORDER BY {RANK} DESC LIMIT :n"
    )
    return [int(r[0]) for r in conn.execute(text(sql), _params(query, ids, limit))]


def insert(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Fill `tsv` for rows just inserted into `search_doc`."""
    if rows:
        conn.execute(
            text("UPDATE search_doc SET tsv = CAST(:v AS tsvector) WHERE id = :id"),
            [{"id": r["id"], "v": vector(r["stems"], r["parts"], r["keys"])} for r in rows],
        )


def delete(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Nothing to do: the tsvector goes with its row."""
