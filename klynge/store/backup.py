"""Backup and restore of the whole store as one zip file, so an archive survives a lost server.

    backup.zip
      manifest.json                 format, Klynge version, schema revision, rows and sha256 per file
      tables/<table>.jsonl          one JSON object per row, every table of `tables.Base.metadata`
      originals/<id>-<sha>-<name>   each document's original bytes, openable by hand

Generic over the schema: every table of `Base.metadata` is written in foreign-key order, so tables
added later are backed up without touching this module. Values become JSON: dates and times as ISO
strings, bytes as base64, JSON columns as they are. `document.content` is not repeated in the table
file: its row points to the file under `originals/`, so a backup holds each original once.
The search index is not backed up; restore rebuilds it from the restored rows.

A backup is one read transaction (a consistent snapshot while others write), streamed to FILE.tmp
and renamed, so FILE is never half written. A restore first checks the whole zip against the
manifest (nothing is touched if it is damaged), then loads every row and rebuilds the index in one
transaction: all or nothing.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import decimal
import hashlib
import json
import os
import re
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, Table, select, text, types
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from klynge import __version__
from klynge.errors import Conflict, InputError, StoreError
from klynge.index import sync
from klynge.index.tables import search_doc
from klynge.store.db import (
    alembic_config,
    current_revision,
    engine_of,
    head_revision,
    hide_password,
    open_store,
    sqlite_path,
)
from klynge.store.tables import Base, Meeting

FORMAT = "klynge-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ORIGINAL = ("document", "content")
"""The column whose values are kept as files under `originals/` instead of base64 in the table file."""
BATCH_ROWS = 500
BATCH_BYTES = 32 << 20
"""A restore inserts at most this many rows or (roughly) bytes at a time."""
REINDEX_BATCH = 50

Progress = Callable[[str], None]


@dataclass(frozen=True)
class TableCount:
    name: str
    rows: int


@dataclass(frozen=True)
class BackupSummary:
    """What a backup wrote (or a restore loaded): per table rows, originals and the file's size."""

    path: Path
    revision: str
    tables: tuple[TableCount, ...]
    documents: int
    size: int
    meetings_indexed: int = 0

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _tables() -> list[Table]:
    """The store's tables, parents before children (the search index has its own metadata)."""
    return list(Base.metadata.sorted_tables)


def _kind(column: Column[Any]) -> str:
    """How a column's values travel in JSON."""
    typ: Any = column.type
    if isinstance(typ, types.TypeDecorator):
        typ = typ.impl_instance
    if isinstance(typ, types.JSON):
        return "json"
    if isinstance(typ, types.DateTime):
        return "datetime"
    if isinstance(typ, types.Date):
        return "date"
    if isinstance(typ, types.Time):
        return "time"
    if isinstance(typ, types._Binary):
        return "bytes"
    if isinstance(typ, types.Numeric) and not isinstance(typ, types.Float) and typ.asdecimal:
        return "decimal"
    if isinstance(typ, types.Uuid):
        return "uuid"
    return "plain"


def _encode(kind: str, value: Any) -> Any:
    if value is None or kind in ("plain", "json"):
        return value
    if kind == "bytes":
        return base64.b64encode(value).decode("ascii")
    if kind in ("datetime", "date", "time"):
        return value.isoformat()
    return str(value)  # decimal, uuid


def _decode(kind: str, value: Any) -> Any:
    if value is None or kind in ("plain", "json"):
        return value
    if kind == "bytes":
        return base64.b64decode(value, validate=True)
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "time":
        return dt.time.fromisoformat(value)
    if kind == "decimal":
        return decimal.Decimal(value)
    if kind == "uuid":
        return uuid.UUID(value)
    raise ValueError(kind)


def _safe_name(name: str) -> str:
    """A file name that stays one entry under originals/ (no folders, no control characters)."""
    cleaned = re.sub(r"[\x00-\x1f/\\:]+", "_", name).strip(" .") or "dokument"
    return cleaned[-120:]


class _HashingWriter:
    """Counts and hashes what is written to a zip entry."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.raw.write(data)
        self.sha.update(data)
        self.size += len(data)


# ---------------------------------------------------------------------------------------------- backup


def backup(url: str, path: Path, *, progress: Progress | None = None) -> BackupSummary:
    """Write the store at `url` to the zip `path` (replaced only when the backup is complete)."""
    path = Path(path)
    file = sqlite_path(url)
    if file is not None and not file.exists():
        raise InputError(f"{file}: databasen findes ikke")
    factory = open_store(url)
    engine = engine_of(factory)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if conn.dialect.name == "sqlite":
                    # pysqlite starts no transaction for reads: without BEGIN every SELECT would see
                    # a different moment, and a backup taken during an ingest could break foreign keys.
                    conn.exec_driver_sql("BEGIN")
                revision = current_revision(conn)
                if revision is None:
                    raise StoreError(f"{hide_password(url)}: databasen har intet skema")
                summary = _write_zip(conn, tmp, revision, progress)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"{path}: backuppen kan ikke skrives ({exc.strerror or exc})") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{path}: backuppen mislykkedes, databasen svarede: {_reason(exc)}") from exc
    finally:
        if tmp.is_file():  # a failed backup leaves nothing behind (never fails the failure itself)
            with contextlib.suppress(OSError):
                tmp.unlink()
        engine.dispose()
    return BackupSummary(path, summary.revision, summary.tables, summary.documents, path.stat().st_size)


def _write_zip(conn: Connection, tmp: Path, revision: str, progress: Progress | None) -> BackupSummary:
    files: list[dict[str, Any]] = []
    tables: list[dict[str, Any]] = []
    originals: dict[Any, str] = {}
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        if progress:
            progress("originaler")
        originals = _write_originals(conn, zf, files)
        for table in _tables():
            if progress:
                progress(table.name)
            tables.append(_write_table(conn, zf, table, originals, files))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "klynge_version": __version__,
            "schema_revision": revision,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "database": conn.dialect.name,
            "tables": tables,
            "originals": len(originals),
            "files": files,
        }
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    counts = tuple(TableCount(t["name"], t["rows"]) for t in tables)
    return BackupSummary(tmp, revision, counts, len(originals), 0)


def _write_originals(conn: Connection, zf: zipfile.ZipFile, files: list[dict[str, Any]]) -> dict[Any, str]:
    """Each document's bytes as a file of its own; returns document id -> entry name."""
    name, column = ORIGINAL
    table = Base.metadata.tables.get(name)
    if table is None or not {"id", "sha256", "filename", column} <= set(table.c.keys()):
        return {}
    entries: dict[Any, str] = {}
    query = select(table.c.id, table.c.sha256, table.c.filename, table.c[column]).order_by(table.c.id)
    for row in conn.execution_options(stream_results=True, yield_per=20).execute(query):
        content: bytes = row[3]
        entry = f"originals/{row.id}-{(row.sha256 or '')[:12]}-{_safe_name(row.filename or '')}"
        zf.writestr(entry, content)
        files.append({"name": entry, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()})
        entries[row.id] = entry
    return entries


def _write_table(
    conn: Connection,
    zf: zipfile.ZipFile,
    table: Table,
    originals: dict[Any, str],
    files: list[dict[str, Any]],
) -> dict[str, Any]:
    """Stream one table into tables/<name>.jsonl, rows in primary-key order."""
    entry = f"tables/{table.name}.jsonl"
    kinds = {c.name: _kind(c) for c in table.columns}
    referenced = ORIGINAL[1] if table.name == ORIGINAL[0] and originals else None
    columns = [c for c in table.columns if c.name != referenced]
    query = select(*columns).order_by(*table.primary_key.columns)
    rows = 0
    batch = 20 if any(kinds[c.name] == "bytes" for c in columns) else BATCH_ROWS
    with zf.open(entry, "w", force_zip64=True) as raw:
        out = _HashingWriter(raw)
        for row in conn.execution_options(stream_results=True, yield_per=batch).execute(query):
            values = row._mapping
            record = {c.name: _encode(kinds[c.name], values[c.name]) for c in columns}
            if referenced is not None:
                record[referenced] = {"$original": originals[values["id"]]}
            try:
                line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            except (TypeError, ValueError) as exc:
                raise StoreError(f"{table.name}: en række kan ikke skrives som JSON ({exc})") from exc
            out.write(line.encode("utf-8") + b"\n")
            rows += 1
    files.append({"name": entry, "size": out.size, "sha256": out.sha.hexdigest()})
    return {"name": table.name, "file": entry, "rows": rows, "columns": list(kinds)}


# --------------------------------------------------------------------------------------------- restore


def verify(path: Path) -> dict[str, Any]:
    """Read the manifest and check every file in the zip against it; raises `InputError` naming `path`.

    Nothing else is touched, so a damaged or foreign backup is refused before the target is opened.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = _manifest(path, zf)
            for entry in manifest["files"]:
                _check_file(path, zf, entry)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: filen findes ikke") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"{path}: backuppen er beskadiget eller ikke en zip-fil ({exc})") from exc
    except OSError as exc:
        raise InputError(f"{path}: backuppen kan ikke læses ({exc.strerror or exc})") from exc
    _check_schema(path, manifest)
    return manifest


def _manifest(path: Path, zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        raw = zf.read(MANIFEST)
    except KeyError as exc:
        raise InputError(f"{path}: ikke en Klynge-backup ({MANIFEST} mangler)") from exc
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"{path}: {MANIFEST} er ikke gyldig JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{path}: ikke en Klynge-backup (ukendt format i {MANIFEST})")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InputError(
            f"{path}: backupformat {version} er nyere end denne Klynge kan læse ({FORMAT_VERSION}); opdatér Klynge"
        )
    files, tables = manifest.get("files"), manifest.get("tables")
    if not isinstance(files, list) or not isinstance(tables, list):
        raise InputError(f"{path}: {MANIFEST} mangler fil- eller tabellisten")
    if not all(isinstance(entry, dict) for entry in [*files, *tables]):
        raise InputError(f"{path}: {MANIFEST} har en ugyldig fil- eller tabelliste")
    return manifest


def _check_file(path: Path, zf: zipfile.ZipFile, entry: dict[str, Any]) -> None:
    name = entry.get("name")
    try:
        handle = zf.open(str(name))
    except KeyError as exc:
        raise InputError(f"{path}: {name} mangler i backuppen (afkortet fil?)") from exc
    sha = hashlib.sha256()
    size = 0
    with handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    if size != entry.get("size") or sha.hexdigest() != entry.get("sha256"):
        raise InputError(f"{path}: {name} stemmer ikke med manifestets sha256 (beskadiget backup)")


def _check_schema(path: Path, manifest: dict[str, Any]) -> None:
    """Only a backup of exactly this Klynge's schema can be loaded as it is; say which it is else."""
    revision = manifest.get("schema_revision")
    head = head_revision()
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision not in known:
        raise InputError(
            f"{path}: backuppen har skemaversion {revision}, som denne Klynge ikke kender "
            "(lavet af en nyere Klynge?); opdatér Klynge før gendannelsen"
        )
    if revision != head:
        raise InputError(
            f"{path}: backuppen har den ældre skemaversion {revision}; denne Klynge kan endnu kun "
            f"gendanne skemaversion {head} (gendan med den Klynge, der lavede backuppen, og opgradér så)"
        )
    ours = {t.name: [c.name for c in t.columns] for t in _tables()}
    theirs = {t.get("name"): t.get("columns") for t in manifest["tables"]}
    if set(ours) != set(theirs):
        raise InputError(
            f"{path}: backuppens tabeller passer ikke til databasens "
            f"(mangler: {sorted(set(ours) - set(theirs))}, ukendte: {sorted(map(str, set(theirs) - set(ours)))})"
        )
    for name, columns in ours.items():
        if set(columns) != set(theirs[name] or []):
            raise InputError(f"{path}: tabellen {name} har andre kolonner i backuppen end i databasen")


def restore(
    url: str, path: Path, *, replace: bool = False, progress: Progress | None = None
) -> BackupSummary:
    """Load the backup `path` into the database at `url` and rebuild its search index, all or nothing.

    The target must be empty unless `replace`: then its rows are deleted in the same transaction.
    """
    path = Path(path)
    manifest = verify(path)
    factory = open_store(url)
    engine = engine_of(factory)
    counts: list[TableCount] = []
    try:
        with factory.begin() as session, zipfile.ZipFile(path) as zf:
            conn = session.connection()
            _make_room(session, url, replace)
            entries = {t["name"]: t for t in manifest["tables"]}
            for table in _tables():
                if progress:
                    progress(table.name)
                rows = _load_table(conn, zf, table, entries[table.name]["file"])
                if rows != entries[table.name]["rows"]:
                    raise InputError(
                        f"{path}: {table.name} har {rows} rækker, manifestet siger {entries[table.name]['rows']}"
                    )
                counts.append(TableCount(table.name, rows))
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
            if progress:
                progress("søgeindeks")
            indexed = _reindex(session)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: backuppen kan ikke læses, intet er gendannet ({exc})") from exc
    except OSError as exc:
        raise InputError(f"{path}: backuppen kan ikke læses ({exc.strerror or exc})") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{path}: gendannelsen mislykkedes, intet er ændret ({_reason(exc)})") from exc
    finally:
        engine.dispose()
    documents = int(manifest.get("originals") or 0)
    return BackupSummary(
        path, manifest["schema_revision"], tuple(counts), documents, path.stat().st_size, indexed
    )


def _make_room(session: Session, url: str, replace: bool) -> None:
    """Refuse a target with rows, or (with `replace`) empty it: store rows and search index."""
    conn = session.connection()
    filled = [t.name for t in _tables() if conn.execute(select(text("1")).select_from(t).limit(1)).first()]
    if filled and not replace:
        raise Conflict(
            f"{hide_password(url)}: databasen er ikke tom (data i {', '.join(filled[:5])}"
            f"{' ...' if len(filled) > 5 else ''}); brug --replace for at erstatte indholdet"
        )
    for meeting_id in conn.execute(select(search_doc.c.meeting_id).distinct()).scalars().all():
        sync.remove_meeting(session, meeting_id)
    for table in reversed(_tables()):
        conn.execute(table.delete())


def _lines(zf: zipfile.ZipFile, entry: str) -> Iterator[bytes]:
    with zf.open(entry) as handle:
        yield from handle


def _load_table(conn: Connection, zf: zipfile.ZipFile, table: Table, entry: str) -> int:
    """Insert one table's rows in batches, reading the zip entry line by line."""
    kinds = {c.name: _kind(c) for c in table.columns}
    batch: list[dict[str, Any]] = []
    weight = 0
    rows = 0
    for line in _lines(zf, entry):
        if not line.strip():
            continue
        record = json.loads(line)
        row: dict[str, Any] = {}
        for name, value in record.items():
            if name not in kinds:
                raise ValueError(f"{table.name}: ukendt kolonne {name}")
            if isinstance(value, dict) and kinds[name] == "bytes" and "$original" in value:
                data = zf.read(str(value["$original"]))
                weight += len(data)
                row[name] = data
            else:
                row[name] = _decode(kinds[name], value)
        batch.append(row)
        weight += len(line)
        rows += 1
        if len(batch) >= BATCH_ROWS or weight >= BATCH_BYTES:
            conn.execute(table.insert(), batch)
            batch, weight = [], 0
    if batch:
        conn.execute(table.insert(), batch)
    return rows


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: the next id of every serial column follows the restored rows (SQLite needs nothing)."""
    quote = conn.dialect.identifier_preparer.quote
    for table in _tables():
        column = table.autoincrement_column
        if column is None:
            continue
        name, col = quote(table.name), quote(column.name)
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), COALESCE(MAX({col}), 0) + 1, false) "
                f"FROM {name}"
            ),
            {"table": name, "column": column.name},
        )


def _reindex(session: Session) -> int:
    """Rebuild the search index meeting by meeting, as ingest writes it; returns how many meetings."""
    ids = session.execute(select(Meeting.id).order_by(Meeting.id)).scalars().all()
    for n, meeting_id in enumerate(ids, 1):
        sync.reindex_meeting(session, meeting_id)
        if n % REINDEX_BATCH == 0:
            session.expunge_all()
    return len(ids)


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    reason = str(orig if orig is not None else exc).strip()
    return reason.splitlines()[0] if reason else type(exc).__name__
