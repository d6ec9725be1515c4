"""Whole API answers are kept until the database changes, and never served after it did."""
from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient

from conftest import BACKEND
from swapwatch.model import Article, Relevance
from swapwatch.web.app import create_app
from swapwatch.web.cache import AnswerCache, CachedAnswers


def _cache_of(app) -> AnswerCache:
    """The AnswerCache inside the app's middleware stack (built on the first request)."""
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, CachedAnswers):
        layer = getattr(layer, "app", None)
    assert layer is not None, "CachedAnswers is not in the middleware stack"
    return layer.cache


def _article(n: int) -> tuple[Article, Relevance]:
    text = f"Cache test article number {n} about nothing in particular."
    return (Article(id=f"cache-test-{n}", text=text, title=f"Cache test {n}", source=f"cache-{n}.txt"),
            Relevance(score=0.0, relevant=False, reasons=[]))


def test_a_repeated_get_is_served_from_the_cache_until_a_write(store):
    store.add_articles([_article(1)])
    client = TestClient(create_app(store=store))
    first = client.get("/api/articles?limit=10")
    again = client.get("/api/articles?limit=10")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert again.headers["content-security-policy"]          # kept answers keep their headers
    cache = _cache_of(client.app)
    if BACKEND == "postgresql":
        assert cache.hits == 0                                 # no cheap change token: nothing kept
    else:
        assert cache.hits == 1
    store.add_articles([_article(2)])
    after = client.get("/api/articles?limit=10")
    assert after.json()["total"] == first.json()["total"] + 1


def test_errors_and_other_queries_are_not_mixed_up(store):
    store.add_articles([_article(3)])
    client = TestClient(create_app(store=store))
    assert client.get("/api/exchanges/no-such-id").status_code == 404
    assert client.get("/api/exchanges/no-such-id").status_code == 404
    assert client.get("/api/articles?limit=1").json()["limit"] == 1
    assert client.get("/api/articles?limit=2").json()["limit"] == 2
    assert _cache_of(client.app).hits == 0                    # 404s are not kept; each query its own key


def test_the_cache_drops_answers_of_an_old_version_and_stays_within_its_bounds():
    cache = AnswerCache(max_entries=2, max_bytes=10)
    start = {"type": "http.response.start", "status": 200, "headers": []}

    class A:
        def __init__(self, body: bytes):
            self.start, self.body = start, body

    assert cache.get("v1", ("a",)) is None
    cache.put("v1", ("a",), A(b"1234"))
    cache.put("v1", ("b",), A(b"1234"))
    assert cache.get("v1", ("a",)).body == b"1234"
    cache.put("v1", ("c",), A(b"1234"))                        # over both bounds: the least recent goes
    assert cache.get("v1", ("b",)) is None
    assert cache.get("v1", ("a",)) is not None and cache.get("v1", ("c",)) is not None
    assert cache.get("v2", ("a",)) is None                      # a new version forgets everything
    cache.put("v1", ("a",), A(b"x"))                            # made under the old version: not kept
    assert cache.get("v2", ("a",)) is None


def test_only_gets_under_the_prefix_are_kept():
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    wrapped = CachedAnswers(app, version=lambda: 1)

    async def call(method: str, path: str) -> None:
        async def send(message):
            pass

        await wrapped({"type": "http", "method": method, "path": path, "query_string": b""}, None, send)

    for method, path in [("GET", "/api/x"), ("GET", "/api/x"), ("POST", "/api/x"), ("GET", "/page"),
                         ("GET", "/page")]:
        asyncio.run(call(method, path))
    assert calls == ["/api/x", "/api/x", "/page", "/page"]
