"""Initial schema: articles, extractions and the merged records with their evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def _cascade(columns: list[str], target: str, target_columns: list[str], table: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_{'_'.join(columns)}_{target}")
    return sa.ForeignKeyConstraint(columns, [f"{target}.{c}" for c in target_columns], name=name, ondelete="CASCADE")


def _create_articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.Column("relevance_score", sa.Float(), nullable=False),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column("relevance_reasons", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    _index("articles", "published")
    _index("articles", "relevant")
    op.create_table(
        "extractions",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("extractor_version", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _cascade(["article_id"], "articles", ["id"], "extractions"),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_extractions")),
    )
    _index("extractions", "extractor_version")


def _create_exchanges() -> None:
    op.create_table(
        "exchanges",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("location", sa.JSON(), nullable=True),
        sa.Column("mediators", sa.JSON(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchanges")),
    )
    _index("exchanges", "date")
    _index("exchanges", "kind")
    op.create_table(
        "sides",
        sa.Column("exchange_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("released_by", sa.String(), nullable=True),
        sa.Column("received_by", sa.String(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        _cascade(["exchange_id"], "exchanges", ["id"], "sides"),
        sa.PrimaryKeyConstraint("exchange_id", "position", name=op.f("pk_sides")),
    )
    _index("sides", "released_by")
    _index("sides", "received_by")
    op.create_table(
        "side_persons",
        sa.Column("exchange_id", sa.String(), nullable=False),
        sa.Column("side_position", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        _cascade(["exchange_id", "side_position"], "sides", ["exchange_id", "position"], "side_persons"),
        sa.PrimaryKeyConstraint("exchange_id", "side_position", "position", name=op.f("pk_side_persons")),
    )
    op.create_table(
        "exchange_articles",
        sa.Column("exchange_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _cascade(["exchange_id"], "exchanges", ["id"], "exchange_articles"),
        sa.PrimaryKeyConstraint("exchange_id", "article_id", name=op.f("pk_exchange_articles")),
    )
    _index("exchange_articles", "article_id")


def _create_persons() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("status_date", sa.String(), nullable=True),
        sa.Column("held_by", sa.String(), nullable=True),
        sa.Column("nationality", sa.JSON(), nullable=False),
        sa.Column("category", sa.JSON(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("charges", sa.JSON(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=True),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    _index("persons", "status")
    _index("persons", "held_by")
    op.create_table(
        "person_aliases",
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_key", sa.Text(), nullable=False),
        _cascade(["person_id"], "persons", ["id"], "person_aliases"),
        sa.PrimaryKeyConstraint("person_id", "position", name=op.f("pk_person_aliases")),
    )
    op.create_table(
        "status_events",
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("article_id", sa.String(), nullable=False),
        _cascade(["person_id"], "persons", ["id"], "status_events"),
        sa.PrimaryKeyConstraint("person_id", "position", name=op.f("pk_status_events")),
    )
    _index("status_events", "article_id")
    op.create_table(
        "person_articles",
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _cascade(["person_id"], "persons", ["id"], "person_articles"),
        sa.PrimaryKeyConstraint("person_id", "article_id", name=op.f("pk_person_articles")),
    )
    _index("person_articles", "article_id")


def _create_evidence() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_type", sa.String(), nullable=False),
        sa.Column("record_id", sa.String(), nullable=False),
        sa.Column("side_position", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("extractor", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    _index("evidence", "article_id")
    _index("evidence", "record_type", "record_id", name="ix_evidence_record")


def upgrade() -> None:
    _create_articles()
    _create_exchanges()
    _create_persons()
    _create_evidence()


def downgrade() -> None:
    for table in ("evidence", "person_articles", "status_events", "person_aliases", "persons",
                  "exchange_articles", "side_persons", "sides", "exchanges", "extractions", "articles"):
        op.drop_table(table)
