"""Owners resolved against the meeting's participants: "Gunna" is "Gunna Hansen" when only one Gunna came.

The owner stays as written in the minutes; the resolved name is kept beside it (`Action.person`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from klynge.model import Participant


def _key(name: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", name).lower()))


def resolve_person(owner: str, participants: Sequence[Participant]) -> str | None:
    """The one participant an owner names: the full name, a unique first name, or a unique surname."""
    key = _key(owner)
    if not key or not participants:
        return None
    names = [p.name for p in participants if p.name.strip()]
    exact = [n for n in names if _key(n) == key]
    if exact:
        return exact[0]
    words = key.split()
    if len(words) == 1:
        first = [n for n in names if _key(n).split()[:1] == words]
        if len(first) == 1:
            return first[0]
        last = [n for n in names if _key(n).split()[-1:] == words]
        return last[0] if len(last) == 1 else None
    # "Mette Fjord" for "Mette Fjord Nielsen": the written words open exactly one name.
    opening = [n for n in names if _key(n).split()[: len(words)] == words]
    return opening[0] if len(opening) == 1 else None
