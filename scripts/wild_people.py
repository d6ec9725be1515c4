#!/usr/bin/env python3
"""Do the stream's reports of a known exchange put its people on a side? A check with no labels.

For each exchange of ../shared/eval/wild/reference.json, the stream articles (stored relevant in
DB) published from the day before to three days after it that name one of its released people
(by surname) and speak of a release or swap are extracted again with the current code. For each
person named there it counts: put on a side of a record, put on the side of the party that really
released them, given a released or exchanged status. Counts are over (article, person) pairs.

usage: .venv/bin/python scripts/wild_people.py DB [--show]
       (DB: a SQLite file that ingested ../shared/corpora/rss-news-2022-2023.jsonl.gz)
"""
from __future__ import annotations

import json
import re
import sqlite3
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from swapwatch.extract.pipeline import extract_article
from swapwatch.model import Article

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "wild" / "reference.json"
RELEASE_WORDS = re.compile(r"\b(?:swap|exchang|freed|releas)", re.I)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def released_people(exchange: dict) -> list[tuple[str, set[str], str]]:
    """(name, folded surnames of the name and its aliases, who released them)."""
    out = []
    for side in exchange["released"]:
        for p in side["persons"]:
            names = [p["name"], *p.get("aliases", [])]
            out.append((p["name"], {fold(n.split()[-1]) for n in names}, side["released_by"]))
    return out


def named_in(text: str, surnames: set[str]) -> bool:
    folded = fold(text)
    return any(re.search(rf"\b{re.escape(s)}\b", folded) and s.capitalize() in folded.title() for s in surnames)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    db, show = sqlite3.connect(argv[0]), "--show" in argv
    totals = {"articles": 0, "named": 0, "on a side": 0, "right side": 0, "released status": 0}
    for exchange in json.loads(REFERENCE.read_text(encoding="utf-8")):
        people = released_people(exchange)
        day = date.fromisoformat(exchange["date"])
        rows = db.execute("select id, title, url, outlet, published, text from articles where relevant = 1 "
                          "and published between ? and ?",
                          (str(day - timedelta(days=1)), str(day + timedelta(days=3)))).fetchall()
        for aid, title, url, outlet, published, text in rows:
            full = f"{title or ''} {text}"
            named = [p for p in people if named_in(full, p[1])]
            if not named or not RELEASE_WORDS.search(full):
                continue
            totals["articles"] += 1
            ex = extract_article(Article(id=aid, title=title, url=url, outlet=outlet, text=text,
                                         published=date.fromisoformat(published)))
            sides = {fold(n): s.released_by for x in ex.exchanges for s in x.sides for n in s.persons}
            statuses = {fold(p.name).split()[-1]: p.status for p in ex.persons}
            for name, surnames, released_by in named:
                totals["named"] += 1
                hit = next((k for k in sides if k.split()[-1] in surnames), None)
                if hit is not None:
                    totals["on a side"] += 1
                    got = fold(sides[hit] or "")
                    if got and (got in fold(released_by) or fold(released_by) in got):
                        totals["right side"] += 1
                if any(statuses.get(s) in ("released", "exchanged") for s in surnames):
                    totals["released status"] += 1
                elif show:
                    print(f"{exchange['id']} {aid} {name}: side {sides.get(hit) if hit else '-'} | {title!r}")
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
