"""Numbers: counts in digits and words, hedges, and the look-alikes that are not counts."""
from __future__ import annotations

import pytest

from swapwatch.extract.numbers import NumberMatch, find_numbers, parse_number


@pytest.mark.parametrize("text, value", [
    ("16", 16), ("1,000", 1000), ("12,345", 12345), ("sixteen", 16), ("Sixteen", 16), ("twenty-four", 24),
    ("twenty four", 24), ("two dozen", 24), ("a dozen", 12), ("half a dozen", 6), ("one hundred", 100),
    ("a hundred", 100), ("three hundred and ninety", 390), ("three hundred ninety", 390),
    ("one thousand two hundred", 1200), ("a thousand", 1000), ("two thousand and five", 2005),
    ("nineteen", 19), ("zero", 0), ("1.5 million", 1_500_000), ("nearly 900", 900), ("some 1,000", 1000),
    ("more than 50", 50), ("  eight  ", 8), ("ninety-nine", 99),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "a pair", "dozens", "hundreds", "several", "", "prisoners", "1.5", "two and three", "ten twelve",
    "first", "third", "a", "twenty twenty", "one one", "$50",
])
def test_parse_number_none(text: str) -> None:
    assert parse_number(text) is None


def _found(text: str) -> list[tuple[str, int, bool]]:
    return [(n.text, n.value, n.approximate) for n in find_numbers(text)]


@pytest.mark.parametrize("text, expected", [
    ("Moscow released 16 prisoners and Kyiv freed sixteen.", [("16", 16, False), ("sixteen", 16, False)]),
    ("A total of 24 people, including three Americans, were swapped.", [("24", 24, False), ("three", 3, False)]),
    ("Nearly 900 soldiers and some 1,000 civilians returned.",
     [("Nearly 900", 900, True), ("some 1,000", 1000, True)]),
    ("About 50 were freed; more than 50 are held; at least 12 died.",
     [("About 50", 50, True), ("more than 50", 50, True), ("at least 12", 12, True)]),
    ("Dozens of captives and hundreds of soldiers remain.", [("Dozens", 24, True), ("hundreds", 200, True)]),
    ("Two dozen Ukrainians and twenty-four Russians were swapped.",
     [("Two dozen", 24, False), ("twenty-four", 24, False)]),
    ("The 103 soldiers were swapped for 103 others.", [("103", 103, False), ("103", 103, False)]),
    ("Three hundred and ninety POWs came home.", [("Three hundred and ninety", 390, False)]),
    ("One American and two Germans were freed.", [("One", 1, False), ("two", 2, False)]),
    ("He got 12 years.", [("12", 12, False)]),
    ("Between 20-30 people, or 50 or so.", [("20-30", 20, True), ("50 or so", 50, True)]),
    ("In 2000 prisoners were freed.".replace("In 2000", "That year 2000"), [("2000", 2000, False)]),
    ("Up to 200 more may follow.", [("Up to 200", 200, True)]),
])
def test_find_numbers(text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "The swap happened in 2024.",
    "The 63-year-old journalist was freed.",
    "A five-year-old boy was among them.",
    "She is 40 years old.",
    "Karelina, 33, was freed.",
    "He was aged 52 at the time.",
    "It was his 3rd arrest and the 21st swap.",
    "Bail was set at $50 and later at €2,000 and £300.",
    "He paid 500 dollars and 3,000 rubles.",
    "Support fell to 40 percent, or 35%.",
    "The plane landed at 10 p.m. and took off at 11:30.",
    "The swap took place on August 1 and on 23 May.",
    "He was charged under Article 275 and held in Penal Colony No. 6.",
    "An F-16 and a MiG-29 flew over; Covid-19 rules applied.",
    "No one was freed; one of them spoke; they hugged one another.",
    "In the 1990s the rules were different.",
    "They won 27-17 and then lost 2-0.",
    "Game 4 of the series and Apollo 11 were shown.",
    "The Mega Million draw was held.",
    "A two-year conflict ended; the zero-Covid policy went on.",
    "He died at the age of 52.",
    "The hundred days passed.",
    "",
])
def test_not_counts(text: str) -> None:
    assert find_numbers(text) == []


def test_spans_are_exact() -> None:
    text = "Russia freed nearly 900 people, Ukraine about fifty, and the US two dozen."
    found = find_numbers(text)
    assert [n.text for n in found] == ["nearly 900", "about fifty", "two dozen"]
    for n in found:
        assert isinstance(n, NumberMatch)
        assert text[n.start:n.end] == n.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_a_number_too_long_for_a_float_is_not_a_count():
    from swapwatch.extract.numbers import parse_number

    assert parse_number("9" * 400) is None
    assert parse_number("1,200") == 1200
