"""CSV downloads: every list page and API list with ?format=csv gives the records the JSON
gives for the same filters (same ids, same order), as a named download, formula cells guarded."""
from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from swapwatch import read
from swapwatch.publish import tables
from swapwatch.web.app import create_app


@pytest.fixture(scope="module")
def client(demo_db) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db)) as c:
        yield c


def download(client: TestClient, url: str, filename: str) -> list[dict[str, str]]:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == f'attachment; filename="{filename}"'
    assert r.headers["x-swapwatch-truncated"] == "false"
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8"), newline="")))


def ids(items) -> list[str]:
    return [i["id"] for i in items]


def held_ids(body) -> list[str]:
    return [p["id"] for group in body["holders"] for p in group["persons"]]


def search_ids(body) -> list[str]:
    return [x["id"] for kind in ("persons", "exchanges", "articles") for x in body[kind]]


def review_ids(body) -> list[str]:
    return [i["record_id"] for i in body["items"]]


JSON_IDS = {"exchanges": lambda b: ids(b["items"]), "persons": lambda b: ids(b["items"]),
            "articles": lambda b: ids(b["items"]), "held": held_ids, "search": search_ids, "review": review_ids}
# (CSV URL, the file's name, the JSON it must match)
LISTS = [
    ("/api/exchanges?format=csv", "exchanges", "/api/exchanges?limit=500"),
    ("/api/exchanges?format=csv&country=Rusia&kind=swap", "exchanges",
     "/api/exchanges?country=Rusia&kind=swap&limit=500"),
    ("/?format=csv&country=Russia&since=2023-01-01", "exchanges",
     "/api/exchanges?country=Russia&since=2023-01-01&limit=500"),
    ("/api/persons?format=csv&status=exchanged", "persons", "/api/persons?status=exchanged&limit=500"),
    ("/persons?format=csv&held_by=Russia&category=journalist", "persons",
     "/api/persons?held_by=Russia&category=journalist&limit=500"),
    ("/api/articles?format=csv&relevant=false", "articles", "/api/articles?relevant=false&limit=500"),
    ("/articles?format=csv&relevant=yes", "articles", "/api/articles?relevant=true&limit=500"),
    ("/api/held?format=csv", "held", "/api/held"),
    ("/held?format=csv&held_by=Russia", "held", "/api/held?held_by=Russia"),
    ("/api/search?q=Russia&format=csv&limit=5", "search", "/api/search?q=Russia&limit=5"),
    ("/search?q=Gershkovich&format=csv", "search", "/api/search?q=Gershkovich"),
    ("/api/review?format=csv", "review", f"/api/review?limit={read.MAX_REVIEW_LIMIT}"),
    ("/review?format=csv&problem=conflict", "review", f"/api/review?problem=conflict&limit={read.MAX_REVIEW_LIMIT}"),
]


@pytest.mark.parametrize("url, name, json_url", LISTS, ids=[u for u, *_ in LISTS])
def test_csv_matches_the_json_for_the_same_filters(client, url, name, json_url):
    rows = download(client, url, f"swapwatch-{name}.csv")
    expected = JSON_IDS[name](client.get(json_url).json())
    key = "record_id" if name == "review" else "id"
    assert [r[key] for r in rows] == expected
    assert expected or name in ("review",), f"{json_url} should find something in the demo"
    columns = {"exchanges": tables.EXCHANGE_COLUMNS, "persons": tables.PERSON_COLUMNS, "held": tables.HELD_COLUMNS,
               "articles": tables.ARTICLE_COLUMNS, "search": tables.SEARCH_COLUMNS, "review": tables.REVIEW_COLUMNS}
    assert all(list(r) == list(columns[name]) for r in rows)


def test_rows_carry_the_records_values(client):
    exchanges = download(client, "/api/exchanges?format=csv", "swapwatch-exchanges.csv")
    items = client.get("/api/exchanges?limit=500").json()["items"]
    for row, x in zip(exchanges, items):
        assert row["who_for_whom"] == x["who_for_whom"] and row["date"] == (x["date"] or "")
        assert row["mediators"] == "; ".join(x["mediators"]) and " released " in row["in_words"]
    persons = download(client, "/persons?format=csv", "swapwatch-persons.csv")
    people = client.get("/api/persons?limit=500").json()["items"]
    assert [(r["name"], r["status"], r["aliases"]) for r in persons] == [
        (p["name"], p["status"] or "", "; ".join(p["aliases"])) for p in people]


def test_csv_ignores_paging_and_walks_every_page(client, demo_db):
    everyone = download(client, "/api/persons?format=csv", "swapwatch-persons.csv")
    assert download(client, "/api/persons?format=csv&limit=2&offset=3", "swapwatch-persons.csv") == everyone
    assert download(client, "/persons?format=csv&offset=10", "swapwatch-persons.csv") == everyone
    from swapwatch.settings import db_url_from
    from swapwatch.store import open_store

    with open_store(db_url_from(demo_db)) as store:
        call = lambda **page: read.list_persons(store, **page)          # noqa: E731
        walked, more = tables.every_page(call, page_size=3)
        assert ids(walked) == [r["id"] for r in everyone] and not more and len(walked) > 6
        cut, more = tables.every_page(call, bound=5, page_size=2)
        assert ids(cut) == ids(walked)[:5] and more


def test_json_and_csv_answers_are_kept_apart(client):
    assert client.get("/api/exchanges").headers["content-type"].startswith("application/json")
    assert client.get("/api/exchanges?format=csv").headers["content-type"].startswith("text/csv")
    assert client.get("/api/exchanges").headers["content-type"].startswith("application/json")
    assert client.get("/api/exchanges?format=xml").status_code == 422
    assert client.get("/persons?format=xml").status_code == 422


@pytest.mark.parametrize("page", ["/?country=Russia&offset=1", "/persons?status=detained", "/held",
                                  "/articles?relevant=no&offset=2", "/search?q=Russia", "/review?problem=conflict"])
def test_list_pages_link_their_download(client, page):
    found = re.search(r'<a id="csv-download"[^>]*href="([^"]+)"', client.get(page).text)
    assert found, page
    link = html.unescape(found.group(1))
    assert "format=csv" in link and "offset=" not in link
    for pair in page.partition("?")[2].split("&") if "?" in page else ():
        if not pair.startswith("offset="):
            assert pair in link
    r = client.get(link)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")


def test_formula_cells_are_neutralised(db_url):
    from swapwatch.service import ingest_record
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    record = {"title": '=HYPERLINK("http://evil.example","click")', "outlet": "@SUM(A1:A9)", "url": "-2+3",
              "published": "2024-03-05",
              "text": "Iran released the French researcher Claire Dubois on Friday in exchange for the Iranian "
                      "engineer Reza Tahmasbi, who had been held by France, officials said. Dubois had been detained "
                      "in Tehran in 2022 and sentenced to five years on espionage charges."}
    with open_store(db_url, create=True) as store:
        ingest_record(store, record, load_settings(db_url))
        with TestClient(create_app(store=store)) as c:
            rows = download(c, "/api/articles?format=csv", "swapwatch-articles.csv")
            assert rows[0]["title"] == "'" + record["title"] and rows[0]["outlet"] == "'@SUM(A1:A9)"
            assert rows[0]["url"] == "'-2+3"
            searched = download(c, "/search?q=Dubois&format=csv", "swapwatch-search.csv")
            article = next(r for r in searched if r["type"] == "article")
            assert article["name"] == "'" + record["title"]
            for url, name in (("/?format=csv", "exchanges"), ("/persons?format=csv", "persons")):
                cells = [v for row in download(c, url, f"swapwatch-{name}.csv") for v in row.values()]
                assert cells and not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in cells)
