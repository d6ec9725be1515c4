"""The review queue: what needs a human, most important first (``swapwatch review``, ``/review``,
``/api/review`` all call ``review_queue``).

The doubts come from ``merge.confidence`` (conflicts, recalled-only exchanges, partial names,
weak statuses, unknown parties or counts, possible duplicates), plus every orphaned curation.
Order: the problem's weight (``confidence.WEIGHTS``), then the lowest confidence, then the title.
The queue is computed from the whole merged set, so it is kept until a curation or an
extraction is written (``Store.merged_version``, on both backends).
"""
from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from ..errors import InvalidRequest
from ..merge.confidence import WEIGHTS, Doubt, assess, recalled_exchanges
from ..model import KIND_NAMES, Exchange

MAX_REVIEW_LIMIT = 1000
_lock = threading.Lock()
_kept: dict[str, tuple[object, list[dict[str, Any]], dict[str, float]]] = {}


def exchange_title(x: Exchange) -> str:
    parties = sorted({p for s in x.sides for p in (s.released_by, s.received_by) if p})
    return f"{x.date or 'undated'} {KIND_NAMES.get(x.kind, x.kind)}" + (f": {', '.join(parties)}" if parties else "")


def _background_spans(store) -> set[tuple[str, int, int]]:
    spans: set[tuple[str, int, int]] = set()
    for extraction in store.extractions():
        for mention in extraction.exchanges:
            if mention.background:
                for e in [*mention.evidence, *(e for s in mention.sides for e in s.evidence)]:
                    spans.add((e.article_id, e.start, e.end))
    return spans


def _orphans(store) -> list[Doubt]:
    states = store.curation_states()
    out = []
    for c in store.curations():
        state = states.get(c.id) or {}
        if state.get("state") == "orphaned":
            out.append(Doubt("orphaned_curation", "curation", str(c.id), f"curation #{c.id}: {c.action} {c.target_key}",
                             f"its target is gone or ambiguous ({state.get('detail')}); by {c.curator}: {c.reason}",
                             confidence=0.0))
    return out


def _compute(store) -> tuple[list[dict[str, Any]], dict[str, float]]:
    records = store.load_merged()
    recalled = recalled_exchanges(records, _background_spans(store))
    assessment = assess(records, recalled, {x.id: exchange_title(x) for x in records.exchanges})
    doubts = [*_orphans(store), *assessment.doubts]
    doubts.sort(key=lambda d: (-WEIGHTS[d.problem], d.confidence, d.title, d.record_id, d.field or ""))
    return [d.to_dict() for d in doubts], assessment.confidence


def _queue(store) -> tuple[list[dict[str, Any]], dict[str, float]]:
    token = store.merged_version()
    with _lock:
        kept = _kept.get(store.url)
    if kept is not None and kept[0] == token:
        return kept[1], kept[2]
    items, confidence = _compute(store)
    with _lock:
        _kept[store.url] = (token, items, confidence)
    return items, confidence


def review_queue(store, *, limit: int | None = 100, problem: str | None = None) -> dict[str, Any]:
    """``{"items", "total", "counts"}``: the doubts, most important first; ``problem`` keeps one kind."""
    if limit is not None and not 1 <= limit <= MAX_REVIEW_LIMIT:
        raise InvalidRequest(f"limit must be 1 to {MAX_REVIEW_LIMIT}, got {limit}")
    if problem is not None and problem not in WEIGHTS:
        raise InvalidRequest(f"problem must be one of {', '.join(WEIGHTS)}, got {problem!r}")
    items, _ = _queue(store)
    counts = Counter(i["problem"] for i in items)
    if problem:
        items = [i for i in items if i["problem"] == problem]
    return {"items": items[:limit] if limit else list(items), "total": len(items),
            "counts": {p: counts[p] for p in WEIGHTS if counts[p]}}


def confidence_of(store, record_id: str) -> float | None:
    """A merged record's confidence (None for an id the last rebuild did not make)."""
    return _queue(store)[1].get(record_id)


def forget_review(store=None) -> None:
    with _lock:
        if store is None:
            _kept.clear()
        else:
            _kept.pop(store.url, None)
