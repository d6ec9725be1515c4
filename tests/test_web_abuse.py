"""Issue 12, the request side: every request has a bounded cost and no request is answered 500.

Each test is one of the issue's reproductions (search cost, huge limits, cache busting, integer
overflow, NUL bytes, deep JSON, a per-request time budget, the Host header in a redirect, HEAD,
a read-only database), on the backend under test, over the demo database.
"""
from __future__ import annotations

import asyncio
import inspect
import json
import time

import lxml.html
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from conftest import BACKEND
from swapwatch import read
from swapwatch.read import shape
from swapwatch.settings import load_settings
from swapwatch.web.app import create_app
from swapwatch.web.cache import AnswerCache, CachedAnswers
from test_web_api import demo_store, module_db_url  # noqa: F401  (the module's demo database)
from test_web_api_errors import TOKEN, assert_error

MAX_QUERY_WORDS = 8                    # params.MAX_QUERY_WORDS (its own test below)
HUGE = "9223372036854775808"           # 2**63: past SQLite's and PostgreSQL's integers
WORDY = " ".join(["prisoner"] * (MAX_QUERY_WORDS + 1))
LONG = "zq " * 12_000                  # 36 KB, 60 KB encoded (httpx refuses URLs over 64 KB)


@pytest.fixture(scope="module")
def web(demo_store):  # noqa: F811
    """The app as served, 500s answered as responses (as a client would see them)."""
    with TestClient(create_app(store=demo_store), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def ids(demo_store) -> dict[str, str]:  # noqa: F811
    exchange = read.list_exchanges(demo_store, limit=1)["items"][0]["id"]
    person = read.list_persons(demo_store, limit=1)["items"][0]["id"]
    article = read.list_articles(demo_store, limit=1)["items"][0]["id"]
    return {"exchange": exchange, "person": person, "article": article}


# -- 1. search cost ----------------------------------------------------------------------------

SEARCHES = ["/api/search?q={}", "/api/exchanges?q={}", "/api/persons?q={}", "/api/articles?q={}"]
PAGES_WITH_Q = ["/search?q={}", "/?q={}", "/persons?q={}", "/articles?q={}"]


@pytest.mark.parametrize("query", [WORDY, LONG], ids=["too many words", "36 KB"])
@pytest.mark.parametrize("url", SEARCHES)
def test_long_or_wordy_queries_are_refused_by_every_api_search(web, url, query):
    r = web.get(url.format(query))
    assert_error(r, 422, "invalid_request")
    message = r.json()["error"]["message"]
    assert "q" in message and ("200 characters" in message or f"{MAX_QUERY_WORDS} words" in message)


@pytest.mark.parametrize("query, says", [(WORDY, f"at most {MAX_QUERY_WORDS} words"), (LONG, "at most 200 characters")],
                         ids=["too many words", "36 KB"])
@pytest.mark.parametrize("url", PAGES_WITH_Q)
def test_long_or_wordy_queries_get_a_clear_page(web, url, query, says):
    r = web.get(url.format(query))
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert says in r.text and "zq " * 100 not in r.text       # the query is never echoed whole
    if url.startswith("/search"):                             # the search form keeps what may be searched
        assert lxml.html.fromstring(r.text).xpath("//form[@id='search']//input[@name='q']/@value")[0] == \
            query.strip()[:200]


def test_a_query_of_the_most_words_allowed_is_answered(web):
    from swapwatch import params

    assert params.MAX_QUERY_WORDS == MAX_QUERY_WORDS
    words = " ".join(["Gershkovich"] * MAX_QUERY_WORDS)
    assert web.get("/api/search", params={"q": words}).status_code == 200
    assert web.get("/search", params={"q": words}).status_code == 200


def test_snippets_read_a_bounded_window_of_the_article():
    near = "x " * 50 + "Orlova was detained. " + "filler " * 300_000 + "zqfar marker."
    assert "Orlova" in shape.snippet(near, "orlova zqfar")
    far = "filler " * 300_000 + "zqfar marker."             # 2.1 MB: the word lies past the window
    assert shape.snippet(far, "zqfar").startswith("filler filler") and "zqfar" not in shape.snippet(far, "zqfar")


def test_search_reads_only_a_window_of_each_long_article(store):
    from swapwatch.model import Article, Relevance
    from swapwatch.store import browse

    text = "Orlova was detained in Minsk. " + "filler words here. " * 100_000     # 1.9 MB
    store.add_articles([(Article(id="long-1", text=text, title="A long one", source="long.txt"),
                         Relevance(score=0.0, relevant=False, reasons=[]))])
    with read.reading(store) as conn:
        window = browse.article_texts(conn, ["long-1"], chars=shape.SNIPPET_WINDOW)["long-1"]
    assert len(window) == shape.SNIPPET_WINDOW and text.startswith(window)
    found = read.search(store, "orlova minsk")
    assert [a["id"] for a in found["articles"]] == ["long-1"] and "Orlova" in found["articles"][0]["snippet"]


def test_no_api_read_holds_the_event_loop(web):
    """Database work in an ``async`` route runs on the event loop and stalls every other client."""
    from swapwatch.web import api, pages

    reads = [r for r in [*api.router.routes, *pages.router.routes] if isinstance(r, APIRoute) and "GET" in r.methods]
    assert len(reads) >= 10
    assert [r.path for r in reads if inspect.iscoroutinefunction(r.endpoint)] == []


# -- 2. limits and the answer cache ------------------------------------------------------------

@pytest.mark.parametrize("url", ["/api/held?limit=100000", "/api/held?limit=501", "/api/exchanges?limit=100000",
                                 "/api/persons?limit=501", "/api/articles?limit=100000", "/api/search?q=x&limit=101",
                                 f"/api/exchanges?limit={HUGE}"])
def test_every_limit_is_capped_with_a_clear_422(web, url):
    r = web.get(url)
    assert_error(r, 422, "invalid_request")
    assert "limit" in r.json()["error"]["message"]


@pytest.mark.parametrize("url", ["/?limit=100000", "/persons?limit=501", f"/articles?limit={HUGE}"])
def test_page_limits_are_capped_too(web, url):
    r = web.get(url)
    assert r.status_code == 422 and "limit" in r.text


def test_held_answers_at_most_a_page_and_says_it_was_cut(demo_store):  # noqa: F811
    assert read.still_held(demo_store, limit=1)["truncated"] is True
    with pytest.raises(read.InvalidRequest):
        read.still_held(demo_store, limit=read.MAX_LIMIT + 1)


def _cache_of(app) -> AnswerCache:
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, CachedAnswers):
        layer = getattr(layer, "app", None)
    assert layer is not None
    return layer.cache


def test_junk_parameters_do_not_bypass_the_answer_cache(demo_store):  # noqa: F811
    client = TestClient(create_app(store=demo_store))
    first = client.get("/api/persons?limit=3&_=1")
    for url in ["/api/persons?limit=3&_=2", "/api/persons?_=3&limit=3&utm_source=x", "/api/persons?limit=3"]:
        again = client.get(url)
        assert again.status_code == 200 and again.content == first.content
    other = client.get("/api/persons?limit=2&limit=3")          # the last of a repeated parameter counts
    swapped = client.get("/api/persons?limit=3&limit=2")
    assert other.json()["limit"] == 3 and swapped.json()["limit"] == 2
    cache = _cache_of(client.app)
    assert cache.hits == (0 if BACKEND == "postgresql" else 4)   # PostgreSQL: no change token, nothing kept


# -- 3. no 500s ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [f"/?offset={HUGE}", f"/persons?offset={HUGE}", f"/articles?offset={HUGE}",
                                 "/?offset=10000001", f"/persons?limit={HUGE}", f"/?offset=-{HUGE}"])
def test_huge_offsets_on_pages_are_a_422_page(web, url):
    r = web.get(url)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html"), r.text[:200]


@pytest.mark.parametrize("url", [f"/api/exchanges?offset={HUGE}", f"/api/persons?offset={HUGE}",
                                 f"/api/articles?offset={HUGE}", "/api/articles?offset=10000001"])
def test_huge_offsets_in_the_api_are_a_422(web, url):
    assert_error(web.get(url), 422, "invalid_request")


def test_the_read_layer_refuses_offsets_no_database_can_hold(demo_store):  # noqa: F811
    for view in (read.list_exchanges, read.list_persons, read.list_articles):
        with pytest.raises(read.InvalidRequest):
            view(demo_store, offset=2 ** 63)


NUL_API = ["/api/exchanges?country=%00", "/api/exchanges?country=Rus%00sia", "/api/persons?held_by=%00",
           "/api/held?held_by=%00", "/api/exchanges?q=%00", "/api/persons?q=a%00b", "/api/articles?q=%00",
           "/api/search?q=%00", "/api/exchanges/%00", "/api/persons/x%00", "/api/articles/%00"]
NUL_PAGES = ["/?country=%00", "/?q=%00", "/persons?held_by=%00", "/persons?q=%00", "/held?held_by=%00",
             "/search?q=%00", "/articles?q=%00", "/exchanges/%00", "/persons/%00", "/articles/%00"]


@pytest.mark.parametrize("url", NUL_API)
def test_a_nul_byte_in_any_api_parameter_is_a_422(web, url):
    r = web.get(url)
    assert_error(r, 422, "invalid_request")
    assert "\x00" not in r.text


@pytest.mark.parametrize("url", NUL_PAGES)
def test_a_nul_byte_in_any_page_parameter_is_a_422_page(web, url):
    r = web.get(url)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html"), r.text[:300]


@pytest.fixture(scope="module")
def writer(demo_store):  # noqa: F811
    with TestClient(create_app(store=demo_store, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
                                  b"[" * 100_000], ids=["arrays", "objects", "unclosed"])
def test_deeply_nested_json_uploads_are_refused_before_parsing(writer, body):
    r = writer.post("/api/articles", content=body,
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert_error(r, 422, "invalid_request")
    assert "nested" in r.json()["error"]["message"]


def test_brackets_inside_an_article_text_are_not_nesting(writer):
    record = {"title": "Brackets", "text": "Notes [1] [[2]] {3} " * 200 + "The reporter was detained in Minsk."}
    r = writer.post("/api/articles", content=json.dumps(record),
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert r.status_code in (200, 201), r.text


# -- 4. a time budget per request ----------------------------------------------------------------

SLOW_SQL = {"sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) "
                      "SELECT count(*) FROM c",
            "postgresql": "SELECT pg_sleep(60)"}


@pytest.mark.parametrize("through", ["sqlalchemy", "driver cursor"])
def test_a_query_past_its_budget_is_stopped_by_the_database(store, through):
    from swapwatch.errors import OverBudget
    from swapwatch.read.budget import time_budget

    start = time.monotonic()
    with pytest.raises(OverBudget), time_budget(0.3):
        with read.reading(store) as conn:
            if through == "sqlalchemy":
                conn.exec_driver_sql(SLOW_SQL[BACKEND]).scalar()
            else:                                      # as store/browse.py's by-id fetchers run
                cursor = conn.connection.cursor()
                cursor.execute(SLOW_SQL[BACKEND])
                cursor.fetchall()
    stopped_after = time.monotonic() - start
    with read.reading(store) as conn:                  # the connection is whole and unlimited again
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1
    assert stopped_after < 30                          # the query alone would run for minutes


def test_reads_without_a_budget_are_not_limited(store):
    with read.reading(store) as conn:
        assert conn.exec_driver_sql("SELECT 2").scalar() == 2


def test_a_request_over_its_budget_is_answered_503_with_retry_after(demo_store):  # noqa: F811
    settings = load_settings(demo_store.url).with_(request_budget_s=1e-6)
    with TestClient(create_app(store=demo_store, settings=settings, answer_cache=False)) as c:
        r = c.get("/api/exchanges")
        assert_error(r, 503, "over_budget")
        assert r.headers["retry-after"] == "1"
        page = c.get("/persons")
        assert page.status_code == 503 and page.headers["retry-after"] == "1"
        assert "busy" in page.text and page.headers["content-type"].startswith("text/html")
        assert c.get("/api/health").status_code == 200          # health is never held back


def test_statistics_are_made_whole_whatever_the_budget_of_the_request_that_asks(demo_store):  # noqa: F811
    """They read every exchange (seconds on a big database) and every later request shares them."""
    read.forget(demo_store)
    settings = load_settings(demo_store.url).with_(request_budget_s=1e-6)
    with TestClient(create_app(store=demo_store, settings=settings, answer_cache=False)) as c:
        assert c.get("/api/exchanges").status_code == 503
        stats = c.get("/api/stats")
        assert stats.status_code == 200 and stats.json()["released_per_country"]


def test_a_request_that_waits_past_its_budget_for_a_turn_is_answered_503():
    from swapwatch.web.budget import RequestBudget

    release = asyncio.Event()
    statuses: list[int] = []

    async def slow_app(scope, receive, send):          # a route that takes its time
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    budget = RequestBudget(slow_app, seconds=0.2, slots=1)

    async def call(path: str) -> None:
        async def send(message):
            if message["type"] == "http.response.start":
                statuses.append(message["status"])
                if message["status"] == 503:
                    assert (b"retry-after", b"1") in message["headers"]

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": [],
                 "root_path": "", "scheme": "http", "server": ("t", 80)}
        await budget(scope, receive, send)

    async def main() -> None:
        first = asyncio.create_task(call("/api/exchanges"))
        await asyncio.sleep(0.05)
        await call("/api/persons")                      # waits 0.2 s for the one turn, then gives up
        release.set()
        await first

    asyncio.run(main())
    assert statuses == [503, 200]


# -- 5. serving details --------------------------------------------------------------------------

@pytest.mark.parametrize("path, location", [("/static", "/static/"), ("/persons/", "/persons"),
                                            ("/api/persons/?limit=2", "/api/persons?limit=2")])
def test_slash_redirects_are_relative_and_never_echo_the_host(web, path, location):
    r = web.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    assert r.status_code in (307, 308) and r.headers["location"] == location
    assert "evil" not in r.text


HEAD_URLS = ["/", "/persons", "/held", "/articles", "/search?q=Gershkovich", "/api/docs", "/api/exchanges",
             "/api/persons?limit=2", "/api/held", "/api/articles", "/api/stats", "/api/search?q=Gershkovich",
             "/api/health", "/exchanges/{exchange}", "/persons/{person}", "/articles/{article}",
             "/api/exchanges/{exchange}", "/api/persons/{person}", "/api/articles/{article}", "/static/swapwatch.css"]


@pytest.mark.parametrize("url", HEAD_URLS)
def test_head_answers_like_get_without_a_body(web, ids, url):
    url = url.format(**ids)
    got, head = web.get(url), web.head(url)
    assert got.status_code == 200 and head.status_code == 200, head.text
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-security-policy"] == got.headers["content-security-policy"]


def test_head_of_a_missing_record_is_a_404(web):
    assert web.head("/api/persons/p-nope").status_code == 404


@pytest.fixture
def read_only_url(db_url: str, request: pytest.FixtureRequest) -> str:
    """A database ingested by the CLI's path (no search structures yet), then opened read-only:
    SQLite with mode=ro (root ignores file permissions), PostgreSQL with read-only transactions."""
    from pathlib import Path

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from swapwatch.service import ingest
    from swapwatch.store import open_store

    with open_store(db_url) as store:
        ingest(store, [Path(__file__).resolve().parents[1] / "examples" / "articles"], load_settings(db_url))
    url = make_url(db_url)
    if BACKEND == "postgresql":
        admin = create_engine(request.getfixturevalue("pg_admin_url"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{url.database}" SET default_transaction_read_only = on'))
        admin.dispose()
        return db_url
    return f"sqlite:///file:{url.database}?mode=ro&uri=true"


def test_a_read_only_database_is_served_read_only(read_only_url, caplog):
    from swapwatch.store import open_store

    with open_store(read_only_url, create=False) as store, caplog.at_level("WARNING"):
        app = create_app(store=store)
        with TestClient(app, raise_server_exceptions=False) as c:
            found = c.get("/api/search?q=griner")
            assert found.status_code == 200, found.text
            assert "Brittney Griner" in [p["name"] for p in found.json()["persons"]]
            assert c.get("/api/persons?q=griner").json()["total"] >= 1
            assert c.get("/api/persons?category=athlete").json()["total"] >= 1
            assert c.get("/api/exchanges?country=Russia").json()["total"] >= 1
            assert c.get("/search?q=griner").status_code == 200
    said = [r for r in caplog.records if "read-only" in r.getMessage()]
    assert len(said) == 1 and "LIKE" in said[0].getMessage()


# -- the real server ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served_url(demo_db: str):
    """``swapwatch serve`` on the demo database, in its own process (the serving tuning included)."""
    import socket
    import subprocess

    from conftest import swapwatch_command

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(swapwatch_command("serve", "--db", demo_db, "--port", str(port)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(300):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_the_served_app_answers_head_redirects_relatively_and_documents_every_route(served_url):
    import httpx

    with httpx.Client(base_url=served_url, timeout=10) as c:
        head = c.head("/persons")
        assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 1000
        moved = c.get("/static", headers={"Host": "evil.example"})
        assert moved.status_code == 307 and moved.headers["location"] == "/static/"
        assert c.get(f"/?offset={HUGE}").status_code == 422
        assert c.get("/api/persons?held_by=%00").status_code == 422
        assert len(c.get("/api/openapi.json").json()["paths"]) >= 10        # made once all routes were in
        assert c.get("/api/stats?_=1").content == c.get("/api/stats?_=2").content
