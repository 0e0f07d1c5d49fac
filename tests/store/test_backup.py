"""Backup and restore, proved by restoring into a fresh database and comparing everything.

Each test runs on SQLite and on PostgreSQL (a second fresh database as the target). The source holds
real ingested files (text, PDF, DOCX), an action marked done, an account and an audit line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import secrets
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from builders import Heading, Para, make_docx, make_pdf
from sqlalchemy import select

from klynge.cli.followup import CLI_VIEWER
from klynge.errors import Conflict, InputError, StoreError
from klynge.index import search as index_search
from klynge.store import backup as bk
from klynge.store.db import engine_of, head_revision, open_store
from klynge.store.repo import ingest_bytes
from klynge.store.tables import Account, AccountForum, Action, Audit, Base, Forum, Revision
from klynge.web.queries.followups import set_status

QUERIES = ["akutteam", "patientkørsel", '"fælles akutteam"', "efterretning", "Anne Madsen", "demens*"]


@pytest.fixture
def target_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend as `db_url`, for restoring into."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'target.db'}"
        return
    import psycopg

    server = db_url.rsplit("/", 1)[0].replace("postgresql+psycopg://", "postgresql://", 1)
    name = f"klynge_test_{secrets.token_hex(6)}"
    with psycopg.connect(f"{server}/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{db_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(f"{server}/test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _files(minutes_text: Callable[..., str]) -> dict[str, bytes]:
    """Three meetings as a user would have them: plain text, PDF and DOCX."""
    first = minutes_text("Klyngestyregruppen Nordklyngen", dt.date(2024, 3, 14), "4. Demensstrategi\n")
    second = minutes_text("Sundhedsudvalget Østerby", dt.date(2024, 4, 11), secret="Personalesag")
    third = minutes_text("Klyngestyregruppen Sydklyngen", dt.date(2023, 11, 2))
    lines = third.split("\n")
    return {
        "referat-nord.txt": first.encode("utf-8"),
        "referat-østerby.pdf": make_pdf([line for line in second.split("\n") if line.strip()]),
        "referat-syd.docx": make_docx([Heading(lines[0], 1), *(Para(x) for x in lines[1:] if x.strip())]),
    }


def _fill(url: str, files: dict[str, bytes]) -> None:
    """Ingest `files`, close one action and add rows to the account, audit and revision tables."""
    factory = open_store(url)
    try:
        for name, data in files.items():
            outcome = ingest_bytes(factory, data, name)
            assert outcome.outcome == "new", outcome.message
        with factory() as session:
            action = session.scalars(select(Action).order_by(Action.id)).first()
            assert action is not None
            set_status(session, CLI_VIEWER, action.id, "done", "ok")  # as `klynge actions done` does
        with factory.begin() as session:
            account = Account(username="sekretær", name="Søs Ærø", password_hash="x", role="secretariat")
            session.add(account)
            session.flush()
            forum = session.scalars(select(Forum).order_by(Forum.id)).first()
            assert forum is not None
            session.add(AccountForum(account_id=account.id, forum_id=forum.id))
            session.add(
                Audit(actor="sekretær", action="login", ok=False, detail={"ip": "10.0.0.1", "n": [1, 2]})
            )
            session.add(Revision(entity="action", change="status", before={"status": "open"}, after=None))
    finally:
        engine_of(factory).dispose()


def dump(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every store table, in primary-key order, as the database returns it."""
    factory = open_store(url)
    try:
        with factory() as session:
            conn = session.connection()
            return {
                t.name: [dict(r._mapping) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables
            }
    finally:
        engine_of(factory).dispose()


def hits(url: str) -> dict[str, Any]:
    """What search finds for a few queries, everything included (closed items, unpublished)."""
    factory = open_store(url)
    try:
        engine = engine_of(factory)
        return {
            q: index_search.search(engine, q, include_unpublished=True, include_confidential=True).as_json()
            for q in QUERIES
        }
    finally:
        engine_of(factory).dispose()


@pytest.fixture
def source(db_url: str, minutes_text: Callable[..., str], needs_parser: None) -> tuple[str, dict[str, bytes]]:
    files = _files(minutes_text)
    _fill(db_url, files)
    return db_url, files


def _rewrite(path: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Rewrite the zip in place; `change(name, data)` returns new bytes, or None to drop the entry."""
    with zipfile.ZipFile(path) as zf:
        entries = [(n, zf.read(n)) for n in zf.namelist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            new = change(name, data)
            if new is not None:
                zf.writestr(name, new)


def _rehash(path: Path) -> None:
    """Make the manifest agree with the (tampered) files again, as a careful forger would."""
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(bk.MANIFEST))
        for entry in manifest["files"]:
            data = zf.read(entry["name"])
            entry["sha256"], entry["size"] = hashlib.sha256(data).hexdigest(), len(data)
    _rewrite(path, lambda n, d: json.dumps(manifest).encode() if n == bk.MANIFEST else d)


def test_restore_gives_back_every_row_every_original_and_the_same_search(
    source: tuple[str, dict[str, bytes]], target_url: str, tmp_path: Path
) -> None:
    url, files = source
    before, found = dump(url), hits(url)
    assert sum(1 for rows in before.values() if rows) >= 15  # the comparison is not of empty tables
    assert [a["status"] for a in before["action"]].count("done") == 1 and before["action_event"]
    assert any(h["hits"] for h in found.values())

    out = tmp_path / "backup.zip"
    written = bk.backup(url, out)
    assert written.documents == 3 and written.revision == head_revision()
    assert written.rows == sum(len(rows) for rows in before.values())
    assert not out.with_name("backup.zip.tmp").exists()

    with zipfile.ZipFile(out) as zf:
        originals = {n.split("-", 2)[2]: zf.read(n) for n in zf.namelist() if n.startswith("originals/")}
        assert not any(n.startswith("tables/search") for n in zf.namelist())
    assert originals == files  # by hand, too: every original byte-identical under its own name

    restored = bk.restore(target_url, out)
    assert restored.rows == written.rows and restored.meetings_indexed == 3
    after = dump(target_url)
    for table, rows in before.items():
        assert after[table] == rows, table
    assert {d["filename"]: d["content"] for d in after["document"]} == files
    assert hits(target_url) == found


def test_restored_database_takes_new_rows_after_the_restored_ids(
    source: tuple[str, dict[str, bytes]], target_url: str, tmp_path: Path, minutes_text: Callable[..., str]
) -> None:
    url, _ = source
    out = tmp_path / "b.zip"
    bk.backup(url, out)
    bk.restore(target_url, out)
    factory = open_store(target_url)
    try:
        extra = minutes_text("Klyngestyregruppen Vestklyngen", dt.date(2024, 9, 5)).encode()
        outcome = ingest_bytes(factory, extra, "vest.txt")  # PostgreSQL: sequences were moved past max(id)
        assert outcome.outcome == "new", outcome.message
        assert outcome.meeting_id == 4
    finally:
        engine_of(factory).dispose()
    assert len(dump(target_url)["meeting"]) == 4


def test_backup_is_one_snapshot_while_others_write(
    source: tuple[str, dict[str, bytes]], target_url: str, tmp_path: Path, minutes_text: Callable[..., str]
) -> None:
    url, _ = source
    before = dump(url)
    writer = open_store(url)
    late = minutes_text("Klyngestyregruppen Vestklyngen", dt.date(2024, 9, 5)).encode()

    def meanwhile(step: str) -> None:  # an ingest commits after the backup has begun reading
        if step == "originaler":
            assert ingest_bytes(writer, late, "vest.txt").outcome == "new"

    try:
        bk.backup(url, tmp_path / "b.zip", progress=meanwhile)
    finally:
        engine_of(writer).dispose()
    assert len(dump(url)["meeting"]) == 4
    bk.restore(target_url, tmp_path / "b.zip")
    assert dump(target_url) == before


def test_non_empty_target_is_refused_unless_replace(
    source: tuple[str, dict[str, bytes]], target_url: str, tmp_path: Path, minutes_text: Callable[..., str]
) -> None:
    url, _ = source
    out = tmp_path / "b.zip"
    bk.backup(url, out)
    # More meetings than the backup has: meeting 4's index entries must go too, not just be overwritten.
    others = {
        f"andet-{n}.txt": minutes_text(f"Praksisudvalget {n}", dt.date(2022, 1, n)).encode()
        for n in range(1, 5)
    }
    _fill(target_url, others)
    before = dump(target_url)
    with pytest.raises(Conflict, match=r"ikke tom.*--replace"):
        bk.restore(target_url, out)
    assert dump(target_url) == before

    bk.restore(target_url, out, replace=True)
    assert dump(target_url) == dump(url)
    assert hits(target_url) == hits(url)  # the old target's meeting is gone from the index too


def _damaged(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flipped":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("tables/action.jsonl")
        head = info.header_offset
        name_len = int.from_bytes(data[head + 26 : head + 28], "little")
        extra_len = int.from_bytes(data[head + 28 : head + 30], "little")
        middle = head + 30 + name_len + extra_len + info.compress_size // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif how == "edited":  # a valid zip whose table no longer matches the manifest
        _rewrite(path, lambda n, d: d.replace(b'"done"', b'"open"') if n == "tables/action.jsonl" else d)
    elif how == "missing":
        _rewrite(path, lambda n, d: None if n.startswith("originals/") else d)
    else:
        path.write_bytes(b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize("how", ["truncated", "flipped", "edited", "missing", "garbage"])
def test_damaged_backup_is_refused_and_changes_nothing(
    source: tuple[str, dict[str, bytes]], tmp_path: Path, how: str
) -> None:
    url, _ = source
    out = tmp_path / "b.zip"
    bk.backup(url, out)
    before = dump(url)
    _damaged(out, how)
    with pytest.raises(InputError, match=r"b\.zip"):
        bk.restore(url, out, replace=True)  # even with --replace into the full source: untouched
    assert dump(url) == before


def test_a_row_the_database_rejects_rolls_the_whole_restore_back(
    source: tuple[str, dict[str, bytes]], tmp_path: Path
) -> None:
    url, _ = source
    out = tmp_path / "b.zip"
    bk.backup(url, out)
    before = dump(url)

    def orphan(name: str, data: bytes) -> bytes:
        if name != "tables/section.jsonl":
            return data
        rows = [json.loads(line) for line in data.splitlines()]
        rows[-1]["item_id"] = 999_999  # no such item: the foreign key fails on the last table but one
        return b"".join(json.dumps(r).encode() + b"\n" for r in rows)

    _rewrite(out, orphan)
    _rehash(out)
    with pytest.raises(StoreError, match="intet er ændret"):
        bk.restore(url, out, replace=True)
    assert dump(url) == before
    assert hits(url)["akutteam"]["total"] > 0  # the index was not emptied either


@pytest.mark.parametrize(("revision", "says"), [("9999", "nyere Klynge"), ("0001", "ældre skemaversion")])
def test_other_schema_revisions_are_refused_with_the_reason(
    source: tuple[str, dict[str, bytes]], target_url: str, tmp_path: Path, revision: str, says: str
) -> None:
    url, _ = source
    out = tmp_path / "b.zip"
    bk.backup(url, out)

    def bump(name: str, data: bytes) -> bytes:
        if name != bk.MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["schema_revision"] = revision
        return json.dumps(manifest).encode()

    _rewrite(out, bump)
    with pytest.raises(InputError, match=says):
        bk.restore(target_url, out)


def test_failed_backup_leaves_the_old_file_alone(sqlite_url: str, tmp_path: Path) -> None:
    out = tmp_path / "out" / "b.zip"
    out.parent.mkdir()
    out.write_bytes(b"last week's backup")
    with pytest.raises(InputError, match=r"nothing\.db: databasen findes ikke"):
        bk.backup(f"sqlite:///{tmp_path / 'nothing.db'}", out)
    assert not (tmp_path / "nothing.db").exists()
    engine_of(open_store(sqlite_url)).dispose()
    (out.parent / "b.zip.tmp").mkdir()  # the temporary file cannot be made
    with pytest.raises(InputError, match=r"b\.zip: backuppen kan ikke skrives"):
        bk.backup(sqlite_url, out)
    assert out.read_bytes() == b"last week's backup"


def test_empty_database_round_trips(sqlite_url: str, tmp_path: Path) -> None:
    engine_of(open_store(sqlite_url)).dispose()
    out = tmp_path / "b.zip"
    written = bk.backup(sqlite_url, out)
    assert written.rows == 0 and written.documents == 0
    restored = bk.restore(f"sqlite:///{tmp_path / 'copy.db'}", out)
    assert restored.rows == 0 and restored.meetings_indexed == 0


def test_every_value_kind_survives_json() -> None:
    values: list[tuple[str, Any]] = [
        ("datetime", dt.datetime(2024, 3, 14, 9, 5, 7, 123456, tzinfo=dt.UTC)),
        ("datetime", dt.datetime(2024, 3, 14, 9, 5)),
        ("date", dt.date(2024, 2, 29)),
        ("time", dt.time(23, 59, 1)),
        ("bytes", bytes(range(256))),
        ("json", {"a": [1, None, "ø"]}),
        ("plain", True),
        ("plain", None),
    ]
    for kind, value in values:
        assert bk._decode(kind, json.loads(json.dumps(bk._encode(kind, value)))) == value
