"""Checks shared by the tests of the project's own evaluation corpora (examples/eval/*).

Each corpus test module keeps what is particular to its corpus; what every gold file in
the FORMAT.md layout must satisfy lives here once.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from swapwatch.model import CATEGORIES, KINDS, STATUSES

PRECISION_PATTERNS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
SIDECAR_KEYS = {"title", "url", "outlet", "published", "language"}


class GoldCorpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.articles = root / "articles"
        self.gold = self.load("gold.json")
        self.labels = self.load("labels.json")

    def load(self, name: str):
        return json.loads((self.root / name).read_text(encoding="utf-8"))

    def stems(self) -> list[str]:
        return sorted(p.stem for p in self.articles.glob("*.txt"))

    def text(self, stem: str) -> str:
        return (self.articles / f"{stem}.txt").read_text(encoding="utf-8")


def check_exchange_shape(exchange: dict, stems: list[str]) -> None:
    assert {"id", "date", "date_precision", "kind", "location", "mediators", "total", "sides",
            "articles", "notes"} <= set(exchange), "every gold exchange explains its judgement calls"
    assert re.fullmatch(PRECISION_PATTERNS[exchange["date_precision"]], exchange["date"])
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
    assert exchange["articles"] and set(exchange["articles"]) <= set(stems)


def check_person_shape(person: dict) -> None:
    assert {"name", "aliases", "status", "held_by", "category", "charges", "sentence"} <= set(person)
    assert person["status"] in STATUSES
    assert person["category"] and set(person["category"]) <= set(CATEGORIES)
    assert isinstance(person["aliases"], list) and person["name"] not in person["aliases"]
    assert isinstance(person["charges"], list)


def check_unique(gold: dict) -> None:
    ids = [e["id"] for e in gold["exchanges"]]
    names = [p["name"] for p in gold["persons"]]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))
    assert len(gold["not_detainees"]) == len(set(gold["not_detainees"]))


def check_side_persons_released(gold: dict) -> None:
    by_name = {p["name"]: p for p in gold["persons"]}
    for exchange in gold["exchanges"]:
        for side in exchange["sides"]:
            for name in side["persons"]:
                assert name in by_name, name
                assert by_name[name]["status"] in {"released", "exchanged"}, name


def check_no_not_detainee_clash(gold: dict) -> None:
    """Otherwise a correct prediction would be scored as the worst error."""
    from swapwatch.evaluate.scoring import name_matches, person_names

    clashes = [(n, p["name"]) for n in gold["not_detainees"] for p in gold["persons"]
               if name_matches(n, person_names(p))]
    assert clashes == []


def check_scores_one_against_itself(gold_path: Path, shared: Path | None) -> None:
    """With the project's scorer, and with shared score.py when ../shared is there."""
    from swapwatch.evaluate.scoring import score

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ours = score(gold, gold)
    assert ours["score"] == pytest.approx(1.0) and ours["false_detainees"] == []
    assert ours["persons_found"]["found"] == len(gold["persons"])
    if shared is not None:
        done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold_path), str(gold_path),
                               "--json"], capture_output=True, text=True, check=True)
        theirs = json.loads(done.stdout)
        assert theirs["score"] == pytest.approx(1.0) and theirs["false_detainees"] == []


def shingles(text: str, n: int = 12) -> set[str]:
    """Runs of n words: two texts sharing one share a copied passage."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}
