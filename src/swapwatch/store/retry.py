"""Bounded retries for write transactions that lost a race with another writer.

Two ingests on one database can make a transaction fail through no fault of its own:
SQLite gives up with "database is locked" once its busy timeout has passed, PostgreSQL
aborts one side of a deadlock (40P01) or a serialization conflict (40001). Re-running
the whole transaction is then correct; any other error is a real one and goes up at once.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

T = TypeVar("T")

ATTEMPTS = 6                  # the first try and five retries
FIRST_PAUSE_S = 0.05          # doubled after every failed try, with jitter
RETRY_SQLSTATES = {"40001", "40P01"}          # serialization_failure, deadlock_detected
SQLITE_BUSY_WORDS = ("database is locked", "database is busy", "database table is locked")


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` means "another writer got in the way", so a re-run may succeed."""
    if not isinstance(error, DBAPIError):
        return False
    orig = error.orig
    if getattr(orig, "sqlstate", None) in RETRY_SQLSTATES:
        return True
    return any(word in str(orig).lower() for word in SQLITE_BUSY_WORDS)


def with_retries(work: Callable[[], T], *, attempts: int = ATTEMPTS, pause_s: float = FIRST_PAUSE_S) -> T:
    """Run ``work`` (one whole transaction) again after a transient failure, at most ``attempts`` times."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as e:
            if attempt == attempts or not is_transient(e):
                raise
            time.sleep(pause_s * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")   # pragma: no cover - the loop returns or raises
