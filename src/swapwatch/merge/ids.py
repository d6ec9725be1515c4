"""Content-derived ids: the same facts give the same id on every run and machine.

An id depends only on what identifies the record (a person's folded name; an
exchange's date, parties and people), so adding an unrelated article changes nothing.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .names import fold


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def person_id(display_name: str) -> str:
    return "p-" + _digest(fold(display_name))


def exchange_id(date: str | None, parties: Iterable[str], person_keys: Iterable[str]) -> str:
    parts = [date or "", "|".join(sorted(set(parties))), "|".join(sorted(set(person_keys)))]
    return "x-" + _digest("\n".join(parts))


def disambiguate(ids: list[str]) -> list[str]:
    """Make repeated ids unique by suffixing -2, -3 ... in the given (deterministic) order."""
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0) + 1
        seen[i] = n
        out.append(i if n == 1 else f"{i}-{n}")
    return out
