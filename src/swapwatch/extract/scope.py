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
# The rest of ordinary justice: police custody ending without charge, bail, house arrest,
# extradition of a suspect, a sentence served out, immigration detention.
ORDINARY_RX = re.compile(
    r"\b(?:without (?:being )?charged?|(?:on|granted|posted|grants?) bail|bailed|house arrest|"
    r"extradit(?:e|ed|es|ing|ion)|(?:served|completed|finished) (?:his|her|their|a) (?:\w+ )?sentence|"
    r"immigration (?:jail|detention|custody|center|centre)|ICE custody)\b", re.I)
IN_SCOPE_RX = re.compile(
    r"\b(?:political(?:ly)?|protest(?:s|ers?|ors?)?|opposition|dissidents?|activists?|journalists?|reporters?|"
    r"bloggers?|human rights|hostages?|wrongfully detained|unjustly|prisoners? of war|pows?|swap(?:s|ped)?|"
    r"exchange[ds]?|foreigners?|foreign nationals?|citizens? of|nationals?|espionage|spying|spy|treason|"
    r"extremism|regime|junta|dual (?:national|citizen)s?|repatriat\w*|deport\w*|expel\w*|"
    r"detained abroad|held abroad)\b", re.I)


def _ordinary(text: str) -> bool:
    return bool(CLEMENCY_RX.search(text) or ORDINARY_RX.search(text))


def ordinary_justice(headline: str, texts: list[str], releasers: set[str], receivers: set[str]) -> bool:
    """The event is clemency, bail, release without charge, house arrest, an extradition or a
    sentence served (its headline, or every sentence reporting it, says so), nothing in them
    gives a political, international or wartime frame, and nobody is sent abroad."""
    if not texts or not (_ordinary(headline) or all(_ordinary(t) for t in texts)):
        return False
    if any(IN_SCOPE_RX.search(t) for t in [headline, *texts]):
        return False
    foreign = {r for r in receivers if r} - {r for r in releasers if r}
    return not foreign


def ordinary_article(headline: str, lede: str) -> bool:
    """A clemency list or a case of ordinary justice as a whole ("Clemency Recipient List",
    "X is released from house arrest"): its headline says so and neither it nor the lede frames
    it as political, international or wartime."""
    return _ordinary(headline) and not IN_SCOPE_RX.search(headline + " " + lede)
