"""Apply the curation log to freshly merged records, so every rebuild gives the curated result.

Pure data in and out, like the rest of merge: ``apply_curations(records, log)`` stamps each
record with its stable key (``keys.py``), finds each curation's target by that key in the
records as extracted (before any curation), and applies the log in order. A curation whose
target cannot be found is kept and reported ``orphaned``; nothing in the log is ever dropped.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..model import Curation, Exchange, MergedRecords, Person
from .keys import exchange_fit, exchange_key, person_key, person_spellings

PERSON_FIELDS = ("status", "status_date", "held_by", "nationality", "category", "role", "charges", "sentence")
EXCHANGE_FIELDS = ("date", "kind", "total", "location", "mediators")

APPLIED, ORPHANED, UNDONE = "applied", "orphaned", "undone"


@dataclass
class CurationState:
    """What one rebuild did with one curation."""

    curation_id: int
    state: str                      # applied | orphaned | undone
    record_id: str | None = None    # the merged record it changed
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"curation_id": self.curation_id, "state": self.state, "record_id": self.record_id,
                "detail": self.detail}


def _precision(date: str | None) -> str | None:
    return {10: "day", 7: "month", 4: "year"}.get(len(date)) if date else None


class _Applier:
    def __init__(self, records: MergedRecords):
        self.persons: dict[str, Person] = {p.id: p for p in records.persons}
        self.exchanges: dict[str, Exchange] = {x.id: x for x in records.exchanges}
        self.order_p = [p.id for p in records.persons]
        self.order_x = [x.id for x in records.exchanges]
        by_name: dict[str, list[str]] = {}
        by_alias: dict[str, list[str]] = {}
        for p in records.persons:
            p.key = person_key(p.name)
            spellings = person_spellings(p)
            by_name.setdefault(spellings[0] if spellings else p.key, []).append(p.id)
            for k in spellings[1:]:
                by_alias.setdefault(k, []).append(p.id)
        self.by_name, self.by_alias = by_name, by_alias
        self.snapshot = []              # exchanges as extracted, for matching by fit
        for x in records.exchanges:
            x.key = exchange_key(x)
            sides = [replace(side, persons=list(side.persons)) for side in x.sides]
            self.snapshot.append((x.id, x.key, replace(x, sides=sides)))
        self.redirect: dict[str, str] = {}       # person merged away -> the one it joined
        self.removed: dict[str, int] = {}        # record id -> the curation that removed it

    # -- finding targets ------------------------------------------------------------

    def person(self, key: str) -> tuple[Person | None, str | None]:
        ids = self.by_name.get(key) or self.by_alias.get(key) or []
        if len(ids) > 1:
            return None, f"{len(ids)} persons answer to {key!r}"
        if not ids:
            return None, f"no person answers to {key!r}"
        pid = ids[0]
        while pid in self.redirect:
            pid = self.redirect[pid]
        if pid in self.removed:
            return None, f"removed by curation #{self.removed[pid]}"
        return self.persons[pid], None

    def exchange(self, key: str) -> tuple[Exchange | None, str | None]:
        exact = [xid for xid, k, _ in self.snapshot if k == key]
        if len(exact) > 1:
            return None, f"{len(exact)} exchanges have the key {key!r}"
        if not exact:
            fits = [(fit, xid) for xid, _, x in self.snapshot if (fit := exchange_fit(key, x)) is not None]
            fits.sort(reverse=True)
            if not fits:
                return None, f"no exchange fits {key!r}"
            if len(fits) > 1 and fits[0][0] == fits[1][0]:
                return None, f"{sum(1 for f, _ in fits if f == fits[0][0])} exchanges fit {key!r} equally"
            exact = [fits[0][1]]
        if exact[0] in self.removed:
            return None, f"removed by curation #{self.removed[exact[0]]}"
        return self.exchanges[exact[0]], None

    # -- actions --------------------------------------------------------------------

    @staticmethod
    def _mark(record: Person | Exchange, c: Curation, field: str, value: Any, extracted: Any) -> None:
        earlier = next((e for e in record.curated if e["field"] == field), None)
        if earlier is not None:
            extracted = earlier["extracted"]
            record.curated.remove(earlier)
        record.curated.append({"field": field, "value": value, "extracted": extracted, "curator": c.curator,
                               "reason": c.reason, "at": c.created_at, "curation": c.id})

    def set_fields(self, record: Person | Exchange, c: Curation) -> None:
        allowed = PERSON_FIELDS if isinstance(record, Person) else EXCHANGE_FIELDS
        for field, value in dict(c.value or {}).items():
            if field not in allowed:
                continue
            self._mark(record, c, field, value, getattr(record, field))
            setattr(record, field, value)
            if field == "date" and isinstance(record, Exchange):
                record.date_precision = _precision(value)

    def drop_names(self, names: set[str], replace_with: str | None = None) -> None:
        from .names import fold

        folded = {fold(n) for n in names}
        for x in self.exchanges.values():
            for side in x.sides:
                kept: list[str] = []
                for n in side.persons:
                    n = replace_with if fold(n) in folded and replace_with else n
                    if fold(n) in folded and not replace_with:
                        continue
                    if n not in kept:
                        kept.append(n)
                side.persons = kept

    def remove(self, record: Person | Exchange, c: Curation) -> None:
        self.removed[record.id] = c.id

    def merge_persons(self, a: Person, b: Person, c: Curation) -> None:
        for name in [a.name, *a.aliases]:
            if name != b.name and name not in b.aliases:
                b.aliases.append(name)
        b.articles = list(dict.fromkeys([*b.articles, *a.articles]))
        b.history = sorted([*b.history, *a.history], key=lambda h: (h.date is None, h.date or "", h.article_id))
        b.evidence = [*b.evidence, *a.evidence]
        b.conflicts = [*b.conflicts, *a.conflicts]
        for field in ("status", "status_date", "held_by", "role", "sentence"):
            if getattr(b, field) is None:
                setattr(b, field, getattr(a, field))
        for field in ("nationality", "category", "charges"):
            setattr(b, field, list(dict.fromkeys([*getattr(b, field), *getattr(a, field)])))
        self._mark(b, c, "merged", a.name, None)
        self.drop_names({a.name, *a.aliases}, replace_with=b.name)
        self.redirect[a.id] = b.id
        del self.persons[a.id]
        self.order_p.remove(a.id)

    def apply(self, c: Curation) -> CurationState:
        if c.undone_by is not None:
            return CurationState(c.id, UNDONE, detail=f"undone by curation #{c.undone_by}")
        if c.action == "undo":
            return CurationState(c.id, APPLIED, detail=f"undoes curation #{c.target_key}")
        find = self.person if c.target_kind == "person" else self.exchange
        record, why = find(c.target_key)
        if record is None:
            return CurationState(c.id, ORPHANED, detail=why)
        if c.action == "set":
            self.set_fields(record, c)
        elif c.action == "hide":
            self.remove(record, c)
        elif c.action == "not_detainee" and isinstance(record, Person):
            self.remove(record, c)
            self.drop_names({record.name, *record.aliases})
        elif c.action == "merge_persons" and isinstance(record, Person):
            into, why = self.person(str((c.value or {}).get("into", "")))
            if into is None:
                return CurationState(c.id, ORPHANED, record.id, f"merge target: {why}")
            if into.id != record.id:
                self.merge_persons(record, into, c)
                return CurationState(c.id, APPLIED, into.id)
        else:
            return CurationState(c.id, ORPHANED, record.id, f"{c.action} does not apply to a {c.target_kind}")
        return CurationState(c.id, APPLIED, record.id)

    def result(self) -> MergedRecords:
        return MergedRecords(
            exchanges=[self.exchanges[i] for i in self.order_x if i not in self.removed],
            persons=[self.persons[i] for i in self.order_p if i in self.persons and i not in self.removed])


def apply_curations(records: MergedRecords, log: Sequence[Curation]) -> tuple[MergedRecords, list[CurationState]]:
    """The records with every live curation applied in log order, and what happened to each."""
    applier = _Applier(records)
    states = [applier.apply(c) for c in sorted(log, key=lambda c: c.id)]
    return applier.result(), states
