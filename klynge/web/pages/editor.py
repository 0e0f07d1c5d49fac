"""Skriv møde: the agenda builder, the minutes and the lifecycle, for the forum's secretariat.

Every form posts to its own small route (works without JavaScript), which calls one function of
`klynge.store.lifecycle` and then shows the edit page again (303). A refused change (bad clock
time, a published meeting) shows the edit page with the message and nothing saved.

Every writing route is on `writing`, whose one guard (`klynge.web.guard.editing`) refuses anyone
but the meeting's forum's secretariat or an admin before the route runs; the edit page is made only
from the `Editing` the guard hands over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from klynge import model
from klynge.errors import Conflict, Forbidden, InputError, NotFound
from klynge.privacy import document_contains_personal
from klynge.store import accounts, lifecycle
from klynge.store import tables as t
from klynge.store.names import name_key
from klynge.web.access import Viewer, client_ip, viewer
from klynge.web.db import sessions
from klynge.web.guard import Editing, editing
from klynge.web.render import render
from klynge.web.threads import in_write_thread

router = APIRouter(include_in_schema=False)
writing = APIRouter(include_in_schema=False, dependencies=[Depends(editing)])
"""The writing routes; `router` includes it at the end of this module."""

DECISION_LABELS = {
    "approved": "Godkendt",
    "noted": "Taget til efterretning",
    "postponed": "Udsat",
    "rejected": "Afvist",
    "other": "Andet",
}
SECTION_FIELDS = (
    ("recommendation", "Indstilling"),
    ("case_text", "Sagsfremstilling"),
    ("minutes", "Referat"),
    ("decision", "Beslutning"),
)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _meeting(ed: Editing) -> int:
    """The meeting the guard let this writer change (every route using it names one in its path)."""
    if ed.meeting_id is None:
        raise NotFound("ruten nævner intet møde")
    return ed.meeting_id


def _edit_page(request: Request, ed: Editing, error: str | None = None, status: int = 200) -> HTMLResponse:
    """The edit page of the meeting the guard let `ed` change; never of any other."""
    meeting_id = _meeting(ed)
    with sessions(request)() as s:
        m = s.scalars(
            select(t.Meeting)
            .where(t.Meeting.id == meeting_id)
            .options(
                selectinload(t.Meeting.items).selectinload(t.Item.sections),
                selectinload(t.Meeting.items).selectinload(t.Item.attachments),
                selectinload(t.Meeting.participations),
                selectinload(t.Meeting.decisions),
                selectinload(t.Meeting.actions),
            )
        ).first()
        if m is None:
            raise NotFound(f"møde {meeting_id} findes ikke")
        items = [
            {
                "item": it,
                "sections": {sec.kind: sec.text for sec in it.sections},
                "attachments": "\n".join(a.name for a in it.attachments),
                "decisions": [d for d in m.decisions if d.item_id == it.id],
                "actions": [a for a in m.actions if a.item_id == it.id],
            }
            for it in m.items
        ]
        publications = s.scalars(
            select(t.Publication.number)
            .where(t.Publication.meeting_id == m.id)
            .order_by(t.Publication.number)
        ).all()
        return render(
            request,
            "editor.html",
            status=status,
            title=f"Rediger møde {m.id}",
            m=m,
            forum=m.forum.name if m.forum else "",
            items=items,
            participants=list(m.participations),
            labels=lifecycle.LABELS,
            next_status=lifecycle.next_status(m.status),
            publications=list(publications),
            decision_labels=DECISION_LABELS,
            section_fields=SECTION_FIELDS,
            error=error,
        )


async def _change(request: Request, ed: Editing, anchor: str, change: Callable[[], Any]) -> Response:
    """Run one lifecycle change; back to the edit page, or the page with the reason."""
    meeting_id = _meeting(ed)
    try:
        await in_write_thread(request, change)
    except (InputError, Conflict) as exc:
        status = 409 if isinstance(exc, Conflict) else 422
        return await in_write_thread(request, _edit_page, request, ed, str(exc), status)
    return RedirectResponse(f"/moeder/{meeting_id}/rediger{anchor}", status_code=303)


# --- the list of drafts and a new meeting ---------------------------------------------------------


@writing.get("/skriv", response_class=HTMLResponse)
def drafts(request: Request, ed: Editing = Depends(editing)) -> HTMLResponse:
    return _drafts_page(request, ed.who)


def _drafts_page(request: Request, who: Viewer, error: str | None = None, status: int = 200) -> HTMLResponse:
    with sessions(request)() as s:
        rows = s.execute(
            select(t.Meeting, t.Forum.name)
            .outerjoin(t.Forum, t.Forum.id == t.Meeting.forum_id)
            .where(t.Meeting.status != "published")
            .order_by(t.Meeting.date.desc().nulls_last(), t.Meeting.id.desc())
        ).all()
        fora = s.execute(select(t.Forum.id, t.Forum.name).order_by(t.Forum.name)).all()
    mine = [(m, f) for m, f in rows if who.may_edit(m.forum_id)]
    choices = [name for fid, name in fora if who.may_edit(fid)]
    return render(
        request,
        "editor_new.html",
        status=status,
        title="Skriv møde",
        drafts=mine,
        fora=choices,
        labels=lifecycle.LABELS,
        may_add_forum=who.role in ("admin", "local"),
        error=error,
    )


def _forum_people(request: Request, forum: str) -> tuple[list[model.Participant], list[str]]:
    """The forum's usual participants (its latest meeting) and topics announced for coming meetings."""
    with sessions(request)() as s:
        forum_id = s.scalar(select(t.Forum.id).where(t.Forum.key == name_key(forum)))
        if forum_id is None:
            return [], []
        latest = s.scalars(
            select(t.Meeting)
            .where(t.Meeting.forum_id == forum_id)
            .order_by(t.Meeting.date.desc().nulls_last(), t.Meeting.id.desc())
            .limit(1)
        ).first()
        people = [
            model.Participant(
                p.person.name, p.organisation.name if p.organisation else None, p.role, guest=False
            )
            for p in (latest.participations if latest else [])
            if not p.guest
        ]
        topics = s.scalars(
            select(t.ForwardTopic.text)
            .join(t.Meeting, t.Meeting.id == t.ForwardTopic.meeting_id)
            .where(t.Meeting.forum_id == forum_id)
            .order_by(t.Meeting.date.desc().nulls_last(), t.ForwardTopic.position)
            .limit(8)
        ).all()
    return people, list(dict.fromkeys(" ".join(x.split()) for x in topics if x.strip()))


@writing.post("/skriv")
async def new_meeting(request: Request, ed: Editing = Depends(editing)) -> Response:
    who = ed.who
    form = await _form(request)
    forum = (form.get("nyt_forum") or form.get("forum") or "").strip()
    try:
        if not forum:
            raise InputError("vælg et forum")
        with sessions(request)() as s:
            forum_id = s.scalar(select(t.Forum.id).where(t.Forum.key == name_key(forum)))
        if not (
            who.role in ("admin", "local") or (forum_id is not None and forum_id in who.secretariat_fora)
        ):
            raise Forbidden(f"{forum}: kun forummets sekretariat kan skrive dets møder")
        try:
            date = dt.date.fromisoformat(form.get("date", "")) if form.get("date") else None
        except ValueError as exc:
            raise InputError(f"ugyldig dato {form.get('date')!r} (skriv fx 2027-03-18)") from exc
        start, end = lifecycle.clock(form.get("start")), lifecycle.clock(form.get("end"))
        people, topics = _forum_people(request, forum)
        items = [model.Item("1", "Godkendelse af dagsorden")]
        if form.get("emner"):
            items += [model.Item(str(i + 2), topic) for i, topic in enumerate(topics)]
        meeting = model.Meeting(
            model.Document("agenda-builder", "klynge", "", ()),
            model.MeetingInfo(
                forum=forum, date=date, start=start, end=end, location=form.get("location") or None
            ),
            tuple(people) if form.get("inviter") else (),
            tuple(items),
        )
        meeting_id = await in_write_thread(
            request, lifecycle.create_meeting, sessions(request), meeting, by=who.name, status="draft_agenda"
        )
    except (InputError, Conflict) as exc:
        return await in_write_thread(request, _drafts_page, request, who, str(exc), 422)
    return RedirectResponse(f"/moeder/{meeting_id}/rediger", status_code=303)


# --- the edit page and its forms ------------------------------------------------------------------


@writing.get("/moeder/{meeting_id}/rediger", response_class=HTMLResponse)
def edit_page(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> HTMLResponse:
    return _edit_page(request, ed)


@writing.post("/moeder/{meeting_id}/rediger/hoved")
async def edit_header(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    fields = {
        k: form.get(k, "") for k in ("date", "start", "end", "location", "title", "chair", "note_taker")
    }
    if form.get("forum", "").strip():  # a forum read wrongly is corrected here (issue 16)
        _may_move_to(request, ed, form["forum"])
        fields["forum"] = form["forum"]
    return await _change(
        request,
        ed,
        "",
        lambda: lifecycle.update_meeting(sessions(request), meeting_id, fields, by=ed.who.name),
    )


@writing.post("/moeder/{meeting_id}/rediger/punkt")
async def add_item(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    try:
        minutes = int(form.get("minutes") or 0)
    except ValueError:
        minutes = -1
    fields: dict[str, Any] = {"title": form.get("title", ""), "presenter": form.get("presenter") or None}

    def change() -> None:
        if minutes < 0:
            raise InputError("varighed skal være et helt antal minutter")
        lifecycle.add_item(sessions(request), meeting_id, {**fields, "minutes": minutes}, by=ed.who.name)

    return await _change(request, ed, "#nyt-punkt", change)


@writing.post("/punkter/{item_id}/rediger")
async def edit_item(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    fields: dict[str, Any] = {
        "title": form.get("title", ""),
        "time_start": form.get("time_start", ""),
        "time_end": form.get("time_end", ""),
        "presenter": form.get("presenter", ""),
        "case_number": form.get("case_number", ""),
        "confidential": form.get("confidential") == "on",
        "attachments": (form.get("attachments") or "").splitlines(),
        "sections": {key: form.get(key, "") for key, _ in SECTION_FIELDS},
    }
    return await _change(
        request,
        ed,
        f"#punkt-{item_id}",
        lambda: lifecycle.update_item(sessions(request), item_id, fields, by=ed.who.name),
    )


@writing.post("/punkter/{item_id}/flyt")
async def move_item(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    offset = -1 if form.get("retning") == "op" else 1
    return await _change(
        request,
        ed,
        f"#punkt-{item_id}",
        lambda: lifecycle.move_item(sessions(request), item_id, offset, by=ed.who.name),
    )


@writing.post("/punkter/{item_id}/slet")
async def delete_item(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    return await _change(
        request, ed, "", lambda: lifecycle.delete_item(sessions(request), item_id, by=ed.who.name)
    )


@writing.post("/punkter/{item_id}/beslutning")
async def add_decision(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    return await _change(
        request,
        ed,
        f"#punkt-{item_id}",
        lambda: lifecycle.add_decision(
            sessions(request), item_id, form.get("text", ""), form.get("kind", "other"), by=ed.who.name
        ),
    )


@writing.post("/punkter/{item_id}/handling")
async def add_action(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    owner = (form.get("owner_other") or form.get("owner") or "").strip()
    return await _change(
        request,
        ed,
        f"#punkt-{item_id}",
        lambda: lifecycle.add_action(
            sessions(request), item_id, owner, form.get("task", ""), form.get("due") or None, by=ed.who.name
        ),
    )


@writing.post("/punkter/{item_id}/bilag")
async def upload_attachment(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    """A file attached to an item (Bilag); kept byte for byte, shown to whoever may see the item."""
    from klynge.web.upload import MAX_BYTES, MAX_FILES

    form = await request.form(max_files=MAX_FILES + 1, max_part_size=MAX_BYTES + 1)
    upload = form.get("fil")
    if upload is None or isinstance(upload, str) or not upload.filename:
        return await in_write_thread(request, _edit_page, request, ed, "vælg en fil at vedhæfte", 422)
    data = await upload.read()
    name = upload.filename

    def change() -> None:
        if len(data) > MAX_BYTES:
            raise InputError(f"{name}: filen er for stor (højst {MAX_BYTES // 1_048_576} MB)")
        lifecycle.attach_file(sessions(request), item_id, name, data, by=ed.who.name)

    return await _change(request, ed, f"#punkt-{item_id}", change)


@writing.post("/moeder/{meeting_id}/rediger/deltager")
async def add_participant(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    return await _change(
        request,
        ed,
        "#deltagere",
        lambda: lifecycle.add_participant(
            sessions(request),
            meeting_id,
            form.get("name", ""),
            organisation=form.get("organisation") or None,
            role=form.get("role") or None,
            guest=form.get("guest") == "on",
            by=ed.who.name,
        ),
    )


@writing.post("/deltagere/{participation_id}")
async def attendance(request: Request, participation_id: int, ed: Editing = Depends(editing)) -> Response:
    form = await _form(request)
    return await _change(
        request,
        ed,
        "#deltagere",
        lambda: lifecycle.set_attendance(
            sessions(request),
            participation_id,
            absent=form.get("absent") == "on",
            guest=form.get("guest") == "on",
            by=ed.who.name,
        ),
    )


@writing.post("/deltagere/{participation_id}/slet")
async def remove_participant(
    request: Request, participation_id: int, ed: Editing = Depends(editing)
) -> Response:
    """A name read as a participant that was none (issue 16)."""
    return await _change(
        request,
        ed,
        "#deltagere",
        lambda: lifecycle.remove_participant(sessions(request), participation_id, by=ed.who.name),
    )


@writing.post("/handlinger/{action_id}/rediger")
async def edit_action(request: Request, action_id: int, ed: Editing = Depends(editing)) -> Response:
    """An action read with the wrong owner, task or due date, corrected (issue 16)."""
    form = await _form(request)
    return await _change(
        request,
        ed,
        "",
        lambda: lifecycle.update_action(
            sessions(request),
            action_id,
            form.get("owner", ""),
            form.get("task", ""),
            form.get("due") or None,
            by=ed.who.name,
        ),
    )


@writing.post("/handlinger/{action_id}/slet")
async def delete_action(request: Request, action_id: int, ed: Editing = Depends(editing)) -> Response:
    """An action the parser found where the minutes assign nothing (issue 16)."""
    return await _change(
        request, ed, "", lambda: lifecycle.delete_action(sessions(request), action_id, by=ed.who.name)
    )


@writing.post("/moeder/{meeting_id}/forloeb")
async def lifecycle_step(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> Response:
    """Næste trin, Offentliggør, Genåbn, Slet kladde."""
    form = await _form(request)
    action = form.get("handling", "")
    factory = sessions(request)
    by = ed.who.name
    if action == "slet":
        try:
            await in_write_thread(request, lifecycle.delete_meeting, factory, meeting_id, by=by)
        except (InputError, Conflict) as exc:
            return await in_write_thread(request, _edit_page, request, ed, str(exc), 409)
        return RedirectResponse("/skriv", status_code=303)

    def change() -> None:
        if action == "offentliggoer":
            lifecycle.publish(factory, meeting_id, by=by)
        elif action == "genaabn":
            lifecycle.reopen(factory, meeting_id, by=by)
        elif action == "naeste":
            with factory() as s:
                current = s.scalar(select(t.Meeting.status).where(t.Meeting.id == meeting_id)) or ""
            target = lifecycle.next_status(current)
            if target is None:
                raise Conflict("mødet er offentliggjort; der er intet næste trin")
            lifecycle.set_status(factory, meeting_id, target, by=by)
        else:
            raise InputError(f"ukendt handling {action!r}")

    return await _change(request, ed, "", change)


# --- history and publications ---------------------------------------------------------------------


@writing.get("/moeder/{meeting_id}/historik", response_class=HTMLResponse)
def history_page(request: Request, meeting_id: int, ed: Editing = Depends(editing)) -> HTMLResponse:
    factory = sessions(request)
    rows = lifecycle.history(factory, meeting_id)
    changes = []
    for r in rows:
        before, after = r.before or {}, r.after or {}
        keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
        changes.append((r, [(k, before.get(k), after.get(k)) for k in keys]))
    return render(
        request,
        "editor_history.html",
        title=f"Historik for møde {meeting_id}",
        meeting_id=meeting_id,
        changes=changes,
        publications=lifecycle.publications(factory, meeting_id),
    )


# --- for readers: attachments and published versions ----------------------------------------------


@router.get("/bilag/{attachment_id}")
def download_attachment(request: Request, attachment_id: int) -> Response:
    """An uploaded attachment, for those who may see its item (closed: the forum's own people)."""
    from urllib.parse import quote

    from klynge.web.queries import visibility

    who = viewer(request)
    with sessions(request)() as s:
        meeting_id = s.scalar(
            select(t.Item.meeting_id)
            .join(t.Attachment, t.Attachment.item_id == t.Item.id)
            .where(t.Attachment.id == attachment_id)
        )
        if meeting_id is None:
            raise NotFound(f"bilag {attachment_id} findes ikke")
        scoped = visibility.scoped(s, who, int(meeting_id))
        row = s.execute(
            select(
                t.Document.filename,
                t.Document.content,
                t.Document.format,
                t.Document.text,
                t.Attachment.name,
                t.Attachment.confidential,
                t.Item.confidential.label("item_closed"),
                t.Item.meeting_id,
            )
            .select_from(t.Attachment)
            .join(t.Item, t.Item.id == t.Attachment.item_id)
            .join(t.Meeting, t.Meeting.id == t.Item.meeting_id)
            .join(t.Document, t.Document.id == t.Attachment.document_id)
            .where(t.Attachment.id == attachment_id, visibility.items(scoped), visibility.attachments(scoped))
        ).first()
    if row is None:
        raise NotFound(f"bilag {attachment_id} findes ikke")
    if not who.sees_personal and document_contains_personal(row.content, row.format, row.text or ""):
        # The public never receives unmasked bytes: an attachment with phone or CPR numbers or
        # e-mail addresses is for the forum's own people only.
        raise Forbidden(
            f"bilag {attachment_id} indeholder personoplysninger og kan kun hentes af forummets folk"
        )
    if row.confidential or row.item_closed:  # closed material, to someone allowed: audited
        accounts.log_closed_download(
            sessions(request),
            who.name,
            "attachment",
            f"bilag {attachment_id}",
            ip=client_ip(request),
            file=row.name,
            meeting=row.meeting_id,
        )
    return Response(
        row.content,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(row.name)}"},
    )


@router.get("/moeder/{meeting_id}/version/{number}", response_class=HTMLResponse)
def publication_page(request: Request, meeting_id: int, number: int) -> HTMLResponse:
    """A publication as it was made public, with today's closed flags (an item closed since is
    closed here too); closed items, and their actions, only for those who may see them."""
    from klynge.export import render_html
    from klynge.interchange import from_interchange
    from klynge.privacy import mask_meeting

    who = viewer(request)
    frozen = lifecycle.version(sessions(request), meeting_id, number)
    sees_closed = who.sees_closed_in(frozen.forum_id)
    snapshot = frozen.snapshot if sees_closed else lifecycle.without_closed(frozen.snapshot)
    meeting = from_interchange(snapshot, f"version-{number}.json")
    if not who.sees_personal:  # masked before the layout's nowrap spans can split a number
        meeting = mask_meeting(meeting)
    html = render_html(meeting, "minutes", include_closed=sees_closed)
    return HTMLResponse(html)


def _may_move_to(request: Request, ed: Editing, forum: str) -> None:
    """A corrected forum must be one the writer edits: a correction never hands a meeting (and its
    closed items) to another forum's people, nor creates a forum for a secretariat."""
    with sessions(request)() as s:
        forum_id = s.scalar(select(t.Forum.id).where(t.Forum.key == name_key(forum)))
    if not ed.who.may_edit(forum_id):
        raise Forbidden(
            f"du kan kun flytte mødet til et forum, du er sekretariat for («{forum.strip()[:80]}»)"
        )


# --- corrections of a meeting that was read badly (issue 16) --------------------------------------


def _paragraph_number(form: dict[str, str]) -> int:
    try:
        return int(form.get("paragraph", "").strip()) - 1
    except ValueError:
        raise InputError("skriv nummeret på tekststykket (1 for det første)") from None


@writing.post("/punkter/{item_id}/del")
async def split_item(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    """A heading the parser missed: a new item from this paragraph on."""
    form = await _form(request)
    return await _change(
        request,
        ed,
        f"#punkt-{item_id}",
        lambda: lifecycle.split_item(
            sessions(request),
            item_id,
            form.get("kind", ""),
            _paragraph_number(form),
            form.get("title") or None,
            by=ed.who.name,
        ),
    )


@writing.post("/punkter/{item_id}/saml")
async def merge_item(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    """An item that was none: joined with the next."""
    return await _change(
        request,
        ed,
        f"#punkt-{item_id}",
        lambda: lifecycle.merge_with_next(sessions(request), item_id, by=ed.who.name),
    )


@writing.post("/punkter/{item_id}/flyt-tekst")
async def move_paragraph(request: Request, item_id: int, ed: Editing = Depends(editing)) -> Response:
    """A paragraph read into the wrong section, moved to the right one."""
    form = await _form(request)
    return await _change(
        request,
        ed,
        f"#punkt-{item_id}",
        lambda: lifecycle.move_paragraph(
            sessions(request),
            item_id,
            form.get("kind", ""),
            _paragraph_number(form),
            form.get("to", ""),
            by=ed.who.name,
        ),
    )


router.include_router(writing)
