"""Scope: a country's ordinary criminal justice makes no record; political clemency does."""
from __future__ import annotations

from datetime import date

import pytest

from swapwatch.extract.pipeline import extract_article
from swapwatch.model import Article


def run(text: str):
    return extract_article(Article(id="t", text=text, published=date(2031, 4, 26), outlet="The White House"))


@pytest.mark.parametrize("text", [
    "Clemency Recipient List\n\nToday, the President is granting clemency to 78 individuals, consisting of "
    "three pardons and 75 commutations.\n\nJon Marsh was convicted of possession with intent to distribute "
    "cocaine. Sentence commuted to expire on April 26, 2031, with the remainder to be served in home "
    "confinement. Mr. Marsh has held steady work since his release from prison.",
    "President pardons federal offenses of simple possession of marijuana\n\nThe President announced a "
    "pardon of all prior federal offenses of simple possession, releasing 12 people from prison today.",
])
def test_ordinary_clemency_makes_no_record(text):
    ex = run(text)
    assert ex.exchanges == [] and ex.persons == []


def test_political_clemency_stays_in_scope():
    ex = run("Leader pardons 30 people convicted over protests\n\nThe country's leader has pardoned 30 "
             "people convicted of offences linked to the 2030 protests, his press service said today.")
    assert ex.exchanges and ex.exchanges[0].sides[0].count == 30


@pytest.mark.parametrize("text", [
    "Today the Department released the Alternatives, Rehabilitation, and Reentry Strategic Plan.",
    "The $600 million that we announced today of nuclear -- pardon me, of security assistance is ready.",
])
def test_documents_and_slips_of_the_tongue_are_no_release(text):
    assert run(text).exchanges == []


@pytest.mark.parametrize("text", [
    "Party treasurer released without charge, police say\n\nThe treasurer was arrested on Tuesday and "
    "released without charge pending further inquiries, police said.",
    "Influencer released from house arrest\n\nA court released the influencer Dan Moraru from house arrest "
    "on Friday.",
    "Suspect in bar robbery extradited\n\nA suspect in the robbery of two tourists has been extradited to "
    "the United States, prosecutors said.",
])
def test_ordinary_justice_makes_no_record_or_person(text):
    ex = run(text)
    assert ex.exchanges == [] and ex.persons == []


def test_house_arrest_in_a_political_case_stays_in_scope():
    ex = run("Opposition leader released from house arrest\n\nAuthorities released the opposition leader "
             "Dan Moraru from house arrest on Friday after two years.")
    assert ex.persons


def test_immigration_detention_is_ordinary_justice():
    ex = run("Fraudster released from immigration jail\n\nThe fraudster Ana Sorel was released from "
             "immigration jail on Friday after 17 months.")
    assert ex.exchanges == [] and ex.persons == []
