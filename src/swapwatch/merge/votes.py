"""Majority votes over what sources state, keeping every value with its articles.

Sources disagree (24 vs 26 freed); the record shows the value most articles state and
a Conflict listing all of them, instead of picking one silently.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Conflict


@dataclass(frozen=True)
class Ballot:
    """One article stating one value; ``strength`` breaks ties between equally common values."""

    value: Hashable
    article: str
    strength: tuple[Any, ...] = ()


@dataclass
class Tally:
    winner: Any = None
    values: list[dict[str, Any]] = field(default_factory=list)   # [{"value", "articles"}], winner first

    @property
    def disputed(self) -> bool:
        return len(self.values) > 1

    def conflict(self, field_name: str) -> Conflict | None:
        return Conflict(field=field_name, values=[dict(v) for v in self.values]) if self.disputed else None


def _lexical(value: Any) -> tuple[str, str]:
    return (type(value).__name__, str(value))


def tally(ballots: Iterable[Ballot], order: Callable[[Any], Any] = _lexical) -> Tally:
    """Most articles wins; then the strongest ballot; then ``order`` (smallest first).

    ``None`` values are not votes.
    """
    articles: dict[Hashable, set[str]] = {}
    strength: dict[Hashable, tuple[Any, ...]] = {}
    for b in ballots:
        if b.value is None:
            continue
        articles.setdefault(b.value, set()).add(b.article)
        if b.value not in strength or b.strength > strength[b.value]:
            strength[b.value] = b.strength
    if not articles:
        return Tally()

    def rank(v: Hashable) -> tuple[Any, ...]:
        return (-len(articles[v]), _negate(strength[v]), order(v))

    ranked = sorted(articles, key=rank)
    return Tally(winner=ranked[0],
                 values=[{"value": v, "articles": sorted(articles[v])} for v in ranked])


def _negate(t: tuple[Any, ...]) -> tuple[Any, ...]:
    """Reverse the order of a tuple of numbers, so larger strengths sort first."""
    return tuple(-x for x in t)


def frequency_union(values: Iterable[tuple[str, str]], fold: Callable[[str], str] = str.lower) -> list[str]:
    """Union of (value, article) pairs, most articles first, deduplicated by ``fold``.

    Each folded group is shown in the spelling most articles use (then lexical).
    """
    groups: dict[str, dict[str, set[str]]] = {}
    for value, article in values:
        if not value:
            continue
        groups.setdefault(fold(value), {}).setdefault(value, set()).add(article)
    out: list[tuple[int, str, str]] = []
    for k, spellings in groups.items():
        arts = set().union(*spellings.values())
        shown = sorted(spellings, key=lambda s: (-len(spellings[s]), s))[0]
        out.append((-len(arts), k, shown))
    return [shown for _, _, shown in sorted(out)]
