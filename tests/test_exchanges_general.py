"""Exchange mechanisms that must hold on unseen journalism (sentences invented for the test).

Each case exercises one construction that broke on text nobody tuned on: absolute clauses
("with A freeing X and B releasing Y"), veterans who are no prisoners of war, an extradition
told as the history of someone later swapped.
"""
from __future__ import annotations

from datetime import date

import pytest

from swapwatch.model import Article, ArticleExtraction

PUBLISHED = date(2024, 3, 16)


@pytest.fixture(scope="module")
def run():
    from swapwatch.extract.nlp import load_nlp
    from swapwatch.extract.pipeline import extract_article

    nlp = load_nlp()

    def go(text: str, published: date | None = PUBLISHED) -> ArticleExtraction:
        return extract_article(Article(id="t", text=text, published=published), nlp)

    return go


def directions(ex: ArticleExtraction) -> dict[tuple[str | None, str | None], set[str]]:
    out: dict[tuple[str | None, str | None], set[str]] = {}
    for x in ex.exchanges:
        for s in x.sides:
            out.setdefault((s.released_by, s.received_by), set()).update(s.persons)
    return out


ABSOLUTE_CASES = [
    ("Washington and Moscow traded prisoners on Thursday, with Russia freeing the former US Marine "
     "Dale Whitcombe and the United States releasing Oleg Varnakov, a Russian smuggler.",
     ("Russia", "United States", "Dale Whitcombe"), ("United States", "Russia", "Oleg Varnakov")),
    ("Kyiv and Moscow swapped detainees on Friday, with Ukraine releasing Sergei Polunin and "
     "Russia freeing Taras Hnatiuk, a Ukrainian medic.",
     ("Ukraine", "Russia", "Sergei Polunin"), ("Russia", "Ukraine", "Taras Hnatiuk")),
]


@pytest.mark.parametrize("text,first,second", ABSOLUTE_CASES)
def test_absolute_clause_gives_each_gerund_its_own_releaser(run, text, first, second):
    ex = run(text)
    assert len(ex.exchanges) == 1
    assert ex.exchanges[0].kind == "swap"
    d = directions(ex)
    for releaser, receiver, name in (first, second):
        assert name in d.get((releaser, receiver), set()), d


def test_former_soldiers_make_no_pow_exchange(run):
    ex = run("Caracas released nine Americans on Wednesday in exchange for Ramon Quintero, a businessman "
             "held in the United States. Two former US soldiers jailed since 2020 were also freed.")
    assert ex.exchanges and ex.exchanges[0].kind == "swap"


def test_soldiers_still_make_a_pow_exchange(run):
    ex = run("Russia and Ukraine swapped 40 soldiers each on Saturday.")
    assert ex.exchanges and ex.exchanges[0].kind == "pow_exchange"


def test_extradition_of_the_swapped_man_is_his_history(run):
    ex = run("Venezuela freed six Americans on Tuesday in exchange for Ramon Quintero, a businessman "
             "awaiting trial in the United States. Quintero was arrested in Portugal in 2021 and "
             "extradited to Florida the following year.")
    d = directions(ex)
    assert "Ramon Quintero" in d.get(("United States", "Venezuela"), set()), d
    assert not any(r == "Portugal" for r, _ in d), d


POW_EACH_CASES = [
    ("Armenia and Azerbaijan each returned 32 prisoners of war on Monday.", 32),
    ("Kyiv and Moscow exchanged prisoners of war on Sunday, with each side handing over 75 soldiers.", 75),
]


@pytest.mark.parametrize("text,count", POW_EACH_CASES)
def test_each_party_gives_the_same_number_of_pows(run, text, count):
    ex = run(text)
    assert len(ex.exchanges) == 1
    x = ex.exchanges[0]
    assert x.kind == "pow_exchange"
    got = sorted((s.released_by, s.received_by, s.count) for s in x.sides)
    parties = sorted({s.released_by for s in x.sides})
    assert len(parties) == 2 and None not in parties, got
    assert [c for _, _, c in got] == [count, count], got
    assert {(a, b) for a, b, _ in got} == {(parties[0], parties[1]), (parties[1], parties[0])}



def test_second_releaser_after_a_long_apposition_keeps_its_subject(run):
    ex = run("Moscow and the West traded prisoners on Friday. Estonia handed over Igor Malkov, an engineer "
             "it had accused of spying for Moscow, and the United States released the convicted hacker "
             "Pyotr Dolgikh.")
    d = directions(ex)
    assert any(r == "United States" and "Pyotr Dolgikh" in names for (r, _), names in d.items()), d
    assert any(r == "Estonia" and "Igor Malkov" in names for (r, _), names in d.items()), d


def test_single_party_named_between_receives_from_the_others(run):
    ex = run("The prisoner swap carried out in Vienna on Friday moved 14 people between Russia and the West. "
             "Russia freed the journalist Tom Ashdown. Lithuania released Denis Orlenko, and Latvia freed "
             "Kirill Bessonov.")
    d = directions(ex)
    assert "Denis Orlenko" in d.get(("Lithuania", "Russia"), set()), d
    assert "Kirill Bessonov" in d.get(("Latvia", "Russia"), set()), d
    assert not any(r == "Russia" and rec == "Russia" for r, rec in d), d


def test_freed_as_well_joins_the_release_just_told(run):
    ex = run("Belarus freed 12 political prisoners on Monday in a deal with Lithuania. They included the "
             "blogger Yuri Voronko. The painter Alesia Kruk was freed as well.")
    d = directions(ex)
    belarus = {n for (r, _), names in d.items() if r == "Belarus" for n in names}
    assert {"Yuri Voronko", "Alesia Kruk"} <= belarus, d


@pytest.mark.parametrize("org", ["the rights group Vesna", "the newspaper Novaya Gazeta"])
def test_organisation_named_after_its_noun_is_no_released_person(run, org):
    ex = run(f"Russia freed Lev Ponomarev, a co-founder of {org}, on Tuesday in exchange for Sergei Malin, "
             "a Russian spy jailed in Norway.")
    names = {n for x in ex.exchanges for s in x.sides for n in s.persons}
    assert "Lev Ponomarev" in names, names
    assert not any(w in n for n in names for w in ("Vesna", "Novaya")), names


IDENTIFIED_CASES = [
    ("Iran released four imprisoned Canadians on Monday in exchange for two Iranian engineers held in "
     "Canada. The Canadians, Mark Tolliver, Janet Ruelle, Omar Bashir and Lena Koss, landed in Toronto "
     "on Tuesday.", {"Mark Tolliver", "Janet Ruelle", "Omar Bashir", "Lena Koss"}, "Iran"),
    ("Myanmar freed three jailed Australians on Friday in a swap for a Burmese banker. The two other "
     "Australians were Colin Barwick and Ruth Hale.", {"Colin Barwick", "Ruth Hale"}, "Myanmar"),
]


@pytest.mark.parametrize("text,names,releaser", IDENTIFIED_CASES)
def test_definite_noun_naming_the_released_adds_them(run, text, names, releaser):
    ex = run(text)
    d = directions(ex)
    got = {n for (r, _), ns in d.items() if r == releaser for n in ns}
    assert names <= got, d


def test_definite_noun_of_other_people_adds_nobody(run):
    ex = run("Iran released four imprisoned Canadians on Monday. The officials, Darius Pahlavi and "
             "Reza Mofidi, said the talks had been hard.")
    names = {n for x in ex.exchanges for s in x.sides for n in s.persons}
    assert not names & {"Darius Pahlavi", "Reza Mofidi"}, names


def test_same_number_and_nationality_names_the_group_with_another_noun(run):
    ex = run("Georgia handed 14 Abkhaz fighters back on Friday, and Russia released three Georgian soldiers "
             "in return. Officials on both sides praised the deal. Talks had lasted months. The three "
             "Georgian conscripts, Levan Beridze, Giorgi Kapanadze and Nika Tsiklauri, were met by relatives.")
    d = directions(ex)
    got = {n for (r, _), ns in d.items() if r == "Russia" for n in ns}
    assert {"Levan Beridze", "Giorgi Kapanadze", "Nika Tsiklauri"} <= got, d


def test_among_those_freed_by_a_party_takes_that_direction(run):
    ex = run("The government of Sudan freed 60 rebel fighters on Monday, and the rebels released 40 soldiers "
             "in exchange. Among those freed by the rebels was Colonel Amin Osman, who had been held since 2021.")
    d = directions(ex)
    assert not any("Amin Osman" in ns for (r, _), ns in d.items() if r == "Sudan"), d


@pytest.mark.parametrize("text", [
    "Canadian man released after 19 years in prison as new DNA evidence emerges\n\nA judge in Ontario "
    "ordered him freed on Tuesday.",
    "Texas woman freed after serving 12 years for a murder she did not commit\n\nShe walked out of the "
    "county jail on Monday.",
])
def test_domestic_release_with_only_a_nationality_is_no_exchange(run, text):
    assert run(text).exchanges == []


def test_foreign_captive_with_a_captor_is_still_a_release(run):
    ex = run("Canadian aid worker released after two years in Iranian custody\n\nIran freed Mark Tolliver "
             "on Tuesday.")
    assert ex.exchanges and ex.exchanges[0].sides[0].released_by == "Iran"


@pytest.mark.parametrize("place", ["Guantanamo Bay", "Evin Prison"])
def test_place_names_are_no_released_people(run, place):
    ex = run(f"Iran freed Lena Koss and another {place} detainee on Tuesday in exchange for an Iranian "
             "engineer held in Canada.")
    names = {n for x in ex.exchanges for s in x.sides for n in s.persons}
    assert place not in names


LOCATION_CASES = [
    ("Russia and the West swapped 24 prisoners on Thursday. The handover took place at the airport in Ankara.",
     "Ankara", "Turkey"),
    ("Iran freed Lena Koss on Friday; she was exchanged for an Iranian engineer on the tarmac of Doha airport.",
     "Doha", "Qatar"),
    ("Iran and Sweden swapped prisoners on Saturday. Both men were flown to Muscat, where they were handed "
     "over, before travelling home.", "Muscat", "Oman"),
]


@pytest.mark.parametrize("text,city,country", LOCATION_CASES)
def test_location_from_airport_tarmac_and_where_clauses(run, text, city, country):
    ex = run(text)
    assert ex.exchanges
    assert ex.exchanges[0].location == {"city": city, "country": country}


def test_airport_of_a_trip_is_no_exchange_location(run):
    ex = run("Iran freed Lena Koss on Friday. Her husband had met reporters at the airport in Doha a week earlier.")
    assert ex.exchanges and ex.exchanges[0].location is None


def test_name_modifying_a_role_noun_is_no_released_person(run):
    ex = run("Russia freed 16 prisoners on Thursday in exchange for eight Russians held in the West. "
             "Ivan Sokolov, the Vesna co-founder who was freed in the exchange, thanked Germany.")
    names = {n for x in ex.exchanges for s in x.sides for n in s.persons}
    assert "Vesna" not in names, names


@pytest.mark.parametrize("text", [
    "A former trader was sentenced to eight years on Tuesday. He had moved funds through a crypto exchange "
    "in November 2022 before it collapsed.",
    "Iran freed Lena Koss on Tuesday in exchange for an Iranian engineer held in Canada. It was the third "
    "Canada-Iran exchange since 2019.",
])
def test_background_exchange_with_no_sides_is_dropped(run, text):
    ex = run(text)
    assert all(x.sides for x in ex.exchanges), [(x.date, x.kind) for x in ex.exchanges]


@pytest.mark.parametrize("text,releaser,count", [
    ("Russia released 215 people on Wednesday. Ukraine in return handed over 55 Russian servicemen and "
     "Pavel Kurin.", "Ukraine", 56),
    ("Hamas released 13 hostages on Friday. Israel in return handed over 39 Palestinian prisoners.", "Israel", 39),
])
def test_handed_over_n_is_an_exact_release_by_the_leading_party(run, text, releaser, count):
    ex = run(text)
    counts = {s.count for x in ex.exchanges for s in x.sides if s.released_by == releaser}
    assert counts == {count}, [(s.released_by, s.received_by, s.count) for x in ex.exchanges for s in x.sides]


def test_headline_count_from_one_name_yields_to_the_body_figure(run):
    ex = run("Kyiv hands back Pavel Kurin in big swap\n\nRussia released 120 people in an exchange with "
             "Ukraine on Wednesday. Kyiv in return freed 37 Russian soldiers and Pavel Kurin, a pro-Kremlin "
             "politician.")
    counts = {s.count for x in ex.exchanges for s in x.sides if "Pavel Kurin" in s.persons}
    assert counts == {38}, counts


@pytest.mark.parametrize("text,receiver", [
    ("Belarus freed 16 prisoners on Thursday in return for eight Russians held in Western countries.", "Russia"),
    # since August 2021 the Taliban are Afghanistan's rulers: the Afghans go to the Taliban
    ("The Taliban freed two Americans on Monday in return for three Afghans held at Guantanamo.", "Taliban"),
])
def test_people_given_in_return_go_to_their_own_country(run, text, receiver):
    ex = run(text)
    got = {s.received_by for x in ex.exchanges for s in x.sides if s.count in (8, 3)}
    assert got == {receiver}, [(s.released_by, s.received_by, s.count) for x in ex.exchanges for s in x.sides]


@pytest.mark.parametrize("text", [
    "Irish man released after 20 years in prison\n\nA court in Dublin ordered Liam Doyle freed on Monday.",
    "Britain's 'Godfather' released from prison after 11 years\n\nOne of England's best-known gang bosses "
    "walked out of jail on Tuesday.",
])
def test_headline_noun_phrase_is_no_releaser(run, text):
    ex = run(text)
    assert not any(s.released_by in ("Ireland", "United Kingdom") for x in ex.exchanges for s in x.sides), \
        [(s.released_by, s.received_by) for x in ex.exchanges for s in x.sides]


def test_named_person_given_in_return_goes_to_the_releaser_not_his_nationality(run):
    ex = run("Venezuela released six Americans on Wednesday in exchange for Ramon Quintero, a Colombian "
             "businessman awaiting trial in the United States.")
    d = directions(ex)
    assert "Ramon Quintero" in d.get(("United States", "Venezuela"), set()), d


def test_each_side_handing_over_keeps_both_counts_when_read_twice(run):
    ex = run("Russia and Ukraine exchanged prisoners of war on Saturday, with each side handing over 90 "
             "soldiers. Russia and Ukraine each returned 90 prisoners of war.")
    counts = sorted(s.count for x in ex.exchanges for s in x.sides)
    assert counts == [90, 90], [(s.released_by, s.received_by, s.count) for x in ex.exchanges for s in x.sides]


def test_smaller_group_also_freed_is_part_of_the_larger_side(run):
    ex = run("Caracas released nine Americans on Wednesday in exchange for Ramon Quintero, a businessman "
             "held in the United States. Three American oil workers were also freed.")
    sides_ = [(s.released_by, s.received_by, s.count) for x in ex.exchanges for s in x.sides]
    assert ("Venezuela", "United States", 9) in sides_, sides_
    assert not any(c == 3 for _, _, c in sides_), sides_


def test_also_freed_by_another_party_stays_its_own_side(run):
    ex = run("Russia freed nine Americans on Wednesday in exchange for two Russian spies. Belarus also "
             "freed three Germans.")
    releasers = {s.released_by for x in ex.exchanges for s in x.sides}
    assert "Belarus" in releasers, releasers


def test_in_return_release_goes_to_the_party_that_just_gave(run):
    ex = run("Iran freed the French teacher Claire Duval on Friday after 30 months in prison. In return, "
             "Belgium released Hassan Amiri, an Iranian engineer convicted of smuggling.")
    d = directions(ex)
    assert "Hassan Amiri" in d.get(("Belgium", "Iran"), set()), d


# -- captors, homecomings and prospects (sentences invented for the test) ----------------------

def test_a_description_coming_home_from_a_country_was_freed_by_it(run):
    ex = run("Mara Delcourt is back on the stage. The 29-year-old came home from Venezuela in "
             "January after a prisoner swap.")
    assert (("Venezuela", None) in directions(ex)) and "Mara Delcourt" in directions(ex)[("Venezuela", None)]


def test_returned_home_from_names_the_releasing_country(run):
    ex = run("Tomas Wirth returned home from Belarus in May after a prisoner exchange.")
    assert any(s.released_by == "Belarus" and "Tomas Wirth" in s.persons for x in ex.exchanges for s in x.sides)


@pytest.mark.parametrize("text", [
    "Three engineers kidnapped in Nigeria were freed on Sunday.",
    "Two aid workers held for ransom in Mali for a month were released on Friday.",
])
def test_a_country_where_kidnapped_people_were_held_is_no_captor(run, text):
    ex = run(text)
    assert ex.exchanges, "a release of hostages is in scope even with no captor named"
    assert all(s.released_by is None for x in ex.exchanges for s in x.sides)


def test_held_in_a_country_still_names_its_captor(run):
    ex = run("Two Americans held in Iran were released on Friday.")
    assert any(s.released_by == "Iran" for x in ex.exchanges for s in x.sides)


@pytest.mark.parametrize("text", [
    "Officials hinted at a possible prisoner swap for Anna Miller and Paul Jensen.",
    "Moscow Hints at Possible Prisoner Swap for Anna Miller and Paul Jensen",
])
def test_a_possible_swap_for_people_says_they_are_held_not_exchanged(run, text):
    ex = run(text)
    status = {p.name: p.status for p in ex.persons}
    assert status == {"Anna Miller": "detained", "Paul Jensen": "detained"}
    assert not ex.exchanges


def test_a_swap_with_a_country_for_people_says_who_holds_them(run):
    ex = run("Her name has come up in talk of a potential prisoner swap with Iran for British "
             "citizens such as the teacher Alan Pemberton.")
    held = {p.name: p.held_by for p in ex.persons}
    assert held.get("Alan Pemberton") == "Iran"
    assert all(p.status == "detained" for p in ex.persons)


def test_the_jailed_leader_refers_back_to_the_one_name_before(run):
    ex = run("On Anna Petrova's 70th Birthday, Candles, Then Raids\n\n"
             "Crowds in Minsk lit candles on Sunday in support of the jailed opposition leader.")
    assert {p.name: p.status for p in ex.persons} == {"Anna Petrova": "detained"}


def test_the_jailed_leader_after_two_names_is_no_guess(run):
    ex = run("Nay Win and Thura Aung spoke on Sunday.\n\n"
             "Crowds lit candles in support of the jailed opposition leader.")
    assert not any(p.status == "detained" for p in ex.persons)


def test_a_singular_indefinite_person_counts_one(run):
    ex = run("Iran said it had freed a French engineer, Luc Marchand, in exchange for the "
             "release of an Iranian diplomat.")
    counts = sorted((s.count for x in ex.exchanges for s in x.sides), key=lambda c: (c is None, c))
    assert counts == [1, 1]


def test_afghanistan_after_the_taliban_took_power_is_the_taliban(run):
    ex = run("Afghanistan freed an American contractor, Dan Pryor, on Monday in exchange for an "
             "Afghan militia leader held by the United States.", published=date(2022, 9, 20))
    parties = {p for x in ex.exchanges for s in x.sides for p in (s.released_by, s.received_by) if p}
    assert parties == {"Taliban", "United States"}


def test_afghanistan_before_the_taliban_took_power_stays_afghanistan(run):
    ex = run("Afghanistan freed two American contractors on Monday.", published=date(2019, 11, 20))
    assert {s.released_by for x in ex.exchanges for s in x.sides} == {"Afghanistan"}


def test_a_headline_person_held_by_a_demonym_before_coming_home(run):
    ex = run("Nurse tortured by Russians and held for five months before coming home in prisoner swap")
    assert {s.released_by for x in ex.exchanges for s in x.sides} == {"Russia"}


def test_a_label_word_is_no_name(run):
    ex = run("Doctor held for months before coming home in prisoner swap • Exclusive: markets fall")
    assert not any("Exclusive" in s.persons for x in ex.exchanges for s in x.sides)
    assert not any(p.name == "Exclusive" for p in ex.persons)


def test_some_of_the_freed_named_after_a_colon_join_the_release(run):
    ex = run("Iran released four American prisoners on Monday in exchange for four Iranians held in the "
             "United States.\n\nTwo of the freed Americans were named: Daniel Hale, a teacher; and "
             "Laura Finch, an engineer.")
    side = next(s for x in ex.exchanges for s in x.sides if s.released_by == "Iran")
    assert set(side.persons) == {"Daniel Hale", "Laura Finch"} and side.count == 4


def test_as_were_adds_the_people_to_the_release(run):
    ex = run("The activist Marta Sokol was freed by Russia on Thursday, as were the reporters Ivan Drozd "
             "and Lena Kraus.")
    assert {n for x in ex.exchanges for s in x.sides for n in s.persons} >= {"Ivan Drozd", "Lena Kraus"}
    assert {p.name: p.status for p in ex.persons}.get("Ivan Drozd") in ("released", "exchanged")


def test_a_mediator_that_also_hosts_the_handover(run):
    ex = run("Iran freed Lena Koss on Monday in exchange for an Iranian engineer, completing a deal "
             "mediated by Qatar. The two were exchanged at Doha airport.")
    x = ex.exchanges[0]
    assert x.location and x.location["city"] == "Doha"
    assert x.mediators == ["Qatar"]


def test_a_count_below_the_names_on_a_side_is_dropped(run):
    ex = run("Three prisoners were freed by Belarus on Friday: Ales Bialy, Maria Zhuk and Igor Lenz. "
             "Among those released by Belarus were also Pavel Nosov and Olga Vinnik.")
    side = next(s for x in ex.exchanges for s in x.sides if len(s.persons) == 5)
    assert side.count is None


@pytest.mark.parametrize("text", [
    "The arrest comes after Washington and Moscow exchanged prisoners in two high-profile cases last year.",
    "The two countries have swapped prisoners twice since the war began.",
])
def test_several_exchanges_told_at_once_are_no_record(run, text):
    assert not run(text).exchanges


@pytest.mark.parametrize("text", [
    "The striker Lena Koss was cheered at the awards on Saturday, months after she was freed from an "
    "Iranian prison.",
    "Two years after his release from a Russian prison, Tom Reeve was hurt fighting in Ukraine.",
])
def test_a_release_long_before_the_news_is_no_record(run, text):
    assert not run(text).exchanges


def test_hours_after_a_release_is_still_the_news(run):
    ex = run("The Americans landed in Doha on Monday, hours after being released by Iran.")
    assert ex.exchanges


def test_an_extradition_in_a_relative_clause_is_the_persons_past(run):
    ex = run("Russia freed Dana Kell on Thursday in exchange for Oleg Vash, an arms dealer who was arrested "
             "in Thailand in 2008 and extradited to the United States.")
    status = {p.name: (p.status, p.held_by) for p in ex.persons}
    assert status["Dana Kell"] == ("exchanged", "Russia")
    assert {s.released_by for x in ex.exchanges for s in x.sides if "Oleg Vash" in s.persons} == {"United States"}


def test_a_first_visit_since_a_release_is_no_release(run):
    ex = run("The striker Lena Koss returned to Texas for a game on Wednesday, her first visit since being "
             "released from an Iranian prison.")
    assert not ex.exchanges


def test_a_furlough_is_no_release(run):
    ex = run("The activist Mina Rahimi was briefly released from prison on Monday for heart surgery.")
    assert not ex.exchanges
    assert all(p.status != "released" for p in ex.persons)


def test_the_one_held_before_being_released_is_not_the_releaser(run):
    """'the former U.S. Marine who was held in Russia ... before being released': the governing
    subject of a passive gerund is the one freed, so the United States let nobody go."""
    ex = run("Dale Romer, the former U.S. Marine who was held in Russia for three years before being released "
             "in a prisoner swap in April 2023, has been injured while fighting in Ukraine, officials said Tuesday.")
    assert ("United States", None) not in directions(ex)


@pytest.mark.parametrize("text", [
    "In the letter to his family, released to a newspaper in Sydney, Robert Pellow also says he fears for "
    "his health in an Iraqi jail.",
    "His family says the ruling strengthens the case for freeing Robert Pellow, jailed in Baghdad since 2021.",
    'Lena Farrokh, author of the memoir "Home Is a Stranger," says morality police in Iran detained her.',
])
def test_a_letter_released_an_argument_for_freeing_and_a_title_are_no_release(run, text):
    assert not run(text).exchanges


def test_thanks_for_freeing_is_still_a_release(run):
    ex = run("Officials gave credit to Qatar for freeing Robert Pellow from an Iranian prison on Monday.")
    assert [x.kind for x in ex.exchanges] == ["unilateral_release"]


def test_abducted_from_home_is_no_homecoming(run):
    assert not run("A bombing suspect in US custody was abducted from home by a warlord, his lawyer says.").exchanges


def test_a_speakers_own_count_of_people_brought_home_is_a_record_not_an_event(run):
    assert not run("Former president: 'I brought 58 hostages home and never paid anything'").exchanges


def test_bringing_manufacturing_home_is_no_return(run):
    assert not run("We are also bringing semiconductor manufacturing back home from Gaza and Russia.").exchanges
    assert run("Israel is bringing 13 hostages home from Gaza today.").exchanges


def test_a_move_to_house_arrest_under_a_swap_deal_is_no_release(run):
    ex = run("Americans detained in Iran moved to house arrest under prisoner swap deal\n\nIran has released "
             "from prison five Americans who were unjustly detained and has placed them on house arrest.")
    assert not ex.exchanges


def test_freed_in_a_swap_deal_is_still_a_release(run):
    ex = run("Two Americans freed in prisoner swap deal\n\nVenezuela freed two Americans on Friday as part of a "
             "prisoner swap deal with the United States.")
    assert ex.exchanges


def test_a_thing_repatriated_is_no_one_returned():
    from swapwatch.extract.nlp import load_nlp
    from swapwatch.extract.triggers import verb_trigger

    doc = load_nlp()("A plane used during the dictatorship to throw detainees alive into the sea has been "
                     "repatriated from the U.S. and will be placed on display at a museum.")
    assert [verb_trigger(t) for t in doc if t.lower_ == "repatriated"] == [None]


def test_a_relative_clause_on_the_captor_names_no_captor(run):
    ex = run("Mara Velkova, a researcher kidnapped in Baghdad in 2023, has been released by the militia "
             "that held her and is in the care of US officials, the State Department said on Tuesday.")
    sides = [s for x in ex.exchanges for s in x.sides]
    assert sides and not any(s.released_by == "United States" for s in sides), sides


def test_a_hostage_transferred_by_the_red_cross_was_released_and_not_by_it(run):
    ex = run("The office announces that the abductee Omer Tal, a soldier, has been transferred by the Red "
             "Cross to army forces inside the Gaza Strip. The government embraces Omer upon his return home "
             "after 400 days in captivity.")
    sides = [s for x in ex.exchanges for s in x.sides]
    assert sides and "Omer Tal" in {n for s in sides for n in s.persons}, ex.exchanges
    assert not any(s.released_by == "International Committee of the Red Cross" for s in sides), sides
    p = next(p for p in ex.persons if p.name == "Omer Tal")
    assert p.held_by != "International Committee of the Red Cross"


def test_transferred_to_a_penal_colony_is_no_release(run):
    ex = run("Omer Tal, a French teacher jailed for espionage, was transferred to a penal colony in the "
             "Urals on Monday, his lawyer said.")
    assert ex.exchanges == []


def test_arranged_for_his_return_is_a_return_that_happened(run):
    ex = run("After months of talks, Washington was able to arrange for Gul Noorani's return to Afghanistan "
             "on Monday in exchange for the release of Mark Lane, an American engineer held by the Taliban.")
    assert ex.exchanges, ex


def test_a_present_perfect_release_takes_no_last_month_of_another_clause(run):
    """ "has been released from Niger, where a junta overthrew the president last month": the
    parser may hang "last month" on the release; a present perfect takes no such date."""
    ex = run("French counselor Luc Morand has been released from Niger, where a junta overthrew President "
             "Amadou Sani last month and ordered French officials to leave.")
    assert ex.exchanges and ex.exchanges[0].date[:7] == "2024-03", ex.exchanges


def test_a_date_after_an_arrest_participle_is_the_arrests(run):
    """ "Two aid workers kidnapped in Mali last year released": the parser may hang "last year"
    on the release; it follows the reduced relative's "kidnapped", whose date it is."""
    ex = run("Two aid workers kidnapped in Mali last year released\n\nBoth are in good health, their employer "
             "said.")
    assert [(e.date[:7], e.background) for e in ex.exchanges] == [("2024-03", False)], ex.exchanges
