"""Search index: every piece of a meeting with a forum gets the key of its forum's id (`_fid_<id>`).

Search decides what a forum's own members and secretariat may see by these keys (issue 22): by
name slug, a member of "Klyngestyregruppen Nord klyngen" saw the closed items of
"Klyngestyregruppen Nordklyngen". Until this key is there, such pieces stay hidden from them
(never shown too widely). SQLite rebuilds its FTS5 table from `search_doc`; PostgreSQL adds the
key to each `tsv`.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

PREFIX = "_fid_"


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT d.id, d.keys, m.forum_id FROM search_doc d JOIN meeting m ON m.id = d.meeting_id "
            "WHERE m.forum_id IS NOT NULL"
        )
    ).all()
    changed = []
    for doc_id, keys, forum_id in rows:
        kept = [k for k in str(keys).split() if not k.startswith(PREFIX)]
        changed.append({"id": doc_id, "k": " ".join([*kept, f"{PREFIX}{int(forum_id)}"])})
    if not changed:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(
            sa.text(
                "UPDATE search_doc SET keys = :k, "
                "tsv = coalesce(tsv, ''::tsvector) || CAST(:v AS tsvector) WHERE id = :id"
            ),
            [dict(c, v="'" + c["k"].split()[-1] + "':1A") for c in changed],
        )
    else:
        conn.execute(sa.text("UPDATE search_doc SET keys = :k WHERE id = :id"), changed)
        if conn.dialect.name == "sqlite":
            conn.execute(sa.text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))


def downgrade() -> None:
    """The extra key does no harm to older code: nothing to undo."""
