"""Search index: `search_term` counted again over public pieces only (published, not closed).

Ranking takes idf and the mean piece length from these counts; counted over every piece, a draft
or a closed item containing a word moved the public's scores for it (issue 22). The writer now
counts public pieces only; this recounts an existing index the same way.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 23:55:00
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

TOTAL = ""
TOKENS = "#"
BATCH = 5000


def upgrade() -> None:
    conn = op.get_bind()
    counts: Counter[str] = Counter()
    pieces = tokens = 0
    rows = conn.execute(
        sa.text("SELECT stems FROM search_doc WHERE published = :yes AND confidential = :no"),
        {"yes": True, "no": False},
    )
    for (stems,) in rows:
        words = str(stems).split()
        counts.update(set(words))
        tokens += len(words)
        pieces += 1
    conn.execute(sa.text("DELETE FROM search_term"))
    if not pieces:
        return
    counts[TOTAL] = pieces
    counts[TOKENS] = tokens
    values = [{"t": t, "d": d} for t, d in sorted(counts.items())]
    for i in range(0, len(values), BATCH):
        conn.execute(sa.text("INSERT INTO search_term(term, df) VALUES (:t, :d)"), values[i : i + BATCH])


def downgrade() -> None:
    """Counts over public pieces are valid counts for older code too: nothing to undo."""
