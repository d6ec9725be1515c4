"""Publication dates from metadata; an unreadable date is unknown, never a failure."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from swapwatch.ingest.published import parse_published


@pytest.mark.parametrize("value, expected", [
    ("2023-12-28", date(2023, 12, 28)),
    (" 2023-12-28 ", date(2023, 12, 28)),
    ("2023-12-28T23:30:00-05:00", date(2023, 12, 28)),        # the source's own day, not UTC's
    ("2023-12-28T10:00:00Z", date(2023, 12, 28)),
    ("2023-12-28 10:00", date(2023, 12, 28)),
    ("2023-12-28T10:00:00.123456+02:00", date(2023, 12, 28)),
    ("Thu, 08 Dec 2022 15:04:05 GMT", date(2022, 12, 8)),
    ("Thu, 8 Dec 2022 15:04:05 +0000", date(2022, 12, 8)),
    ("8 Dec 2022 23:59:00 -0800", date(2022, 12, 8)),
    (date(2024, 8, 1), date(2024, 8, 1)),
    (datetime(2024, 8, 1, 12, 0), date(2024, 8, 1)),
])
def test_readable_dates(value: object, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [
    None, "", "   ", "yesterday", "2023-02-30", "2023-13-01", "2023-12", "20231228",
    "Mon, 32 Dec 2022 10:00:00 GMT", 20231228, True, ["2023-12-28"], {"date": "2023-12-28"},
])
def test_unreadable_dates_are_none(value: object) -> None:
    assert parse_published(value) is None
