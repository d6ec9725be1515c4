"""Time the ways out on a big database: the Atom feeds and the CSV downloads.

Takes the generated database of ``benchmarks/api.py`` (100,000 exchanges, 300,000 persons, 3,000
articles by default; built once and cached in benchmarks/.cache/) or ``--db``, and asks the app
(in process, with the server's time budget and answer cache as configured) for each feed and
download ``--repeat`` times. Prints per URL: status, bytes, CSV rows or feed entries, and the
median and slowest seconds. A download that needs more than the request budget answers 503.

usage: python benchmarks/publish.py [--exchanges 100000] [--persons 300000] [--repeat 5] [--db PATH_OR_URL]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api  # noqa: E402  (the generated database)

URLS = ("/feeds/exchanges.atom", "/feeds/held.atom", "/feeds/held.atom?status=detained",
        "/api/exchanges?format=csv", "/api/exchanges?format=csv&kind=swap", "/api/persons?format=csv",
        "/api/persons?format=csv&status=detained", "/api/held?format=csv", "/api/articles?format=csv",
        "/?format=csv", "/persons?format=csv")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exchanges", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=300_000)
    parser.add_argument("--articles", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", default="", help="use this database (path or URL) instead of building one")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument("--no-answer-cache", action="store_true", help="time every answer, none kept")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from swapwatch.web.app import create_app

    db = api.ensure_database(args, lambda line: print(line, file=sys.stderr))
    with TestClient(create_app(db, answer_cache=not args.no_answer_cache)) as client:
        print(f"{'url':45} {'status':>6} {'bytes':>11} {'items':>7} {'median s':>9} {'max s':>7}")
        for url in URLS:
            times, statuses, body = [], set(), b""
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                r = client.get(url)
                times.append(time.perf_counter() - t0)
                statuses.add(r.status_code)
                body = r.content
            items = body.count(b"<entry>") if url.startswith("/feeds/") else max(0, body.count(b"\n") - 1)
            print(f"{url:45} {','.join(map(str, sorted(statuses))):>6} {len(body):>11,} {items:>7,} "
                  f"{statistics.median(times):>9.3f} {max(times):>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
