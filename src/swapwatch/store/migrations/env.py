"""Alembic environment for swapwatch.

Normally run from ``swapwatch.store.engine.migrate``, which hands over an open
connection (already inside a locked transaction) in ``config.attributes["connection"]``.
It also works from the ``alembic`` command line when a config sets ``sqlalchemy.url``,
and offline (``--sql``) to print the DDL for a database administrator.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from swapwatch.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    context.configure(target_metadata=target_metadata, render_as_batch=True, compare_type=True, **kwargs)


def run_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
               dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run_on(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        _run_on(given)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as connection:
            _run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
