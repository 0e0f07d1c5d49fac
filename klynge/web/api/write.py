"""Writing through the REST API, for scripts with an API token (`klynge user token`):

    POST /api/meetings                 interchange JSON (as `klynge meeting new`) -> {"data": {"id", "status"}}
    POST /api/meetings/{id}/status     {"status": "agenda_sent"} (or "next")
    POST /api/meetings/{id}/publish    -> {"data": {"id", "publication"}}

Only the forum's secretariat or an admin (the one guard, `klynge.web.guard.editing`, answers
before anything else, also for a malformed body); browsers need the CSRF header as for every write.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel
from sqlalchemy import select

from klynge.errors import Forbidden, InputError
from klynge.interchange import from_interchange
from klynge.store import lifecycle
from klynge.store.names import name_key
from klynge.store.tables import Forum, Meeting
from klynge.web.db import sessions
from klynge.web.guard import Editing, editing
from klynge.web.threads import in_write_thread

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(editing)])


class StatusBody(BaseModel):
    status: str


def _forum_id_by_name(request: Request, name: str) -> int | None:
    with sessions(request)() as s:
        return s.scalar(select(Forum.id).where(Forum.key == name_key(name)))


@router.post(
    "/meetings", summary="Gem et møde skrevet som interchange-JSON (ikke offentliggjort)", status_code=201
)
async def api_new_meeting(
    request: Request,
    data: dict[str, Any] = Body(..., description="Mødet i interchange-formatet (FORMAT.md)."),
    ed: Editing = Depends(editing),
) -> dict[str, Any]:
    who = ed.who
    if not isinstance(data.get("meeting"), dict) or not isinstance(data.get("items", []), list):
        raise InputError('forventer et objekt med "meeting" og "items" (se FORMAT.md)')
    forum = str(data["meeting"].get("forum") or "").strip()
    if not forum:
        raise InputError("mødet mangler et forum (meeting.forum)")
    forum_id = _forum_id_by_name(request, forum)
    if not (who.role in ("admin", "local") or (forum_id is not None and forum_id in who.secretariat_fora)):
        raise Forbidden(f"{forum}: kun forummets sekretariat eller en administrator kan oprette møder")
    meeting = lifecycle.prepared(from_interchange(data, "api.json"), keep_actions="actions" in data)
    factory = sessions(request)
    meeting_id = await in_write_thread(request, lifecycle.create_meeting, factory, meeting, by=who.name)
    with factory() as s:
        status = s.scalar(select(Meeting.status).where(Meeting.id == meeting_id))
    return {"ok": True, "data": {"id": meeting_id, "status": status}}


@router.post("/meetings/{meeting_id}/status", summary="Flyt et møde i forløbet ('next' = næste trin)")
async def api_meeting_status(
    request: Request, meeting_id: int, body: StatusBody, ed: Editing = Depends(editing)
) -> dict[str, Any]:
    with sessions(request)() as s:
        current = s.scalar(select(Meeting.status).where(Meeting.id == meeting_id)) or ""
    target = lifecycle.next_status(current) if body.status == "next" else body.status
    if target is None:
        raise InputError(f"møde {meeting_id} er offentliggjort; der er intet næste trin")
    await in_write_thread(
        request, lifecycle.set_status, sessions(request), meeting_id, target, by=ed.who.name
    )
    return {"ok": True, "data": {"id": meeting_id, "status": target, "previous": current}}


@router.post("/meetings/{meeting_id}/publish", summary="Offentliggør et møde (en frossen kopi gemmes)")
async def api_publish(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> dict[str, Any]:
    number = await in_write_thread(request, lifecycle.publish, sessions(request), meeting_id, by=ed.who.name)
    return {"ok": True, "data": {"id": meeting_id, "publication": number}}
