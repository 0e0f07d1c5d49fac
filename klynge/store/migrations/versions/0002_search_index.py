"""Search index: search_doc (pieces with analysed text), search_term (document frequencies),
FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL. Owned by klynge/index.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "search_doc",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("item_number", sa.String(length=32), nullable=True),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("forum", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("organisations", sa.Text(), nullable=False),
        sa.Column("persons", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("stems", sa.Text(), nullable=False),
        sa.Column("parts", sa.Text(), nullable=False),
        sa.Column("keys", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_doc"),
    )
    op.create_index("ix_search_doc_meeting_id", "search_doc", ["meeting_id"])
    op.create_index("ix_search_doc_item_id", "search_doc", ["item_id"])
    op.create_table(
        "search_term",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name="pk_search_term"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "stems, parts, keys, content='search_doc', content_rowid='id', "
            "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
        )
    elif dialect == "postgresql":
        op.execute("ALTER TABLE search_doc ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX search_doc_tsv ON search_doc USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_term")
    op.drop_index("ix_search_doc_item_id", table_name="search_doc")
    op.drop_index("ix_search_doc_meeting_id", table_name="search_doc")
    op.drop_table("search_doc")
