"""Constructions the small English parser gets wrong, read right all the same (invented text,
invented people). Each was missed before extractor v7:
- "freed X, a researcher jailed for ..., in exchange for Y": the idiom hung inside the apposition;
- "in exchange for two Swedes held by Iran, A and B": the names hung on the main verb;
- "Two aid workers held hostage in Mali were freed": "hostage" parsed as the one freed, the
  numeral hung on "aid";
- a country hostages were held "in" is no captor when the article says gunmen took them;
- "A, B and C were handed to the Red Cross": a release, and the side of their number;
- "Coordination Headquarters: ..." in a headline is an office, not a person;
- "hostages held in Gaza were released": let go by the group that holds them there (gazetteer);
- "X, the Belarusian blogger, was freed along with 13 other prisoners. Also among those released
  was Y": one side of 14, let go by Belarus (his nationality is no receiver);
- "Hamas freed A and B": the parser cut "Hamas" off as a sentence (a lowercase word now never
  opens one after a word);
- "handed over 32 servicemen": "over" hung on the number as "more than";
- "Kyiv said 130 soldiers came home": the teller is home, and soldiers come home from the war's
  other side in an exchange;
- "released X, a Colombian businessman, in exchange for 10 Americans held in Venezuela": X goes to
  Venezuela, not to his passport's country;
- "the twins Emma and Yuli Kessler": Emma Kessler;
- "freed 39 Palestinians, 24 women and 15 teenage boys": 39, not 78;
- "Hamas handed 13 women to the Red Cross": a release by Hamas;
- "freed together with his mother, X, and grandmother, Y": X and Y are freed too (and listed as
  freed people, whatever their role word);
- "Ten Thai nationals and one Filipino": "Ten" parsed as a compound, and the parser's one-word
  sentence at the start of a paragraph ("Ten | Thai nationals ...");
- "X, who was abducted from a festival, was one of the hostages freed in exchange": X is freed,
  by the group holding the hostages, opposite the prisoners released;
- "Among them were the twins A and B, from Kfar Aza": a place is no person, and the named join
  the counted hostages once they are the holding group's.
"""
from __future__ import annotations

from conftest import sides_by_direction as sides_of


def test_in_exchange_for_hung_inside_an_apposition_still_names_the_other_half(extract_item):
    ex = extract_item("Moscow frees French researcher",
                      "Russia on Friday freed Luc Aubertin, a French researcher jailed for three years for "
                      "failing to register as a foreign agent, in exchange for Pavel Serov, a Russian "
                      "basketball player held in France at Washington's request.")
    assert sides_of(ex) == {("Russia", "France"): (1, ("Luc Aubertin",)),
                            ("France", "Russia"): (1, ("Pavel Serov",))}
    assert ex.exchanges[0].kind == "swap"


def test_names_after_a_counted_group_are_its_people(extract_item):
    ex = extract_item("Sweden swaps convicted official",
                      "Sweden released Karim Tavassoli, a former prison official serving a life sentence, "
                      "on Saturday in exchange for two Swedes held by Iran, Erik Lindqvist and Sara Holm.")
    got = sides_of(ex)
    assert got[("Iran", "Sweden")] == (2, ("Erik Lindqvist", "Sara Holm"))
    assert not {"Erik Lindqvist", "Sara Holm"} & set(ex.not_detainees)


def test_names_after_a_counted_group_do_not_add_to_its_count(extract_item):
    ex = extract_item("Sweden swaps convicted official",
                      "Sweden released Karim Tavassoli on Saturday in exchange for three Swedes held by Iran, "
                      "Erik Lindqvist and Sara Holm.")
    assert sides_of(ex)[("Iran", "Sweden")][0] == 3


def test_a_name_joined_to_a_counted_group_without_a_comma_adds_one(extract_item):
    ex = extract_item("Prisoners exchanged",
                      "Russia handed over 55 servicemen and Oleh Marchenko, a civilian, to Ukraine on Tuesday.")
    assert sides_of(ex)[("Russia", "Ukraine")][0] == 56


def test_hostages_the_parser_misreads_are_still_the_ones_freed(extract_item):
    ex = extract_item("Aid workers freed in Mali",
                      "Two German aid workers held hostage in Mali were freed on Friday, the foreign ministry "
                      "said. They had been kidnapped in March near Gao by gunmen linked to al-Qaeda.")
    assert sides_of(ex) == {(None, "Germany"): (2, ())}



def test_people_handed_to_the_red_cross_are_the_side_of_their_number(extract_item):
    ex = extract_item("Three hostages freed",
                      "Hamas freed three Israeli women on Sunday, and Israel released 90 Palestinian prisoners "
                      "on Monday.\n\nMaya Cohen, 24, Noa Peretz, 28, and Tamar Shani, 31, were handed to the Red "
                      "Cross in Gaza City in the afternoon.")
    got = sides_of(ex)
    assert got[("Hamas", "Israel")] == (3, ("Maya Cohen", "Noa Peretz", "Tamar Shani"))
    assert not any(people for key, (_, people) in got.items() if key[0] == "Israel")


def test_a_letter_handed_to_someone_frees_no_one(extract_item):
    ex = extract_item("Envoy meets families",
                      "A letter from the families was handed to the ambassador on Monday.")
    assert ex.exchanges == []


def test_an_office_in_a_headline_label_is_no_person(extract_item):
    ex = extract_item("Coordination Headquarters: 390 Ukrainians returned home",
                      "Russia and Ukraine exchanged 390 prisoners each on Friday.")
    assert "Coordination Headquarters" not in {n for x in ex.exchanges for s in x.sides for n in s.persons}


def test_hostages_held_in_gaza_are_let_go_by_the_group_that_holds_them(extract_item):
    ex = extract_item("Hostages return",
                      "The last 20 living hostages held in Gaza were released on Monday, and Israel freed "
                      "1,968 Palestinian prisoners in return.")
    assert ("Hamas", "Israel") in sides_of(ex)
    assert not any(key[0] == "Palestine" for key in sides_of(ex))


def test_among_those_released_joins_the_one_release_told(extract_item):
    ex = extract_item("Belarus frees opposition blogger",
                      "Anton Marchuk, the Belarusian opposition blogger, was freed on Saturday along with 13 other "
                      "prisoners.\n\nAlso among those released was Pavel Zhuk, a freelance journalist.")
    got = sides_of(ex)
    assert list(got) == [("Belarus", None)]
    assert set(got[("Belarus", None)][1]) == {"Anton Marchuk", "Pavel Zhuk"}


def test_along_with_n_others_counts_the_one_named(extract_item):
    ex = extract_item("Prisoners freed", "Belarus freed Anton Marchuk on Saturday along with 13 other prisoners.")
    assert sides_of(ex)[("Belarus", None)] == (14, ("Anton Marchuk",))


def test_a_subject_the_parser_cuts_off_as_a_sentence_still_frees(extract_item):
    ex = extract_item("Two elderly women released", "Hamas freed Ada Levi, 85, and Rina Cohen, 79, on Monday.")
    assert sides_of(ex) == {("Hamas", None): (2, ("Ada Levi", "Rina Cohen"))}


def test_handed_over_before_a_number_is_the_verb_particle(extract_item):
    ex = extract_item("Prisoners exchanged",
                      "Azerbaijan handed over 32 Armenian servicemen on Wednesday in return for two Azerbaijani "
                      "soldiers held by Armenia.")
    got = sides_of(ex)
    assert got[("Azerbaijan", "Armenia")][0] == 32 and got[("Armenia", "Azerbaijan")][0] == 2


def test_the_party_telling_of_a_homecoming_of_soldiers_received_them(extract_item):
    ex = extract_item("Easter homecoming for Ukrainian prisoners", "Kyiv said 130 soldiers came home on Sunday.")
    assert sides_of(ex) == {("Russia", "Ukraine"): (130, ())}
    assert ex.exchanges[0].kind == "pow_exchange"


def test_the_one_traded_goes_to_the_party_that_let_the_others_go(extract_item):
    ex = extract_item("US frees businessman",
                      "The United States released Alvaro Peña, a Colombian businessman, on Wednesday in exchange "
                      "for 10 Americans held in Venezuela.")
    got = sides_of(ex)
    assert got[("United States", "Venezuela")] == (1, ("Alvaro Peña",))
    assert got[("Venezuela", "United States")][0] == 10


def test_a_lone_given_name_joined_to_a_full_name_in_a_family_takes_its_surname(extract_item):
    ex = extract_item("Hostages freed",
                      "Hamas freed the twins Emma and Yuli Kessler on Monday. Putin and Joe Biden spoke later.")
    assert {n for x in ex.exchanges for s in x.sides for n in s.persons} == {"Emma Kessler", "Yuli Kessler"}
    assert "Putin Biden" not in ex.not_detainees


def test_a_given_name_of_someone_named_in_full_takes_no_other_surname(extract_item):
    ex = extract_item("Statement", "Evan Marsh and Brittney Gale are wrongfully detained. Russia should release "
                                   "Evan and Paul Whelan, brothers, at once.")
    names = {p.name for p in ex.persons} | set(ex.not_detainees)
    assert "Evan Whelan" not in names


def test_a_breakdown_after_a_count_is_not_added_to_it(extract_item):
    ex = extract_item("Prisoners freed",
                      "Israel on Friday freed 39 Palestinians, 24 women and 15 teenage boys, under the truce deal.")
    assert sides_of(ex)[("Israel", "Palestine")][0] == 39


def test_people_handed_to_the_red_cross_by_a_group_are_freed_by_it(extract_item):
    ex = extract_item("Hostages freed",
                      "Hamas handed 13 Israeli women and children to the Red Cross on Friday.")
    assert sides_of(ex) == {("Hamas", "Israel"): (13, ())}


def test_relatives_freed_together_with_someone_are_freed(extract_item):
    ex = extract_item("Hostages freed",
                      "Hamas freed 13 hostages on Friday. Among them was nine-year-old Noam Adler, freed together "
                      "with his mother, Keren Adler, and grandmother, Ruth Adler.")
    people = {n for x in ex.exchanges for s in x.sides for n in s.persons}
    assert {"Noam Adler", "Keren Adler", "Ruth Adler"} <= people
    status = {p.name: p.status for p in ex.persons}
    assert status.get("Keren Adler") in ("released", "exchanged"), status


def test_counted_nationals_hung_as_a_compound_keep_their_count(extract_item):
    ex = extract_item("Workers freed",
                      "Ten Thai nationals and one Filipino were released by Hamas on Friday.")
    assert sides_of(ex) == {("Hamas", "Thailand"): (10, ()), ("Hamas", "Philippines"): (1, ())}


def test_one_of_the_hostages_freed_in_exchange_is_freed_by_their_holder(extract_item):
    ex = extract_item("Second round",
                      "Israel released 39 Palestinian prisoners on Saturday night. Noa Peretz, 21, who was abducted "
                      "from a music festival, was one of the hostages freed in exchange.")
    assert sides_of(ex).get(("Hamas", "Israel")) == (None, ("Noa Peretz",))


def test_names_among_hostages_held_in_gaza_join_the_counted_release(extract_item):
    ex = extract_item("Hostages return",
                      "The last 20 living hostages held in Gaza were released on Monday, and Israel freed 1,968 "
                      "Palestinian prisoners in return.\n\nHamas handed the hostages to the Red Cross in two groups. "
                      "Among them were the twins Gali and Ziv Adler, from Kfar Aza; and Omer Shani, a pianist.")
    hamas = [(s.count, set(s.persons)) for x in ex.exchanges for s in x.sides if s.released_by == "Hamas"]
    assert len(hamas) == 1
    count, people = hamas[0]
    assert count == 20 and {"Gali Adler", "Ziv Adler", "Omer Shani"} <= people
    assert "Kfar Aza" not in {p.name for p in ex.persons}


def test_freed_in_an_exchange_with_a_party_was_let_go_by_it(extract_item):
    ex = extract_item("Ex-Marine hurt abroad",
                      "After being freed last year in a prisoner exchange with Russia, Tom Alder is injured in Ukraine.")
    assert {k[0] for k in sides_of(ex)} == {"Russia"}


def test_officials_who_freed_someone_from_a_custody_received_her(extract_item):
    ex = extract_item("Freed player seen at a golf event",
                      "Tina Moor was seen at a golf event on Friday, her first public outing since U.S. "
                      "officials freed her from Russian custody in January.")
    assert set(sides_of(ex)) == {("Russia", "United States")}


def test_a_pronoun_between_two_named_people_is_no_guess(extract_item):
    ex = extract_item("Background press call on the release of Tina Moor",
                      "Russia freed Tina Moor today in exchange for Ivan Petrov. As you know, Roger Dale was able "
                      "to greet BG on the tarmac upon her release this morning.")
    assert not any("Roger" in n for x in ex.exchanges for s in x.sides for n in s.persons)
    assert not any(p.name == "Roger" and p.status for p in ex.persons)


def test_a_diplomat_freed_is_on_the_side(extract_item):
    ex = extract_item("Two countries swap prisoners",
                      "Iran freed the Swedish European Union diplomat Jon Vale and a second Swede, Sami Rad, on "
                      "Saturday in exchange for Hadi Nour, a former prison official serving a life sentence in Sweden.")
    sides = {(s.released_by, s.received_by): s for x in ex.exchanges for s in x.sides}
    assert set(sides[("Iran", "Sweden")].persons) == {"Jon Vale", "Sami Rad"}


def test_a_hostage_told_of_alone_is_freed_by_the_events_group(extract_item):
    ex = extract_item("Second group of hostages freed",
                      "Hamas freed 13 Israeli hostages held in Gaza on Saturday in exchange for 39 Palestinian "
                      "prisoners. Ada Levi, a girl from the same kibbutz, was freed without her mother, Rina "
                      "Levi, who is still being held in Gaza.")
    releasers = {s.released_by for x in ex.exchanges for s in x.sides if "Ada Levi" in s.persons}
    assert releasers == {"Hamas"}


def test_a_writers_sister_described_by_a_copula_is_not_held(extract_item):
    """A feed item's last line describes its author: "X is a film-maker, activist and sister of the
    imprisoned writer Y" holds Y, never X; the feed's "Continue reading" link is no part of a name."""
    ex = extract_item("An intervention today is all that stands between my brother and death | Laila Fahmy",
                      "My brother Omar Fahmy is on hunger strike in an Egyptian prison. He has been in prison "
                      "for nine years for his writings. Laila Fahmy is a film-maker, activist and sister of the "
                      "imprisoned writer Omar Fahmy Continue reading...", published="2022-11-07")
    names = {p.name for p in ex.persons}
    assert "Laila Fahmy" not in names, names
    assert not any("Continue" in n for n in names), names
    assert "Laila Fahmy" in ex.not_detainees


def test_reports_that_only_suggested_a_kidnapping_hold_no_one(extract_item):
    """A feed item's summary runs into its text: "... suggested she had been taken hostage Mira X,
    a Canadian-born activist, ..." makes neither a hostage title nor a taking that happened."""
    ex = extract_item("Activist thought to have been kidnapped was killed in the attack",
                      "Officials confirm Mira Dahan, 74, killed after initial reports suggested she had been "
                      "taken hostage Mira Dahan, a Canadian-born activist who spent decades working for peace, "
                      "has been confirmed killed after initial reports suggested she had been kidnapped during "
                      "the attacks.", published="2023-11-14")
    assert "Mira Dahan" not in {p.name for p in ex.persons}, ex.persons


def test_a_relative_clause_between_two_freed_people_keeps_the_first(extract_item):
    """"A, whose family business had kept him in the country for years, and B were freed": the
    parser ends A's relative clause with "and B were freed"."""
    ex = extract_item("Taliban free Americans",
                      "In January, Dale Orvis, whose family business in Kabul had kept him in the country for years, "
                      "and Wes Tamblyn were freed by the Taliban in exchange for Gul Noorani, an Afghan "
                      "fighter serving a life sentence in California.")
    freed = {n for x in ex.exchanges for s in x.sides if s.released_by == "Taliban" for n in s.persons}
    assert {"Dale Orvis", "Wes Tamblyn"} <= freed, ex.exchanges
