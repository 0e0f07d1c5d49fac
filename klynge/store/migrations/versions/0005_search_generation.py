"""search_generation: one row that every index change rewrites, so cached search results know
when they are stale (one primary-key read per search instead of a search).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "search_generation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_generation"),
    )


def downgrade() -> None:
    op.drop_table("search_generation")
