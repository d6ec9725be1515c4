"""Stable keys: how a curation finds its record again after any rebuild (docs/CURATION.md).

Merged ids change when a display name or an exchange's date gets more precise, so a
curation is keyed on coarser facts and matched by fit, not equality alone:

- person: ``p:`` + the folded display name; it matches a person whose folded name or
  any folded alias equals it (the display name, first; an alias only when one person has it).
- exchange: ``x:`` + month (YYYY-MM, or YYYY, or empty) ``|`` sorted parties ``|`` sorted
  folded names on its sides. The same key matches first; otherwise the record sharing a
  party that fits best (names in common, then parties in common, then nearest month).
"""
from __future__ import annotations

from functools import lru_cache

from ..model import Exchange, Person
from .names import fold as _fold_uncached

PERSON_PREFIX, EXCHANGE_PREFIX = "p:", "x:"
# Keys fold every name of every record on every rebuild, most of them many times (a person's
# spellings, the same names on sides): folding is most of the cost of stamping keys.
fold = lru_cache(maxsize=1 << 17)(_fold_uncached)


def person_key(name: str) -> str:
    return PERSON_PREFIX + fold(name)


def person_spellings(p: Person) -> list[str]:
    """The person keys this person answers to: its name's first, then its aliases'."""
    return list(dict.fromkeys(PERSON_PREFIX + f for n in [p.name, *p.aliases] if (f := fold(n))))


def _month(date: str | None) -> str:
    return (date or "")[:7]


def exchange_parts(x: Exchange) -> tuple[str, list[str], list[str]]:
    parties = sorted({party for s in x.sides for party in (s.released_by, s.received_by) if party})
    names = sorted({f for s in x.sides for n in s.persons if (f := fold(n))})
    return _month(x.date), parties, names


def exchange_key(x: Exchange) -> str:
    month, parties, names = exchange_parts(x)
    return EXCHANGE_PREFIX + "|".join([month, ";".join(parties), ";".join(names)])


def split_exchange_key(key: str) -> tuple[str, list[str], list[str]]:
    body = key[len(EXCHANGE_PREFIX):] if key.startswith(EXCHANGE_PREFIX) else key
    month, _, rest = body.partition("|")
    parties, _, names = rest.partition("|")
    return month, [p for p in parties.split(";") if p], [n for n in names.split(";") if n]


def _months_apart(a: str, b: str) -> int | None:
    if len(a) < 7 or len(b) < 7:
        return 0 if a[:4] == b[:4] and a and b else None
    try:
        return abs((int(a[:4]) * 12 + int(a[5:7])) - (int(b[:4]) * 12 + int(b[5:7])))
    except ValueError:          # not a key this module made (an imported log): never a fit
        return None


def exchange_fit(key: str, x: Exchange) -> tuple[int, int, int] | None:
    """How well ``x`` fits a curation keyed ``key``: None when it cannot be the same exchange
    (no party in common; named people but none in common; months more than two apart)."""
    month, parties, names = split_exchange_key(key)
    x_month, x_parties, x_names = exchange_parts(x)
    shared_parties = len(set(parties) & set(x_parties))
    surnames = {n.split()[-1] for n in x_names}
    shared_names = sum(1 for n in names if n in x_names or n.split()[-1] in surnames)   # fuller names too
    if parties and not shared_parties:
        return None
    if names and x_names and not shared_names:
        return None
    apart = _months_apart(month, x_month) if month and x_month else 0
    if apart is None or apart > 2:
        return None
    if not names and not shared_parties:
        return None
    return shared_names, shared_parties, -apart
