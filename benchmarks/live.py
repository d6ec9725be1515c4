"""Live ingest against a local site (tests/live_site.py on 127.0.0.1; nothing leaves the machine).

Scenarios:
  huge    one 50 MB page fetched with the default 5 MB cap and read into an article: seconds,
          the fetch's peak Python memory (tracemalloc) and the process's peak RSS
  cycle   FEEDS feeds of ENTRIES invented articles each (no per-host pause): the first watch cycle
          (every page fetched and ingested) and the second (every feed answers 304), with seconds,
          pages per second and the requests each made

usage: python benchmarks/live.py [huge] [cycle] [--feeds 5] [--entries 20]
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from live_site import ARTICLES, Site, standard_site  # noqa: E402

from swapwatch.fetch.client import Fetcher  # noqa: E402
from swapwatch.fetch.options import load_fetch_options  # noqa: E402
from swapwatch.fetch.pages import read_page  # noqa: E402
from swapwatch.settings import load_settings  # noqa: E402


def huge() -> None:
    site = standard_site().start()
    settings = load_settings("sqlite:///unused.sqlite")
    started = time.perf_counter()
    with Fetcher(load_fetch_options(host_interval_s=0), max_bytes=settings.max_bytes) as fetcher:
        tracemalloc.start()
        fetched = fetcher.get(site.url("/huge.html"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        fetch_s = time.perf_counter() - started
        items = list(read_page(fetcher, site.url("/huge.html"), settings))
    site.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"huge: 50 MB page, kept {len(fetched.body) / 2**20:.1f} MB (truncated={fetched.truncated}); "
          f"fetch {fetch_s:.2f} s, fetch peak {peak / 2**20:.1f} MB (tracemalloc); fetch + read "
          f"{time.perf_counter() - started:.2f} s, {len(items)} items; process peak RSS {rss_mb:.0f} MB")


def invented_site(feeds: int, entries: int) -> Site:
    site = Site()
    site.page("/robots.txt", b"User-agent: *\nAllow: /\n", "text/plain")
    texts = list(ARTICLES.values())
    for f in range(feeds):
        items = []
        for e in range(entries):
            title, published, text = texts[(f + e) % len(texts)]
            path = f"/news/{f}/{e}.html"
            body = (f"<html><head><title>{title} ({f}-{e})</title></head><body><article><h1>{title}</h1>"
                    f"<p>{text}</p><p>Report number {f}-{e} from the invented wire.</p></article></body></html>")
            site.page(path, body.encode())
            items.append(f"<item><title>{title}</title><link>{site.base}{path}</link></item>")
        site.feed(f"/feeds/{f}.xml", (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>'
                                      f"{''.join(items)}</channel></rss>").encode(), etag=f'"{f}"')
    return site.start()


def cycle(feeds: int, entries: int) -> None:
    from swapwatch.live import add_feed, run_cycle
    from swapwatch.store import open_store

    site = invented_site(feeds, entries)
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(f"sqlite:///{folder}/live.sqlite")
        with open_store(settings.db_url) as store:
            for f in range(feeds):
                add_feed(store, site.url(f"/feeds/{f}.xml"))
            options = load_fetch_options(host_interval_s=0)
            for turn in ("first", "second"):
                before = len(site.log)
                started = time.perf_counter()
                with Fetcher(options, max_bytes=settings.max_bytes) as fetcher:
                    report = run_cycle(store, settings, fetcher)
                took = time.perf_counter() - started
                pages = report.summary.ingested + report.summary.duplicates
                print(f"cycle {turn}: {feeds} feeds x {entries} entries: {took:.2f} s, {pages} pages "
                      f"({pages / took:.1f}/s), {len(site.log) - before} requests; {report.line()}")
    site.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", default=["huge", "cycle"])
    parser.add_argument("--feeds", type=int, default=5)
    parser.add_argument("--entries", type=int, default=20)
    args = parser.parse_args()
    for name in args.scenarios:
        huge() if name == "huge" else cycle(args.feeds, args.entries)


if __name__ == "__main__":
    main()
