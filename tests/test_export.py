"""Export: the FORMAT.md shape, byte-for-byte determinism, CSV files safe to open in a spreadsheet."""
from __future__ import annotations

import copy
import csv
import importlib.util
import json
import random
from pathlib import Path

import pytest

from conftest import require_shared
from swapwatch.export import (EXCHANGE_COLUMNS, PERSON_COLUMNS, SIDE_COLUMNS, export_csv, export_dict, export_json,
                              safe_cell)
from swapwatch.model import Article, Conflict, Evidence, Exchange, MergedRecords, Person, Side
from swapwatch.store import open_store
from test_store import RELEVANT, sample_records

NAMES = {"art-a": "001_alpha", "art-b": "002_bravo", "art-c": "003_charlie"}
GOLD_EXCHANGE_FIELDS = {"id", "date", "date_precision", "kind", "location", "mediators", "total", "sides", "articles"}
GOLD_PERSON_FIELDS = {"name", "aliases", "status", "held_by", "category", "charges", "sentence"}


def shuffled(records: MergedRecords, seed: int) -> MergedRecords:
    """The same records with every list whose order carries no meaning reordered."""
    rng = random.Random(seed)
    out = copy.deepcopy(records)
    for lst in (out.exchanges, out.persons):
        rng.shuffle(lst)
    for x in out.exchanges:
        for lst in (x.mediators, x.articles, x.evidence, *(s.evidence for s in x.sides)):
            rng.shuffle(lst)
    for p in out.persons:
        for lst in (p.aliases, p.articles, p.evidence, p.conflicts):
            rng.shuffle(lst)
    return out


def test_export_has_the_gold_field_names():
    data = export_dict(sample_records(), NAMES)
    assert set(data) == {"exchanges", "persons"}
    for x in data["exchanges"]:
        assert GOLD_EXCHANGE_FIELDS | {"evidence", "conflicts"} == set(x)
        for side in x["sides"]:
            assert {"released_by", "received_by", "count", "persons"} <= set(side)
    for p in data["persons"]:
        assert GOLD_PERSON_FIELDS <= set(p)
        assert {"id", "status_date", "nationality", "role", "articles", "history", "evidence", "conflicts"} <= set(p)


def test_export_values():
    data = export_dict(sample_records(), NAMES)
    swap = data["exchanges"][1]
    assert [x["id"] for x in data["exchanges"]] == ["2022-11-release-dusek", "2023-05-02-ilic-brandt"]
    assert swap["articles"] == ["001_alpha", "002_bravo"]                    # names, sorted
    assert swap["mediators"] == ["Oman", "Turkey"]
    assert swap["location"] == {"city": "Ankara", "country": "Turkey"}
    assert [s["released_by"] for s in swap["sides"]] == ["Belarus", "Germany"]  # merge order kept
    assert swap["sides"][0]["persons"] == ["Ana Ilić", "Tomás Brandt"]
    assert swap["sides"][0]["evidence"][0]["article"] == "002_bravo"
    assert swap["evidence"][0] == {"field": "date", "article": "001_alpha", "start": 0,
                                   "end": len("On May 2 the exchange took place."),
                                   "sentence": "On May 2 the exchange took place.", "extractor": "swapwatch.dates.v1"}
    assert swap["conflicts"] == [{"field": "total", "values": [{"value": 3, "articles": ["001_alpha"]},
                                                               {"value": 4, "articles": ["002_bravo"]}]}]
    ilic = data["persons"][0]
    assert [p["name"] for p in data["persons"]] == ["Ana Ilić", "Jiří Dušek", "Oleg Varnavin"]
    assert ilic["aliases"] == ["A. Ilich", "Ana Ilic"]
    assert ilic["history"] == [{"status": "detained", "date": "2021-03", "article": "001_alpha"},
                               {"status": "exchanged", "date": "2023-05-02", "article": "002_bravo"}]


def test_unknown_article_ids_pass_through():
    data = export_dict(sample_records(), {})
    assert data["exchanges"][0]["articles"] == ["art-c"]


def test_undated_exchange_sorts_last():
    records = sample_records()
    records.exchanges[0].date = None
    assert [x["id"] for x in export_dict(records, NAMES)["exchanges"]][-1] == "2023-05-02-ilic-brandt"


@pytest.mark.parametrize("seed", range(6))
def test_json_is_deterministic(seed: int):
    assert export_json(shuffled(sample_records(), seed), NAMES) == export_json(sample_records(), NAMES)


def test_json_text_form():
    text = export_json(sample_records(), NAMES)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "Jiří Dušek" in text                          # not \u-escaped
    assert text.startswith('{\n  "exchanges": [\n')
    assert json.loads(text) == export_dict(sample_records(), NAMES)


def test_evidence_sorted_by_article_start_field():
    def e(article: str, start: int, field: str) -> Evidence:
        return Evidence(article, start, start + 3, "x.", "swapwatch.test.v1", field)

    person = copy.deepcopy(sample_records().persons[1])
    person.evidence = [e("b", 1, "status"), e("a", 9, "role"), e("a", 2, "status"), e("a", 2, "charges")]
    got = export_dict(MergedRecords(persons=[person]), {})["persons"][0]["evidence"]
    assert [(g["article"], g["start"], g["field"]) for g in got] == [
        ("a", 2, "charges"), ("a", 2, "status"), ("a", 9, "role"), ("b", 1, "status")]


def test_store_round_trip_exports_the_same_bytes(db_url: str):
    with open_store(db_url) as s:
        s.add_articles([(Article(id=article_id, text=f"text of {name}", name=name), RELEVANT)
                        for article_id, name in NAMES.items()])
        s.replace_merged(shuffled(sample_records(), 3))
        assert export_json(s.load_merged(), s.article_names()) == export_json(sample_records(), NAMES)


def _load_shared_scorer():
    path = require_shared() / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shared_scorer_reads_the_export_as_a_perfect_match():
    scorer = _load_shared_scorer()
    data = export_dict(sample_records(), NAMES)
    gold = {
        "exchanges": [{k: x[k] for k in GOLD_EXCHANGE_FIELDS}
                      | {"sides": [{k: s[k] for k in ("released_by", "received_by", "count", "persons")}
                                   for s in x["sides"]]} for x in data["exchanges"]],
        "persons": [{k: p[k] for k in GOLD_PERSON_FIELDS} for p in data["persons"]],
        "not_detainees": ["Hal Pemberton"],
    }
    result = scorer.score(gold, json.loads(export_json(sample_records(), NAMES)))
    assert result["score"] == 1.0
    assert result["exchanges"]["matched"] == 2 and result["persons_found"]["found"] == 3
    assert result["false_detainees"] == []


# -- CSV ------------------------------------------------------------------------------

def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_files_and_rows(tmp_path: Path):
    paths = export_csv(sample_records(), NAMES, tmp_path / "out")
    assert [p.name for p in paths] == ["exchanges.csv", "sides.csv", "persons.csv", "evidence.csv"]
    exchanges, sides, persons, _ = (_read(p) for p in paths)
    assert list(exchanges[0]) == list(EXCHANGE_COLUMNS)
    assert list(sides[0]) == list(SIDE_COLUMNS)
    assert list(persons[0]) == list(PERSON_COLUMNS)
    assert [x["id"] for x in exchanges] == ["2022-11-release-dusek", "2023-05-02-ilic-brandt"]
    swap = exchanges[1]
    assert swap["mediators"] == "Oman; Turkey" and swap["city"] == "Ankara" and swap["total"] == "3"
    assert swap["evidence"] == "3" and swap["conflicts"] == "total" and swap["sides"] == "2"
    assert {s["exchange_id"] for s in sides} == {x["id"] for x in exchanges}          # ids link rows
    assert [(s["exchange_id"], s["side"], s["persons"]) for s in sides] == [
        ("2022-11-release-dusek", "0", "Jiří Dušek"),
        ("2023-05-02-ilic-brandt", "0", "Ana Ilić; Tomás Brandt"),
        ("2023-05-02-ilic-brandt", "1", "Oleg Varnavin")]
    ilic = persons[0]
    assert ilic["aliases"] == "A. Ilich; Ana Ilic" and ilic["nationality"] == "Germany; Serbia"
    assert ilic["history"] == "2021-03 detained (001_alpha); 2023-05-02 exchanged (002_bravo)"
    assert ilic["evidence"] == "2" and ilic["conflicts"] == "sentence"
    assert persons[1]["sentence"] == "" and persons[1]["charges"] == ""


def test_csv_is_deterministic(tmp_path: Path):
    a = export_csv(sample_records(), NAMES, tmp_path / "a")
    b = export_csv(shuffled(sample_records(), 1), NAMES, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


@pytest.mark.parametrize("value, shown", [
    ("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"),
    ("Ana Ilić", "Ana Ilić"),
    ("life", "life"),
    ("2023-05-02", "2023-05-02"),
    ("", ""),
])
def test_safe_cell(value: str, shown: str):
    assert safe_cell(value) == shown


@pytest.mark.parametrize("value", [-1, 3, None, 2.5])
def test_safe_cell_leaves_non_text_alone(value):
    assert safe_cell(value) == value


def test_csv_formula_injection_in_every_file(tmp_path: Path):
    bad = "=cmd|' /C calc'!A0"
    records = MergedRecords(
        exchanges=[Exchange(id="x1", date="2024-01-01", date_precision="day", kind="swap",
                            location={"city": "@city", "country": "+land"}, mediators=["-mediator"], total=2,
                            sides=[Side(bad, "Norway", 1, [bad, "Per Holm"])], articles=["a"],
                            conflicts=[Conflict("=x", [])])],
        persons=[Person(id="p1", name=bad, aliases=["+alias"], status="detained", status_date=None,
                        held_by="@holder", nationality=[], category=["other"], role="-role", charges=["=charge"],
                        sentence="+5 years", articles=["a"])],
    )
    records.exchanges[0].evidence = [Evidence("a", 0, 4, "-sentence", "swapwatch.dates.v1", field="date")]
    sources = {"a": {"name": "=article", "title": "@title", "url": "=url"}}
    exchanges, sides, persons, evidence = (_read(p) for p in export_csv(records, {"a": "=article"}, tmp_path, sources))
    cells = [v for rows in (exchanges, sides, persons, evidence) for row in rows for v in row.values()]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)
    assert persons[0]["name"] == "'" + bad
    assert persons[0]["charges"] == "'=charge" and exchanges[0]["articles"] == "'=article"
    assert sides[0]["persons"] == "'" + bad + "; Per Holm"
    assert exchanges[0]["source_titles"] == "'@title" and persons[0]["source_urls"] == "'=url"
    assert evidence[0]["sentence"] == "'-sentence" and evidence[0]["url"] == "'=url"
