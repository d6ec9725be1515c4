"""The quality gate: the project's own eval on the dev corpora, checked against shared score.py.

Minimum scores are pinned here; raise them as the extractor improves, never lower them
silently (say why in the commit that does).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import DEV, require_shared

MINIMUM_SCORE = {"seeds": 0.80, "whitehouse": 0.70}


@pytest.fixture(scope="module", params=sorted(MINIMUM_SCORE))
def evaluated(request, tmp_path_factory):
    require_shared()
    from swapwatch.evaluate import evaluate_corpus

    corpus = DEV / request.param
    result = evaluate_corpus(corpus)
    export_path = tmp_path_factory.mktemp(request.param) / "export.json"
    export_path.write_text(json.dumps(result.export), encoding="utf-8")
    return request.param, corpus, result, export_path


def test_eval_matches_shared_scorer(evaluated):
    name, corpus, result, export_path = evaluated
    done = subprocess.run([sys.executable, str(DEV.parent / "score.py"), str(corpus / "gold.json"),
                           str(export_path), "--json"], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == json.loads(json.dumps(result.metrics))


def test_score_at_least_pinned_minimum(evaluated):
    name, _, result, _ = evaluated
    assert result.metrics["score"] >= MINIMUM_SCORE[name], json.dumps(result.metrics, indent=1)


def test_no_false_detainees(evaluated):
    _, _, result, _ = evaluated
    assert result.metrics["false_detainees"] == []


def test_every_article_ingested(evaluated):
    _, _, result, _ = evaluated
    assert result.failed == 0
