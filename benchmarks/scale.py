"""Ingest throughput of the single-process engine and of Ray with 1 and 2 workers, same inputs.

Inputs:
  relevant  the dev corpora's relevant articles, repeated (each copy made distinct, as ids are
            content hashes) to --relevant-n articles (default 1,000)
  rss       the first --rss-lines lines (default 100,000) of ../shared/corpora/rss-news-2022-2023.jsonl.gz
Backends: sqlite (a fresh file per run) and postgresql (a fresh database per run on --pg-url, an
admin URL, or on a throwaway server started here from SWAPWATCH_PG_BIN / PATH).

Every run is a child process with a fresh database. Start-up (Ray cluster, model load on every
worker) is timed apart and is not in the rate. Printed per run: articles/s over reading, relevance,
extraction and storing ("work"), the merge at the end on its own, the rate with the merge, and
for Ray where the time went (busy share of the workers, time the driver waited for them). Then
per input and backend the efficiency of the second worker, both as rate(2)/(2*rate(1)) and as the
gain over one worker (rate(2)-rate(1))/rate(1).

usage: python benchmarks/scale.py [relevant rss] [--backends sqlite postgresql] [--engines single ray1 ray2]
                                  [--relevant-n 1000] [--rss-lines 100000] [--pg-url URL]
quick: python benchmarks/scale.py relevant --relevant-n 60 --backends sqlite
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import prepare  # noqa: E402  (the same inputs as the one-process benchmark)

SHARED = Path(__file__).resolve().parents[2] / "shared"
INPUTS = ("relevant", "rss")
BACKENDS = ("sqlite", "postgresql")
ENGINES = {"single": ("single", None), "ray1": ("ray", 1), "ray2": ("ray", 2)}


def run_child(engine_key: str, source: Path, db_url: str) -> dict:
    """One timed ingest in this (fresh) process."""
    from swapwatch import service
    from swapwatch.engines import open_engine
    from swapwatch.extract.nlp import load_nlp
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    name, workers = ENGINES[engine_key]
    start = time.perf_counter()
    if name == "single":
        load_nlp()
    engine = open_engine(name, workers=workers)
    startup = time.perf_counter() - start
    merge_s = 0.0
    refresh = service.refresh_merged

    def timed_refresh(store) -> None:       # the merge, measured apart from the rest
        nonlocal merge_s
        t = time.perf_counter()
        refresh(store)
        merge_s += time.perf_counter() - t

    service.refresh_merged = timed_refresh
    settings = load_settings(db_url)
    store = open_store(settings.db_url)
    load_before = os.getloadavg()[0]
    cpu_before = tree_cpu()
    try:
        start = time.perf_counter()
        summary = service.ingest(store, [source], settings, engine=engine)
        total = time.perf_counter() - start
    finally:
        store.close()
    cpu_all = sum(tree_cpu().get(pid, 0.0) - cpu_before.get(pid, 0.0) for pid in tree_cpu())
    stats = getattr(engine, "stats", None)
    engine.close()
    articles = summary.seen
    work = total - merge_s
    out = {"engine": engine_key, "articles": articles, "startup_s": round(startup, 1), "work_s": round(work, 2),
           "merge_s": round(merge_s, 2), "rate": articles / work, "rate_with_merge": articles / total,
           "load": [round(load_before, 1), round(os.getloadavg()[0], 1)], **summary.to_dict()}
    workers_cpu = sum(stats.worker_cpu_s) if stats is not None else cpu_all
    out["worker_cpu_ms"] = 1000 * workers_cpu / articles          # per article, in the workers
    out["other_cpu_ms"] = 1000 * max(0.0, cpu_all - workers_cpu) / articles   # driver and Ray's daemons
    if stats is not None:
        out["worker_busy"] = [round(b / work, 2) for b in stats.worker_busy_s]
        out["driver_wait_s"] = round(stats.driver_wait_s, 1)
        out["tasks"] = stats.tasks
    return out


def tree_cpu() -> dict[int, float]:
    """CPU seconds so far of this process and every process under it (Ray's workers and daemons)."""
    import psutil

    me = psutil.Process()
    out: dict[int, float] = {}
    for proc in [me, *me.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            out[proc.pid] = times.user + times.system
        except psutil.Error:
            continue
    return out


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server in a temporary folder on 127.0.0.1 (run as ``postgres`` when we are root)."""
    bin_dir = os.environ.get("SWAPWATCH_PG_BIN", "")
    initdb = shutil.which("initdb", path=bin_dir or None) or shutil.which("initdb")
    pg_ctl = shutil.which("pg_ctl", path=bin_dir or None) or shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        raise SystemExit("no PostgreSQL server binaries: set SWAPWATCH_PG_BIN or give --pg-url")
    as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    root = Path(tempfile.mkdtemp(prefix="swapwatch-scale-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"
    subprocess.run([*as_server, initdb, "-A", "trust", "-U", "postgres", "-D", str(data)], check=True,
                   capture_output=True)
    options = f"-h 127.0.0.1 -p {port} -k {root}"
    subprocess.run([*as_server, pg_ctl, "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_server, pg_ctl, "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(backend: str, workdir: Path, admin_url: str | None) -> str:
    if backend == "sqlite":
        return f"sqlite:///{workdir / f'{uuid.uuid4().hex[:8]}.sqlite'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"swapwatch_scale_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def show(input_name: str, backend: str, r: dict) -> None:
    busy = " ".join(f"{b:.2f}" for b in r.get("worker_busy", [])) or "-"
    print(f"{input_name:9} {backend:10} {r['engine']:6} {r['articles']:>7} {r['ingested'] - r['irrelevant']:>6} "
          f"{r['startup_s']:>7} {r['work_s']:>8} {r['merge_s']:>7} {r['rate']:>8.1f} {r['rate_with_merge']:>8.1f}  "
          f"{r['worker_cpu_ms']:>8.1f} {r['other_cpu_ms']:>7.1f}  busy {busy:9} wait {r.get('driver_wait_s', '-')!s:>6}"
          f"  load {r['load'][0]}->{r['load'][1]}", flush=True)


def efficiency(runs: dict[str, dict]) -> str:
    """Measured on the wall clock, and projected from CPU time for two cores of one's own.

    The projection: the workers need w CPU ms per article, the driver (one thread, with Ray's
    daemons) o; with one worker each has a core, so rate(1) = 1/max(w1, o1); with two workers
    the cores are shared, so rate(2) = 1/max(w2/2, o2, (w2+o2)/2). It is what the wall clock
    shows when nothing else runs on the machine, and it does not move with other people's load.
    """
    if "ray1" not in runs or "ray2" not in runs:
        return ""
    r1, r2 = runs["ray1"]["rate"], runs["ray2"]["rate"]
    w1, o1 = runs["ray1"]["worker_cpu_ms"], runs["ray1"]["other_cpu_ms"]
    w2, o2 = runs["ray2"]["worker_cpu_ms"], runs["ray2"]["other_cpu_ms"]
    p1 = 1000 / max(w1, o1)
    p2 = 1000 / max(w2 / 2, o2, (w2 + o2) / 2)
    return (f"wall: rate(2)/(2*rate(1)) = {r2 / (2 * r1):.2f}, (rate(2)-rate(1))/rate(1) = {(r2 - r1) / r1:.2f};  "
            f"CPU-projected: {p2 / (2 * p1):.2f}, {(p2 - p1) / p1:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=list(INPUTS))
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--relevant-n", type=int, default=1000)
    parser.add_argument("--rss-lines", type=int, default=100_000)
    parser.add_argument("--pg-url", help="admin URL of a PostgreSQL server to create the run databases on")
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "SOURCE", "DB_URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child[0], Path(args.child[1]), args.child[2])))
        return 0
    for name in args.inputs:
        if name not in INPUTS:
            parser.error(f"unknown input {name!r}: choose from {', '.join(INPUTS)}")
    if not SHARED.is_dir():
        print(f"needs {SHARED} (the shared corpora) beside the checkout", file=sys.stderr)
        return 2
    print(f"{os.cpu_count()} CPUs; rate = articles / work seconds (merge apart); startup not counted; "
          "wCPUms / oCPUms = CPU ms per article in the workers / in the driver and Ray's daemons")
    print(f"{'input':9} {'backend':10} {'engine':6} {'articles':>7} {'relev':>6} {'startup':>7} {'work_s':>8} "
          f"{'merge_s':>7} {'art/s':>8} {'+merge':>8} {'wCPUms':>8} {'oCPUms':>7}")
    with tempfile.TemporaryDirectory(prefix="swapwatch-scale-") as tmp, contextlib.ExitStack() as stack:
        work = Path(tmp)
        admin_url = args.pg_url
        if "postgresql" in args.backends and not admin_url:
            admin_url = stack.enter_context(throwaway_postgres())
        summary: list[str] = []
        for input_name in args.inputs:
            source = prepare(input_name, work, args.relevant_n, args.rss_lines)
            for backend in args.backends:
                runs: dict[str, dict] = {}
                for key in args.engines:
                    db_url = fresh_database(backend, work, admin_url)
                    cmd = [sys.executable, __file__, "--child", key, str(source), db_url]
                    done = subprocess.run(cmd, capture_output=True, text=True)
                    if done.returncode != 0:
                        print(f"{input_name} {backend} {key}: failed\n{done.stderr[-3000:]}", file=sys.stderr)
                        return 1
                    result = json.loads(done.stdout.strip().splitlines()[-1])
                    runs[key] = result
                    show(input_name, backend, result)
                line = efficiency(runs)
                if line:
                    summary.append(f"{input_name:9} {backend:10} second worker: {line}")
        print("\n".join(["", "efficiency per added worker (work rates):", *summary]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
