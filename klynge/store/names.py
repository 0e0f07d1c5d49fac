"""Normalised names: how the store decides that two spellings are one person, organisation or forum."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """A normalised name for matching people, organisations and fora: case, spacing, dots, accents.

    Danish letters stay letters (æ, ø, å); 'aa' is read as 'å', as in older spellings of names.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn" or ch == "\u030a"
    )
    text = unicodedata.normalize("NFC", text).replace("aa", "å")
    text = re.sub(r"[.,;:()\"'’]", " ", text)
    return " ".join(text.split())[:400]


def look_alike_key(name: str) -> str:
    """`name_key` with spaces, hyphens and every other non-letter/digit left out: "Nord klyngen",
    "Nord-klyngen" and "Nordklyngen" share it. Two fora with one such key are look-alikes, which
    the store never creates (`repo.forum_named` takes the existing one)."""
    return "".join(ch for ch in name_key(name) if ch.isalnum())
