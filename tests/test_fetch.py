"""The polite fetcher, the page reader and the feed parser against a site on 127.0.0.1 (never
the internet): each misbehaviour is one clear failure, and the request log shows what was asked."""
from __future__ import annotations

import time
import tracemalloc

import pytest

from live_site import ARTICLES, Reply, article_html, atom, rss, standard_site
from swapwatch.fetch.client import Fetcher, FetchError, retry_after
from swapwatch.fetch.feeds import FeedError, parse_feed
from swapwatch.fetch.options import USER_AGENT, load_fetch_options
from swapwatch.fetch.pages import read_page, url_lines
from swapwatch.ingest.failure import Notice
from swapwatch.model import Article
from swapwatch.settings import load_settings

FAST = dict(timeout_s=0.5, total_timeout_s=5, backoff_s=0.05, max_retry_after_s=2, host_interval_s=0, retries=2)


@pytest.fixture
def site():
    s = standard_site().start()
    yield s
    s.stop()


@pytest.fixture
def fetcher():
    with Fetcher(load_fetch_options(**FAST), max_bytes=1024 * 1024) as f:
        yield f


def reason(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert "\n" not in caught.value.reason
    return caught.value.reason


def test_a_page_is_fetched_with_swapwatch_user_agent_after_robots_txt(site, fetcher):
    got = fetcher.get(site.url("/articles/a1.html"))
    assert got.status == 200 and got.body == article_html("a1") and got.content_type == "text/html"
    assert [path for path, _, _ in site.log] == ["/robots.txt", "/articles/a1.html"]
    assert all(headers["user-agent"] == USER_AGENT for _, headers, _ in site.log)
    assert USER_AGENT.startswith("swapwatch/") and "+http" in USER_AGENT
    fetcher.get(site.url("/articles/a2.html"))
    assert site.count("/robots.txt") == 1                  # cached per host


def test_robots_txt_is_read_again_after_its_time_to_live(site):
    with Fetcher(load_fetch_options(**FAST, robots_ttl_s=0.2), max_bytes=1024 * 1024) as fetcher:
        fetcher.get(site.url("/articles/a1.html"))
        fetcher.get(site.url("/articles/a2.html"))
        assert site.count("/robots.txt") == 1
        time.sleep(0.3)
        fetcher.get(site.url("/articles/a3.html"))
        assert site.count("/robots.txt") == 2


def test_robots_txt_forbids_a_path_and_it_is_never_requested(site, fetcher):
    assert "robots.txt" in reason(fetcher, site.url("/private/secret.html"))
    assert site.count("/private/secret.html") == 0


@pytest.mark.parametrize("status, allowed", [(404, True), (403, False)])
def test_a_missing_robots_txt_allows_and_a_forbidden_one_forbids(site, fetcher, status, allowed):
    site.routes["/robots.txt"] = lambda h: Reply(status, b"", {})
    if allowed:
        assert fetcher.get(site.url("/articles/a1.html")).status == 200
    else:
        assert "robots.txt" in reason(fetcher, site.url("/articles/a1.html"))
        assert site.count("/articles/a1.html") == 0


def test_robots_txt_that_fails_is_a_transient_failure_not_a_guess(site, fetcher):
    site.routes["/robots.txt"] = lambda h: Reply(503, b"", {})
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/articles/a1.html"))
    assert caught.value.transient and "robots.txt" in caught.value.reason
    assert site.count("/articles/a1.html") == 0


def test_a_slow_page_times_out(site, fetcher):
    site.slow_delay = 5.0
    started = time.monotonic()
    assert "timed out" in reason(fetcher, site.url("/articles/slow.html"))
    assert time.monotonic() - started < 4                   # the 0.5 s timeout, not the server's 5 s


def test_a_500_is_retried_a_bounded_number_of_times(site, fetcher):
    assert reason(fetcher, site.url("/error.html")) == "HTTP 500 Internal Server Error (3 tries)"
    assert site.count("/error.html") == 3


def test_a_429_waits_for_retry_after_then_succeeds(site, fetcher):
    started = time.monotonic()
    got = fetcher.get(site.url("/busy.html"))
    assert got.status == 200 and time.monotonic() - started >= 0.95
    assert [status for _, _, status in site.requests_for("/busy.html")] == [429, 200]


def test_a_retry_after_past_the_cap_fails_at_once(site, fetcher):
    text = reason(fetcher, site.url("/patience.html"))
    assert "3600 s" in text and "429" in text
    assert site.count("/patience.html") == 1


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_redirect_loop_is_named(site, fetcher):
    assert reason(fetcher, site.url("/loop/a")).startswith("redirect loop")
    assert site.count("/loop/a") == 1 and site.count("/loop/b") == 1


def test_a_redirect_is_followed_and_checked_against_robots(site, fetcher):
    got = fetcher.get(site.url("/moved.html"))
    assert got.final_url == site.url("/articles/a2.html") and got.url == site.url("/moved.html")
    site.routes["/sneaky.html"] = lambda h: Reply(302, b"", {"Location": "/private/secret.html"})
    assert "robots.txt" in reason(fetcher, site.url("/sneaky.html"))
    assert site.count("/private/secret.html") == 0


def test_a_50_mb_page_is_cut_at_the_cap_without_holding_it(site, fetcher):
    tracemalloc.start()
    try:
        got = fetcher.get(site.url("/huge.html"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got.truncated and len(got.body) == 1024 * 1024
    assert peak < 8 * 1024 * 1024                           # the 1 MB cap and a few chunks, not 50 MB


def test_only_web_urls_are_fetched(fetcher):
    for url in ("file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x", "http:///nohost"):
        assert reason(fetcher, url) == "not an http(s) URL"
    for url in ("http://[::1/x", "http://\u2028.example/", "http://" + "a" * 300 + ".example/"):
        assert reason(fetcher, url).startswith("not a valid URL")


def test_conditional_get_is_answered_not_modified(site, fetcher):
    site.feed("/feed.xml", rss(["a1"], site.base), etag='"v1"')
    first = fetcher.get(site.url("/feed.xml"))
    again = fetcher.get(site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and first.etag == '"v1"' and again.not_modified and again.body == b""
    assert site.requests_for("/feed.xml")[1][1]["if-none-match"] == '"v1"'


def test_requests_to_one_host_are_spaced(site):
    with Fetcher(load_fetch_options(**{**FAST, "host_interval_s": 0.3}), max_bytes=1024 * 1024) as slow:
        started = time.monotonic()
        for key in ("a1", "a2", "a3"):
            slow.get(site.url(f"/articles/{key}.html"))
        assert time.monotonic() - started >= 0.9            # robots.txt + 3 pages: 3 intervals at least


def test_a_stop_cuts_a_retry_wait_short(site, fetcher):
    import threading

    site.routes["/later.html"] = lambda h: Reply(503, b"", {"Retry-After": "2"})
    threading.Timer(0.3, fetcher.stop.set).start()
    started = time.monotonic()
    assert reason(fetcher, site.url("/later.html")) == "stopped"
    assert time.monotonic() - started < 3.5 and site.count("/later.html") == 1     # not 2 waits of 2 s


# -- pages --------------------------------------------------------------------------------------

def page_items(site, fetcher, path: str, **kw) -> list:
    return list(read_page(fetcher, site.url(path), load_settings("sqlite:///unused.sqlite"), **kw))


def test_a_page_becomes_an_article_with_its_title_date_and_url(site, fetcher):
    [article] = page_items(site, fetcher, "/articles/a2.html")
    assert isinstance(article, Article)
    assert article.title == ARTICLES["a2"][0] and str(article.published) == ARTICLES["a2"][1]
    assert article.source == site.url("/articles/a2.html") and "Mara Ilvento" in article.text
    assert "Home" not in article.text and "Example News" not in article.text       # navigation dropped


def test_a_page_without_a_date_takes_the_hint_or_htmldate(site, fetcher):
    [hinted] = page_items(site, fetcher, "/undated.html", published="2025-01-30")
    assert str(hinted.published) == "2025-01-30"
    site.page("/2025/01/28/undated.html", article_html("a4", dated=False))
    [found] = page_items(site, fetcher, "/2025/01/28/undated.html")
    assert str(found.published) == "2025-01-28"             # htmldate, from the URL


def test_a_cut_page_says_so_and_keeps_what_was_read(site, fetcher):
    items = page_items(site, fetcher, "/huge.html")
    assert isinstance(items[0], Notice) and "only its first 1 MB were read" in items[0].reason
    assert "SWAPWATCH_MAX_BYTES" in items[0].reason and isinstance(items[1], Article)


def test_what_is_not_a_web_page_is_refused(site, fetcher):
    from swapwatch.ingest.failure import Reject

    with pytest.raises(Reject, match="not a web page"):
        page_items(site, fetcher, "/picture.png")


def test_url_lists_skip_blanks_and_comments():
    assert url_lines("# mine\n\n https://a.example/1 \nhttps://a.example/2\n") == ["https://a.example/1",
                                                                                   "https://a.example/2"]


# -- feeds --------------------------------------------------------------------------------------

def test_rss_and_atom_entries_with_ids_links_and_dates():
    rss_feed = parse_feed(rss(["a1", "a2"], "http://news.example"), "http://news.example/feed")
    assert rss_feed.title == "Example News: world"
    assert [e.url for e in rss_feed.entries] == ["http://news.example/articles/a1.html",
                                                 "http://news.example/articles/a2.html"]
    atom_feed = parse_feed(atom(["a3"], "http://news.example"), "http://news.example/atom")
    assert atom_feed.entries[0].id == "urn:example:a3" and str(atom_feed.entries[0].published) == "2025-02-05"


def test_relative_links_resolve_and_links_that_are_not_web_pages_are_skipped():
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><link>/articles/x.html</link></item><item><link>javascript:alert(1)</link></item>"
            b"<item><link>file:///etc/passwd</link></item></channel></rss>")
    parsed = parse_feed(body, "http://news.example/feeds/world.xml")
    assert [e.url for e in parsed.entries] == ["http://news.example/articles/x.html"] and parsed.skipped == 2


def test_an_empty_feed_is_no_error():
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>quiet</title></channel></rss>'
    assert parse_feed(body, "http://news.example/feed").entries == []


@pytest.mark.parametrize("body", [b"<rss><channel><item><title>oops</titl", b"<html><body>a page</body></html>",
                                  b"", b"/etc/passwd"])
def test_what_is_not_a_feed_is_one_error_and_no_file_is_opened(body):
    with pytest.raises(FeedError) as caught:
        parse_feed(body, "http://news.example/feed")
    assert "feed" in caught.value.reason and "root:" not in caught.value.reason
