"""End-to-end ingest throughput into SQLite, one process.

Scenarios (each runs in its own child process so peak memory is its own):
  relevant    the dev corpora's relevant articles, repeated (each copy made distinct) to >= 500 articles
  rss         the first 50,000 lines of ../shared/corpora/rss-news-2022-2023.jsonl.gz
  whitehouse  all of ../shared/corpora/whitehouse-2021-2023.jsonl.gz

Prints articles/s, words/s and peak resident memory per scenario.
usage: python benchmarks/throughput.py [relevant rss whitehouse] [--relevant-n 500] [--rss-lines 50000]
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCENARIOS = ("relevant", "rss", "whitehouse")


def _dev_articles() -> list[dict]:
    """The dev corpora's articles labelled relevant (labels.json): the ones the parser works on."""
    relevant: set[str] = set()
    for labels in (SHARED / "eval" / "dev").glob("*/labels.json"):
        marks = json.loads(labels.read_text(encoding="utf-8"))["relevant"]
        relevant |= {name for name, is_relevant in marks.items() if is_relevant}
    items = []
    for txt in sorted((SHARED / "eval" / "dev").glob("*/articles/*.txt")):
        if txt.stem not in relevant:
            continue
        meta_path = txt.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        items.append({"text": txt.read_text(encoding="utf-8"), "title": meta.get("title"),
                      "published": meta.get("published"), "outlet": meta.get("outlet")})
    return items


def prepare(scenario: str, workdir: Path, relevant_n: int, rss_lines: int) -> Path:
    """Write the scenario's input as one JSON Lines file in workdir (copies stay outside the repo)."""
    target = workdir / f"{scenario}.jsonl"
    with target.open("w", encoding="utf-8") as out:
        if scenario == "relevant":
            base = _dev_articles()
            for i in range(relevant_n):
                item = dict(base[i % len(base)])
                item["text"] = f"{item['text']}\n\n(benchmark copy {i})"   # distinct content: no dedup
                out.write(json.dumps(item) + "\n")
        elif scenario == "rss":
            with gzip.open(SHARED / "corpora" / "rss-news-2022-2023.jsonl.gz", "rt", encoding="utf-8") as f:
                for n, line in enumerate(f):
                    if n >= rss_lines:
                        break
                    out.write(line)
        else:
            return SHARED / "corpora" / "whitehouse-2021-2023.jsonl.gz"
    return target


def count_words(path: Path) -> tuple[int, int]:
    opener = gzip.open if path.suffix == ".gz" else open
    articles = words = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            try:
                item = json.loads(line)
            except ValueError:
                continue
            articles += 1
            words += len(f"{item.get('title') or ''} {item.get('text') or ''}".split())
    return articles, words


def run_one(scenario: str, relevant_n: int, rss_lines: int) -> dict:
    from swapwatch.service import ingest
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    with tempfile.TemporaryDirectory(prefix="swapwatch-bench-") as tmp:
        work = Path(tmp)
        source = prepare(scenario, work, relevant_n, rss_lines)
        n_articles, n_words = count_words(source)
        settings = load_settings(str(work / "bench.sqlite"))
        store = open_store(settings.db_url)
        from swapwatch.extract.nlp import load_nlp
        load_nlp()                                   # model load is start-up, not throughput
        start = time.perf_counter()
        summary = ingest(store, [source], settings)
        seconds = time.perf_counter() - start
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"scenario": scenario, "articles": n_articles, "words": n_words, "seconds": round(seconds, 2),
            "articles_per_s": round(n_articles / seconds, 1), "words_per_s": round(n_words / seconds),
            "peak_rss_mb": round(peak_mb), **summary.to_dict()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", default=list(SCENARIOS))
    parser.add_argument("--relevant-n", type=int, default=500)
    parser.add_argument("--rss-lines", type=int, default=50_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"needs {SHARED} (the shared corpora) beside the checkout", file=sys.stderr)
        return 2
    if args.child:
        print(json.dumps(run_one(args.scenarios[0], args.relevant_n, args.rss_lines)))
        return 0
    print(f"{'scenario':11} {'articles':>9} {'words':>10} {'seconds':>8} {'art/s':>8} {'words/s':>9} "
          f"{'peak MB':>8}  relevant/extracted")
    for scenario in args.scenarios:
        if scenario not in SCENARIOS:
            parser.error(f"unknown scenario {scenario!r}")
        cmd = [sys.executable, __file__, scenario, "--child", "--relevant-n", str(args.relevant_n),
               "--rss-lines", str(args.rss_lines)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{scenario}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            return 1
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{r['scenario']:11} {r['articles']:>9} {r['words']:>10} {r['seconds']:>8} {r['articles_per_s']:>8} "
              f"{r['words_per_s']:>9} {r['peak_rss_mb']:>8}  {r['ingested'] - r['irrelevant']}/{r['extracted']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
