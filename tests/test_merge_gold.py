"""Round trip through the shared gold files: split each gold record back into per-article
mentions (with spelling variants and plain "released" statuses), merge them, and score the
result with the shared scorer. Merging must rebuild the gold without loss.

The gold files are read at run time from ../shared beside the checkout; nothing is copied.
"""
from __future__ import annotations

import importlib.util
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

from swapwatch.merge import merge
from swapwatch.model import ArticleExtraction, Evidence, ExchangeMention, PersonMention, SideMention

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = SHARED / "eval"
CORPORA = ["seeds", "whitehouse"]

pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(),
                                reason=f"shared evaluation data not found at {EVAL}")


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _variant(person: dict, k: int) -> str:
    """The k-th multi-word spelling of a gold person (cycling), to exercise name clustering."""
    forms = [person["name"]] + [a for a in person.get("aliases", []) if len(a.split()) >= 2]
    return forms[k % len(forms)]


def _ev(article: str, field: str) -> list[Evidence]:
    return [Evidence(article, 0, 1, "(gold round trip)", "swapwatch.test.v1", field)]


def gold_to_extractions(gold: dict, coarse: bool = False, partial: bool = False
                        ) -> tuple[list[ArticleExtraction], dict[str, date | None]]:
    """Per-article mentions of the gold records.

    ``coarse``: later articles only recall the month. ``partial``: later articles name no
    receiver, give no counts and call people by surname only.
    """
    by_name = {p["name"]: p for p in gold["persons"]}
    arts: dict[str, ArticleExtraction] = {}
    published: dict[str, date | None] = {}

    def article(aid: str) -> ArticleExtraction:
        return arts.setdefault(aid, ArticleExtraction(aid, "gold"))

    on_side: set[str] = set()
    for x in gold["exchanges"]:
        for k, aid in enumerate(sorted(x["articles"])):
            ex = article(aid)
            if x["date_precision"] == "day":
                published.setdefault(aid, date.fromisoformat(x["date"]))
            sides = []
            for s in x["sides"]:
                names = []
                for n in s["persons"]:
                    p = by_name[n]
                    v = _variant(p, k).split()[-1] if partial and k > 0 else _variant(p, k)
                    names.append(v)
                    on_side.add(n)
                    if all(pm.name != v for pm in ex.persons):
                        ex.persons.append(PersonMention(
                            name=v, aliases=[v.split()[-1]] if len(v.split()) > 1 else [],
                            status="detained" if p["status"] == "detained" else "released", held_by=p.get("held_by"),
                            category=list(p.get("category", [])[:1]), charges=list(p.get("charges", [])),
                            sentence=p.get("sentence"), evidence=_ev(aid, "status")))
                cut = partial and k > 0
                sides.append(SideMention(s["released_by"], None if cut else s["received_by"],
                                         None if cut else s["count"], names, _ev(aid, "count")))
            recall = coarse and k > 0 and x["date_precision"] == "day"
            ex.exchanges.append(ExchangeMention(
                date=x["date"][:7] if recall else x["date"], date_precision="month" if recall else x["date_precision"],
                background=recall, kind=x["kind"], location=x["location"],
                mediators=list(x["mediators"]), total=x["total"], sides=sides, evidence=_ev(aid, "date")))
    for i, p in enumerate(gold["persons"]):
        if p["name"] not in on_side:
            aid = f"zz-person-{i:03d}"
            article(aid).persons.append(PersonMention(
                name=_variant(p, i), status=p["status"], held_by=p.get("held_by"), evidence=_ev(aid, "status")))
            published[aid] = date(2099, 1, 1) if p["status"] == "detained" else None
    article("zz-officials").not_detainees.extend(gold.get("not_detainees", []))
    published.setdefault("zz-officials", None)
    return list(arts.values()), published


def export(records) -> dict:
    d = asdict(records)
    return {"exchanges": d["exchanges"], "persons": d["persons"]}


def _gold(corpus: str) -> dict:
    path = EVAL / "dev" / corpus / "gold.json"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("mode", [{}, {"coarse": True}, {"partial": True}, {"coarse": True, "partial": True}],
                         ids=["news", "recalled", "partial", "recalled-partial"])
@pytest.mark.parametrize("corpus", CORPORA)
def test_gold_round_trip_scores_perfectly(corpus, mode):
    gold = _gold(corpus)
    extractions, published = gold_to_extractions(gold, **mode)
    res = _scorer().score(gold, export(merge(extractions, published)))
    assert res["false_detainees"] == []
    assert res["exchanges"]["f1"] == 1.0, res["exchanges"]
    assert res["released_persons"]["f1"] == 1.0, res["released_persons"]
    assert res["counts"]["accuracy"] == 1.0
    assert res["dates"]["accuracy"] == 1.0
    assert res["person_status"]["accuracy"] == 1.0, res["person_status"]
    assert res["persons_found"]["found"] == res["persons_found"]["total"]


@pytest.mark.parametrize("corpus", CORPORA)
def test_gold_round_trip_is_order_independent(corpus):
    extractions, published = gold_to_extractions(_gold(corpus))
    forward = export(merge(extractions, published))
    assert export(merge(list(reversed(extractions)), published)) == forward
    assert len({x["id"] for x in forward["exchanges"]}) == len(forward["exchanges"])
    assert len({p["id"] for p in forward["persons"]}) == len(forward["persons"])
