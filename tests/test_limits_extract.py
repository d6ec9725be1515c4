"""Bounds on the extractor for pathological text: the outcome is asserted, not the seconds.

(Measured on the 2-core dev box, see the report: a 2M-character string with no space
~1.2 s; 2M characters of custody words ~11 s under load, where before the caps 40k
characters of them already took ~30 s and the time grew faster than the text.)
"""
from __future__ import annotations

import logging
import random
from datetime import date

import pytest

from swapwatch.extract import pipeline
from swapwatch.extract.pipeline import (MAX_CHARS, MAX_CUES, MAX_SENTENCE_TOKENS, extract_article, guard,
                                         parse, prepare)
from swapwatch.model import Article


@pytest.fixture(scope="module")
def nlp():
    from swapwatch.extract.nlp import load_nlp

    return load_nlp()


def article(text: str) -> Article:
    return Article(id="hostile", text=text, published=date(2024, 6, 8))


def test_two_million_characters_without_a_space(nlp) -> None:
    extraction = extract_article(article("a" * 2_000_000), nlp)
    assert extraction.persons == [] and extraction.exchanges == []


def test_a_four_hundred_digit_number_keeps_the_people(nlp) -> None:
    text = "Moscow released Ivan Petrov on Monday in exchange for 1" + "1234567890" * 40 + " prisoners."
    extraction = extract_article(article(text), nlp)
    assert "Ivan Petrov" in [p.name for p in extraction.persons]


def test_unpunctuated_run_is_cut_into_bounded_sentences(nlp) -> None:
    rng = random.Random(1)
    words = ["Moscow", "released", "Ivanov", "the", "prisoner", "and", "swap", "for", "Smith", "in"]
    doc = pipeline._make_doc(nlp, " ".join(rng.choice(words) for _ in range(3_500)))   # before parsing
    starts = [t.i for t in doc if t.is_sent_start] + [len(doc)]
    assert len(starts) >= 4 and max(b - a for a, b in zip(starts, starts[1:])) <= MAX_SENTENCE_TOKENS


def test_ordinary_sentences_are_not_cut(nlp) -> None:
    sentence = ("The United States released " + ", ".join(f"prisoner number {i}" for i in range(60))
                + " on Friday.")                   # 240 tokens, one sentence end: left to the parser
    doc = parse(sentence + " " + sentence, nlp)
    starts = [s.start_char for s in doc.sents]
    assert (len(sentence) + 1) in starts
    assert not any(doc.text[s - 2:s].strip() not in (".", "") for s in starts[1:])


def test_cue_words_past_the_cap_are_cut_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    text = "Moscow released Ivanov. " * (MAX_CUES + 500)
    with caplog.at_level(logging.WARNING, logger=pipeline.__name__):
        kept = guard(text)
    assert text.startswith(kept) and kept.count("released") == MAX_CUES
    assert f"over {MAX_CUES} custody cue words" in caplog.text


def test_text_past_the_parser_cap_is_cut_for_the_components(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=pipeline.__name__):
        assert guard("word " * 300_000) == ("word " * 300_000)[:MAX_CHARS]
    assert f"over {MAX_CHARS} characters" in caplog.text


def test_text_under_the_caps_is_unchanged() -> None:
    text = "Moscow released Ivanov.\n\n" * 500
    assert guard(text) is text and prepare(text) == pipeline.unwrap(text)


def test_cue_dense_text_returns_with_people_from_its_start(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_CUES", 200)     # the real cap, lowered to keep the suite fast
    rng = random.Random(2)
    words = ["released", "freed", "swap", "detained", "hostage", "the", "Moscow", "Ivanov", "for"]
    text = "Russia released Ivan Petrov on Monday. " + " ".join(rng.choice(words) for _ in range(12_000))
    extraction = extract_article(article(text), nlp)
    assert "Ivan Petrov" in [p.name for p in extraction.persons]
