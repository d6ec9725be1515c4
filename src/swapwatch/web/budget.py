"""Each request gets a bounded share of the server: a turn and a time budget.

At most ``slots`` requests run at once in one server process; the others wait for a turn,
and one that waits past its budget is answered 503 with Retry-After. A request that has a
turn reads the database under ``read.budget.time_budget``: its queries stop at the deadline
(SQLite's progress handler, PostgreSQL's statement_timeout) and it is answered 503 too. Few
slots keep the cores, and Python's GIL, for the answers already under way, so a burst of
expensive requests cannot starve ``/api/health`` or a reader's page (issue 12).
"""
from __future__ import annotations

import asyncio
import gc
import sys
import time

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from ..read.budget import time_budget

RETRY_AFTER_S = 1
UNLIMITED = ("/api/health", "/static/")     # cheap answers that must stay quick while others wait
BUSY = "the server is busy: this request waited longer than its time budget for a turn; try again in a moment"


def busy_headers() -> dict[str, str]:
    return {"Retry-After": str(RETRY_AFTER_S)}


class RequestBudget:
    """ASGI wrapper: a turn among ``slots`` and ``seconds`` of database work per request."""

    def __init__(self, app: ASGIApp, *, seconds: float, slots: int) -> None:
        self.app, self.seconds, self.slots = app, seconds, slots
        self._turns: asyncio.Semaphore | None = None       # made in the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(UNLIMITED):
            await self.app(scope, receive, send)
            return
        if self._turns is None:
            self._turns = asyncio.Semaphore(self.slots)
        start = time.monotonic()
        if self._turns.locked():                # wait for a turn, within the budget
            try:
                async with asyncio.timeout(self.seconds):
                    await self._turns.acquire()
            except TimeoutError:
                await self._busy(scope, receive, send)
                return
        else:
            await self._turns.acquire()         # free: no timer
        try:
            left = self.seconds - (time.monotonic() - start)
            with time_budget(left if scope["method"] in ("GET", "HEAD") else None):
                await self.app(scope, receive, send)
        finally:
            self._turns.release()

    @staticmethod
    async def _busy(scope: Scope, receive: Receive, send: Send) -> None:
        from .app import error_body
        from .pages import error_page

        request = Request(scope, receive)
        if scope["path"].startswith("/api"):
            response = JSONResponse(error_body(503, "over_budget", BUSY), status_code=503, headers=busy_headers())
        else:
            response = await run_in_threadpool(error_page, request, 503, BUSY)
            response.headers.update(busy_headers())
        await response(scope, receive, send)


def tune_for_serving() -> None:
    """Process-wide settings for a server process, set by ``serve`` (never on import).

    A thread rendering a page holds the GIL for up to the switch interval each time the event
    loop asks for it; 1 ms instead of 5 keeps /api/health and small answers quick meanwhile.
    The objects made at start (modules, routes, templates) are frozen out of the garbage
    collector's full passes, which otherwise stop every thread for 50-100 ms at a time while
    big pages are made (measured with benchmarks/abuse.py on the 100,000-exchange database).
    """
    sys.setswitchinterval(0.001)
    gc.freeze()


def warm_up(store, openapi=None) -> None:
    """Compute the statistics now (seconds on a big database, past any request's budget) and the
    OpenAPI description (the answer cache reads it; ~0.1 s), then freeze them with everything
    else made so far out of the collector's full passes."""
    from .. import read

    if openapi is not None:
        openapi()
    read.stats(store)
    gc.freeze()
