"""Evaluation: ingest a corpus in the FORMAT.md layout into a throwaway database and score it."""
from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SwapwatchError
from ..settings import load_settings


@dataclass
class EvalResult:
    corpus: str
    metrics: dict[str, Any]      # the same keys and figures as shared/eval/score.py --json
    export: dict[str, Any]       # what was scored
    failed: int                  # inputs that could not be ingested
    # precision/recall/F1 (and tp/fp/fn) of the stored relevance decisions against the
    # corpus's labels.json (evaluate/labels.py); None for a corpus without labels
    relevance: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        """The corpus folder's name, as reports and export file names show it."""
        path = Path(self.corpus)
        return path.name or path.resolve().name


def check_corpus(corpus_dir: str | Path) -> Path:
    """The corpus folder, or a clear error when it lacks gold.json or articles/."""
    corpus = Path(corpus_dir)
    if not (corpus / "gold.json").is_file() or not (corpus / "articles").is_dir():
        raise SwapwatchError(f"{corpus} is not an evaluation corpus: it needs gold.json and articles/",
                             code="bad_corpus", http_status=400)
    return corpus


def evaluate_corpus(corpus_dir: str | Path) -> EvalResult:
    from ..export import export_dict
    from ..service import ingest
    from ..store import open_store
    from .labels import load_labels, relevance_metrics
    from .scoring import score

    corpus = check_corpus(corpus_dir)
    articles = corpus / "articles"
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    labels = load_labels(corpus)
    with tempfile.TemporaryDirectory(prefix="swapwatch-eval-") as tmp:
        settings = load_settings(str(Path(tmp) / "eval.sqlite"))
        store = open_store(settings.db_url)
        try:
            summary = ingest(store, [articles], settings)
            exported = export_dict(store.load_merged(), store.article_names())
            # The same decision `swapwatch articles` lists, keyed by name (the file stem, as in labels.json).
            decisions = {row["name"] or row["id"]: bool(row["relevant"]) for row in store.articles()}
        finally:
            store.close()
    return EvalResult(corpus=str(corpus), metrics=score(gold, exported), export=exported, failed=summary.failed,
                      relevance=relevance_metrics(labels, decisions) if labels is not None else None)


def evaluate_corpora(corpus_dirs: Iterable[str | Path]) -> list[EvalResult]:
    """Each corpus in its own throwaway database, one after the other. Every folder is
    checked before the first ingest, so a mistyped path fails at once rather than after
    minutes of work."""
    corpora = [check_corpus(c) for c in corpus_dirs]
    return [evaluate_corpus(c) for c in corpora]


def mean_score(results: Sequence[EvalResult]) -> float | None:
    """The unweighted mean of the corpora's scores: each corpus counts once, whatever its size."""
    return sum(r.metrics["score"] for r in results) / len(results) if results else None


def export_paths(results: Sequence[EvalResult], folder: Path) -> list[Path]:
    """``<folder>/<corpus name>.export.json`` for each result; a name met twice gets -2, -3, ..."""
    seen: dict[str, int] = {}
    paths = []
    for r in results:
        seen[r.name] = seen.get(r.name, 0) + 1
        stem = r.name if seen[r.name] == 1 else f"{r.name}-{seen[r.name]}"
        paths.append(folder / f"{stem}.export.json")
    return paths


def write_exports(results: Sequence[EvalResult], out: Path) -> list[Path]:
    """Write what was scored: to the file ``out`` for one corpus (unless ``out`` is an existing
    folder), else into the folder ``out`` as ``<corpus name>.export.json``. Returns the paths."""
    if len(results) == 1 and not out.is_dir():
        paths = [out]
    else:
        paths = export_paths(results, out)
    for result, path in zip(results, paths):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result.export, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return paths
