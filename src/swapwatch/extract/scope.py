"""Scope: a country's ordinary criminal justice is not what swapwatch records.

People held by a state or armed group in a political, international, wartime or hostage
context, and their releases and exchanges, are in scope (docs/SCOPE.md). A commutation
list, a pardon for drug possession or a sentence ending in home confinement are a state
being lenient with its own convicts: no record. Clemency stays in scope when the text
gives the political, international or wartime frame ("pardoned 30 people convicted over
the protests", "pardoned the jailed American", "freed political prisoners").
"""
from __future__ import annotations

import re

EXTRACTOR_ID = "swapwatch.scope.v1"

# English word tables: the clemency vocabulary, and the words that put it in scope.
CLEMENCY_RX = re.compile(
    r"\b(?:commut(?:e|ed|es|ing|ation|ations)|clemency|pardon(?:s|ed|ing)?|sentence (?:reduction|reduced)|"
    r"supervised release|home confinement|early release|compassionate release|parole|paroled|amnesty)\b", re.I)
IN_SCOPE_RX = re.compile(
    r"\b(?:political(?:ly)?|protest(?:s|ers?|ors?)?|opposition|dissidents?|activists?|journalists?|reporters?|"
    r"bloggers?|human rights|hostages?|wrongfully detained|unjustly|prisoners? of war|pows?|swap(?:s|ped)?|"
    r"exchange[ds]?|foreigners?|foreign nationals?|citizens? of|nationals?|espionage|spying|spy|treason|"
    r"extremism|regime|junta|dual (?:national|citizen)s?|repatriat\w*|deport\w*|expel\w*|"
    r"detained abroad|held abroad)\b", re.I)


def ordinary_clemency(headline: str, texts: list[str], releasers: set[str], receivers: set[str]) -> bool:
    """The event is clemency (its headline, or every sentence reporting it, says so), nothing in
    them gives a political, international or wartime frame, and nobody is sent abroad."""
    if not texts or not (CLEMENCY_RX.search(headline) or all(CLEMENCY_RX.search(t) for t in texts)):
        return False
    if any(IN_SCOPE_RX.search(t) for t in [headline, *texts]):
        return False
    foreign = {r for r in receivers if r} - {r for r in releasers if r}
    return not foreign


def clemency_article(headline: str, lede: str) -> bool:
    """A clemency list or announcement as a whole ("Clemency Recipient List", "President pardons
    marijuana offences"): its headline is about clemency and neither it nor the lede frames it
    as political, international or wartime."""
    return bool(CLEMENCY_RX.search(headline)) and not IN_SCOPE_RX.search(headline + " " + lede)
