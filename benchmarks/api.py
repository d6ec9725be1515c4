"""API latency under load: 50 concurrent clients against the real server on a large generated database.

1. Builds (once; cached under benchmarks/.cache/, keyed by the schema head revision and the
   generator version) a database of generated records written through the real Store:
   a few thousand articles (``store.add_articles``) and 100,000 exchanges with 300,000 persons
   (``store.replace_merged``), so the schema's own indexes and triggers are what get measured.
2. Starts ``swapwatch serve`` as a subprocess (``--workers N`` too when the command has it).
3. Drives ``--clients`` keep-alive connections for ``--duration`` seconds, each client sending
   one request after another (closed loop), cycling through the list, search and detail
   endpoints; a small hand-written HTTP/1.1 client on asyncio keeps the load generator's own
   CPU low, since on a 2-core box it shares the cores with the server.
4. Prints each endpoint's unloaded median (one client), then requests/s, p50/p99/max latency and
   errors per endpoint under load, whether p99 < 100 ms, the CPU used by the server and by the
   load generator, the server's CPU per request and the machine's load average; the same text
   goes to the file named by --out, if any.

usage: python benchmarks/api.py [--duration 30] [--clients 50] [--exchanges 100000]
                                [--persons 300000] [--articles 3000] [--workers 1[,2]]
                                [--think MS] [--nice -10] [--only LABELS] [--db PATH_OR_URL]
       python benchmarks/api.py --exchanges 2000 --persons 6000 --articles 200 --duration 5   (quick check)
On a shared machine, --nice -10 (as root) keeps other work from starving the server.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"
GENERATOR_VERSION = "1"          # bump when the generated data changes shape
P99_TARGET_MS = 100.0

GIVEN = ("Anna Boris Carlos Dmitri Elena Farid Grace Hassan Irina Jamal Karim Lena Mikhail Nadia Omar Paul "
         "Qasim Rosa Sergei Tamara Umar Vera Walid Xenia Yusuf Zainab Alexei Brittney Ciaran Daria Emre Fatima "
         "Gustavo Hana Ilya Jorge Kseniya Laleh Marc Nasrin Oleg Pavel Reza Siamak Trevor Ulrich Viktor Wen "
         "Yevgenia Zoltan Ahmad Beatriz Chen Dilnoza Esmail Felipe Gulnara Hiroshi Ivan Joanna").split()
SURNAMES = ("Petrov Karimova Haddad Novak Ortega Rahimi Whelan Sokolov Baranova Mensah Tehrani Kowalski Lindqvist "
            "Abadi Romero Vasquez Yilmaz Kuznetsov Farahani Okafor Dubois Marquez Ivanova Shapiro Nazari Ghosh "
            "Moreau Hakimi Bauer Popescu Castillo Jafari Tanaka Volkov Amini Reyes Herrera Morozova Ansari "
            "Fischer Horvat Kovalenko Zhang Alvarez Mirzaei Sato Larsen Kaya Demir Nowak Santos Orlov Hosseini "
            "Lebedev Costa Medina Koval Schmidt Aziz Varga Fedorova Ramos Karimi").split()
CATEGORIES = ("journalist", "politician", "activist", "human_rights", "academic", "artist", "spy", "military",
              "pow", "hacker", "criminal", "businessperson", "athlete", "teacher", "civilian", "other")
ROLES = ("reporter", "ballet dancer", "former marine", "aid worker", "professor", "businessman", "basketball player",
         "opposition politician", "blogger", "soldier", "teacher", "lawyer", "engineer", "photographer")
CHARGES = ("espionage", "treason", "smuggling", "hooliganism", "extremism", "fraud", "illegal border crossing",
           "spreading false information", "assault", "drug possession")
KINDS = ("swap", "unilateral_release", "pow_exchange", "hostage_prisoner_exchange")
MEDIATORS = ("Turkey", "United Arab Emirates", "Qatar", "Saudi Arabia", "Switzerland", "Oman", "Vatican City",
             "International Committee of the Red Cross", "United Nations")


# -- generated data ------------------------------------------------------------------------------


def gazetteer_countries() -> list[tuple[str, str]]:
    """(country, capital) pairs from the gazetteer's own country table."""
    from swapwatch.extract.gazetteer_data.countries import COUNTRY_TABLE

    out = []
    for line in COUNTRY_TABLE.strip().splitlines():
        parts = line.split("|")
        if len(parts) >= 5 and parts[1]:
            capital = parts[4].split(";")[0].split(" / ")[0].strip()
            out.append((parts[1], capital))
    return out


def _hex_id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.blake2b(repr(parts).encode(), digest_size=6).hexdigest()


@dataclass
class GeneratedArticle:
    """An article's id and the sentences evidence may point at (text offsets of each)."""

    id: str
    spans: list[tuple[int, int, str]]


def generate_articles(rng: random.Random, n: int, countries: list[tuple[str, str]]) -> tuple[list, list]:
    """``n`` articles (with their relevance) about made-up releases, and where their sentences sit."""
    from swapwatch.model import Article, Relevance

    articles, refs = [], []
    start_day = date(2005, 1, 1)
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(4, 9)):
            name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
            a, b = rng.sample(countries, 2)
            sentences.append(rng.choice((
                f"{name}, a {rng.choice(ROLES)}, was released by {a[0]} and flown to {b[1]}.",
                f"{a[0]} freed {rng.randint(2, 40)} prisoners in exchange for {name}.",
                f"The exchange took place in {b[1]} after months of talks mediated by {rng.choice(MEDIATORS)}.",
                f"{name} had been sentenced to {rng.randint(2, 20)} years on charges of {rng.choice(CHARGES)}.",
                f"Officials in {a[1]} said {name} remained in custody.",
            )))
        text, spans = "", []
        for s in sentences:
            if text:
                text += " "
            spans.append((len(text), len(text) + len(s), s))
            text += s
        article_id = _hex_id("", "article", i)
        published = start_day + timedelta(days=rng.randrange(20 * 365))
        articles.append((Article(id=article_id, text=text, title=f"Prisoner release report {i}",
                                 url=f"https://news.example/{article_id}", outlet="Example Wire",
                                 published=published, language="en", source=f"generated:{i}", name=f"gen-{i:05d}"),
                         Relevance(score=0.9, relevant=True, reasons=("release verb", "custody"))))
        refs.append(GeneratedArticle(id=article_id, spans=spans))
    return articles, refs


def _evidence(rng: random.Random, refs: list[GeneratedArticle], field_name: str, extractor: str):
    from swapwatch.model import Evidence

    ref = rng.choice(refs)
    start, end, sentence = rng.choice(ref.spans)
    return Evidence(article_id=ref.id, start=start, end=end, sentence=sentence, extractor=extractor, field=field_name)


def _date(rng: random.Random) -> tuple[str, str]:
    day = date(2005, 1, 1) + timedelta(days=rng.randrange(20 * 365))
    precision = rng.choices(("day", "month", "year"), weights=(8, 3, 1))[0]
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision], precision


def generate_records(rng: random.Random, n_exchanges: int, n_persons: int, refs: list[GeneratedArticle],
                     countries: list[tuple[str, str]]):
    """Exchanges whose sides name generated persons; persons not on any side stay detained or were released."""
    from swapwatch.model import Exchange, MergedRecords, Person, Side, StatusEvent

    persons: list[Person] = []

    def new_person(held_by: str, nationality: str, status: str, status_date: str | None) -> str:
        i = len(persons)
        given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
        name = f"{given} {chr(65 + i % 26)}. {surname}" if i % 3 else f"{given} {surname}"
        articles = [r.id for r in rng.sample(refs, rng.randint(1, 3))]
        history = [StatusEvent(status="detained", date=None, article_id=articles[0])]
        if status != "detained":
            history.append(StatusEvent(status=status, date=status_date, article_id=articles[-1]))
        persons.append(Person(
            id=_hex_id("p-", "person", i), name=name, aliases=[surname] if i % 2 else [], status=status,
            status_date=status_date, held_by=held_by, nationality=[nationality],
            category=rng.sample(CATEGORIES, rng.choice((1, 1, 2))), role=rng.choice(ROLES),
            charges=rng.sample(CHARGES, rng.randint(0, 2)),
            sentence=f"{rng.randint(2, 25)} years" if rng.random() < 0.6 else None, articles=articles,
            history=history,
            evidence=[_evidence(rng, refs, f, "swapwatch.persons.v1") for f in ("status", "charges")[:rng.randint(1, 2)]]))
        return name

    exchanges: list[Exchange] = []
    on_sides = min(n_persons, int(n_persons * 0.6))
    per_exchange = max(1, on_sides // max(1, n_exchanges))
    for i in range(n_exchanges):
        kind = rng.choice(KINDS)
        when, precision = _date(rng)
        (a, a_city), (b, b_city) = rng.sample(countries, 2)
        directions = [(a, b)] if kind == "unilateral_release" else [(a, b), (b, a)]
        sides = []
        for s, (released_by, received_by) in enumerate(directions):
            named = per_exchange // len(directions) + (1 if s < per_exchange % len(directions) else 0)
            if len(persons) >= on_sides:
                named = 0
            names = [new_person(released_by, received_by, "exchanged" if kind != "unilateral_release" else "released",
                                when) for _ in range(named)]
            count = max(len(names), rng.choice((1, 1, 2, 3, 5, 8, 24, 115)))
            sides.append(Side(released_by=released_by, received_by=received_by, count=count, persons=names,
                              evidence=[_evidence(rng, refs, "count", "swapwatch.sides.v1")]))
        where = rng.choice(((a_city, a), (b_city, b), (None, None)))
        exchanges.append(Exchange(
            id=_hex_id("x-", "exchange", i), date=when, date_precision=precision, kind=kind,
            location={"city": where[0], "country": where[1]} if where[1] else None,
            mediators=rng.sample(MEDIATORS, rng.choice((0, 0, 1, 2))), total=sum(s.count or 0 for s in sides),
            sides=sides, articles=[r.id for r in rng.sample(refs, rng.randint(1, 3))],
            evidence=[_evidence(rng, refs, f, "swapwatch.exchanges.v1") for f in ("date", "location")]))
    while len(persons) < n_persons:
        (holder, _), (home, _) = rng.sample(countries, 2)
        status = rng.choices(("detained", "released", "died_in_custody"), weights=(7, 3, 0.2))[0]
        new_person(holder, home, status, None if status == "detained" else _date(rng)[0])
    return MergedRecords(exchanges=exchanges, persons=persons)


def schema_revision() -> str:
    from swapwatch.store.engine import head_revision

    return head_revision() or "none"


def cached_db_path(args: argparse.Namespace) -> Path:
    key = f"g{GENERATOR_VERSION}-s{schema_revision()}-x{args.exchanges}-p{args.persons}-a{args.articles}"
    return CACHE / f"api-{key}.sqlite"


def build_database(url: str, args: argparse.Namespace, log: Callable[[str], None]) -> None:
    """Write the generated records through the real Store (add_articles, then replace_merged)."""
    from swapwatch.store import open_store

    rng = random.Random(20240801)
    countries = gazetteer_countries()
    t0 = time.perf_counter()
    articles, refs = generate_articles(rng, args.articles, countries)
    records = generate_records(rng, args.exchanges, args.persons, refs, countries)
    log(f"generated {len(articles):,} articles, {len(records.exchanges):,} exchanges, "
        f"{len(records.persons):,} persons in {time.perf_counter() - t0:.1f} s")
    store = open_store(url)
    try:
        t1 = time.perf_counter()
        for i in range(0, len(articles), 1000):
            store.add_articles(articles[i:i + 1000])
        store.replace_merged(records)
        log(f"written through the Store in {time.perf_counter() - t1:.1f} s: {store.counts()}")
        prepare_search(store, log)
    finally:
        store.close()


def prepare_search(store, log: Callable[[str], None]) -> None:
    """Build the web app's search structures now, as its first start would, so no run pays for them."""
    try:
        from swapwatch.store.browse import prepare_search as prepare
    except ImportError:
        return
    t0 = time.perf_counter()
    prepare(store.engine)
    log(f"search structures prepared in {time.perf_counter() - t0:.1f} s")


def ensure_database(args: argparse.Namespace, log: Callable[[str], None]) -> str:
    if args.db:
        return args.db
    target = cached_db_path(args)
    if target.exists() and not args.rebuild:
        log(f"using cached database {target.relative_to(REPO)}")
        return str(target)
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n", encoding="utf-8")     # generated data never enters git
    sizes = target.name.split("-", 3)[-1]                            # same sizes, older schema or generator
    for stale in CACHE.glob(f"api-*-{sizes}*"):
        stale.unlink()
    partial = target.with_name(target.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    build_database(f"sqlite:///{partial}", args, log)
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(partial)) as conn:       # fold the WAL back in before the rename
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(target)
    return str(target)


# -- what the clients ask for ---------------------------------------------------------------------


@dataclass
class Targets:
    """Ids and words sampled from the database so every request asks for something that exists."""

    exchange_ids: list[str]
    person_ids: list[str]
    countries: list[str]
    words: list[str]


def sample_targets(db: str, n: int = 300_000) -> Targets:
    """Detail requests draw from every id (up to ``n``), so kept answers rarely serve them."""
    from sqlalchemy import text

    from swapwatch.settings import db_url_from
    from swapwatch.store.engine import make_engine

    engine = make_engine(db_url_from(db))
    try:
        with engine.connect() as conn:
            def column(sql: str) -> list[str]:
                return [r[0] for r in conn.execute(text(sql), {"n": n}) if r[0]]

            exchange_ids = column("SELECT id FROM exchanges ORDER BY id LIMIT :n")
            person_ids = column("SELECT id FROM persons ORDER BY id LIMIT :n")
            countries = column("SELECT DISTINCT received_by FROM sides ORDER BY received_by LIMIT :n")
    finally:
        engine.dispose()
    words = [*SURNAMES[:30], *GIVEN[:10], "Moscow", "Tehran", "Caracas", "exchange", "espionage"]
    return Targets(exchange_ids, person_ids, countries or ["Russia"], words)


Request = tuple[str, str]            # (endpoint label, path with query)


def request_stream(targets: Targets, rng: random.Random, only: set[str] | None) -> Iterator[Request]:
    """An endless, shuffled mix of requests over the list, search and detail endpoints."""
    def exchanges() -> str:
        return "/api/exchanges?" + urlencode({"limit": 50, "offset": 50 * rng.randrange(10)})

    def exchanges_filtered() -> str:
        start = rng.randrange(2005, 2024)
        params = rng.choice((
            {"country": rng.choice(targets.countries)},
            {"since": f"{start}-01-01", "until": f"{start + 2}-12-31"},
            {"kind": rng.choice(KINDS), "country": rng.choice(targets.countries)},
            {"q": rng.choice(targets.words)},
        ))
        return "/api/exchanges?" + urlencode({**params, "limit": 50})

    def persons() -> str:
        params = rng.choice(({}, {"status": "detained"}, {"held_by": rng.choice(targets.countries)},
                             {"category": rng.choice(CATEGORIES)}, {"q": rng.choice(SURNAMES)}))
        return "/api/persons?" + urlencode({**params, "limit": 50})

    makers: dict[str, Callable[[], str]] = {
        "list exchanges": exchanges,
        "list exchanges (filtered)": exchanges_filtered,
        "list persons": persons,
        "search": lambda: "/api/search?" + urlencode({"q": rng.choice(targets.words)}),
        "exchange detail": lambda: f"/api/exchanges/{rng.choice(targets.exchange_ids)}",
        "person detail": lambda: f"/api/persons/{rng.choice(targets.person_ids)}",
    }
    labels = [label for label in makers if only is None or label in only]
    if not labels:
        raise SystemExit(f"--only names none of: {', '.join(makers)}")
    while True:
        label = rng.choice(labels)
        yield label, makers[label]()


ENDPOINT_LABELS = ("list exchanges", "list exchanges (filtered)", "list persons", "search", "exchange detail",
                   "person detail")


# -- a lean HTTP/1.1 keep-alive client ------------------------------------------------------------


class HttpConnection:
    """One keep-alive connection: GET, read the status and the whole body (Content-Length or chunked)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path: str) -> tuple[int, int]:
        if self.writer is None:
            await self._connect()
        assert self.reader is not None and self.writer is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            size = 0
            while True:
                chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(chunk + 2)
                size += chunk
                if chunk == 0:
                    break
        else:
            size = int(headers.get("content-length", "0"))
            await self.reader.readexactly(size)
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, size

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


@dataclass
class Tally:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    answered: int = 0          # every answer, warm-up included (what the server's CPU time paid for)


async def run_load(host: str, port: int, requests: Iterator[Request], clients: int, duration: float,
                   warmup: float, think: float = 0.0) -> tuple[Tally, float]:
    """``clients`` closed-loop clients, each pausing ``think`` seconds between requests (0: none,
    the server is saturated); only requests that start after the warm-up are counted."""
    tally = Tally()
    loop = asyncio.get_running_loop()
    begin = loop.time()
    measure_from, stop_at = begin + warmup, begin + warmup + duration

    async def client() -> None:
        conn = HttpConnection(host, port)
        try:
            while True:
                started = loop.time()
                if started >= stop_at:
                    return
                label, path = next(requests)
                try:
                    status, _ = await conn.get(path)
                except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                    await conn.close()
                    status = 0
                tally.answered += 1
                if started < measure_from:
                    continue
                tally.latencies_ms[label].append((loop.time() - started) * 1000)
                tally.statuses[label].add(status)
                if not 200 <= status < 300:
                    tally.errors[label] += 1
                if think:
                    await asyncio.sleep(think)
        finally:
            await conn.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    return tally, duration


async def probe(host: str, port: int, targets: Targets, only: set[str] | None, n: int) -> dict[str, float]:
    """Median latency per endpoint with one client and nothing else in flight: the service time."""
    rng = random.Random(11)
    conn = HttpConnection(host, port)
    out: dict[str, float] = {}
    try:
        for label in ENDPOINT_LABELS:
            if only is not None and label not in only:
                continue
            stream = request_stream(targets, rng, {label})
            times = []
            for _ in range(n):
                _, path = next(stream)
                t0 = time.perf_counter()
                await conn.get(path)
                times.append((time.perf_counter() - t0) * 1000)
            out[label] = percentile(sorted(times), 50)
    finally:
        await conn.close()
    return out


# -- the server under test ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def swapwatch_command() -> list[str]:
    found = shutil.which("swapwatch", path=str(Path(sys.executable).parent)) or shutil.which("swapwatch")
    return [found] if found else [sys.executable, "-m", "swapwatch.cli"]


def serve_supports_workers() -> bool:
    out = subprocess.run([*swapwatch_command(), "serve", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"})
    return "--workers" in out.stdout


def start_server(db: str, port: int, workers: int | None) -> subprocess.Popen:
    cmd = [*swapwatch_command(), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)      # its own session: Ctrl-C here stops it via stop_server
    return wait_until_healthy(proc, port, lambda: proc.stderr.read() if proc.stderr else "")


def wait_until_healthy(proc: subprocess.Popen, port: int, exit_detail) -> subprocess.Popen:
    """Wait (up to 900 s) until the server on ``port`` answers /api/health; ``exit_detail()``
    says why when it exits instead."""
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}: {exit_detail()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"GET /api/health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not answer /api/health within 900 s")


def raise_priority(proc: subprocess.Popen, niceness: int, log: Callable[[str], None]) -> None:
    """Run the server (every worker) and this load generator at ``niceness``, ahead of other work on
    a shared machine; lowering niceness needs root, otherwise this says so and changes nothing."""
    import psutil

    try:
        root = psutil.Process(proc.pid)
        for p in [root, *root.children(recursive=True), psutil.Process()]:
            p.nice(niceness)
        for pid in (proc.pid, os.getpid()):      # with autogroups, niceness counts within a session only
            autogroup = Path(f"/proc/{pid}/autogroup")
            if autogroup.exists():
                autogroup.write_text(str(niceness))
        log(f"server and load generator run at nice {niceness}")
    except (psutil.Error, PermissionError) as e:
        log(f"could not set nice {niceness} ({e}); running at the default priority")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def server_cpu_seconds(proc: subprocess.Popen) -> float:
    import psutil

    total = 0.0
    try:
        root = psutil.Process(proc.pid)
        for p in [root, *root.children(recursive=True)]:
            t = p.cpu_times()
            total += t.user + t.system
    except psutil.Error:
        pass
    return total


# -- report ---------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(pct / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def report(tally: Tally, duration: float, title: str) -> tuple[list[str], bool]:
    lines = [title, f"{'endpoint':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}  p99<100ms"]
    all_ok, every = True, []
    for label in ENDPOINT_LABELS:
        values = sorted(tally.latencies_ms.get(label, []))
        if not values:
            continue
        every.extend(values)
        p99 = percentile(values, 99)
        ok = p99 < P99_TARGET_MS and tally.errors.get(label, 0) == 0
        all_ok &= ok
        bad = sorted(s for s in tally.statuses[label] if not 200 <= s < 300)
        lines.append(f"{label:28} {len(values) / duration:8.1f} {percentile(values, 50):8.1f} {p99:8.1f} "
                     f"{values[-1]:8.1f} {tally.errors.get(label, 0):7d}  {'yes' if ok else 'NO'}"
                     + (f"  (status {', '.join(map(str, bad))})" if bad else ""))
    every.sort()
    lines.append(f"{'all':28} {len(every) / duration:8.1f} {percentile(every, 50):8.1f} {percentile(every, 99):8.1f} "
                 f"{(every[-1] if every else float('nan')):8.1f} {sum(tally.errors.values()):7d}  "
                 f"{'yes' if all_ok else 'NO'}")
    return lines, all_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds measured per run")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load before measuring")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--think", type=float, default=0.0, help="ms each client pauses after an answer "
                        "(0, the default, keeps the server saturated, as the issue's figure asks)")
    parser.add_argument("--exchanges", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=300_000)
    parser.add_argument("--articles", type=int, default=3_000)
    parser.add_argument("--workers", default="", help="comma list of server worker counts to run in turn, "
                        "e.g. 1,2 (needs `swapwatch serve --workers`); default: the server's default")
    parser.add_argument("--only", default="", help=f"comma list of endpoints, from: {', '.join(ENDPOINT_LABELS)}")
    parser.add_argument("--probe", type=int, default=20, help="requests per endpoint sent one at a time "
                        "before the load, to print each endpoint's unloaded latency (0: skip)")
    parser.add_argument("--nice", type=int, default=None, help="run the server and the load generator at this "
                        "niceness (e.g. -10, needs root) so other work on a shared machine disturbs less")
    parser.add_argument("--db", default="", help="use this database (path or URL) as it is instead of building one")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument("--no-answer-cache", action="store_true", help="serve without the app's cache of "
                        "whole answers (SWAPWATCH_ANSWER_CACHE=0), measuring every query")
    parser.add_argument("--build-only", action="store_true", help="build (or find) the database and stop")
    parser.add_argument("--out", default="", help="also write the report to this file")
    args = parser.parse_args(argv)

    out_lines: list[str] = []

    def log(line: str) -> None:
        print(line, flush=True)
        out_lines.append(line)

    sys.path.insert(0, str(REPO / "src"))
    db = ensure_database(args, log)
    if args.build_only:
        return 0
    if args.no_answer_cache:
        os.environ["SWAPWATCH_ANSWER_CACHE"] = "0"       # the server subprocesses inherit it
    targets = sample_targets(db)
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    worker_counts: list[int | None] = [int(w) for w in args.workers.split(",") if w.strip()] or [None]
    if any(w is not None for w in worker_counts) and not serve_supports_workers():
        log("`swapwatch serve` has no --workers option: running one default server instead")
        worker_counts = [None]
    all_ok = True
    for workers in worker_counts:
        port = _free_port()
        proc = start_server(db, port, workers)
        if args.nice is not None:
            raise_priority(proc, args.nice, log)
        try:
            if args.probe:
                alone = asyncio.run(probe("127.0.0.1", port, targets, only, args.probe))
                log(f"\none client, {args.probe} requests per endpoint, median ms: "
                    + ", ".join(f"{label} {ms:.1f}" for label, ms in alone.items()))
            load_before = os.getloadavg()[0]
            cpu_before, gen_before = server_cpu_seconds(proc), time.process_time()
            tally, duration = asyncio.run(run_load("127.0.0.1", port, request_stream(targets, random.Random(7), only),
                                                   args.clients, args.duration, args.warmup, args.think / 1000))
            server_cpu, gen_cpu = server_cpu_seconds(proc) - cpu_before, time.process_time() - gen_before
        finally:
            stop_server(proc)
        wall = duration + args.warmup
        title = (f"\n{args.clients} clients" + (f" ({args.think:.0f} ms pause after each answer)" if args.think else "")
                 + f", {args.duration:.0f} s (+{args.warmup:.0f} s warm-up), "
                 f"server workers: {workers if workers is not None else 'default'}, "
                 f"answer cache: {'off' if args.no_answer_cache else 'on'}, database: {Path(db).name}, "
                 f"{os.cpu_count()} CPUs")
        lines, ok = report(tally, duration, title)
        all_ok &= ok
        for line in lines:
            log(line)
        log(f"CPU: server {server_cpu / wall * 100:.0f}% of one core, load generator {gen_cpu / wall * 100:.0f}%; "
            f"machine load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
            "(other work on the machine slows the server)")
        if tally.answered and server_cpu > 0:
            per_request = server_cpu / tally.answered * 1000
            cores = os.cpu_count() or 1
            log(f"server CPU per request {per_request:.1f} ms: on {cores} idle cores at most "
                f"~{cores * 1000 / per_request:.0f} req/s, so ~{args.clients / (cores / per_request * 1000) * 1000:.0f} ms "
                f"per request at {args.clients} clients (Little's law), load generator not counted")
    log(f"\np99 < {P99_TARGET_MS:.0f} ms on every endpoint: {'yes' if all_ok else 'NO'}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text("\n".join(out_lines) + "\n", encoding="utf-8")
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
