"""The one place that decides what a viewer may see: unpublished meetings and confidential items and
attachments are left out for anyone without `sees_confidential`. Every query in `klynge.web.queries`
adds these conditions; the security work changes only who the viewer is."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, or_, select, true
from sqlalchemy.orm import Session

from klynge.store.tables import Attachment, Item, Meeting
from klynge.web.access import Viewer


def meetings(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Meeting`: the meetings this viewer may see."""
    if viewer.sees_confidential:
        return true()
    return Meeting.published.is_(True)


def items(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Item` (joined with its `Meeting`): the items this viewer may see."""
    if viewer.sees_confidential:
        return true()
    return and_(Item.confidential.is_(False), Meeting.published.is_(True))


def item_or_none(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on an outer-joined `Item` for rows (decisions, actions) that may have no item."""
    if viewer.sees_confidential:
        return true()
    return or_(Item.id.is_(None), Item.confidential.is_(False))


def attachments(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Attachment`."""
    if viewer.sees_confidential:
        return true()
    return Attachment.confidential.is_(False)


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


def search_flags(viewer: Viewer) -> dict[str, bool]:
    """Keyword arguments for the search function: what the index may return to this viewer."""
    return {"include_unpublished": viewer.sees_confidential, "include_confidential": viewer.sees_confidential}
