"""Curation: a person's corrections of the merged records, kept in an append-only log and
applied inside every merged rebuild (docs/CURATION.md). The CLI's ``curate`` and
``curations`` commands are thin wrappers around these functions.

Every action resolves its target to a stable key (``merge.keys``), appends one curation
with the curator's name and reason, and rebuilds the merged records, so the result is
visible at once and after every later ingest.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .errors import InvalidRequest, NotFound
from .merge.curation import EXCHANGE_FIELDS, PERSON_FIELDS
from .merge.keys import exchange_key, person_key
from .model import CATEGORIES, KINDS, STATUSES, Curation, Exchange, Person
from .params import choice, iso_date

FORMAT_VERSION = 1


def _who(curator: str, reason: str) -> tuple[str, str]:
    curator, reason = (curator or "").strip(), (reason or "").strip()
    if not curator:
        raise InvalidRequest("a curation needs the curator's name (--by, or SWAPWATCH_CURATOR)")
    if not reason:
        raise InvalidRequest("a curation needs a reason (--reason)")
    return curator, reason


def find_person(store, ref: str) -> Person:
    """The one person ``ref`` names: a person id, or a name any spelling of which is unique."""
    ref = (ref or "").strip()
    if ref.startswith("p-"):
        found = [p for p in store.persons() if p.id == ref]
        if found:
            return found[0]
    lookup = store.lookup_persons(ref)
    exact = [p for p in lookup.found if person_key(ref) in {person_key(n) for n in [p.name, *p.aliases]}]
    found = exact or lookup.found
    if len(found) == 1:
        return found[0]
    if not found:
        hint = f"; closest: {', '.join(lookup.suggestions)}" if lookup.suggestions else ""
        raise NotFound(f"no person named {ref!r}{hint}")
    names = ", ".join(f"{p.name} ({p.id})" for p in found[:5])
    raise NotFound(f"{ref!r} names more than one person: {names}; give the id", code="ambiguous")


def _person_target(p: Person) -> str:
    return p.key or person_key(p.name)


def _exchange_target(x: Exchange) -> str:
    return x.key or exchange_key(x)


def _record(store, *, action: str, target_kind: str, target_key: str, field: str | None, value: Any,
            curator: str, reason: str, undoes: int | None = None) -> dict[str, Any]:
    from .service import refresh_merged

    curator, reason = _who(curator, reason)
    c = store.add_curation(action=action, target_kind=target_kind, target_key=target_key, field=field, value=value,
                           curator=curator, reason=reason, undoes=undoes)
    refresh_merged(store)
    return curation_dict(c, store.curation_states().get(c.id))


def _set(store, target_kind: str, target_key: str, fields: dict[str, Any], curator: str, reason: str):
    fields = {k: v for k, v in fields.items() if v is not None}
    if not fields:
        raise InvalidRequest("nothing to set: give at least one field")
    return _record(store, action="set", target_kind=target_kind, target_key=target_key,
                   field=",".join(sorted(fields)), value=fields, curator=curator, reason=reason)


def _names(values: list[str] | None) -> list[str] | None:
    return None if values is None else [v.strip() for v in values if v and v.strip()]


def set_person(store, ref: str, *, curator: str, reason: str, status: str | None = None,
               status_date: str | None = None, held_by: str | None = None, category: list[str] | None = None,
               charges: list[str] | None = None, sentence: str | None = None,
               nationality: list[str] | None = None) -> dict[str, Any]:
    """Correct a person's fields (only those given)."""
    category = _names(category)
    for c in category or []:
        choice("category", c, CATEGORIES)
    fields = {"status": choice("status", status, STATUSES), "status_date": iso_date("status_date", status_date),
              "held_by": (held_by or "").strip() or None, "category": category, "charges": _names(charges),
              "sentence": (sentence or "").strip() or None, "nationality": _names(nationality)}
    assert set(fields) <= set(PERSON_FIELDS)
    p = find_person(store, ref)
    return _set(store, "person", _person_target(p), fields, curator, reason)


def set_exchange(store, exchange_id: str, *, curator: str, reason: str, date: str | None = None,
                 kind: str | None = None, total: int | None = None, city: str | None = None,
                 country: str | None = None) -> dict[str, Any]:
    """Correct an exchange's date, kind, total or place (only those given)."""
    if total is not None and total < 0:
        raise InvalidRequest(f"total must be 0 or more, got {total}")
    x = store.exchange(exchange_id)
    location = None
    if city or country:
        location = {**(x.location or {}), **({"city": city.strip()} if city else {}),
                    **({"country": country.strip()} if country else {})}
    fields = {"date": iso_date("date", date), "kind": choice("kind", kind, KINDS), "total": total,
              "location": location}
    assert set(fields) <= set(EXCHANGE_FIELDS)
    return _set(store, "exchange", _exchange_target(x), fields, curator, reason)


def not_detainee(store, name: str, *, curator: str, reason: str) -> dict[str, Any]:
    """This name was never held (an official, a lawyer, an analyst): drop the person, everywhere."""
    p = find_person(store, name)
    return _record(store, action="not_detainee", target_kind="person", target_key=_person_target(p), field=None,
                   value={"name": p.name}, curator=curator, reason=reason)


def hide(store, kind: str, ref: str, *, curator: str, reason: str) -> dict[str, Any]:
    """Leave a person or an exchange out of the merged records."""
    kind = choice("kind", kind, ("person", "exchange")) or ""
    if kind == "person":
        p = find_person(store, ref)
        key, shown = _person_target(p), p.name
    else:
        x = store.exchange(ref)
        key, shown = _exchange_target(x), x.id
    return _record(store, action="hide", target_kind=kind, target_key=key, field=None, value={"shown": shown},
                   curator=curator, reason=reason)


def merge_persons(store, a: str, b: str, *, curator: str, reason: str) -> dict[str, Any]:
    """A and B are one person: B (kept) takes A's spellings, articles and history."""
    pa, pb = find_person(store, a), find_person(store, b)
    if pa.id == pb.id:
        raise InvalidRequest(f"{a!r} and {b!r} are already one person ({pb.name})")
    return _record(store, action="merge_persons", target_kind="person", target_key=_person_target(pa),
                   field=None, value={"into": _person_target(pb), "names": [pa.name, pb.name]},
                   curator=curator, reason=reason)


def undo(store, curation_id: int, *, curator: str, reason: str) -> dict[str, Any]:
    """Cancel an earlier curation; the next rebuild (run here) gives the extracted value back."""
    return _record(store, action="undo", target_kind="curation", target_key=str(curation_id), field=None,
                   value={"curation": curation_id}, curator=curator, reason=reason, undoes=curation_id)


def curation_dict(c: Curation, state: dict[str, Any] | None) -> dict[str, Any]:
    return {**c.to_dict(), "state": (state or {}).get("state", "pending"),
            "record_id": (state or {}).get("record_id"), "detail": (state or {}).get("detail")}


def list_curations(store, *, orphaned: bool = False) -> list[dict[str, Any]]:
    """The whole log, oldest first, each with what the last rebuild did with it."""
    states = store.curation_states()
    items = [curation_dict(c, states.get(c.id)) for c in store.curations()]
    return [i for i in items if i["state"] == "orphaned"] if orphaned else items


# -- moving a newsroom's corrections between databases ------------------------------------

def export_curations(store) -> dict[str, Any]:
    """The live log (undone curations and undos left out) as JSON-ready data, keyed on stable keys."""
    keep = ("action", "target_kind", "target_key", "field", "value", "curator", "reason", "created_at")
    items = [{k: getattr(c, k) for k in keep} for c in store.curations()
             if c.undone_by is None and c.action != "undo"]
    return {"swapwatch_curations": FORMAT_VERSION, "curations": items}


def import_curations(store, data: dict[str, Any]) -> dict[str, int]:
    """Append another database's curations (curator, reason and time kept) and rebuild once.
    One already in this log (same action, target, value, curator and time) is skipped."""
    from .service import refresh_merged

    if not isinstance(data, dict) or data.get("swapwatch_curations") != FORMAT_VERSION:
        raise InvalidRequest("not a swapwatch curations file (swapwatch curations export writes one)")
    seen = {_identity(c.to_dict()) for c in store.curations()}
    added = skipped = 0
    for item in data.get("curations") or []:
        if item.get("action") not in ("set", "not_detainee", "hide", "merge_persons") or \
                item.get("target_kind") not in ("person", "exchange"):
            raise InvalidRequest(f"not a curation this version can apply: {json.dumps(item)[:200]}")
        if _identity(item) in seen:
            skipped += 1
            continue
        curator, reason = _who(item.get("curator", ""), item.get("reason", ""))
        store.add_curation(action=item["action"], target_kind=item["target_kind"], target_key=item["target_key"],
                           field=item.get("field"), value=item.get("value"), curator=curator, reason=reason,
                           created_at=datetime.fromisoformat(item["created_at"]))
        seen.add(_identity(item))
        added += 1
    if added:
        refresh_merged(store)
    return {"added": added, "skipped": skipped}


def _identity(item: dict[str, Any]) -> str:
    at = datetime.fromisoformat(item["created_at"]).isoformat(timespec="seconds")
    return json.dumps([item["action"], item["target_kind"], item["target_key"], item.get("value"),
                       item["curator"], at], sort_keys=True)
