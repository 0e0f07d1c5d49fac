"""The one guard of every writing route: who may write, and to which meeting.

A writing route names what it changes in its path (`{meeting_id}`, `{item_id}`,
`{participation_id}`, `{action_id}`). `editing`, a FastAPI dependency set on the writing routers,
reads those raw path values before FastAPI validates anything, finds the meeting they belong to, and
refuses anyone who is not that forum's secretariat or an admin: before a page, a form error or a
validation message is made. So no route can show the edit page of another forum's meeting, on any
path: a good request, a malformed one, or an error.

    not a writer, or no valid CSRF token          403
    an id that is not a number or does not exist  404
    a meeting of a forum the writer does not edit 403

The validation-error handler (`klynge.web.errors`) runs the same guard first for a guarded route
(`refusal`), because FastAPI reads a JSON body before any dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy import select

from klynge.errors import Forbidden, KlyngeError, NotFound
from klynge.store import tables as t
from klynge.web.access import Viewer, require_writer
from klynge.web.db import sessions
from klynge.web.threads import run_read

MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")


@dataclass(frozen=True)
class Editing:
    """A writer allowed to change `meeting_id` (None on routes without a meeting, e.g. /skriv)."""

    who: Viewer
    meeting_id: int | None = None
    forum_id: int | None = None


OWNED: dict[str, tuple[str, Any, Any]] = {
    "meeting_id": ("møde", t.Meeting.id, t.Meeting.id),
    "item_id": ("punkt", t.Item.id, t.Item.meeting_id),
    "participation_id": ("deltager", t.Participation.id, t.Participation.meeting_id),
    "action_id": ("handling", t.Action.id, t.Action.meeting_id),
}
"""The path values the guard resolves to a meeting: name -> (what to call it, its id, its meeting)."""


def path_id(raw: object, what: str) -> int:
    """A path value as a database id; anything else (letters, signs, beyond 64 bits) is 404."""
    text = str(raw)
    if not _ID.fullmatch(text) or not 0 < int(text) <= MAX_ID:
        raise NotFound(f"{what} {text[:40]!r} findes ikke")
    return int(text)


def _meeting_of(request: Request, path: dict[str, Any]) -> tuple[str, int, int | None] | None:
    """(what the path names, meeting id, forum id) of the first owned path value; None when the
    route names none."""
    for name, (label, key_column, meeting_column) in OWNED.items():
        if name not in path:
            continue
        key = path_id(path[name], label)
        owner = select(meeting_column).where(key_column == key).scalar_subquery()
        with sessions(request)() as s:
            row = s.execute(select(t.Meeting.id, t.Meeting.forum_id).where(t.Meeting.id == owner)).first()
        if row is None:
            raise NotFound(f"{label} {key} findes ikke")
        return f"{label} {key}", int(row.id), row.forum_id
    return None


async def editing(request: Request) -> Editing:
    """FastAPI dependency of every writing route (see the module doc); computed once a request."""
    done = getattr(request.state, "editing", None)
    if isinstance(done, Editing):
        return done
    who = await require_writer(request)
    found = await run_read(request, _meeting_of, request, dict(request.path_params))
    if found is None:
        result = Editing(who)
    else:
        named, meeting_id, forum_id = found
        if not who.may_edit(forum_id):  # names only what the path named, not the meeting behind it
            raise Forbidden(f"{named}: kun forummets sekretariat eller en administrator kan rette det")
        result = Editing(who, meeting_id, forum_id)
    request.state.editing = result
    return result


def guarded(route: object) -> bool:
    """Whether `route` goes through `editing`."""
    dependant = getattr(route, "dependant", None)
    stack = [dependant] if dependant is not None else []
    while stack:
        d = stack.pop()
        if getattr(d, "call", None) is editing:
            return True
        stack.extend(getattr(d, "dependencies", []))
    return False


async def refusal(request: Request) -> KlyngeError | None:
    """For an error handler: the guard's refusal of this request, if its route is guarded."""
    if not guarded(request.scope.get("route")):
        return None
    try:
        await editing(request)
    except KlyngeError as exc:
        return exc
    return None
