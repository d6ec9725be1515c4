"""The second blind held-out corpus (examples/eval/heldout2): well-formed, gold in the FORMAT.md
shape, gold scores 1.0 against itself, and disjoint from the corpora the extractor was tuned on.

Extraction scores are deliberately not asserted here: the corpus measures generalization, and a
floor in a test would invite tuning against it. The corpus is written for this repository, so
only the cross-checks against ../shared skip when that folder is absent.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, require_shared
from gold_corpus import SIDECAR_KEYS, shingles

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = EXAMPLES / "eval" / "heldout2"
ARTICLES = CORPUS / "articles"
EARLIER = EXAMPLES / "eval" / "heldout"


def _load(name: str):
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def _stems() -> list[str]:
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


def _text(stem: str) -> str:
    return (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")


GOLD = _load("gold.json")
LABELS = _load("labels.json")


# ------------------------------------------------------------------ layout

def test_enough_articles_and_hard_negatives():
    assert 12 <= len(_stems()) <= 14
    irrelevant = [s for s, rel in LABELS["relevant"].items() if rel is False]
    assert len(irrelevant) >= 3, irrelevant


def test_every_article_has_a_sidecar_and_no_sidecar_is_orphaned():
    assert sorted(p.stem for p in ARTICLES.glob("*.json")) == _stems()


@pytest.mark.parametrize("stem", _stems())


def test_sidecar_shape(stem: str):
    meta = json.loads((ARTICLES / f"{stem}.json").read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    date.fromisoformat(meta["published"])
    assert meta["language"] == "en"
    assert meta["url"].startswith("https://") and ".example.org/" in meta["url"]
    assert meta["title"] == _text(stem).split("\n", 1)[0]


@pytest.mark.parametrize("stem", _stems())


def test_article_text_shape(stem: str):
    headline, blank, _ = _text(stem).split("\n", 2)
    assert headline.strip() and blank == ""
    assert 200 <= len(_text(stem).split()) <= 500


# ------------------------------------------------------------------ gold shape

def test_every_gold_name_occurs_in_the_texts():
    corpus_text = "\n".join(_text(s) for s in _stems())
    names = [p["name"] for p in GOLD["persons"]] + GOLD["not_detainees"] + GOLD["neutral_names"]["names"]
    assert [n for n in names if n not in corpus_text] == []


def test_exchange_dates_not_after_the_latest_article():
    latest = max(json.loads(p.read_text(encoding="utf-8"))["published"] for p in ARTICLES.glob("*.json"))
    assert all(e["date"] <= latest for e in GOLD["exchanges"])


def test_irrelevant_articles_contribute_no_exchange():
    irrelevant = {s for s, rel in LABELS["relevant"].items() if not rel}
    assert not [e["id"] for e in GOLD["exchanges"] if irrelevant & set(e["articles"])]


def test_every_relevant_article_is_used_by_the_gold():
    """A relevant article reports an exchange, or names a detainee the gold records."""
    used = {a for e in GOLD["exchanges"] for a in e["articles"]}
    held = [p["name"] for p in GOLD["persons"] if p["status"] == "detained"]
    for stem, relevant in LABELS["relevant"].items():
        if relevant:
            assert stem in used or any(n in _text(stem) for n in held), stem


# ------------------------------------------------------------------ gold against itself

# ------------------------------------------------------------------ blind and original

def test_no_exchange_date_repeats_the_earlier_heldout_corpus():
    """New events only: the first held-out corpus has been tuned on."""
    earlier = json.loads((EARLIER / "gold.json").read_text(encoding="utf-8"))
    assert not {e["date"] for e in GOLD["exchanges"]} & {e["date"] for e in earlier["exchanges"]}


def _ours() -> set[str]:
    return set().union(*(shingles(_text(s)) for s in _stems()))


def test_texts_share_no_long_passage_with_the_repository_corpora():
    theirs = [p for p in EXAMPLES.rglob("*.txt") if CORPUS not in p.parents]
    assert theirs, "the demo and first held-out articles are in the repository"
    shared = _ours() & set().union(*(shingles(p.read_text(encoding="utf-8")) for p in theirs))
    assert not shared, sorted(shared)[:5]


def test_texts_share_no_long_passage_with_the_dev_corpora():
    require_shared()
    theirs = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in DEV.rglob("articles/*.txt")))
    assert not _ours() & theirs, sorted(_ours() & theirs)[:5]
