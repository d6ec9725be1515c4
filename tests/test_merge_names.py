"""Name keys, partial dates and votes used by the merge (made-up names of familiar shapes)."""
from __future__ import annotations

import pytest

from swapwatch.merge import dates
from swapwatch.merge import names as nm
from swapwatch.merge.ids import disambiguate, exchange_id, person_id
from swapwatch.merge.votes import Ballot, frequency_union, tally


@pytest.mark.parametrize("a,b", [
    ("Alexei Gorbunov", "Aleksei Gorbunov"),
    ("Alexey Gorbunov", "Alexei Gorbunov"),
    ("Aleksandr Pilin", "Alexander Pilin"),
    ("Yevgenia Larkina", "Evgenia Larkina"),
    ("Yevgeniya Larkina", "Yevgenia Larkina"),
    ("Kseniya Rudova", "Xenia Rudova"),
    ("Viktoriia Melnyk", "Victoria Melnyk"),
    ("Natalya Orlova", "Nataliya Orlova"),
    ("Dmitri Volkov", "Dmitry Volkov"),
    ("Dmitriy Volkov", "Dmitrii Volkov"),
    ("Sergey Lapin", "Sergej Lapin"),
    ("Yuri Sorin", "Yury Sorin"),
    ("Iuliia Sorina", "Yulia Sorina"),
    ("Julia Sorina", "Yulia Sorina"),
    ("Vadim Kravtsov", "Vadim Kravtzov"),
    ("Vadim Krasinov", "Vadim Krashinov"),
    ("Lev Gurshkin", "Lev Hurshkin"),
    ("Mikhail Shchukin", "Mihail Schukin"),
    ("Fyodor Zhukov", "Fedor Jukov"),
    ("Pyotr Lenkov", "Petr Lenkov"),
    ("Arthur Belov", "Artur Belov"),
    ("Philipp Wolkow", "Filip Volkov"),
    ("Mustafa Djemal", "Mustafa Jemal"),
    ("Youssef Haddad", "Yusuf Haddad"),
    ("Kalin Dorsey", "Kalin Wade Dorsey"),
    ("Jorge Pelaez", "Jorge Alberto Pelaez"),
    ("Ana Ruiz Ortega", "Ana Ruiz"),
    ("Gustavo Cárdenas", "Gustavo Cardenas"),
    ("Van Loc", "Chau Van Loc"),             # the full name less its leading family name
    ("Trent Leakey", "Martin Trent Leakey"),  # ... or less a first name the reports leave out
    ("Pavel O'Neill", "Pavel ONeill"),
    ("Mr. Pavel Sorokin", "Pavel Sorokin"),
    ("P. Sorokin", "Pavel Sorokin"),
    ("Jeff Marlow", "Jeffery Marlow"),       # a short form of the given name
    ("Alex Dunne", "Alexander Dunne"),
])
def test_variants_of_one_name_are_compatible(a, b):
    assert nm.names_compatible(a, b)
    assert nm.names_compatible(b, a)


@pytest.mark.parametrize("a,b", [
    ("Aleksandr Volkov", "Aleksandra Volkova"),
    ("Pavel Sorokin", "Pavel Sorokina"),
    ("Evgeni Larkin", "Evgenia Larkin"),
    ("Lev Tolstoy", "Lev Tolstaya"),
    ("Liora Ben-Ami", "Eitan Ben-Ami"),
    ("Gustavo Ramirez", "Gustavo Ramos"),
    ("Ivan Ivanov", "Ivan Ivanenko"),
    ("Alexander Pilin", "Alexander Baunin"),
    ("Pavel Sorokin", "Sorokin"),       # a lone surname is resolved elsewhere, never fuzzily
    ("Anna Berg", "Greta Berg"),
    ("Marat Aliev", "Murad Aliev"),
    ("Jeff Marlow", "Jeffery Marsh"),        # a short given name needs the same surname
    ("Al Marlow", "Jeffery Marlow"),
])
def test_different_names_are_not_compatible(a, b):
    assert not nm.names_compatible(a, b)


@pytest.mark.parametrize("raw,folded", [
    ("Gustavo Cárdenas", "gustavo cardenas"),
    ("  JEAN-LUC   Picard ", "jean luc picard"),
    ("O'Neill", "o neill"),
    ("", ""),
])
def test_fold(raw, folded):
    assert nm.fold(raw) == folded


@pytest.mark.parametrize("raw,shown", [
    ("  \u201cPavel  Sorokin\u201d ", "Pavel Sorokin"),
    ("\\[Pavel\\] Sorokin", "Pavel Sorokin"),
    ("(Pavel Sorokin)", "Pavel Sorokin"),
])
def test_clean_display(raw, shown):
    assert nm.clean_display(raw) == shown


def test_titles_are_not_name_words():
    assert nm.tokens("Dr. Mira Coll") == ["mira", "coll"]
    assert nm.tokens("Dr") == ["dr"]


@pytest.mark.parametrize("a,b,same", [
    ("2031-03-05", "2031-03-07", True),
    ("2031-03-05", "2031-03-08", False),
    ("2031-03-05", "2031-03", True),
    ("2031-03-31", "2031-04", False),
    ("2031-03", "2031", True),
    ("2031-12-31", "2032", False),
    ("2031-02", "2031-02", True),
])
def test_dates_compatible_at_the_coarser_precision(a, b, same):
    assert dates.compatible(dates.parse(a), dates.parse(b)) is same


@pytest.mark.parametrize("text,precision,lo,hi", [
    ("2031-02-09", "day", "2031-02-09", "2031-02-09"),
    ("2032-02", "month", "2032-02-01", "2032-02-29"),
    ("2031", "year", "2031-01-01", "2031-12-31"),
])
def test_parse_partial_dates(text, precision, lo, hi):
    s = dates.parse(text)
    assert (s.precision, s.lo.isoformat(), s.hi.isoformat(), s.text) == (precision, lo, hi, text)


@pytest.mark.parametrize("text", [None, "", "yesterday", "2031-13", "2031-02-30"])
def test_unparseable_dates_are_none(text):
    assert dates.parse(text) is None


def test_tally_most_articles_then_strength_then_order():
    t = tally([Ballot(24, "a"), Ballot(26, "b"), Ballot(24, "c"), Ballot(None, "d")], order=lambda v: v)
    assert t.winner == 24
    assert t.values == [{"value": 24, "articles": ["a", "c"]}, {"value": 26, "articles": ["b"]}]
    assert t.conflict("total").field == "total"
    tie = tally([Ballot(5, "a", (0,)), Ballot(6, "b", (1,))], order=lambda v: v)
    assert tie.winner == 6
    assert tally([Ballot(7, "a"), Ballot(5, "b")], order=lambda v: v).winner == 5
    assert tally([Ballot(3, "a"), Ballot(3, "b")]).conflict("x") is None
    assert tally([]).winner is None


def test_one_article_stating_a_value_twice_counts_once():
    t = tally([Ballot(1, "a"), Ballot(1, "a"), Ballot(2, "b"), Ballot(2, "c")])
    assert t.winner == 2


def test_frequency_union_dedupes_case_insensitively():
    got = frequency_union([("Treason", "a"), ("treason", "b"), ("treason", "c"), ("espionage", "a")])
    assert got == ["treason", "espionage"]


def test_ids():
    assert person_id("Pavel Sorokin") == person_id("pavel  SOROKIN")
    assert person_id("Pavel Sorokin") != person_id("Pavel Sorokina")
    a = exchange_id("2031-03-05", ["Russia", "United States"], ["p-1", "p-2"])
    assert a == exchange_id("2031-03-05", ["United States", "Russia"], ["p-2", "p-1"])
    assert a != exchange_id("2031-03-06", ["Russia", "United States"], ["p-1", "p-2"])
    assert disambiguate(["x", "y", "x", "x"]) == ["x", "y", "x-2", "x-3"]


@pytest.mark.parametrize("raw,words", [
    ("Pavel Sorokin's", ["pavel", "sorokin"]),
    ("Sorokin\u2019s", ["sorokin"]),
    ("O'Neill", ["oneill"]),
    ("Liora Ben-Ami", ["liora", "benami"]),
    ("Ross'", ["ross"]),
])
def test_possessives_and_joined_words(raw, words):
    assert nm.tokens(raw) == words


@pytest.mark.parametrize("a,b,same", [
    ("Maria Ivanova", "Marina Ivanova", False),
    ("Alexander Vinnik", "Alexander Vinnikov", False),
    ("Mohammad Rahimi", "Muhammad Rahimi", True),
    ("Mohammed Rahimi", "Mohammad Rahimy", True),
    ("Konrad Yaroshenko", "Konrad Yarashenko", True),
    ("Nikita Frolov", "Nikita Frolova", False),
])
def test_fuzzy_names(a, b, same):
    assert nm.names_compatible(a, b) is same
