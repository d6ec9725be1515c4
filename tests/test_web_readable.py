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


# -- 5. plain language for readers --------------------------------------------------------------

def test_sources_are_shown_by_title_and_outlet_never_by_id_or_file_stem(seeded):
    for path in ("/exchanges/x-pow", "/persons/p-reporter", "/articles"):
        page = doc(seeded, path)
        links = [words(a) for a in page.xpath("//a[contains(@class, 'article-link')]")]
        assert links and all(t in {v[0] for v in ARTICLES.values()} for t in links), (path, links)
        text = words(page)
        assert "file-stem" not in text and "a-pow" not in text and "a-march" not in text, path
    assert "Harbor Ledger" in words(doc(seeded, "/exchanges/x-pow").xpath("//details[contains(@class, 'evidence')]")[0])


def test_relevance_reasons_are_words_on_pages_and_codes_in_the_json(seeded):
    for path in ("/articles", "/articles/a-pow"):
        reasons = words(doc(seeded, path).xpath("//*[contains(@class, 'reasons')]")[0])
        assert "-blocked" not in reasons and "-not yet" not in reasons and "a release in the headline" in reasons
        assert "Not counted, said of the future, as a demand or a condition: someone in detention" in reasons
    assert "-blocked:in detention" in seeded.get("/api/articles/a-pow").json()["relevance_reasons"]


def test_extractor_ids_are_in_the_json_only(seeded):
    for path in ("/exchanges/x-pow", "/persons/p-reporter", "/articles/a-pow"):
        assert not any(v in seeded.get(path).text for v in ("swapwatch.counts.v1", "swapwatch.sides.v1",
                                                              "swapwatch.persons.v1")), path
    side = seeded.get("/api/exchanges/x-pow").json()["sides"][0]
    assert side["evidence"][0]["extractor"] == "swapwatch.counts.v1"


def test_each_evidence_sentence_is_shown_once_under_a_side(seeded):
    assert len(seeded.get("/api/exchanges/x-pow").json()["sides"][0]["evidence"]) == 3     # as stored
    side = doc(seeded, "/exchanges/x-pow").xpath("//*[@id='sides']//*[contains(@class, 'side')]")[0]
    sentences = [words(q) for q in side.xpath(".//q[contains(@class, 'evidence-sentence')]")]
    assert sentences == [POW_SENTENCE]
    assert words(side.xpath(".//details/summary/*[contains(@class, 'n')]")[0]) == "1"


def test_kind_names_are_written_as_people_write_them(seeded):
    exchange = doc(seeded, "/exchanges/x-pow")
    assert words(exchange.xpath("//h1//*[contains(@class, 'kind')]")[0]) == "POW exchange"
    timeline = doc(seeded, "/")
    kinds = {words(k) for k in timeline.xpath("//*[@id='exchange-list']//*[contains(@class, 'kind')]")}
    assert kinds == {"POW exchange", "swap"}
    options = [words(o) for o in timeline.xpath("//select[@name='kind']/option")]
    assert "POW exchange" in options and "Pow Exchange" not in words(timeline)
    assert "pow_exchange" in [o.get("value") for o in timeline.xpath("//select[@name='kind']/option")]
    css = seeded.get("/static/swapwatch.css").text
    assert "capitalize" not in css


def test_api_docs_are_a_page_of_the_site_without_double_backticks(seeded):
    response = seeded.get("/api/docs")
    assert "``" not in response.text
    page = lxml.html.fromstring(response.text)
    assert page.xpath("//nav[@id='site-nav']//a[@href='/api/docs' and @aria-current='page']")
    assert page.xpath("//form[@id='site-search']") and page.xpath("//footer")
    exchanges = page.xpath("//section[@id='get-api-exchanges']")[0]
    assert "country" in [c.text for c in exchanges.xpath(".//p/code")]      # ``country`` in the docstring
    assert not page.xpath("//script | //style | //*[@style]")
