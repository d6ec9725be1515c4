"""A time budget for the database work of one request.

The web app sets a deadline per request (``time_budget``); every read transaction opened
under it (``guarded``) is cut off there by the database itself, so one expensive request
answers 503 instead of holding a connection and a core for minutes: SQLite calls a progress
handler every few thousand virtual-machine steps, PostgreSQL gets ``statement_timeout``.
Without a deadline (the CLI, exports) nothing changes.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from ..errors import OverBudget

# SQLite steps between two looks at the clock: ~0.1-1 ms of query work, so the check costs
# well under 1% and a query stops within a millisecond of its deadline.
PROGRESS_STEPS = 10_000

_deadline: ContextVar[float | None] = ContextVar("swapwatch_read_deadline", default=None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Database reads inside this block (in this context, and in threads it hands work to)
    must end within ``seconds``; None: no limit."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _over(what: str) -> OverBudget:
    return OverBudget(f"the server is busy: {what} took longer than this request's time budget; "
                      "try again in a moment")


@contextmanager
def guarded(conn: Connection) -> Iterator[None]:
    """Run the transaction open on ``conn`` within the current budget (call inside ``begin``)."""
    deadline = _deadline.get()
    if deadline is None:
        yield
        return
    left = deadline - time.monotonic()
    if left <= 0:
        raise _over("waiting for a turn")
    dialect = conn.dialect.name
    raw = conn.connection.dbapi_connection if dialect == "sqlite" else None
    if raw is not None:
        raw.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    elif dialect == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(left * 1000))}")
    # The driver's own error too: store/browse.py runs some queries on the raw cursor.
    stopped = (OperationalError, conn.dialect.loaded_dbapi.OperationalError)
    try:
        yield
    except stopped as e:
        if time.monotonic() < deadline and "cancel" not in str(e).lower() and "interrupt" not in str(e).lower():
            raise
        raise _over("the database work") from e
    finally:
        if raw is not None:
            raw.set_progress_handler(None, 0)


@contextmanager
def wait_for(lock: threading.Lock, what: str) -> Iterator[None]:
    """Hold ``lock``, waiting for it no longer than the current budget allows."""
    deadline = _deadline.get()
    if not lock.acquire(timeout=-1 if deadline is None else max(0.0, deadline - time.monotonic())):
        raise _over(f"waiting for {what}")
    try:
        yield
    finally:
        lock.release()
