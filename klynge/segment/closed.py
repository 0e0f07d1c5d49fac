"""Closed items (lukkede punkter): how the genre says that an item is not for the public.

The words vary ("Lukket punkt", "LUKKET", "(Lukket)", "Lukket dagsordenspunkt", "Fortroligt punkt",
"Lukket pkt.", "Lukket sag", "Lukket - personsag", "Fortrolig", "Ikke offentligt punkt", "Punktet er
lukket"), so the rule is one of shape, not a list of phrases:

    marker     a closed word (lukket, lukkede, fortrolig(t/e), ikke offentlig(t/e)), optionally followed
               by an item noun (punkt, pkt., dagsordenspunkt, sag, møde, behandling, emne)
    title      starts with a marker that ends there or at a separator (":", "-", ")", "."); a closed
               word alone needs the separator, one with its noun does not ("Lukket sag om klage");
               or holds a marker in brackets ("Personalesag (lukket)"); or ends with one after a
               separator ("Personalesag - lukket punkt"); or says "lukket punkt" anywhere
    marker line  a line near the top of the item body that is such a title prefix ("Lukket punkt",
               "(Fortroligt)", "Lukket - personsag"), or anywhere in the body a line that says so
               about the item ("Punktet er lukket", "Punktet behandles lukket, da ...")

A closed word followed by anything else is prose about something else and marks nothing: "Lukket
for tilgang", "Lukket afdeling", "Fortrolig kommunikation", "Lukning af afdeling",
"Fortrolighedserklæring", "Sagen er lukket" (the case is concluded).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from klynge.model import BlockKind, Line

_WORD = r"(?:lukket|lukkede|fortrolig[te]?|ikke[\s\-]+offentlig[te]?)"
_NOUN = r"(?:(?:dagsordens|møde)?punkt(?:er)?|pkt\.?|sag|møde|behandling|emne)"
_END = r"(?![\w])"
_MARKER = rf"{_WORD}(?:\s+{_NOUN})?{_END}"
_SEP = r"[:.\-–—,]"

_PREFIX = re.compile(
    rf"^[\s*#]*(?P<open>[(\[])?\s*(?P<mark>{_WORD}(?P<noun>\s+{_NOUN})?){_END}\s*"
    rf"(?(open)[)\]]\s*{_SEP}?|(?P<sep>{_SEP})?)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BRACKETED = re.compile(rf"\s*[(\[]\s*{_MARKER}\s*[)\]]", re.IGNORECASE)
_SUFFIX = re.compile(rf"\s*(?:\s[\-–—]|[:,])\s*{_MARKER}\s*\.?\s*$", re.IGNORECASE)
_ANYWHERE = re.compile(rf"\blukket\s+(?:dagsordens)?(?:punkt|pkt){_END}", re.IGNORECASE)
_STATEMENT = re.compile(
    r"^[\s*#(]*(?:punktet|dette\s+punkt|sagen|denne\s+sag)\s+(?:er|behandles|blev\s+behandlet)\s+"
    rf"(?:som\s+)?(?:et\s+|en\s+)?{_MARKER}",
    re.IGNORECASE,
)
_CONCLUDED = re.compile(r"^[\s*#(]*(?:sagen|denne\s+sag)\s+(?:er|blev)\s", re.IGNORECASE)
""""Sagen er lukket": the case is concluded, not closed to the public."""

MARKER_LINES = 8
"""How far into an item's body a marker line ("Lukket punkt" under the heading) is looked for."""


def _prefix(text: str) -> re.Match[str] | None:
    m = _PREFIX.match(text)
    if m is None:
        return None
    rest = m.group("rest")
    if m.group("open") or m.group("sep") or not rest:
        return m
    return m if m.group("noun") else None  # "Lukket for tilgang": a closed word going on as prose


def closed_title(title: str) -> tuple[bool, str]:
    """Whether an item's title marks it closed, and the title without the marker."""
    m = _prefix(title)
    if m is not None:
        rest = m.group("rest").strip(" -–—:,.")
        marked_off = m.group("open") or m.group("sep") or rest[:1].isupper()
        if not rest or not marked_off:
            return True, title  # the marker is all there is, or runs into the title: keep it whole
        return True, rest[0].upper() + rest[1:]
    if _BRACKETED.search(title):
        return True, " ".join(_BRACKETED.sub("", title).split()).strip(" -–—:,") or title
    if _SUFFIX.search(title):
        return True, _SUFFIX.sub("", title).strip(" -–—:,") or title
    if _ANYWHERE.search(title) or is_statement(title):
        return True, title
    return False, title


def is_statement(text: str) -> bool:
    """A sentence saying the item is closed ("Punktet er lukket", "Sagen behandles fortroligt")."""
    m = _STATEMENT.match(text)
    if m is None:
        return False
    return not (_CONCLUDED.match(text) and not re.search(r"\bbehandle", m.group(0), re.IGNORECASE))


def is_marker_line(text: str) -> bool:
    """A line of an item's body that marks it closed: a marker on its own ("Lukket punkt", "(Lukket)",
    "Fortroligt."), or before a colon or dash ("Lukket - personsag"), or a statement."""
    m = _prefix(text.strip())
    if m is not None and (
        not m.group("rest") or m.group("open") or m.group("noun") or (m.group("sep") or "") in ":-–—"
    ):
        return True
    return is_statement(text)


def closed_body(body: Sequence[Line]) -> bool:
    """Does the item's body mark it closed: a marker line near the top, or a statement anywhere?"""
    for i, line in enumerate(body):
        text = line.text.strip()
        if not text:
            continue
        if is_statement(text):
            return True
        if i < MARKER_LINES and line.kind != BlockKind.TABLE_ROW and is_marker_line(text):
            return True
    return False
