"""Storage: SQLAlchemy tables, Alembic migrations and the Store, the one write path.

``open_store(url)`` accepts any SQLAlchemy URL: ``sqlite:///path/to/file.sqlite`` or
``postgresql+psycopg://user@host/db``. Opening creates the schema or migrates it to the
newest revision.
"""
from __future__ import annotations

from .store import MergeFn, Store, open_store

__all__ = ["MergeFn", "Store", "open_store"]
