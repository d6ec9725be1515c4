"""The swap2024 evaluation corpus (examples/eval/swap2024): one invented outlet's coverage of the
Ankara prisoner exchange of 1 August 2024, before, on and after the day. Well-formed, gold in the
FORMAT.md shape, gold scores 1.0 against itself, and no long passage shared with other corpora.

Extraction scores are deliberately not asserted here: the corpus measures generalization. Only
the cross-checks against ../shared skip when that folder is absent.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, SHARED, require_shared
from gold_corpus import (SIDECAR_KEYS, check_exchange_shape, check_no_not_detainee_clash, check_person_shape,
                         check_scores_one_against_itself, check_side_persons_released, check_unique, shingles)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = EXAMPLES / "eval" / "swap2024"
ARTICLES = CORPUS / "articles"


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
    assert 18 <= len(_stems()) <= 22
    irrelevant = [s for s, rel in LABELS["relevant"].items() if rel is False]
    assert len(irrelevant) >= 4, irrelevant


def test_labels_cover_exactly_the_articles():
    assert sorted(LABELS["relevant"]) == _stems()


def test_every_article_has_a_sidecar_and_no_sidecar_is_orphaned():
    assert sorted(p.stem for p in ARTICLES.glob("*.json")) == _stems()


@pytest.mark.parametrize("stem", _stems())


def test_sidecar_shape(stem: str):
    meta = json.loads((ARTICLES / f"{stem}.json").read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    date.fromisoformat(meta["published"])
    assert meta["language"] == "en"
    assert meta["outlet"] == "Northline Wire"
    assert meta["url"].startswith("https://") and ".example.org/" in meta["url"]
    assert meta["title"] == _text(stem).split("\n", 1)[0]


@pytest.mark.parametrize("stem", _stems())


def test_article_text_shape(stem: str):
    headline, blank, _ = _text(stem).split("\n", 2)
    assert headline.strip() and blank == ""
    assert 200 <= len(_text(stem).split()) <= 500


# ------------------------------------------------------------------ gold shape

def test_gold_shape():
    stems = _stems()
    for exchange in GOLD["exchanges"]:
        check_exchange_shape(exchange, stems)
    for person in GOLD["persons"]:
        check_person_shape(person)
    check_unique(GOLD)
    check_side_persons_released(GOLD)


def test_no_not_detainee_matches_a_gold_person():
    check_no_not_detainee_clash(GOLD)


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
    """A relevant article reports an exchange, or names a person the gold records."""
    used = {a for e in GOLD["exchanges"] for a in e["articles"]}
    held = [p["name"] for p in GOLD["persons"]]
    for stem, relevant in LABELS["relevant"].items():
        if relevant:
            assert stem in used or any(n in _text(stem) for n in held), stem


def test_the_ankara_swap_is_one_exchange_with_a_side_per_releasing_country():
    ankara = [e for e in GOLD["exchanges"] if e["date"] == "2024-08-01"]
    assert len(ankara) == 1
    released_by = [s["released_by"] for s in ankara[0]["sides"]]
    assert len(released_by) == len(set(released_by))
    counts = {s["released_by"]: s["count"] for s in ankara[0]["sides"]}
    assert counts["Russia"] + counts["Belarus"] == 16
    assert sum(c for k, c in counts.items() if k not in {"Russia", "Belarus"}) == 8


# ------------------------------------------------------------------ gold against itself

def test_gold_scores_one_against_itself():
    check_scores_one_against_itself(CORPUS / "gold.json", SHARED if DEV.is_dir() else None)


# ------------------------------------------------------------------ original

def _ours() -> set[str]:
    return set().union(*(shingles(_text(s)) for s in _stems()))


def test_texts_share_no_long_passage_with_the_repository_corpora():
    theirs = [p for p in EXAMPLES.rglob("*.txt") if CORPUS not in p.parents]
    assert theirs, "the demo and the held-out articles are in the repository"
    shared = _ours() & set().union(*(shingles(p.read_text(encoding="utf-8")) for p in theirs))
    assert not shared, sorted(shared)[:5]


def test_texts_share_no_long_passage_with_the_dev_corpora():
    require_shared()
    theirs = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in DEV.rglob("articles/*.txt")))
    assert not _ours() & theirs, sorted(_ours() & theirs)[:5]
