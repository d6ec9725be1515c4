"""The one filter set of every list, checked and folded in one place.

The CLI, the API and the pages hand the values they were given as they are; here a
misspelt choice or a bad date becomes ``InvalidRequest`` (``params``), and a country or a
holder written any way ("Rusia", "Russian Federation", "US") becomes the name the database
stores (``store.names.pick_name``), or ``NotFound`` (code ``no_match``) naming the closest.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, or_, select

from ..errors import InvalidRequest
from ..model import CATEGORIES, KINDS, STATUSES
from ..params import MAX_OFFSET, choice, iso_date, query, whole_number
from ..params import text as checked_text
from ..store import browse
from ..store.names import pick_name

MAX_LIMIT = 500         # one page at most; the CLI's "everything" walks pages of this size


def text(value: str | None, name: str = "q") -> str | None:
    """Words as given, stripped; None for nothing (NUL and overlong refused: ``params.text``)."""
    return checked_text(name, value)


@dataclass(frozen=True)
class Filters:
    """Every filter a list takes; a view reads the ones that apply to it.

    ``country``: either party of any side; ``held_by``: the holder (the issue's "holder");
    ``limit`` None: every record (the CLI's default), else 1..MAX_LIMIT.
    """

    since: str | None = None
    until: str | None = None
    country: str | None = None
    kind: str | None = None
    status: str | None = None
    held_by: str | None = None
    category: str | None = None
    relevant: bool | None = None
    q: str | None = None
    limit: int | None = 50
    offset: int = 0

    @classmethod
    def checked(cls, *, since: date | str | None = None, until: date | str | None = None, country: str | None = None,
                kind: str | None = None, status: str | None = None, held_by: str | None = None,
                category: str | None = None, relevant: bool | None = None, q: str | None = None,
                limit: int | None = 50, offset: int = 0) -> "Filters":
        """Values as typed, checked: choices folded to lower case, dates ISO, words stripped."""
        if limit is not None:
            whole_number("limit", limit, lo=1, hi=MAX_LIMIT)
        whole_number("offset", offset, lo=0, hi=MAX_OFFSET)
        return cls(since=iso_date("since", since), until=iso_date("until", until), country=text(country, "country"),
                   kind=choice("kind", kind, KINDS), status=choice("status", status, STATUSES),
                   held_by=text(held_by, "held_by"), category=choice("category", category, CATEGORIES),
                   relevant=relevant, q=query("q", q), limit=limit, offset=offset)

    def folded(self, conn: Connection) -> "Filters":
        """``country`` and ``held_by`` as the database spells them (NotFound when nothing is close)."""
        return replace(self, country=party(conn, self.country) if self.country else None,
                       held_by=holder(conn, self.held_by) if self.held_by else None)

    def key(self, view: str) -> tuple[Any, ...]:
        return (view, self.since, self.until, self.country, self.kind, self.status, self.held_by, self.category,
                self.relevant, self.q)


S, P = browse.S, browse.P


def party(conn: Connection, name: str) -> str:
    """The party of some exchange that ``name`` means. A name stored as given costs one index
    probe; any other spelling reads the distinct parties (an index walk) and folds."""
    if conn.execute(select(S.c.exchange_id).where(or_(S.c.released_by == name, S.c.received_by == name))
                    .limit(1)).first():
        return name
    parties = set(conn.execute(select(S.c.released_by).distinct()).scalars()) | set(
        conn.execute(select(S.c.received_by).distinct()).scalars())
    return pick_name(name, [p for p in parties if p], what="party to an exchange")


def holder(conn: Connection, name: str) -> str:
    """The holder of some person that ``name`` means (as ``party``, over the holders)."""
    if conn.execute(select(P.c.id).where(P.c.held_by == name).limit(1)).first():
        return name
    return pick_name(name, [h for h in conn.execute(select(P.c.held_by).distinct()).scalars() if h], what="holder")


def paging(limit: int, offset: int) -> tuple[int, int]:
    """A page's size and start, for views that take only these."""
    f = Filters.checked(limit=limit, offset=offset)
    if f.limit is None:
        raise InvalidRequest(f"limit must be between 1 and {MAX_LIMIT}")
    return f.limit, f.offset
