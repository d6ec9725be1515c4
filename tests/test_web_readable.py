"""Pages a reader can read (issue 10, parts 3-5), over a small seeded database on the backend under test.

Event dates with their precision instead of publication dates, a per-holder summary on /held,
titles and outlets instead of ids, reasons in words, no extractor ids, each evidence sentence
once, kind names as people write them, and /api/docs inside the site. The JSON keeps the codes.
"""
from __future__ import annotations

import lxml.html
import pytest
from fastapi.testclient import TestClient
from readable_support import ARTICLES, POW_SENTENCE, seed_lopsided

from swapwatch.web.app import create_app


@pytest.fixture
def seeded(store):
    ids = seed_lopsided(store)
    with TestClient(create_app(store=store)) as client:
        client.ids = ids
        yield client


def doc(client, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])
    return lxml.html.fromstring(response.text)


def words(el) -> str:
    return " ".join(el.text_content().split()) if not isinstance(el, str) else " ".join(el.split())


# -- 3. event dates, not publication dates ---------------------------------------------------------

def test_held_since_is_the_earliest_report_of_the_detention_at_its_precision(seeded):
    page = doc(seeded, "/held")
    row = page.xpath("//tr[contains(@class, 'held-person')][.//a[text()='Evan Reporter']]")[0]
    since = row.xpath(".//td[contains(@class, 'held-since')]")[0]
    assert words(since) == "March 2023"                       # not 2023-12-20, the latest report
    assert since.xpath(".//time/@datetime") == ["2023-03"]
    # Detained, freed, detained again: held since the second arrest, to the day.
    again = page.xpath("//tr[contains(@class, 'held-person')][.//a[text()='Ola Again']]//td[contains(@class, 'held-since')]")
    assert words(again[0]) == "10 June 2024"


def test_the_person_page_and_list_say_since_when_in_words(seeded):
    person = doc(seeded, "/persons/p-reporter")
    assert "since March 2023" in words(person.xpath("//*[@id='status']//p[contains(@class, 'status-line')]")[0])
    history = [words(td) for td in person.xpath("//*[@id='history']//tbody/tr/td[2]")]
    assert history == ["March 2023", "20 December 2023"]
    listing = words(doc(seeded, "/persons").xpath("//*[@id='person-list']")[0])
    assert "detained since March 2023" in listing and "exchanged on 8 December 2022" in listing


def test_the_json_gives_since_with_its_precision_and_keeps_status_date(seeded):
    held = seeded.get("/api/held").json()
    reporter = next(p for g in held["holders"] for p in g["persons"] if p["id"] == "p-reporter")
    assert (reporter["since"], reporter["since_precision"], reporter["status_date"]) == ("2023-03", "month", "2023-12-20")
