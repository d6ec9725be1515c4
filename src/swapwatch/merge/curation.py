"""Apply the curation log to freshly merged records, so every rebuild gives the curated result.

Pure data in and out, like the rest of merge: ``apply_curations(records, log)`` stamps each
record with its stable key (``keys.py``), finds each curation's target by that key in the
records as extracted (before any curation), and applies the log in order. A curation whose
target cannot be found is kept and reported ``orphaned``; nothing in the log is ever dropped.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..model import Curation, Exchange, MergedRecords, Person
from . import curation_structure as structure
from .keys import exchange_fit, exchange_key, person_key, person_spellings, split_exchange_key
from .keys import fold as _fold             # cached: one rebuild folds the same names many times

PERSON_FIELDS = ("status", "status_date", "held_by", "nationality", "category", "role", "charges", "sentence")
EXCHANGE_FIELDS = ("date", "kind", "total", "location", "mediators")

APPLIED, ORPHANED, UNDONE = "applied", "orphaned", "undone"
# Every action, and the kinds of record it applies to (docs/CURATION.md).
ACTIONS: dict[str, tuple[str, ...]] = {
    "set": ("person", "exchange"), "confirm": ("person", "exchange"), "reject": ("person", "exchange"),
    "not_detainee": ("person",), "hide": ("person", "exchange"), "merge_persons": ("person",),
    "split_person": ("person",), "merge_exchanges": ("exchange",), "split_exchange": ("exchange",),
    "add_person": ("exchange",), "remove_person": ("exchange",), "set_side": ("exchange",),
}
# Facts a curator may confirm or reject ('record': the record as a whole is right).
CONFIRMABLE = {"person": ("record", *PERSON_FIELDS), "exchange": ("record", *EXCHANGE_FIELDS)}
LIST_FIELDS = ("nationality", "category", "charges", "mediators")


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
        self.snapshot: list[tuple[str, str, Exchange]] = []     # exchanges as extracted, for matching by fit
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self.by_party: dict[str, list[int]] = defaultdict(list)  # party -> positions in snapshot
        for x in records.exchanges:
            x.key = exchange_key(x)
            self.remember(x)
        self.redirect: dict[str, str] = {}       # person merged away -> the one it joined
        self.redirect_x: dict[str, str] = {}     # exchange merged away -> the one it joined
        self.removed: dict[str, int] = {}        # record id -> the curation that removed it
        self._side_names: dict[str, set[str]] | None = None

    def remember(self, x: Exchange) -> None:
        """Keep ``x`` as it is now, for finding it by key or by fit later in the log."""
        sides = [replace(side, persons=list(side.persons)) for side in x.sides]
        self.by_key[x.key].append(x.id)
        for party in sorted({p for side in x.sides for p in (side.released_by, side.received_by) if p}):
            self.by_party[party].append(len(self.snapshot))
        self.snapshot.append((x.id, x.key, replace(x, sides=sides)))

    def _candidates(self, key: str) -> list[tuple[str, str, Exchange]]:
        """The kept exchanges that can fit ``key``: those sharing a party, when it names one."""
        _, parties, _ = split_exchange_key(key)
        if not parties:
            return self.snapshot
        return [self.snapshot[i] for i in sorted({i for p in parties for i in self.by_party.get(p, ())})]

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
        exact = list(self.by_key.get(key, ()))
        if len(exact) > 1:
            return None, f"{len(exact)} exchanges have the key {key!r}"
        if not exact:
            fits = [(fit, xid) for xid, _, x in self._candidates(key) if (fit := exchange_fit(key, x)) is not None]
            fits.sort(reverse=True)
            if not fits:
                return None, f"no exchange fits {key!r}"
            if len(fits) > 1 and fits[0][0] == fits[1][0]:
                return None, f"{sum(1 for f, _ in fits if f == fits[0][0])} exchanges fit {key!r} equally"
            exact = [fits[0][1]]
        xid = exact[0]
        while xid in self.redirect_x:
            xid = self.redirect_x[xid]
        if xid in self.removed:
            return None, f"removed by curation #{self.removed[xid]}"
        return self.exchanges[xid], None

    # -- actions --------------------------------------------------------------------

    @staticmethod
    def _mark(record: Person | Exchange, c: Curation, field: str, value: Any, extracted: Any) -> None:
        earlier = next((e for e in record.curated if e["field"] == field), None)
        if earlier is not None:
            extracted = earlier["extracted"]
            record.curated.remove(earlier)
        record.curated.append({"field": field, "value": value, "extracted": extracted, "curator": c.curator,
                               "reason": c.reason, "at": c.created_at, "curation": c.id, "action": c.action})

    def set_fields(self, record: Person | Exchange, c: Curation) -> None:
        allowed = PERSON_FIELDS if isinstance(record, Person) else EXCHANGE_FIELDS
        for field, value in dict(c.value or {}).items():
            if field not in allowed:
                continue
            self._mark(record, c, field, value, getattr(record, field))
            setattr(record, field, value)
            if field == "date" and isinstance(record, Exchange):
                record.date_precision = _precision(value)

    def side_names(self) -> dict[str, set[str]]:
        """Folded name on a side -> ids of the exchanges it is on, made on first use (so a log
        that never drops a name costs nothing) and kept current by ``index_names``."""
        if self._side_names is None:
            self._side_names = defaultdict(set)
            for x in self.exchanges.values():
                self.index_names(x)
        return self._side_names

    def index_names(self, x: Exchange) -> None:
        if self._side_names is not None:
            for side in x.sides:
                for n in side.persons:
                    self._side_names[_fold(n)].add(x.id)

    def drop_names(self, names: set[str], replace_with: str | None = None) -> None:
        """Take ``names`` off every side (or put ``replace_with`` in their place); only the
        exchanges the index says carry one of them are visited. An index entry may be stale
        (a name since removed): visiting that exchange changes nothing."""
        folded = {_fold(n) for n in names}
        index = self.side_names()
        for xid in set().union(*(index.get(f, set()) for f in folded)):
            x = self.exchanges.get(xid)
            if x is None:
                continue
            for side in x.sides:
                kept: list[str] = []
                for n in side.persons:
                    n = replace_with if _fold(n) in folded and replace_with else n
                    if _fold(n) in folded and not replace_with:
                        continue
                    if n not in kept:
                        kept.append(n)
                side.persons = kept
            self.index_names(x)

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

    def judge(self, record: Person | Exchange, c: Curation) -> str | None:
        """confirm: the fact stands as it is; reject: it is wrong, so it is emptied."""
        kind = "person" if isinstance(record, Person) else "exchange"
        field = str((c.value or {}).get("field", ""))
        if field not in CONFIRMABLE[kind] or (c.action == "reject" and field in ("record", "kind")):
            return f"{c.action} {field!r}: not a fact of a {kind} that can be {c.action}ed"
        current = None if field == "record" else getattr(record, field)
        if c.action == "confirm":
            self._mark(record, c, field, current, current)
            return None
        empty: Any = [] if field in LIST_FIELDS else None
        self._mark(record, c, field, empty, current)
        setattr(record, field, empty)
        if field == "date" and isinstance(record, Exchange):
            record.date_precision = None
        return None

    def restructure(self, x: Exchange, c: Curation) -> tuple[str | None, str | None]:
        """The exchange actions that change sides or records: (error, id of the record changed)."""
        value = dict(c.value or {})
        if c.action in ("add_person", "remove_person", "set_side"):
            side = structure.find_side(x, value.get("side"))
            if side is None:
                return f"no side {value.get('side')!r} on {x.id}", None
            if c.action == "set_side":
                for field, (old, new) in structure.set_side(side, value).items():
                    self._mark(x, c, f"side {value.get('side')} {field}", new, old)
                return None, x.id
            name = str(value.get("name") or "")
            change = structure.add_to_side if c.action == "add_person" else structure.remove_from_side
            if not change(side, name):
                return f"{name!r} is {'already' if c.action == 'add_person' else 'not'} on that side", None
            self.index_names(x)
            self._mark(x, c, f"{c.action} {name}", value.get("side"), None)
            return None, x.id
        if c.action == "merge_exchanges":
            into, why = self.exchange(str(value.get("into", "")))
            if into is None:
                return f"merge target: {why}", None
            if into.id == x.id:
                return None, x.id
            structure.merge_exchange_into(x, into)
            self.index_names(into)
            self._mark(into, c, "merged", x.id, None)
            self.redirect_x[x.id] = into.id
            del self.exchanges[x.id]
            self.order_x.remove(x.id)
            return None, into.id
        new = structure.split_exchange(x, list(value.get("names") or []), c.target_key, value.get("date"))
        if new is None:
            return "the names to split off are not on its sides, or are all of them", None
        new.key = exchange_key(new)
        new.curated = [{"field": "split from", "value": x.id, "extracted": None, "curator": c.curator,
                        "reason": c.reason, "at": c.created_at, "curation": c.id, "action": c.action}]
        self._mark(x, c, "split off", new.id, None)
        self.exchanges[new.id] = new
        self.index_names(new)
        self.order_x.insert(self.order_x.index(x.id) + 1, new.id)
        self.remember(new)
        return None, new.id

    def split_person(self, p: Person, c: Curation) -> str | None:
        names = list((c.value or {}).get("names") or [])
        if p.key in {person_key(n) for n in names}:
            return "a person keeps its display name; split off its other spellings"
        new = structure.split_person(p, names, c.target_key)
        if new is None or new.id in self.persons:
            return "the spellings to split off are not this person's, or are all of them"
        new.key = person_key(new.name)
        new.curated = [{"field": "split from", "value": p.name, "extracted": None, "curator": c.curator,
                        "reason": c.reason, "at": c.created_at, "curation": c.id, "action": c.action}]
        self._mark(p, c, "split off", new.name, None)
        self.persons[new.id] = new
        self.order_p.insert(self.order_p.index(p.id) + 1, new.id)
        for k in person_spellings(new):
            self.by_alias[k] = [i for i in self.by_alias.get(k, []) if i != p.id]
            if k not in self.by_name:
                self.by_name[k] = [new.id]
        return None

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
        elif c.action in ("confirm", "reject"):
            if (why := self.judge(record, c)) is not None:
                return CurationState(c.id, ORPHANED, record.id, why)
        elif c.action == "split_person" and isinstance(record, Person):
            if (why := self.split_person(record, c)) is not None:
                return CurationState(c.id, ORPHANED, record.id, why)
        elif c.action in ("add_person", "remove_person", "set_side", "merge_exchanges", "split_exchange") \
                and isinstance(record, Exchange):
            why, changed = self.restructure(record, c)
            if why is not None:
                return CurationState(c.id, ORPHANED, record.id, why)
            return CurationState(c.id, APPLIED, changed)
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
