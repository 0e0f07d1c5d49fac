"""One meeting in full for the Møde page and /api/meetings/{id}, in a few lean Core queries.

The meeting page is the most visited page, so this reads plain rows (no ORM objects) with
statements built once per process (per kind of viewer) and bound to the meeting id at run time:
the meeting (with forum, document and the closed-content flag), items, sections, attachments,
decisions, actions (+ their events), participants, and coming topics and meetings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Executable, Integer, bindparam, exists, select
from sqlalchemy.orm import Session

from klynge.errors import NotFound
from klynge.privacy import document_contains_personal
from klynge.store.tables import (
    Action,
    ActionEvent,
    AnnouncedMeeting,
    Attachment,
    Decision,
    Document,
    Forum,
    ForwardTopic,
    Item,
    Meeting,
    Organisation,
    Participation,
    Person,
    Section,
)
from klynge.web.access import Viewer
from klynge.web.queries import visibility
from klynge.web.queries.followups import status_of_row
from klynge.web.views import ActionEvent as EventView
from klynge.web.views import (
    ActionView,
    DecisionView,
    DocumentInfo,
    ItemView,
    MeetingDetail,
    MeetingSummary,
    Participant,
    SectionView,
)
from klynge.web.views import Attachment as AttachmentView

MID = bindparam("mid", type_=Integer)


@dataclass(frozen=True)
class Statements:
    head: Executable
    items: Executable
    sections: Executable
    attachments: Executable
    decisions: Executable
    actions: Executable
    events: Executable
    people: Executable
    topics: Executable
    announced: Executable


@cache
def statements(sees_confidential: bool) -> Statements:
    """The page's statements for one kind of viewer, built once."""
    viewer = Viewer(sees_confidential=sees_confidential)
    closed = exists(
        select(Item.id).where(Item.meeting_id == Meeting.id, Item.confidential.is_(True))
    ) | exists(
        select(Attachment.id)
        .join(Item, Item.id == Attachment.item_id)
        .where(Item.meeting_id == Meeting.id, Attachment.confidential.is_(True))
    )
    return Statements(
        head=select(
            Meeting.id,
            Meeting.date,
            Meeting.start,
            Meeting.end,
            Meeting.location,
            Meeting.title,
            Meeting.published,
            Meeting.created_at,
            Meeting.document_id,
            Forum.name.label("forum"),
            Document.filename,
            Document.format,
            Document.size,
            closed.label("closed"),
        )
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .outerjoin(Document, Document.id == Meeting.document_id)
        .where(Meeting.id == MID, visibility.meetings(viewer)),
        items=select(
            Item.id,
            Item.number,
            Item.title,
            Item.time_start,
            Item.time_end,
            Item.presenter,
            Item.case_number,
            Item.confidential,
        )
        .join(Meeting, Meeting.id == Item.meeting_id)
        .where(Item.meeting_id == MID, visibility.items(viewer))
        .order_by(Item.position),
        sections=select(
            Section.id,
            Section.item_id,
            Section.kind,
            Section.heading,
            Section.text,
            Section.span_start,
            Section.span_end,
        )
        .join(Item, Item.id == Section.item_id)
        .where(Item.meeting_id == MID)
        .order_by(Section.item_id, Section.position),
        attachments=select(Attachment.id, Attachment.item_id, Attachment.name, Attachment.document_id)
        .join(Item, Item.id == Attachment.item_id)
        .where(Item.meeting_id == MID, visibility.attachments(viewer))
        .order_by(Attachment.item_id, Attachment.position),
        decisions=select(Decision.id, Decision.item_id, Decision.item_number, Decision.kind, Decision.text)
        .where(Decision.meeting_id == MID)
        .order_by(Decision.position),
        actions=select(
            Action.id,
            Action.item_id,
            Action.item_number,
            Action.owner,
            Action.task,
            Action.status,
            Action.due_phrase,
            Action.due_end,
            Action.owner_person_id,
            Organisation.name.label("organisation"),
            Action.sentence,
        )
        .outerjoin(Organisation, Organisation.id == Action.owner_organisation_id)
        .where(Action.meeting_id == MID)
        .order_by(Action.position),
        events=select(
            ActionEvent.action_id, ActionEvent.status, ActionEvent.by, ActionEvent.at, ActionEvent.note
        )
        .join(Action, Action.id == ActionEvent.action_id)
        .where(Action.meeting_id == MID)
        .order_by(ActionEvent.at),
        people=select(
            Participation.person_id,
            Person.name,
            Participation.organisation_id,
            Organisation.name.label("organisation"),
            Participation.role,
            Participation.absent,
            Participation.guest,
            Participation.attendance,
        )
        .join(Person, Person.id == Participation.person_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(Participation.meeting_id == MID)
        .order_by(Participation.position),
        topics=select(ForwardTopic.text, ForwardTopic.item_id)
        .where(ForwardTopic.meeting_id == MID)
        .order_by(ForwardTopic.position),
        announced=select(
            AnnouncedMeeting.date,
            AnnouncedMeeting.start,
            AnnouncedMeeting.end,
            AnnouncedMeeting.location,
            Forum.name.label("forum"),
        )
        .outerjoin(Forum, Forum.id == AnnouncedMeeting.forum_id)
        .where(AnnouncedMeeting.source_meeting_id == MID)
        .order_by(AnnouncedMeeting.position),
    )


def detail(session: Session, viewer: Viewer, meeting_id: int) -> MeetingDetail:
    """The meeting as this viewer may see it; `NotFound` when there is none (or it is hidden)."""
    viewer = visibility.scoped(session, viewer, meeting_id)
    q = statements(viewer.sees_confidential)
    bind = {"mid": meeting_id}
    # Core statements on the session's connection: Session.execute would run each through the
    # ORM's execution path (about 40 µs a statement, ten statements a page) for plain rows.
    db = session.connection()
    head = db.execute(q.head, bind).first()
    if head is None:
        raise NotFound(f"møde {meeting_id} findes ikke")
    forum = head.forum or ""
    items = db.execute(q.items, bind).all()
    titles = {r.id: r.title for r in items}
    sections: dict[int, list[SectionView]] = defaultdict(list)
    attachments: dict[int, list[AttachmentView]] = defaultdict(list)
    decisions: dict[int, list[DecisionView]] = defaultdict(list)
    actions: dict[int, list[ActionView]] = defaultdict(list)
    if items:
        for s in db.execute(q.sections, bind):
            if s.item_id in titles:
                sections[s.item_id].append(
                    SectionView(s.id, s.kind, s.heading, s.text, s.span_start, s.span_end)
                )
        for a in db.execute(q.attachments, bind):
            attachments[a.item_id].append(AttachmentView(a.id, a.name, a.document_id is not None))
        for d in db.execute(q.decisions, bind):
            if d.item_id in titles:
                decisions[d.item_id].append(
                    DecisionView(
                        d.id,
                        meeting_id,
                        d.item_id,
                        d.item_number,
                        titles[d.item_id],
                        d.text,
                        d.kind,
                        head.date,
                        forum,
                    )
                )
        rows = db.execute(q.actions, bind).all()
        events: dict[int, list[EventView]] = defaultdict(list)
        if rows:
            for e in db.execute(q.events, bind):
                events[e.action_id].append(EventView(e.status, visibility.author(viewer, e.by), e.at, e.note))
        today = dt.date.today()
        for row in rows:
            if row.item_id in titles:
                actions[row.item_id].append(
                    ActionView(
                        id=row.id,
                        meeting_id=meeting_id,
                        item_id=row.item_id,
                        item_number=row.item_number,
                        owner=row.owner,
                        task=row.task,
                        status=status_of_row(row.status, row.due_end, today),
                        due_phrase=row.due_phrase,
                        due=row.due_end,
                        person_id=row.owner_person_id,
                        organisation=row.organisation,
                        date=head.date,
                        forum=forum,
                        sentence=row.sentence,
                        events=tuple(events.get(row.id, ())),
                    )
                )
    people = db.execute(q.people, bind).all()
    topics = db.execute(q.topics, bind).all()
    announced = db.execute(q.announced, bind).all()
    summary = MeetingSummary(
        id=head.id,
        forum=forum,
        date=head.date,
        start=head.start,
        end=head.end,
        location=head.location,
        title=head.title,
        items=len(items),
        published=head.published,
        created=head.created_at,
    )
    document = None
    if head.document_id and head.filename:
        document = DocumentInfo(head.document_id, head.filename, head.format, head.size)
    return MeetingDetail(
        meeting=summary,
        document=document,
        participants=tuple(
            Participant(
                name=p.name,
                person_id=p.person_id,
                organisation=p.organisation,
                organisation_id=p.organisation_id,
                role=p.role,
                absent=p.absent,
                guest=p.guest,
                attendance=p.attendance,
            )
            for p in people
        ),
        items=tuple(
            ItemView(
                id=r.id,
                meeting_id=meeting_id,
                number=r.number,
                title=r.title,
                time=f"{r.time_start}-{r.time_end}" if r.time_start and r.time_end else r.time_start,
                presenter=r.presenter,
                case_number=r.case_number,
                confidential=r.confidential,
                sections=tuple(sections.get(r.id, ())),
                attachments=tuple(attachments.get(r.id, ())),
                decisions=tuple(decisions.get(r.id, ())),
                actions=tuple(actions.get(r.id, ())),
            )
            for r in items
        ),
        forward_topics=tuple(t.text for t in topics if t.item_id is None or t.item_id in titles),
        announced=tuple(
            MeetingSummary(
                id=0, forum=a.forum or forum, date=a.date, start=a.start, end=a.end, location=a.location
            )
            for a in announced
        ),
        original_allowed=viewer.sees_confidential or not head.closed,
        original_masked=original_is_masked(session, viewer, document.id if document else None),
    )


def original_is_masked(session: Session, viewer: Viewer, document_id: int | None) -> bool:
    """Whether this viewer gets a masked rendering in place of the original file (see `meetings.original`)."""
    if viewer.sees_personal or document_id is None:
        return False
    row = session.execute(
        select(Document.content, Document.format, Document.text).where(Document.id == document_id)
    ).first()
    return row is not None and document_contains_personal(row.content, row.format, row.text)
