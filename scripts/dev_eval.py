#!/usr/bin/env python3
"""Run the extractor on a dev corpus, score it with shared score.py, dump what was read.

usage: .venv/bin/python scripts/dev_eval.py [seeds|whitehouse|PATH ...] [--quiet] [--only NAME]

For each article (articles/*.txt + sidecar .json) it builds a model.Article the way
ingest does (normalised text, content id, name = file stem), runs extract_article,
merges with swapwatch.merge, exports with swapwatch.export.export_dict, writes
/tmp/swapwatch-dev-<corpus>.json and prints score.py's report. The per-article dump
shows every exchange (date, kind, sides) and person the extractor produced.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"


def load_articles(corpus: Path):
    from swapwatch.ingest.normalize import article_id, normalize_text
    from swapwatch.model import Article

    out = []
    for txt in sorted((corpus / "articles").glob("*.txt")):
        meta_path = txt.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        text = normalize_text(txt.read_text(encoding="utf-8"))
        pub = meta.get("published")
        try:
            published = date.fromisoformat(pub[:10]) if pub else None
        except ValueError:
            published = None
        out.append(Article(id=article_id(text), text=text, title=meta.get("title"), url=meta.get("url"),
                           outlet=meta.get("outlet"), published=published, language=meta.get("language"),
                           source=str(txt), name=txt.stem))
    return out


def export_of(extractions, articles) -> dict:
    names = {a.id: a.name for a in articles}
    published = {a.id: a.published for a in articles}
    try:
        from swapwatch.merge import merge
    except ImportError:
        merge = None
    if merge is None:
        return _plain_export(extractions, names)
    try:
        records = merge(extractions, published)
    except Exception as e:   # the merge module is work in progress elsewhere: still score
        print(f"!! merge failed ({type(e).__name__}: {e}); scoring the unmerged mentions", file=sys.stderr)
        return _plain_export(extractions, names)
    try:
        from swapwatch.export import export_dict
    except ImportError:
        export_dict = None
    if export_dict is None:
        return _plain_export(extractions, names)
    return export_dict(records, names)


def _plain_export(extractions, names) -> dict:
    """Concatenated mentions in the FORMAT.md schema (before merge/export exist)."""
    exchanges, persons = [], []
    for ex in extractions:
        for x in ex.exchanges:
            exchanges.append({"date": x.date, "date_precision": x.date_precision, "kind": x.kind,
                              "location": x.location, "mediators": x.mediators, "total": x.total,
                              "sides": [{"released_by": s.released_by, "received_by": s.received_by,
                                         "count": s.count, "persons": s.persons} for s in x.sides],
                              "articles": [names[ex.article_id]]})
        for p in ex.persons:
            persons.append({"name": p.name, "aliases": p.aliases, "status": p.status, "held_by": p.held_by,
                            "category": p.category, "charges": p.charges, "sentence": p.sentence})
    return {"exchanges": exchanges, "persons": persons}


def dump(article, ex, seconds: float) -> None:
    print(f"--- {article.name}  ({len(article.text)} chars, {seconds:.2f}s)")
    for x in ex.exchanges:
        tag = "BG " if x.background else "NEWS"
        print(f"  [{tag}] {x.date} ({x.date_precision}) {x.kind} total={x.total} loc={x.location} "
              f"med={x.mediators}")
        for s in x.sides:
            print(f"      {s.released_by} -> {s.received_by}  count={s.count}  persons={s.persons}")
        ev = [e for e in x.evidence if e.field == "kind"]
        if ev:
            print(f"      kind<- {ev[0].sentence[:150]!r}")
    for p in ex.persons:
        print(f"  person: {p.name} status={p.status} ({p.status_date}) held_by={p.held_by} "
              f"nat={p.nationality} cat={p.category}")
    if ex.not_detainees:
        print(f"  not_detainees: {', '.join(ex.not_detainees[:30])}")


def run(corpus: Path, quiet: bool = False, only: str | None = None) -> dict:
    from swapwatch.extract.nlp import load_nlp
    from swapwatch.extract.pipeline import extract_article

    nlp = load_nlp()
    articles = load_articles(corpus)
    extractions = []
    t_all = time.perf_counter()
    for a in articles:
        t0 = time.perf_counter()
        ex = extract_article(a, nlp)
        dt = time.perf_counter() - t0
        extractions.append(ex)
        if not quiet and (only is None or only in (a.name or "")):
            dump(a, ex, dt)
    total = time.perf_counter() - t_all
    exported = export_of(extractions, articles)
    out = Path(f"/tmp/swapwatch-dev-{corpus.name}.json")
    out.write_text(json.dumps(exported, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n== {corpus.name}: {len(articles)} articles in {total:.1f}s; export {out}")
    done = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(corpus / "gold.json"),
                           str(out)], capture_output=True, text=True)
    print(done.stdout or done.stderr)
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(corpus / "gold.json"),
                          str(out), "--json"], capture_output=True, text=True)
    return json.loads(res.stdout) if res.returncode == 0 else {}


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    only = None
    if "--only" in argv:
        only = argv[argv.index("--only") + 1]
    names = [a for a in argv if not a.startswith("--") and a != only] or ["seeds", "whitehouse"]
    for n in names:
        corpus = Path(n) if "/" in n else DEV / n
        run(corpus, quiet=quiet, only=only)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
