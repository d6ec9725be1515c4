"""An upload's ``published`` that cannot be read is said in the answer, not dropped silently
(issue 12, reproduction 9): the article is stored without a date and ``warnings`` says why."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from swapwatch.store import open_store
from swapwatch.web.app import create_app

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = ("Belarus frees jailed Polish teacher\n\nBelarus released Ada Kowalski, a Polish teacher jailed in "
        "2021, from prison on Thursday in a prisoner exchange with Poland, officials said. {}")


@pytest.fixture
def writer(db_url: str):
    open_store(db_url).close()
    with TestClient(create_app(db_url, token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("published, shown", [
    ("last Tuesday", "'last Tuesday'"),
    ("2023-02-30", "'2023-02-30'"),
    (20230105, "'20230105'"),
    ({"day": 5}, "'{\"day\": 5}'"),
    ("x" * 500, "'" + "x" * 77 + "...'"),
])
def test_an_unreadable_published_is_a_warning_in_the_answer(writer, published, shown):
    r = writer.post("/api/articles", json={"text": TEXT.format(shown), "published": published}, headers=AUTH)
    assert r.status_code == 201, r.text
    answer = r.json()
    assert answer["warnings"] == [
        f"published {shown} is not a date swapwatch reads (YYYY-MM-DD, an ISO date-time or an RFC 2822 "
        "date such as 'Tue, 05 Dec 2023 10:00:00 GMT'): the article is stored without one"]
    assert writer.get(f"/api/articles/{answer['id']}").json()["published"] is None


@pytest.mark.parametrize("record", [{"published": "2023-01-05"}, {"date": "Thu, 05 Jan 2023 10:00:00 GMT"}, {},
                                    {"published": " "}, {"published": None}])
def test_a_readable_or_absent_published_gives_no_warning(writer, record):
    r = writer.post("/api/articles", json={"text": TEXT.format(record), **record}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["warnings"] == []
    expected = "2023-01-05" if any(str(v).startswith(("2023", "Thu")) for v in record.values()) else None
    assert writer.get(f"/api/articles/{r.json()['id']}").json()["published"] == expected


def test_what_the_extractor_leaves_unread_is_a_warning_too(writer):
    text = "Prisoner swap\n\n" + "Russia released prisoners in a swap. " * 600
    r = writer.post("/api/articles", json={"text": text, "published": "2023-01-05"}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["warnings"] == [
        "the extractor read only the first 12,330 of 22,214 characters: over 1000 custody cue words, "
        "the limit swapwatch.extract.pipeline.MAX_CUES"]
