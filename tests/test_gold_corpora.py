"""What every gold file of the project's own evaluation corpora (examples/eval/*) must satisfy.

Checks particular to one corpus stay in its own test module (test_heldout_corpus.py, ...).
"""
from __future__ import annotations

from pathlib import Path

import pytest

import json

from conftest import DEV, SHARED, require_shared
from gold_corpus import (GoldCorpus, check_exchange_shape, check_no_not_detainee_clash, check_person_shape,
                         check_scores_one_against_itself, check_side_persons_released, check_unique)

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
