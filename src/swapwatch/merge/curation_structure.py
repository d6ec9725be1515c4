"""Curations that change the shape of the records, not a field: people on a side, a side's
parties and count, merging two exchanges, splitting an exchange or a person
(docs/CURATION.md, "Splits"). Used by ``curation._Applier``; pure data like the rest of merge.

A split is keyed on the target's stable key plus the **names** that leave it: names are
what a curator sees and they survive re-extraction (folded, matched like keys), whereas
merged ids, side positions and evidence offsets do not. The part split off gets an id
derived from those two things, so its page keeps its address across rebuilds, and a stable
key of its own, so later curations find it like any other record.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from ..model import Evidence, Exchange, Person, Side
from .names import fold

SIDE_ARROW = "->"


def side_ref(side: Side) -> str:
    """How a curation names a side: 'released_by->received_by' (empty for an unknown party)."""
    return f"{side.released_by or ''}{SIDE_ARROW}{side.received_by or ''}"


def find_side(x: Exchange, ref: Any) -> Side | None:
    """The side ``ref`` names: by its parties ('Russia->United States'), else by position."""
    text = str(ref or "")
    for side in x.sides:
        if side_ref(side) == text:
            return side
    if text.isdigit() and int(text) < len(x.sides):
        return x.sides[int(text)]
    return None


def _digest(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def _mentions(sentence: str, names: set[str]) -> bool:
    text = f" {fold(sentence)} "
    return any(f" {n} " in text for n in names)


def add_to_side(side: Side, name: str) -> bool:
    if fold(name) in {fold(n) for n in side.persons}:
        return False
    side.persons.append(name)
    return True


def remove_from_side(side: Side, name: str) -> bool:
    kept = [n for n in side.persons if fold(n) != fold(name)]
    changed = len(kept) != len(side.persons)
    side.persons = kept
    return changed


def set_side(side: Side, value: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the side's parties and count (those given); returns {field: (old, new)}."""
    changed: dict[str, tuple[Any, Any]] = {}
    for field in ("released_by", "received_by", "count"):
        if field in value:
            changed[field] = (getattr(side, field), value[field])
            setattr(side, field, value[field])
    return changed


def merge_exchange_into(a: Exchange, b: Exchange) -> None:
    """B takes A's articles, evidence, conflicts, sides' people and whatever B lacks."""
    b.articles = list(dict.fromkeys([*b.articles, *a.articles]))
    b.evidence = [*b.evidence, *a.evidence]
    b.conflicts = [*b.conflicts, *a.conflicts]
    for field in ("date", "date_precision", "location", "total"):
        if getattr(b, field) is None:
            setattr(b, field, getattr(a, field))
    b.mediators = list(dict.fromkeys([*b.mediators, *a.mediators]))
    for side in a.sides:
        same = find_side(b, side_ref(side))
        if same is None:
            b.sides.append(replace(side, persons=list(side.persons), evidence=list(side.evidence)))
            continue
        for name in side.persons:
            add_to_side(same, name)
        same.evidence = [*same.evidence, *side.evidence]
        if side.count is not None and (same.count is None or side.count > same.count):
            same.count = side.count


def split_exchange(x: Exchange, names: list[str], target_key: str, date: str | None) -> Exchange | None:
    """Move ``names`` (and their sides' evidence that names them) to a new exchange; None when
    none of them is on a side, or all of the exchange's people would leave."""
    leaving = {fold(n) for n in names if fold(n)}
    everyone = {fold(n) for s in x.sides for n in s.persons}
    if not leaving & everyone or everyone <= leaving:
        return None
    new_sides: list[Side] = []
    emptied: list[Side] = []
    moved_articles: set[str] = set()
    for side in x.sides:
        going = [n for n in side.persons if fold(n) in leaving]
        if not going:
            continue
        side.persons = [n for n in side.persons if fold(n) not in leaving]
        moving = [e for e in side.evidence if _mentions(e.sentence, leaving)]
        side.evidence = [e for e in side.evidence if e not in moving]
        if side.count is not None:
            side.count = max(len(side.persons), side.count - len(going))
        if not side.persons and not side.count:
            emptied.append(side)
        moved_articles |= {e.article_id for e in moving}
        new_sides.append(Side(side.released_by, side.received_by, len(going), going, moving))
    x_evidence = [e for e in x.evidence if _mentions(e.sentence, leaving)]
    x.evidence = [e for e in x.evidence if e not in x_evidence]
    moved_articles |= {e.article_id for e in x_evidence}
    still_cited = {e.article_id for e in x.evidence} | {e.article_id for s in x.sides for e in s.evidence}
    articles = [a for a in x.articles if a in moved_articles] or list(x.articles)
    x.articles = [a for a in x.articles if a not in moved_articles or a in still_cited] or list(x.articles)
    x.sides = [s for s in x.sides if all(s is not e for e in emptied)]
    new_date = date or x.date
    return Exchange(id="x-" + _digest(target_key, *sorted(leaving)), date=new_date,
                    date_precision={10: "day", 7: "month", 4: "year"}.get(len(new_date or "")),
                    kind=x.kind, location=x.location, mediators=list(x.mediators), total=None, sides=new_sides,
                    articles=articles, evidence=x_evidence)


def split_person(p: Person, names: list[str], target_key: str) -> Person | None:
    """Move the spellings ``names`` (and the evidence, articles and history that only they
    account for) to a new person; None when no spelling moves or none would stay."""
    leaving = {fold(n) for n in names if fold(n)}
    spellings = [p.name, *p.aliases]
    going = [n for n in spellings if fold(n) in leaving]
    staying = [n for n in spellings if fold(n) not in leaving]
    if not going or not staying:
        return None
    kept_folded = {fold(n) for n in staying}
    moving: list[Evidence] = [e for e in p.evidence if _mentions(e.sentence, leaving)
                              and not _mentions(e.sentence, kept_folded)]
    p.evidence = [e for e in p.evidence if e not in moving]
    still = {e.article_id for e in p.evidence}
    moved_articles = {e.article_id for e in moving} - still
    history = [h for h in p.history if h.article_id in moved_articles]
    p.history = [h for h in p.history if h.article_id not in moved_articles]
    p.articles = [a for a in p.articles if a not in moved_articles]
    if p.name not in staying:
        p.name = max(staying, key=len)
    p.aliases = [n for n in staying if n != p.name]
    name = max(going, key=len)
    latest = history[-1] if history else None
    return Person(id="p-" + _digest(target_key, *sorted(leaving)), name=name, aliases=[n for n in going if n != name],
                  status=latest.status if latest else p.status, status_date=latest.date if latest else None,
                  held_by=p.held_by, nationality=list(p.nationality), category=list(p.category), role=None,
                  charges=[], sentence=None, articles=sorted(moved_articles), history=history, evidence=moving)
