"""Ingesting a web archive against ingesting JSON Lines of the same articles.

Builds, in a temporary folder deleted afterwards, a synthetic ``.warc.gz`` of about SIZE
uncompressed bytes (default 1 GB): for each page a request record and a response record
(HTTP 200, text/html), one gzip member each, as crawlers write them; and a ``.jsonl.gz``
holding the same articles (url, title, published, the page's paragraphs as text). Then runs
``swapwatch ingest`` on each, in a child process with a fresh SQLite database, and prints
wall time, articles per second, CPU time and the peak resident memory of the child and the
processes it starts (sampled every 0.1 s with psutil), and the machine's load average before
and after (a large archive is read in a second process, which gains only on a free core). The pages are generated prose with no
exchange in them, so the run measures reading, the quick HTML reading (``ingest.quicktext``:
no page is relevant, so none goes on to trafilatura), relevance and storing, not the extractor.

Targets (issue 11): peak memory under 500 MB, WARC throughput within 20% of JSON Lines.
usage: python benchmarks/warc.py [--size 1GB] [--page-kb 24] [--keep DIR]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from pathlib import Path

WORDS = ("harbour council library weather market festival river bridge school garden museum railway "
         "village orchestra season harvest bakery station theatre park volunteers residents mayor street "
         "repairs evening morning visitors tradition bicycle ferry lighthouse meadow").split()


def parse_size(text: str) -> int:
    units = {"kb": 10 ** 3, "mb": 10 ** 6, "gb": 10 ** 9, "": 1}
    text = text.strip().lower()
    for unit in ("kb", "mb", "gb", ""):
        if text.endswith(unit) and text[: len(text) - len(unit)].replace(".", "").isdigit():
            return int(float(text[: len(text) - len(unit)]) * units[unit])
    raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 200MB, 1GB)")


def paragraphs(rng: random.Random, chars: int) -> list[str]:
    out, total = [], 0
    while total < chars:
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + "."
                     for _ in range(rng.randint(3, 6))]
        out.append(" ".join(sentences))
        total += len(out[-1])
    return out


def page(i: int, rng: random.Random, page_chars: int) -> tuple[dict, bytes]:
    """(the JSON Lines record, the HTML page) of article ``i``."""
    title = f"Town notes {i}: " + " ".join(rng.choice(WORDS) for _ in range(5))
    day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    paras = paragraphs(rng, page_chars)
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{day}T08:00:00Z"></head><body>'
            f'<nav><a href="/">Home</a> <a href="/town">Town</a></nav><article><h1>{title}</h1>\n{body}'
            f"</article><footer>Local news, all rights reserved.</footer></body></html>").encode()
    record = {"url": f"https://town.example/{i}", "title": title, "published": day, "text": "\n\n".join(paras)}
    return record, html


def warc_record(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2024-06-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def gzip_member(data: bytes) -> bytes:
    z = zlib.compressobj(1, zlib.DEFLATED, 31)      # level 1: building 1 GB should not take longer than reading it
    return z.compress(data) + z.flush()


def build(folder: Path, size: int, page_chars: int) -> tuple[Path, Path, int]:
    """(the .warc.gz, the .jsonl.gz, how many pages) of about ``size`` uncompressed WARC bytes."""
    rng = random.Random(11)
    warc, lines = folder / "synthetic.warc.gz", folder / "synthetic.jsonl.gz"
    written = pages = 0
    with warc.open("wb") as w, gzip.open(lines, "wt", encoding="utf-8", compresslevel=1) as j:
        while written < size:
            record, html = page(pages, rng, page_chars)
            uri = record["url"]
            request = warc_record("request", uri, f"GET /{pages} HTTP/1.1\r\nHost: town.example\r\n\r\n".encode(),
                                  "application/http; msgtype=request")
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(html)}\r\n\r\n".encode() + html)
            response = warc_record("response", uri, http, "application/http; msgtype=response")
            w.write(gzip_member(request))
            w.write(gzip_member(response))
            j.write(json.dumps(record) + "\n")
            written += len(request) + len(response)
            pages += 1
    return warc, lines, pages


def ingest(source: Path, folder: Path) -> dict:
    """Run ``swapwatch ingest`` on ``source`` in a child; its seconds, CPU seconds, peak RSS and
    summary line.

    CPU: the child's and its descendants', from the kernel once it ended: a large archive's
    reader (``ingest.readahead``) runs in a process of its own, which the child waits for, so
    the kernel counts it with the child."""
    import resource

    import psutil

    db = folder / f"{source.name}.sqlite"
    env = {**os.environ, "SWAPWATCH_MAX_DECOMPRESSED_BYTES": str(64 * 1024 ** 3),
           "SWAPWATCH_MAX_RUN_DECOMPRESSED_BYTES": str(64 * 1024 ** 3)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "swapwatch.cli", "ingest", "--db", str(db), "-q", str(source)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    proc, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            processes = proc.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in [proc, *processes]))
        except psutil.Error:
            pass
        time.sleep(0.1)
    out, err = child.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    db.unlink(missing_ok=True)
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak / 1e6, "load": (load_before, os.getloadavg()[0]),
            "summary": out.strip().splitlines(),
            "errors": err.strip().splitlines()[-3:], "rc": child.returncode}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=parse_size, default=parse_size("1GB"),
                        help="uncompressed WARC size to generate (default 1GB)")
    parser.add_argument("--page-kb", type=float, default=24, help="text per page, in KB (default 24)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the files")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="swapwatch-warc-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        warc, lines, pages = build(folder, args.size, int(args.page_kb * 1000))
        print(f"built {pages:,} pages in {time.perf_counter() - t:.0f} s: {warc.name} {warc.stat().st_size / 1e6:,.0f} MB "
              f"on disk ({args.size / 1e6:,.0f} MB uncompressed), {lines.name} {lines.stat().st_size / 1e6:,.0f} MB")
        results = {}
        for name, source in (("warc.gz", warc), ("jsonl.gz", lines)):
            r = results[name] = ingest(source, folder)
            print(f"{name:9} {r['seconds']:8.1f} s  {pages / r['seconds']:8.1f} articles/s  CPU {r['cpu']:7.1f} s "
                  f"({r['cpu'] / pages * 1e3:.2f} ms a page)  peak RSS {r['peak_mb']:6.0f} MB  "
                  f"load {r['load'][0]:.1f}-{r['load'][1]:.1f}  rc {r['rc']}  "
                  f"{' / '.join(r['summary'])}")
            for line in r["errors"]:
                print(f"{'':9} {line}")
        ratio = results["jsonl.gz"]["seconds"] / results["warc.gz"]["seconds"]
        cpu_ratio = results["jsonl.gz"]["cpu"] / results["warc.gz"]["cpu"]
        print(f"WARC throughput = {ratio:.2f} x JSON Lines (CPU: {cpu_ratio:.2f}); "
              f"peak {max(r['peak_mb'] for r in results.values()):.0f} MB")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
