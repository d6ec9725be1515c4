"""Plain model objects to table rows and back; no database access here.

Kept apart from the Store so the mapping can be read (and tested) in one place: every
list keeps its order through a ``position`` column, evidence keeps its field and span.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from ..model import Article, Conflict, Evidence, Exchange, MergedRecords, Person, Relevance, Side, StatusEvent
from .names import name_key

Row = Mapping[str, Any]


def article_row(article: Article, relevance: Relevance, now: datetime) -> Row:
    """A new article's row, its decision stamped with the gate that runs now (``relevance.COMPONENT``)."""
    from ..relevance import COMPONENT

    return {**_article_fields(article), **relevance_fields(relevance, COMPONENT), "ingested_at": now}


def _article_fields(article: Article) -> Row:
    return {
        "id": article.id, "name": article.name, "title": article.title, "url": article.url,
        "outlet": article.outlet, "published": article.published, "language": article.language,
        "source": article.source or "", "text": article.text, "chars": len(article.text),
    }


def relevance_fields(relevance: Relevance, version: str) -> Row:
    """The decision's columns, stamped with the gate ``version`` that took it (so a newer gate
    knows to judge the article again)."""
    return {"relevance_score": float(relevance.score), "relevant": bool(relevance.relevant),
            "relevance_reasons": list(relevance.reasons), "relevance_version": version}


def article_from_row(row: Any) -> Article:
    return Article(id=row.id, text=row.text, title=row.title, url=row.url, outlet=row.outlet,
                   published=row.published, language=row.language, source=row.source, name=row.name)


def _iso(value: date | datetime | None) -> str | None:
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)     # stored as UTC; SQLite drops the offset
    return value.isoformat() if value is not None else None


def article_meta(row: Any) -> Row:
    """What the Articles listing shows: metadata and the relevance decision, JSON-ready."""
    return {
        "id": row.id, "name": row.name, "title": row.title, "url": row.url, "outlet": row.outlet,
        "published": _iso(row.published), "language": row.language, "source": row.source, "chars": row.chars,
        "relevance_score": row.relevance_score, "relevant": row.relevant,
        "relevance_reasons": list(row.relevance_reasons or []), "ingested_at": _iso(row.ingested_at),
    }


def conflicts_json(conflicts: Sequence[Conflict]) -> list[Row]:
    return [{"field": c.field, "values": c.values} for c in conflicts]


def conflicts_from(items: Iterable[Row] | None) -> list[Conflict]:
    return [Conflict(field=c["field"], values=list(c["values"])) for c in items or []]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass
class MergedRows:
    """Rows for every derived table, ready for bulk inserts."""

    exchanges: list[Row] = field(default_factory=list)
    sides: list[Row] = field(default_factory=list)
    side_persons: list[Row] = field(default_factory=list)
    exchange_articles: list[Row] = field(default_factory=list)
    persons: list[Row] = field(default_factory=list)
    aliases: list[Row] = field(default_factory=list)
    history: list[Row] = field(default_factory=list)
    person_articles: list[Row] = field(default_factory=list)
    evidence: list[Row] = field(default_factory=list)

    def drop_links(self) -> None:
        """Leave out the link columns of migration 0008, for a database at an older revision."""
        for rows, columns in ((self.side_persons, ("person_id",)), (self.evidence, ("exchange_id", "person_id"))):
            for row in rows:
                for column in columns:
                    row.pop(column, None)     # type: ignore[attr-defined]

    def add_evidence(self, items: Sequence[Evidence], record_type: str, record_id: str,
                     side_position: int | None = None) -> None:
        for i, ev in enumerate(items):
            self.evidence.append({
                "record_type": record_type, "record_id": record_id, "side_position": side_position,
                "exchange_id": record_id if record_type != "person" else None,
                "person_id": record_id if record_type == "person" else None,
                "position": i, "field": ev.field or "", "article_id": ev.article_id, "start_char": ev.start,
                "end_char": ev.end, "sentence": ev.sentence, "extractor": ev.extractor,
            })


def _curation_columns(record: Exchange | Person) -> Row:
    """Key and curated values (migration 0004), only when the rebuild applied the curation log:
    records stored without it keep to the columns every schema revision has."""
    return {"key": record.key, "curated": list(record.curated) or None} if record.key else {}


def _exchange_rows(out: MergedRows, x: Exchange, position: int) -> None:
    out.exchanges.append({
        "id": x.id, "position": position, "date": x.date, "date_precision": x.date_precision, "kind": x.kind,
        "location": dict(x.location) if x.location is not None else None, "mediators": list(x.mediators),
        "total": x.total, "conflicts": conflicts_json(x.conflicts), **_curation_columns(x),
    })
    for s, side in enumerate(x.sides):
        out.sides.append({"exchange_id": x.id, "position": s, "released_by": side.released_by,
                          "received_by": side.received_by, "count": side.count})
        out.side_persons.extend({"exchange_id": x.id, "side_position": s, "position": i, "name": name}
                                for i, name in enumerate(side.persons))
        out.add_evidence(side.evidence, "side", x.id, s)
    out.exchange_articles.extend({"exchange_id": x.id, "article_id": a, "position": i}
                                 for i, a in enumerate(_unique(x.articles)))
    out.add_evidence(x.evidence, "exchange", x.id)


def _person_rows(out: MergedRows, p: Person, position: int) -> None:
    out.persons.append({
        "id": p.id, "position": position, "name": p.name, "name_key": name_key(p.name), "status": p.status,
        "status_date": p.status_date, "held_by": p.held_by, "nationality": list(p.nationality),
        "category": list(p.category), "role": p.role, "charges": list(p.charges), "sentence": p.sentence,
        "conflicts": conflicts_json(p.conflicts), **_curation_columns(p),
    })
    out.aliases.extend({"person_id": p.id, "position": i, "alias": a, "alias_key": name_key(a)}
                       for i, a in enumerate(p.aliases))
    out.history.extend({"person_id": p.id, "position": i, "status": h.status, "date": h.date,
                        "article_id": h.article_id} for i, h in enumerate(p.history))
    out.person_articles.extend({"person_id": p.id, "article_id": a, "position": i}
                               for i, a in enumerate(_unique(p.articles)))
    out.add_evidence(p.evidence, "person", p.id)


def side_person_ids(persons: Sequence[Row], aliases: Sequence[Row]) -> dict[str, str]:
    """Which person a display name on a side names: the person with exactly that name, else
    exactly that alias; of several, the smallest id. The rule ``browse.sides_with_people``
    applies when reading, here applied once when writing (``side_persons.person_id``)."""
    found: dict[str, str] = {}
    for table, column, id_column in ((persons, "name", "id"), (aliases, "alias", "person_id")):
        own: dict[str, str] = {}
        for row in table:
            name, pid = row[column], row[id_column]
            if name not in found and (name not in own or pid < own[name]):
                own[name] = pid
        found.update(own)
    return found


def merged_rows(records: MergedRecords) -> MergedRows:
    out = MergedRows()
    for i, x in enumerate(records.exchanges):
        _exchange_rows(out, x, i)
    for i, p in enumerate(records.persons):
        _person_rows(out, p, i)
    ids = side_person_ids(out.persons, out.aliases)
    for row in out.side_persons:
        row["person_id"] = ids.get(row["name"])
    return out


def evidence_from(row: Row) -> Evidence:
    return Evidence(article_id=row["article_id"], start=row["start_char"], end=row["end_char"],
                    sentence=row["sentence"], extractor=row["extractor"], field=row["field"])


def group(rows: Iterable[Row], *keys: str) -> dict[Any, list[Row]]:
    """Rows by key (one column, or a tuple of several), each group in ``position`` order."""
    out: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        out[row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)].append(row)
    for items in out.values():
        items.sort(key=lambda r: r["position"])
    return out


def _by_position(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: r["position"])


@dataclass
class ExchangeParts:
    """Rows (column mappings) loaded for a set of exchanges, before assembly."""

    exchanges: Sequence[Row]
    sides: Sequence[Row]
    side_persons: Sequence[Row]
    articles: Sequence[Row]
    evidence: Sequence[Row]

    def _sides(self, exchange_id: str, sides: dict[Any, list[Row]], names: dict[Any, list[Row]],
               evidence: dict[Any, list[Row]]) -> list[Side]:
        out = []
        for s in sides.get(exchange_id, []):
            key = (exchange_id, s["position"])
            out.append(Side(released_by=s["released_by"], received_by=s["received_by"], count=s["count"],
                            persons=[n["name"] for n in names.get(key, [])],
                            evidence=[evidence_from(e) for e in evidence.get(key, [])]))
        return out

    def assemble(self) -> list[Exchange]:
        sides, arts = group(self.sides, "exchange_id"), group(self.articles, "exchange_id")
        names = group(self.side_persons, "exchange_id", "side_position")
        side_ev = group((e for e in self.evidence if e["record_type"] == "side"), "record_id", "side_position")
        own_ev = group((e for e in self.evidence if e["record_type"] == "exchange"), "record_id")
        return [Exchange(
            id=x["id"], date=x["date"], date_precision=x["date_precision"], kind=x["kind"],
            location=dict(x["location"]) if x["location"] is not None else None, mediators=list(x["mediators"]),
            total=x["total"], sides=self._sides(x["id"], sides, names, side_ev),
            articles=[a["article_id"] for a in arts.get(x["id"], [])],
            evidence=[evidence_from(e) for e in own_ev.get(x["id"], [])], conflicts=conflicts_from(x["conflicts"]),
            key=x.get("key") or "", curated=list(x.get("curated") or []))
            for x in _by_position(self.exchanges)]


@dataclass
class PersonParts:
    """Rows (column mappings) loaded for a set of persons, before assembly."""

    persons: Sequence[Row]
    aliases: Sequence[Row]
    history: Sequence[Row]
    articles: Sequence[Row]
    evidence: Sequence[Row]

    def assemble(self) -> list[Person]:
        aliases, history = group(self.aliases, "person_id"), group(self.history, "person_id")
        arts, ev = group(self.articles, "person_id"), group(self.evidence, "record_id")
        return [Person(
            id=p["id"], name=p["name"], aliases=[a["alias"] for a in aliases.get(p["id"], [])], status=p["status"],
            status_date=p["status_date"], held_by=p["held_by"], nationality=list(p["nationality"]),
            category=list(p["category"]), role=p["role"], charges=list(p["charges"]), sentence=p["sentence"],
            articles=[a["article_id"] for a in arts.get(p["id"], [])],
            history=[StatusEvent(status=h["status"], date=h["date"], article_id=h["article_id"])
                     for h in history.get(p["id"], [])],
            evidence=[evidence_from(e) for e in ev.get(p["id"], [])], conflicts=conflicts_from(p["conflicts"]),
            key=p.get("key") or "", curated=list(p.get("curated") or []))
            for p in _by_position(self.persons)]
