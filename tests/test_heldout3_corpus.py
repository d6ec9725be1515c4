"""The third blind held-out corpus (examples/eval/heldout3): well-formed, gold in the FORMAT.md
shape, gold scores 1.0 against itself, and disjoint from every other corpus.

Extraction scores are deliberately not asserted here: the corpus measures generalization, and a
floor in a test would invite tuning against it. The corpus is written for this repository, so
only the cross-checks against ../shared skip when that folder is absent.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, require_shared
from gold_corpus import SIDECAR_KEYS, shingles

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = EXAMPLES / "eval" / "heldout3"
ARTICLES = CORPUS / "articles"
SCORE = DEV.parent / "score.py"


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
    assert len(_stems()) == 18
    assert sorted(LABELS["relevant"]) == _stems()
    irrelevant = [s for s, rel in LABELS["relevant"].items() if rel is False]
    assert len(irrelevant) >= 5, irrelevant


def test_every_article_has_a_sidecar_and_no_sidecar_is_orphaned():
    assert sorted(p.stem for p in ARTICLES.glob("*.json")) == _stems()


@pytest.mark.parametrize("stem", _stems())
def test_sidecar_shape(stem: str):
    meta = json.loads((ARTICLES / f"{stem}.json").read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    published = date.fromisoformat(meta["published"])
    assert date(2024, 1, 1) <= published <= date(2026, 12, 31)
    assert meta["language"] == "en"
    assert meta["url"].startswith("https://") and ".example.org/" in meta["url"]
    assert meta["title"] == _text(stem).split("\n", 1)[0]


@pytest.mark.parametrize("stem", _stems())
def test_article_text_shape(stem: str):
    """Headline, blank line, body; briefs of a few sentences up to full reports of 500 words."""
    headline, blank, _ = _text(stem).split("\n", 2)
    assert headline.strip() and blank == ""
    assert 40 <= len(_text(stem).split()) <= 500


# ------------------------------------------------------------------ gold shape

def test_every_gold_article_id_exists():
    used = {a for e in GOLD["exchanges"] for a in e["articles"]}
    assert used <= set(_stems())


def test_every_gold_name_occurs_in_the_texts():
    corpus_text = "\n".join(_text(s) for s in _stems())
    names = [p["name"] for p in GOLD["persons"]] + GOLD["not_detainees"] + GOLD["neutral_names"]["names"]
    names += [a for p in GOLD["persons"] for a in p["aliases"]]
    assert [n for n in names if n not in corpus_text] == []


def test_no_name_is_both_detainee_and_not_detainee():
    held = {p["name"] for p in GOLD["persons"]} | {a for p in GOLD["persons"] for a in p["aliases"]}
    assert not held & set(GOLD["not_detainees"])


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

def test_gold_scores_one_against_itself():
    require_shared()
    gold = str(CORPUS / "gold.json")
    out = subprocess.run([sys.executable, str(SCORE), gold, gold], capture_output=True, text=True, check=True).stdout
    assert "score 1.000" in out and "false_detainees   0" in out, out


# ------------------------------------------------------------------ blind and original

def _parties(e: dict) -> set[str]:
    return {s[k] for s in e["sides"] for k in ("released_by", "received_by") if s[k]}


def _same_event(a: dict, b: dict) -> bool:
    """The score.py matching rule: dates agree at the coarser precision and a party is shared."""
    n = min(len(a["date"]), len(b["date"]))
    if len(a["date"]) == len(b["date"]) == 10:
        close = abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days) <= 2
    else:
        close = a["date"][:n] == b["date"][:n]
    return close and bool(_parties(a) & _parties(b))


def _other_golds() -> list[Path]:
    golds = [p for p in (EXAMPLES / "eval").glob("*/gold.json") if p.parent != CORPUS]
    if DEV.is_dir():
        golds += sorted(DEV.glob("*/gold.json"))
    return golds


def test_no_exchange_repeats_another_corpus():
    """New events only: every other corpus has been read, tuned on, or scored."""
    clashes = []
    for path in _other_golds():
        for theirs in json.loads(path.read_text(encoding="utf-8"))["exchanges"]:
            for ours in GOLD["exchanges"]:
                if ours["id"] == theirs["id"] or _same_event(ours, theirs):
                    clashes.append((ours["id"], path.parent.name, theirs["id"]))
    assert clashes == []


def _ours() -> set[str]:
    return set().union(*(shingles(_text(s)) for s in _stems()))


def test_texts_share_no_long_passage_with_the_repository_corpora():
    theirs = [p for p in EXAMPLES.rglob("*.txt") if CORPUS not in p.parents]
    assert theirs, "the demo and earlier held-out articles are in the repository"
    shared = _ours() & set().union(*(shingles(p.read_text(encoding="utf-8")) for p in theirs))
    assert not shared, sorted(shared)[:5]


def test_texts_share_no_long_passage_with_the_dev_corpora():
    require_shared()
    theirs = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in DEV.rglob("articles/*.txt")))
    assert not _ours() & theirs, sorted(_ours() & theirs)[:5]
