"""Metadata for browsing a swapwatch SQLite database with datasette (``pip install swapwatch[datasette]``).

``metadata.json`` beside this file titles and describes the tables, columns and the views
of migration 0008 and hides the search and internal tables. Datasette keys metadata by the
database's name, which is the file's name without its extension, so the shipped file is
written for ``swapwatch.sqlite`` and :func:`datasette_metadata` re-keys it for any other name.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

METADATA_PATH = Path(__file__).with_name("metadata.json")
SHIPPED_NAME = "swapwatch"


def database_name(db: str | None) -> str:
    """The name datasette gives an SQLite file (its stem); ``swapwatch`` without one."""
    if not db:
        return SHIPPED_NAME
    path = db.split("///", 1)[1] if db.startswith("sqlite:") and "///" in db else db
    return Path(path).stem or SHIPPED_NAME


def datasette_metadata(database: str = SHIPPED_NAME) -> dict[str, Any]:
    """The shipped metadata, its table descriptions under ``database``."""
    metadata = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    metadata["databases"] = {database: metadata["databases"][SHIPPED_NAME]}
    return metadata
