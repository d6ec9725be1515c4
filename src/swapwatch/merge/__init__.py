"""Merge per-article mentions into one record per real exchange and per real person.

Recomputed from every stored extraction, so the inputs are sorted by article id first
and every tie is broken on content: the same extractions in any order give the same
records with the same ids.

    merge(extractions, published) -> MergedRecords

Steps: people are clustered across spellings and vetoed (clusters.py); exchange
mentions are grouped and merged with their sides (exchanges.py); each person then gets
a status history in which the exchanges they were part of take part (persons.py).
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from ..model import ArticleExtraction, MergedRecords
from .clusters import build_index
from .exchanges import merge_exchanges
from .persons import build_person
from .status import ExchangeLink

MERGER_ID = "swapwatch.merge.v1"

__all__ = ["MERGER_ID", "merge"]


def version_key(version: str) -> tuple:
    """'swapwatch.extract.v10' sorts after 'swapwatch.extract.v2' (numbers compared as numbers)."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", version))


def _canonical(extractions: list[ArticleExtraction]) -> list[ArticleExtraction]:
    """Sorted by article id; one extraction per article (the newest extractor version wins)."""
    best: dict[str, ArticleExtraction] = {}
    for ex in extractions:
        cur = best.get(ex.article_id)
        if cur is None or (version_key(ex.extractor_version), repr(ex.to_dict())) > (
                version_key(cur.extractor_version), repr(cur.to_dict())):
            best[ex.article_id] = ex
    return [best[a] for a in sorted(best)]


def merge(extractions: list[ArticleExtraction], published: dict[str, date | None]) -> MergedRecords:
    """One Exchange per real exchange and one Person per real person, deterministic and order-free."""
    extractions = _canonical(list(extractions))
    people = build_index(extractions)
    exchanges, on_sides = merge_exchanges(extractions, people)

    links: dict[str, list[ExchangeLink]] = defaultdict(list)
    for pid, items in on_sides.items():
        for x, side in items:
            arts = tuple(sorted({e.article_id for e in side.evidence} & set(x.articles)) or x.articles)
            links[pid].append(ExchangeLink(x.id, x.date, x.kind, side.released_by, side.received_by, arts))
    exchange_articles = {x.id: set(x.articles) for x in exchanges}

    persons = [build_person(c, links.get(c.id, []), exchange_articles, published) for c in people.clusters]
    persons.sort(key=lambda p: (p.name, p.id))
    return MergedRecords(exchanges=exchanges, persons=persons)
