"""Who was freed, and by whom, in feed items: a headline and a sentence or two (invented text).

Each case is a construction that real feed items use to name the people of a swap outside
the clause that reports it: a group noun the next sentence lists ("The Americans include
..."), a role noun it names ("The aid worker, X, ..."), an arrival after the swap ("X lands
in the US after prisoner swap"), a nationality in front of the name.
"""
from __future__ import annotations

import pytest

from swapwatch.model import ArticleExtraction

@pytest.fixture
def run(extract_item):
    return extract_item


def released(ex: ArticleExtraction) -> dict[str, tuple[str | None, str | None]]:
    """name -> (released_by, received_by) over every side of every record."""
    return {n: (s.released_by, s.received_by) for x in ex.exchanges for s in x.sides for n in s.persons}


def test_a_group_noun_listed_with_include_names_the_people_freed(run):
    ex = run("Tehran frees Americans in a swap, gets access to funds, release of Iranians in U.S.",
             "It is the latest of many swaps between the two countries. The Americans include Sam Deller, "
             "held since 2015, and Tom Brack and Joe Reyes, both detained in 2018.")
    got = released(ex)
    for name in ("Sam Deller", "Tom Brack", "Joe Reyes"):
        assert got.get(name, (None,))[0] == "Iran", got


def test_a_role_noun_in_the_headline_is_the_person_the_body_names(run):
    ex = run("Iran Frees Belgian Aid Worker in Prisoner Swap",
             "The aid worker, Luc Vermeer, had been sentenced to 40 years in prison for spying.")
    assert released(ex).get("Luc Vermeer", (None,))[0] == "Iran"


def test_a_role_noun_that_the_release_does_not_act_on_names_nobody(run):
    # "the aid worker" here is who reported it, not who was freed
    ex = run("Iran frees two prisoners in swap with Belgium",
             "An aid worker told reporters the news. The aid worker, Luc Vermeer, said they were well.")
    assert "Luc Vermeer" not in released(ex)


def test_a_nationality_before_the_name_is_never_the_releaser(run):
    ex = run("US basketball star Jana Novak freed in US-Russia prisoner swap",
             "After being imprisoned in Russia on drug charges, officials say the star has been freed in a "
             "prisoner swap.")
    assert released(ex).get("Jana Novak") == ("Russia", "United States")


@pytest.mark.parametrize("headline", [
    "Jana Novak lands in US after prisoner swap with Russia",
    "Jana Novak lands in U.S. after prisoner swap",
    "Jana Novak Lands in U.S. After Russia Prisoner Exchange",
])
def test_landing_after_a_swap_is_the_persons_release(run, headline):
    ex = run(headline, "The freed teacher was evaluated at a hospital in Texas.")
    assert released(ex).get("Jana Novak", (None, None))[1] == "United States", released(ex)


def test_landing_with_nothing_held_is_a_trip(run):
    ex = run("Jana Novak lands in US after a week of talks in Berlin", "The senator met officials there.")
    assert not ex.exchanges


def test_back_home_after_a_swap_in_a_verbless_headline(run):
    ex = run("Jana Novak back home in U.S. after Russian prisoner swap",
             "The deal saw her swapped for notorious smuggler Pavel Orlov.")
    assert "Jana Novak" in released(ex)


def test_a_swap_deal_a_release_happened_in_is_no_talk(run):
    ex = run("Belgian aid worker and Iranian diplomat freed in prisoner swap deal",
             "Luc Vermeer and Reza Amiri were released on Friday as part of a trade mediated by Oman.")
    assert [x.kind for x in ex.exchanges] == ["swap"]
    # nothing says whether the two went the same way or were traded for each other
    assert not released(ex)
    assert {p.name: p.status for p in ex.persons} == {"Luc Vermeer": "exchanged", "Reza Amiri": "exchanged"}


def test_talks_on_a_swap_deal_are_still_talk(run):
    ex = run("Envoys hold talks on a prisoner swap deal",
             "Officials from both countries met in Muscat to discuss a prisoner swap deal.")
    assert not ex.exchanges


def test_a_swap_with_a_named_person_puts_them_on_the_other_side(run):
    ex = run("Jana Novak released from Russian prison in swap for convicted arms dealer",
             "Jana Novak was released from prison in a one-for-one swap with convicted arms dealer Pavel Orlov.")
    got = released(ex)
    assert got.get("Jana Novak", (None,))[0] == "Russia", got
    assert got.get("Pavel Orlov") == (None, "Russia"), got


def test_a_swap_with_a_country_names_no_person(run):
    ex = run("Russia frees Jana Novak in a swap with Washington", "The exchange took place on Thursday.")
    assert set(released(ex)) == {"Jana Novak"}


def test_back_home_in_a_country_gives_the_receiver_and_the_counterpart_its_mirror(run):
    # "Russian prisoner swap" alone names no releaser: "Americans freed in Ukraine prisoner
    # swap" were let go by the other side of that war
    ex = run("Jana Novak back home in U.S. after Russian prisoner swap",
             "The deal saw her swapped for notorious smuggler Pavel Orlov.")
    got = released(ex)
    assert got.get("Jana Novak") == (None, "United States"), got
    assert got.get("Pavel Orlov") == ("United States", None), got


def test_landing_in_the_mediators_capital_is_not_the_receiver(run):
    ex = run("Five Americans land in Doha after release in US-Iran prisoner swap",
             "The exchange also includes five Iranians released by the US.")
    receivers = {s.received_by for x in ex.exchanges for s in x.sides}
    assert "Qatar" not in receivers


def test_a_name_among_the_hostages_of_a_verbless_headline_is_on_their_side(run):
    ex = run("Emily Dale among the 13 Israeli hostages released by Hamas",
             "Emily Dale, who was kidnapped in October, was freed as part of a truce deal with Hamas.")
    assert released(ex).get("Emily Dale", (None,))[0] == "Hamas"


def test_the_role_the_headline_freed_named_by_a_copula(run):
    ex = run("Hamas releases first U.S. citizen as part of temporary cease-fire agreement",
             "Four-year-old Abigail Moran is the first United States citizen to be released by Hamas under the "
             "agreement. She was released alongside 16 other hostages, the government reported.")
    assert released(ex).get("Abigail Moran", (None,))[0] == "Hamas"


def test_a_country_receiving_soldiers_in_a_swap_is_the_receiver(run):
    ex = run("Ukraine receives hundreds of POWs from Russia in prisoner swap",
             "Russia and Ukraine exchanged nearly 300 soldiers in a surprise prisoner swap on Wednesday. "
             "Ukraine received 215 troops.")
    counts = {(s.released_by, s.received_by): s.count for x in ex.exchanges for s in x.sides}
    assert counts.get(("Russia", "Ukraine")) == 215, counts


def test_receiving_a_call_or_visitors_is_no_release(run):
    ex = run("Minister receives award", "The minister received a call from the president and received "
             "three visitors on Monday.")
    assert not ex.exchanges


def test_a_nationality_group_names_only_people_held(run):
    freed = run("Iran frees two Americans in swap",
                "Relatives of American prisoners Sam Deller and Tom Brack, who were jailed in 2019, spoke on Friday.")
    assert released(freed).get("Sam Deller", (None,))[0] == "Iran", released(freed)
    envoys = run("Iran frees two Americans in swap",
                 "Officials said American diplomats Sam Deller and Tom Brack would travel to Doha to meet them.")
    assert not released(envoys)


@pytest.mark.parametrize("headline,body", [
    ("Dale Whitcombe, US veteran released by Russia in prisoner swap, injured fighting abroad",
     "Marine veteran Dale Whitcombe, who was detained in Russia and released in a prisoner swap, has been "
     "injured while fighting abroad, officials said."),
    ("Gallery shows paintings by arms dealer freed by US", "The exhibition opened in Moscow on Friday."),
])
def test_a_release_that_describes_a_person_is_no_event_of_its_own(run, headline, body):
    assert not run(headline, body).exchanges


def test_a_described_release_still_names_the_people_of_the_news(run):
    ex = run("4-Year-Old American Hostage Released by Hamas",
             "Abigail Moran, 4, who was released after being taken hostage in October, appears in a handout image.")
    assert released(ex).get("Abigail Moran", (None,))[0] == "Hamas"


def test_people_among_a_group_being_released_are_the_news(run):
    ex = run("White House confirms names",
             "Sam Deller, Tom Brack and Joe Reyes are among US prisoners being released by Iran in a deal, the "
             "White House confirms.")
    assert {"Sam Deller", "Tom Brack", "Joe Reyes"} <= set(released(ex))



def test_a_guantanamo_prisoner_is_released_by_the_united_states(run):
    ex = run("Oldest Guantánamo prisoner released after 17 years",
             "Guantanamo Bay's oldest prisoner, Saifullah Qadir, was freed and returned to Pakistan on Saturday.")
    assert released(ex).get("Saifullah Qadir") == ("United States", "Pakistan")


def test_where_people_were_captured_is_not_who_freed_them(run):
    ex = run("2 Americans and 5 Britons captured in Ukraine freed in prisoner swap",
             "Two American veterans and five British citizens who had been held for months have been released "
             "as part of the prisoner swap between Russia and Ukraine that was brokered by Saudi Arabia.")
    sides = {s.received_by: s.released_by for x in ex.exchanges for s in x.sides}
    assert "United States" in sides and sides["United States"] != "Ukraine", sides
    assert [x.mediators for x in ex.exchanges] == [["Saudi Arabia"]]
