"""Which relevance gate judged each article: ``articles.relevance_version``, the gate's
component id (``relevance.COMPONENT``). Rows stored before it are NULL, judged by an older
gate that no longer says which, so the next ingest re-judges them (``service.rejudge_stale``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("relevance_version", sa.String(), nullable=True))
    op.create_index(op.f("ix_articles_relevance_version"), "articles", ["relevance_version"])


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_relevance_version"), table_name="articles")
    # Dropped in place (SQLite 3.35+): batch mode would copy the table and lose its search triggers.
    op.drop_column("articles", "relevance_version")
