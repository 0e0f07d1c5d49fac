"""The one place that decides what a viewer may see. Every query in `klynge.web.queries` adds these
conditions.

Account names (who marked an action done) are for signed-in viewers (`author`).
Unpublished meetings are for the secretariat of their forum (and admins); closed items and
attachments for the members and secretariat of their forum. Search, facets and related items get
the same rule as index filters (`search_flags`): hidden pieces except those of the viewer's fora.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, true
from sqlalchemy.orm import Session

from klynge.store.tables import Action, Attachment, Forum, Item, Meeting, Organisation, Participation, Person
from klynge.web.access import Viewer

PUBLIC_AUTHOR = "sekretariatet"
"""Who the public is told changed an action's status: the role, never an account name."""


def author(viewer: Viewer, by: str | None) -> str:
    """The author of a change as this viewer may see it: account names only for signed-in people
    (and the desktop archive's own user); the public sees the role."""
    if not by:
        return ""
    return by if viewer.signed_in or viewer.role == "local" else PUBLIC_AUTHOR


def _published() -> ColumnElement[bool]:
    """Published, written so that no index on `published` is used: nearly every meeting is
    published, and SQLite without statistics would otherwise start every join from that index
    (the home page's overdue actions: 26 ms sorting all actions instead of 0.1 ms walking
    `ix_action_due_end`). `published` is never NULL, so "is not false" is "is true"."""
    return Meeting.published.is_not(False)


def meetings(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Meeting`: the meetings this viewer may see."""
    if viewer.sees_confidential:
        return true()
    if viewer.secretariat_fora:
        return or_(_published(), Meeting.forum_id.in_(sorted(viewer.secretariat_fora)))
    return _published()


def _private(viewer: Viewer) -> list[int]:
    return sorted(viewer.member_fora | viewer.secretariat_fora)


def items(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Item` (joined with its `Meeting`): the items this viewer may see."""
    if viewer.sees_confidential:
        return true()
    public = and_(Item.confidential.is_(False), _published())
    if _private(viewer):
        return or_(public, and_(Meeting.forum_id.in_(_private(viewer)), meetings(viewer)))
    return public


def item_or_none(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on an outer-joined `Item` for rows (decisions, actions) that may have no item."""
    if viewer.sees_confidential:
        return true()
    if _private(viewer):
        return or_(Item.id.is_(None), Item.confidential.is_(False), Meeting.forum_id.in_(_private(viewer)))
    return or_(Item.id.is_(None), Item.confidential.is_(False))


def actions(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Action` alone: the rule of `meetings` and `item_or_none`, without joins.

    Written as "not one of the hidden meetings, not one of the hidden items": those are few, and
    a count over every action then reads one index (`ix_action_summary`) instead of looking up
    each action's meeting and item (owners menu 19 -> 3 ms at 21,000 actions)."""
    if viewer.sees_confidential:
        return true()
    hidden_meetings = select(Meeting.id).where(~meetings(viewer))
    closed = select(Item.id).where(Item.confidential.is_(True))
    if _private(viewer):
        closed = closed.join(Meeting, Meeting.id == Item.meeting_id).where(
            or_(Meeting.forum_id.is_(None), Meeting.forum_id.not_in(_private(viewer)))
        )
    return and_(
        Action.meeting_id.not_in(hidden_meetings),
        or_(Action.item_id.is_(None), Action.item_id.not_in(closed)),
    )


def fora(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Forum`: fora with a meeting this viewer may see. A forum named only in drafts
    (or in no meeting) is, for everyone else, as if it did not exist: its name is not theirs to read."""
    if viewer.sees_confidential:
        return true()
    return Forum.id.in_(select(Meeting.forum_id).where(meetings(viewer)))


def organisations(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Organisation`: organisations in a meeting this viewer may see (see `fora`)."""
    if viewer.sees_confidential:
        return true()
    return Organisation.id.in_(
        select(Participation.organisation_id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(meetings(viewer))
    )


def persons(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Person`: people in a meeting this viewer may see (see `fora`)."""
    if viewer.sees_confidential:
        return true()
    return Person.id.in_(
        select(Participation.person_id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(meetings(viewer))
    )


def attachments(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Attachment`."""
    if viewer.sees_confidential:
        return true()
    if _private(viewer):
        own = (
            select(Item.id)
            .join(Meeting, Meeting.id == Item.meeting_id)
            .where(Meeting.forum_id.in_(_private(viewer)))
        )
        return or_(Attachment.confidential.is_(False), Attachment.item_id.in_(own))
    return Attachment.confidential.is_(False)


def scoped(session: Session, viewer: Viewer, meeting_id: int) -> Viewer:
    """The viewer for one meeting: one who may see its closed items becomes `sees_confidential` there,
    so per-meeting queries need only that flag. A meeting they may not see leaves them as they are."""
    if viewer.sees_confidential or not _private(viewer):
        return viewer
    row = session.execute(select(Meeting.forum_id).where(Meeting.id == meeting_id, meetings(viewer))).first()
    if row is None or not viewer.sees_closed_in(row.forum_id):
        return viewer
    return dataclasses.replace(viewer, sees_confidential=True)


def scoped_item(session: Session, viewer: Viewer, item_id: int) -> Viewer:
    if viewer.sees_confidential or not _private(viewer):
        return viewer
    meeting_id = session.scalar(select(Item.meeting_id).where(Item.id == item_id))
    return viewer if meeting_id is None else scoped(session, viewer, meeting_id)


def has_hidden_items(session: Session, meeting_id: int) -> bool:
    """True when a meeting has closed items or attachments: its original file is not for the public."""
    closed_item = select(Item.id).where(Item.meeting_id == meeting_id, Item.confidential.is_(True))
    closed_attachment = (
        select(Attachment.id)
        .join(Item, Item.id == Attachment.item_id)
        .where(Item.meeting_id == meeting_id, Attachment.confidential.is_(True))
    )
    return bool(
        session.scalar(select(exists(closed_item))) or session.scalar(select(exists(closed_attachment)))
    )


def search_flags(session: Session, viewer: Viewer) -> dict[str, Any]:
    """Keyword arguments for the search function: what the index may return to this viewer.

    The viewer's fora by id, as the index keys each piece by its forum's id: never by name, as
    names that differ only in spacing or punctuation would share a key."""
    flags: dict[str, Any] = {
        "include_unpublished": viewer.sees_confidential,
        "include_confidential": viewer.sees_confidential,
    }
    if not viewer.sees_confidential and _private(viewer):
        flags["draft_forums"] = tuple(sorted(viewer.secretariat_fora))
        flags["closed_forums"] = tuple(_private(viewer))
    return flags
