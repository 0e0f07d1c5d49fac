"""Danish sentence splitting that survives the genre's abbreviations (fx., bl.a., jf., kl., pkt.)."""

from __future__ import annotations

import functools
import re

_ABBREVIATIONS = (
    "fx|f\\.eks|bl\\.a|jf|kl|pkt|nr|ca|mv|m\\.v|mht|mhp|ift|vedr|evt|inkl|ekskl|dvs|pga|iht|tlf|stk|afd|"
    "dr|hhv|ml|etc|m\\.fl|bl|osv|resp|jvf|ang|sept|okt|nov|dec|jan|feb|aug|mio|mia|kr|incl"
)


_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'„»(]?[A-ZÆØÅ0-9])")
_ABBREVIATION = re.compile(_ABBREVIATIONS)
_LAST_WORD = re.compile(r"(\S+)$")


def sentences(text: str) -> list[str]:
    """Sentences of a section text; every list line ("- …") is a sentence of its own."""
    return list(_sentences(text))


@functools.lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    # Decisions, actions and topics all split the same section texts: split each once.
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            line = line[2:]
        for part in _split(line):
            part = part.strip()
            if part:
                out.append(part)
    return tuple(out)


def forget() -> None:
    """Drop the split texts: `extract` calls this when a meeting is done, so nothing is kept."""
    _sentences.cache_clear()


def _last_word(text: str) -> str:
    """What `(\\S+)$` finds, without the regex trying every start (quadratic on a long sentence)."""
    if "\n" in text:
        found = _LAST_WORD.search(text)
        return found.group(1) if found else ""
    if not text or text[-1].isspace():
        return ""
    return text.rsplit(None, 1)[-1]  # str.split and \s agree on what is whitespace


def _split(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        before = line[start : m.start()]
        word = _last_word(before).lower().rstrip(".")
        if _ABBREVIATION.fullmatch(word) or (word.isdigit() and len(word) <= 2) or len(word) == 1:
            continue
        parts.append(before)
        start = m.end()
    parts.append(line[start:])
    return parts
