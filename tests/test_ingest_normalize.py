"""normalize_text and article_id: the stored text and the content id."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swapwatch.ingest.normalize import article_id, normalize_text


@pytest.mark.parametrize("raw, expected", [
    ("Moscow released 16 people.", "Moscow released 16 people."),
    ("line one\r\nline two\rline three", "line one\nline two\nline three"),
    ("a  \t  b", "a b"),
    ("   padded line   \n   next   ", "padded line\nnext"),
    ("para one\n\n\n\n\npara two", "para one\n\npara two"),
    ("para one\n \n\t\n  \npara two", "para one\n\npara two"),
    ("bell\x07 and escape\x1b[0m gone", "bell and escape[0m gone"),
    ("no\u00a0break\u2009thin\u3000ideographic", "no break thin ideographic"),
    ("Gersh\u00adkovich", "Gershkovich"),                       # soft hyphen inside a name
    ("zero\u200bwidth", "zerowidth"),
    ("\ufeffBOM at start", "BOM at start"),
    ("Cafe\u0301", "Caf\u00e9"),                                 # NFC composes
    ("first\u2028second\u2029third", "first\nsecond\nthird"),
    ("page\x0cbreak", "page\nbreak"),
    ("  \n\n  ", ""),
    ("", ""),
    ("tab\tinside", "tab inside"),
    ("keeps \u200c ZWNJ", "keeps \u200c ZWNJ"),
])
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_normalize_is_idempotent_and_clean(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip()
    assert "\r" not in once and "\n\n\n" not in once and "  " not in once
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", once)


@pytest.mark.parametrize("a, b", [
    ("Moscow released 16 people.\nThe swap took place in Ankara.",
     "Moscow released 16 people. The swap took place in Ankara."),
    ("MOSCOW RELEASED 16 PEOPLE.", "moscow released 16 people."),
    ("Moscow  released\r\n16 people.", "Moscow released 16 people."),
    ("  Moscow released 16 people.\n\n\n", "Moscow released 16 people."),
    ("Caf\u00e9 owner freed", "Cafe\u0301 owner freed"),
])
def test_same_article_reformatted_keeps_its_id(a: str, b: str) -> None:
    assert article_id(a) == article_id(b)


@pytest.mark.parametrize("a, b", [
    ("Moscow released 16 people.", "Moscow released 15 people."),
    ("Moscow released 16 people.", "Moscow released 16 people!"),
    ("Kyiv freed him", "Kyiv freed her"),
])
def test_different_articles_get_different_ids(a: str, b: str) -> None:
    assert article_id(a) != article_id(b)


def test_article_id_shape() -> None:
    aid = article_id("Two Americans were freed.")
    assert re.fullmatch(r"[0-9a-f]{20}", aid)
