"""People of a release named where they arrive, and long lists the parser breaks (invented text).

- "Four reporters whom a rebel court had sentenced ... landed in X": a plural group that the
  subject phrase itself says was held lands; they are some of the people a side let go.
- "- A, B, C and D -": a list between dashes that the parser cuts after its third name still
  names four people.
- "a Houthi court": an armed group's court holds the people it sentenced, not a country named
  in a clause about others.
"""
from __future__ import annotations

from datetime import date

import pytest

from swapwatch.model import ArticleExtraction

PUBLISHED = date(2024, 3, 16)

SWAP = ("Prisoners freed as exchange in Yemen ends",
        "The Houthis freed 181 prisoners on Sunday. Yemen's government released 706 Houthi detainees, "
        "some of whom had been held in Saudi Arabia. On the last day, four reporters whom a Houthi court "
        "had sentenced to death on spying charges - Amin Qasem, Fuad al-Harazi, Nabil Saadi and "
        "Tariq al-Mansour - landed in Marib, where their families waited.")


@pytest.fixture
def run(extract_item):
    return extract_item


def sides_of(ex: ArticleExtraction) -> list:
    return [s for x in ex.exchanges for s in x.sides]


def test_a_held_group_landing_joins_the_side_that_let_it_go(run):
    ex = run(*SWAP)
    sides = [s for s in sides_of(ex) if s.released_by == "Houthis"]
    assert len(sides) == 1, sides_of(ex)     # one side, not a second one for the four
    side = sides[0]
    assert side.count == 181
    assert {"Amin Qasem", "Fuad al-Harazi", "Nabil Saadi", "Tariq al-Mansour"} <= set(side.persons)


def test_the_last_name_of_a_list_between_dashes_is_a_detainee_too(run):
    ex = run(*SWAP)
    people = {p.name: p for p in ex.persons}
    assert "Tariq al-Mansour" in people, ex.not_detainees
    assert people["Tariq al-Mansour"].held_by == "Houthis"


def test_a_group_court_holds_the_people_it_sentenced(run):
    ex = run(*SWAP)
    holders = {p.name: p.held_by for p in ex.persons}
    assert holders.get("Amin Qasem") == "Houthis", holders


def test_a_landing_of_people_nothing_says_were_held_is_no_release(run):
    ex = run("Delegation arrives for talks",
             "Ten foreign ministers landed in Riyadh on Sunday for a summit on trade.")
    assert not ex.exchanges


def test_a_captured_group_landing_is_a_release(run):
    ex = run("Fighters freed",
             "Ten foreign fighters captured in the war landed in Saudi Arabia on Wednesday, officials said.")
    assert [(s.count, s.received_by) for s in sides_of(ex)] == [(10, "Saudi Arabia")]


def test_names_with_other_words_between_them_are_no_list(run):
    ex = run("Kareem Nassar freed",
             "Rebels freed Kareem Nassar on Sunday. His lawyer Omar Saleh said he was tired.")
    assert "Omar Saleh" not in {p.name for p in ex.persons}


def test_an_among_sentence_far_from_the_release_joins_the_group_it_names(run):
    ex = run("What we know about the second release",
             "Hamas released 13 Israeli hostages and four Thai nationals on Saturday. Israel then freed 39 "
             "Palestinian prisoners.\n\nWhy was it delayed?\nThe handover had been expected in the afternoon. "
             "Qatar and Egypt worked through the evening to settle the dispute.\n\nWho came out?\n"
             "Among the Israelis was Noa Lavi, a girl who turned nine while held in Gaza.")
    side = next(s for x in ex.exchanges for s in x.sides if "Noa Lavi" in s.persons)
    assert (side.released_by, side.received_by) == ("Hamas", "Israel")


def test_a_list_with_a_short_apposition_keeps_its_second_name(run):
    ex = run("Belarus frees dissidents",
             "Belarus freed 18 political prisoners on Wednesday, the exiled opposition said. The freed "
             "prisoners included Pavel Sudnik, a former teacher, and Olga Marchenko, an economist.")
    side = next(s for x in ex.exchanges for s in x.sides if s.released_by == "Belarus")
    assert {"Pavel Sudnik", "Olga Marchenko"} <= set(side.persons)


def test_a_country_and_the_group_that_rules_it_are_one_party_before_sides_are_filled(run):
    # "held in Afghanistan" and "an Afghan" name the Taliban's side once it rules Kabul:
    # never a side that the Taliban both releases and receives
    ex = run("Taliban free American",
             "The Taliban released an American held in Afghanistan for two years. Ryan Kell, a "
             "businessman, was freed in exchange for Khan Durrani, an Afghan serving a life sentence "
             "in the US.")
    got = {n: (s.released_by, s.received_by) for x in ex.exchanges for s in x.sides for n in s.persons}
    assert got.get("Ryan Kell") == ("Taliban", "United States"), got
    assert got.get("Khan Durrani") == ("United States", "Taliban"), got


def test_freed_people_landing_in_a_third_country_go_to_their_own(run):
    ex: ArticleExtraction = run("Americans arrive in Oman after prisoner swap",
                                "The four Americans held for years in Iran have landed in Oman after a prisoner "
                                "swap with Iran.")
    got = {(s.released_by, s.received_by) for x in ex.exchanges for s in x.sides if s.count == 4}
    assert got == {("Iran", "United States")}


def test_a_bulleted_list_names_every_person_freed_even_those_the_tagger_missed(run):
    """An explainer's list items open with the name and a comma; the tagger knows some of
    the names as people and not others, and every one is a person freed."""
    text = ("Eleven people were released by Belarus on Friday in an exchange with Lithuania.\n\n"
            "Nine of the eleven came out of Belarusian prisons:\n\n"
            "- Marek Halloran, a reporter sentenced to ten years for espionage.\n"
            "- Dieter Salnikov, a Lithuanian-Belarusian convicted of treason.\n"
            "- Oleg Berezin, co-chair of a banned rights group, jailed in February.\n")
    ex = run("Who went free in Friday's exchange", text)
    freed = {n for s in sides_of(ex) if s.released_by == "Belarus" for n in s.persons}
    assert {"Dieter Salnikov", "Oleg Berezin"} <= freed, sides_of(ex)


def test_a_bulleted_place_is_no_person(run):
    text = ("Belarus released 40 prisoners on Friday, officials said. They went to:\n\n"
            "- Gaza City, where most of them were born.\n"
            "- Lithuania, which took in the rest.\n")
    ex = run("Prisoners freed", text)
    assert not any(p.name in ("Gaza City", "Lithuania") for p in ex.persons)


def test_a_held_group_flown_to_its_own_country_was_let_go_by_its_captor(run):
    ex = run("Deal frees jailed Americans",
             "Ten US citizens who had been jailed in Venezuela were flown to the United States on Friday "
             "after a three-way deal, officials said.")
    sides = [s for s in sides_of(ex) if s.released_by == "Venezuela"]
    assert sides and sides[0].received_by == "United States" and sides[0].count == 10, sides_of(ex)


def test_agents_flown_to_a_third_country_do_not_go_to_it(run):
    ex = run("Spies swapped",
             "Four Russian agents arrested in Norway were flown to Vienna and exchanged there for two "
             "Norwegians jailed in Russia on spying charges.")
    assert not any(s.received_by == "Austria" for s in sides_of(ex)), sides_of(ex)


def test_another_was_names_one_more_of_the_group_just_begun(run):
    ex = run("Iran frees prisoners",
             "Iran released four Britons on Monday, and they were flown to London. Among the Britons was "
             "Tobias Grell, a teacher detained in 2022. Another was Megan Ashdown, an engineer arrested "
             "at the airport last year.")
    freed = {n for s in sides_of(ex) if s.released_by == "Iran" for n in s.persons}
    assert {"Tobias Grell", "Megan Ashdown"} <= freed, sides_of(ex)


def test_another_far_from_an_among_sentence_names_no_one(run):
    ex = run("Iran frees prisoners",
             "Iran released four Britons on Monday. Among the Britons was Tobias Grell, a teacher. The "
             "talks took months. Another was Megan Ashdown, who chaired them for the ministry.")
    freed = {n for s in sides_of(ex) for n in s.persons}
    assert "Megan Ashdown" not in freed, sides_of(ex)


def test_besides_they_included_names_more_of_the_group_just_told(run):
    """"Besides the Britons A and B, they included C and D": all four are of the group; a
    nationality before a full name is no part of it."""
    ex = run("Swap frees foreign fighters",
             "Russia released ten foreign nationals who had fought for Ukraine on Wednesday. The ten "
             "foreigners were flown to Riyadh before the main handover. Besides the Britons Callum Reade "
             "and Owen Hartley, they included Mason Pryor and Dale Whitcombe, two veterans captured in June.")
    freed = {n for s in sides_of(ex) if s.released_by == "Russia" for n in s.persons}
    assert {"Callum Reade", "Owen Hartley", "Mason Pryor", "Dale Whitcombe"} <= freed, sides_of(ex)
