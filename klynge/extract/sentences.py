"""Danish sentence splitting that survives the genre's abbreviations (fx., bl.a., jf., kl., pkt.)."""

from __future__ import annotations

import re

_ABBREVIATIONS = (
    "fx|f\\.eks|bl\\.a|jf|kl|pkt|nr|ca|mv|m\\.v|mht|mhp|ift|vedr|evt|inkl|ekskl|dvs|pga|iht|tlf|stk|afd|"
    "dr|hhv|ml|etc|m\\.fl|bl|osv|resp|jvf|ang|sept|okt|nov|dec|jan|feb|aug|mio|mia|kr|incl"
)


def sentences(text: str) -> list[str]:
    """Sentences of a section text; every list line ("- …") is a sentence of its own."""
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
    return out


def _split(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[\"'„»(]?[A-ZÆØÅ0-9])", line):
        before = line[start : m.start()]
        last_word = re.search(r"(\S+)$", before)
        word = last_word.group(1).lower().rstrip(".") if last_word else ""
        if re.fullmatch(_ABBREVIATIONS, word) or re.fullmatch(r"\d{1,2}", word) or len(word) == 1:
            continue
        parts.append(before)
        start = m.end()
    parts.append(line[start:])
    return parts
