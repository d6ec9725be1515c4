"""The feeds2023 evaluation corpus (examples/eval/feeds2023): 45 late-2023 feed items (headline and a
short lede) from many invented outlets, about half of them hard negatives. Well-formed, gold in the
FORMAT.md shape, gold scores 1.0 against itself, and no long passage shared with other corpora.

Extraction scores are deliberately not asserted here: the corpus measures generalization. Only
the cross-checks against ../shared skip when that folder is absent.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, SHARED, require_shared
from gold_corpus import (SIDECAR_KEYS, check_exchange_shape, check_no_not_detainee_clash, check_person_shape,
                         check_scores_one_against_itself, check_side_persons_released, check_unique, shingles)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = EXAMPLES / "eval" / "feeds2023"
ARTICLES = CORPUS / "articles"


def _load(name: str):
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def _stems() -> list[str]:
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


def _text(stem: str) -> str:
    return (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")


def _meta(stem: str) -> dict:
    return json.loads((ARTICLES / f"{stem}.json").read_text(encoding="utf-8"))


GOLD = _load("gold.json")
LABELS = _load("labels.json")


# ------------------------------------------------------------------ layout

def test_forty_five_items_about_half_relevant():
    assert len(_stems()) == 45
    relevant = [s for s, rel in LABELS["relevant"].items() if rel]
    assert 18 <= len(relevant) <= 27, len(relevant)


def test_labels_cover_exactly_the_articles():
    assert sorted(LABELS["relevant"]) == _stems()


def test_every_article_has_a_sidecar_and_no_sidecar_is_orphaned():
    assert sorted(p.stem for p in ARTICLES.glob("*.json")) == _stems()


def test_many_outlets():
    assert len({_meta(s)["outlet"] for s in _stems()}) >= 10


@pytest.mark.parametrize("stem", _stems())
def test_sidecar_shape(stem: str):
    meta = _meta(stem)
    assert set(meta) == SIDECAR_KEYS
    assert date(2023, 1, 1) <= date.fromisoformat(meta["published"]) <= date(2023, 12, 31)
    assert meta["language"] == "en"
    assert meta["url"].startswith("https://") and ".example.org/" in meta["url"]
    assert meta["title"] == _text(stem).split("\n", 1)[0]


@pytest.mark.parametrize("stem", _stems())
def test_item_text_shape(stem: str):
    """A feed item: headline, blank line, a lede of one to six sentences."""
    headline, blank, body = _text(stem).split("\n", 2)
    assert headline.strip() and blank == ""
    sentences = [s for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", body.strip()) if s]
    assert 1 <= len(sentences) <= 6, sentences
    assert 15 <= len(body.split()) <= 130


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
    """Every word of every name occurs in one item ('Emma and Yuli Cunio' spells out Emma Cunio)."""
    texts = [_text(s) for s in _stems()]
    names = [p["name"] for p in GOLD["persons"]] + GOLD["not_detainees"] + GOLD["neutral_names"]["names"]
    missing = [n for n in names if not any(all(w in t for w in n.split()) for t in texts)]
    assert missing == []


def test_exchange_dates_not_after_their_articles():
    for e in GOLD["exchanges"]:
        assert all(e["date"] <= _meta(a)["published"] for a in e["articles"]), e["id"]


def test_irrelevant_articles_contribute_no_exchange():
    irrelevant = {s for s, rel in LABELS["relevant"].items() if not rel}
    assert not [e["id"] for e in GOLD["exchanges"] if irrelevant & set(e["articles"])]


def test_every_relevant_article_is_used_by_the_gold():
    """A relevant item reports an exchange, or names a person the gold records."""
    used = {a for e in GOLD["exchanges"] for a in e["articles"]}
    held = [p["name"] for p in GOLD["persons"]]
    for stem, relevant in LABELS["relevant"].items():
        if relevant:
            assert stem in used or any(n in _text(stem) for n in held), stem


def test_the_gaza_truce_is_one_record_per_day_from_several_items():
    truce = sorted((e for e in GOLD["exchanges"] if e["id"].startswith("2023-11-2") or e["id"].startswith("2023-11-30")),
                   key=lambda e: e["date"])
    assert [e["date"] for e in truce] == [f"2023-11-{d}" for d in range(24, 31)]
    assert all(e["kind"] == "hostage_prisoner_exchange" for e in truce)
    assert sum(len(e["articles"]) > 1 for e in truce) >= 4
    israel = [next(s["count"] for s in e["sides"] if s["released_by"] == "Israel") for e in truce]
    assert israel == [39, 39, 39, 33, 30, 30, 30]


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
