"""The quality gate: the project's own eval on the dev corpora, checked against shared score.py.

Minimum scores are pinned here; raise them as the extractor improves, never lower them
silently (say why in the commit that does).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pathlib import Path

from conftest import DEV, require_shared

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "eval"
CORPORA = {
    "seeds": DEV / "seeds",                 # development corpora: tuned on
    "whitehouse": DEV / "whitehouse",
    "rss-2022": DEV / "rss-2022",           # 60 real feed items each (headline and lede)
    "rss-2023a": DEV / "rss-2023a",
    "rss-2023b": DEV / "rss-2023b",
    "heldout": EXAMPLES / "heldout",        # original articles; tuned on since it was written
    "heldout2": EXAMPLES / "heldout2",      # blind: extractor authors do not read it
    "demo": EXAMPLES.parent,                # examples/articles with examples/gold.json (examples/NOTES.md)
    "swap2024": EXAMPLES / "swap2024",      # written 2026-12-07 and tuned on that day (v7), as are the next three
    "news2025": EXAMPLES / "news2025",
    "feeds2023": EXAMPLES / "feeds2023",
    "statements": EXAMPLES / "statements",
    "heldout3": EXAMPLES / "heldout3",      # blind until v10; tuned on since v11
    "heldout4": EXAMPLES / "heldout4",      # blind until v11; tuned on since v12 (heldout5 is blind)
}
# Pinned at the scores reached with extract.v3 (heldout: v6; heldout2 and the four corpora of 2026-12-07: v7;
# statements: v8; swap2024 and news2025: v9; rss-2023a, heldout, feeds2023, heldout4: v12; heldout3: v11)
# less a small margin: seeds 0.965, whitehouse 0.993, heldout 0.891, heldout2 0.719 (blind), demo 0.957 (gold
# written after the extractor, from the articles alone; what a new user sees first), rss-2022 0.879, rss-2023a
# 0.864, rss-2023b 1.000, swap2024 0.855 (0.871 at v11, one count right by accident), news2025 0.841, feeds2023
# 0.904, statements 0.879, heldout3 1.000 (tuned on since v11), heldout4 0.863 (blind at v11: 0.614; tuned on
# since v12). heldout5 (blind) is not pinned. The bars: each dev corpus >= 0.80, their mean >= 0.88, heldout2 >= 0.80, demo >= 0.95.
MINIMUM_SCORE = {"seeds": 0.95, "whitehouse": 0.97, "heldout": 0.88, "heldout2": 0.70, "demo": 0.94,
                 "rss-2022": 0.86, "rss-2023a": 0.85, "rss-2023b": 0.98, "swap2024": 0.85, "news2025": 0.82,
                 "feeds2023": 0.89, "statements": 0.86, "heldout3": 0.97,
                 "heldout4": 0.85}


@pytest.fixture(scope="module", params=sorted(MINIMUM_SCORE))
def evaluated(request, tmp_path_factory):
    require_shared()
    from swapwatch.evaluate import evaluate_corpus

    corpus = CORPORA[request.param]
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
