"""What every gold file of the project's own evaluation corpora (examples/eval/*) must satisfy.

Checks particular to one corpus stay in its own test module (test_heldout_corpus.py, ...).
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, SHARED, require_shared
from gold_corpus import (SIDECAR_KEYS, GoldCorpus, check_exchange_shape, check_no_not_detainee_clash,
                         check_person_shape, check_scores_one_against_itself, check_side_persons_released,
                         check_unique, shingles)

EVAL = Path(__file__).resolve().parents[1] / "examples" / "eval"
CORPORA = {p.name: GoldCorpus(p) for p in sorted(EVAL.iterdir()) if (p / "gold.json").is_file()}


def _cases(kind: str):
    return [pytest.param(c, item, id=f"{name}:{item.get('id') or item.get('name')}")
            for name, c in CORPORA.items() for item in c.gold[kind]]


def test_the_corpora_are_found():
    assert {"heldout", "heldout2"} <= set(CORPORA)


@pytest.mark.parametrize("corpus, exchange", _cases("exchanges"))
def test_gold_exchange_shape(corpus: GoldCorpus, exchange: dict):
    check_exchange_shape(exchange, corpus.stems())


@pytest.mark.parametrize("corpus, person", _cases("persons"))
def test_gold_person_shape(corpus: GoldCorpus, person: dict):
    check_person_shape(person)


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_gold_ids_and_names_unique(corpus: GoldCorpus):
    check_unique(corpus.gold)


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_side_persons_are_gold_persons_with_a_done_status(corpus: GoldCorpus):
    check_side_persons_released(corpus.gold)


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_no_not_detainee_matches_a_gold_person(corpus: GoldCorpus):
    check_no_not_detainee_clash(corpus.gold)


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_gold_scores_one_against_itself(corpus: GoldCorpus):
    check_scores_one_against_itself(corpus.root / "gold.json", SHARED if SHARED.is_dir() else None)


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_labels_cover_every_article(corpus: GoldCorpus):
    assert set(corpus.labels["relevant"]) == set(corpus.stems())
    assert all(isinstance(v, bool) for v in corpus.labels["relevant"].values())
    assert corpus.labels["definition"].startswith("An article is relevant when")


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_labels_definition_is_the_dev_one(corpus: GoldCorpus):
    require_shared()
    dev = json.loads((DEV / "seeds" / "labels.json").read_text(encoding="utf-8"))
    assert corpus.labels["definition"] == dev["definition"]


# ------------------------------------------------------------------ articles and originality
# (one place for what the corpus modules of 2026-12-07 each repeated)

@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_sidecars_are_complete_and_none_is_orphaned(corpus: GoldCorpus):
    for sidecar in corpus.articles.glob("*.json"):
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        assert (corpus.articles / f"{sidecar.stem}.txt").is_file(), sidecar.name
        assert SIDECAR_KEYS <= set(meta), sidecar.name
        assert date.fromisoformat(meta["published"]), sidecar.name
        assert ".example.org/" in meta["url"] or meta["url"].startswith("https://example.org/"), sidecar.name


def _occurs(name: str, text: str) -> bool:
    """Verbatim, or in shared-surname coordination: 'the twins Gali and Ziv Berman' names Gali Berman."""
    if name in text:
        return True
    first, _, rest = name.partition(" ")
    return bool(rest) and re.search(rf"\b{re.escape(first)} and [A-Z]\w+ {re.escape(rest)}\b", text) is not None


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_every_gold_person_is_named_in_the_texts(corpus: GoldCorpus):
    text = "\n".join(corpus.text(s) for s in corpus.stems())
    missing = [p["name"] for p in corpus.gold["persons"]
               if not any(_occurs(n, text) for n in [p["name"], *p["aliases"]])]
    assert missing == []


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_irrelevant_articles_contribute_no_exchange(corpus: GoldCorpus):
    irrelevant = {s for s, relevant in corpus.labels["relevant"].items() if not relevant}
    assert [e["id"] for e in corpus.gold["exchanges"] if irrelevant & set(e["articles"])] == []


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_exchange_dates_not_after_their_articles(corpus: GoldCorpus):
    published = {p.stem: json.loads(p.read_text(encoding="utf-8"))["published"] for p in corpus.articles.glob("*.json")}
    for e in corpus.gold["exchanges"]:
        dated = [published[a] for a in e["articles"] if a in published]
        assert not dated or e["date"] <= max(dated), e["id"]


def _shingles_of(corpus_root: Path) -> set[str]:
    return set().union(*(shingles(p.read_text(encoding="utf-8")) for p in (corpus_root / "articles").glob("*.txt")))


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_texts_share_no_long_passage_with_the_other_corpora_in_the_repository(corpus: GoldCorpus):
    ours = _shingles_of(corpus.root)
    others = [c.root for c in CORPORA.values() if c is not corpus] + [EVAL.parent]     # and the demo
    shared = ours & set().union(*(_shingles_of(root) for root in others))
    assert not shared, sorted(shared)[:5]


@pytest.mark.parametrize("corpus", CORPORA.values(), ids=list(CORPORA))
def test_texts_share_no_long_passage_with_the_dev_corpora(corpus: GoldCorpus):
    require_shared()
    dev = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in DEV.rglob("articles/*.txt")))
    shared = _shingles_of(corpus.root) & dev
    assert not shared, sorted(shared)[:5]
