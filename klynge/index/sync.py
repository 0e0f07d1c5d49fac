"""Keeping the search index in step with the store: called by the store inside its transaction.

A meeting becomes these pieces (`writer.Piece`), each with the meeting's filter keys (forum, date,
organisations and persons of the participants, publication) and its item's confidentiality:
item title, each section (recommendation, case text, minutes, decision ...), attachment names
(confidential ones apart), decisions and action tasks not already in a section, topics for coming
meetings, and one "meeting" piece with the forum, title, place and participants.
Publishing or closing an item changes what the public may find: call `reindex_meeting` after it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from klynge.index import writer
from klynge.index.writer import Piece
from klynge.store.tables import Action, Decision, ForwardTopic, Item, Meeting, Participation


def reindex_meeting(session: Session, meeting_id: int) -> None:
    """Replace the index entries of one meeting, inside the caller's transaction."""
    session.flush()
    meeting = session.get(Meeting, meeting_id)
    _bump(session.connection())
    if meeting is None:
        writer.remove(session.connection(), meeting_id)
        return
    writer.replace(session.connection(), meeting_id, pieces_of(session, meeting))


def rebuild(session: Session, progress: Callable[[int, int], None] | None = None) -> int:
    """Empty the index and index every meeting again, inside the caller's transaction (readers see
    the old index until it commits); returns the number of meetings. After a restore, an analyser
    change, or to repair."""
    writer.clear(session.connection())
    _bump(session.connection())
    ids = list(session.scalars(select(Meeting.id).order_by(Meeting.date, Meeting.id)))
    for n, meeting_id in enumerate(ids, 1):
        reindex_meeting(session, meeting_id)
        if n % 200 == 0:
            session.expunge_all()  # keep memory flat on a big archive
        if progress is not None:
            progress(n, len(ids))
    return len(ids)


def remove_meeting(session: Session, meeting_id: int) -> None:
    """Drop the index entries of one meeting, inside the caller's transaction."""
    _bump(session.connection())
    writer.remove(session.connection(), meeting_id)


def generation(conn: Connection) -> int:
    """The index's current generation: changes with every committed change to the index (0 before
    the first). Read it before searching and a result cached under it is never newer than it says."""
    # Plain SQL: every page view with a search reads it (the Core statement's compile-cache
    # lookup and result setup cost twice the read itself).
    value = conn.exec_driver_sql("SELECT value FROM search_generation WHERE id = 1").scalar()
    return int(value or 0)


def _bump(conn: Connection) -> None:
    """A new random generation, in the writer's transaction. Random, not counted up: a rebuild or
    a restore can never bring back a value that results were cached under."""
    conn.execute(
        sql(
            "INSERT INTO search_generation(id, value) VALUES (1, :v) "
            "ON CONFLICT (id) DO UPDATE SET value = excluded.value"
        ),
        {"v": secrets.randbits(62) + 1},
    )


def pieces_of(session: Session, meeting: Meeting) -> list[Piece]:
    """Everything searchable of one meeting, in agenda order."""
    forum = meeting.forum.name if meeting.forum else ""
    participations = session.scalars(
        select(Participation).where(Participation.meeting_id == meeting.id).order_by(Participation.position)
    ).all()
    persons = tuple(dict.fromkeys(p.person.name for p in participations))
    organisations = tuple(dict.fromkeys(p.organisation.name for p in participations if p.organisation))
    items = session.scalars(select(Item).where(Item.meeting_id == meeting.id).order_by(Item.position)).all()
    by_id = {item.id: item for item in items}

    def piece(section: str, text: str, item: Item | None, confidential: bool = False) -> Piece:
        return Piece(
            meeting_id=meeting.id,
            section=section,
            text=text,
            item_id=item.id if item else None,
            item_number=item.number if item else None,
            title=item.title if item else (meeting.title or forum),
            forum=forum,
            forum_id=meeting.forum_id,
            date=meeting.date,
            organisations=organisations,
            persons=persons + ((item.presenter,) if item and item.presenter else ()),
            published=meeting.published,
            confidential=confidential or bool(item and item.confidential),
        )

    people = "\n".join(
        " ".join(filter(None, [p.person.name, p.role, p.organisation.name if p.organisation else None]))
        for p in participations
    )
    header = "\n".join(filter(None, [forum, meeting.title, meeting.location, meeting.chair, people]))
    pieces = [piece("meeting", header, None)]
    seen: set[tuple[int | None, str]] = set()
    for item in items:
        pieces.append(piece("title", item.title, item))
        for section in item.sections:
            pieces.append(piece(section.kind, section.text, item))
            seen.add((item.id, " ".join(section.text.split())))
        public = [a.name for a in item.attachments if not a.confidential]
        closed = [a.name for a in item.attachments if a.confidential]
        if public:
            pieces.append(piece("attachments", "\n".join(public), item))
        if closed:
            pieces.append(piece("attachments", "\n".join(closed), item, confidential=True))
    extra: list[tuple[str, int | None, str]] = []
    for d in session.scalars(
        select(Decision).where(Decision.meeting_id == meeting.id).order_by(Decision.position)
    ):
        extra.append(("decision", d.item_id, d.text))
    for a in session.scalars(select(Action).where(Action.meeting_id == meeting.id).order_by(Action.position)):
        extra.append(("action", a.item_id, f"{a.owner}: {a.task}"))
    for t in session.scalars(
        select(ForwardTopic).where(ForwardTopic.meeting_id == meeting.id).order_by(ForwardTopic.position)
    ):
        extra.append(("forward_topic", t.item_id, t.text))
    for kind, item_id, text in extra:
        key = (item_id, " ".join(text.split()))
        if key in seen:
            continue
        seen.add(key)
        pieces.append(piece(kind, text, by_id.get(item_id) if item_id is not None else None))
    return pieces
