"""Relevance labels (a corpus's optional ``labels.json``) against the store's relevance decisions.

score.py does not read labels, so these figures have no shared counterpart: they measure the
relevance gate alone, which the extraction scores only show indirectly (a relevant article
judged irrelevant is never read; an irrelevant one judged relevant may yield false records).
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .scoring import ScoringError, precision_recall_f1

LABELS_FILE = "labels.json"


def load_labels(corpus: Path) -> dict[str, bool] | None:
    """``{article id: relevant}`` from ``<corpus>/labels.json``; None when the corpus has none."""
    path = corpus / LABELS_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        relevant = data["relevant"]
        if not isinstance(relevant, dict) or not all(isinstance(v, bool) for v in relevant.values()):
            raise TypeError("'relevant' must map article ids to true or false")
    except (ValueError, KeyError, TypeError) as e:
        raise ScoringError(f"{path}: not a labels file ({e})") from e
    return {str(k): v for k, v in relevant.items()}


def relevance_metrics(labels: Mapping[str, bool], decisions: Mapping[str, bool]) -> dict[str, Any]:
    """Precision, recall and F1 of the decisions over the labelled articles.

    Only labelled articles count. One with no stored decision (it failed to ingest, or its text
    is a copy of another article's, which is stored once under the first name) counts as judged
    not relevant: it was not read by the extractor either way."""
    tp = sum(1 for a, gold in labels.items() if gold and decisions.get(a, False))
    fp = sum(1 for a, gold in labels.items() if not gold and decisions.get(a, False))
    fn = sum(1 for a, gold in labels.items() if gold and not decisions.get(a, False))
    precision, recall, f1 = precision_recall_f1(tp, tp + fp, tp + fn)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def format_relevance(relevance: Mapping[str, Any] | None) -> str:
    """One line in the style of the score.py report."""
    if relevance is None:
        return f"{'relevance':17} n/a (no {LABELS_FILE})"
    r = relevance
    return (f"{'relevance':17} P={r['precision']:.2f} R={r['recall']:.2f} F1={r['f1']:.2f}  "
            f"(tp={r['tp']}, fp={r['fp']}, fn={r['fn']})")
