"""One meeting in full for the Møde page and /api/meetings/{id}, in a few lean Core queries.

The meeting page is the most visited page, so this reads plain rows (no ORM objects): one query each
for the meeting (with forum, document and the closed-content flag), items, sections, attachments,
decisions, actions (+ their events when any), participants, and coming topics and meetings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from klynge.errors import NotFound
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


def detail(session: Session, viewer: Viewer, meeting_id: int) -> MeetingDetail:
    """The meeting as this viewer may see it; `NotFound` when there is none (or it is hidden)."""
    closed = exists(
        select(Item.id).where(Item.meeting_id == Meeting.id, Item.confidential.is_(True))
    ) | exists(
        select(Attachment.id)
        .join(Item, Item.id == Attachment.item_id)
        .where(Item.meeting_id == Meeting.id, Attachment.confidential.is_(True))
    )
    head = session.execute(
        select(Meeting, Forum.name, Document.filename, Document.format, Document.size, closed.label("closed"))
        .outerjoin(Forum, Forum.id == Meeting.forum_id)
        .outerjoin(Document, Document.id == Meeting.document_id)
        .where(Meeting.id == meeting_id, visibility.meetings(viewer))
    ).first()
    if head is None:
        raise NotFound(f"møde {meeting_id} findes ikke")
    m: Meeting = head[0]
    forum = head[1] or ""
    items = session.execute(
        select(
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
        .where(Item.meeting_id == meeting_id, visibility.items(viewer))
        .order_by(Item.position)
    ).all()
    ids = [r.id for r in items]
    sections: dict[int, list[SectionView]] = defaultdict(list)
    attachments: dict[int, list[AttachmentView]] = defaultdict(list)
    decisions: dict[int, list[DecisionView]] = defaultdict(list)
    actions: dict[int, list[ActionView]] = defaultdict(list)
    if ids:
        for s in session.execute(
            select(
                Section.id,
                Section.item_id,
                Section.kind,
                Section.heading,
                Section.text,
                Section.span_start,
                Section.span_end,
            )
            .join(Item, Item.id == Section.item_id)
            .where(Item.meeting_id == meeting_id)
            .order_by(Section.item_id, Section.position)
        ):
            sections[s.item_id].append(SectionView(s.id, s.kind, s.heading, s.text, s.span_start, s.span_end))
        for a in session.execute(
            select(Attachment.id, Attachment.item_id, Attachment.name)
            .join(Item, Item.id == Attachment.item_id)
            .where(Item.meeting_id == meeting_id, visibility.attachments(viewer))
            .order_by(Attachment.item_id, Attachment.position)
        ):
            attachments[a.item_id].append(AttachmentView(a.id, a.name))
        titles = {r.id: r.title for r in items}
        for d in session.execute(
            select(Decision.id, Decision.item_id, Decision.item_number, Decision.kind, Decision.text)
            .where(Decision.meeting_id == meeting_id)
            .order_by(Decision.position)
        ):
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
                        m.date,
                        forum,
                    )
                )
        rows = session.execute(
            select(
                Action.id,
                Action.item_id,
                Action.item_number,
                Action.owner,
                Action.task,
                Action.status,
                Action.due_phrase,
                Action.due_end,
                Action.owner_person_id,
                Organisation.name,
                Action.sentence,
            )
            .outerjoin(Organisation, Organisation.id == Action.owner_organisation_id)
            .where(Action.meeting_id == meeting_id)
            .order_by(Action.position)
        ).all()
        events: dict[int, list[EventView]] = defaultdict(list)
        if rows:
            for e in session.execute(
                select(
                    ActionEvent.action_id,
                    ActionEvent.status,
                    ActionEvent.by,
                    ActionEvent.at,
                    ActionEvent.note,
                )
                .join(Action, Action.id == ActionEvent.action_id)
                .where(Action.meeting_id == meeting_id)
                .order_by(ActionEvent.at)
            ):
                events[e.action_id].append(EventView(e.status, e.by or "", e.at, e.note))
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
                        organisation=row[9],
                        date=m.date,
                        forum=forum,
                        sentence=row.sentence,
                        events=tuple(events.get(row.id, ())),
                    )
                )
    people = session.execute(
        select(
            Participation.person_id,
            Person.name,
            Participation.organisation_id,
            Organisation.name,
            Participation.role,
            Participation.absent,
            Participation.guest,
            Participation.attendance,
        )
        .join(Person, Person.id == Participation.person_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(Participation.meeting_id == meeting_id)
        .order_by(Participation.position)
    ).all()
    topics = session.execute(
        select(ForwardTopic.text, ForwardTopic.item_id)
        .where(ForwardTopic.meeting_id == meeting_id)
        .order_by(ForwardTopic.position)
    ).all()
    announced = session.execute(
        select(
            AnnouncedMeeting.date,
            AnnouncedMeeting.start,
            AnnouncedMeeting.end,
            AnnouncedMeeting.location,
            Forum.name,
        )
        .outerjoin(Forum, Forum.id == AnnouncedMeeting.forum_id)
        .where(AnnouncedMeeting.source_meeting_id == meeting_id)
        .order_by(AnnouncedMeeting.position)
    ).all()
    visible = set(ids)
    summary = MeetingSummary(
        id=m.id,
        forum=forum,
        date=m.date,
        start=m.start,
        end=m.end,
        location=m.location,
        title=m.title,
        items=len(items),
        published=m.published,
        created=m.created_at,
    )
    return MeetingDetail(
        meeting=summary,
        document=DocumentInfo(m.document_id, head[2], head[3], head[4])
        if m.document_id and head[2]
        else None,
        participants=tuple(
            Participant(
                name=p[1],
                person_id=p[0],
                organisation=p[3],
                organisation_id=p[2],
                role=p[4],
                absent=p[5],
                guest=p[6],
                attendance=p[7],
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
        forward_topics=tuple(t.text for t in topics if t.item_id is None or t.item_id in visible),
        announced=tuple(
            MeetingSummary(id=0, forum=a[4] or forum, date=a[0], start=a[1], end=a[2], location=a[3])
            for a in announced
        ),
        original_allowed=viewer.sees_confidential or not head.closed,
    )
