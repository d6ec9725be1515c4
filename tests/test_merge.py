"""Merging hand-built extractions: one record per real exchange and per real person.

All people here are invented; the extractions are built by hand, so no spaCy is needed.
"""
from __future__ import annotations

import itertools
from dataclasses import asdict
from datetime import date

import pytest

from swapwatch.merge import merge
from swapwatch.model import ArticleExtraction, Evidence, ExchangeMention, MergedRecords, PersonMention, SideMention

RU, US, UA, DE = "Russia", "United States", "Ukraine", "Germany"


def ev(article: str, field: str = "", start: int = 0) -> Evidence:
    return Evidence(article, start, start + 10, f"a sentence of {article}", "swapwatch.test.v1", field)


def side(released_by, received_by, count=None, persons=(), article="a") -> SideMention:
    return SideMention(released_by, received_by, count, list(persons), [ev(article, "count")])


def exchange(day, *sides, article="a", kind="swap", total=None, precision=None, background=False,
             location=None, mediators=()) -> ExchangeMention:
    precision = precision or {10: "day", 7: "month", 4: "year"}[len(day)] if day else None
    for s in sides:
        s.evidence = [ev(article, "count")]
    return ExchangeMention(date=day, date_precision=precision, kind=kind, total=total, sides=list(sides),
                           background=background, location=location, mediators=list(mediators),
                           evidence=[ev(article, "date")])


def person(name, article="a", status=None, **kw) -> PersonMention:
    return PersonMention(name=name, status=status, evidence=[ev(article, "status")], **kw)


def article(aid, exchanges=(), persons=(), officials=()) -> ArticleExtraction:
    return ArticleExtraction(aid, "test", list(exchanges), list(persons), list(officials))


def run(extractions, published=None) -> MergedRecords:
    return merge(list(extractions), published or {})


def by_name(records: MergedRecords, name: str):
    hits = [p for p in records.persons if p.name == name]
    assert len(hits) == 1, [p.name for p in records.persons]
    return hits[0]


# ------------------------------------------------------------------ the two-outlet swap

def two_outlets() -> list[ArticleExtraction]:
    a = article("outlet-a", [exchange("2031-03-05",
                                      side(RU, US, 16, ["Dmitri Volkov"]),
                                      side(US, RU, 8, ["Yevgenia Marchenko"]),
                                      article="outlet-a", total=24)],
                [person("Dmitri Volkov", "outlet-a", "exchanged", aliases=["Volkov"], held_by=RU),
                 person("Yevgenia Marchenko", "outlet-a", "exchanged", held_by=US)])
    b = article("outlet-b", [exchange("2031-03-06",
                                      side(RU, US, 18, ["Dmitry Volkov"]),
                                      side(US, RU, 8, ["Evgenia Marchenko"]),
                                      article="outlet-b", total=26)],
                [person("Dmitry Volkov", "outlet-b", "released", held_by=RU),
                 person("Evgenia Marchenko", "outlet-b", "released")])
    c = article("outlet-c", [exchange("2031-03-05", side(RU, US, 16, ["Dmitri Volkov"]), article="outlet-c",
                                      kind="unilateral_release", total=24)],
                [person("Dmitri Volkov", "outlet-c", "released")])
    return [a, b, c]


def test_two_outlets_make_one_exchange():
    r = run(two_outlets())
    assert len(r.exchanges) == 1
    x = r.exchanges[0]
    assert x.articles == ["outlet-a", "outlet-b", "outlet-c"]
    assert x.kind == "swap"
    assert x.date == "2031-03-05" and x.date_precision == "day"
    assert [(s.released_by, s.received_by) for s in x.sides] == [(RU, US), (US, RU)]


def test_spelling_variants_make_one_person_with_aliases():
    r = run(two_outlets())
    assert sorted(p.name for p in r.persons) == ["Dmitri Volkov", "Yevgenia Marchenko"]
    volkov = by_name(r, "Dmitri Volkov")
    assert volkov.aliases == ["Dmitry Volkov", "Volkov"]
    assert volkov.articles == ["outlet-a", "outlet-b", "outlet-c"]
    assert by_name(r, "Yevgenia Marchenko").aliases == ["Evgenia Marchenko"]
    x = r.exchanges[0]
    assert x.sides[0].persons == ["Dmitri Volkov"]
    assert x.sides[1].persons == ["Yevgenia Marchenko"]


def test_disputed_counts_keep_majority_and_record_conflict():
    x = run(two_outlets()).exchanges[0]
    assert x.total == 24
    assert x.sides[0].count == 16
    conflicts = {c.field: c.values for c in x.conflicts}
    assert conflicts["total"] == [{"value": 24, "articles": ["outlet-a", "outlet-c"]},
                                  {"value": 26, "articles": ["outlet-b"]}]
    assert conflicts["sides[0].count"] == [{"value": 16, "articles": ["outlet-a", "outlet-c"]},
                                           {"value": 18, "articles": ["outlet-b"]}]
    assert "sides[1].count" not in conflicts


def test_day_precise_dates_disagreeing_keep_majority_with_conflict():
    x = run(two_outlets()).exchanges[0]
    assert {c.field: c.values for c in x.conflicts}["date"] == [
        {"value": "2031-03-05", "articles": ["outlet-a", "outlet-c"]},
        {"value": "2031-03-06", "articles": ["outlet-b"]}]


def test_swap_makes_released_people_exchanged():
    r = run(two_outlets())
    for name in ("Dmitri Volkov", "Yevgenia Marchenko"):
        p = by_name(r, name)
        assert p.status == "exchanged", p.history
        assert {e.status for e in p.history} == {"exchanged"}


def test_held_by_falls_back_to_the_releasing_side():
    r = run(two_outlets())
    assert by_name(r, "Yevgenia Marchenko").held_by == US
    assert by_name(r, "Dmitri Volkov").held_by == RU


def test_evidence_is_the_union_of_sources():
    r = run(two_outlets())
    x = r.exchanges[0]
    assert {e.article_id for e in x.evidence} == {"outlet-a", "outlet-b", "outlet-c"}
    assert {e.article_id for e in x.sides[0].evidence} == {"outlet-a", "outlet-b", "outlet-c"}
    assert {e.article_id for e in by_name(r, "Dmitri Volkov").evidence} == {"outlet-a", "outlet-b", "outlet-c"}


# ------------------------------------------------------------------ determinism

def four_articles() -> list[ArticleExtraction]:
    d = article("outlet-d", [exchange("2031-03", side(RU, None, None, ["Volkov"]), article="outlet-d",
                                      kind="unilateral_release", background=True)],
                [person("Volkov", "outlet-d", "released", status_date="2031-03")],
                officials=["Ivan Petrenko"])
    return [*two_outlets(), d]


def test_all_orders_of_four_articles_give_identical_records():
    items = four_articles()
    expected = asdict(run(items))
    for perm in itertools.permutations(items):
        assert asdict(run(perm)) == expected


def test_ids_are_derived_from_content():
    r1, r2 = run(two_outlets()), run(list(reversed(two_outlets())))
    assert [x.id for x in r1.exchanges] == [x.id for x in r2.exchanges]
    assert [p.id for p in r1.persons] == [p.id for p in r2.persons]
    assert all(x.id.startswith("x-") and len(x.id) == 14 for x in r1.exchanges)
    assert all(p.id.startswith("p-") and len(p.id) == 14 for p in r1.persons)


def test_ids_stay_when_an_unrelated_article_is_added():
    before = run(two_outlets())
    other = article("zz-other", [exchange("2033-07-01", side(UA, RU, 90), article="zz-other",
                                          kind="pow_exchange")],
                    [person("Mykola Hrytsenko", "zz-other", "detained")])
    after = run([*two_outlets(), other])
    assert len(after.exchanges) == 2 and len(after.persons) == 3
    assert before.exchanges[0].id in {x.id for x in after.exchanges}
    assert {p.id for p in before.persons} <= {p.id for p in after.persons}


def test_duplicate_extraction_of_one_article_counts_once():
    items = two_outlets()
    r = run([*items, items[1]])
    assert r.exchanges[0].articles == ["outlet-a", "outlet-b", "outlet-c"]
    assert asdict(r) == asdict(run(items))


def test_newest_extractor_version_of_an_article_wins():
    old = article("a", [exchange("2031-03-05", side(RU, US, 1, ["Dmitri Volkov"]), article="a")],
                  [person("Dmitri Volkov", "a", "released")])
    new = article("a", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), article="a")],
                  [person("Pavel Sorokin", "a", "released")])
    old.extractor_version, new.extractor_version = "x.v1", "x.v2"
    assert [p.name for p in run([new, old]).persons] == ["Pavel Sorokin"]


def test_empty_input_gives_empty_records():
    assert run([]) == MergedRecords()


# ------------------------------------------------------------------ background recalls

def test_month_recall_merges_into_the_day_record():
    r = run(four_articles())
    assert len(r.exchanges) == 1
    x = r.exchanges[0]
    assert x.date == "2031-03-05" and x.date_precision == "day"
    assert "outlet-d" in x.articles
    assert len(x.sides) == 2           # the recall's side without a receiver joined the known one


def test_year_recall_without_parties_joins_the_only_candidate():
    news = article("n", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), article="n")],
                   [person("Pavel Sorokin", "n", "released")])
    recall = article("r", [exchange("2031", article="r", kind="unilateral_release", background=True)])
    r = run([news, recall])
    assert len(r.exchanges) == 1 and r.exchanges[0].articles == ["n", "r"]


def test_recall_fitting_two_exchanges_equally_stays_apart():
    one = article("d1", [exchange("2031-05-02", side(RU, None, 9), article="d1", kind="unilateral_release")])
    two = article("d2", [exchange("2031-05-20", side(RU, None, 4), article="d2", kind="unilateral_release")])
    vague = article("m", [exchange("2031-05", side(RU, US, None, ["Anna Lebedeva"]), article="m",
                                   kind="unilateral_release", background=True)],
                    [person("Anna Lebedeva", "m", "released")])
    r = run([one, two, vague])
    assert len(r.exchanges) == 3
    assert [x.articles for x in r.exchanges] == [["m"], ["d1"], ["d2"]]


def test_recall_naming_a_person_picks_the_exchange_with_that_person():
    one = article("d1", [exchange("2031-05-02", side(RU, US, 1, ["Pavel Sorokin"]), article="d1")],
                  [person("Pavel Sorokin", "d1", "released")])
    two = article("d2", [exchange("2031-05-20", side(RU, US, 1, ["Anna Lebedeva"]), article="d2")],
                  [person("Anna Lebedeva", "d2", "released")])
    vague = article("m", [exchange("2031-05", side(RU, None, None, ["Anna Lebedeva"]), article="m",
                                   kind="unilateral_release", background=True)],
                    [person("Anna Lebedeva", "m", "released")])
    r = run([one, two, vague])
    assert [x.articles for x in r.exchanges] == [["d1"], ["d2", "m"]]


def test_recalls_to_different_receivers_stay_apart():
    to_us = article("a", [exchange("2032-10", side("Hamas", US, 2), article="a", kind="unilateral_release",
                                   total=2, background=True)])
    to_il = article("b", [exchange("2032-10", side("Hamas", "Israel", 2), article="b",
                                   kind="unilateral_release", total=2, background=True)])
    assert len(run([to_us, to_il]).exchanges) == 2


def test_undated_mention_joins_only_through_a_shared_person():
    news = article("n", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), article="n")],
                   [person("Pavel Sorokin", "n", "released")])
    undated_same = article("u1", [exchange(None, side(RU, US, None, ["Pavel Sorokin"]), article="u1")],
                           [person("Pavel Sorokin", "u1", "released")])
    undated_other = article("u2", [exchange(None, side(RU, US, None), article="u2")])
    r = run([news, undated_same, undated_other])
    assert sorted(x.articles for x in r.exchanges) == [["n", "u1"], ["u2"]]
    assert [x.date for x in r.exchanges] == [None, "2031-03-05"] or [x.date for x in r.exchanges] == [
        "2031-03-05", None]


# ------------------------------------------------------------------ different exchanges stay apart

@pytest.mark.parametrize("first,second", [
    ("2031-02", "2031-02-20"),           # a recalled swap and a reported one in the same month
    ("2031-02-19", "2031-02-20"),        # two day-precise one-for-one swaps a day apart
    ("2031-02", "2031-02"),              # two recalled swaps in the same month
])
def test_two_one_for_one_swaps_with_different_people_stay_apart(first, second):
    a = article("a", [exchange(first, side(RU, US, 1, ["Pavel Sorokin"]), side(US, RU, 1, ["Ilya Zaitsev"]),
                               article="a", total=2)],
                [person("Pavel Sorokin", "a", "exchanged"), person("Ilya Zaitsev", "a", "exchanged")])
    b = article("b", [exchange(second, side(RU, US, 1, ["Anna Lebedeva"]), side(US, RU, 1, ["Oleg Kuznetsov"]),
                               article="b", total=2)],
                [person("Anna Lebedeva", "b", "exchanged"), person("Oleg Kuznetsov", "b", "exchanged")])
    r = run([a, b])
    assert len(r.exchanges) == 2
    assert sorted(x.articles for x in r.exchanges) == [["a"], ["b"]]


def test_daily_exchanges_with_clearly_different_counts_stay_apart():
    days = [article(f"d{i}", [exchange(f"2032-05-{23 + i}", side(RU, UA, n), side(UA, RU, n), article=f"d{i}",
                                       kind="pow_exchange")])
            for i, n in enumerate((390, 307, 303))]
    assert [x.sides[0].count for x in run(days).exchanges] == [390, 307, 303]


def test_same_day_reports_of_one_exchange_merge_without_names():
    a = article("a", [exchange("2032-05-23", side(RU, UA, 390), side(UA, RU, 390), article="a",
                               kind="pow_exchange")])
    b = article("b", [exchange("2032-05-23", side(RU, UA, 390), article="b", kind="swap")])
    r = run([a, b])
    assert len(r.exchanges) == 1
    assert r.exchanges[0].kind == "pow_exchange"


def test_disjoint_parties_never_merge():
    a = article("a", [exchange("2032-05-23", side(RU, UA, 10), article="a")])
    b = article("b", [exchange("2032-05-23", side("Venezuela", US, 10), article="b")])
    assert len(run([a, b]).exchanges) == 2


def test_two_mentions_of_one_article_stay_apart():
    a = article("a", [exchange("2032-05-23", side(RU, UA, 10), article="a"),
                      exchange("2032-05-23", side(RU, UA, 10), article="a")])
    assert len(run([a]).exchanges) == 2


# ------------------------------------------------------------------ exchange fields

def test_multilateral_swap_from_two_releasers_is_a_swap():
    a = article("a", [exchange("2034-08-01", side(RU, None, 16), side(DE, RU, None, ["Boris Yakovlev"]),
                               article="a", kind="unilateral_release", total=24)],
                [person("Boris Yakovlev", "a", "released")])
    r = run([a])
    assert r.exchanges[0].kind == "swap"
    assert by_name(r, "Boris Yakovlev").status == "exchanged"


def test_sides_from_two_articles_make_a_swap():
    a = article("a", [exchange("2034-04-27", side(RU, US, 1, ["Pavel Sorokin"]), article="a",
                               kind="unilateral_release")],
                [person("Pavel Sorokin", "a", "released")])
    b = article("b", [exchange("2034-04-27", side(US, RU, 1, ["Ilya Zaitsev"]), article="b",
                               kind="unilateral_release")],
                [person("Ilya Zaitsev", "b", "released")])
    r = run([a, b])
    assert len(r.exchanges) == 1 and r.exchanges[0].kind == "swap"
    assert {p.status for p in r.persons} == {"exchanged"}


def test_unilateral_release_keeps_people_released():
    a = article("a", [exchange("2034-03-08", side("Venezuela", US, 2, ["Luis Ortega", "Mario Quintero"]),
                               article="a", kind="unilateral_release", total=2)],
                [person("Luis Ortega", "a", "released"), person("Mario Quintero", "a", "exchanged")])
    r = run([a])
    assert r.exchanges[0].kind == "unilateral_release"
    assert [p.status for p in r.persons] == ["released", "released"]


def test_handed_into_custody_is_not_a_release():
    a = article("a", [exchange("2034-12-20", side("Venezuela", US, None, ["Walter Brennan"]), article="a",
                               kind="unilateral_release")],
                [person("Walter Brennan", "a", "detained", held_by=US)])
    p = run([a]).persons[0]
    assert p.status == "detained" and p.held_by == US


@pytest.mark.parametrize("kinds,expected", [
    (["swap", "pow_exchange"], "pow_exchange"),
    (["hostage_prisoner_exchange", "swap"], "hostage_prisoner_exchange"),
    (["unilateral_release", "swap"], "swap"),
    (["unilateral_release", "unilateral_release"], "unilateral_release"),
])
def test_kind_precedence(kinds, expected):
    items = [article(f"k{i}", [exchange("2035-01-10", side(RU, UA, 5), article=f"k{i}", kind=k)])
             for i, k in enumerate(kinds)]
    assert run(items).exchanges[0].kind == expected


def test_location_city_beats_country_only_and_mediators_unite():
    a = article("a", [exchange("2035-01-10", side(RU, US, 1), article="a",
                               location={"city": None, "country": "Turkey"}, mediators=["Turkey"])])
    b = article("b", [exchange("2035-01-10", side(RU, US, 1), article="b",
                               location={"city": "Ankara", "country": "Turkey"}, mediators=["Qatar"])])
    x = run([a, b]).exchanges[0]
    assert x.location == {"city": "Ankara", "country": "Turkey"}
    assert x.mediators == ["Qatar", "Turkey"]


def test_side_without_receiver_joins_the_known_side():
    a = article("a", [exchange("2035-01-10", side(RU, US, 3), article="a")])
    b = article("b", [exchange("2035-01-10", side(RU, None, 3), article="b")])
    x = run([a, b]).exchanges[0]
    assert [(s.released_by, s.received_by, s.count) for s in x.sides] == [(RU, US, 3)]


def test_count_tie_prefers_the_news_report():
    a = article("a", [exchange("2035-01", side(RU, US, 5), article="a", background=True)])
    b = article("b", [exchange("2035-01-10", side(RU, US, 6), article="b")])
    x = run([a, b]).exchanges[0]
    assert x.sides[0].count == 6
    assert x.conflicts[0].field == "sides[0].count"


def test_output_is_sorted_by_date():
    items = [article(f"s{i}", [exchange(d, side(RU, UA, 5 + i), article=f"s{i}")])
             for i, d in enumerate(["2036-05-01", "2035-01-10", "2035-06"])]
    assert [x.date for x in run(items).exchanges] == ["2035-01-10", "2035-06", "2036-05-01"]


# ------------------------------------------------------------------ people

def test_surname_only_mention_joins_the_single_full_name():
    a = article("a", persons=[person("Pavel Sorokin", "a", "detained")])
    b = article("b", persons=[person("Sorokin", "b", "detained")])
    r = run([a, b])
    assert [p.name for p in r.persons] == ["Pavel Sorokin"]
    assert r.persons[0].aliases == ["Sorokin"]


def test_ambiguous_surname_stays_apart():
    a = article("a", persons=[person("Pavel Sorokin", "a", "detained")])
    b = article("b", persons=[person("Marina Sorokina", "b", "detained"), person("Ivan Sorokin", "b", "detained")])
    c = article("c", persons=[person("Sorokin", "c", "detained")])
    assert sorted(p.name for p in run([a, b, c]).persons) == ["Ivan Sorokin", "Marina Sorokina",
                                                               "Pavel Sorokin", "Sorokin"]


def test_first_name_only_stays_its_own_person_unless_linked():
    a = article("a", persons=[person("Miriam Avrahami", "a", "detained")])
    b = article("b", persons=[person("Miriam", "b", "released")])
    assert sorted(p.name for p in run([a, b]).persons) == ["Miriam", "Miriam Avrahami"]
    linked = article("c", persons=[person("Miriam Avrahami", "c", "detained", aliases=["Miriam"])])
    assert [p.name for p in run([a, b, linked]).persons] == ["Miriam Avrahami"]


@pytest.mark.parametrize("a,b", [
    ("Aleksandr Volkov", "Aleksandra Volkova"),   # a man and a woman of one family
    ("Pavel Sorokin", "Pavel Sorokina"),
    ("Liora Ben-Ami", "Eitan Ben-Ami"),          # spouses
    ("Gustavo Ramirez", "Gustavo Ramos"),
])
def test_different_people_are_not_merged(a, b):
    r = run([article("x", persons=[person(a, "x", "detained")]), article("y", persons=[person(b, "y", "detained")])])
    assert sorted(p.name for p in r.persons) == sorted([a, b])


def test_display_name_is_the_spelling_most_articles_use():
    names = ["Aleksei Gorbunov", "Alexei Gorbunov", "Alexey Gorbunov", "Alexei Gorbunov"]
    items = [article(f"a{i}", persons=[person(n, f"a{i}", "detained")]) for i, n in enumerate(names)]
    p = run(items).persons[0]
    assert p.name == "Alexei Gorbunov"
    assert p.aliases == ["Aleksei Gorbunov", "Alexey Gorbunov"]


def test_display_name_tie_prefers_the_fuller_form():
    items = [article("a", persons=[person("Kalin Dorsey", "a", "detained")]),
             article("b", persons=[person("Kalin Wade Dorsey", "b", "detained")])]
    assert run(items).persons[0].name == "Kalin Wade Dorsey"


def test_person_fields_merge():
    a = article("a", persons=[person("Pavel Sorokin", "a", "detained", held_by=RU, nationality=[RU],
                                     category=["journalist"], charges=["Treason"], sentence="12 years",
                                     role="reporter")])
    b = article("b", persons=[person("Pavel Sorokin", "b", "detained", held_by=RU, nationality=[US, RU],
                                     category=["journalist", "spy"], charges=["treason", "espionage"],
                                     sentence="13 years", role="reporter")])
    c = article("c", persons=[person("Pavel Sorokin", "c", "detained", nationality=[US],
                                     charges=["espionage"], sentence="13 years")])
    p = run([a, b, c]).persons[0]
    assert p.nationality == [RU, US]
    assert p.category == ["journalist", "spy"]
    assert p.charges == ["espionage", "Treason"]
    assert p.sentence == "13 years" and p.role == "reporter" and p.held_by == RU
    conflict = next(c for c in p.conflicts if c.field == "sentence")
    assert conflict.values == [{"value": "13 years", "articles": ["b", "c"]},
                               {"value": "12 years", "articles": ["a"]}]


# ------------------------------------------------------------------ officials

def test_name_given_only_as_official_is_never_a_person():
    a = article("a", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), article="a")],
                [person("Pavel Sorokin", "a", "released")], officials=["Gregory Hale", "Nadia Ferris"])
    assert [p.name for p in run([a]).persons] == ["Pavel Sorokin"]


def test_official_named_by_more_articles_is_dropped_from_persons_and_sides():
    wrong = article("a", [exchange("2031-03-05", side(RU, US, 2, ["Pavel Sorokin", "Gregory Hale"]), article="a")],
                    [person("Pavel Sorokin", "a", "released"), person("Gregory Hale", "a", "released")])
    o1 = article("b", officials=["Gregory Hale"])
    o2 = article("c", officials=["Greg Hale", "Gregory Hale"])
    r = run([wrong, o1, o2])
    assert [p.name for p in r.persons] == ["Pavel Sorokin"]
    assert r.exchanges[0].sides[0].persons == ["Pavel Sorokin"]
    assert r.exchanges[0].sides[0].count == 2


def test_article_contradicting_itself_counts_as_naming_an_official():
    a = article("a", persons=[person("Gregory Hale", "a", "detained")], officials=["Gregory Hale"])
    assert run([a]).persons == []


def test_detainee_named_by_as_many_articles_as_official_is_kept():
    a = article("a", persons=[person("Nadia Ferris", "a", "detained")])
    b = article("b", persons=[person("Nadia Ferris", "b", "detained")])
    c = article("c", officials=["Nadia Ferris"])
    d = article("d", officials=["Nadia Ferris"])
    assert run([a, b, c]).persons[0].name == "Nadia Ferris"
    assert run([a, b, c, d]).persons[0].name == "Nadia Ferris"
    e = article("e", officials=["Nadia Ferris"])
    assert run([a, b, c, d, e]).persons == []


def test_official_with_same_surname_does_not_veto_the_detainee():
    a = article("a", persons=[person("Brianna Castell", "a", "detained")], officials=["Marisol Castell"])
    b = article("b", officials=["Marisol Castell", "Castell"])
    assert [p.name for p in run([a, b]).persons] == ["Brianna Castell"]


def test_side_name_missing_from_persons_becomes_a_person():
    a = article("a", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), article="a")])
    r = run([a])
    assert [p.name for p in r.persons] == ["Pavel Sorokin"]
    assert r.persons[0].status == "exchanged" or r.persons[0].status == "released"


# ------------------------------------------------------------------ status

def test_latest_report_wins_and_history_is_kept():
    a = article("a", persons=[person("Pavel Sorokin", "a", "detained")])
    b = article("b", persons=[person("Pavel Sorokin", "b", "released", status_date="2032-06-01")])
    c = article("c", persons=[person("Pavel Sorokin", "c", "detained", status_date="2030-01")])
    p = run([a, b, c], {"a": date(2031, 2, 1), "b": date(2032, 6, 2), "c": date(2033, 1, 1)}).persons[0]
    assert (p.status, p.status_date) == ("released", "2032-06-01")
    assert [(e.status, e.date, e.article_id) for e in p.history] == [
        ("detained", "2030-01", "c"), ("detained", "2031-02-01", "a"), ("released", "2032-06-01", "b")]


def test_re_arrest_after_release_is_detained():
    a = article("a", persons=[person("Pavel Sorokin", "a", "released")])
    b = article("b", persons=[person("Pavel Sorokin", "b", "detained")])
    p = run([a, b], {"a": date(2031, 2, 1), "b": date(2032, 6, 2)}).persons[0]
    assert p.status == "detained" and p.conflicts == []


@pytest.mark.parametrize("statuses,expected", [
    (["detained", "released"], "released"),
    (["released", "exchanged"], "exchanged"),
    (["exchanged", "died_in_custody"], "died_in_custody"),
    (["detained", "died_in_custody", "released"], "died_in_custody"),
])
def test_same_date_disagreement_uses_precedence_and_records_conflict(statuses, expected):
    items = [article(f"a{i}", persons=[person("Pavel Sorokin", f"a{i}", s)]) for i, s in enumerate(statuses)]
    p = run(items, {f"a{i}": date(2031, 2, 1) for i in range(len(statuses))}).persons[0]
    assert p.status == expected
    conflict = next(c for c in p.conflicts if c.field == "status")
    assert conflict.values[0]["value"] == expected
    assert {v["value"] for v in conflict.values} == set(statuses)


def test_coarse_report_overlapping_a_precise_one_is_the_same_moment():
    a = article("a", persons=[person("Pavel Sorokin", "a", "detained", status_date="2031-02-10")])
    b = article("b", persons=[person("Pavel Sorokin", "b", "released", status_date="2031-02")])
    assert run([a, b]).persons[0].status == "released"


def test_release_reported_alone_becomes_exchanged_through_the_merged_swap():
    news = article("n", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), side(US, RU, 1, ["Ilya Zaitsev"]),
                                  article="n", total=2)],
                   [person("Ilya Zaitsev", "n", "exchanged")])
    only_release = article("r", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), article="r",
                                          kind="unilateral_release")],
                           [person("Pavel Sorokin", "r", "released")])
    later = article("z", persons=[person("Pavel Sorokin", "z", "released", status_date="2031-03")])
    r = run([news, only_release, later], {"n": date(2031, 3, 6), "r": date(2031, 3, 5), "z": date(2031, 9, 1)})
    p = by_name(r, "Pavel Sorokin")
    assert p.status == "exchanged" and p.status_date == "2031-03-05"
    assert {e.status for e in p.history} == {"exchanged"}


def test_rounds_of_a_truce_told_on_different_days_stay_apart():
    # the same daily figure ("39 prisoners") two days running is two rounds, not one exchange
    day1 = article("d1", [exchange("2031-03-05", side("Hamas", "Israel", 13, article="d1"),
                                   side("Israel", None, 39, article="d1"), article="d1",
                                   kind="hostage_prisoner_exchange")])
    day2 = article("d2", [exchange("2031-03-06", side("Hamas", "Israel", 13, article="d2"),
                                   side("Israel", None, 39, article="d2"), article="d2",
                                   kind="hostage_prisoner_exchange")])
    assert sorted(x.date for x in run([day1, day2]).exchanges) == ["2031-03-05", "2031-03-06"]


def test_a_swap_landing_told_a_day_later_is_the_same_swap():
    swap = article("s", [exchange("2031-03-05", side(RU, US, 1, article="s"), side(US, RU, 1, article="s"),
                                  article="s")])
    landing = article("l", [exchange("2031-03-06", side(RU, US, 1, article="l"), side(US, RU, 1, article="l"),
                                     article="l")])
    assert len(run([swap, landing]).exchanges) == 1


def test_a_later_report_of_the_time_held_does_not_undo_a_swap():
    # "Sorokin, who spent two years in a penal colony, spoke in Bonn" the day after the swap
    news = article("n", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), side(US, RU, 1, ["Ilya Zaitsev"]),
                                  article="n", total=2)], [person("Pavel Sorokin", "n", "exchanged")])
    after = article("a", persons=[person("Pavel Sorokin", "a", "detained")])
    p = by_name(run([news, after], {"n": date(2031, 3, 5), "a": date(2031, 3, 6)}), "Pavel Sorokin")
    assert (p.status, p.status_date) == ("exchanged", "2031-03-05")


def test_a_dated_detention_after_a_swap_is_a_new_one():
    news = article("n", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"]), side(US, RU, 1, ["Ilya Zaitsev"]),
                                  article="n", total=2)], [person("Pavel Sorokin", "n", "exchanged")])
    again = article("a", persons=[person("Pavel Sorokin", "a", "detained", status_date="2032-01-10")])
    p = by_name(run([news, again], {"n": date(2031, 3, 5), "a": date(2032, 1, 11)}), "Pavel Sorokin")
    assert (p.status, p.status_date) == ("detained", "2032-01-10")


def test_output_persons_sorted_by_name():
    items = [article(f"a{i}", persons=[person(n, f"a{i}", "detained")])
             for i, n in enumerate(["Zora Kell", "Anton Brisk", "Mira Coll"])]
    assert [p.name for p in run(items).persons] == ["Anton Brisk", "Mira Coll", "Zora Kell"]


# ------------------------------------------------------------------ sides

def _sides(x):
    return [(s.released_by, s.received_by, s.count, s.persons) for s in x.sides]


def test_sides_missing_opposite_parties_join_into_one_direction():
    a = article("a", [exchange("2035-02-10", side(RU, None, 1, ["Pavel Sorokin"]), article="a",
                               kind="unilateral_release")], [person("Pavel Sorokin", "a", "released")])
    b = article("b", [exchange("2035-02-10", side(None, US, 1, ["Sorokin"]), article="b", kind="unilateral_release")],
                [person("Sorokin", "b", "released")])
    assert _sides(run([a, b]).exchanges[0]) == [(RU, US, 1, ["Pavel Sorokin"])]
    c = article("c", [exchange("2035-02-10", side(None, US, 1), article="c", kind="unilateral_release")])
    assert len(run([a, c]).exchanges) == 2      # nothing but the day in common


def test_a_party_never_releases_to_itself():
    a = article("a", [exchange("2035-02-10", side(RU, None, 4), article="a")])
    b = article("b", [exchange("2035-02-10", side(None, RU, 4), article="b")])
    assert _sides(run([a, b]).exchanges[0]) == [(RU, None, 4, []), (None, RU, 4, [])]


def test_partial_side_fitting_two_directions_stays_apart():
    a = article("a", [exchange("2035-02-10", side(RU, US, 1, ["Pavel Sorokin"]),
                               side(RU, DE, 1, ["Anna Lebedeva"]), article="a")],
                [person("Pavel Sorokin", "a", "released"), person("Anna Lebedeva", "a", "released")])
    b = article("b", [exchange("2035-02-10", side(RU, None, 16), article="b")])
    c = article("c", [exchange("2035-02-10", side(RU, None, 16), article="c")])
    x = run([a, b, c]).exchanges[0]
    assert _sides(x) == [(RU, DE, 1, ["Anna Lebedeva"]), (RU, US, 1, ["Pavel Sorokin"]), (RU, None, 16, [])]


def test_partial_side_naming_a_person_joins_that_persons_side():
    a = article("a", [exchange("2035-02-10", side(RU, US, 1, ["Pavel Sorokin"]),
                               side(RU, DE, 1, ["Anna Lebedeva"]), article="a")],
                [person("Pavel Sorokin", "a", "released"), person("Anna Lebedeva", "a", "released")])
    b = article("b", [exchange("2035-02-10", side(RU, None, None, ["Lebedeva"]), article="b")],
                [person("Lebedeva", "b", "released")])
    x = run([a, b]).exchanges[0]
    assert _sides(x) == [(RU, DE, 1, ["Anna Lebedeva"]), (RU, US, 1, ["Pavel Sorokin"])]


def test_unnamed_parties_keep_both_sides_of_one_report():
    a = article("a", [exchange("2035-04-14", side(None, None, 40), side(None, None, 40), article="a",
                               kind="pow_exchange")])
    b = article("b", [exchange("2035-04-14", side(None, None, 40), side(None, None, 40), article="b",
                               kind="pow_exchange")])
    x = run([a, b]).exchanges[0]
    assert len(x.sides) == 2 and x.articles == ["a", "b"]


def test_a_side_that_says_nothing_the_record_does_not_is_left_out():
    # "Russia -> ?" beside "Russia -> Ukraine", and a side with no party, person or figure
    a = article("a", [exchange("2035-04-14", side(RU, UA, 20), side(UA, RU, 20), article="a")])
    b = article("b", [exchange("2035-04-14", side(RU, None), side(None, None), article="b")])
    x = run([a, b]).exchanges[0]
    assert [(s.released_by, s.received_by, s.count) for s in x.sides] == [(RU, UA, 20), (UA, RU, 20)]


def test_one_reports_odd_receiver_with_no_people_is_left_out_beside_a_well_told_side():
    reports = [article(k, [exchange("2035-04-14", side(RU, US, 1, ["Lena Marsh"], article=k), article=k)])
               for k in "abc"]
    odd = article("d", [exchange("2035-04-14", side(RU, "Thailand", 1, article="d"),
                                 side(US, RU, 1, ["Ivan Bolt"], article="d"), article="d")])
    x = run(reports + [odd]).exchanges[0]
    assert {(s.released_by, s.received_by) for s in x.sides} == {(RU, US), (US, RU)}


# ------------------------------------------------------------------ scale

def test_merging_two_thousand_articles_stays_fast():
    import random
    import time
    rnd = random.Random(3)
    firsts = ["Pavel", "Anna", "Ilya", "Oleg", "Marina", "Gleb", "Vera", "Lev", "Nadia", "Roman"]
    lasts = ["Sorokin", "Lebedev", "Zaitsev", "Orlov", "Belov", "Morozov", "Titov", "Frolov", "Gusev", "Zuev"]
    parties = [RU, UA, US, DE, "Iran", "Venezuela", "Belarus", "Israel"]
    people = [f"{rnd.choice(firsts)} {rnd.choice(lasts)}{i}" for i in range(500)]
    events = [(date(2030, 1, 1).fromordinal(date(2030, 1, 1).toordinal() + rnd.randrange(730)),
               *rnd.sample(parties, 2), rnd.sample(people, rnd.randrange(3)), rnd.randrange(1, 60))
              for _ in range(600)]
    items = []
    for i in range(2000):
        d, a, b, names, n = rnd.choice(events)
        precision = rnd.choice(["day"] * 6 + ["month", "year"])
        when = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]
        items.append(article(f"a{i:05d}", [exchange(when, side(a, b, n, names), article=f"a{i:05d}",
                                                    background=precision != "day")],
                             [person(n_, f"a{i:05d}", "released") for n_ in names]))
    r = run(items)
    assert 500 <= len(r.exchanges) < 2000


def test_hyphenated_surname_alone_joins_its_person():
    a = article("a", persons=[person("Liora Ben-Ami", "a", "detained")])
    b = article("b", persons=[person("Ben-Ami", "b", "released")])
    assert [p.name for p in run([a, b]).persons] == ["Liora Ben-Ami"]


def test_headline_capitals_lose_the_display_tie():
    items = [article("a", persons=[person("PAVEL SOROKIN", "a", "detained")]),
             article("b", persons=[person("Pavel Sorokin", "b", "detained")])]
    p = run(items).persons[0]
    assert p.name == "Pavel Sorokin" and p.aliases == []


def test_merge_leaves_its_inputs_unchanged():
    import copy
    items = four_articles()
    before = copy.deepcopy([x.to_dict() for x in items])
    run(items)
    assert [x.to_dict() for x in items] == before


@pytest.mark.parametrize("lone,joins", [
    ("Yarushenko", True),        # a close spelling of the one known surname
    ("Sorokina", False),         # the feminine form is someone else
    ("Zorim", False),            # too short to trust a near spelling
])
def test_lone_word_close_to_one_surname(lone, joins):
    a = article("a", persons=[person("Konrad Yaroshenko", "a", "detained"),
                              person("Pavel Sorokin", "a", "detained"), person("Ilya Zorin", "a", "detained")])
    b = article("b", persons=[person(lone, "b", "released")])
    names = sorted(p.name for p in run([a, b]).persons)
    assert (lone in names) is not joins


def test_namesake_official_in_the_same_article_does_not_veto_the_detainee():
    """A father held and his namesake son quoted: the extractor told them apart within the article."""
    a = article("a", persons=[person("Tomas Ruiz Vega", "a", "released")], officials=["Tomas Vega"])
    assert [p.name for p in run([a]).persons] == ["Tomas Ruiz Vega"]


def test_the_same_name_as_official_in_the_same_article_still_vetoes():
    a = article("a", persons=[person("Tomas Vega", "a", "released")], officials=["Tomas Vega"])
    assert run([a]).persons == []


# ------------------------------------------------------------------ recalls and shared people

def test_a_later_undated_mention_of_the_same_person_joins_the_event_it_recalls():
    news = article("n", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"], article="n"), article="n")],
                   [person("Pavel Sorokin", "n", "exchanged")])
    later = exchange("2031-06", side(RU, None, 1, ["Pavel Sorokin"], article="l"), article="l")
    later.date_from_publication = True      # "Sorokin, freed in a swap, spoke on Tuesday": no date of its own
    recall = article("l", [later], [person("Pavel Sorokin", "l", "exchanged")])
    r = run([news, recall])
    assert len(r.exchanges) == 1
    assert (r.exchanges[0].date, r.exchanges[0].articles) == ("2031-03-05", ["l", "n"])


def test_the_same_person_in_reports_a_few_days_apart_is_one_event():
    a = article("a", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"], article="a"), article="a")],
                [person("Pavel Sorokin", "a", "exchanged")])
    b = article("b", [exchange("2031-03-10", side(RU, None, 1, ["Pavel Sorokin"], article="b"), article="b")],
                [person("Pavel Sorokin", "b", "exchanged")])
    assert len(run([a, b]).exchanges) == 1


def test_a_person_dated_by_the_text_months_apart_is_two_events():
    a = article("a", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"], article="a"), article="a")],
                [person("Pavel Sorokin", "a", "exchanged")])
    b = article("b", [exchange("2031-09-10", side(RU, US, 1, ["Pavel Sorokin"], article="b"), article="b")],
                [person("Pavel Sorokin", "b", "exchanged")])
    assert len(run([a, b]).exchanges) == 2


def test_a_person_stands_on_the_side_most_articles_put_them_on():
    right = [article(f"r{i}", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin"], article=f"r{i}"),
                                        side(US, RU, 1, ["Ivan Belov"], article=f"r{i}"), article=f"r{i}")],
                     [person("Pavel Sorokin", f"r{i}", "exchanged"), person("Ivan Belov", f"r{i}", "exchanged")])
             for i in range(2)]
    wrong = article("w", [exchange("2031-03-05", side(RU, US, 1, ["Pavel Sorokin", "Ivan Belov"], article="w"),
                                   article="w")],
                    [person("Pavel Sorokin", "w", "exchanged"), person("Ivan Belov", "w", "exchanged")])
    (x,) = run([*right, wrong]).exchanges
    assert {(s.released_by, tuple(s.persons)) for s in x.sides} == {(RU, ("Pavel Sorokin",)), (US, ("Ivan Belov",))}


# ------------------------------------------------------------------ reports that only look alike

def test_releases_by_unknown_captors_to_one_country_in_one_month_stay_apart():
    a = article("a", [exchange("2034-03", side(None, US, 1, ["Tom Reese"]), article="a",
                               kind="unilateral_release")], [person("Tom Reese", "a", "released")])
    b = article("b", [exchange("2034-03", side("Saudi Arabia", US, 1), article="b", kind="unilateral_release")])
    assert len(run([a, b]).exchanges) == 2


def test_sides_that_line_up_nowhere_stay_apart_even_on_one_day():
    a = article("a", [exchange("2034-08-04", side("Burkina Faso", "Romania", 1), article="a",
                               kind="unilateral_release")])
    b = article("b", [exchange("2034-08-04", side("Romania", None, 1, ["Dan Ionescu"]), article="b",
                               kind="unilateral_release")], [person("Dan Ionescu", "b", "released")])
    assert len(run([a, b]).exchanges) == 2


def test_a_report_naming_no_party_starts_no_merge():
    a = article("a", [exchange("2034-08", side("Iran", US, 5), article="a", kind="swap")])
    b = article("b", [exchange("2034-08", side(None, None, 5), article="b", kind="unilateral_release")])
    assert len(run([a, b]).exchanges) == 2


def test_one_releaser_and_one_figure_still_merge():
    a = article("a", [exchange("2034-02", side("Nicaragua", US, 222), article="a", kind="unilateral_release")])
    b = article("b", [exchange("2034-02-09", side(None, US, 222), article="b", kind="unilateral_release")])
    assert len(run([a, b]).exchanges) == 1


def test_a_later_undated_recall_joins_the_event_though_other_reports_do_not_name_the_person():
    a = article("a", [exchange("2034-04-27", side(RU, US, 1, ["Pavel Sorokin"]), side(US, RU, 1),
                               article="a")], [person("Pavel Sorokin", "a", "exchanged")])
    b = article("b", [exchange("2034-04-27", side(US, RU, 1, ["Ilya Zaitsev"]), article="b")],
                [person("Ilya Zaitsev", "b", "exchanged")])
    recall = exchange("2035-07", side(RU, None, 1, ["Pavel Sorokin"]), article="c")
    recall.date_from_publication = True
    c = article("c", [recall], [person("Pavel Sorokin", "c", "released")])
    assert len(run([a, b]).exchanges) == 1
    r = run([a, b, c])
    assert len(r.exchanges) == 1 and r.exchanges[0].date == "2034-04-27"


def test_a_month_report_joins_the_best_attested_of_two_day_events_it_fits():
    """Six reports date the swap to the 8th, one stray report to the 20th (too far to join);
    a report saying only "in April" fits both equally and goes to the six."""
    main = [article(f"m{i}", [exchange("2034-04-08", side(RU, US, 1, ["Dana Kerr"]), side(US, RU, 1),
                                       article=f"m{i}")], [person("Dana Kerr", f"m{i}", "exchanged")])
            for i in range(6)]
    stray = article("s", [exchange("2034-04-20", side(RU, US, 1, ["Dana Kerr"]), article="s")],
                    [person("Dana Kerr", "s", "exchanged")])
    month = article("t", [exchange("2034-04", side(RU, US, 1, ["Dana Kerr"]), article="t", precision="month")],
                    [person("Dana Kerr", "t", "exchanged")])
    r = run([*main, stray, month])
    dated = {x.date: x for x in r.exchanges}
    assert sorted(dated) == ["2034-04-08", "2034-04-20"]
    assert "t" in dated["2034-04-08"].articles


def test_an_agreeing_side_figure_outweighs_a_differing_total_on_the_next_day():
    a = article("a", [exchange("2034-09-18", side("Iran", US, 5), side(US, "Iran", 5), article="a", total=10)])
    b = article("b", [exchange("2034-09-19", side("Iran", US, 5), side(US, "Iran", 5), article="b", total=5)])
    assert len(run([a, b]).exchanges) == 1


def test_a_figure_on_a_half_read_side_does_not_split_reports_that_agree_on_the_stated_sides():
    a = article("a", [exchange("2034-09-18", side("Iran", US, 5), side("Iran", None, 58), side(US, "Iran", 5),
                               article="a")])
    b = article("b", [exchange("2034-09-19", side("Iran", US, 5), side(US, "Iran", 5), article="b")])
    assert len(run([a, b]).exchanges) == 1


def test_a_month_report_naming_a_person_joins_their_day_group_past_its_unnamed_reports():
    """Two reports of the 9th (one names the freed nurse, one does not) and one "in August"
    that names her: the named month report joins, though with the unnamed one nothing links it."""
    named = article("a", [exchange("2034-08-09", side(None, US, 1, ["Ana Dorset"]), article="a",
                                   kind="unilateral_release")], [person("Ana Dorset", "a", "released")])
    unnamed = article("b", [exchange("2034-08-09", side(None, US), article="b", kind="unilateral_release")])
    month = article("c", [exchange("2034-08", side(None, US), side(None, None, 1, ["Ana Dorset"]), article="c",
                                   kind="unilateral_release")], [person("Ana Dorset", "c", "released")])
    assert len(run([named, unnamed]).exchanges) == 1
    r = run([named, unnamed, month])
    assert len(r.exchanges) == 1 and sorted(r.exchanges[0].articles) == ["a", "b", "c"]


def test_a_named_month_report_still_stays_out_of_a_group_whose_parties_conflict():
    named = article("a", [exchange("2034-08-09", side("Haiti", US, 1, ["Ana Dorset"]), article="a",
                                   kind="unilateral_release")], [person("Ana Dorset", "a", "released")])
    other = article("b", [exchange("2034-08-09", side("Haiti", US), article="b", kind="unilateral_release")])
    month = article("c", [exchange("2034-08", side("Mali", "France", 1, ["Ana Dorset"]), article="c",
                                   kind="unilateral_release")], [person("Ana Dorset", "c", "released")])
    assert len(run([named, other, month]).exchanges) == 2


def test_a_coarse_report_naming_a_person_joins_their_group_past_reports_of_other_people():
    """The swap's day reports name Dana Kerr or Ilya Zaitsev; a report dated only to the year
    names Zaitsev: it joins, though nothing links it to the reports naming only Kerr."""
    kerr = [article(f"k{i}", [exchange("2034-12-08", side(RU, US, 1, ["Dana Kerr"]), article=f"k{i}",
                                       kind="unilateral_release")], [person("Dana Kerr", f"k{i}", "released")])
            for i in range(3)]
    both = article("b", [exchange("2034-12-08", side(RU, US, 1, ["Dana Kerr"]), side(US, RU, 1, ["Ilya Zaitsev"]),
                                  article="b")], [person("Dana Kerr", "b", "exchanged"),
                                                  person("Ilya Zaitsev", "b", "exchanged")])
    year = article("y", [exchange("2034", side(US, None, 1, ["Ilya Zaitsev"]), article="y")],
                   [person("Ilya Zaitsev", "y", "exchanged")])
    r = run([*kerr, both, year])
    assert len(r.exchanges) == 1 and "y" in r.exchanges[0].articles


def test_a_bare_report_does_not_keep_two_days_of_one_swap_apart():
    """The 18th's reports (a swap, and releases "by Iran") and the 19th's arrivals are one swap; a
    report of the 19th that names no party, person or figure must not keep them apart."""
    swap18 = [article(f"s{i}", [exchange("2034-09-18", side("Iran", US, 5), side(US, "Iran", 5), article=f"s{i}")])
              for i in range(3)]
    freed18 = article("f", [exchange("2034-09-18", side("Iran", US, 5), article="f", kind="unilateral_release")])
    arrived19 = article("a", [exchange("2034-09-19", side("Iran", US, 5), side(US, "Iran", 5), article="a")])
    bare19 = article("b", [exchange("2034-09-19", article="b")])
    assert len(run([*swap18, freed18, arrived19]).exchanges) == 1
    assert len(run([*swap18, freed18, arrived19, bare19]).exchanges) == 1


def test_a_half_read_side_is_the_other_half_of_a_swap_in_the_same_month():
    day = [article(f"d{i}", [exchange("2034-09-18", side("Iran", US, 5), side(US, "Iran", 5), article=f"d{i}")])
           for i in range(3)]
    half = article("h", [exchange("2034-09", side(None, US, 5), article="h")])
    other_half = article("o", [exchange("2034-09", side(US, "Iran", 5), article="o")])
    r = run([*day, half, other_half])
    assert len(r.exchanges) == 1 and {"h", "o"} <= set(r.exchanges[0].articles)


def test_a_singular_figure_does_not_count_a_side_that_names_many():
    names = ["Ana Dorset", "Ben Kray", "Cole Mirren", "Dara Voss"]
    named = [article(f"n{i}", [exchange("2034-08-01", side(RU, US, None, names), side(US, RU, 1), article=f"n{i}")],
                     [person(n, f"n{i}", "exchanged") for n in names]) for i in range(2)]
    one = article("o", [exchange("2034-08-01", side(RU, US, 1, ["Ana Dorset"]), article="o")],
                  [person("Ana Dorset", "o", "exchanged")])
    r = run([*named, one])
    counts = {(s.released_by, s.received_by): s.count for x in r.exchanges for s in x.sides}
    assert counts[(RU, US)] is None and counts[(US, RU)] == 1


def test_half_read_sides_join_the_side_more_reports_tell():
    well = [article(k, [exchange("2035-04-14", side(RU, US, 1, ["Lena Marsh"], article=k), article=k)])
            for k in "ab"]
    odd = [article("c", [exchange("2035-04-14", side(RU, "Thailand", 1, ["Lena Marsh"], article="c"),
                                  article="c")])]
    half = [article(k, [exchange("2035-04-14", side(RU, None, 1, ["Lena Marsh"], article=k), article=k)])
            for k in "defg"]
    x = run(well + odd + half).exchanges[0]
    home = [(s.released_by, s.received_by) for s in x.sides if "Lena Marsh" in s.persons]
    assert home == [(RU, US)]


def test_the_two_halves_of_a_side_sit_in_the_group_others_tie_together():
    """"Iran freed five" and "five flew home to the US", both dated only to the month: neither
    names the other's party, yet the reports that tell the whole swap hold both halves."""
    whole = [article(f"whole-{k}", [exchange("2031-09-18", side("Iran", US, 5, ["Ada Ray"]), side(US, "Iran", 5),
                                             article=f"whole-{k}")]) for k in range(3)]
    halves = [article("half-released", [exchange("2031-09", side("Iran", None, 5), article="half-released")]),
              article("half-received", [exchange("2031-09", side(None, US, 5), article="half-received")])]
    recs = run(whole + halves)
    assert len(recs.exchanges) == 1
    assert set(recs.exchanges[0].articles) == {a.article_id for a in whole + halves}


def test_the_two_halves_alone_make_no_link():
    halves = [article("half-released", [exchange("2031-09", side("Iran", None, 5), article="half-released")]),
              article("half-received", [exchange("2031-09", side(None, US, 5), article="half-received")])]
    assert len(run(halves).exchanges) == 2


def test_a_name_without_its_leading_word_is_the_same_person_and_release():
    """ "Van Loc" in one report and "Chau Van Loc" in two others: one person, one release."""
    a = article("short", [exchange("2031-07", side("Vietnam", "Australia", 1, ["Van Loc"]), kind="unilateral_release")],
                [person("Van Loc", "short", "released")])
    b = article("full", [exchange("2031-07-11", side("Vietnam", "Australia", 1, ["Chau Van Loc"]),
                                  kind="unilateral_release")],
                [person("Chau Van Loc", "full", "released")])
    records = run([a, b])
    assert [p.name for p in records.persons] == ["Chau Van Loc"]
    assert len(records.exchanges) == 1
