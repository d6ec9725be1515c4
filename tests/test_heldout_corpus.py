"""The held-out evaluation corpus (examples/eval/heldout): well-formed, gold in the FORMAT.md
shape, gold scores 1.0 against itself, and a measured floor for the extractor on it.

The corpus is written for this repository, so these tests need nothing from ../shared except
the cross-checks against the shared scorer and the dev corpora, which skip when it is absent.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, require_shared

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "eval" / "heldout"
ARTICLES = CORPUS / "articles"

STATUSES = {"detained", "released", "exchanged", "died_in_custody"}
KINDS = {"swap", "unilateral_release", "pow_exchange", "hostage_prisoner_exchange"}
PRECISIONS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
CATEGORIES = {"journalist", "politician", "activist", "human_rights", "academic", "artist", "spy",
              "military", "pow", "hacker", "criminal", "businessperson", "athlete", "teacher",
              "civilian", "other"}
SIDECAR_KEYS = {"title", "url", "outlet", "published", "language"}


def _load(name: str):
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def _stems() -> list[str]:
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


GOLD = _load("gold.json")
LABELS = _load("labels.json")


# ------------------------------------------------------------------ layout

def test_enough_articles_and_hard_negatives():
    assert len(_stems()) >= 18
    irrelevant = [s for s, rel in LABELS["relevant"].items() if rel is False]
    assert len(irrelevant) >= 4, irrelevant


def test_exactly_one_article_has_no_sidecar():
    missing = [s for s in _stems() if not (ARTICLES / f"{s}.json").is_file()]
    assert len(missing) == 1, missing


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
    assert 200 <= len(text.split()) <= 700


def test_labels_cover_every_article_with_the_dev_definition():
    assert set(LABELS["relevant"]) == set(_stems())
    assert all(isinstance(v, bool) for v in LABELS["relevant"].values())
    assert LABELS["definition"].startswith("An article is relevant when")


def test_labels_definition_is_the_dev_one():
    require_shared()
    dev = json.loads((DEV / "seeds" / "labels.json").read_text(encoding="utf-8"))
    assert LABELS["definition"] == dev["definition"]


# ------------------------------------------------------------------ gold shape

def _check_date(value: str, precision: str) -> None:
    assert precision in PRECISIONS
    assert re.fullmatch(PRECISIONS[precision], value), (value, precision)


@pytest.mark.parametrize("exchange", GOLD["exchanges"], ids=lambda e: e["id"])
def test_gold_exchange_shape(exchange: dict):
    assert {"id", "date", "date_precision", "kind", "location", "mediators", "total", "sides",
            "articles"} <= set(exchange)
    _check_date(exchange["date"], exchange["date_precision"])
    assert exchange["kind"] in KINDS
    assert exchange["location"] is None or set(exchange["location"]) == {"city", "country"}
    assert isinstance(exchange["mediators"], list)
    assert exchange["total"] is None or exchange["total"] > 0
    assert exchange["sides"], "an exchange has at least one side"
    for side in exchange["sides"]:
        assert set(side) == {"released_by", "received_by", "count", "persons"}
        assert side["count"] is None or side["count"] > 0
        if side["count"] is not None and exchange["total"] is not None:
            assert side["count"] <= exchange["total"]
    assert exchange["articles"] and set(exchange["articles"]) <= set(_stems())
    assert exchange.get("notes"), "every gold exchange explains its judgement calls"


@pytest.mark.parametrize("person", GOLD["persons"], ids=lambda p: p["name"])
def test_gold_person_shape(person: dict):
    assert {"name", "aliases", "status", "held_by", "category", "charges", "sentence"} <= set(person)
    assert person["status"] in STATUSES
    assert person["category"] and set(person["category"]) <= CATEGORIES
    assert isinstance(person["aliases"], list) and person["name"] not in person["aliases"]
    assert isinstance(person["charges"], list)


def test_gold_ids_and_names_unique():
    ids = [e["id"] for e in GOLD["exchanges"]]
    names = [p["name"] for p in GOLD["persons"]]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))
    assert len(GOLD["not_detainees"]) == len(set(GOLD["not_detainees"]))


def test_side_persons_are_gold_persons_with_a_done_status():
    by_name = {p["name"]: p for p in GOLD["persons"]}
    for exchange in GOLD["exchanges"]:
        for side in exchange["sides"]:
            for name in side["persons"]:
                assert name in by_name, name
                assert by_name[name]["status"] in {"released", "exchanged"}, name


def test_every_gold_name_occurs_in_the_texts():
    """Gold records what the articles say: each name and each not_detainee is in some text
    (aliases may add accent-free or transliterated forms)."""
    corpus_text = "\n".join((ARTICLES / f"{s}.txt").read_text(encoding="utf-8") for s in _stems())
    missing = [p["name"] for p in GOLD["persons"] if p["name"] not in corpus_text]
    missing += [n for n in GOLD["not_detainees"] if n not in corpus_text]
    assert missing == []


def test_no_not_detainee_matches_a_gold_person():
    """Otherwise a correct prediction would be scored as the worst error."""
    from swapwatch.evaluate.scoring import name_matches, person_names

    clashes = [(n, p["name"]) for n in GOLD["not_detainees"] for p in GOLD["persons"]
               if name_matches(n, person_names(p))]
    assert clashes == []


def test_exchange_dates_not_after_the_latest_article():
    latest = max(json.loads(p.read_text(encoding="utf-8"))["published"] for p in ARTICLES.glob("*.json"))
    assert all(e["date"] <= latest for e in GOLD["exchanges"])


def test_irrelevant_articles_contribute_no_exchange():
    irrelevant = {s for s, rel in LABELS["relevant"].items() if not rel}
    assert not [e["id"] for e in GOLD["exchanges"] if irrelevant & set(e["articles"])]


# ------------------------------------------------------------------ gold against itself

def test_gold_scores_one_against_itself_with_the_project_scorer():
    from swapwatch.evaluate.scoring import score

    metrics = score(GOLD, GOLD)
    assert metrics["score"] == pytest.approx(1.0)
    assert metrics["false_detainees"] == []
    assert metrics["persons_found"]["found"] == len(GOLD["persons"])


def test_gold_scores_one_against_itself_with_shared_score_py():
    shared = require_shared()
    done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(CORPUS / "gold.json"),
                           str(CORPUS / "gold.json"), "--json"], capture_output=True, text=True, check=True)
    metrics = json.loads(done.stdout)
    assert metrics["score"] == pytest.approx(1.0)
    assert metrics["false_detainees"] == []


# ------------------------------------------------------------------ originality

def _shingles(text: str, n: int = 12) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_texts_share_no_long_passage_with_the_dev_corpora():
    """The texts are our own: no 12-word run in common with the shared dev articles."""
    require_shared()
    ours = set().union(*(_shingles((ARTICLES / f"{s}.txt").read_text(encoding="utf-8")) for s in _stems()))
    theirs = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in DEV.rglob("articles/*.txt")))
    assert not ours & theirs, sorted(ours & theirs)[:5]


# ------------------------------------------------------------------ measured floor

@pytest.fixture(scope="module")
def evaluated():
    from swapwatch.evaluate import evaluate_corpus

    return evaluate_corpus(CORPUS)


@pytest.mark.slow
def test_eval_ingests_every_article(evaluated):
    assert evaluated.failed == 0


@pytest.mark.slow
def test_eval_finds_no_false_detainees(evaluated):
    """The worst error: an official, lawyer, relative or analyst listed as a prisoner."""
    assert evaluated.metrics["false_detainees"] == []
