"""Curators: who may write curations through the API and the web forms (docs/CURATION.md).
Only a token's SHA-256 is kept; a web sign-in is a row in ``curator_sessions`` (its id's
hash, the curator, the per-session CSRF token), so a revoked curator's sessions end at once
and every server process sees the same sessions.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "curators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("token_hash", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curators")),
    )
    op.create_index(op.f("ix_curators_name"), "curators", ["name"])
    op.create_table(
        "curator_sessions",
        sa.Column("id_hash", sa.String(), nullable=False),
        sa.Column("curator_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_curator_sessions")),
    )


def downgrade() -> None:
    op.drop_table("curator_sessions")
    op.drop_index(op.f("ix_curators_name"), table_name="curators")
    op.drop_table("curators")
