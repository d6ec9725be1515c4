"""The official-statements evaluation corpus (examples/eval/statements): well-formed, gold in the FORMAT.md
shape, gold scores 1.0 against itself (the extractor's floor on it is in test_quality_gate.py).

The corpus is written for this repository, so these tests need nothing from ../shared except
the cross-checks against the shared scorer and the dev corpora, which skip when it is absent.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, require_shared
from gold_corpus import SIDECAR_KEYS, shingles

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "eval" / "statements"
ARTICLES = CORPUS / "articles"


def _load(name: str):
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def _stems() -> list[str]:
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


GOLD = _load("gold.json")
LABELS = _load("labels.json")


# ------------------------------------------------------------------ layout

def test_enough_articles_and_hard_negatives():
    assert len(_stems()) >= 15
    irrelevant = [s for s, rel in LABELS["relevant"].items() if rel is False]
    assert len(irrelevant) >= 4, irrelevant


def test_every_article_has_a_sidecar():
    missing = [s for s in _stems() if not (ARTICLES / f"{s}.json").is_file()]
    assert missing == []


def test_no_sidecar_without_article():
    orphans = [p.name for p in ARTICLES.glob("*.json") if not (ARTICLES / f"{p.stem}.txt").is_file()]
    assert orphans == []


@pytest.mark.parametrize("sidecar", sorted(ARTICLES.glob("*.json")), ids=lambda p: p.stem)


def test_sidecar_shape(sidecar: Path):
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    date.fromisoformat(meta["published"])
    assert meta["language"] == "en"
    assert meta["url"].startswith("https://") and ".example.org/" in meta["url"]
    headline = (ARTICLES / f"{sidecar.stem}.txt").read_text(encoding="utf-8").split("\n", 1)[0]
    assert meta["title"] == headline


@pytest.mark.parametrize("stem", _stems())


def test_article_text_shape(stem: str):
    text = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    headline, blank, _ = text.split("\n", 2)
    assert headline.strip() and blank == ""
    assert 100 <= len(text.split()) <= 700  # official statements are short


# ------------------------------------------------------------------ gold shape

def test_every_gold_name_occurs_in_the_texts():
    """Gold records what the articles say: each name and each not_detainee is in some text
    (aliases may add accent-free or transliterated forms)."""
    corpus_text = "\n".join((ARTICLES / f"{s}.txt").read_text(encoding="utf-8") for s in _stems())
    missing = [p["name"] for p in GOLD["persons"] if p["name"] not in corpus_text]
    missing += [n for n in GOLD["not_detainees"] if n not in corpus_text]
    assert missing == []


def test_exchange_dates_not_after_the_latest_article():
    latest = max(json.loads(p.read_text(encoding="utf-8"))["published"] for p in ARTICLES.glob("*.json"))
    assert all(e["date"] <= latest for e in GOLD["exchanges"])


def test_irrelevant_articles_contribute_no_exchange():
    irrelevant = {s for s, rel in LABELS["relevant"].items() if not rel}
    assert not [e["id"] for e in GOLD["exchanges"] if irrelevant & set(e["articles"])]


# ------------------------------------------------------------------ gold against itself

def test_gold_ids_exist_and_every_article_is_labelled():
    stems = set(_stems())
    assert set(LABELS["relevant"]) == stems
    assert all(set(e["articles"]) <= stems for e in GOLD["exchanges"])


def test_running_totals_are_not_side_counts():
    """The UAE's totals across mediations (1,788, 1,994, 2,184) are never a side count or total."""
    running = {1788, 1994, 2184}
    for e in GOLD["exchanges"]:
        assert e["total"] not in running
        assert not {s["count"] for s in e["sides"]} & running


def test_gold_scores_one_against_itself():
    require_shared()
    import subprocess, sys
    score = DEV.parent / "score.py"
    out = subprocess.run([sys.executable, str(score), str(CORPUS / "gold.json"), str(CORPUS / "gold.json")],
                         capture_output=True, text=True, check=True).stdout
    assert "score 1.000" in out and "false_detainees   0" in out, out

# ------------------------------------------------------------------ originality

def test_texts_share_no_long_passage_with_the_dev_corpora():
    """The texts are our own: no 12-word run in common with the shared dev articles."""
    require_shared()
    ours = set().union(*(shingles((ARTICLES / f"{s}.txt").read_text(encoding="utf-8")) for s in _stems()))
    theirs = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in DEV.rglob("articles/*.txt")))
    assert not ours & theirs, sorted(ours & theirs)[:5]
