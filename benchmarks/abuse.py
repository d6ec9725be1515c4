"""The worst requests of issue 12 fired at the real server, while /api/health is timed.

1. Takes the database of ``benchmarks/api.py`` (100,000 generated exchanges, 300,000 persons,
   3,000 articles; built once and cached in benchmarks/.cache/) or ``--db``, and copies it with
   ``--long-articles`` articles of 1.9 million characters added (issue 12 reproduction 1 used 20),
   cached too.
2. Starts ``swapwatch serve`` on it (a subprocess, default settings: the time budget and turns of
   ``web/budget.py``).
3. ``--attackers`` clients send the worst requests one after another for ``--duration`` seconds:
   searches of 8 common words (the most allowed) and of 8 + 300 words, a 100 KB query, huge
   limits and offsets, offsets past 2**63, NUL bytes, cache-busting junk parameters, big pages.
   Meanwhile one client asks /api/health every 50 ms.
4. Prints /api/health's p50/p99/max latency, every attack's statuses and slowest answer, and
   whether the targets hold: health p99 < 100 ms and no request over 2 s. A request that takes
   longer than ``--timeout`` seconds is counted at that time and its connection dropped.

usage: python benchmarks/abuse.py [--exchanges 100000] [--long-articles 20] [--duration 30] [--attackers 8]
                                  [--db PATH_OR_URL]
       python benchmarks/abuse.py --quick      (2,000 exchanges, 4 long articles, 10 s)
On a shared machine, --nice -10 (as root) keeps other work from starving the server.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api  # noqa: E402  (the generated database, the server and the lean HTTP client)

LONG_CHARS = 1_900_000
COMMON = "prisoner exchange released freed custody talks officials sentenced"      # 8 words in every article
ZQ = " ".join(f"zq{i}" for i in range(300))
HEALTH_EVERY_S = 0.05


def attacks(rng: random.Random) -> dict[str, Callable[[], str]]:
    """Each worst request of issue 12 (reproductions 1-3), by label."""
    huge = "9223372036854775808"

    def junk() -> str:
        return str(rng.randrange(10 ** 9))

    return {
        "search page, 8 common words": lambda: "/search?" + urlencode({"q": COMMON}),
        "api search, 8 common words": lambda: "/api/search?" + urlencode({"q": COMMON}),
        "search page, 8 + 300 words": lambda: "/search?" + urlencode({"q": f"{COMMON} {ZQ}"}),
        "search page, 100 KB query": lambda: "/search?q=" + "zq+" * 33_000,
        "articles, q of 8 words, limit 500": lambda: "/api/articles?" + urlencode({"q": COMMON, "limit": 500}),
        "persons, q of 8 letters": lambda: "/api/persons?" + urlencode({"q": "a b c d e f g h", "limit": 500}),
        "exchanges, q common word, limit 500": lambda: "/api/exchanges?" + urlencode({"q": "exchange", "limit": 500}),
        "held, limit 100000": lambda: f"/api/held?limit=100000&_={junk()}",
        "held, limit 500 + junk": lambda: f"/api/held?limit=500&_={junk()}",
        "persons page 500, deep offset + junk": lambda: f"/api/persons?limit=500&offset={rng.randrange(250_000)}"
                                                        f"&_={junk()}",
        "exchanges 500, offset 10M": lambda: "/api/exchanges?limit=500&offset=10000000",
        "timeline, offset 2**63": lambda: f"/?offset={huge}",
        "persons page, offset 2**63": lambda: f"/persons?offset={huge}",
        "articles page, offset 2**63": lambda: f"/articles?offset={huge}",
        "NUL in held_by": lambda: "/api/persons?held_by=" + quote("Rus\x00sia"),
        "NUL in country": lambda: "/api/exchanges?country=%00",
        "stats + junk": lambda: f"/api/stats?_={junk()}",
        "held page": lambda: f"/held?_={junk()}",
        "persons page 500 + q": lambda: "/persons?" + urlencode({"limit": 500, "q": "petrov", "_": junk()}),
    }


def long_article_db(base: str, n: int, log: Callable[[str], None]) -> str:
    """A copy of ``base`` (an SQLite file) with ``n`` articles of LONG_CHARS characters added, cached."""
    if n <= 0:
        return base
    target = Path(base).with_name(Path(base).stem.replace("api-", "abuse-") + f"-long{n}.sqlite")
    if target.exists():
        log(f"using cached database {target.name}")
        return str(target)
    from swapwatch.model import Article, Relevance
    from swapwatch.store import open_store

    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(base, partial)
    rng = random.Random(12)
    words = COMMON.split() + ["the", "of", "in", "and", "said", "was", "Moscow", "Tehran", "after", "months"]
    t0 = time.perf_counter()
    store = open_store(f"sqlite:///{partial}")
    try:
        for i in range(n):
            text = " ".join(rng.choice(words) for _ in range(LONG_CHARS // 6))[:LONG_CHARS]
            store.add_articles([(Article(id=f"long-{i:02d}", text=text, title=f"A long report {i}",
                                         source=f"long-{i}.txt", name=f"long-{i:02d}"),
                                 Relevance(score=0.9, relevant=True, reasons=("release verb",)))])
    finally:
        store.close()
    with closing(sqlite3.connect(partial)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(target)
    log(f"added {n} articles of {LONG_CHARS:,} characters in {time.perf_counter() - t0:.0f} s")
    return str(target)


async def timed_get(conn: api.HttpConnection, path: str, timeout: float) -> tuple[int, float]:
    """(status, seconds); status 0 when no answer came (in ``timeout`` seconds, or the connection broke)."""
    start = time.perf_counter()
    try:
        status, _ = await asyncio.wait_for(conn.get(path), timeout)
    except (asyncio.TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
        await conn.close()
        return 0, time.perf_counter() - start
    return status, time.perf_counter() - start


async def run(port: int, args: argparse.Namespace) -> tuple[list[float], dict[str, list[tuple[int, float]]]]:
    rng = random.Random(7)
    makers = attacks(rng)
    labels = [label for label in makers if not args.only or any(o in label for o in args.only.split(","))]
    health: list[float] = []
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)
    stop = time.monotonic() + args.duration

    async def attacker(k: int) -> None:
        conn = api.HttpConnection("127.0.0.1", port)
        i = k
        while time.monotonic() < stop:
            label = labels[i % len(labels)]
            i += 1
            results[label].append(await timed_get(conn, makers[label](), args.timeout))
        await conn.close()

    async def prober() -> None:
        conn = api.HttpConnection("127.0.0.1", port)
        await asyncio.sleep(0.5)                    # the attack is under way
        while time.monotonic() < stop:
            status, seconds = await timed_get(conn, "/api/health", args.timeout)
            health.append(seconds if status == 200 else float(args.timeout))
            await asyncio.sleep(HEALTH_EVERY_S)
        await conn.close()

    warm = api.HttpConnection("127.0.0.1", port)    # first answers compile templates and the OpenAPI
    ready = time.monotonic() + 120
    while time.monotonic() < ready and (await timed_get(warm, "/api/stats", args.timeout))[0] != 200:
        await asyncio.sleep(0.5)                    # serve computes the statistics once at start
    for label in labels:
        await timed_get(warm, makers[label](), args.timeout)
    await warm.close()
    stop = time.monotonic() + args.duration
    await asyncio.gather(prober(), *(attacker(k) for k in range(args.attackers)))
    return health, results


def report(health: list[float], results: dict[str, list[tuple[int, float]]], args: argparse.Namespace) -> bool:
    ms = sorted(1000 * s for s in health)
    p50, p99 = api.percentile(ms, 50), api.percentile(ms, 99)
    print(f"/api/health while attacked: {len(ms)} probes, p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms")
    print(f"{'attack':40} {'n':>5} {'statuses':28} {'p50 ms':>8} {'max ms':>8}")
    slowest = 0.0
    for label, rows in results.items():
        statuses = defaultdict(int)
        for status, _ in rows:
            statuses[status] += 1
        times = sorted(1000 * s for _, s in rows)
        slowest = max(slowest, times[-1])
        shown = " ".join(f"{s or 'no answer'}x{n}" for s, n in sorted(statuses.items()))
        print(f"{label:40} {len(rows):5} {shown:28} {api.percentile(times, 50):8.0f} {times[-1]:8.0f}")
    errors = sum(1 for rows in results.values() for status, _ in rows
                 if status == 0 or (status >= 500 and status != 503))
    ok = p99 < 100 and slowest < 2000 and errors == 0
    print(f"slowest request {slowest:.0f} ms; 500s or no answer: {errors}; "
          f"targets (health p99 < 100 ms, every request < 2 s, no 500): {'met' if ok else 'NOT met'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--exchanges", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=None, help="default: 3 per exchange")
    parser.add_argument("--articles", type=int, default=None, help="default: 3 per 100 exchanges")
    parser.add_argument("--long-articles", type=int, default=20, help="articles of 1.9M characters added")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--attackers", type=int, default=8, help="clients sending the worst requests")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a client waits for one answer")
    parser.add_argument("--db", default="", help="this SQLite file or database URL as it is (no long articles)")
    parser.add_argument("--quick", action="store_true", help="2,000 exchanges, 4 long articles, 10 s")
    parser.add_argument("--only", default="", help="comma list: only the attacks whose label holds one of these")
    parser.add_argument("--nice", type=int, default=None, help="run the server and the clients at this niceness "
                        "(-10 as root: ahead of other work on a shared machine)")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.exchanges, args.long_articles, args.duration = 2_000, 4, 10.0
    args.persons = args.persons or 3 * args.exchanges
    args.articles = args.articles or max(100, 3 * args.exchanges // 100)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    db = api.ensure_database(args, log)
    if not args.db:
        db = long_article_db(db, args.long_articles, log)
    port = api._free_port()
    server_log = api.CACHE / "abuse-server.log"
    api.CACHE.mkdir(parents=True, exist_ok=True)
    with server_log.open("w", encoding="utf-8") as errors:
        server = start_server(db, port, errors)
        try:
            if args.nice is not None:
                api.raise_priority(server, args.nice, log)
            log(f"attacking {db} with {args.attackers} clients for {args.duration:.0f} s")
            health, results = asyncio.run(run(port, args))
        finally:
            api.stop_server(server)
    print(f"database: {Path(db).name if '://' not in db else db}; {args.attackers} attackers, {args.duration:.0f} s")
    ok = report(health, results, args)
    tracebacks = server_log.read_text(encoding="utf-8", errors="replace").count("Traceback")
    print(f"server log {server_log}: {tracebacks} tracebacks")
    return 0 if ok and not tracebacks else 1


def start_server(db: str, port: int, errors) -> subprocess.Popen:
    """``swapwatch serve`` with its stderr in a file (a pipe nobody reads would fill and stall it)."""
    cmd = [*api.swapwatch_command(), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True)
    return api.wait_until_healthy(proc, port, lambda: f"see {errors.name}")


if __name__ == "__main__":
    raise SystemExit(main())
