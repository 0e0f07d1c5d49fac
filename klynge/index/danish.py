"""Danish text analysis shared by the index and the query parser, so both sides agree exactly.

Pipeline for a text: split into words (letters and digits; hyphens and punctuation separate words,
so "IV-behandling" is "iv behandling"), normalise each word (lower case, accents dropped except on
æ, ø, å; "aa" written as "å" so "Aabenraa" and "Åbenrå" meet), then stem with the Snowball Danish
stemmer (PyStemmer; the same algorithm as PostgreSQL's `danish` configuration).

Compounds: Danish writes them as one word ("færdigbehandlingsdage"). `split_compound` cuts a word
into parts that are known stems (from the index's own vocabulary, `known`), allowing the linking
letters s and e between parts, and `compound_terms` returns the stems of every run of consecutive
parts ("færdig", "behandling", "dag", "færdigbehandling", "behandlingsdag"). The index stores those
in a separate column, so a query for one part finds the compound without breaking phrase positions.
No word list is built in: the vocabulary is the archive's own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[^\W_]+")
"""A word: a run of letters and digits (Unicode aware)."""

KEEP = frozenset("æøå")
"""Danish letters that are letters of their own, not accented variants."""

MAX_TOKEN = 60
"""Longer runs are not words (hashes, URLs glued together); both backends drop them alike."""

MIN_PART = 3
"""The shortest compound part that counts ("råd", "hus"); shorter cuts give noise."""

MIN_COMPOUND = 7
"""Words shorter than this are not split."""

LINKERS = ("s", "e")

LONG_STEM = 9
"""A stem this long also indexes its prefixes (down to this length, leaving at least MIN_PART
letters), so a query for "færdigbehandling" finds "færdigbehandlingsdage" as a plain term lookup,
even in an archive too young to split that compound from its own vocabulary. (Matching long stems
as prefixes at query time did the same, but FTS5 merges every matching term's whole doclist for a
prefix: 10x slower on common words.)"""
"""Danish linking elements (fuge-s, fuge-e) allowed between compound parts."""

_stemmer = Stemmer.Stemmer("danish")


def _fold_char(ch: str) -> str:
    if ch in KEEP:
        return ch
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """Lower case, accents folded except æ, ø, å, and "aa" spelt "å" (old spelling of names)."""
    text = unicodedata.normalize("NFC", word).lower()
    text = "".join(_fold_char(ch) for ch in text)
    # Folding can leave non-letters ("¼" -> "1⁄4"); keep letters and digits only, like WORD.
    return "".join(WORD.findall(text)).replace("aa", "å")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Danish stem of an already normalised word."""
    return str(_stemmer.stemWord(word))


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of `text` with their positions (for snippets)."""
    return WORD.finditer(text)


@lru_cache(maxsize=200_000)
def analyse_word(raw: str) -> str | None:
    """The index term for one raw word, or None when it is not a usable word."""
    norm = normalise(raw)
    if not norm or len(norm) > MAX_TOKEN:
        return None
    return stem(norm)


def stems(text: str) -> list[str]:
    """The index terms of `text`, in order (positions matter for phrases)."""
    return [term for term in map(analyse_word, WORD.findall(text)) if term]


@lru_cache(maxsize=200_000)
def _norm_word(raw: str) -> str | None:
    norm = normalise(raw)
    return norm if norm and len(norm) <= MAX_TOKEN else None


def norm_words(text: str) -> list[str]:
    """The normalised (unstemmed) words of `text`, in order; the input of compound splitting."""
    return [norm for norm in map(_norm_word, WORD.findall(text)) if norm]


def stems_of(norms: Iterable[str]) -> list[str]:
    """`stems(text)` from `norm_words(text)`: the same words pass both filters, so a writer that has
    the normalised words need not split the text again."""
    return [term for term in map(stem, norms) if term]


def part_candidates(word: str) -> set[str]:
    """Every stem `split_compound` can ask the vocabulary about for `word` (ask about these at once):
    a first part word[:j], a later part word[i:j] (it starts after a first part of at least
    MIN_PART letters) and a last part word[i:], every part MIN_PART letters or more and every part
    but the last leaving MIN_PART letters after it."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return set()
    last = len(word) - MIN_PART  # the latest end of a part that is not the last one
    pieces = [word[:j] for j in range(MIN_PART, last + 1)]
    pieces += [word[i:j] for i in range(MIN_PART, last + 1) for j in range(i + MIN_PART, last + 1)]
    pieces += [word[i:] for i in range(MIN_PART, last + 1)]
    return set(map(stem, pieces))


def split_compound(word: str, known: Callable[[str], bool]) -> list[str] | None:
    """Cut a normalised word into known parts (surface forms), or None when it is no compound.

    Greedy from the left would cut "behandlingsdage" after "behandlings"; instead the split with
    the fewest parts wins, then the longest last part (the head carries the meaning).
    """
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return None
    # The whole word is of course "known"; look for a proper split only.
    result = _solve(word, 0, known, {})
    if result is not None and len(result) > 1:
        return list(result)
    return None


def _solve(
    word: str, start: int, known: Callable[[str], bool], solved: dict[int, tuple[str, ...] | None]
) -> tuple[str, ...] | None:
    """The best split of word[start:], memoised in `solved` (a module function, not a closure per
    word: a self-referring closure is a reference cycle only the garbage collector frees)."""
    if start in solved:
        return solved[start]
    rest = word[start:]
    choice: tuple[str, ...] | None = None
    if len(rest) >= MIN_PART and start > 0 and known(stem(rest)):
        choice = (rest,)
    else:
        for end in range(len(word) - MIN_PART, start + MIN_PART - 1, -1):
            piece = word[start:end]
            if not known(stem(piece)):
                continue
            for nxt in _after_linker(word, end):
                tail = _solve(word, nxt, known, solved)
                if tail is not None and (choice is None or len(tail) + 1 < len(choice)):
                    choice = (piece, *tail)
    solved[start] = choice
    return choice


def _after_linker(word: str, end: int) -> list[int]:
    starts = [end]
    if end < len(word) and word[end] in LINKERS and len(word) - end - 1 >= MIN_PART:
        starts.append(end + 1)
    return starts


def compound_terms(parts: list[str]) -> list[str]:
    """Stems of every run of consecutive parts, except the whole word (already indexed)."""
    out: list[str] = []
    n = len(parts)
    for i in range(n):
        for j in range(i + 1, n + 1):
            if i == 0 and j == n:
                continue
            out.append(stem("".join(parts[i:j])))
    return out


@dataclass(frozen=True)
class Analysis:
    """One text as the index stores it: `stems` in order, `parts` from compounds (no order)."""

    stems: list[str]
    parts: list[str]


def analyse(
    text: str,
    known: Callable[[str], bool] | None = None,
    norms: list[str] | None = None,
    *,
    stems: list[str] | None = None,
    compounds: dict[str, list[str]] | None = None,
) -> Analysis:
    """Stems of `text`; parts: compound parts found with the vocabulary predicate `known`, and
    prefixes of long stems. `norms` (`norm_words(text)`) and `stems` (`stems_of(norms)`): when the
    caller has them already. `compounds`: a word's compound terms, kept across the texts a caller
    analyses with the same `known` (one meeting's pieces repeat their words)."""
    if norms is None:
        norms = norm_words(text)
    parts: list[str] = []
    if known is not None:
        if compounds is None:
            compounds = {}
        seen: set[str] = set()
        for word in norms:
            if word in seen:
                continue
            seen.add(word)
            found = compounds.get(word)
            if found is None:
                pieces = split_compound(word, known)
                found = compounds[word] = compound_terms(pieces) if pieces else []
            parts.extend(found)
    terms = stems_of(norms) if stems is None else stems
    for term in set(terms):
        if len(term) >= LONG_STEM + MIN_PART:
            parts.extend(term[:k] for k in range(LONG_STEM, len(term) - MIN_PART + 1))
    return Analysis(terms, parts)


def candidates_of(texts: Iterable[str]) -> set[str]:
    """All possible part stems of all long words in `texts` (one vocabulary lookup per meeting)."""
    return candidates_of_norms(norm_words(text) for text in texts)


def candidates_of_norms(norm_lists: Iterable[list[str]]) -> set[str]:
    """`candidates_of` from each text's `norm_words`."""
    out: set[str] = set()
    seen: set[str] = set()
    for norms in norm_lists:
        for word in norms:
            if word not in seen:
                seen.add(word)
                out |= part_candidates(word)
    return out


def slug(value: str) -> str:
    """A filter key from a name: normalised letters and digits only ("Region Midtjylland" ->
    "regionmidtjylland"); forum, organisation and person filters compare these."""
    return "".join(normalise(m.group()) for m in WORD.finditer(value))
