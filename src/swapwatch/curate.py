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
from .merge.curation import ACTIONS, CONFIRMABLE, EXCHANGE_FIELDS, PERSON_FIELDS
from .merge.curation_structure import find_side, side_ref
from .merge.keys import exchange_key, person_key
from .model import CATEGORIES, KINDS, STATUSES, Curation, Exchange, Person
from .params import choice, iso_date

FORMAT_VERSION = 1
MAX_REASON_CHARS = 1000     # a reason is a sentence or two, not a document
MAX_VALUE_CHARS = 200       # a name, a place, a charge
MAX_NAMES = 50              # names moved by one split


def _who(curator: str, reason: str) -> tuple[str, str]:
    curator, reason = (curator or "").strip(), (reason or "").strip()
    if not curator:
        raise InvalidRequest("a curation needs the curator's name (--by, or SWAPWATCH_CURATOR)")
    if not reason:
        raise InvalidRequest("a curation needs a reason (--reason)")
    if len(curator) > 80:
        raise InvalidRequest("a curator's name is at most 80 characters")
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidRequest(f"a reason is at most {MAX_REASON_CHARS} characters, got {len(reason)}")
    return curator, reason


def _text(name: str, value: str | None, *, required: bool = False) -> str | None:
    """A short text value, stripped and bounded; None when not given (an error when required)."""
    value = " ".join((value or "").split())
    if not value:
        if required:
            raise InvalidRequest(f"{name} is required")
        return None
    if len(value) > MAX_VALUE_CHARS:
        raise InvalidRequest(f"{name} is at most {MAX_VALUE_CHARS} characters, got {len(value)}")
    return value


def _name_list(name: str, values: list[str] | None) -> list[str]:
    names = [v for v in (_text(name, v) for v in values or []) if v]
    if not names:
        raise InvalidRequest(f"give at least one {name}")
    if len(names) > MAX_NAMES:
        raise InvalidRequest(f"at most {MAX_NAMES} {name}s at once")
    return names


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
    if values is None:
        return None
    if len(values) > MAX_NAMES:
        raise InvalidRequest(f"at most {MAX_NAMES} values at once")
    return [v for v in (_text("a value", v) for v in values) if v]


def set_person(store, ref: str, *, curator: str, reason: str, status: str | None = None,
               status_date: str | None = None, held_by: str | None = None, category: list[str] | None = None,
               charges: list[str] | None = None, sentence: str | None = None,
               nationality: list[str] | None = None) -> dict[str, Any]:
    """Correct a person's fields (only those given)."""
    category = _names(category)
    for c in category or []:
        choice("category", c, CATEGORIES)
    fields = {"status": choice("status", status, STATUSES), "status_date": iso_date("status_date", status_date),
              "held_by": _text("held_by", held_by), "category": category, "charges": _names(charges),
              "sentence": _text("sentence", sentence), "nationality": _names(nationality)}
    assert set(fields) <= set(PERSON_FIELDS)
    p = find_person(store, ref)
    return _set(store, "person", _person_target(p), fields, curator, reason)


def set_exchange(store, exchange_id: str, *, curator: str, reason: str, date: str | None = None,
                 kind: str | None = None, total: int | None = None, city: str | None = None,
                 country: str | None = None, mediators: list[str] | None = None) -> dict[str, Any]:
    """Correct an exchange's date, kind, total, place or mediators (only those given)."""
    if total is not None and not 0 <= total <= 100_000:
        raise InvalidRequest(f"total must be 0 to 100000, got {total}")
    x = store.exchange(exchange_id)
    city, country = _text("city", city), _text("country", country)
    location = None
    if city or country:
        location = {**(x.location or {}), **({"city": city} if city else {}),
                    **({"country": country} if country else {})}
    fields = {"date": iso_date("date", date), "kind": choice("kind", kind, KINDS), "total": total,
              "location": location, "mediators": _names(mediators)}
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


def _target(store, kind: str, ref: str) -> tuple[str, str]:
    """(kind, stable key) of the person (name or id) or exchange (id) ``ref`` names."""
    kind = choice("kind", kind, ("person", "exchange")) or ""
    if kind == "person":
        return kind, _person_target(find_person(store, ref))
    return kind, _exchange_target(store.exchange(ref))


def judge(store, verdict: str, kind: str, ref: str, field: str, *, curator: str, reason: str) -> dict[str, Any]:
    """Confirm a fact (it stands; it leaves the review queue) or reject it (it is wrong: emptied).
    ``field`` is one of the record's fields, or 'record' to confirm the record as a whole."""
    verdict = choice("verdict", verdict, ("confirm", "reject")) or ""
    kind, key = _target(store, kind, ref)
    field = (field or "").strip().lower()
    allowed = [f for f in CONFIRMABLE[kind] if verdict == "confirm" or f not in ("record", "kind")]
    choice("field", field, allowed)
    return _record(store, action=verdict, target_kind=kind, target_key=key, field=field, value={"field": field},
                   curator=curator, reason=reason)


def _side(store, exchange_id: str, side: str | None) -> tuple[Exchange, str]:
    """The exchange and the side ``side`` names ('Russia->United States', or its position from 0)."""
    x = store.exchange(exchange_id)
    found = find_side(x, (side or "").strip())
    if found is None:
        sides = "; ".join(f"{i}: {side_ref(s)}" for i, s in enumerate(x.sides)) or "none"
        raise InvalidRequest(f"no side {side!r} on {x.id} (its sides: {sides})")
    return x, side_ref(found)


def set_side(store, exchange_id: str, side: str, *, curator: str, reason: str, released_by: str | None = None,
             received_by: str | None = None, count: int | None = None) -> dict[str, Any]:
    """Set a side's parties (who let go, who received) and its count (only those given)."""
    x, ref = _side(store, exchange_id, side)
    if count is not None and not 0 <= count <= 100_000:
        raise InvalidRequest(f"count must be 0 to 100000, got {count}")
    fields = {k: v for k, v in {"released_by": _text("released_by", released_by),
                                "received_by": _text("received_by", received_by), "count": count}.items()
              if v is not None}
    if not fields:
        raise InvalidRequest("nothing to set: give released_by, received_by or count")
    return _record(store, action="set_side", target_kind="exchange", target_key=_exchange_target(x),
                   field=",".join(sorted(fields)), value={"side": ref, **fields}, curator=curator, reason=reason)


def side_person(store, action: str, exchange_id: str, side: str, name: str, *, curator: str,
                reason: str) -> dict[str, Any]:
    """Add a person to a side, or remove one from it (``action``: add_person / remove_person)."""
    action = choice("action", action, ("add_person", "remove_person")) or ""
    x, ref = _side(store, exchange_id, side)
    return _record(store, action=action, target_kind="exchange", target_key=_exchange_target(x), field=None,
                   value={"side": ref, "name": _text("name", name, required=True)}, curator=curator, reason=reason)


def merge_exchanges(store, a: str, b: str, *, curator: str, reason: str) -> dict[str, Any]:
    """A and B are one exchange: B (kept) takes A's articles, evidence and sides' people."""
    xa, xb = store.exchange(a), store.exchange(b)
    if xa.id == xb.id:
        raise InvalidRequest(f"{a!r} and {b!r} are one exchange already")
    return _record(store, action="merge_exchanges", target_kind="exchange", target_key=_exchange_target(xa),
                   field=None, value={"into": _exchange_target(xb), "ids": [xa.id, xb.id]},
                   curator=curator, reason=reason)


def split_exchange(store, exchange_id: str, names: list[str], *, curator: str, reason: str,
                   date: str | None = None) -> dict[str, Any]:
    """The people ``names`` were exchanged in another event: they move to a new exchange
    (same kind and parties; ``date`` if given), with the evidence that names them."""
    x = store.exchange(exchange_id)
    names = _name_list("name", names)
    on_sides = {person_key(n) for s in x.sides for n in s.persons}
    missing = [n for n in names if person_key(n) not in on_sides]
    if missing:
        raise InvalidRequest(f"not on a side of {x.id}: {', '.join(missing)}")
    if on_sides <= {person_key(n) for n in names}:
        raise InvalidRequest("everyone would leave: split off some of its people, not all")
    return _record(store, action="split_exchange", target_kind="exchange", target_key=_exchange_target(x),
                   field=None, value={"names": names, **({"date": iso_date("date", date)} if date else {})},
                   curator=curator, reason=reason)


def split_person(store, ref: str, names: list[str], *, curator: str, reason: str) -> dict[str, Any]:
    """The spellings ``names`` are another person: they move to a new person, with the
    evidence, articles and history only they account for."""
    p = find_person(store, ref)
    names = _name_list("spelling", names)
    mine = {person_key(n) for n in p.aliases}
    if person_key(p.name) in {person_key(n) for n in names}:
        raise InvalidRequest(f"{p.name!r} keeps its display name; split off its other spellings "
                             f"({', '.join(p.aliases) or 'it has none'})")
    missing = [n for n in names if person_key(n) not in mine]
    if missing:
        raise InvalidRequest(f"not a spelling of {p.name}: {', '.join(missing)} (its spellings: "
                             f"{', '.join(p.aliases) or 'none'})")
    return _record(store, action="split_person", target_kind="person", target_key=_person_target(p), field=None,
                   value={"names": names}, curator=curator, reason=reason)


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
    One already in this log (same action, target, value, curator, reason and second) is skipped."""
    from .service import refresh_merged

    if not isinstance(data, dict) or data.get("swapwatch_curations") != FORMAT_VERSION:
        raise InvalidRequest("not a swapwatch curations file (swapwatch curations export writes one)")
    seen = {_identity(c.to_dict()) for c in store.curations()}
    added = skipped = 0
    for item in data.get("curations") or []:
        if item.get("target_kind") not in ACTIONS.get(item.get("action"), ()):
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
                       item["curator"], item.get("reason"), at], sort_keys=True)


# -- one entry point for the API and the web forms ------------------------------------------------

def _param(params: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise InvalidRequest(f"{name} is required")
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise InvalidRequest(f"{name} must be a string")
    value = str(value)
    if len(value) > MAX_VALUE_CHARS:
        raise InvalidRequest(f"{name} is at most {MAX_VALUE_CHARS} characters, got {len(value)}")
    return value


def _int(params: dict[str, Any], name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit() \
            or len(str(value).strip()) > 6:
        raise InvalidRequest(f"{name} must be a whole number 0 to 100000")
    return int(value)


def _list(params: dict[str, Any], name: str) -> list[str] | None:
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidRequest(f"{name} must be a list of strings")
    if len(value) > MAX_NAMES:
        raise InvalidRequest(f"at most {MAX_NAMES} {name} at once")
    return value


def perform(store, action: str, params: dict[str, Any], *, curator: str) -> dict[str, Any]:
    """One curation from plain parameters (the API's JSON body, a web form), by ``curator``.
    ``action`` is one of ``PERFORMABLE``; the parameters are those of the function it names."""
    reason = params.get("reason")
    if not isinstance(reason, str):
        raise InvalidRequest("reason is required (a string)")
    who = {"curator": curator, "reason": reason}
    p, n, ls = (lambda k, **kw: _param(params, k, **kw)), (lambda k: _int(params, k)), (lambda k: _list(params, k))
    if action == "set_person":
        return set_person(store, p("person", required=True), status=p("status"), status_date=p("status_date"),
                          held_by=p("held_by"), category=ls("category"), charges=ls("charges"),
                          sentence=p("sentence"), nationality=ls("nationality"), **who)
    if action == "set_exchange":
        return set_exchange(store, p("exchange", required=True), date=p("date"), kind=p("kind"), total=n("total"),
                            city=p("city"), country=p("country"), mediators=ls("mediators"), **who)
    if action == "not_detainee":
        return not_detainee(store, p("person", required=True), **who)
    if action == "hide":
        return hide(store, p("kind", required=True), p("ref", required=True), **who)
    if action == "merge_persons":
        return merge_persons(store, p("person", required=True), p("into", required=True), **who)
    if action in ("confirm", "reject"):
        return judge(store, action, p("kind", required=True), p("ref", required=True), p("field", required=True),
                     **who)
    if action == "set_side":
        return set_side(store, p("exchange", required=True), p("side", required=True), released_by=p("released_by"),
                        received_by=p("received_by"), count=n("count"), **who)
    if action in ("add_person", "remove_person"):
        return side_person(store, action, p("exchange", required=True), p("side", required=True),
                           p("name", required=True), **who)
    if action == "merge_exchanges":
        return merge_exchanges(store, p("exchange", required=True), p("into", required=True), **who)
    if action == "split_exchange":
        return split_exchange(store, p("exchange", required=True), ls("names") or [], date=p("date"), **who)
    if action == "split_person":
        return split_person(store, p("person", required=True), ls("names") or [], **who)
    if action == "undo":
        curation_id = n("curation")
        if curation_id is None:
            raise InvalidRequest("curation (the id to undo) is required")
        return undo(store, curation_id, **who)
    raise InvalidRequest(f"action must be one of {', '.join(PERFORMABLE)}, got {str(action)[:40]!r}")


PERFORMABLE = ("set_person", "set_exchange", "not_detainee", "hide", "merge_persons", "confirm", "reject", "set_side",
               "add_person", "remove_person", "merge_exchanges", "split_exchange", "split_person", "undo")
