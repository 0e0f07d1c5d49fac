"""Ingest: one file in, one transaction out. Parse (pure), store, index, or nothing at all.

    outcome = ingest_bytes(factory, data, "referat.pdf")       # factory from db.open_store
    outcome.outcome   # 'new', 'duplicate', 'new_version' or 'failed'

Identity. A file whose bytes (sha256) are already stored is a duplicate: nothing changes. Otherwise
the parsed meeting is matched to a stored one: the same forum and the same date when the parser found
both (so the minutes of a meeting become a new version of its agenda), else the same file name among
meetings without a known forum and date. A match gets a new version: its content rows are replaced
by the new parse, its id stays, and older versions' documents stay; except that an agenda coming
after its minutes (no decisions or minutes sections where the stored content has them) is kept as a
version without replacing the minutes. No match: a new meeting.
Statuses and histories of actions that are still there in the new version (same owner and task) are
kept.

A new version never widens what may be seen: an unpublished meeting stays unpublished whatever
`published` says (publishing is `lifecycle.publish`), and an item closed in the stored version (by the
file or in the editor) stays closed when the new version has an item of the same number or title.
`permit` (the uploader's rights, `may_edit(forum_id)`) is asked before anything is written: for the
forum parsed from the file (None when the file names none or a forum not yet stored) and for the
meeting the file would become a version of; a refusal is a `Forbidden` failure, nothing stored.
Every stored, duplicate or refused file leaves an `audit` row (`meeting.import`), and every new meeting
or new version a `revision` row, like the editor's changes.

Each file is one transaction, index update (klynge.index.sync) included; any failure rolls it all back
and is then recorded as a failed `import_file` in a small transaction of its own.
The read side the CLI and the web share lives in `klynge.store.views` and is re-exported here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from klynge import model
from klynge.errors import Forbidden, KlyngeError, StoreError
from klynge.index import sync
from klynge.interchange import quality_json
from klynge.pipeline import parse
from klynge.store import tables as t
from klynge.store.corrected import apply_stored, match_corrected
from klynge.store.db import SessionFactory
from klynge.store.names import look_alike_key, name_key
from klynge.store.views import (
    ActionView,
    DocumentView,
    ItemView,
    MeetingFilter,
    MeetingSummary,
    MeetingView,
    Page,
    get_meeting,
    list_meetings,
    to_model,
)

__all__ = [
    "ActionView",
    "DocumentView",
    "IngestOutcome",
    "ItemView",
    "MeetingFilter",
    "MeetingSummary",
    "MeetingView",
    "Page",
    "existing_forum",
    "fill_meeting",
    "finish_run",
    "forum_named",
    "get_meeting",
    "ingest_bytes",
    "ingest_meeting",
    "list_meetings",
    "name_key",
    "start_run",
    "to_model",
]

RETRIES = 3
"""Attempts per file when a parallel writer wins a race on a unique key (file hash, forum, person)."""

Outcome = Literal["new", "duplicate", "new_version", "failed"]
Permit = Callable[[int | None], bool]
"""May the caller write meetings of this forum id (None: a file without a stored forum)?"""


@dataclass(frozen=True)
class IngestOutcome:
    """What became of one file. `message` says why it failed; `error` is the exception itself."""

    name: str
    outcome: Outcome
    sha256: str
    meeting_id: int | None = None
    version: int | None = None
    message: str | None = None
    error: BaseException | None = None
    current: bool = True
    """False when the file was kept only as an older version (an agenda ingested after its minutes)."""
    review: tuple[str, ...] = ()
    """Why the parse is doubtful, when its quality verdict says it needs review (issue 16)."""

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"

    @property
    def refused(self) -> bool:
        """Failed because the caller may not write the file's forum or meeting."""
        return isinstance(self.error, Forbidden)


def start_run(factory: SessionFactory, source: str = "cli", by: str | None = None) -> int:
    """Record the start of an import run (one `klynge ingest` or one upload) and return its id."""
    try:
        with factory.begin() as session:
            run = t.ImportRun(source=source, by=by)
            session.add(run)
            session.flush()
            return run.id
    except SQLAlchemyError as exc:
        raise StoreError(f"importkørslen kan ikke registreres ({_reason(exc)})") from exc


def finish_run(factory: SessionFactory, run_id: int) -> None:
    try:
        with factory.begin() as session:  # one UPDATE; no row (an unknown id) changes nothing, as before
            session.execute(
                update(t.ImportRun).where(t.ImportRun.id == run_id).values(finished_at=t.utcnow()),
                execution_options={"synchronize_session": False},
            )
    except SQLAlchemyError as exc:
        raise StoreError(f"importkørslen kan ikke afsluttes ({_reason(exc)})") from exc


def ingest_bytes(
    factory: SessionFactory,
    data: bytes,
    name: str,
    *,
    published: bool = True,
    run: int | None = None,
    by: str | None = None,
    permit: Permit | None = None,
) -> IngestOutcome:
    """Parse and store one file in one transaction; never raises for a bad file (outcome 'failed').

    `run`: the import run to record the file under; None records a one-file run of its own.
    `by`: who, for the audit and history rows; `permit`: the caller's write rights (None: all).
    Raises `StoreError` only when even the failure cannot be recorded (database gone).
    """
    return _store(factory, data, name, None, published, run, by, permit)


def ingest_meeting(
    factory: SessionFactory,
    data: bytes,
    name: str,
    meeting: model.Meeting,
    *,
    published: bool = True,
    run: int | None = None,
    by: str | None = None,
    permit: Permit | None = None,
) -> IngestOutcome:
    """Store a meeting parsed or built elsewhere (e.g. from interchange JSON) with its source file's bytes.

    The same rules as `ingest_bytes`: identity, versions, rights, one transaction, failures recorded.
    """
    return _store(factory, data, name, meeting, published, run, by, permit)


def _store(
    factory: SessionFactory,
    data: bytes,
    name: str,
    parsed: model.Meeting | None,
    published: bool,
    run: int | None,
    by: str | None = None,
    permit: Permit | None = None,
) -> IngestOutcome:
    sha = hashlib.sha256(data).hexdigest()
    own_run = run is None
    run_id = start_run(factory, source="api") if run is None else run
    parsed_once: list[model.Meeting] = [parsed] if parsed is not None else []

    def parsed_meeting() -> model.Meeting:
        if not parsed_once:
            parsed_once.append(parse(data, name))
        return parsed_once[0]

    try:
        try:
            with factory() as session:  # known bytes need no parse
                known = _duplicate(session, name, sha)
            if known is None:
                parsed_meeting()  # outside any transaction: parsing takes long, holds no locks
            for attempt in range(1, RETRIES + 1):
                try:
                    with factory.begin() as session:
                        outcome = _ingest(session, data, name, sha, parsed_meeting, published, permit, by)
                        session.add(_audit(by, name, sha, outcome))
                        session.add(
                            t.ImportFile(
                                run_id=run_id,
                                filename=name,
                                sha256=sha,
                                outcome=outcome.outcome,
                                meeting_id=outcome.meeting_id,
                            )
                        )
                    return outcome
                except IntegrityError:
                    # A parallel writer stored the same file, forum or person first: look again.
                    if attempt == RETRIES:
                        raise
            raise AssertionError("unreachable")
        except Exception as exc:  # the store's edge: any failure of one file becomes data
            message = _failure_message(name, exc)
            failed = IngestOutcome(name, "failed", sha, message=message, error=exc)
            with factory.begin() as session:
                session.add(
                    t.ImportFile(run_id=run_id, filename=name, sha256=sha, outcome="failed", message=message)
                )
                session.add(_audit(by, name, sha, failed))
            return failed
    except SQLAlchemyError as exc:
        raise StoreError(f"{name}: kan ikke gemmes, og fejlen kan ikke registreres ({_reason(exc)})") from exc
    finally:
        if own_run:
            finish_run(factory, run_id)


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _failure_message(name: str, exc: BaseException) -> str:
    if isinstance(exc, KlyngeError):
        message = str(exc)
    elif isinstance(exc, SQLAlchemyError):
        message = f"kan ikke gemmes i databasen ({_reason(exc)})"
    else:
        message = f"uventet fejl: {type(exc).__name__}: {exc}"
    message = " ".join(message.split())[:1000]  # one line, whatever the exception said
    return message if message.startswith(name) else f"{name}: {message}"


def _audit(by: str | None, name: str, sha: str, outcome: IngestOutcome) -> t.Audit:
    """The audit row of one ingested file: who, which file, which meeting, what became of it."""
    detail: dict[str, Any] = {"file": name, "sha256": sha, "outcome": outcome.outcome}
    if outcome.version is not None:
        detail["version"] = outcome.version
    if outcome.outcome == "new_version":
        detail["replaced"] = outcome.current
    if outcome.message:
        detail["message"] = outcome.message
    return t.Audit(
        actor=by,
        action="meeting.import",
        target=f"møde {outcome.meeting_id}" if outcome.meeting_id is not None else name,
        ok=not outcome.failed,
        detail=detail,
    )


def _stored_forum(session: Session, name: str | None) -> t.Forum | None:
    if not name or not name.strip():
        return None
    return session.scalars(select(t.Forum).where(t.Forum.key == name_key(name))).first()


def _check_rights(
    permit: Permit, name: str, forum_name: str | None, forum: t.Forum | None, meeting: t.Meeting | None
) -> None:
    """Refuse (Forbidden) a file the caller may not write: its forum, or the meeting it would replace."""
    if not permit(forum.id if forum is not None else None):
        if forum is not None:
            raise Forbidden(
                f"{name}: du må ikke indlæse møder for «{forum.name}»; det kræver, at du er "
                "forummets sekretariat eller administrator. Intet er gemt"
            )
        if forum_name and forum_name.strip():
            raise Forbidden(
                f"{name}: forummet «{forum_name.strip()}» findes ikke i arkivet, og kun en administrator "
                "kan oprette et forum ved upload. Intet er gemt"
            )
        raise Forbidden(
            f"{name}: filen nævner ikke et forum, du er sekretariat for; kun en administrator kan "
            "indlæse møder uden forum. Intet er gemt"
        )
    if meeting is not None and not permit(meeting.forum_id):
        raise Forbidden(
            f"{name}: filen ville blive en ny version af et møde, du ikke må rette; det kræver, at du "
            "er mødets forums sekretariat eller administrator. Intet er gemt"
        )


Closed = tuple[set[str], set[str], set[str]]


def _closed(meeting: t.Meeting) -> Closed:
    """What the stored version keeps closed: item numbers, item titles (keys), attachment names."""
    items = [i for i in meeting.items if i.confidential]
    attachments = {a.name for i in meeting.items for a in i.attachments if a.confidential}
    return {i.number for i in items}, {name_key(i.title) for i in items}, attachments


def _keep_closed(meeting: t.Meeting, closed: Closed) -> None:
    """A new version never opens what the stored one kept closed (the file's or the editor's flag)."""
    numbers, titles, attachments = closed
    for item in meeting.items:
        if item.number in numbers or name_key(item.title) in titles:
            item.confidential = True
        for a in item.attachments:
            a.confidential = a.confidential or item.confidential or a.name in attachments


def _ingest(
    session: Session,
    data: bytes,
    name: str,
    sha: str,
    parsed_meeting: Callable[[], model.Meeting],
    published: bool,
    permit: Permit | None = None,
    by: str | None = None,
) -> IngestOutcome:
    duplicate = _duplicate(session, name, sha)
    if duplicate is not None:
        if permit is not None and duplicate.meeting_id is not None:
            known = session.get(t.Meeting, duplicate.meeting_id)
            if known is not None and not permit(known.forum_id):
                raise Forbidden(
                    f"{name}: filen hører til et møde, du ikke må rette; det kræver, at du er mødets "
                    "forums sekretariat eller administrator"
                )
        return duplicate
    full = parsed_meeting()
    parsed = storable(full)
    with session.no_autoflush:  # lookups, and the rights to write what they find, before any write
        meeting = match_corrected(session, parsed, name)
        if meeting is None:
            forum = _stored_forum(session, parsed.meeting.forum)
            named = bool((parsed.meeting.forum or "").strip())
            if forum is not None or not named or parsed.meeting.date is None:
                meeting = _match(session, forum, parsed.meeting.date, name)  # a new forum has no meetings
        if meeting is not None:  # a new version: the secretariat's corrections apply to it too
            parsed = storable(apply_stored(session, meeting, full).meeting)
        forum = _stored_forum(session, parsed.meeting.forum)
        if permit is not None:
            _check_rights(permit, name, parsed.meeting.forum, forum, meeting)
    doc = parsed.document
    document = t.Document(
        sha256=sha,
        filename=name,
        format=doc.format,
        size=len(data),
        pages=doc.pages,
        content=data,
        text=doc.text,
    )
    session.add(document)
    if forum is None:
        with session.no_autoflush:  # the document is written with the meeting, in one flush
            forum = forum_named(session, parsed.meeting.forum)
    carried: Carried = {}
    closed: Closed = (set(), set(), set())
    before: dict[str, Any] | None = None
    if meeting is None:
        meeting = t.Meeting(forum=forum, version=1)
        session.add(meeting)
        kind: Outcome = "new"
    else:
        before = _version_row(meeting)
        number = 1 + (
            session.scalar(
                select(func.max(t.MeetingVersion.number)).where(t.MeetingVersion.meeting_id == meeting.id)
            )
            or 0
        )
        if not _is_minutes(parsed) and _has_minutes(session, meeting.id):
            # An agenda that comes after its minutes: kept as a version, the minutes stay the content.
            session.add(t.MeetingVersion(meeting_id=meeting.id, number=number, document=document))
            session.flush()
            after = {**before, "file": name, "version": number, "current": False}
            _revision(session, by, meeting.id, before, after)
            return IngestOutcome(name, "new_version", sha, meeting.id, number, current=False)
        published = published and meeting.published  # a new version never publishes a draft
        closed = _closed(meeting)
        carried = clear_content(session, meeting)
        meeting.version = number
        kind = "new_version"
    fill_meeting(session, meeting, parsed, forum, published)
    meeting.document = document
    session.add(t.MeetingVersion(meeting=meeting, number=meeting.version, document=document))
    session.flush()
    if kind == "new_version":
        restore_actions(meeting, carried)
        _keep_closed(meeting, closed)
        session.flush()
    _revision(session, by, meeting.id, before, {**_version_row(meeting, document), "current": True})
    sync.reindex_meeting(session, meeting.id)
    verdict = parsed.quality
    review = tuple(verdict.reasons) if verdict is not None and verdict.needs_review else ()
    return IngestOutcome(name, kind, sha, meeting.id, meeting.version, review=review)


def _version_row(meeting: t.Meeting, document: t.Document | None = None) -> dict[str, Any]:
    doc = document or meeting.document
    return {
        "file": doc.filename if doc is not None else None,
        "version": meeting.version,
        "status": meeting.status,
        "closed_items": sorted(i.number for i in meeting.items if i.confidential),
    }


def _revision(
    session: Session, by: str | None, meeting_id: int, before: dict[str, Any] | None, after: dict[str, Any]
) -> None:
    """The history row of an ingested file (`meeting import`), as the editor's changes have."""
    session.add(
        t.Revision(
            by=by,
            meeting_id=meeting_id,
            entity="meeting",
            entity_id=meeting_id,
            change="import",
            before=before,
            after=after,
        )
    )


MINUTES_SECTIONS = (str(model.SectionKind.MINUTES), str(model.SectionKind.DECISION))


def _duplicate(session: Session, name: str, sha: str) -> IngestOutcome | None:
    # One query: the document with these bytes (sha256 is unique) and its first version, if any.
    known = session.execute(
        select(t.Document.id, t.MeetingVersion.meeting_id, t.MeetingVersion.number)
        .outerjoin(t.MeetingVersion, t.MeetingVersion.document_id == t.Document.id)
        .where(t.Document.sha256 == sha)
        .order_by(t.MeetingVersion.id)
        .limit(1)
    ).first()
    if known is None:
        return None
    if known.meeting_id is not None:
        return IngestOutcome(name, "duplicate", sha, known.meeting_id, known.number)
    return IngestOutcome(name, "duplicate", sha)  # an attachment file stored before


def _is_minutes(parsed: model.Meeting) -> bool:
    """Minutes, not only an agenda: decisions or minutes/decision sections."""
    return bool(parsed.decisions) or any(
        str(s.kind) in MINUTES_SECTIONS and s.text.strip() for it in parsed.items for s in it.sections
    )


def _has_minutes(session: Session, meeting_id: int) -> bool:
    decided = select(t.Decision.id).where(t.Decision.meeting_id == meeting_id).limit(1)
    minuted = (
        select(t.Section.id)
        .join(t.Item, t.Section.item_id == t.Item.id)
        .where(t.Item.meeting_id == meeting_id, t.Section.kind.in_(MINUTES_SECTIONS))
        .limit(1)
    )
    return session.scalar(decided) is not None or session.scalar(minuted) is not None


def storable(parsed: model.Meeting) -> model.Meeting:
    """The parse as it is stored: without its blocks, and without NUL characters."""
    # Blocks are not stored. Every text comes from the document's text (or, for a meeting written
    # as JSON, from the JSON): only walk the whole meeting when some NUL can be in it.
    parsed = dataclasses.replace(parsed, document=dataclasses.replace(parsed.document, blocks=()))
    if "\x00" in parsed.document.text or not parsed.document.text:
        parsed = _without_nul(parsed)
    return parsed


def _without_nul(value: Any) -> Any:
    """The value with NUL characters made U+FFFD (PostgreSQL text cannot hold NUL); spans still fit."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, tuple):
        return tuple(_without_nul(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _without_nul(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _match(session: Session, forum: t.Forum | None, date: object, name: str) -> t.Meeting | None:
    if forum is not None and date is not None:
        return session.scalars(
            select(t.Meeting)
            .where(t.Meeting.forum_id == forum.id, t.Meeting.date == date)
            .order_by(t.Meeting.id)
        ).first()
    return session.scalars(
        select(t.Meeting)
        .join(t.Document, t.Meeting.document_id == t.Document.id)
        .where(t.Document.filename == name, (t.Meeting.forum_id.is_(None)) | (t.Meeting.date.is_(None)))
        .order_by(t.Meeting.id)
    ).first()


def existing_forum(session: Session, name: str) -> tuple[t.Forum | None, t.Forum | None]:
    """(the forum of exactly this name (`name_key`), else None; the oldest look-alike forum, whose
    name differs only in spacing or punctuation (`look_alike_key`), else None)."""
    key = name_key(name)
    forum = session.scalars(select(t.Forum).where(t.Forum.key == key)).first()
    if forum is not None:
        return forum, None
    loose = look_alike_key(name)
    if not loose:
        return None, None
    # Fora are few (dozens): compare in Python rather than keep a second key column.
    for other in session.scalars(select(t.Forum).order_by(t.Forum.id)):
        if look_alike_key(other.name) == loose:
            return None, other
    return None, None


def forum_named(session: Session, name: str | None) -> t.Forum | None:
    """The forum of this name for a meeting (ingest, upload, editor): the existing one, also when
    the name differs only in spacing or punctuation ("Nord klyngen" is "Nordklyngen"), else new.
    A look-alike forum is never created: it would be a second forum its members took for the first."""
    if not name or not name.strip():
        return None
    forum, look_alike = existing_forum(session, name)
    if forum is None and look_alike is not None:
        return look_alike
    if forum is None:
        forum = t.Forum(name=name.strip(), key=name_key(name))
        session.add(forum)
        session.flush()
    return forum


def _organisation(
    session: Session, name: str | None, cache: dict[str, t.Organisation], absent: set[str] | None = None
) -> t.Organisation | None:
    """The organisation row for a name, from `cache`, the database or new. `absent`: keys already
    looked up and not stored (`_look_up`), so no query is needed to know they are new."""
    if not name or not name.strip():
        return None
    key = name_key(name)
    if key not in cache:
        org = None
        if absent is None or key not in absent:
            org = session.scalars(select(t.Organisation).where(t.Organisation.key == key)).first()
        if org is None:
            org = t.Organisation(name=name.strip(), key=key)
            session.add(org)
        cache[key] = org
    return cache[key]


def _person(
    session: Session, name: str, cache: dict[str, t.Person], absent: set[str] | None = None
) -> t.Person:
    """The person row for a name, from `cache`, the database or new (`absent` as for organisations)."""
    key = name_key(name)
    if key not in cache:
        person = None
        if absent is None or key not in absent:
            person = session.scalars(select(t.Person).where(t.Person.key == key)).first()
        if person is None:
            person = t.Person(name=name.strip(), key=key)
            session.add(person)
        cache[key] = person
    return cache[key]


_Named = TypeVar("_Named", t.Person, t.Organisation)
LOOKUP_CHUNK = 500


def _look_up(session: Session, model: type[_Named], keys: set[str], cache: dict[str, _Named]) -> set[str]:
    """The stored rows of these keys in one query per chunk (into `cache`, keys are unique); returns
    the keys that have none. One query for a meeting's participants instead of one (and a flush)
    for each."""
    todo = sorted(k for k in keys if k not in cache)
    for i in range(0, len(todo), LOOKUP_CHUNK):
        for row in session.scalars(select(model).where(model.key.in_(todo[i : i + LOOKUP_CHUNK]))):
            cache[row.key] = row
    return {k for k in todo if k not in cache}


ActionKey = tuple[str, str]
Carried = dict[ActionKey, tuple[str, list[tuple[str, str | None, str | None, dt.datetime]]]]


def clear_content(session: Session, meeting: t.Meeting) -> Carried:
    """Drop the meeting's content rows before a new version fills them; returns action states to keep."""
    carried: Carried = {
        (name_key(a.owner), name_key(a.task)): (a.status, [(e.status, e.note, e.by, e.at) for e in a.events])
        for a in meeting.actions
        if a.status != "open" or a.events
    }
    # Rows that point at items go first, so the database's ON DELETE CASCADE finds nothing left to do.
    meeting.actions.clear()
    meeting.decisions.clear()
    meeting.forward_topics.clear()
    meeting.announced_meetings.clear()
    meeting.participations.clear()
    session.flush()
    meeting.items.clear()
    session.flush()
    return carried


def restore_actions(meeting: t.Meeting, carried: Carried) -> None:
    for action in meeting.actions:
        old = carried.get((name_key(action.owner), name_key(action.task)))
        if old is not None:
            action.status = old[0]
            action.events = [t.ActionEvent(status=st, note=note, by=by, at=at) for st, note, by, at in old[1]]


def _span(span: model.Span | None) -> dict[str, int | None]:
    if span is None:
        return {"span_page": None, "span_start": None, "span_end": None}
    return {"span_page": span.page, "span_start": span.start, "span_end": span.end}


def _spans_json(spans: object) -> dict[str, list[int | None]]:
    out: dict[str, list[int | None]] = {}
    if isinstance(spans, dict):
        for key, span in spans.items():
            if isinstance(span, model.Span):
                out[str(key)] = [span.start, span.end, span.page]
    return out


def fill_meeting(
    session: Session, meeting: t.Meeting, parsed: model.Meeting, forum: t.Forum | None, published: bool
) -> None:
    info = parsed.meeting
    meeting.forum = forum
    meeting.date = info.date
    meeting.start, meeting.end = info.start, info.end
    meeting.location, meeting.chair, meeting.note_taker = info.location, info.chair, info.note_taker
    meeting.title = info.title
    meeting.spans = _spans_json(dict(info.spans))
    meeting.published = published
    meeting.status = "published" if published else "minutes_draft"
    meeting.warnings = {"warnings": [{"message": w.message, "page": w.page} for w in parsed.warnings]}
    if parsed.quality is not None:
        meeting.warnings["quality"] = quality_json(parsed.quality)
    meeting.updated_at = t.utcnow()

    orgs: dict[str, t.Organisation] = {}
    people: dict[str, t.Person] = {}
    new_people: set[str] = set()
    new_orgs: set[str] = set()
    if parsed.participants:
        new_people = _look_up(session, t.Person, {name_key(p.name) for p in parsed.participants}, people)
        org_keys = {
            name_key(p.organisation) for p in parsed.participants if p.organisation and p.organisation.strip()
        }
        new_orgs = _look_up(session, t.Organisation, org_keys, orgs) if org_keys else set()
    for pos, p in enumerate(parsed.participants):
        meeting.participations.append(
            t.Participation(
                person=_person(session, p.name, people, new_people),
                organisation=_organisation(session, p.organisation, orgs, new_orgs),
                position=pos,
                role=p.role,
                absent=p.absent,
                guest=p.guest,
                attendance=p.attendance,
                **_span(p.span),
            )
        )
    by_number: dict[str, t.Item] = {}
    for pos, it in enumerate(parsed.items):
        item = t.Item(
            position=pos,
            number=it.number,
            title=it.title,
            time_start=it.time_start,
            time_end=it.time_end,
            presenter=it.presenter,
            case_number=it.case_number,
            confidential=it.confidential,
            spans=_spans_json(dict(it.spans)),
        )
        item.sections = [
            t.Section(position=i, kind=str(s.kind), heading=s.heading, text=s.text, **_span(s.span))
            for i, s in enumerate(it.sections)
        ]
        item.attachments = [
            t.Attachment(position=i, name=a, confidential=it.confidential)
            for i, a in enumerate(it.attachments)
        ]
        meeting.items.append(item)
        by_number.setdefault(it.number, item)
    for pos, d in enumerate(parsed.decisions):
        meeting.decisions.append(
            t.Decision(
                item=by_number.get(d.item_number),
                position=pos,
                item_number=d.item_number,
                kind=str(d.kind),
                text=d.text,
                **_span(d.span),
            )
        )
    participants = {name_key(p.person.name): p.person for p in meeting.participations}
    owners: dict[str, tuple[t.Person | None, t.Organisation | None]] = {}
    for pos, a in enumerate(parsed.actions):
        if a.owner not in owners:
            with session.no_autoflush:  # a lookup, not a reason to flush the whole meeting each time
                owners[a.owner] = _owner(session, a.owner, participants, orgs)
        person, org = owners[a.owner]
        meeting.actions.append(
            t.Action(
                item=by_number.get(a.item_number or ""),
                position=pos,
                item_number=a.item_number,
                owner=a.owner,
                owner_person=person,
                owner_organisation=org,
                task=a.task,
                sentence=a.sentence,
                due_phrase=a.due.phrase if a.due else None,
                due_start=a.due.start if a.due else None,
                due_end=a.due.end if a.due else None,
                status="open",
                **_span(a.span),
            )
        )
    for pos, f in enumerate(parsed.forward_topics):
        meeting.forward_topics.append(
            t.ForwardTopic(
                item=by_number.get(f.item_number or ""),
                position=pos,
                item_number=f.item_number,
                text=f.text,
                **_span(f.span),
            )
        )
    for pos, m in enumerate(parsed.announced_meetings):
        meeting.announced_meetings.append(
            t.AnnouncedMeeting(
                forum=forum_named(session, m.forum) or forum,
                position=pos,
                date=m.date,
                start=m.start,
                end=m.end,
                location=m.location,
                **_span(next(iter(m.spans.values()), None)),
            )
        )


def _owner(
    session: Session, owner: str, participants: dict[str, t.Person], orgs: dict[str, t.Organisation]
) -> tuple[t.Person | None, t.Organisation | None]:
    """The owner resolved: a participant (full or unique first name), else a known person or organisation."""
    key = name_key(owner)
    if not key:
        return None, None
    if key in participants:
        return participants[key], None
    if " " not in key:
        firsts = [p for k, p in participants.items() if k.split(" ", 1)[0] == key]
        if len(firsts) == 1:
            return firsts[0], None
    person = session.scalars(select(t.Person).where(t.Person.key == key)).first()
    if person is not None:
        return person, None
    org = orgs.get(key) or session.scalars(select(t.Organisation).where(t.Organisation.key == key)).first()
    return None, org


def person_named(session: Session, name: str) -> t.Person:
    """The person row for a name (created if new), as ingest links participants."""
    return _person(session, name, {})


def organisation_named(session: Session, name: str | None) -> t.Organisation | None:
    return _organisation(session, name, {})
