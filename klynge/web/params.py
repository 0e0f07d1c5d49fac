"""Query-string values as forms send them: empty means unset, junk is an `InputError`, not a crash."""

from __future__ import annotations

import datetime as dt

from klynge.errors import InputError

MAX_PAGE = 10_000


def opt_int(value: str | None, name: str) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise InputError(f"{name}: '{value[:40]}' er ikke et tal") from None


def page_number(value: str | None) -> int:
    page = opt_int(value, "side") or 1
    if page < 1 or page > MAX_PAGE:
        raise InputError(f"side: skal være mellem 1 og {MAX_PAGE}")
    return page


def opt_date(value: str | None, name: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{name}: '{value[:40]}' er ikke en dato (ÅÅÅÅ-MM-DD)") from None


def opt_str(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None
