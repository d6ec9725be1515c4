"""Holder, status and nationality of people listed as members of a group ("the freed
Colombians were named: A; B"), and custody phrases about other nationals.

Every sentence here is made up for the test. The model is loaded once per module.
"""
from __future__ import annotations

from datetime import date

import pytest

from swapwatch.extract.context import ArticleContext
from swapwatch.extract.gazetteer import get_gazetteer
from swapwatch.extract.persons import PersonAnalysis, analyze_persons
from swapwatch.model import Article


@pytest.fixture(scope="module")
def analyze():
    from swapwatch.extract.nlp import load_nlp

    nlp = load_nlp()
    gz = get_gazetteer()

    def run(text: str) -> PersonAnalysis:
        art = Article(id="t", text=text, published=date(2024, 5, 17))
        return analyze_persons(ArticleContext(art, nlp(text), gz))

    return run


def mention(an: PersonAnalysis, surname: str):
    hits = [p for p in an.people if p.name.split()[-1] == surname]
    assert len(hits) == 1, [p.name for p in an.people]
    assert hits[0].detainee and hits[0].mention is not None
    return hits[0].mention


SWAP = ("Colombians freed by Venezuela arrive in Bogota\n\n"
        "Venezuela released four Colombian prisoners on Friday in exchange for two Venezuelans held in "
        "Colombia, in a deal brokered by Brazil.\n\n"
        "Three of the freed Colombians were named: Tomas Arbelo, a 40-year-old engineer who had been held "
        "since 2019; Lucia Fenwick, a nurse; and Ramiro Quintal, a farmer.\n\n"
        "Officials in Bogota said the men were in good health.\n")


def test_listed_members_of_a_freed_group_are_released_not_detained(analyze):
    an = analyze(SWAP)
    for surname in ("Arbelo", "Fenwick", "Quintal"):
        assert mention(an, surname).status == "released"


def test_group_demonym_gives_nationality(analyze):
    an = analyze(SWAP)
    for surname in ("Arbelo", "Fenwick", "Quintal"):
        assert mention(an, surname).nationality == ["Colombia"]


def test_custody_phrase_about_other_nationals_is_not_the_holder(analyze):
    """ "two Venezuelans held in Colombia" says who holds the Venezuelans; the freed
    Colombians were held by the side that released them."""
    an = analyze(SWAP)
    for surname in ("Arbelo", "Fenwick", "Quintal"):
        assert mention(an, surname).held_by == "Venezuela"


def test_custody_phrase_about_the_same_nationals_still_counts(analyze):
    text = ("Three of the freed Colombians were named: Tomas Arbelo, an engineer who had been held since "
            "2019; Lucia Fenwick, a nurse; and Ramiro Quintal, a farmer.\n\n"
            "The Colombians held in Venezuela had been arrested near the border, relatives said.\n")
    an = analyze(text)
    assert mention(an, "Arbelo").held_by == "Venezuela"


def test_a_group_not_freed_gives_no_release(analyze):
    text = ("Two of the detained Colombians were named: Tomas Arbelo, an engineer who has been held in "
            "Venezuela since 2019; and Lucia Fenwick, a nurse.\n\n"
            "Relatives said they had not been allowed visits.\n")
    an = analyze(text)
    assert mention(an, "Arbelo").status == "detained"


def test_held_since_does_not_date_a_release(analyze):
    assert mention(analyze(SWAP), "Arbelo").status_date != "2019"
