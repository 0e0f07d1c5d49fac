"""Hyphenation across line breaks: "Sund-" + "hedsstyregruppen" is one word; "somatik-" + "og" is not."""

from __future__ import annotations

import re

_LEFT = re.compile(r"(?<![\s-])([a-zæøåäöüé]{2,})-$")
_RIGHT = re.compile(r"^([a-zæøåäöüé]+)")
KEEP_HYPHEN_BEFORE = {"og", "eller", "samt", "til", "and", "or", "som", "men", "end"}


def joins_word(left: str, right: str) -> bool:
    """True when `left` ends in a word split by a hyphen that `right` completes."""
    left = left.rstrip()
    if not left.endswith("-"):
        return False  # what _LEFT needs at the end; its search would try every position first
    m = _LEFT.search(left)
    if not m:
        return False
    r = _RIGHT.match(right.lstrip())
    if not r:
        return False
    return r.group(1) not in KEEP_HYPHEN_BEFORE


def join(left: str, right: str) -> str:
    return left.rstrip()[:-1] + right.lstrip()
