"""Query-string values as forms send them: empty means unset, junk is an `InputError`, not a crash."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import Request

from klynge.errors import InputError, NotFound

MAX_PAGE = 10_000
MAX_ID = 2**63 - 1
"""The largest id a database row can have (a signed 64-bit integer): a larger number names nothing."""
MAX_YEAR = 9999


def opt_int(value: str | None, name: str) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        number = int(value.strip())
    except ValueError:
        raise InputError(f"{name}: '{value[:40]}' er ikke et tal") from None
    if abs(number) > MAX_ID:
        raise InputError(f"{name}: tallet er for stort")
    return number


def opt_year(value: str | None, name: str = "år") -> int | None:
    """A year as a form sends it: empty is unset, else 1-9999 (what a date can hold)."""
    year = opt_int(value, name)
    if year is not None and not 1 <= year <= MAX_YEAR:
        raise InputError(f"{name}: skal være et årstal mellem 1 og {MAX_YEAR}")
    return year


def path_ids_fit(request: Request) -> None:
    """App-wide dependency: a number in a path parameter (an id, a version, "f12") that no 64-bit
    column can hold names nothing: 404 before any handler or query sees it."""
    for value in request.path_params.values():
        for digits in re.findall(r"\d+", str(value)):
            if len(digits) > 19 or int(digits) > MAX_ID:
                raise NotFound("siden eller tingen findes ikke")


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
