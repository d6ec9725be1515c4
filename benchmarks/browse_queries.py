"""CPU per call of each web data function (swapwatch.read) on an existing database.

Measures the process's CPU time rather than wall time, so the figures stay meaningful on
a busy machine; no HTTP, no server (benchmarks/api.py measures those under load).

usage: python benchmarks/browse_queries.py DB [--repeat 40] [--only NAME ...]
       python benchmarks/browse_queries.py benchmarks/.cache/api-g1-s0003-x100000-p300000-a3000.sqlite
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable


def cases(store, rng: random.Random) -> dict[str, Callable[[], object]]:
    from swapwatch import read as data

    with store.engine.connect() as conn:
        def column(sql: str) -> list[str]:
            return [r[0] for r in conn.exec_driver_sql(sql) if r[0]]

        exchange_ids = column("SELECT id FROM exchanges ORDER BY id LIMIT 500")
        person_ids = column("SELECT id FROM persons ORDER BY id LIMIT 500")
        countries = column("SELECT DISTINCT received_by FROM sides LIMIT 50")
        surnames = column("SELECT DISTINCT alias FROM person_aliases LIMIT 20") or ["a"]
    words = [*surnames, "Moscow", "Tehran", "exchange", "espionage"]
    return {
        "exchanges": lambda: data.list_exchanges(store, offset=50 * rng.randrange(10)),
        "exchanges country": lambda: data.list_exchanges(store, country=rng.choice(countries)),
        "exchanges dates": lambda: data.list_exchanges(store, since=f"{(y := rng.randrange(2005, 2024))}-01-01",
                                                       until=f"{y + 2}-12-31"),
        "exchanges kind+country": lambda: data.list_exchanges(store, kind="swap", country=rng.choice(countries)),
        "exchanges q": lambda: data.list_exchanges(store, q=rng.choice(words)),
        "persons": lambda: data.list_persons(store),
        "persons detained": lambda: data.list_persons(store, status="detained"),
        "persons held_by": lambda: data.list_persons(store, held_by=rng.choice(countries)),
        "persons category": lambda: data.list_persons(store, category=rng.choice(("spy", "pow", "journalist"))),
        "persons q": lambda: data.list_persons(store, q=rng.choice(surnames)),
        "search": lambda: data.search(store, rng.choice(words)),
        "exchange detail": lambda: data.get_exchange(store, rng.choice(exchange_ids)),
        "person detail": lambda: data.get_person(store, rng.choice(person_ids)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="an SQLite file or database URL")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args(argv)

    from swapwatch.settings import db_url_from
    from swapwatch.store import browse, open_store

    store = open_store(db_url_from(args.db))
    started = time.perf_counter()
    browse.prepare_search(store.engine)
    print(f"search structures ready in {time.perf_counter() - started:.1f} s")
    rng = random.Random(1)
    print(f"{'call':26s} {'p50 ms':>8s} {'p90 ms':>8s} {'max ms':>8s}   (CPU time per call)")
    for name, call in cases(store, rng).items():
        if args.only and name not in args.only:
            continue
        call()
        times = []
        for _ in range(args.repeat):
            t = time.process_time()
            call()
            times.append((time.process_time() - t) * 1000)
        times.sort()
        print(f"{name:26s} {statistics.median(times):8.2f} {times[int(len(times) * 0.9)]:8.2f} {times[-1]:8.2f}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
