"""How far to trust each merged record, from its evidence, and what a person should check.

Pure data like the rest of merge: ``assess(records, recalled, orphans)`` gives each exchange
and person a confidence in [0, 1] and a list of ``Doubt``s, the review queue's items
(``read.review`` orders and serves them). The scores are deliberately simple, so a curator
can see why a record is where it is in the queue:

- sources: one article 0.55, two 0.75, three or more 0.9;
- minus 0.15 per conflict between sources (at most 0.45);
- minus 0.25 when every sentence about an exchange is a recalled mention, not the news;
- minus 0.25 for a first-name-only or surname-only person; 0.1 for a status no sentence
  states, or a 'detained' (which puts them on the still-held list) stated in one article
  only; 0.15 when another person with a similar name has the same holder;
- minus 0.1 for a side with an unknown party, and for a side with neither count nor names.

A record a curator confirmed as a whole has confidence 1 and no doubts; a fact a curator
set, confirmed or rejected raises no doubt about that fact.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field as dc_field
from typing import Any

from rapidfuzz.distance import JaroWinkler

from ..model import Exchange, MergedRecords, Person
from .names import fold, key as name_key

# The problems the queue lists, most important first (their weights order the queue).
WEIGHTS = {"orphaned_curation": 100, "conflict": 90, "possible_duplicate": 80, "recalled_only": 70,
           "partial_name": 60, "weak_status": 50, "unknown_party": 40, "no_count": 30}
SIMILAR_NAMES = 0.9             # Jaro-Winkler on whole folded names
SIMILAR_SURNAMES = 0.93         # ... or on surnames, with the same first initial
MAX_BUCKET = 200                # persons compared pairwise per holder and surname prefix


@dataclass
class Doubt:
    problem: str                   # a key of WEIGHTS
    record_type: str               # exchange | person | curation
    record_id: str
    title: str
    detail: str
    field: str | None = None
    confidence: float = 0.0
    related: list[str] = dc_field(default_factory=list)   # the other record (a possible duplicate)

    def to_dict(self) -> dict[str, Any]:
        return {"problem": self.problem, "record_type": self.record_type, "record_id": self.record_id,
                "title": self.title, "detail": self.detail, "field": self.field,
                "confidence": self.confidence, "related": list(self.related), "weight": WEIGHTS[self.problem]}


@dataclass
class Assessment:
    confidence: dict[str, float] = dc_field(default_factory=dict)      # record id -> confidence
    doubts: list[Doubt] = dc_field(default_factory=list)


def _sources(n: int) -> float:
    return 0.55 if n <= 1 else 0.75 if n == 2 else 0.9


def _judged(record: Exchange | Person) -> set[str]:
    """Fields a curator set, confirmed or rejected ('record' when confirmed as a whole)."""
    return {str(c.get("field")) for c in record.curated}


def _clamp(value: float) -> float:
    return round(min(1.0, max(0.05, value)), 2)


def _exchange(x: Exchange, recalled: set[str], title: str) -> tuple[float, list[Doubt]]:
    judged = _judged(x)
    if "record" in judged:
        return 1.0, []
    score, doubts = _sources_and_conflicts(x, "exchange", title, judged)
    if x.id in recalled:
        score -= 0.25
        doubts.append(Doubt("recalled_only", "exchange", x.id, title,
                            "every article mentions it as past background, none reports it as news"))
    for i, side in enumerate(x.sides):
        if any(f.startswith(f"side {side.released_by or ''}->") for f in judged):
            continue
        if side.released_by is None or side.received_by is None:
            score -= 0.1
            doubts.append(Doubt("unknown_party", "exchange", x.id, title,
                                f"side {i + 1}: {'who let go' if side.released_by is None else 'who received'} "
                                "is unknown", f"sides[{i}]"))
        if side.count is None and not side.persons:
            score -= 0.1
            doubts.append(Doubt("no_count", "exchange", x.id, title, f"side {i + 1}: neither a count nor a name",
                                f"sides[{i}].count"))
    return _clamp(score), doubts


def _person(p: Person, duplicates: dict[str, list[Person]]) -> tuple[float, list[Doubt]]:
    judged = _judged(p)
    if "record" in judged:
        return 1.0, []
    score, doubts = _sources_and_conflicts(p, "person", p.name, judged)
    if len(name_key(p.name)) < 2:
        score -= 0.25
        doubts.append(Doubt("partial_name", "person", p.id, p.name,
                            "only one name is known (a first name or a surname): who is this?", "name"))
    status_articles = {e.article_id for e in p.evidence if e.field == "status"}
    if p.status and "status" not in judged and (not status_articles or
                                                (p.status == "detained" and len(status_articles) == 1)):
        score -= 0.1
        said = "no sentence states it" if not status_articles else "it rests on one article"
        doubts.append(Doubt("weak_status", "person", p.id, p.name,
                            f"'{p.status.replace('_', ' ')}': {said}", "status"))
    for other in duplicates.get(p.id, []):
        score -= 0.15
        doubts.append(Doubt("possible_duplicate", "person", p.id, p.name,
                            f"{other.name} has a similar name and the same holder ({p.held_by}): one person?",
                            "name", related=[other.id]))
    return _clamp(score), doubts


def _similar(a: str, b: str) -> bool:
    """Close whole names, or close surnames (a gendered or transliterated ending) with the same
    first initial: 'Anna Dultseva' / 'Artem Dultsev', 'Vadim Krasikov' / 'V. Krassikov'."""
    if JaroWinkler.similarity(a, b) >= SIMILAR_NAMES:
        return True
    wa, wb = a.split(), b.split()
    return len(wa) > 1 and len(wb) > 1 and wa[0][0] == wb[0][0] and \
        JaroWinkler.similarity(wa[-1], wb[-1]) >= SIMILAR_SURNAMES


def similar_persons(persons: Iterable[Person]) -> dict[str, list[Person]]:
    """For each person, the others with a similar name and the same holder (each pair once,
    on the person whose name sorts first). Compared within buckets of holder and surname
    prefix, so a big database is not compared pairwise."""
    buckets: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for p in persons:
        words = fold(p.name).split()
        if p.held_by and words and "record" not in _judged(p):
            buckets[(p.held_by, words[-1][:3])].append(p)
    found: dict[str, list[Person]] = defaultdict(list)
    for group in buckets.values():
        group = sorted(group, key=lambda p: (p.name, p.id))[:MAX_BUCKET]
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if _similar(fold(a.name), fold(b.name)):
                    found[a.id].append(b)
    return found


def assess(records: MergedRecords, recalled: set[str], exchange_titles: dict[str, str]) -> Assessment:
    """Confidence and doubts of every record. ``recalled``: ids of exchanges whose every
    sentence is a recalled mention; ``exchange_titles``: how the queue names an exchange."""
    out = Assessment()
    for x in records.exchanges:
        out.confidence[x.id], doubts = _exchange(x, recalled, exchange_titles.get(x.id, x.id))
        out.doubts += doubts
    duplicates = similar_persons(records.persons)
    for p in records.persons:
        out.confidence[p.id], doubts = _person(p, duplicates)
        out.doubts += doubts
    for d in out.doubts:
        d.confidence = out.confidence[d.record_id]
    return out


def recalled_exchanges(records: MergedRecords, background_spans: set[tuple[str, int, int]]) -> set[str]:
    """Ids of exchanges all of whose evidence lies in mentions the extractor marked as recalled
    background (``background_spans``: (article id, start, end) of those mentions' evidence)."""
    out = set()
    for x in records.exchanges:
        spans = [(e.article_id, e.start, e.end) for e in [*x.evidence, *(e for s in x.sides for e in s.evidence)]]
        if spans and all(s in background_spans for s in spans):
            out.add(x.id)
    return out


def _sources_and_conflicts(record: Exchange | Person, kind: str, title: str,
                           judged: set[str]) -> tuple[float, list[Doubt]]:
    """The score its number of articles gives, less what its conflicts a curator has not
    judged take off; a doubt for each of those conflicts."""
    conflicts = [c for c in record.conflicts if c.field not in judged]
    doubts = [Doubt("conflict", kind, record.id, title, f"sources disagree on {c.field}: {_disagreeing(c)}",
                    c.field) for c in conflicts]
    return _sources(len(record.articles)) - min(0.45, 0.15 * len(conflicts)), doubts


def _disagreeing(c) -> str:
    """ "'Russia' (2 articles); 'Germany' (1 article)" for one conflict."""
    def n(v) -> str:
        k = len(v.get("articles") or [])
        return f"{k} article{'s' if k != 1 else ''}"
    return "; ".join(f"{v.get('value')!r} ({n(v)})" for v in c.values)
