"""SQLite: an FTS5 table over `search_doc`'s analysed columns (external content, no copy of text).

The tokenizer is unicode61 without diacritic removal, with "_" as a token character (filter keys
such as `_f_randersklyngen`): the analysis (stems, æ/ø/å, "aa") is done in Python by `danish`, so
FTS5 only splits on spaces. Column weights for bm25: stems 1, compound
parts 0.5, filter keys 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from klynge.index.driver import fetch
from klynge.index.query import Clause, Filters, Query

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "stems, parts, keys, content='search_doc', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
)
DROP = "DROP TABLE IF EXISTS search_fts"
RANK = "bm25(search_fts, 1.0, 0.5, 0.0)"
COUNT_CAP = 5_000
"""Totals are exact up to here (FTS5 counts 5,000 matches of a common word in about 1 ms)."""


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _clause(clause: Clause) -> str:
    star = " *" if clause.grows else ""
    if clause.phrase:
        return "stems : " + _quote(" ".join(clause.terms)) + star
    # No column filter: a word matches stems or compound parts, never a key (keys contain "_").
    # Column filters make FTS5 read every position list, which doubles the cost of bm25.
    return _quote(clause.terms[0]) + star


def compile(query: Query, filters: Filters, any_of: bool = False) -> str:
    """The FTS5 MATCH expression: only quoted stems and keys, so user input cannot inject syntax.

    `any_of` ORs the positive clauses (related items) instead of ANDing them."""
    parts = [_clause(c) for c in query.positive]
    if any_of:
        parts = ["(" + " OR ".join(parts) + ")"]
    for group in filters.key_groups():
        parts.append("(" + " OR ".join(_quote(k) for k in group) + ")")
    expr = "(" + " AND ".join(parts) + ")"
    for clause in query.negative:
        expr += " NOT (" + _clause(clause) + ")"
    for key, allowed in filters.hidden():
        if allowed:  # hidden, except in the forums this view may see it in
            expr += " NOT (" + _quote(key) + " NOT (" + " OR ".join(_quote(f) for f in allowed) + "))"
        else:
            expr += " NOT " + _quote(key)
    return expr


def candidates(conn: Connection, match: str, ids: tuple[int, int] | None, limit: int) -> list[int]:
    """The newest `limit` matching pieces (ids ascending = newest first); no scoring here."""
    where = "search_fts MATCH :m" + (" AND rowid BETWEEN :lo AND :hi" if ids else "")
    params: dict[str, Any] = {"m": match, "n": limit}
    if ids:
        params["lo"], params["hi"] = ids
    sql = f"SELECT rowid FROM search_fts WHERE {where} ORDER BY rowid LIMIT :n"
    return [int(r[0]) for r in fetch(conn, sql, params)]


def count(conn: Connection, match: str, ids: tuple[int, int] | None, limit: int) -> int:
    """How many pieces match, counting no further than `limit`."""
    where = "search_fts MATCH :m" + (" AND rowid BETWEEN :lo AND :hi" if ids else "")
    params: dict[str, Any] = {"m": match, "n": limit}
    if ids:
        params["lo"], params["hi"] = ids
    sql = f"SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE {where} LIMIT :n)"
    return int(conn.execute(text(sql), params).scalar_one())


def bare(conn: Connection, match: str, ids: tuple[int, int] | None, limit: int) -> list[int]:
    """The plain FTS5 ranked query, for the benchmark's comparison."""
    where = "search_fts MATCH :m" + (" AND rowid BETWEEN :lo AND :hi" if ids else "")
    params: dict[str, Any] = {"m": match, "n": limit}
    if ids:
        params["lo"], params["hi"] = ids
    sql = f"SELECT rowid FROM search_fts WHERE {where} ORDER BY {RANK} LIMIT :n"
    return [int(r[0]) for r in conn.execute(text(sql), params)]


def insert(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Add the FTS entries of rows just inserted into `search_doc`."""
    if rows:
        conn.execute(
            text("INSERT INTO search_fts(rowid, stems, parts, keys) VALUES (:id, :stems, :parts, :keys)"),
            [{"id": r["id"], "stems": r["stems"], "parts": r["parts"], "keys": r["keys"]} for r in rows],
        )


def delete(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Remove FTS entries; external content needs the old values to find the tokens."""
    if rows:
        conn.execute(
            text(
                "INSERT INTO search_fts(search_fts, rowid, stems, parts, keys) "
                "VALUES ('delete', :id, :stems, :parts, :keys)"
            ),
            [{"id": r["id"], "stems": r["stems"], "parts": r["parts"], "keys": r["keys"]} for r in rows],
        )
