"""Property-based tests over the extractor on random text: it never raises, and every
piece of evidence it returns points inside the article."""
from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from swapwatch.extract.pipeline import extract_article, extract_articles
from swapwatch.ingest.normalize import article_id, normalize_text
from swapwatch.model import Article, ArticleExtraction

FAST = hsettings(max_examples=25, deadline=None)

# A vocabulary made up here: invented names from syllables, the words the extractor keys
# on (custody cues, parties, numbers, titles), and punctuation that ends or splits clauses.
_rng = random.Random(4)
_SYLLABLES = ["ka", "lo", "mir", "ser", "gei", "va", "nov", "ran", "tu", "pe", "dro", "an", "zh", "ou"]
NAMES = ["".join(_rng.choice(_SYLLABLES) for _ in range(_rng.randint(2, 4))).capitalize() for _ in range(30)]
CUES = ["released", "freed", "swap", "exchanged", "detained", "hostage", "prisoners", "jailed",
        "sentenced", "arrested", "in return for", "handed over", "pardoned", "returned home", "held"]
PARTIES = ["Russia", "Iran", "the United States", "Venezuela", "Hamas", "Ukraine", "Moscow", "Tehran"]
GLUE = ["the", "a", "and", "of", "to", "was", "were", "on", "by", "after", "two", "15", "1,000",
        "years", "journalist", "minister", "said", "Mr.", "U.S.", "-", "(", ")", '"']
PUNCT = [".", ",", ";", "?", "!", "\n", "\n\n", ":"]
WORD = st.sampled_from(NAMES + CUES + PARTIES + GLUE + PUNCT)
VOCAB_TEXT = st.lists(WORD, max_size=300).map(" ".join)
LONG_SENTENCE = st.lists(st.sampled_from(NAMES + CUES + PARTIES + GLUE), min_size=200, max_size=400).map(" ".join)
RANDOM_UNICODE = st.text(max_size=400)
DIGITS = st.from_regex(r"[0-9][0-9 ,.]{0,600}", fullmatch=True)
NO_SENTENCES = st.text(alphabet=st.sampled_from(list(" \n\t.,;:!?-()[]\"'*#")), max_size=300)


@pytest.fixture(scope="module")
def nlp():
    from swapwatch.extract.nlp import load_nlp

    return load_nlp()


def article_of(text: str, title: str | None = None) -> Article:
    text = normalize_text(text)
    return Article(id=article_id(text) if text else "empty", text=text, title=title,
                   published=date(2024, 6, 8))


def check(extraction: ArticleExtraction, article: Article) -> None:
    assert isinstance(extraction, ArticleExtraction) and extraction.article_id == article.id
    prefix = len(article.title) + 2 if article.title else 0     # a headline parsed first: negative offsets
    evidence = [e for x in extraction.exchanges for e in x.evidence]
    evidence += [e for x in extraction.exchanges for s in x.sides for e in s.evidence]
    evidence += [e for p in extraction.persons for e in p.evidence]
    for e in evidence:
        assert -prefix <= e.start <= e.end <= len(article.text), e
        assert e.article_id == article.id
    for p in extraction.persons:
        assert p.name.strip(), p


@FAST
@given(text=st.one_of(VOCAB_TEXT, RANDOM_UNICODE, DIGITS, NO_SENTENCES))
def test_extractor_on_random_text(nlp, text: str) -> None:
    article = article_of(text)
    check(extract_article(article, nlp), article)


@hsettings(max_examples=4, deadline=None)
@given(text=LONG_SENTENCE)
def test_extractor_on_very_long_sentences(nlp, text: str) -> None:
    article = article_of(text)
    check(extract_article(article, nlp), article)


@hsettings(max_examples=10, deadline=None)
@given(texts=st.lists(st.one_of(VOCAB_TEXT, RANDOM_UNICODE), min_size=1, max_size=5),
       title=st.one_of(st.none(), VOCAB_TEXT.filter(lambda t: 0 < len(t.strip()) < 300)))
def test_batched_extraction_equals_one_by_one_on_random_text(nlp, texts: list[str], title: str | None) -> None:
    articles = [article_of(t, " ".join(title.split()) if title else None) for t in texts]
    batched = list(extract_articles(articles, nlp))
    for article, extraction in zip(articles, batched, strict=True):
        check(extraction, article)
        assert extraction == extract_article(article, nlp)
