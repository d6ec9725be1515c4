"""What the read layer keeps between requests, and how it knows the database changed."""
from __future__ import annotations

import os
import threading

def data_version(store) -> tuple[int, ...] | None:
    """Changes whenever the database does, cheaply: for an SQLite file, the size and mtime
    of the file and its WAL (every commit appends to the WAL, a checkpoint rewrites the
    file). None where no such token is known (PostgreSQL): nothing is cached then."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    token: list[int] = []
    for path in (url.database, f"{url.database}-wal"):
        try:
            st = os.stat(path)
            token += [st.st_mtime_ns, st.st_size]
        except OSError:
            token += [0, 0]
    return tuple(token)


class _Totals:
    """How many records match each filter, kept until the database changes.

    A page of 50 is an index range read; its total can mean counting 200,000 index
    entries (5 ms). Totals for the same filters repeat (pagination, the timeline's default
    view), and the data changes only when something is ingested.
    """

    MAX_ENTRIES = 4096

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: object = None
        self._values: dict[tuple, int] = {}

    def get(self, version: tuple | None, key: tuple) -> int | None:
        if version is None:
            return None
        with self._lock:
            if version != self._version:
                return None
            return self._values.get(key)

    def put(self, version: tuple | None, key: tuple, total: int) -> None:
        if version is None:
            return
        with self._lock:
            if version != self._version or len(self._values) >= self.MAX_ENTRIES:
                self._version, self._values = version, {}
            self._values[key] = total


_totals = _Totals()
