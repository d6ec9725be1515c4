"""``swapwatch eval`` over one or several corpora: score.py's figures per corpus, their mean,
and the relevance decisions measured against each corpus's labels.json.

The figures themselves are checked against score.py by test_scoring.py and the quality gate;
here: the relevance arithmetic, the report shapes, and real ingests of two small corpora
(the dev seeds and the held-out corpus) through the library and the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DEV, require_shared
from swapwatch.cli import app
from swapwatch.evaluate import EvalResult, evaluate_corpora, export_paths, mean_score
from swapwatch.evaluate.labels import format_relevance, load_labels, relevance_metrics
from swapwatch.evaluate.report import format_table, report_json, report_text
from swapwatch.evaluate.scoring import ScoringError, format_report, score

HELDOUT = Path(__file__).resolve().parents[1] / "examples" / "eval" / "heldout"
METRIC_KEYS = {"exchanges", "released_persons", "counts", "dates", "locations", "persons_found",
               "person_status", "false_detainees", "score"}
RELEVANCE_KEYS = {"precision", "recall", "f1", "tp", "fp", "fn"}


# ---------------------------------------------------------------- relevance arithmetic

def test_relevance_counts_each_labelled_article_once():
    labels = {"a": True, "b": True, "c": False, "d": False, "e": True}
    decisions = {"a": True, "b": False, "c": True, "d": False, "e": True, "unlabelled": True}
    r = relevance_metrics(labels, decisions)
    assert (r["tp"], r["fp"], r["fn"]) == (2, 1, 1)
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == pytest.approx(2 / 3)
    assert r["f1"] == pytest.approx(2 / 3)


def test_an_article_without_a_decision_counts_as_judged_irrelevant():
    r = relevance_metrics({"stored": True, "failed": True, "copy": False}, {"stored": True})
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 1)


def test_nothing_relevant_and_nothing_judged_relevant_is_perfect():
    r = relevance_metrics({"a": False}, {"a": False})
    assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0)


def test_labels_file_is_optional_but_must_be_well_formed(tmp_path):
    assert load_labels(tmp_path) is None
    (tmp_path / "labels.json").write_text(json.dumps({"definition": "x", "relevant": {"a": True, "b": False}}))
    assert load_labels(tmp_path) == {"a": True, "b": False}
    (tmp_path / "labels.json").write_text(json.dumps({"relevant": {"a": "yes"}}))
    with pytest.raises(ScoringError, match="labels"):
        load_labels(tmp_path)


# ---------------------------------------------------------------- report shapes (no ingest)

def fake_result(corpus: str, relevance: dict | None) -> EvalResult:
    gold = {"exchanges": [{"date": "2024-08-01", "date_precision": "day", "kind": "swap", "location": None,
                           "mediators": [], "total": 2, "articles": ["a"],
                           "sides": [{"released_by": "Russia", "received_by": "Germany", "count": 1,
                                      "persons": ["Jan Novak"]}]}],
            "persons": [{"name": "Jan Novak", "aliases": [], "status": "exchanged", "held_by": "Russia",
                         "category": ["civilian"], "charges": [], "sentence": None}],
            "not_detainees": []}
    return EvalResult(corpus=corpus, metrics=score(gold, gold), export=gold, failed=0, relevance=relevance)


def test_one_corpus_prints_the_score_py_report_then_relevance():
    result = fake_result("some/where/seeds", relevance_metrics({"a": True}, {"a": True}))
    text = report_text([result])
    assert text.startswith(format_report(result.metrics) + "\n")
    assert text.splitlines()[-1] == "relevance         P=1.00 R=1.00 F1=1.00  (tp=1, fp=0, fn=0)"
    assert report_text([fake_result("x", None)]).splitlines()[-1] == format_relevance(None)
    assert "n/a" in format_relevance(None)


def test_one_corpus_json_is_the_score_py_object_with_relevance_beside_it():
    result = fake_result("seeds", None)
    data = report_json([result])
    assert {k: v for k, v in data.items() if k != "relevance"} == result.metrics
    assert data["relevance"] is None


def test_several_corpora_give_a_row_each_and_a_mean_row():
    results = [fake_result("a/first", relevance_metrics({"x": True, "y": False}, {"x": True, "y": True})),
               fake_result("b/second", None)]
    results[1].metrics = {**results[1].metrics, "score": 0.5, "false_detainees": ["Some Official"]}
    lines = format_table(results).splitlines()
    assert lines[0].split() == ["corpus", "score", "exch_F1", "person_F1", "counts", "dates", "status",
                                "rel_P", "rel_R", "rel_F1", "false_det"]
    first, second, mean = lines[2].split(), lines[3].split(), lines[-1].split()
    assert first[:2] == ["first", "1.000"] and first[7:] == ["0.500", "1.000", "0.667", "0"]
    assert second[:2] == ["second", "0.500"] and second[7:] == ["-", "-", "-", "1"]
    assert mean[:2] == ["mean", "0.750"]
    assert mean[7:] == ["0.500", "1.000", "0.667", "1"]      # relevance over the labelled corpus; detainees summed
    assert mean_score(results) == pytest.approx(0.75)
    data = report_json(results)
    assert [c["corpus"] for c in data["corpora"]] == ["a/first", "b/second"]
    assert data["mean_score"] == pytest.approx(0.75)


def test_export_file_names_follow_the_corpus_folder_and_stay_distinct(tmp_path):
    results = [fake_result("x/seeds", None), fake_result("y/seeds", None), fake_result("heldout", None)]
    assert [p.name for p in export_paths(results, tmp_path)] == [
        "seeds.export.json", "seeds-2.export.json", "heldout.export.json"]


# ---------------------------------------------------------------- real ingests

@pytest.fixture(scope="module")
def two_corpora() -> tuple[Path, Path]:
    require_shared()
    return DEV / "seeds", HELDOUT


@pytest.fixture(scope="module")
def evaluated(two_corpora) -> list[EvalResult]:
    return evaluate_corpora(two_corpora)


def test_library_scores_each_corpus_and_its_relevance(two_corpora, evaluated):
    assert [r.corpus for r in evaluated] == [str(c) for c in two_corpora]
    for corpus, result in zip(two_corpora, evaluated):
        gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
        assert result.metrics == score(gold, result.export)
        assert result.failed == 0
        labels = load_labels(corpus)
        assert result.relevance is not None and set(result.relevance) == RELEVANCE_KEYS
        r = result.relevance
        assert r["tp"] + r["fn"] == sum(labels.values())        # every labelled article was judged
        assert r["tp"] + r["fp"] <= len(labels)


def test_cli_several_corpora_json_and_exports(two_corpora, evaluated, tmp_path):
    out = tmp_path / "exports"
    result = CliRunner().invoke(app, ["eval", *map(str, two_corpora), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"corpora", "mean_score"}
    assert [c["corpus"] for c in data["corpora"]] == [str(c) for c in two_corpora]
    for entry, expected in zip(data["corpora"], evaluated):
        assert set(entry) == {"corpus", "metrics", "relevance"}
        assert set(entry["metrics"]) == METRIC_KEYS
        assert entry["metrics"] == json.loads(json.dumps(expected.metrics))     # ingest is deterministic
        assert entry["relevance"] == expected.relevance
    assert data["mean_score"] == pytest.approx(mean_score(evaluated))
    assert sorted(p.name for p in out.iterdir()) == ["heldout.export.json", "seeds.export.json"]
    assert json.loads((out / "seeds.export.json").read_text(encoding="utf-8")) == evaluated[0].export


def test_cli_one_corpus_text_json_and_export_file(two_corpora, evaluated, tmp_path):
    seeds, seeds_result = two_corpora[0], evaluated[0]
    runner = CliRunner()
    text = runner.invoke(app, ["eval", str(seeds), "--out", str(tmp_path / "seeds.json")])
    assert text.exit_code == 0, text.output
    assert text.stdout == report_text([seeds_result]) + "\n"
    assert text.stdout.startswith(format_report(seeds_result.metrics))
    assert json.loads((tmp_path / "seeds.json").read_text(encoding="utf-8")) == seeds_result.export
    as_json = runner.invoke(app, ["eval", str(seeds), "--json"])
    data = json.loads(as_json.stdout)
    assert set(data) == METRIC_KEYS | {"relevance"}
    assert data["relevance"] == seeds_result.relevance


def test_cli_refuses_a_folder_that_is_not_a_corpus_before_any_ingest(two_corpora, tmp_path):
    result = CliRunner().invoke(app, ["eval", str(two_corpora[0]), str(tmp_path)])
    assert result.exit_code == 2
    assert "not an evaluation corpus" in result.output
