"""Indexes for the web app's ordered, filtered pages.

Ordered-page indexes let every list run as an index scan with LIMIT: exchanges newest
first by (date, id), persons by (name_key, id), also within one status or holder. Exact
name indexes resolve a side's display names to persons and back; (party, exchange_id)
indexes answer "exchanges with Russia on a side" from the index alone.

Text search structures (SQLite FTS5 tables with their triggers, PostgreSQL GIN indexes
over expressions) are not made here but by ``store.browse.prepare_search`` when the web
app starts: neither can be described by the SQLAlchemy models, and the store's tests
require that models and migrated schema agree exactly.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_exchanges_date_id", "exchanges", ["date", "id"]),
    ("ix_persons_name_key_id", "persons", ["name_key", "id"]),
    ("ix_persons_status_name_key_id", "persons", ["status", "name_key", "id"]),
    ("ix_persons_held_by_name_key_id", "persons", ["held_by", "name_key", "id"]),
    ("ix_persons_name", "persons", ["name"]),
    ("ix_person_aliases_alias", "person_aliases", ["alias"]),
    ("ix_side_persons_name", "side_persons", ["name"]),
    ("ix_sides_released_by_exchange_id", "sides", ["released_by", "exchange_id"]),
    ("ix_sides_received_by_exchange_id", "sides", ["received_by", "exchange_id"]),
    ("ix_articles_published_id", "articles", ["published", "id"]),
)

def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
