"""The database schema: one set of SQLAlchemy 2 typed ORM classes for SQLite and PostgreSQL.

    forum ─< meeting ─< meeting_version >─ document (original bytes + read text)
                 ├─< participation >─ person, organisation
                 ├─< item ─< section, attachment
                 ├─< decision (item?)        ├─< forward_topic (item?)
                 ├─< action (item?) ─< action_event
                 └─< announced_meeting (also per forum)
    import_run ─< import_file (>─ meeting?)
    meeting ─< publication (a frozen copy per publishing), revision (every change: before/after)
    account ─< account_forum >─ forum, account_session, api_token;  audit (logins, writes)

Every child of a meeting goes when the meeting goes (ON DELETE CASCADE). A meeting keeps its id over
versions: a new version replaces the content rows, older versions' documents stay. Spans are stored
as `span_page`, `span_start`, `span_end` into `document.text` of the meeting's current document
(items keep several spans as JSON: field -> [start, end, page]). Times are UTC; `created_at` and
`updated_at` feed OParl's `created_since`/`modified_since`. Changing this file needs a new Alembic
revision in `migrations/versions/` (tests/store/test_migrations.py fails otherwise).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on both backends (SQLite keeps no zone; it stores naive UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON(), bytes: LargeBinary()}  # noqa: RUF012


class Timestamps:
    """created_at / updated_at, set by the database session on insert and update."""

    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)


class SourceSpan:
    """Where a row came from in `document.text`: page (1-based) and characters start:end."""

    span_page: Mapped[int | None] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class Forum(Timestamps, Base):
    """A body that meets: a cluster steering group, a committee, a council."""

    __tablename__ = "forum"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    """Normalised name (see repo.name_key): 'Midtklyngen' and 'MIDTKLYNGEN ' are one forum."""


class Document(Base):
    """One ingested file: the original bytes, kept byte-identical, and the text the reader produced."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    text: Mapped[str] = mapped_column(Text, deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Meeting(Timestamps, Base):
    """One meeting; its content rows come from the current version's document."""

    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forum.id", ondelete="SET NULL"), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    start: Mapped[str | None] = mapped_column(Text)
    end: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    chair: Mapped[str | None] = mapped_column(Text)
    note_taker: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    spans: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Header field -> [start, end, page]."""
    published: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    """Visible to the public: true exactly when `status` is 'published'."""
    status: Mapped[str] = mapped_column(String(24), default="published", index=True)
    """Lifecycle (klynge.store.lifecycle): draft_agenda, agenda_sent, minutes_draft, minutes_approved,
    published."""
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    """The current version's document (None for meetings written in Klynge itself, later)."""
    version: Mapped[int] = mapped_column(Integer, default=1)
    """The current version number (meeting_version.number)."""
    warnings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The parser's recoverable problems: {"warnings": [{"message", "page"}]}."""

    forum: Mapped[Forum | None] = relationship(lazy="joined")
    document: Mapped[Document | None] = relationship()
    versions: Mapped[list[MeetingVersion]] = relationship(
        back_populates="meeting",
        order_by="MeetingVersion.number",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    items: Mapped[list[Item]] = relationship(
        back_populates="meeting", order_by="Item.position", cascade="all, delete-orphan", passive_deletes=True
    )
    participations: Mapped[list[Participation]] = relationship(
        order_by="Participation.position", cascade="all, delete-orphan", passive_deletes=True
    )
    decisions: Mapped[list[Decision]] = relationship(
        order_by="Decision.position", cascade="all, delete-orphan", passive_deletes=True
    )
    actions: Mapped[list[Action]] = relationship(
        order_by="Action.position", cascade="all, delete-orphan", passive_deletes=True
    )
    forward_topics: Mapped[list[ForwardTopic]] = relationship(
        order_by="ForwardTopic.position", cascade="all, delete-orphan", passive_deletes=True
    )
    announced_meetings: Mapped[list[AnnouncedMeeting]] = relationship(
        order_by="AnnouncedMeeting.position", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (Index("ix_meeting_forum_date", "forum_id", "date"),)


class MeetingVersion(Base):
    """A document that was, at some time, the meeting's content; number 1 is the first ingested."""

    __tablename__ = "meeting_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="RESTRICT"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="versions")
    document: Mapped[Document] = relationship()

    __table_args__ = (UniqueConstraint("meeting_id", "number", name="uq_meeting_version_meeting_number"),)


class Organisation(Timestamps, Base):
    """A municipality, region, hospital, association ... as participants' headings name them."""

    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(400), unique=True)


class Person(Timestamps, Base):
    """Someone seen in a meeting; one row per normalised name across the archive ("people seen before")."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(400), unique=True)


class Participation(SourceSpan, Base):
    """A person's part in one meeting: invited, present, absent or guest, for an organisation."""

    __tablename__ = "participation"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str | None] = mapped_column(Text)
    absent: Mapped[bool] = mapped_column(Boolean, default=False)
    guest: Mapped[bool] = mapped_column(Boolean, default=False)
    attendance: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class Item(Timestamps, Base):
    """A numbered agenda item. `confidential` (Lukket punkt) hides it from the public."""

    __tablename__ = "item"
    __table_args__ = (
        # The few closed items, for "not one of them" conditions (visibility.actions); partial, so
        # no query about open items is ever driven by it.
        Index(
            "ix_item_closed",
            "id",
            sqlite_where=text("confidential IS 1"),
            postgresql_where=text("confidential IS TRUE"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    time_start: Mapped[str | None] = mapped_column(Text)
    time_end: Mapped[str | None] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(Text)
    case_number: Mapped[str | None] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    spans: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Field -> [start, end, page]."""

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    sections: Mapped[list[Section]] = relationship(
        order_by="Section.position", cascade="all, delete-orphan", passive_deletes=True
    )
    attachments: Mapped[list[Attachment]] = relationship(
        order_by="Attachment.position", cascade="all, delete-orphan", passive_deletes=True
    )


class Section(SourceSpan, Base):
    """A headed part of an item: kind is a `klynge.model.SectionKind` value."""

    __tablename__ = "section"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    heading: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class Attachment(Base):
    """An attachment (Bilag) by name; `document_id` for a file uploaded with it (meeting editor, later)."""

    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))


class Decision(Timestamps, SourceSpan, Base):
    """One decision statement; kind is a `klynge.model.DecisionKind` value."""

    __tablename__ = "decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_number: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)

    item: Mapped[Item | None] = relationship()


class Action(Timestamps, SourceSpan, Base):
    """A follow-up: owner as written and, when resolved, the person or organisation; due as an interval."""

    __tablename__ = "action"
    # Owners and counts per status over every action are read from this index alone (0006).
    __table_args__ = (Index("ix_action_summary", "owner", "status", "due_end", "meeting_id", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_number: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    owner_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    task: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text, default="")
    due_phrase: Mapped[str | None] = mapped_column(Text)
    due_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    due_end: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    """'open' or 'done'; overdue is open with due_end before today, computed when read."""

    item: Mapped[Item | None] = relationship()
    owner_person: Mapped[Person | None] = relationship()
    owner_organisation: Mapped[Organisation | None] = relationship()
    events: Mapped[list[ActionEvent]] = relationship(
        order_by="ActionEvent.at", cascade="all, delete-orphan", passive_deletes=True
    )


class ActionEvent(Base):
    """One status change of an action: who, when, why. The history stays when the action is done."""

    __tablename__ = "action_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ForwardTopic(SourceSpan, Base):
    """A topic announced for a coming meeting (Punkter til kommende møder)."""

    __tablename__ = "forward_topic"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_number: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)

    item: Mapped[Item | None] = relationship()


class AnnouncedMeeting(SourceSpan, Base):
    """A coming meeting of a forum as a meeting's minutes announced it (date, time, place)."""

    __tablename__ = "announced_meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forum.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    start: Mapped[str | None] = mapped_column(Text)
    end: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)

    forum: Mapped[Forum | None] = relationship()


class ImportRun(Base):
    """One `klynge ingest` or one upload: when, from where, by whom."""

    __tablename__ = "import_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column()
    source: Mapped[str] = mapped_column(String(16))
    """'cli', 'upload' or 'api' (a direct `ingest_bytes` call)."""
    by: Mapped[str | None] = mapped_column(Text)

    files: Mapped[list[ImportFile]] = relationship(
        order_by="ImportFile.id", cascade="all, delete-orphan", passive_deletes=True
    )


class ImportFile(Base):
    """One file of a run and what became of it; failures are recorded too, with their reason."""

    __tablename__ = "import_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_run.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    """'new', 'duplicate', 'new_version' or 'failed'."""
    message: Mapped[str | None] = mapped_column(Text)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Publication(Base):
    """A published version of a meeting, frozen: the interchange JSON as it was made public.

    Published minutes change only by publishing again; every earlier publication stays readable.
    """

    __tablename__ = "publication"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by: Mapped[str | None] = mapped_column(Text)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (UniqueConstraint("meeting_id", "number", name="uq_publication_meeting_number"),)


class Revision(Base):
    """One change to a meeting, item, decision or action: who, when, what it was and what it became.

    `meeting_id` is not a foreign key: the history outlives a deleted meeting.
    """

    __tablename__ = "revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    by: Mapped[str | None] = mapped_column(Text)
    meeting_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(16))
    """'meeting', 'item', 'decision', 'action' or 'participant'."""
    entity_id: Mapped[int | None] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(16))
    """'create', 'update', 'delete', 'status' or 'publish'."""
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Correction(Base):
    """A person's fix of a read meeting, kept to be applied again to every new parse (issue 16).

    Where it applies is said by what the person saw (item number and title, a paragraph's text),
    see `klynge.corrections`. `stale`: it found nothing to apply to in the newest parse (`note` says
    why); it stays, shown for review, and applies again if a later parse has its place back.
    """

    __tablename__ = "correction"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by: Mapped[str | None] = mapped_column(Text)
    op: Mapped[str] = mapped_column(String(16))
    """'header', 'item', 'split', 'merge', 'move', 'person_add|set|drop', 'action_add|edit|drop'."""
    target: Mapped[dict[str, Any]] = mapped_column(default=dict)
    change: Mapped[dict[str, Any]] = mapped_column(default=dict)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class Account(Timestamps, Base):
    """A user who signs in. Roles: 'member', 'secretariat', 'admin' (klynge.store.accounts)."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(Text, default="")
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16), default="member")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    fora: Mapped[list[Forum]] = relationship(secondary="account_forum", order_by="Forum.name")


class AccountForum(Base):
    """The fora an account is a member of, or the secretariat of (by its role)."""

    __tablename__ = "account_forum"
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"), primary_key=True)


class AccountSession(Base):
    """A signed-in browser: the cookie holds the token, the table only its sha256 (a stolen database
    gives no sessions)."""

    __tablename__ = "account_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class ApiToken(Base):
    """A bearer token for scripted writes; stored as sha256, shown once when made."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text, default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column()
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class Audit(Base):
    """The audit log: every login (also failed ones, which feed the login rate limit) and every write."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str | None] = mapped_column(Text, index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str | None] = mapped_column(Text)
    ok: Mapped[bool] = mapped_column(Boolean, default=True)
    ip: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
