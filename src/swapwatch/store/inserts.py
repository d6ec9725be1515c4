"""Insert-if-absent and insert-or-replace that stay correct with concurrent writers.

SQLite and PostgreSQL both have ``INSERT ... ON CONFLICT``; other backends fall back to
a savepoint per row that absorbs the duplicate-key error.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def _dialect_insert(session: Session, table: Table) -> Any | None:
    name = session.get_bind().dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    return None


def insert_new(session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str) -> set[Any]:
    """Insert the rows whose ``key`` is not stored yet; return the keys actually inserted.

    Rows repeating a key within ``rows`` must be removed by the caller.
    """
    if not rows:
        return set()
    stmt = _dialect_insert(session, table)
    column = table.c[key]
    if stmt is not None:
        done = session.execute(stmt.on_conflict_do_nothing(index_elements=[column]).returning(column), list(rows))
        return set(done.scalars())
    inserted: set[Any] = set()
    for row in rows:
        try:
            with session.begin_nested():
                session.execute(insert(table), row)
            inserted.add(row[key])
        except IntegrityError:
            continue
    return inserted


def upsert(session: Session, table: Table, row: dict[str, Any], key: str) -> None:
    """Insert ``row``, replacing the stored row with the same ``key``."""
    stmt = _dialect_insert(session, table)
    column = table.c[key]
    if stmt is not None:
        changes = {k: stmt.excluded[k] for k in row if k != key}
        session.execute(stmt.on_conflict_do_update(index_elements=[column], set_=changes), row)
        return
    session.execute(delete(table).where(column == row[key]))
    session.execute(insert(table), row)


def upsert_changed(session: Session, table: Table, row: dict[str, Any], key: str, column: str) -> bool:
    """Insert ``row``, or replace the stored row with the same ``key`` when its ``column``
    differs; whether this call wrote it (False: an equal row was stored, e.g. by another
    process doing the same work at the same time)."""
    stmt = _dialect_insert(session, table)
    key_column, compared = table.c[key], table.c[column]
    if stmt is not None:
        changes = {k: stmt.excluded[k] for k in row if k != key}
        done = session.execute(stmt.on_conflict_do_update(index_elements=[key_column], set_=changes,
                                                          where=compared != stmt.excluded[column])
                               .returning(key_column), row)
        return done.first() is not None
    stored = session.execute(select(compared).where(key_column == row[key])).first()
    if stored is not None and stored[0] == row[column]:
        return False
    upsert(session, table, row, key)
    return True


def exists(session: Session, table: Table, key: str, value: Any) -> bool:
    return session.execute(select(table.c[key]).where(table.c[key] == value).limit(1)).first() is not None
