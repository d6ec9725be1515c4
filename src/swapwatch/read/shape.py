"""The one record shape: rows from ``store/browse.py`` turned into JSON-ready dicts.

What the CLI prints with ``--json``, what the API answers and what the pages render are
these dicts; the README documents them once ("JSON records"). Keys may be added, none
renamed. Every name and sentence in them is untrusted article text: whoever renders them
escapes them (Jinja2's autoescape, ``rich.text.Text``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection

from ..merge import dates
from ..model import CATEGORIES, KIND_NAMES
from ..store import browse

Row = Mapping[str, Any]


def iso(value: date | datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def day(value: Any) -> date | None:
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


def article_ref(row: Row | None, article_id: str) -> dict[str, Any]:
    if row is None:       # evidence may outlive its article only if the store was edited by hand
        return {"id": article_id, "name": None, "title": None, "url": None, "outlet": None, "published": None}
    return {"id": row["id"], "name": row["name"], "title": row["title"], "url": row["url"],
            "outlet": row["outlet"], "published": iso(row["published"])}


def evidence(row: Row, refs: Mapping[str, Row]) -> dict[str, Any]:
    ref = article_ref(refs.get(row["article_id"]), row["article_id"])
    return {"field": row["field"], "article": {k: ref[k] for k in ("id", "name", "title", "url", "outlet", "published")},
            "start": row["start_char"], "end": row["end_char"], "sentence": row["sentence"],
            "extractor": row["extractor"]}


def conflicts(items: Sequence[Row] | None, refs: Mapping[str, Row]) -> list[dict[str, Any]]:
    return [{"field": c["field"],
             "values": [{"value": v.get("value"), "articles": [article_ref(refs.get(a), a) for a in v.get("articles", [])]}
                        for v in c.get("values", [])]}
            for c in items or []]


def conflict_article_ids(items: Sequence[Row] | None) -> set[str]:
    return {a for c in items or [] for v in c.get("values", []) for a in v.get("articles", [])}


def place(location: Mapping[str, Any] | None) -> str | None:
    if not location:
        return None
    return ", ".join(v for v in (location.get("city"), location.get("country")) if v) or None


def party_name(name: str | None) -> str:
    return name or "unknown party"


def side_line(side: Mapping[str, Any]) -> str:
    names = [p["name"] for p in side["persons"]]
    who = ", ".join(names) if names else "unnamed"
    count = f" ({side['count']})" if side["count"] is not None else ""
    return f"{party_name(side['released_by'])} -> {party_name(side['received_by'])}: {who}{count}"


def who_for_whom(sides: Sequence[Mapping[str, Any]]) -> str:
    return " | ".join(side_line(s) for s in sides) or "no sides recorded"


def exchange_title(row: Row, sides: Sequence[Mapping[str, Any]]) -> str:
    """A short handle for an exchange: its date and who released whom."""
    parties = ", ".join(f"{party_name(s['released_by'])} -> {party_name(s['received_by'])}" for s in sides)
    kind = KIND_NAMES.get(row["kind"], row["kind"].replace("_", " "))
    return f"{row['date'] or 'undated'} {kind}" + (f": {parties}" if parties else "")


def exchange_summaries(conn: Connection, rows: Sequence[Row], *, detail: bool = False) -> list[dict[str, Any]]:
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


def balance(sides: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per category, how many named people of that category each side let go."""
    found = {c for s in sides for p in s["persons"] for c in p.get("category", [])}
    return [{"category": c, "counts": [sum(1 for p in s["persons"] if c in p.get("category", [])) for s in sides]}
            for c in CATEGORIES if c in found]


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


def person_summaries(conn: Connection, rows: Sequence[Row], *, today: date | None = None) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    aliases = browse.aliases_of(conn, ids)
    stats = browse.person_article_stats(conn, ids)
    histories = browse.histories_of(conn, ids)
    out = []
    for r in rows:
        count, newest = stats.get(r["id"], (0, None))
        newest_day = day(newest)
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


def article_meta(row: Row) -> dict[str, Any]:
    out = article_ref(row, row["id"])
    out.update({"relevant": bool(row["relevant"]), "relevance_score": row["relevance_score"],
                "relevance_reasons": list(row["relevance_reasons"] or []), "chars": row["chars"],
                "ingested_at": iso(row["ingested_at"])})
    return out


def record_names(conn: Connection, evidence: Sequence[Row]) -> dict[tuple[str, str], str]:
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


SNIPPET_WINDOW = 20_000     # characters of an article a snippet looks in: its cost does not grow with the article


def snippet(text: str, query: str, width: int = 160) -> str:
    """Plain text around the first place a query word occurs within the first SNIPPET_WINDOW
    characters, else the text's start (escaped by whoever renders it). One pass of one
    pattern over a bounded window, however many words (the query's are capped too)."""
    words = sorted({w for w in re.findall(r"\w+", query.lower()) if w}, key=len, reverse=True)
    found = re.search("|".join(map(re.escape, words)), text[:SNIPPET_WINDOW], re.IGNORECASE) if words else None
    at = found.start() if found else 0
    start = max(0, at - width // 3)
    piece = " ".join(text[start:start + width].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


def per_exchange(rows: Sequence[Row], people: Sequence[Row]) -> list[dict[str, Any]]:
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
