"""A cache of whole API answers, valid until the database changes.

The app is read-only and the data changes only when something is ingested, so the same
GET (a list page, a search, the timeline's default view) gives the same bytes until then.
Answers are kept by path and the route's own query parameters (``QueryNames``: unknown ones,
such as a cache-busting ``&_=N``, are left out of the key, their order does not matter, and the
last of a repeated one counts, as in the route), together with ``read.data_version``
(the SQLite file's and its WAL's size and modification time); an answer from an older
version is never served. Where no version is known (PostgreSQL) nothing is cached.

A plain ASGI wrapper placed outside the routing: a hit costs two ``stat`` calls and a
dictionary lookup instead of routing, validation, queries and serialisation.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 4096
MAX_BYTES = 64 * 1024 * 1024          # all kept answers together
MAX_ANSWER_BYTES = 4 * 1024 * 1024    # one answer; bigger ones are not kept (/api/stats, 100k exchanges: 2.7 MB)


class _Answer:
    __slots__ = ("start", "body")

    def __init__(self, start: Message, body: bytes) -> None:
        self.start = start
        self.body = body


class AnswerCache:
    """Least recently used answers of one database version, bounded in count and bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._lock = threading.Lock()
        self._version: object = None
        self._answers: OrderedDict[tuple, _Answer] = OrderedDict()
        self._bytes = 0
        self.hits = self.misses = 0

    def get(self, version: object, key: tuple) -> _Answer | None:
        with self._lock:
            if version != self._version:
                self._version, self._answers, self._bytes = version, OrderedDict(), 0
            answer = self._answers.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, version: object, key: tuple, answer: _Answer) -> None:
        with self._lock:
            if version != self._version:
                return                      # the data changed while this answer was made
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._answers and (len(self._answers) > self.max_entries or self._bytes > self.max_bytes):
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)


class QueryNames:
    """The query parameters that the GET route taking a path reads (None: no route takes it),
    from the app's OpenAPI description, found once per path."""

    MAX_PATHS = 4096

    def __init__(self, openapi: Callable[[], dict]) -> None:
        self.openapi = openapi
        self._routes: list[tuple[re.Pattern[str], frozenset[str]]] | None = None
        self._known: dict[str, frozenset[str] | None] = {}

    def __call__(self, scope: Scope) -> frozenset[str] | None:
        path = scope["path"]
        if path not in self._known:
            if len(self._known) >= self.MAX_PATHS:
                self._known.clear()
            self._known[path] = next((names for pattern, names in self._table() if pattern.match(path)), None)
        return self._known[path]

    def _table(self) -> list[tuple[re.Pattern[str], frozenset[str]]]:
        if self._routes is None:
            routes = []
            for template, operations in self.openapi().get("paths", {}).items():
                get = operations.get("get")
                if get is not None:
                    pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
                    routes.append((pattern, frozenset(p["name"] for p in get.get("parameters", [])
                                                      if p.get("in") == "query")))
            self._routes = routes
        return self._routes


def answer_key(scope: Scope, names: frozenset[str]) -> tuple:
    """The path and the known parameters' values (the last of each, as the route reads them), sorted."""
    given = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
    return (scope["path"], tuple(sorted((k, v) for k, v in given.items() if k in names)))


class CachedAnswers:
    """Serves GET answers under ``prefix`` from an AnswerCache while ``version()`` is unchanged.

    With ``query_names`` (see QueryNames) answers are keyed on the known parameters only;
    without it, on the raw query string."""

    def __init__(self, app: ASGIApp, *, version: Callable[[], Any], prefix: str = "/api/",
                 cache: AnswerCache | None = None,
                 query_names: Callable[[Scope], frozenset[str] | None] | None = None) -> None:
        self.app, self.version, self.prefix = app, version, prefix
        self.cache = cache or AnswerCache()
        self.query_names = query_names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        version = self.version()
        if version is None:
            await self.app(scope, receive, send)
            return
        if self.query_names is None:
            key: tuple = (scope["path"], scope.get("query_string", b""))
        else:
            names = self.query_names(scope)
            if names is None:                   # no route: a 404, never kept
                await self.app(scope, receive, send)
                return
            key = answer_key(scope, names)
        answer = self.cache.get(version, key)
        if answer is not None:
            await send(dict(answer.start))
            await send({"type": "http.response.body", "body": answer.body})
            return

        start: Message | None = None
        parts: list[bytes] = []
        size = 0
        keep = True

        async def recording_send(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_ANSWER_BYTES:
                    keep = False
                    parts.clear()
                else:
                    parts.append(body)
                if not message.get("more_body", False) and keep and start is not None:
                    self.cache.put(version, key, _Answer(start, b"".join(parts)))
            await send(message)

        await self.app(scope, receive, recording_send)
