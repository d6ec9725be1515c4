"""What the feeds read: the latest records with when each last learned something and the
sentence that best states it (``publish.feeds`` turns them into Atom entries).

Exchanges come from ``list_exchanges`` (the timeline's order and filters: newest first);
people from their latest report, newest first. Both read within the request's budget.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from ..store import browse
from . import shape
from .filters import Filters
from .views import list_exchanges, reading

FEED_SIZE = 50          # entries per feed: what a feed reader polls, not an archive

# The fact whose sentence an entry quotes, best first (else the record's first evidence).
EXCHANGE_FACTS = ("kind", "date", "total", "count", "persons")
PERSON_FACTS = ("status", "held_by", "charges", "sentence")


def _best(evidence: Sequence[dict[str, Any]], facts: Sequence[str]) -> dict[str, Any] | None:
    rank = {f: i for i, f in enumerate(facts)}
    return min(evidence, key=lambda e: rank.get(e["field"], len(rank)), default=None)


def _sources(conn: Connection, kind: str, ids: list[str], facts: Sequence[str],
             types: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per record: ``updated`` (newest ingest, a datetime or None) and ``evidence`` (one, shaped)."""
    stamps = browse.newest_ingest(conn, kind, ids)
    evidence: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for row in browse.evidence_of(conn, types, ids):
        evidence[row["record_id"]].append(row)
    chosen = {i: _best(rows, facts) for i, rows in evidence.items()}
    refs = browse.article_refs(conn, [e["article_id"] for e in chosen.values() if e])
    return {i: {"updated": stamps.get(i), "evidence": shape.evidence(e, refs) if e else None}
            for i, e in chosen.items()}


def recent_exchanges(store, *, since: str | None = None, until: str | None = None, country: str | None = None,
                     kind: str | None = None, q: str | None = None, limit: int = FEED_SIZE) -> list[dict[str, Any]]:
    """The newest exchanges (list records) with ``updated`` and ``evidence``."""
    items = list_exchanges(store, since=since, until=until, country=country, kind=kind, q=q, limit=limit)["items"]
    with reading(store) as conn:
        extra = _sources(conn, "exchange", [x["id"] for x in items], EXCHANGE_FACTS, ("exchange", "side"))
    return [{**x, **extra[x["id"]]} for x in items]


def recent_statuses(store, *, held_by: str | None = None, status: str | None = None,
                    limit: int = FEED_SIZE) -> list[dict[str, Any]]:
    """People by their latest report, newest first (list records, ``since`` when their status
    began), with ``updated`` and ``evidence``; ``held_by`` any spelling."""
    f = Filters.checked(held_by=held_by, status=status, limit=limit)
    with reading(store) as conn:
        f = f.folded(conn)
        rows = browse.persons_by_latest_report(conn, held_by=f.held_by, status=f.status, limit=limit)
        persons = shape.person_summaries(conn, rows)
        extra = _sources(conn, "person", [p["id"] for p in persons], PERSON_FACTS, ("person",))
    return [{**p, **extra[p["id"]]} for p in persons]
