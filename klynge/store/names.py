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
