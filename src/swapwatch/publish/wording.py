"""An exchange's sides as one sentence a reader takes in at once.

"Russia released 8 (A, B) for 16 released by United States (C, D)": two sides read as a
trade; one side, or more than two, as who released how many to whom.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def _names(side: Mapping[str, Any]) -> list[str]:
    """A side's people as plain names (the read layer gives ``{name, person_id}``, the export names)."""
    return [str(p["name"] if isinstance(p, Mapping) else p) for p in side.get("persons") or ()]


def _party(name: Any) -> str:
    return str(name) if name else "an unknown party"


def _how_many(side: Mapping[str, Any]) -> str:
    names = _names(side)
    count = side.get("count")
    number = str(count) if count is not None else (str(len(names)) if names else "an unknown number")
    return number + (f" ({', '.join(names)})" if names else "")


def who_for_whom_in_words(sides: Sequence[Mapping[str, Any]]) -> str:
    """The sides in words; each side has ``released_by``, ``received_by``, ``count``, ``persons``."""
    if not sides:
        return "no sides recorded"
    if len(sides) == 2:
        first, second = sides
        return (f"{_party(first.get('released_by'))} released {_how_many(first)} for {_how_many(second)} "
                f"released by {_party(second.get('released_by'))}")
    return "; ".join(f"{_party(s.get('released_by'))} released {_how_many(s)} to {_party(s.get('received_by'))}"
                     for s in sides)
