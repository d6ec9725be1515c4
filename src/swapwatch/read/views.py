"""One function per view: what the CLI prints, the API answers and the pages render.

Each function opens one short read transaction, checks and folds its filters once
(``filters.Filters``), runs a handful of indexed queries (``store/browse.py``: one per table
per request, never one per row) and shapes the rows into the one record shape
(``shape.py``). Lists are index-ordered pages, newest first where records have a date
(exchanges, articles), by name where they do not (persons); ``limit=None`` walks every page
in one snapshot (the CLI's default), never loading a whole table at once.
"""
from __future__ import annotations

import threading
import time
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Connection

from ..errors import InvalidRequest, NotFound
from ..params import query as checked_query, record_id, whole_number
from ..store import browse
from . import shape
from .budget import guarded, time_budget, wait_for
from .cache import _totals, data_version
from .filters import MAX_LIMIT, Filters, paging

MAX_CHART_EXCHANGES = 400  # one timeline bar per exchange up to this many (names on hover); beyond, one per month
STATS_TTL_S = 30.0          # statistics read every exchange: where changes cannot be seen, cached this long


@contextmanager
def reading(store) -> Iterator[Connection]:
    """One read transaction: every query of a request sees the same snapshot, within the
    request's time budget (``budget``). The search structures are made first (once per engine):
    made inside the snapshot, it could not see them."""
    browse.prepare_search(store.engine)
    with store.engine.connect() as conn, conn.begin(), guarded(conn):
        yield conn


Page = Callable[[Connection, Filters, int, int, bool], tuple[list[dict[str, Any]], int]]


def _listing(store, f: Filters, view: str, page: Page) -> dict[str, Any]:
    """``{"items", "total", "limit", "offset"}`` for one page, or for every page when ``f.limit`` is None.

    Totals are kept until the database changes (``cache.data_version``): a page of 50 is an
    index range read, its total can mean counting 200,000 index entries."""
    version = data_version(store)
    with reading(store) as conn:
        f = f.folded(conn)
        key = f.key(view)
        known = _totals.get(version, key)
        if f.limit is not None:
            items, total = page(conn, f, f.limit, f.offset, known is None)
        else:
            items, offset, total = [], f.offset, -1
            while True:
                chunk, counted = page(conn, f, MAX_LIMIT, offset, known is None and offset == f.offset)
                total = counted if offset == f.offset else total
                items += chunk
                offset += len(chunk)
                if len(chunk) < MAX_LIMIT:
                    break
    if known is None:
        _totals.put(version, key, total)
    return {"items": items, "total": total if known is None else known, "limit": f.limit, "offset": f.offset}


# -- exchanges ------------------------------------------------------------------------

def list_exchanges(store, *, since: date | str | None = None, until: date | str | None = None,
                   country: str | None = None, kind: str | None = None, q: str | None = None,
                   limit: int | None = 50, offset: int = 0) -> dict[str, Any]:
    """Exchanges newest first (undated last); ``country`` is either party of a side, any spelling."""
    f = Filters.checked(since=since, until=until, country=country, kind=kind, q=q, limit=limit, offset=offset)

    def page(conn: Connection, f: Filters, size: int, start: int, count: bool) -> tuple[list[dict[str, Any]], int]:
        conds = browse.exchange_conditions(since=f.since, until=f.until,
                                           matching=browse.exchanges_matching(conn, f.q) if f.q else None)
        rows, total = browse.exchange_page(conn, conds, country=f.country, kind=f.kind, limit=size, offset=start,
                                           count=count)
        return shape.exchange_summaries(conn, rows), total

    return _listing(store, f, "exchanges", page)


def get_exchange(store, exchange_id: str) -> dict[str, Any]:
    """One exchange with its sides' people, balance, articles, evidence and conflicts."""
    record_id("exchange id", exchange_id)
    with reading(store) as conn:
        rows = browse.exchanges_by_ids(conn, [exchange_id])
        if not rows:
            raise NotFound(f"no exchange with id {exchange_id!r}")
        summary = shape.exchange_summaries(conn, rows, detail=True)[0]
        evidence = browse.evidence_of(conn, ("exchange", "side"), [exchange_id])
        article_ids = browse.exchange_article_ids(conn, exchange_id)
        refs = browse.article_refs(conn, [*article_ids, *(e["article_id"] for e in evidence),
                                          *shape.conflict_article_ids(rows[0]["conflicts"])])
    by_side = defaultdict(list)
    for e in evidence:
        if e["record_type"] == "side":
            by_side[e["side_position"]].append(shape.evidence(e, refs))
    for side in summary["sides"]:
        side["evidence"] = by_side.get(side["position"], [])
    summary["evidence"] = [shape.evidence(e, refs) for e in evidence if e["record_type"] == "exchange"]
    summary["articles"] = [shape.article_ref(refs.get(a), a) for a in article_ids]
    summary["conflicts"] = shape.conflicts(rows[0]["conflicts"], refs)
    summary["balance"] = shape.balance(summary["sides"])
    return summary


# -- persons --------------------------------------------------------------------------

def list_persons(store, *, status: str | None = None, held_by: str | None = None, category: str | None = None,
                 q: str | None = None, limit: int | None = 50, offset: int = 0) -> dict[str, Any]:
    """People by name; ``held_by`` any spelling of a holder, ``q`` words of names and aliases."""
    f = Filters.checked(status=status, held_by=held_by, category=category, q=q, limit=limit, offset=offset)

    def page(conn: Connection, f: Filters, size: int, start: int, count: bool) -> tuple[list[dict[str, Any]], int]:
        conds = browse.person_conditions(status=f.status, held_by=f.held_by,
                                         matching=browse.persons_matching(conn, f.q) if f.q else None)
        rows, total = browse.person_page(conn, conds, category=f.category, limit=size, offset=start, count=count)
        return shape.person_summaries(conn, rows), total

    return _listing(store, f, "persons", page)


def get_person(store, person_id: str) -> dict[str, Any]:
    """One person with status history, exchanges, evidence, conflicts and articles."""
    record_id("person id", person_id)
    with reading(store) as conn:
        rows = browse.persons_by_ids(conn, [person_id])
        if not rows:
            raise NotFound(f"no person with id {person_id!r}")
        person = shape.person_summaries(conn, rows)[0]
        history = browse.history_of(conn, person_id)
        evidence = browse.evidence_of(conn, ("person",), [person_id])
        article_ids = browse.person_article_ids(conn, person_id)
        exchange_ids = browse.exchange_ids_with_names(conn, [person["name"], *person["aliases"]])
        exchanges = shape.exchange_summaries(conn, browse.exchanges_by_ids(conn, exchange_ids))
        refs = browse.article_refs(conn, [*article_ids, *(h["article_id"] for h in history),
                                          *(e["article_id"] for e in evidence),
                                          *shape.conflict_article_ids(rows[0]["conflicts"])])
    order = {x: i for i, x in enumerate(exchange_ids)}
    person["history"] = [{"status": h["status"], "date": h["date"],
                          "article": shape.article_ref(refs.get(h["article_id"]), h["article_id"])} for h in history]
    person["exchanges"] = sorted(exchanges, key=lambda x: order[x["id"]])
    person["evidence"] = [shape.evidence(e, refs) for e in evidence]
    person["conflicts"] = shape.conflicts(rows[0]["conflicts"], refs)
    person["articles"] = [shape.article_ref(refs.get(a), a) for a in article_ids]
    return person


def find_persons(store, name: str) -> dict[str, Any]:
    """Everyone ``name`` names, by any spelling or transliteration (``store.names``), best first,
    each as ``get_person`` gives it; ``suggestions``: the closest names when nobody matches."""
    lookup = store.lookup_persons(name)
    return {"items": [get_person(store, p.id) for p in lookup.found], "suggestions": list(lookup.suggestions)}


def holder_summary(conn: Connection, today: date, *, held_by: str | None = None) -> list[dict[str, Any]]:
    """Per holder: how many people it holds now, how many it released or exchanged this year
    (by the date of their latest report). Most held first."""
    held = {r["holder"]: int(r["people"]) for r in browse.held_per_holder(conn)}
    freed = {r["holder"]: int(r["people"]) for r in browse.released_since(conn, f"{today.year:04d}")}
    rows = [{"holder": h, "held": held.get(h, 0), "released_this_year": freed.get(h, 0), "year": today.year}
            for h in {*held, *freed} if held_by is None or h == held_by]
    rows.sort(key=lambda r: (-r["held"], -r["released_this_year"], r["holder"] is None, r["holder"] or ""))
    return rows


def still_held(store, *, today: date | None = None, held_by: str | None = None,
               limit: int | None = None) -> dict[str, Any]:
    """Everyone whose latest status is detained, grouped by holder (biggest group first),
    with the days since the newest article that names them; ``held_by`` any spelling.

    With ``limit`` (1..MAX_LIMIT), at most that many people (by holder, then name) and
    ``truncated`` says whether there were more; None (the CLI): everyone."""
    today = today or date.today()
    if limit is not None:
        whole_number("limit", limit, lo=1, hi=MAX_LIMIT)
    f = Filters.checked(held_by=held_by)
    with reading(store) as conn:
        holder = f.folded(conn).held_by
        rows = browse.held_persons(conn, held_by=holder, limit=None if limit is None else limit + 1)
        truncated = limit is not None and len(rows) > limit
        persons = shape.person_summaries(conn, rows[:limit] if truncated else rows, today=today)
        summary = holder_summary(conn, today, held_by=holder)
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for p in persons:
        groups[p["held_by"]].append(p)
    holders = [{"holder": h, "persons": ps} for h, ps in groups.items()]
    holders.sort(key=lambda g: (-len(g["persons"]), g["holder"] is None, g["holder"] or ""))
    return {"holders": holders, "total": len(persons), "truncated": truncated, "today": today.isoformat(),
            "summary": summary}


# -- articles -------------------------------------------------------------------------

def list_articles(store, *, relevant: bool | None = None, q: str | None = None, limit: int | None = 50,
                  offset: int = 0) -> dict[str, Any]:
    """What was ingested, newest first (undated last), with the relevance decision and its reasons."""
    f = Filters.checked(relevant=relevant, q=q, limit=limit, offset=offset)

    def page(conn: Connection, f: Filters, size: int, start: int, count: bool) -> tuple[list[dict[str, Any]], int]:
        conds = browse.article_conditions(relevant=f.relevant,
                                          matching=browse.articles_matching(conn, f.q) if f.q else None)
        rows, total = browse.article_page(conn, conds, limit=size, offset=start, count=count)
        return [shape.article_meta(r) for r in rows], total

    return _listing(store, f, "articles", page)


def get_article(store, article_id: str) -> dict[str, Any]:
    """One article: metadata, relevance, text, and every sentence used as evidence from it."""
    record_id("article id", article_id)
    with reading(store) as conn:
        row = browse.article_with_text(conn, article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        evidence = browse.evidence_in_article(conn, article_id)
        names = shape.record_names(conn, evidence)
    refs = {article_id: row}
    out = shape.article_meta(row)
    out["text"] = row["text"]
    used = []
    for e in evidence:
        item = shape.evidence(e, refs)
        kind = "exchange" if e["record_type"] in ("exchange", "side") else "person"
        item.update({"record_type": e["record_type"], "record_id": e["record_id"],
                     "side_position": e["side_position"], "record_name": names.get((kind, e["record_id"]))})
        used.append(item)
    out["used"] = used
    return out


# -- statistics -----------------------------------------------------------------------

_stats_cache: weakref.WeakKeyDictionary[Any, tuple[tuple[float, Any], dict[str, Any]]] = weakref.WeakKeyDictionary()
_stats_lock = threading.Lock()
_stats_making = threading.Lock()


def _compute_stats(store) -> dict[str, Any]:
    with reading(store) as conn:
        months = browse.released_by_month(conn)
        countries = browse.released_by_country(conn)
        categories = browse.side_person_categories(conn)
        per_exchange = browse.released_by_exchange(conn, MAX_CHART_EXCHANGES)
        people = (browse.sides_with_people(conn, sorted({r["exchange_id"] for r in per_exchange}))
                  if per_exchange else [])
    per_side: dict[tuple[str | None, str], int] = defaultdict(int)
    for row in categories:
        for c in row["category"] or []:
            per_side[(row["released_by"], c)] += 1
    return {
        "released_per_month": [{"month": r["month"], "country": r["country"], "people": int(r["people"] or 0)}
                               for r in months],
        "released_per_country": sorted(({"country": r["country"], "people": int(r["people"] or 0)} for r in countries),
                                       key=lambda r: (-r["people"], r["country"] is None, r["country"] or "")),
        "categories_per_side": [{"released_by": k[0], "category": k[1], "people": v}
                                for k, v in sorted(per_side.items(), key=lambda kv: (kv[0][0] is None,
                                                                                    kv[0][0] or "", kv[0][1]))],
        "released_per_exchange": None if per_exchange is None else shape.per_exchange(per_exchange, people),
        "counts": store.counts(),
    }


def stats(store, *, fresh: bool = False) -> dict[str, Any]:
    """People released per month (by receiving country) and per country, categories per side.

    These read every exchange, so a process keeps the answer until the database changes
    (SQLite, see ``cache.data_version``) or, where that cannot be told cheaply, ``STATS_TTL_S``.
    One request at a time computes them, whole, outside any request's time budget (on the
    100,000-exchange database they take seconds, and every later request shares the result);
    the others wait for it within theirs (``budget.wait_for``).
    """
    version, now = data_version(store), time.monotonic()

    def kept() -> dict[str, Any] | None:
        with _stats_lock:
            cached = _stats_cache.get(store)
        if cached and not fresh:
            (made, made_version), value = cached
            if made_version == version and (version is not None or now - made < STATS_TTL_S):
                return value
        return None

    value = kept()
    if value is not None:
        return value
    with wait_for(_stats_making, "the statistics"):
        value = kept()
        if value is not None:
            return value
        with time_budget(None):
            value = _compute_stats(store)
    with _stats_lock:
        _stats_cache[store] = ((now, version), value)
    return value


def forget(store=None) -> None:
    """Drop what is kept for ``store`` (every store without one): called after a write in this process."""
    with _stats_lock:
        if store is None:
            _stats_cache.clear()
        else:
            _stats_cache.pop(store, None)


# -- search ---------------------------------------------------------------------------

def search(store, q: str | None, *, limit: int = 20) -> dict[str, Any]:
    """Persons (names, aliases; by name), exchanges (places, parties, mediators, people; newest
    first, in merge order for one word) and articles (title and text, with a snippet; latest
    stored first) matching ``q``. Each kind walks its index and stops at ``limit``."""
    query = checked_query("q", q)
    if not query:
        raise InvalidRequest("q must not be empty")
    limit, _ = paging(limit, 0)
    with reading(store) as conn:
        persons = shape.person_summaries(conn, browse.persons_found(conn, query, limit=limit))
        exchanges = shape.exchange_summaries(conn, browse.exchanges_found(conn, query, limit=limit))
        article_ids = browse.articles_found(conn, query, limit=limit)
        refs = browse.article_refs(conn, article_ids)
        texts = browse.article_texts(conn, article_ids, chars=shape.SNIPPET_WINDOW)
    articles = []
    for article_id in article_ids:
        item = shape.article_ref(refs.get(article_id), article_id)
        item["snippet"] = shape.snippet(texts.get(article_id) or item["title"] or "", query)
        articles.append(item)
    return {"query": query, "persons": persons, "exchanges": exchanges, "articles": articles}
