"""What the API answers and the pages render: one function per view, JSON-ready dicts.

Each function opens one short read transaction, runs a handful of indexed queries
(``store/browse.py``: one per table per request, never one per row) and shapes the rows.
The API returns these dicts as they are; the pages hand them to a template. Keys are
fixed by the web contract (docs in /api/docs); new keys may be added, none renamed.
"""
from __future__ import annotations

import os
import re
import threading
import time
import weakref
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection

from ..errors import InvalidRequest, NotFound, SwapwatchError
from ..merge import dates
from ..model import CATEGORIES, KIND_NAMES, KINDS, STATUSES
from ..params import choice as _choice
from ..params import iso_date as _date_param
from ..store import browse

Row = Mapping[str, Any]
MAX_LIMIT = 500
MAX_CHART_EXCHANGES = 400  # one timeline bar per exchange up to this many (names on hover); beyond, one per month
STATS_TTL_S = 30.0          # statistics read every exchange: where changes cannot be seen, cached this long

# -- plumbing -------------------------------------------------------------------------

@contextmanager
def reading(store) -> Iterator[Connection]:
    """One read transaction: every query of a request sees the same snapshot."""
    with store.engine.connect() as conn, conn.begin():
        yield conn


def _iso(value: date | datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _paging(limit: int, offset: int) -> tuple[int, int]:
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidRequest(f"limit must be between 1 and {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise InvalidRequest("offset must be 0 or more")
    return limit, offset


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def article_ref(row: Row | None, article_id: str) -> dict[str, Any]:
    if row is None:       # evidence may outlive its article only if the store was edited by hand
        return {"id": article_id, "name": None, "title": None, "url": None, "outlet": None, "published": None}
    return {"id": row["id"], "name": row["name"], "title": row["title"], "url": row["url"],
            "outlet": row["outlet"], "published": _iso(row["published"])}


def _evidence(row: Row, refs: Mapping[str, Row]) -> dict[str, Any]:
    ref = article_ref(refs.get(row["article_id"]), row["article_id"])
    return {"field": row["field"], "article": {k: ref[k] for k in ("id", "name", "title", "url", "outlet", "published")},
            "start": row["start_char"], "end": row["end_char"], "sentence": row["sentence"],
            "extractor": row["extractor"]}


def _conflicts(items: Sequence[Row] | None, refs: Mapping[str, Row]) -> list[dict[str, Any]]:
    return [{"field": c["field"],
             "values": [{"value": v.get("value"), "articles": [article_ref(refs.get(a), a) for a in v.get("articles", [])]}
                        for v in c.get("values", [])]}
            for c in items or []]


def _conflict_article_ids(items: Sequence[Row] | None) -> set[str]:
    return {a for c in items or [] for v in c.get("values", []) for a in v.get("articles", [])}


def place(location: Mapping[str, Any] | None) -> str | None:
    if not location:
        return None
    return ", ".join(v for v in (location.get("city"), location.get("country")) if v) or None


def _party(name: str | None) -> str:
    return name or "unknown party"


def side_line(side: Mapping[str, Any]) -> str:
    names = [p["name"] for p in side["persons"]]
    who = ", ".join(names) if names else "unnamed"
    count = f" ({side['count']})" if side["count"] is not None else ""
    return f"{_party(side['released_by'])} -> {_party(side['received_by'])}: {who}{count}"


def who_for_whom(sides: Sequence[Mapping[str, Any]]) -> str:
    return " | ".join(side_line(s) for s in sides) or "no sides recorded"


def exchange_title(row: Row, sides: Sequence[Mapping[str, Any]]) -> str:
    """A short handle for an exchange: its date and who released whom."""
    parties = ", ".join(f"{_party(s['released_by'])} -> {_party(s['received_by'])}" for s in sides)
    kind = KIND_NAMES.get(row["kind"], row["kind"].replace("_", " "))
    return f"{row['date'] or 'undated'} {kind}" + (f": {parties}" if parties else "")


def data_version(store) -> tuple[int, ...] | None:
    """Changes whenever the database does, cheaply: for an SQLite file, the size and mtime
    of the file and its WAL (every commit appends to the WAL, a checkpoint rewrites the
    file). None where no such token is known (PostgreSQL): nothing is cached then."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    token: list[int] = []
    for path in (url.database, f"{url.database}-wal"):
        try:
            st = os.stat(path)
            token += [st.st_mtime_ns, st.st_size]
        except OSError:
            token += [0, 0]
    return tuple(token)


class _Totals:
    """How many records match each filter, kept until the database changes.

    A page of 50 is an index range read; its total can mean counting 200,000 index
    entries (5 ms). Totals for the same filters repeat (pagination, the timeline's default
    view), and the data changes only when something is ingested.
    """

    MAX_ENTRIES = 4096

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: object = None
        self._values: dict[tuple, int] = {}

    def get(self, version: tuple | None, key: tuple) -> int | None:
        if version is None:
            return None
        with self._lock:
            if version != self._version:
                return None
            return self._values.get(key)

    def put(self, version: tuple | None, key: tuple, total: int) -> None:
        if version is None:
            return
        with self._lock:
            if version != self._version or len(self._values) >= self.MAX_ENTRIES:
                self._version, self._values = version, {}
            self._values[key] = total


_totals = _Totals()


# -- exchanges ------------------------------------------------------------------------

def _exchange_summaries(conn: Connection, rows: Sequence[Row], *, detail: bool = False) -> list[dict[str, Any]]:
    """ExchangeSummary dicts for ``rows`` (in their order), children loaded once for the lot."""
    ids = [r["id"] for r in rows]
    sides: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in browse.sides_with_people(conn, ids):
        group = sides[row["exchange_id"]]
        if not group or group[-1]["position"] != row["position"]:
            group.append({"position": row["position"], "released_by": row["released_by"],
                          "received_by": row["received_by"], "count": row["count"], "persons": []})
        if row["name"] is not None:
            group[-1]["persons"].append({"name": row["name"], "person_id": row["person_id"]})
    if detail:
        wanted = sorted({p["person_id"] for group in sides.values() for side in group for p in side["persons"]
                         if p["person_id"]})
        details = {p["id"]: p for p in browse.persons_by_ids(conn, wanted)}
        for group in sides.values():
            for side in group:
                for entry in side["persons"]:
                    person = details.get(entry["person_id"])
                    entry["category"] = list(person["category"]) if person else []
                    entry["nationality"] = list(person["nationality"]) if person else []
                    entry["status"] = person["status"] if person else None
    out = []
    for r in rows:
        side_dicts = sides.get(r["id"], [])
        location = dict(r["location"]) if r["location"] else None
        out.append({
            "id": r["id"], "date": r["date"], "date_precision": r["date_precision"], "kind": r["kind"],
            "location": {"city": location.get("city"), "country": location.get("country")} if location else None,
            "place": place(location), "mediators": list(r["mediators"] or []), "total": r["total"],
            "sides": side_dicts, "article_count": r["article_count"], "who_for_whom": who_for_whom(side_dicts),
            "title": exchange_title(r, side_dicts), "conflict_count": len(r["conflicts"] or []),
        })
    return out


def list_exchanges(store, *, since: date | str | None = None, until: date | str | None = None,
                   country: str | None = None, kind: str | None = None, q: str | None = None,
                   limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Exchanges newest first (undated last), filtered; ``country`` is either party of a side."""
    limit, offset = _paging(limit, offset)
    since, until, kind, q = _date_param("since", since), _date_param("until", until), _choice("kind", kind, KINDS), _text(q)
    country = _text(country)
    version, key = data_version(store), ("exchanges", since, until, country, kind, q)
    known = _totals.get(version, key)
    with reading(store) as conn:
        conds = browse.exchange_conditions(since=since, until=until,
                                           matching=browse.exchanges_matching(conn, q) if q else None)
        rows, total = browse.exchange_page(conn, conds, country=country, kind=kind, limit=limit, offset=offset,
                                           count=known is None)
        items = _exchange_summaries(conn, rows)
    if known is None:
        _totals.put(version, key, total)
    return {"items": items, "total": total if known is None else known, "limit": limit, "offset": offset}


def _balance(sides: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per category, how many named people of that category each side let go."""
    found = {c for s in sides for p in s["persons"] for c in p.get("category", [])}
    return [{"category": c, "counts": [sum(1 for p in s["persons"] if c in p.get("category", [])) for s in sides]}
            for c in CATEGORIES if c in found]


def get_exchange(store, exchange_id: str) -> dict[str, Any]:
    """One exchange with its sides' people, balance, articles, evidence and conflicts."""
    with reading(store) as conn:
        rows = browse.exchanges_by_ids(conn, [exchange_id])
        if not rows:
            raise NotFound(f"no exchange with id {exchange_id!r}")
        summary = _exchange_summaries(conn, rows, detail=True)[0]
        evidence = browse.evidence_of(conn, ("exchange", "side"), [exchange_id])
        article_ids = browse.exchange_article_ids(conn, exchange_id)
        refs = browse.article_refs(conn, [*article_ids, *(e["article_id"] for e in evidence),
                                          *_conflict_article_ids(rows[0]["conflicts"])])
    by_side = defaultdict(list)
    for e in evidence:
        if e["record_type"] == "side":
            by_side[e["side_position"]].append(_evidence(e, refs))
    for side in summary["sides"]:
        side["evidence"] = by_side.get(side["position"], [])
    summary["evidence"] = [_evidence(e, refs) for e in evidence if e["record_type"] == "exchange"]
    summary["articles"] = [article_ref(refs.get(a), a) for a in article_ids]
    summary["conflicts"] = _conflicts(rows[0]["conflicts"], refs)
    summary["balance"] = _balance(summary["sides"])
    return summary


# -- persons --------------------------------------------------------------------------

def status_since(history: Sequence[Mapping[str, Any]], status: str | None) -> tuple[str | None, str | None]:
    """When the current status began, as precisely as known: ``(ISO date, precision)``.

    The earliest dated report of ``status`` after the last dated report of another status (a
    person detained, freed and detained again is held since the second arrest). A report is
    dated by what its text states, else by its article's publication: the earliest report
    is the nearest the record comes to the event. ``(None, None)`` with no dated report.
    """
    if status is None:
        return None, None
    dated = [(span, h["status"]) for h in history if (span := dates.parse(h.get("date"))) is not None]
    dated.sort(key=lambda d: (d[0].lo, dates.PRECISION_RANK[d[0].precision]))
    since = None
    for span, reported in dated:
        if reported != status:
            since = None
        elif since is None or span.lo < since.lo:
            since = span
    return (since.text, since.precision) if since else (None, None)


def _person_summaries(conn: Connection, rows: Sequence[Row], *, today: date | None = None) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    aliases = browse.aliases_of(conn, ids)
    stats = browse.person_article_stats(conn, ids)
    histories = browse.histories_of(conn, ids)
    out = []
    for r in rows:
        count, newest = stats.get(r["id"], (0, None))
        newest_day = _day(newest)
        since, since_precision = status_since(histories.get(r["id"], []), r["status"])
        item = {
            "id": r["id"], "name": r["name"], "aliases": aliases.get(r["id"], []), "status": r["status"],
            "status_date": r["status_date"], "held_by": r["held_by"], "nationality": list(r["nationality"] or []),
            "category": list(r["category"] or []), "role": r["role"], "charges": list(r["charges"] or []),
            "sentence": r["sentence"], "article_count": count,
            "last_reported": newest_day.isoformat() if newest_day else None,
            "since": since, "since_precision": since_precision,
        }
        if today is not None:
            item["days_since_report"] = (today - newest_day).days if newest_day else None
        out.append(item)
    return out


def person_filters(conn: Connection, *, status: str | None = None, held_by: str | None = None,
                   q: str | None = None) -> list[Any]:
    q = _text(q)
    return browse.person_conditions(status=_choice("status", status, STATUSES), held_by=_text(held_by),
                                    matching=browse.persons_matching(conn, q) if q else None)


def list_persons(store, *, status: str | None = None, held_by: str | None = None, category: str | None = None,
                 q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """People by name; ``held_by`` is a canonical party name, ``q`` matches names and aliases."""
    limit, offset = _paging(limit, offset)
    category = _choice("category", category, CATEGORIES)
    version, key = data_version(store), ("persons", status, held_by, category, q)
    known = _totals.get(version, key)
    with reading(store) as conn:
        conds = person_filters(conn, status=status, held_by=held_by, q=q)
        rows, total = browse.person_page(conn, conds, category=category, limit=limit, offset=offset,
                                         count=known is None)
        items = _person_summaries(conn, rows)
    if known is None:
        _totals.put(version, key, total)
    return {"items": items, "total": total if known is None else known, "limit": limit, "offset": offset}


def get_person(store, person_id: str) -> dict[str, Any]:
    """One person with status history, exchanges, evidence, conflicts and articles."""
    with reading(store) as conn:
        rows = browse.persons_by_ids(conn, [person_id])
        if not rows:
            raise NotFound(f"no person with id {person_id!r}")
        person = _person_summaries(conn, rows)[0]
        history = browse.history_of(conn, person_id)
        evidence = browse.evidence_of(conn, ("person",), [person_id])
        article_ids = browse.person_article_ids(conn, person_id)
        exchange_ids = browse.exchange_ids_with_names(conn, [person["name"], *person["aliases"]])
        exchanges = _exchange_summaries(conn, browse.exchanges_by_ids(conn, exchange_ids))
        refs = browse.article_refs(conn, [*article_ids, *(h["article_id"] for h in history),
                                          *(e["article_id"] for e in evidence),
                                          *_conflict_article_ids(rows[0]["conflicts"])])
    order = {x: i for i, x in enumerate(exchange_ids)}
    person["history"] = [{"status": h["status"], "date": h["date"], "article": article_ref(refs.get(h["article_id"]),
                                                                                        h["article_id"])}
                         for h in history]
    person["exchanges"] = sorted(exchanges, key=lambda x: order[x["id"]])
    person["evidence"] = [_evidence(e, refs) for e in evidence]
    person["conflicts"] = _conflicts(rows[0]["conflicts"], refs)
    person["articles"] = [article_ref(refs.get(a), a) for a in article_ids]
    return person


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
    with the days since the newest article that names them.

    With ``limit``, at most that many people (by holder, then name) and ``truncated`` says
    whether there were more."""
    today = today or date.today()
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise InvalidRequest("limit must be 1 or more")
    with reading(store) as conn:
        rows = browse.held_persons(conn, held_by=_text(held_by), limit=None if limit is None else limit + 1)
        truncated = limit is not None and len(rows) > limit
        persons = _person_summaries(conn, rows[:limit] if truncated else rows, today=today)
        summary = holder_summary(conn, today, held_by=_text(held_by))
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for p in persons:
        groups[p["held_by"]].append(p)
    holders = [{"holder": h, "persons": ps} for h, ps in groups.items()]
    holders.sort(key=lambda g: (-len(g["persons"]), g["holder"] is None, g["holder"] or ""))
    return {"holders": holders, "total": len(persons), "truncated": truncated, "today": today.isoformat(),
            "summary": summary}


# -- articles -------------------------------------------------------------------------

def _article_meta(row: Row) -> dict[str, Any]:
    out = article_ref(row, row["id"])
    out.update({"relevant": bool(row["relevant"]), "relevance_score": row["relevance_score"],
                "relevance_reasons": list(row["relevance_reasons"] or []), "chars": row["chars"],
                "ingested_at": _iso(row["ingested_at"])})
    return out


def list_articles(store, *, relevant: bool | None = None, q: str | None = None, limit: int = 50,
                  offset: int = 0) -> dict[str, Any]:
    """What was ingested, newest first, with the relevance decision and its reasons."""
    limit, offset = _paging(limit, offset)
    q = _text(q)
    with reading(store) as conn:
        conds = browse.article_conditions(relevant=relevant,
                                          matching=browse.articles_matching(conn, q) if q else None)
        rows, total = browse.article_page(conn, conds, limit=limit, offset=offset)
    return {"items": [_article_meta(r) for r in rows], "total": total, "limit": limit, "offset": offset}


def _record_names(conn: Connection, evidence: Sequence[Row]) -> dict[tuple[str, str], str]:
    exchange_ids = sorted({e["record_id"] for e in evidence if e["record_type"] in ("exchange", "side")})
    person_ids = sorted({e["record_id"] for e in evidence if e["record_type"] == "person"})
    names: dict[tuple[str, str], str] = {}
    rows = browse.exchanges_by_ids(conn, exchange_ids)
    sides = defaultdict(list)
    for s in browse.sides_of(conn, exchange_ids):
        sides[s["exchange_id"]].append(s)
    for r in rows:
        names[("exchange", r["id"])] = exchange_title(r, sides.get(r["id"], []))
    for p in browse.persons_by_ids(conn, person_ids):
        names[("person", p["id"])] = p["name"]
    return names


def get_article(store, article_id: str) -> dict[str, Any]:
    """One article: metadata, relevance, text, and every sentence used as evidence from it."""
    with reading(store) as conn:
        row = browse.article_with_text(conn, article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        evidence = browse.evidence_in_article(conn, article_id)
        names = _record_names(conn, evidence)
    refs = {article_id: row}
    out = _article_meta(row)
    out["text"] = row["text"]
    used = []
    for e in evidence:
        item = _evidence(e, refs)
        kind = "exchange" if e["record_type"] in ("exchange", "side") else "person"
        item.update({"record_type": e["record_type"], "record_id": e["record_id"],
                     "side_position": e["side_position"], "record_name": names.get((kind, e["record_id"]))})
        used.append(item)
    out["used"] = used
    return out


# -- statistics -----------------------------------------------------------------------

_stats_cache: weakref.WeakKeyDictionary[Any, tuple[tuple[float, Any], dict[str, Any]]] = weakref.WeakKeyDictionary()
_stats_lock = threading.Lock()


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
        "released_per_exchange": None if per_exchange is None else _per_exchange(per_exchange, people),
        "counts": store.counts(),
    }


def _per_exchange(rows: Sequence[Row], people: Sequence[Row]) -> list[dict[str, Any]]:
    """One item per dated exchange (oldest first): its sides' counts and named people."""
    names: dict[tuple[str, int], list[str]] = defaultdict(list)
    for p in people:
        if p["name"] is not None:
            names[(p["exchange_id"], p["position"])].append(p["name"])
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = out.setdefault(r["exchange_id"], {"id": r["exchange_id"], "date": r["date"], "kind": r["kind"],
                                                 "people": 0, "sides": []})
        count = int(r["people"] or 0)
        item["people"] += count
        item["sides"].append({"released_by": r["released_by"], "received_by": r["received_by"], "people": count,
                              "names": names.get((r["exchange_id"], r["position"]), [])})
    return list(out.values())


def stats(store, *, fresh: bool = False) -> dict[str, Any]:
    """People released per month (by receiving country) and per country, categories per side.

    These read every exchange, so a process keeps the answer until the database changes
    (SQLite, see ``data_version``) or, where that cannot be told cheaply, ``STATS_TTL_S``.
    """
    version, now = data_version(store), time.monotonic()
    with _stats_lock:
        cached = _stats_cache.get(store)
    if cached and not fresh:
        (made, made_version), value = cached
        if made_version == version and (version is not None or now - made < STATS_TTL_S):
            return value
    value = _compute_stats(store)
    with _stats_lock:
        _stats_cache[store] = ((now, version), value)
    return value


# -- search ---------------------------------------------------------------------------

def search(store, q: str | None, *, limit: int = 20) -> dict[str, Any]:
    """Persons (names, aliases; by name), exchanges (places, parties, mediators, people; newest
    first, in merge order for one word) and articles (title and text, with a snippet; latest
    stored first) matching ``q``. Each kind walks its index and stops at ``limit``."""
    query = _text(q)
    if not query:
        raise InvalidRequest("q must not be empty")
    limit, _ = _paging(limit, 0)
    with reading(store) as conn:
        persons = _person_summaries(conn, browse.persons_found(conn, query, limit=limit))
        exchange_rows = browse.exchanges_found(conn, query, limit=limit)
        exchanges = _exchange_summaries(conn, exchange_rows)
        article_ids = browse.articles_found(conn, query, limit=limit)
        refs = browse.article_refs(conn, article_ids)
        texts = browse.article_texts(conn, article_ids)
    articles = []
    for article_id in article_ids:
        item = article_ref(refs.get(article_id), article_id)
        item["snippet"] = snippet(texts.get(article_id) or item["title"] or "", query)
        articles.append(item)
    return {"query": query, "persons": persons, "exchanges": exchanges, "articles": articles}


def snippet(text: str, query: str, width: int = 160) -> str:
    """Plain text around the first place a query word occurs (escaped by whoever renders it)."""
    words = [w for w in re.findall(r"\w+", query.lower()) if w]
    low = text.lower()
    at = min((i for i in (low.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = " ".join(text[start:start + width].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")



# -- upload (only with a configured token; see api.py) --------------------------------

_ingest_lock = threading.Lock()


def upload_article(store, record: Mapping[str, Any], settings) -> dict[str, Any]:
    """Store one article given as JSON, extract it if relevant and re-merge: the ingest job for one item.

    One upload at a time per process: a merge rebuilds every record.
    """
    from ..ingest.failure import Reject
    from ..ingest.records import build_article, pick_meta, record_text
    from ..relevance import score_relevance
    from ..service import extract_pending, refresh_merged

    try:
        article = build_article(record_text(record), source="api upload", name=None, meta=pick_meta(record),
                                settings=settings)
    except Reject as e:
        raise InvalidRequest(f"article rejected: {e.reason}") from e
    relevance = score_relevance(article, threshold=settings.relevance_threshold)
    with _ingest_lock:
        created = store.add_article(article, relevance)
        if created and relevance.relevant:
            failures: list[str] = []
            extract_pending(store, on_failure=lambda f: failures.append(f.reason))
            refresh_merged(store)
            if failures:
                raise SwapwatchError(f"stored, but extraction failed: {failures[0]}", code="extraction_failed")
    _stats_cache.clear()
    return {"id": article.id, "created": created, "relevant": relevance.relevant,
            "relevance_score": relevance.score, "relevance_reasons": list(relevance.reasons)}
