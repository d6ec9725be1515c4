"""Curation: an append-only log of hand corrections, the state of each after the last
rebuild, and each merged record's stable key and curated values (docs/CURATION.md).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "curations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("target_kind", sa.String(), nullable=False),
        sa.Column("target_key", sa.Text(), nullable=False),
        sa.Column("field", sa.String(), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("curator", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curations")),
    )
    op.create_index(op.f("ix_curations_target_key"), "curations", ["target_key"])
    op.create_table(
        "curation_states",
        sa.Column("curation_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("record_id", sa.String(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("curation_id", name=op.f("pk_curation_states")),
    )
    for table in ("exchanges", "persons"):
        op.add_column(table, sa.Column("key", sa.Text(), nullable=True))
        op.add_column(table, sa.Column("curated", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in ("persons", "exchanges"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("curated")
            batch.drop_column("key")
    op.drop_table("curation_states")
    op.drop_index(op.f("ix_curations_target_key"), table_name="curations")
    op.drop_table("curations")
