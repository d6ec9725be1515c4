"""Dates: relative expressions against the publication date, explicit dates, non-dates."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from swapwatch.extract.dates import DateMatch, find_dates, resolve_date
from conftest import DEV

FRI = date(2024, 8, 2)     # a Friday
APR = date(2025, 4, 11)    # a Friday
MON = date(2023, 1, 16)    # a Monday, early in the year


def _one(text: str, published: date | None) -> tuple[str, str, str, bool]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    return d.text, d.value, d.precision, d.relative


@pytest.mark.parametrize("text, published, value, precision", [
    ("Thursday's deal freed 24 people.", FRI, "2024-08-01", "day"),
    ("The exchange happened on Thursday.", APR, "2025-04-10", "day"),
    ("On Friday the plane landed.", FRI, "2024-08-02", "day"),
    ("They met on Saturday in Ankara.", FRI, "2024-07-27", "day"),
    ("The plane landed early Saturday.", FRI, "2024-08-03", "day"),     # the feed's day is the day before
    ("The plane landed early Thursday.", FRI, "2024-08-01", "day"),
    ("The swap took place Monday.", MON, "2023-01-16", "day"),
    ("She was freed last Thursday.", FRI, "2024-08-01", "day"),
    ("He was freed last Friday.", FRI, "2024-07-26", "day"),
    ("The court will rule next Monday.", FRI, "2024-08-05", "day"),
    ("Officials spoke today.", FRI, "2024-08-02", "day"),
    ("The plane lands tonight.", FRI, "2024-08-02", "day"),
    ("He called this morning.", FRI, "2024-08-02", "day"),
    ("Earlier today, the Kremlin confirmed it.", FRI, "2024-08-02", "day"),
    ("Earlier this morning he was released.", FRI, "2024-08-02", "day"),
    ("He was released yesterday.", FRI, "2024-08-01", "day"),
    ("Yesterday's swap was the largest.", MON, "2023-01-15", "day"),
    ("They landed late last night.", FRI, "2024-08-01", "day"),
    ("It happened the day before yesterday.", FRI, "2024-07-31", "day"),
    ("Talks resume tomorrow.", FRI, "2024-08-03", "day"),
    ("Three days ago the list was agreed.", FRI, "2024-07-30", "day"),
    ("The deal was signed over the weekend.", date(2024, 8, 5), "2024-08-03", "day"),
    ("The swap took place earlier this week.", FRI, "2024-08", "month"),
    ("Prisoners were moved this week.", FRI, "2024-08", "month"),
    ("The exchange took place last week.", FRI, "2024-07", "month"),
    ("They were freed last month.", FRI, "2024-07", "month"),
    ("They were freed last month.", MON, "2022-12", "month"),
    ("It was the second swap this month.", FRI, "2024-08", "month"),
    ("Two weeks ago, 90 soldiers came home.", FRI, "2024-07", "month"),
    ("Six months ago she was detained.", FRI, "2024-02", "month"),
    ("He was detained last December.", FRI, "2023-12", "month"),
    ("He was detained last May.", FRI, "2024-05", "month"),
    ("He was detained last August.", FRI, "2023-08", "month"),
    ("She was arrested this past April.", FRI, "2024-04", "month"),
    ("The swap happened in February.", APR, "2025-02", "month"),
    ("The swap happened in April.", APR, "2025-04", "month"),
    ("The swap happened in October.", APR, "2024-10", "month"),
    ("He was detained in December.", MON, "2022-12", "month"),
    ("February brought another exchange.", APR, "2025-02", "month"),
    ("In late October, 95 soldiers returned.", FRI, "2023-10", "month"),
    ("She was jailed in early March.", FRI, "2024-03", "month"),
    ("The talks stalled in mid-June.", FRI, "2024-06", "month"),
    ("He was sentenced in May.", FRI, "2024-05", "month"),
    ("Since March, no prisoners were swapped.", FRI, "2024-03", "month"),
    ("Earlier this year, the US freed two.", FRI, "2024", "year"),
    ("The swap was the first this year.", FRI, "2024", "year"),
    ("She was detained last year.", FRI, "2023", "year"),
    ("Two years ago he was arrested.", FRI, "2022", "year"),
    ("He was arrested in 2023.", FRI, "2023", "year"),
    ("He has been held since 2019.", FRI, "2019", "year"),
    ("He was arrested in mid-2021.", FRI, "2021", "year"),
    ("He was arrested in January 2024.", FRI, "2024-01", "month"),
    ("He was arrested in late October 2023.", FRI, "2023-10", "month"),
    ("The swap took place on August 1, 2024.", FRI, "2024-08-01", "day"),
    ("The swap took place on 1 August 2024.", FRI, "2024-08-01", "day"),
    ("The swap took place on Thursday, August 1, 2024.", FRI, "2024-08-01", "day"),
    ("The swap took place on Aug. 1.", FRI, "2024-08-01", "day"),
    ("The swap took place on Aug 1.", FRI, "2024-08-01", "day"),
    ("The swap took place on August 1st.", FRI, "2024-08-01", "day"),
    ("The swap took place on the 1st of August.", FRI, "2024-08-01", "day"),
    ("He was arrested on 23 May.", FRI, "2024-05-23", "day"),
    ("He was arrested on May 23.", FRI, "2024-05-23", "day"),
    ("He was arrested on Dec. 8.", FRI, "2023-12-08", "day"),
    ("He was arrested on Dec. 8, 2022.", FRI, "2022-12-08", "day"),
    ("A hearing is set for August 7.", FRI, "2024-08-07", "day"),
    ("He was arrested on August 12.", FRI, "2023-08-12", "day"),
    ("The court ruled on 2024-08-01.", FRI, "2024-08-01", "day"),
    ("He was arrested on December 31.", date(2025, 1, 3), "2024-12-31", "day"),
    ("A hearing is set for January 5.", date(2024, 12, 30), "2025-01-05", "day"),
    ("They swapped on Sept. 14.", FRI, "2023-09-14", "day"),
])
def test_find_dates_resolves(text: str, published: date, value: str, precision: str) -> None:
    found = find_dates(text, published)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]
    d = found[0]
    assert text[d.start:d.end] == d.text
    assert d.inferred is False


@pytest.mark.parametrize("text, span", [
    ("Thursday's deal", "Thursday"), ("in late October", "late October"), ("last December", "last December"),
    ("on 23 May", "23 May"), ("in 2023", "2023"), ("in mid-2021", "mid-2021"), ("in February", "February"),
    ("this past April", "this past April"), ("earlier this week", "earlier this week"),
])
def test_span(text: str, span: str) -> None:
    assert _one(text, FRI)[0] == span


@pytest.mark.parametrize("text, relative", [
    ("on Thursday", True), ("in February", True), ("May 23", True), ("last year", True),
    ("August 1, 2024", False), ("in 2023", False), ("January 2024", False), ("2024-08-01", False),
])
def test_relative_flag(text: str, relative: bool) -> None:
    assert _one(text, FRI)[3] is relative


@pytest.mark.parametrize("text", [
    "The plane landed at 10 p.m. local time.",
    "The 63-year-old was sentenced to 12 years.",
    "She served 31 months in a penal colony.",
    "A total of 26 people were exchanged.",
    "Theresa May said nothing.",
    "He may march with the others.",
    "April Ryan reported the story.",
    "The Sunday Times reported the story.",
    "The arrests came after Good Friday prayers.",
    "Talks were planned for 2,023 delegates.",
    "The F-16 and Covid-19 rules.",
    "In May 23 prisoners were freed.".replace("In May ", "Then "),
    "He flew from Mar-a-Lago to Washington.",
    "The plant closes this December.",
    "Prices rose in Aug and Sept.",
    "",
])
def test_not_dates(text: str) -> None:
    assert find_dates(text, FRI) == []


def test_count_after_month_is_not_a_day() -> None:
    found = find_dates("In May 23 prisoners were freed.", FRI)
    assert [(d.text, d.value) for d in found] == [("May", "2024-05")]


@pytest.mark.parametrize("text", [
    "The court will rule next March.", "He will be freed in 2030.".replace("in 2030", "next year"),
])
def test_never_far_future(text: str) -> None:
    for d in find_dates(text, FRI):
        y, *rest = (int(p) for p in d.value.split("-"))
        assert date(y, rest[0] if rest else 1, rest[1] if len(rest) > 1 else 1) <= FRI + timedelta(days=7)


def test_without_publication_only_explicit() -> None:
    text = "On Thursday, after talks in February, the swap of August 1, 2024 and May 23 was recalled; in 2019 too."
    found = find_dates(text, None)
    assert [(d.value, d.precision) for d in found] == [("2024-08-01", "day"), ("2019", "year")]
    assert all(d.inferred and not d.relative for d in found)


def test_several_in_order() -> None:
    text = ("On Thursday, Russia freed 16 people. In February, it had freed Marc. "
            "He was detained in August 2021 and sentenced last June.")
    found = find_dates(text, FRI)
    assert [d.value for d in found] == ["2024-08-01", "2024-02", "2021-08", "2024-06"]
    assert all(isinstance(d, DateMatch) for d in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("expr, published, value, precision", [
    ("2023", FRI, "2023", "year"), ("May", FRI, "2024-05", "month"), ("March", FRI, "2024-03", "month"),
    ("Thursday", FRI, "2024-08-01", "day"), ("last December", FRI, "2023-12", "month"),
    ("August 1, 2024", None, "2024-08-01", "day"), ("2023", None, "2023", "year"),
    ("on 23 May", FRI, "2024-05-23", "day"),
])
def test_resolve_date(expr: str, published: date | None, value: str, precision: str) -> None:
    d = resolve_date(expr, published)
    assert d is not None
    assert (d.value, d.precision) == (value, precision)
    assert d.inferred is (published is None)


@pytest.mark.parametrize("expr, published", [
    ("Thursday", None), ("May", None), ("", FRI), ("prisoners", FRI), ("12 years", FRI),
])
def test_resolve_date_none(expr: str, published: date | None) -> None:
    assert resolve_date(expr, published) is None


def test_dev_articles_dates_are_bounded() -> None:
    if not DEV.is_dir():
        pytest.skip(f"needs the shared evaluation corpora at {DEV} (absent in this checkout)")
    n = 0
    for txt in sorted(DEV.glob("*/articles/*.txt")):
        meta = txt.with_suffix(".json")
        pub = None
        if meta.exists():
            raw = json.loads(meta.read_text(encoding="utf-8")).get("published")
            pub = date.fromisoformat(raw[:10]) if raw else None
        text = txt.read_text(encoding="utf-8")
        for d in find_dates(text, pub):
            n += 1
            assert text[d.start:d.end] == d.text
            if pub is not None and d.relative:
                y, *rest = (int(p) for p in d.value.split("-"))
                assert date(y, rest[0] if rest else 1, rest[1] if len(rest) > 1 else 1) <= pub + timedelta(days=7)
    assert n > 50


@pytest.mark.parametrize("published,value", [
    (date(2024, 8, 6), "2024-08"),     # last week = 29 July - 4 August: four days in August
    (date(2024, 8, 2), "2024-07"),     # last week = 22 - 28 July
    (date(2024, 8, 12), "2024-08"),    # last week = 5 - 11 August
])
def test_last_week_is_the_month_holding_most_of_that_week(published, value):
    (d,) = find_dates("The exchange took place last week.", published)
    assert (d.value, d.precision) == (value, "month")
