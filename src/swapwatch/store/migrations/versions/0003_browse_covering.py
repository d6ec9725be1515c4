"""Indexes for the web app, revised after measuring on a 100,000-exchange database.

- persons are listed in merge order (by name): ``position`` leads their page indexes,
  and the search index's rowids encode it, so a matching page needs no sort;
- a side's display names resolve to one person each from ``(name, position, id)`` and
  ``(alias, person_id)`` alone, even when many people share a name;
- a page filtered by text sorts only its matches' ``(position, date, id)`` entries.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPLACED = (
    ("ix_persons_name", "persons", ["name"]),
    ("ix_person_aliases_alias", "person_aliases", ["alias"]),
    ("ix_persons_name_key_id", "persons", ["name_key", "id"]),
    ("ix_persons_status_name_key_id", "persons", ["status", "name_key", "id"]),
    ("ix_persons_held_by_name_key_id", "persons", ["held_by", "name_key", "id"]),
)
INDEXES = (
    ("ix_persons_position", "persons", ["position"]),
    ("ix_persons_status_position", "persons", ["status", "position"]),
    ("ix_persons_held_by_position", "persons", ["held_by", "position"]),
    ("ix_persons_name_position_id", "persons", ["name", "position", "id"]),
    ("ix_person_aliases_alias_person_id", "person_aliases", ["alias", "person_id"]),
    ("ix_exchanges_position_date_id", "exchanges", ["position", "date", "id"]),
)


def upgrade() -> None:
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
