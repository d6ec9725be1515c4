"""Evaluation: ingest a corpus in the FORMAT.md layout into a throwaway database and score it."""
from __future__ import annotations

import json
import tempfile
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


def evaluate_corpus(corpus_dir: str | Path) -> EvalResult:
    from ..export import export_dict
    from ..service import ingest
    from ..store import open_store
    from .scoring import score

    corpus = Path(corpus_dir)
    gold_path, articles = corpus / "gold.json", corpus / "articles"
    if not gold_path.is_file() or not articles.is_dir():
        raise SwapwatchError(f"{corpus} is not an evaluation corpus: it needs gold.json and articles/",
                             code="bad_corpus", http_status=400)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="swapwatch-eval-") as tmp:
        settings = load_settings(str(Path(tmp) / "eval.sqlite"))
        store = open_store(settings.db_url)
        try:
            summary = ingest(store, [articles], settings)
            exported = export_dict(store.load_merged(), store.article_names())
        finally:
            store.close()
    return EvalResult(corpus=str(corpus), metrics=score(gold, exported), export=exported, failed=summary.failed)
