"""A snippet: the stretch of a piece's raw text with the most query matches, matched words marked.

A snippet is a tuple of `(text, is_match)` parts, never markup: the web escapes each part and wraps
matches in <mark>, so HTML in an agenda is shown as text, not interpreted (`to_html` does exactly that).
"""

from __future__ import annotations

import html
import re

from klynge.index import danish

WIDTH = 32
"""Words in a snippet."""

MAX_CHARS = 20_000
"""Only the start of very long sections is searched for a window (a snippet must be quick)."""

_SPACE = re.compile(r"\s+")

Part = tuple[str, bool]


def is_match(word: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """Whether a raw word is one the query asked for: same stem, stem prefix, or compound part."""
    term = danish.analyse_word(word)
    return bool(term) and _term_matches(term or "", exact, prefixes)


def _term_matches(term: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    if term in exact or any(term.startswith(p) for p in prefixes):
        return True
    return len(term) >= danish.MIN_COMPOUND - 1 and any(len(t) >= 3 and t in term for t in exact)


def make(
    text: str,
    exact: frozenset[str],
    prefixes: tuple[str, ...],
    width: int = WIDTH,
    memo: dict[str, bool] | None = None,
    terms: list[str] | None = None,
) -> tuple[Part, ...]:
    """The best window of `width` words around the matches (the start of the text when none).

    `memo` remembers which words match, across the hits of one search (they share many words);
    `terms`, the piece's stored stems, spare the analysis when they line up with the words.
    """
    memo = {} if memo is None else memo
    found = list(danish.words(text[:MAX_CHARS]))
    if terms is not None and len(terms) == len(found):
        # The index's own analysis of this text, word by word: no stemming needed here.
        spans = []
        for m, term in zip(found, terms, strict=True):
            key = "\x00" + term  # stems and raw words apart in the shared memo
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = _term_matches(term, exact, prefixes)
            spans.append((m.start(), m.end(), hit))
    else:
        spans = []
        for m in found:
            word = m.group()
            hit = memo.get(word)
            if hit is None:
                hit = memo[word] = is_match(word, exact, prefixes)
            spans.append((m.start(), m.end(), hit))
    if not spans:
        return ((_SPACE.sub(" ", text).strip()[:200], False),) if text.strip() else ()
    flags = [hit for _, _, hit in spans]
    best, best_hits, hits = 0, sum(flags[:width]), sum(flags[:width])
    for i in range(1, max(1, len(spans) - width + 1)):
        hits += flags[i + width - 1] - flags[i - 1]
        if hits > best_hits:
            best, best_hits = i, hits
    # Start a little before the first match so it has some context.
    first = next((i for i in range(best, min(best + width, len(spans))) if flags[i]), best)
    start_word = max(0, first - 6)
    end_word = min(len(spans), start_word + width)
    parts: list[Part] = []
    if start_word > 0:
        parts.append(("… ", False))
    pos = spans[start_word][0] if start_word else 0
    for s, e, hit in spans[start_word:end_word]:
        if hit:
            _add(parts, text[pos:s], False)
            _add(parts, text[s:e], True)
            pos = e
    _add(parts, text[pos : spans[end_word - 1][1] if end_word < len(spans) else len(text)], False)
    if end_word < len(spans):
        _add(parts, " …", False)
    return tuple(parts)


def _add(parts: list[Part], chunk: str, hit: bool) -> None:
    chunk = _SPACE.sub(" ", chunk)
    if not chunk:
        return
    if parts and parts[-1][1] == hit and not hit:
        parts[-1] = (parts[-1][0] + chunk, hit)
    else:
        parts.append((chunk, hit))


def to_html(parts: tuple[Part, ...]) -> str:
    """Escaped text with matches in <mark>: safe to put into a page as is."""
    return "".join(f"<mark>{html.escape(t)}</mark>" if hit else html.escape(t) for t, hit in parts)


def to_text(parts: tuple[Part, ...]) -> str:
    """Plain text, matches in [brackets] for a terminal."""
    return "".join(f"[{t}]" if hit else t for t, hit in parts)
