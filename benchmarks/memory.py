"""Peak memory of one ingest per hostile or heavy input (issue 12, reproduction 6).

Scenarios (each in its own child process, so the peak resident memory is its own):
  names       a 1.96 MB text: a one-sentence lede, then 100,000 "Firstname Lastname" names
  upload      the same text posted as one record through the upload path (service.ingest_record)
  attrs       a 5 MB HTML page of 720 elements x 999 attributes
  longest     the N longest relevant documents of the whitehouse stream (default 64: the
              batches that set the stream's peak), as one JSON Lines file
  whitehouse  the whole whitehouse stream (../shared/corpora; slow: every relevant briefing is parsed)

Prints seconds, peak RSS (MB) and the run's counts per scenario. Targets: names under 500 MB,
whitehouse under 1 GB. usage: python benchmarks/memory.py [names upload attrs longest whitehouse] [--longest 64]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
WHITEHOUSE = SHARED / "corpora" / "whitehouse-2021-2023.jsonl.gz"
SCENARIOS = ("names", "upload", "attrs", "longest", "whitehouse")
FIRST = ("Alexander", "Mariana", "Konstantin", "Olgaria", "Ahmedali", "Fatimah", "Lianne", "Weiminho",
         "Anatoly", "Johnathan", "Sarahlyn", "Omarkhan", "Nadezhda", "Yuriyan", "Elenora", "Pauline", "Gracella")
LAST = ("Smithson", "Petrovsky", "Ivanova", "Khanovich", "Garcianova", "Zhangwei", "Novakova",
        "Haddadine", "Kowalskiy", "Silvestre", "Brownleigh", "Sokolovsky", "Rahimi", "Okaforbi")
LEDE = "Russia and Ukraine exchanged prisoners on Monday in a prisoner swap. The released prisoners are "


def names_text(n: int = 100_000) -> str:
    rng = random.Random(12)
    return LEDE + ", ".join(f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n)) + "."


def attrs_page(elements: int = 720, attributes: int = 999) -> str:
    attrs = " ".join(f"a{j}=1" for j in range(attributes))
    return ("<html><head><title>Prisoner swap</title></head><body><p>" + LEDE + "Anna Petrova.</p>"
            + f"<p {attrs}>Prisoners were exchanged.</p>\n" * elements + "</body></html>")


def longest_relevant(target: Path, n: int) -> Path:
    from swapwatch.ingest.failure import Reject
    from swapwatch.ingest.records import build_article, pick_meta, record_text
    from swapwatch.relevance import score_relevance
    from swapwatch.settings import load_settings

    settings = load_settings("sqlite://")
    found: list[tuple[int, str]] = []
    with gzip.open(WHITEHOUSE, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            try:
                article = build_article(record_text(record), source="", name=None, meta=pick_meta(record),
                                        settings=settings)
            except Reject:
                continue
            if score_relevance(article, threshold=settings.relevance_threshold).relevant:
                found.append((len(article.text), line))
    found.sort(key=lambda item: -item[0])
    target.write_text("".join(line for _, line in found[:n]), encoding="utf-8")
    return target


def run_one(scenario: str, longest: int) -> dict:
    from swapwatch.extract.nlp import load_nlp
    from swapwatch.service import ingest, ingest_record
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    with tempfile.TemporaryDirectory(prefix="swapwatch-memory-") as tmp:
        work = Path(tmp)
        settings = load_settings(str(work / "bench.sqlite"))
        store = open_store(settings.db_url)
        source: Path | None = None
        if scenario in ("names", "upload"):
            source = work / "names.txt"
            source.write_text(names_text(), encoding="utf-8")
        elif scenario == "attrs":
            source = work / "attrs.html"
            source.write_text(attrs_page(), encoding="utf-8")
        elif scenario == "longest":
            source = longest_relevant(work / "longest.jsonl", longest)
        else:
            source = WHITEHOUSE
        size = source.stat().st_size
        load_nlp()
        start = time.perf_counter()
        notes: list[str] = []
        if scenario == "upload":
            outcome = ingest_record(store, {"text": source.read_text(encoding="utf-8")}, settings)
            counts = {"created": int(outcome.created)}
        else:
            summary = ingest(store, [source], settings, on_notice=lambda n: notes.append(n.reason))
            counts = summary.to_dict()
        seconds = time.perf_counter() - start
        extracted = store.extractions()
        counts["persons_read"] = sum(len(x.persons) + len(x.not_detainees) for x in extracted)
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"scenario": scenario, "input_mb": round(size / 1e6, 2), "seconds": round(seconds, 1),
            "peak_rss_mb": round(peak_mb), "counts": counts, "cut": notes}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="*", default=["names", "upload", "attrs", "longest"])
    parser.add_argument("--longest", type=int, default=64)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.scenarios[0], args.longest)))
        return 0
    for scenario in args.scenarios:
        if scenario not in SCENARIOS:
            parser.error(f"unknown scenario {scenario!r}")
        if scenario in ("longest", "whitehouse") and not WHITEHOUSE.exists():
            print(f"{scenario}: needs {WHITEHOUSE}", file=sys.stderr)
            continue
        done = subprocess.run([sys.executable, __file__, scenario, "--child", "--longest", str(args.longest)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{scenario}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            return 1
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{r['scenario']:10} input {r['input_mb']:>6} MB  {r['seconds']:>7} s  peak {r['peak_rss_mb']:>5} MB  "
              f"{r['counts']}")
        for note in r["cut"]:
            print(f"{'':10} cut: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
