"""The richer export: who-for-whom in words, source titles and URLs, evidence.csv, JSON Lines."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from swapwatch.cli import app
from swapwatch.export import EVIDENCE_COLUMNS, export_csv, export_dict, export_jsonl
from swapwatch.publish.wording import who_for_whom_in_words
from test_store import sample_records

NAMES = {"art-a": "001_alpha", "art-b": "002_bravo", "art-c": "003_charlie"}
SOURCES = {"art-a": {"name": "001_alpha", "title": "Alpha news", "url": "https://example.org/a"},
           "art-b": {"name": "002_bravo", "title": "Bravo report", "url": None},
           "art-c": {"name": "003_charlie", "title": None, "url": "https://example.org/c"}}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_who_for_whom_in_words():
    two = [{"released_by": "Russia", "received_by": "United States", "count": 8, "persons": ["A", "B"]},
           {"released_by": "United States", "received_by": "Russia", "count": 16,
            "persons": [{"name": "C", "person_id": "p-c"}, {"name": "D", "person_id": None}]}]
    assert who_for_whom_in_words(two) == "Russia released 8 (A, B) for 16 (C, D) released by United States"
    one = [{"released_by": "Iran", "received_by": None, "count": None, "persons": ["E"]}]
    assert who_for_whom_in_words(one) == "Iran released 1 (E) to an unknown party"
    three = [*two, {"released_by": "Belarus", "received_by": "Germany", "count": None, "persons": []}]
    assert who_for_whom_in_words(three).endswith("; Belarus released an unknown number to Germany")
    assert who_for_whom_in_words([]) == "no sides recorded"


def test_exchange_and_person_rows_name_their_sources(tmp_path: Path):
    exchanges, _, persons, _ = (_read(p) for p in export_csv(sample_records(), NAMES, tmp_path, SOURCES))
    swap = next(x for x in exchanges if x["id"] == "2023-05-02-ilic-brandt")
    assert swap["who_for_whom"] == ("Belarus released 2 (Ana Ilić, Tomás Brandt) for 1 (Oleg Varnavin) "
                                    "released by Germany")
    assert swap["articles"] == "001_alpha; 002_bravo"
    assert swap["source_titles"] == "Alpha news; Bravo report"
    assert swap["source_urls"] == "https://example.org/a; "            # the n-th URL is the n-th article's
    dusek = next(p for p in persons if p["name"] == "Jiří Dušek")
    assert dusek["source_titles"] == "003_charlie" and dusek["source_urls"] == "https://example.org/c"


def test_evidence_csv_has_every_sentence_with_its_source(tmp_path: Path):
    records = sample_records()
    *_, evidence = (_read(p) for p in export_csv(records, NAMES, tmp_path, SOURCES))
    assert list(evidence[0]) == list(EVIDENCE_COLUMNS)
    expected = (sum(len(x.evidence) + sum(len(s.evidence) for s in x.sides) for x in records.exchanges)
                + sum(len(p.evidence) for p in records.persons))
    assert len(evidence) == expected == 5
    side = next(r for r in evidence if r["record_kind"] == "side")
    assert side == {"record_kind": "side", "record_id": "2023-05-02-ilic-brandt", "side": "0", "field": "count",
                    "article_id": "art-b", "article": "002_bravo", "start": "40", "end": side["end"],
                    "sentence": "Minsk handed over two Germans.", "title": "Bravo report", "url": "",
                    "extractor": "swapwatch.sides.v1"}
    dated = next(r for r in evidence if r["field"] == "date")
    assert dated["record_kind"] == "exchange" and dated["url"] == "https://example.org/a" and dated["side"] == ""
    kinds = [r["record_kind"] for r in evidence]
    assert kinds == sorted(kinds, key=lambda k: k == "person")        # exchanges and their sides, then persons


def test_jsonl_round_trips_every_record_of_the_json_export():
    records = sample_records()
    lines = export_jsonl(records, NAMES).splitlines()
    parsed = [json.loads(line) for line in lines]
    data = export_dict(records, NAMES)
    assert [p["type"] for p in parsed] == ["exchange"] * len(data["exchanges"]) + ["person"] * len(data["persons"])
    assert [{k: v for k, v in p.items() if k != "type"} for p in parsed] == data["exchanges"] + data["persons"]


def test_cli_export_jsonl_and_csv_on_the_demo(demo_db, tmp_path: Path):
    runner = CliRunner()
    whole = runner.invoke(app, ["export", "--db", demo_db, "--format", "json"])
    lines = runner.invoke(app, ["export", "--db", demo_db, "--format", "jsonl"])
    assert whole.exit_code == 0 and lines.exit_code == 0
    data = json.loads(whole.stdout)
    parsed = [json.loads(line) for line in lines.stdout.splitlines()]
    assert len(parsed) == len(data["exchanges"]) + len(data["persons"]) > 10
    assert [p["id"] for p in parsed] == [r["id"] for r in data["exchanges"] + data["persons"]]
    out = tmp_path / "records.jsonl"
    assert runner.invoke(app, ["export", "--db", demo_db, "--format", "jsonl", "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == lines.stdout
    folder = tmp_path / "csv"
    assert runner.invoke(app, ["export", "--db", demo_db, "--format", "csv", "--out", str(folder)]).exit_code == 0
    exchanges, evidence = _read(folder / "exchanges.csv"), _read(folder / "evidence.csv")
    assert all(" released " in x["who_for_whom"] for x in exchanges)
    assert all(x["source_urls"].startswith("https://example.org/") for x in exchanges)
    sentences = {(e["record_id"], e["sentence"]) for e in evidence}
    for x in data["exchanges"]:
        for e in x["evidence"]:
            assert (x["id"], e["sentence"]) in sentences
    assert all(e["url"].startswith("https://") and e["article_id"] for e in evidence)
