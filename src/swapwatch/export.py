"""Merged records out: JSON in the FORMAT.md export schema, the same records as JSON Lines,
and flat CSV files (with every evidence sentence in ``evidence.csv``).

The JSON is deterministic: the same records give the same bytes whatever order the
merge stage listed them in, so exports can be diffed and checked into a repository.
Article ids become article names (the eval corpus ids) everywhere a reader sees them.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from .model import Conflict, Evidence, Exchange, MergedRecords, Person, Side
from .publish.wording import who_for_whom_in_words

LIST_SEP = "; "
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")   # what spreadsheets read as a formula

EXCHANGE_COLUMNS = ("id", "date", "date_precision", "kind", "city", "country", "mediators", "total", "sides",
                    "who_for_whom", "articles", "source_titles", "source_urls", "evidence", "conflicts")
SIDE_COLUMNS = ("exchange_id", "side", "released_by", "received_by", "count", "persons", "evidence")
PERSON_COLUMNS = ("id", "name", "aliases", "status", "status_date", "held_by", "nationality", "category", "role",
                  "charges", "sentence", "articles", "source_titles", "source_urls", "history", "evidence", "conflicts")
EVIDENCE_COLUMNS = ("record_kind", "record_id", "side", "field", "article_id", "article", "start", "end", "sentence",
                    "title", "url", "extractor")

Sources = dict[str, dict[str, Any]]     # article id -> {"name", "title", "url"}


def _fold(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text)
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold()


def _names(article_ids: Iterable[str], names: dict[str, str]) -> list[str]:
    return sorted({names.get(a, a) for a in article_ids})


def _evidence(items: Sequence[Evidence], names: dict[str, str]) -> list[dict[str, Any]]:
    out = [{"field": e.field, "article": names.get(e.article_id, e.article_id), "start": e.start, "end": e.end,
            "sentence": e.sentence, "extractor": e.extractor} for e in items]
    return sorted(out, key=lambda d: (d["article"], d["start"], d["field"], d["end"], d["extractor"], d["sentence"]))


def _conflicts(items: Sequence[Conflict], names: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for c in sorted(items, key=lambda c: c.field):
        values = [{**v, "articles": _names(v.get("articles", []), names)} if "articles" in v else dict(v)
                  for v in c.values]
        out.append({"field": c.field, "values": values})
    return out


def _location(loc: dict[str, str | None] | None) -> dict[str, str | None] | None:
    if loc is None:
        return None
    rest = {k: loc[k] for k in sorted(loc) if k not in ("city", "country")}
    return {"city": loc.get("city"), "country": loc.get("country"), **rest}


def _side(side: Side, names: dict[str, str]) -> dict[str, Any]:
    return {"released_by": side.released_by, "received_by": side.received_by, "count": side.count,
            "persons": list(side.persons), "evidence": _evidence(side.evidence, names)}


def _curated(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``{"curated": [...]}`` beside the extracted fields when a person corrected some, else nothing:
    the eval schema's keys stay as they are."""
    if not items:
        return {}
    keys = ("field", "value", "extracted", "action", "curator", "reason", "at", "curation")
    return {"curated": [{k: c.get(k) for k in keys} for c in sorted(items, key=lambda c: (c.get("curation") or 0))]}


def exchange_dict(x: Exchange, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": x.id, "date": x.date, "date_precision": x.date_precision, "kind": x.kind,
        "location": _location(x.location), "mediators": sorted(set(x.mediators)), "total": x.total,
        "sides": [_side(s, names) for s in x.sides], "articles": _names(x.articles, names),
        "evidence": _evidence(x.evidence, names), "conflicts": _conflicts(x.conflicts, names),
        **_curated(x.curated),
    }


def person_dict(p: Person, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "aliases": sorted(set(p.aliases) - {p.name}), "status": p.status,
        "status_date": p.status_date, "held_by": p.held_by, "nationality": list(p.nationality),
        "category": list(p.category), "role": p.role, "charges": list(p.charges), "sentence": p.sentence,
        "articles": _names(p.articles, names),
        "history": [{"status": h.status, "date": h.date, "article": names.get(h.article_id, h.article_id)}
                    for h in p.history],
        "evidence": _evidence(p.evidence, names), "conflicts": _conflicts(p.conflicts, names),
        **_curated(p.curated),
    }


def export_dict(records: MergedRecords, names: dict[str, str]) -> dict[str, Any]:
    """``{"exchanges": [...], "persons": [...]}`` with the gold field names, plus ids, evidence, conflicts.

    Exchanges come by date (undated last) then id; persons by folded name then id.
    """
    exchanges, persons = _in_order(records)
    return {"exchanges": [exchange_dict(x, names) for x in exchanges],
            "persons": [person_dict(p, names) for p in persons]}


def _in_order(records: MergedRecords) -> tuple[list[Exchange], list[Person]]:
    return (sorted(records.exchanges, key=lambda x: (x.date is None, x.date or "", x.id)),
            sorted(records.persons, key=lambda p: (_fold(p.name), p.name, p.id)))


def export_json(records: MergedRecords, names: dict[str, str]) -> str:
    """The export as text: the same records always give the same bytes."""
    return json.dumps(export_dict(records, names), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def export_jsonl(records: MergedRecords, names: dict[str, str]) -> str:
    """The JSON export's records one per line, each with its ``type`` (exchange, person) first."""
    data = export_dict(records, names)
    lines = [{"type": kind, **record} for key, kind in (("exchanges", "exchange"), ("persons", "person"))
             for record in data[key]]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will show as text: no formula runs when the file is opened."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def joined(items: Iterable[Any]) -> str:
    return LIST_SEP.join(str(i) for i in items if i is not None and i != "")


def _conflict_fields(items: list[dict[str, Any]]) -> str:
    return joined(c["field"] for c in items)


def _aligned(items: Iterable[Any]) -> str:
    """Values joined with LIST_SEP, a missing one left empty: the n-th matches the n-th article."""
    return LIST_SEP.join(str(i or "") for i in items)


def _source_columns(article_names: Sequence[str], by_name: Sources) -> dict[str, str]:
    found = [by_name.get(n, {}) for n in article_names]
    return {"source_titles": _aligned(s.get("title") or s.get("name") for s in found),
            "source_urls": _aligned(s.get("url") for s in found)}


def _exchange_row(x: dict[str, Any], by_name: Sources) -> dict[str, Any]:
    loc = x["location"] or {}
    return {"id": x["id"], "date": x["date"], "date_precision": x["date_precision"], "kind": x["kind"],
            "city": loc.get("city"), "country": loc.get("country"), "mediators": joined(x["mediators"]),
            "total": x["total"], "sides": len(x["sides"]), "who_for_whom": who_for_whom_in_words(x["sides"]),
            "articles": joined(x["articles"]), **_source_columns(x["articles"], by_name),
            "evidence": len(x["evidence"]) + sum(len(s["evidence"]) for s in x["sides"]),
            "conflicts": _conflict_fields(x["conflicts"])}


def _side_rows(x: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"exchange_id": x["id"], "side": i, "released_by": s["released_by"], "received_by": s["received_by"],
             "count": s["count"], "persons": joined(s["persons"]), "evidence": len(s["evidence"])}
            for i, s in enumerate(x["sides"])]


def _person_row(p: dict[str, Any], by_name: Sources) -> dict[str, Any]:
    history = joined(f"{h['date'] or '?'} {h['status']} ({h['article']})" for h in p["history"])
    return {"id": p["id"], "name": p["name"], "aliases": joined(p["aliases"]), "status": p["status"],
            "status_date": p["status_date"], "held_by": p["held_by"], "nationality": joined(p["nationality"]),
            "category": joined(p["category"]), "role": p["role"], "charges": joined(p["charges"]),
            "sentence": p["sentence"], "articles": joined(p["articles"]), **_source_columns(p["articles"], by_name),
            "history": history,
            "evidence": len(p["evidence"]), "conflicts": _conflict_fields(p["conflicts"])}


def write_csv(stream: IO[str], columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header and one line per row, every cell through ``safe_cell`` (the export's files and
    the web's CSV downloads alike)."""
    writer = csv.DictWriter(stream, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        write_csv(f, columns, rows)
    return path


def _evidence_rows(kind: str, record_id: str, side: int | None, items: Sequence[Evidence], names: dict[str, str],
                   sources: Sources) -> list[dict[str, Any]]:
    rows = [{"record_kind": kind, "record_id": record_id, "side": side, "field": e.field, "article_id": e.article_id,
             "article": names.get(e.article_id, e.article_id), "start": e.start, "end": e.end, "sentence": e.sentence,
             "title": sources.get(e.article_id, {}).get("title"), "url": sources.get(e.article_id, {}).get("url"),
             "extractor": e.extractor} for e in items]
    return sorted(rows, key=lambda r: (r["article"], r["start"], r["field"], r["end"], r["extractor"], r["sentence"]))


def evidence_rows(records: MergedRecords, names: dict[str, str], sources: Sources) -> Iterable[dict[str, Any]]:
    """Every evidence sentence of every record, in the export's order: an exchange's own, then
    its sides' (``side`` numbers them from 0), then the persons'."""
    exchanges, persons = _in_order(records)
    for x in exchanges:
        yield from _evidence_rows("exchange", x.id, None, x.evidence, names, sources)
        for i, s in enumerate(x.sides):
            yield from _evidence_rows("side", x.id, i, s.evidence, names, sources)
    for p in persons:
        yield from _evidence_rows("person", p.id, None, p.evidence, names, sources)


def export_csv(records: MergedRecords, names: dict[str, str], out_dir: Path,
               sources: Sources | None = None) -> list[Path]:
    """``exchanges.csv``, ``sides.csv``, ``persons.csv`` and ``evidence.csv`` in ``out_dir``, linked
    by ids; ``sources`` (article id -> name, title, url) gives the source titles and URLs."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = sources or {}
    by_name = {names.get(i, i): s for i, s in sources.items()}
    data = export_dict(records, names)
    return [
        _write_csv(out_dir / "exchanges.csv", EXCHANGE_COLUMNS,
                   (_exchange_row(x, by_name) for x in data["exchanges"])),
        _write_csv(out_dir / "sides.csv", SIDE_COLUMNS, (r for x in data["exchanges"] for r in _side_rows(x))),
        _write_csv(out_dir / "persons.csv", PERSON_COLUMNS, (_person_row(p, by_name) for p in data["persons"])),
        _write_csv(out_dir / "evidence.csv", EVIDENCE_COLUMNS, evidence_rows(records, names, sources)),
    ]
