"""URLs, feeds and watch mode end to end, against a site on 127.0.0.1 (never the internet):
every new item is ingested once, nothing is fetched twice, a failing feed never stops the
others, each error shows in the feed state, and a killed watch resumes without refetching."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest
from typer.testing import CliRunner

from conftest import swapwatch_command
from live_site import Reply, atom, rss, standard_site
from swapwatch.cli import app

FAST_ENV = {"SWAPWATCH_FETCH_TIMEOUT_S": "0.5", "SWAPWATCH_FETCH_TOTAL_TIMEOUT_S": "5",
            "SWAPWATCH_FETCH_BACKOFF_S": "0.05", "SWAPWATCH_FETCH_MAX_RETRY_AFTER_S": "2",
            "SWAPWATCH_FETCH_HOST_INTERVAL_S": "0", "SWAPWATCH_FETCH_RETRIES": "1"}


@pytest.fixture
def site(monkeypatch):
    for key, value in FAST_ENV.items():
        monkeypatch.setenv(key, value)
    s = standard_site().start()
    yield s
    s.stop()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def lines(text: str, prefix: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(prefix)]


def feeds_json(runner, db) -> list[dict]:
    result = runner.invoke(app, ["feeds", "list", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- ingest URL ---------------------------------------------------------------------------------

def test_ingest_urls_stores_each_once_and_names_each_failure(runner, site, db_url):
    urls = [site.url(p) for p in ("/articles/a1.html", "/articles/a2.html", "/articles/a1.html", "/error.html",
                                  "/private/secret.html", "/loop/a", "/articles/slow.html", "/picture.png")]
    site.slow_delay = 2.0
    result = runner.invoke(app, ["ingest", *urls, "--db", db_url])
    assert result.exit_code == 1, result.output
    assert "web pages: ingested 2, duplicates 0" in result.stdout and "failed 5" in result.stdout
    failed = lines(result.stderr, "failed: ")
    assert len(failed) == 5
    for path, why in (("/error.html", "HTTP 500"), ("/private/secret.html", "robots.txt"), ("/loop/a", "redirect loop"),
                      ("/articles/slow.html", "timed out"), ("/picture.png", "not a web page")):
        assert any(line.startswith(f"failed: {site.url(path)}: ") and why in line for line in failed), (path, failed)
    assert site.count("/articles/a1.html") == 1             # named twice, fetched once

    again = runner.invoke(app, ["ingest", site.url("/articles/a1.html"), site.url("/articles/a2.html"), "--db", db_url])
    assert again.exit_code == 0 and "ingested 0, duplicates 2" in again.stdout
    assert site.count("/articles/a1.html") == 1 and site.count("/articles/a2.html") == 1   # never refetched
    listed = runner.invoke(app, ["articles", "--json", "--db", db_url])
    assert sorted(a["url"] for a in json.loads(listed.stdout)) == [site.url("/articles/a1.html"),
                                                                  site.url("/articles/a2.html")]


def test_ingest_urls_from_a_file_and_from_stdin(runner, site, tmp_path, db_url):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's reading\n{site.url('/articles/a1.html')}\n\n{site.url('/articles/a3.html')}\n")
    result = runner.invoke(app, ["ingest", "--urls", str(listing), "--db", db_url])
    assert result.exit_code == 0 and "ingested 2" in result.stdout, result.output
    piped = runner.invoke(app, ["ingest", "--urls", "-", "--db", db_url],
                          input=f"{site.url('/articles/a3.html')}\n{site.url('/articles/a4.html')}\n")
    assert piped.exit_code == 0 and "ingested 1, duplicates 1" in piped.stdout, piped.output


def test_a_cut_page_is_one_line_and_still_ingested(runner, site, db_url):
    result = runner.invoke(app, ["ingest", site.url("/huge.html"), "--max-bytes", "200000", "--db", db_url])
    assert result.exit_code == 0, result.output
    [cut] = lines(result.stderr, "cut: ")
    assert site.url("/huge.html") in cut and "only its first" in cut
    assert "ingested 1" in result.stdout


def test_ingest_with_nothing_to_ingest_is_one_line(runner, tmp_path):
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 2 and "nothing to ingest" in result.output
    missing = runner.invoke(app, ["ingest", "--urls", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.sqlite")])
    assert missing.exit_code == 2 and "cannot read the URL list" in missing.output
    assert not (tmp_path / "x.sqlite").exists()


# -- feeds --------------------------------------------------------------------------------------

def test_feeds_add_list_remove(runner, site, db_url):
    url = site.url("/feeds/world.xml")
    added = runner.invoke(app, ["feeds", "add", url, "--db", db_url])
    assert added.exit_code == 0 and f"feed 1 added: {url}" in added.stdout, added.output
    assert site.log == []                                   # adding fetches nothing
    twice = runner.invoke(app, ["feeds", "add", url, "--db", db_url])
    assert twice.exit_code == 2 and "already" in twice.output
    bad = runner.invoke(app, ["feeds", "add", "file:///etc/passwd", "--db", db_url])
    assert bad.exit_code == 2 and "not an http(s) URL" in bad.output
    [feed] = feeds_json(runner, db_url)
    assert feed["url"] == url and feed["items_seen"] == 0 and feed["last_success_at"] is None
    missing = runner.invoke(app, ["feeds", "remove", "7", "--db", db_url])
    assert missing.exit_code == 1 and "no feed '7'" in missing.output
    gone = runner.invoke(app, ["feeds", "remove", url, "--db", db_url])
    assert gone.exit_code == 0 and feeds_json(runner, db_url) == []


def test_a_hostile_feed_title_and_error_print_as_written_on_one_line(runner, site, db_url):
    title = "[bold red]Breaking[/bold red] \x1b[31mnews\nline two"
    site.feed("/feeds/odd.xml", rss(["a1"], site.base, title=title.replace("\x1b", "&#27;")), etag='"o"')
    runner.invoke(app, ["feeds", "add", site.url("/feeds/odd.xml"), "--db", db_url])
    runner.invoke(app, ["watch", "--once", "--db", db_url])
    site.routes["/feeds/odd.xml"] = lambda h: Reply(500, b"", {})
    runner.invoke(app, ["watch", "--once", "--db", db_url])
    listed = runner.invoke(app, ["feeds", "list", "--db", db_url])
    assert "[bold red]Breaking[/bold red]" in listed.stdout and "\x1b" not in listed.stdout
    assert "1 item seen" in listed.stdout and r"\x1b[31mnews\nline two" in listed.stdout
    [error] = [line for line in listed.stdout.splitlines() if "last error" in line]
    assert "HTTP 500" in error and "(1 in a row)" in error


def test_watch_refuses_a_missing_database_and_a_bad_interval(runner, tmp_path, db_url, site):
    missing = runner.invoke(app, ["watch", "--once", "--db", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "no database" in missing.output
    runner.invoke(app, ["feeds", "add", site.url("/feeds/world.xml"), "--db", db_url])
    for every in ("5s", "soon"):
        bad = runner.invoke(app, ["watch", "--every", every, "--db", db_url])
        assert bad.exit_code == 2 and "--every" in bad.output


# -- watch --------------------------------------------------------------------------------------

def news_site(site):
    """Good feeds (RSS, Atom, empty, one whose ETag changes every time) and broken ones."""
    site.feed("/feeds/world.xml", rss(["a1", "a2"], site.base), etag='"world-1"')
    site.feed("/feeds/rights.xml", atom(["a3", "a2"], site.base), content_type="application/atom+xml")
    site.feed("/feeds/empty.xml", rss([], site.base, title="Quiet"), etag='"empty"')
    turns = {"n": 0}

    def changing_etag() -> str:
        turns["n"] += 1
        return f'"turn-{turns["n"]}"'

    site.feed("/feeds/changing.xml", rss(["a4"], site.base), etag=changing_etag)
    site.page("/feeds/broken.xml", b"<rss><channel><item><title>cut off", "application/rss+xml")
    site.routes["/feeds/down.xml"] = lambda h: Reply(500, b"", {})
    site.routes["/feeds/gone.xml"] = lambda h: Reply(404, b"", {})
    site.page("/private/feed.xml", rss(["a1"], site.base), "application/rss+xml")
    return ["/feeds/world.xml", "/feeds/rights.xml", "/feeds/empty.xml", "/feeds/changing.xml",
            "/feeds/broken.xml", "/feeds/down.xml", "/feeds/gone.xml", "/private/feed.xml"]


PAGES = ["/articles/a1.html", "/articles/a2.html", "/articles/a3.html", "/articles/a4.html"]


def test_watch_once_ingests_every_new_item_and_the_second_cycle_fetches_nothing(runner, site, db_url):
    for path in news_site(site):
        assert runner.invoke(app, ["feeds", "add", site.url(path), "--db", db_url]).exit_code == 0
    first = runner.invoke(app, ["watch", "--once", "--db", db_url])
    assert first.exit_code == 1, first.output               # some feeds failed, the others went on
    assert "8 feeds (4 failed), 5 new items: ingested 4, duplicates 1" in first.stdout, first.output
    assert all(site.count(p) == 1 for p in PAGES)           # a2 is in two feeds: fetched once
    assert len(lines(first.stderr, "failed: ")) == 4

    site.log.clear()
    second = runner.invoke(app, ["watch", "--once", "--db", db_url])
    assert "0 new items: ingested 0" in second.stdout, second.output
    assert [s for _, _, s in site.requests_for("/feeds/world.xml")] == [304]
    assert [s for _, _, s in site.requests_for("/feeds/empty.xml")] == [304]
    assert site.requests_for("/feeds/world.xml")[0][1]["if-none-match"] == '"world-1"'
    assert site.requests_for("/feeds/rights.xml")[0][1]["if-modified-since"] == "Mon, 03 Feb 2025 10:00:00 GMT"
    assert [s for _, _, s in site.requests_for("/feeds/changing.xml")] == [200]   # new ETag: read again ...
    assert not any(site.count(p) for p in PAGES)            # ... but no article page is refetched
    assert site.count("/feeds/down.xml") == 2 and site.count("/feeds/broken.xml") == 1   # failed feeds retried

    state = {f["url"].removeprefix(site.base): f for f in feeds_json(runner, db_url)}
    assert state["/feeds/world.xml"]["items_seen"] == 2 and state["/feeds/world.xml"]["last_error"] is None
    assert state["/feeds/rights.xml"]["items_seen"] == 2 and state["/feeds/empty.xml"]["items_seen"] == 0
    assert state["/feeds/world.xml"]["title"] == "Example News: world" and state["/feeds/world.xml"]["last_success_at"]
    for path, why in (("/feeds/broken.xml", "malformed XML"), ("/feeds/down.xml", "HTTP 500"),
                      ("/feeds/gone.xml", "HTTP 404"), ("/private/feed.xml", "robots.txt")):
        assert why in state[path]["last_error"] and state[path]["last_success_at"] is None, (path, state[path])
        assert state[path]["failures_in_a_row"] == 2
    listed = runner.invoke(app, ["feeds", "list", "--db", db_url])
    assert listed.exit_code == 0 and listed.stdout.count("last error") == 4 and "2 items seen" in listed.stdout


def test_two_cycles_of_one_watch_ask_only_the_feeds_the_second_time(site, db_url):
    """In one process, as `swapwatch watch` runs: the second cycle is conditional GETs only."""
    import threading

    from swapwatch.fetch.options import load_fetch_options
    from swapwatch.live import add_feed, watch
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    site.feed("/feeds/world.xml", rss(["a1", "a2"], site.base), etag='"world-1"')
    stop, reports = threading.Event(), []

    def cycle_done(report) -> None:
        reports.append(report)
        if len(reports) == 2:
            stop.set()

    settings = load_settings(db_url)
    with open_store(settings.db_url) as store:
        add_feed(store, site.url("/feeds/world.xml"))
        watch(store, settings, load_fetch_options(), every_s=0.05, stop=stop, on_cycle=cycle_done)
    assert [r.summary.ingested for r in reports] == [2, 0] and not reports[1].stopped
    assert [(path, status) for path, _, status in site.log] == [
        ("/robots.txt", 200), ("/feeds/world.xml", 200), ("/articles/a1.html", 200), ("/articles/a2.html", 200),
        ("/feeds/world.xml", 304)]


def test_a_page_refused_for_good_is_recorded_and_a_transient_one_retried(runner, site, db_url):
    site.feed("/feeds/mixed.xml", lambda: (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>'
        f"<item><link>{site.base}/picture.png</link></item><item><link>{site.base}/error.html</link></item>"
        f"<item><link>{site.base}/articles/a1.html</link></item></channel></rss>").encode(), etag='"m"')
    runner.invoke(app, ["feeds", "add", site.url("/feeds/mixed.xml"), "--db", db_url])
    first = runner.invoke(app, ["watch", "--once", "--db", db_url])
    assert "3 new items: ingested 1" in first.stdout and first.exit_code == 1, first.output
    [feed] = feeds_json(runner, db_url)
    assert feed["items_seen"] == 2 and feed["items_refused"] == 1 and feed["last_error"] is None
    assert feed["last_item_error"].startswith(f"{site.base}/error.html: HTTP 500")     # transient: shown too
    assert feed["last_item_error_at"]
    listed = runner.invoke(app, ["feeds", "list", "--db", db_url])
    assert "2 items seen (1 refused)" in listed.stdout and "last item error" in listed.stdout
    second = runner.invoke(app, ["watch", "--once", "--db", db_url])
    # the 500 page was not handled for good, so the feed's ETag was not kept: read again, only it retried
    assert "1 new item:" in second.stdout, second.output
    assert [s for _, _, s in site.requests_for("/feeds/mixed.xml")] == [200, 200]
    assert site.count("/picture.png") == 1 and site.count("/articles/a1.html") == 1 and site.count("/error.html") == 4


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_watch_resumes_without_refetching(site, db_url, how):
    site.slow_delay = 4.0
    site.feed("/feeds/world.xml", rss(["a1", "a2", "slow", "a3"], site.base), etag='"w"')
    env = {**os.environ, **FAST_ENV, "SWAPWATCH_FETCH_TIMEOUT_S": "10"}
    subprocess.run(swapwatch_command("feeds", "add", site.url("/feeds/world.xml"), "--db", db_url), env=env,
                   check=True, capture_output=True)
    watcher = subprocess.Popen(swapwatch_command("watch", "--db", db_url), env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: site.count("/articles/slow.html") == 1)     # a1 and a2 are stored by now
        watcher.send_signal(how)
        out, errors = watcher.communicate(timeout=60)
    finally:
        watcher.kill()
    if how == signal.SIGTERM:
        assert watcher.returncode == 0, errors
        assert "stopped" in out and "ingested 3" in out, out      # the page under way was finished, a3 left
        assert site.count("/articles/a3.html") == 0
    else:
        assert watcher.returncode == -signal.SIGKILL
    site.slow_delay = 0
    again = subprocess.run(swapwatch_command("watch", "--once", "--db", db_url), env=env, capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert site.count("/articles/a1.html") == 1 and site.count("/articles/a2.html") == 1
    assert site.count("/articles/a3.html") == 1
    assert site.count("/articles/slow.html") == (1 if how == signal.SIGTERM else 2)
    assert site.count("/feeds/world.xml") == 2              # the cut cycle kept no ETag: read again in full
    with_state = subprocess.run(swapwatch_command("feeds", "list", "--json", "--db", db_url), env=env,
                                capture_output=True, text=True, check=True)
    assert json.loads(with_state.stdout)[0]["items_seen"] == 4
