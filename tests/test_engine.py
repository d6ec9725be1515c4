"""Choosing an engine, and the parts of the Ray engine that need no cluster (no Ray started here)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from swapwatch import service
from swapwatch.cli import app
from swapwatch.engines import open_engine
from swapwatch.engines.ray_engine import _Unit
from swapwatch.errors import ConfigError
from swapwatch.ingest.readers import IngestFailure
from swapwatch.ingest.normalize import article_id
from swapwatch.model import Article, Relevance

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"


def article(text: str) -> Article:
    return Article(id=article_id(text), text=text, source=f"{text}.txt")


@pytest.mark.parametrize("name, options, message", [
    ("fast", {}, "unknown engine 'fast'"),
    ("single", {"workers": 2}, "need --engine ray"),
    ("single", {"address": "10.0.0.1:6379"}, "need --engine ray"),
    ("ray", {"workers": 0}, "at least 1"),
])
def test_bad_engine_choices_are_one_clear_error(name, options, message):
    with pytest.raises(ConfigError, match=message):
        open_engine(name, **options)


def test_without_ray_the_ray_engine_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)      # what "import ray" meets when it is not installed
    with pytest.raises(ConfigError, match=r"pip install 'swapwatch\[ray\]'"):
        open_engine("ray")
    result = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "x.sqlite"), "-q", "--engine", "ray",
                                      str(DEMO / "fogel-released.txt")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == ["error: --engine ray needs Ray: pip install 'swapwatch[ray]'"]


def test_single_engine_gives_outcomes_in_submission_order(monkeypatch):
    monkeypatch.setattr(service, "_extract_batch", lambda arts: [service.ArticleExtraction(a.id, "v") for a in arts])
    engine = open_engine("single")
    first, second = [article("one"), article("two")], [article("three")]
    engine.submit(first)
    engine.submit(second)
    done = list(engine.finished(wait=True))
    assert [[x.article_id for x in o.extractions] for o in done] == [[a.id for a in first], [second[0].id]]
    assert list(engine.finished(wait=True)) == []


def test_extract_safely_loses_only_the_article_that_fails(monkeypatch):
    def one(a: Article):
        if a.text == "bad":
            raise ValueError("odd text")
        return service.ArticleExtraction(a.id, "v")

    monkeypatch.setattr(service, "_extract_batch", lambda arts: [one(a) for a in arts])
    monkeypatch.setattr(service, "_extract_one", one)
    outcome = service.extract_safely([article("good"), article("bad"), article("fine")])
    assert [x.article_id for x in outcome.extractions] == [article("good").id, article("fine").id]
    assert [(a.text, reason) for a, reason in outcome.failures] == [("bad", "extraction failed: ValueError: odd text")]


def test_a_lost_read_unit_is_retried_item_by_item_and_keeps_its_order():
    unit = _Unit("score", [article("a"), IngestFailure("x.jsonl:2", "malformed"), article("c")])
    unit.lost("worker died")
    assert not unit.done and len(unit.parts) == 3
    relevance = Relevance(score=0.9, relevant=True)
    unit.parts[2].take([relevance])
    unit.parts[1].lost("again")            # a failure item is passed on as it was
    unit.parts[0].lost("again")            # the one article that kills a worker is given up
    assert unit.done
    out = unit.output()
    assert isinstance(out[0], IngestFailure) and out[0].source == "a.txt" and "worker died" in out[0].reason
    assert out[1] == IngestFailure("x.jsonl:2", "malformed")
    assert out[2] == (article("c"), relevance)


def test_a_lost_file_unit_reports_each_file_that_kills_a_worker():
    unit = _Unit("read", ["a.html", "b.html"])
    unit.lost("SIGSEGV")
    unit.parts[0].take([(article("a"), Relevance(0.1, False))])
    unit.parts[1].lost("SIGSEGV")
    assert [getattr(x, "source", None) for x in unit.output()] == [None, "b.html"]
    assert "a worker died reading this input" in unit.output()[1].reason
