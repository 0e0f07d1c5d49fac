"""BM25 in Python over the stored analysis, so both backends rank identically and in constant time.

FTS5's bm25() counts every match of each term in the whole index to get its idf: 17 ms for a word
in half of a million pieces, on every query. Here idf comes from `search_term` (kept by the writer)
and term frequencies from the candidates' `stems`/`parts` columns, which the search reads anyway
for facets. Words count fully in the text and half as compound parts; a phrase scores as its words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from klynge.index.query import Clause

K1 = 1.2
B = 0.75
PARTS_WEIGHT = 0.5
DEFAULT_AVGDL = 100.0


def idf(df: int, n: int) -> float:
    """Okapi idf, never negative."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def bm25(
    stems: str,
    parts: str,
    clauses: Iterable[Clause],
    df: Mapping[str, int],
    n: int,
    avgdl: float,
) -> float:
    """The BM25 score of one piece for the positive clauses (a prefix counts every word it starts).

    Counting " term " in the space-joined columns is C-speed; no splitting into lists.
    """
    text = " " + stems + " "
    extra = " " + parts + " "
    length = stems.count(" ") + 1 if stems else 0
    norm = K1 * (1 - B + B * length / max(avgdl, 1.0))
    score = 0.0
    for clause in clauses:
        last = len(clause.terms) - 1
        for i, term in enumerate(clause.terms):
            needle = " " + term if clause.grows and i == last else " " + term + " "
            tf = text.count(needle) + PARTS_WEIGHT * extra.count(needle)
            if tf:
                score += idf(df.get(term, 1), n) * tf * (K1 + 1) / (tf + norm)
    return score


def scorer(
    clauses: Iterable[Clause], df: Mapping[str, int], n: int, avgdl: float
) -> Callable[[str, str], float]:
    """`bm25` for many pieces of one query: needles and idf are worked out once, not per piece."""
    needles: list[tuple[str, float]] = []
    for clause in clauses:
        last = len(clause.terms) - 1
        for i, term in enumerate(clause.terms):
            needle = " " + term if clause.grows and i == last else " " + term + " "
            needles.append((needle, idf(df.get(term, 1), n)))
    k1_plus = K1 + 1
    base, per_word = K1 * (1 - B), K1 * B / max(avgdl, 1.0)

    def score(stems: str, parts: str) -> float:
        text = " " + stems + " "
        extra = " " + parts + " "
        norm = base + per_word * (stems.count(" ") + 1 if stems else 0)
        total = 0.0
        for needle, weight in needles:
            tf = text.count(needle) + PARTS_WEIGHT * extra.count(needle)
            if tf:
                total += weight * tf * k1_plus / (tf + norm)
        return total

    return score
