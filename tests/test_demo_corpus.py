"""The demo corpus is what a new user ingests first: it must be well formed, dated,
described in its README, mixed (some articles deliberately irrelevant) and original."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from gold_corpus import (GoldCorpus, check_exchange_shape, check_no_not_detainee_clash, check_person_shape,
                         check_scores_one_against_itself, check_side_persons_released, check_unique)

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
ARTICLES = sorted(DEMO.glob("*.txt"))
SIDECAR_KEYS = {"title", "url", "outlet", "published", "language"}
WEEKDAY = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
SHINGLE = 8    # words in a row that would betray a copied sentence


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n", 2)[2]


def readme() -> str:
    return (DEMO.parent / "README.md").read_text(encoding="utf-8")


def irrelevant_names() -> list[str]:
    """The names listed under the README's "Intended irrelevant articles" heading."""
    section = readme().split("## Intended irrelevant articles", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- `([^`]+)`", section, flags=re.M)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def test_corpus_has_enough_articles() -> None:
    assert len(ARTICLES) >= 14


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_has_headline_blank_line_and_short_body(path: Path) -> None:
    headline, blank, _ = path.read_text(encoding="utf-8").split("\n", 2)
    assert headline.strip() and headline == headline.strip()
    assert blank == ""
    assert 150 <= len(body_of(path).split()) <= 400


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_has_valid_sidecar(path: Path) -> None:
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert set(meta) == SIDECAR_KEYS
    assert meta["title"] == path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert date(2020, 1, 1) <= date.fromisoformat(meta["published"]) <= date.today()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
    assert meta["language"] == "en"
    assert isinstance(meta["outlet"], str) and meta["outlet"].strip()
    assert meta["url"] is None or meta["url"].startswith("https://example.org/")


def test_every_sidecar_belongs_to_an_article() -> None:
    orphans = [p.name for p in DEMO.glob("*.json") if not p.with_suffix(".txt").is_file()]
    assert orphans == []


def test_readme_lists_every_article_once() -> None:
    listed = re.findall(r"^- `([^`]+)`:", readme(), flags=re.M)
    assert sorted(listed) == sorted(p.stem for p in ARTICLES)


def test_readme_names_irrelevant_articles_that_exist() -> None:
    names = irrelevant_names()
    assert len(names) >= 2
    for name in names:
        assert (DEMO / f"{name}.txt").is_file(), name


@pytest.mark.parametrize("name", irrelevant_names())
def test_irrelevant_article_reports_no_detention(name: str) -> None:
    text = (DEMO / f"{name}.txt").read_text(encoding="utf-8").lower()
    for cue in ("prisoner", "detained", "sentenced", "exchange", "custody", "jail"):
        assert cue not in text, cue


def test_corpus_mixes_relevant_and_irrelevant() -> None:
    assert len(ARTICLES) - len(irrelevant_names()) >= 12


def test_some_articles_use_relative_dates() -> None:
    relative = [p.stem for p in ARTICLES if WEEKDAY.search(body_of(p))]
    assert len(relative) >= 5


def test_some_counts_are_written_in_words() -> None:
    number_words = re.compile(r"\b(five|ten|sixteen|twenty|two dozen)\b", re.I)
    assert sum(bool(number_words.search(body_of(p))) for p in ARTICLES) >= 3


def test_some_outlets_report_twice_with_different_sources() -> None:
    outlets = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["outlet"] for p in ARTICLES]
    assert len(set(outlets)) >= 5
    assert len(set(outlets)) < len(outlets)


@pytest.mark.skipif(not (SHARED_EVAL / "dev").is_dir(),
                    reason=f"{SHARED_EVAL / 'dev'} is absent: cannot check originality against it")
def test_no_sentence_is_copied_from_the_evaluation_corpora() -> None:
    shared: set[tuple[str, ...]] = set()
    for path in (SHARED_EVAL / "dev").glob("*/articles/*.txt"):
        shared |= shingles(path.read_text(encoding="utf-8"))
    assert shared
    for path in ARTICLES:
        copied = shingles(path.read_text(encoding="utf-8")) & shared
        assert not copied, (path.stem, sorted(copied)[:3])


# ---------------------------------------------------------------- gold (examples/gold.json, NOTES.md)

def demo_gold() -> GoldCorpus:
    return GoldCorpus(DEMO.parent)


def test_demo_gold_has_the_format_md_shape() -> None:
    corpus = demo_gold()
    for exchange in corpus.gold["exchanges"]:
        check_exchange_shape(exchange, corpus.stems())
    for person in corpus.gold["persons"]:
        check_person_shape(person)
    check_unique(corpus.gold)
    check_side_persons_released(corpus.gold)
    check_no_not_detainee_clash(corpus.gold)


def test_demo_gold_scores_one_against_itself() -> None:
    check_scores_one_against_itself(DEMO.parent / "gold.json", SHARED_EVAL.parent if SHARED_EVAL.is_dir() else None)


def test_demo_labels_follow_the_readme() -> None:
    labels = demo_gold().labels
    assert labels["relevant"] == {p.stem: p.stem not in irrelevant_names() for p in ARTICLES}
    assert labels["definition"].startswith("An article is relevant when")


def test_demo_gold_records_only_relevant_articles_and_has_notes() -> None:
    corpus = demo_gold()
    cited = {a for x in corpus.gold["exchanges"] for a in x["articles"]}
    assert cited and not cited & set(irrelevant_names())
    assert (DEMO.parent / "NOTES.md").is_file()


def test_the_demo_still_held_list_is_true(tmp_path):
    """What a new user sees first: only the people still held (Yashin flew out; Gorinov stayed)."""
    from typer.testing import CliRunner

    from swapwatch.cli import app

    db = str(tmp_path / "demo.sqlite")
    assert CliRunner().invoke(app, ["demo", "--db", db]).exit_code == 0
    held = CliRunner().invoke(app, ["persons", "--status", "detained", "--db", db, "--json"])
    assert [p["name"] for p in json.loads(held.output)] == ["Alexei Gorinov"]
    swaps = json.loads(CliRunner().invoke(app, ["exchanges", "--db", db, "--json"]).output)
    assert not any((x["date"] or "").startswith("2021") for x in swaps)   # "the first swap since ... August 2021"
