"""The JSON API over the demo database: shapes, filters, links between records, docs, upload.

The demo articles are ingested once per module into a database on the backend under test
(SQLite file, or a fresh PostgreSQL database when SWAPWATCH_TEST_BACKEND=postgresql).
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import BACKEND
from swapwatch.model import CATEGORIES, KINDS
from swapwatch import read as data
from swapwatch.web.app import create_app

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def module_db_url(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database that lives for one test module (db_url is per test)."""
    if BACKEND != "postgresql":
        yield f"sqlite:///{tmp_path_factory.mktemp('webdb') / 'web.sqlite'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = request.getfixturevalue("pg_admin_url")
    name = f"swapwatch_web_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(scope="module")
def demo_store(module_db_url: str):
    from swapwatch.service import ingest
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    store = open_store(module_db_url)
    # The demo holds one person still detained; a made-up report of a second lets /api/held be cut short.
    ingest(store, [DEMO, Path(__file__).resolve().parent / "data" / "still-held"], load_settings(module_db_url))
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(demo_store) -> Iterator[TestClient]:
    with TestClient(create_app(store=demo_store), raise_server_exceptions=True) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200) -> dict:
    r = client.get(url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def by_name(client: TestClient, name: str) -> dict:
    found = [p for p in get(client, f"/api/persons?q={name}")["items"] if p["name"] == name]
    assert found, f"{name} not in the demo database"
    return found[0]


SUMMARY_KEYS = {"id", "date", "date_precision", "kind", "location", "place", "mediators", "total", "sides",
                "article_count", "who_for_whom"}
PERSON_KEYS = {"id", "name", "aliases", "status", "status_date", "held_by", "nationality", "category", "role",
               "charges", "sentence", "article_count", "last_reported"}
REF_KEYS = {"id", "name", "title", "url", "outlet", "published"}
EVIDENCE_KEYS = {"field", "article", "start", "end", "sentence", "extractor"}


# -- exchanges ------------------------------------------------------------------------

def test_exchange_list_is_newest_first_with_contract_keys(client):
    body = get(client, "/api/exchanges?limit=500")
    assert body["total"] == len(body["items"]) >= 8 and body["limit"] == 500 and body["offset"] == 0
    dates = [x["date"] for x in body["items"] if x["date"]]
    assert dates == sorted(dates, reverse=True)
    for x in body["items"]:
        assert SUMMARY_KEYS <= set(x) and x["kind"] in KINDS
        for side in x["sides"]:
            assert {"released_by", "received_by", "count", "persons"} <= set(side)
    griner = next(x for x in body["items"] if "Brittney Griner" in x["who_for_whom"])
    assert griner["who_for_whom"] == ("Russia -> United States: Brittney Griner (1) | "
                                      "United States -> Russia: Viktor Bout (1)")
    assert all(p["person_id"] for s in griner["sides"] for p in s["persons"])


def test_exchange_pages_do_not_overlap(client):
    everything = [x["id"] for x in get(client, "/api/exchanges?limit=500")["items"]]
    paged = []
    for offset in range(0, len(everything), 3):
        page = get(client, f"/api/exchanges?limit=3&offset={offset}")
        assert page["total"] == len(everything)
        paged += [x["id"] for x in page["items"]]
    assert paged == everything


@pytest.mark.parametrize("query, check", [
    ("kind=pow_exchange", lambda x: x["kind"] == "pow_exchange"),
    ("country=Venezuela", lambda x: any("Venezuela" in (s["released_by"], s["received_by"]) for s in x["sides"])),
    ("since=2023-01-01", lambda x: x["date"] >= "2023"),
    ("until=2022-12-31", lambda x: x["date"] <= "2022-12-31"),
    ("since=2022-01-01&until=2022-12-31", lambda x: x["date"].startswith("2022")),
    ("q=Griner", lambda x: "Griner" in x["who_for_whom"]),
])
def test_exchange_filters_keep_only_matches(client, query, check):
    body = get(client, f"/api/exchanges?{query}")
    assert body["items"], query
    assert body["total"] == len(body["items"])
    assert all(check(x) for x in body["items"])
    assert body["total"] < get(client, "/api/exchanges")["total"]


def test_exchange_detail_has_evidence_balance_and_people(client):
    griner = get(client, "/api/exchanges?q=Griner")["items"][0]
    x = get(client, f"/api/exchanges/{griner['id']}")
    assert SUMMARY_KEYS <= set(x) and {"articles", "evidence", "conflicts", "balance"} <= set(x)
    assert x["articles"] and REF_KEYS <= set(x["articles"][0])
    assert all(EVIDENCE_KEYS <= set(e) for s in x["sides"] for e in s["evidence"])
    assert any(s["evidence"] for s in x["sides"])
    people = {p["name"]: p for s in x["sides"] for p in s["persons"]}
    assert "athlete" in people["Brittney Griner"]["category"]
    assert people["Brittney Griner"]["nationality"] == ["United States"]
    athlete = next(b for b in x["balance"] if b["category"] == "athlete")
    assert athlete["counts"] == [1, 0]
    assert all(len(b["counts"]) == len(x["sides"]) and b["category"] in CATEGORIES for b in x["balance"])


DISAGREEING = Path(__file__).resolve().parent / "data" / "disagreeing"


def test_conflicting_figures_name_their_articles(db_url):
    """Two reports of one exchange (written for this test) give 12 and 14 released."""
    from swapwatch.service import ingest
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    store = open_store(db_url)
    try:
        ingest(store, [DISAGREEING], load_settings(db_url))
        with TestClient(create_app(store=store), raise_server_exceptions=True) as client:
            _check_conflicts(client)
    finally:
        store.close()


def _check_conflicts(client) -> None:
    conflicted = [x for x in get(client, "/api/exchanges?limit=500")["items"] if x["conflict_count"]]
    assert conflicted, "the two reports disagree"
    x = get(client, f"/api/exchanges/{conflicted[0]['id']}")
    assert x["conflicts"]
    for c in x["conflicts"]:
        assert len(c["values"]) >= 2
        assert all(REF_KEYS <= set(a) for v in c["values"] for a in v["articles"])


# -- persons --------------------------------------------------------------------------

def test_person_list_filters(client):
    everyone = get(client, "/api/persons?limit=500")
    assert everyone["total"] == len(everyone["items"]) >= 20
    assert all(PERSON_KEYS <= set(p) for p in everyone["items"])
    for query, check in (("status=detained", lambda p: p["status"] == "detained"),
                         ("held_by=Russia", lambda p: p["held_by"] == "Russia"),
                         ("category=journalist", lambda p: "journalist" in p["category"]),
                         ("q=griner", lambda p: "Griner" in p["name"])):
        body = get(client, f"/api/persons?{query}&limit=500")
        assert body["items"] and all(check(p) for p in body["items"]), query
        assert body["total"] == len(body["items"]) < everyone["total"]


def test_person_detail_links_history_and_exchanges(client):
    griner = get(client, f"/api/persons/{by_name(client, 'Brittney Griner')['id']}")
    assert PERSON_KEYS | {"history", "exchanges", "evidence", "conflicts", "articles"} <= set(griner)
    assert griner["history"] and REF_KEYS <= set(griner["history"][-1]["article"])
    assert [x["who_for_whom"] for x in griner["exchanges"]] == [
        "Russia -> United States: Brittney Griner (1) | United States -> Russia: Viktor Bout (1)"]
    assert griner["evidence"] and all(EVIDENCE_KEYS <= set(e) for e in griner["evidence"])
    assert griner["article_count"] == len(griner["articles"]) >= 1


def test_still_held_groups_by_holder_biggest_first(client):
    body = get(client, "/api/held")
    sizes = [len(g["persons"]) for g in body["holders"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == body["total"] > 0
    detained = get(client, "/api/persons?status=detained&limit=500")
    assert body["total"] == detained["total"]
    for g in body["holders"]:
        for p in g["persons"]:
            assert p["status"] == "detained" and p["held_by"] == g["holder"]
            assert isinstance(p["days_since_report"], int) and p["days_since_report"] >= 0


def test_days_since_report_counts_from_today(demo_store):
    from datetime import date

    body = data.still_held(demo_store, today=date(2030, 1, 1))
    person = body["holders"][0]["persons"][0]
    last = date.fromisoformat(person["last_reported"])
    assert person["days_since_report"] == (date(2030, 1, 1) - last).days


# -- articles -------------------------------------------------------------------------

def test_articles_list_relevance_and_detail_sentences(client):
    every = get(client, "/api/articles?limit=500")
    relevant = get(client, "/api/articles?relevant=true&limit=500")
    irrelevant = get(client, "/api/articles?relevant=false&limit=500")
    assert relevant["total"] + irrelevant["total"] == every["total"] and irrelevant["total"] > 0
    assert all(a["relevant"] for a in relevant["items"]) and not any(a["relevant"] for a in irrelevant["items"])
    griner = get(client, "/api/articles?q=Griner")["items"][0]
    article = get(client, f"/api/articles/{griner['id']}")
    assert article["text"] and article["used"]
    for used in article["used"]:
        assert used["record_type"] in ("exchange", "person", "side") and used["record_name"]
        assert used["article"]["id"] == griner["id"]
        if used["start"] >= 0:
            assert article["text"][used["start"]:used["end"]] in used["sentence"]


# -- stats and search -----------------------------------------------------------------

def test_stats_add_up(client):
    body = get(client, "/api/stats")
    per_month = sum(r["people"] for r in body["released_per_month"])
    per_country = sum(r["people"] for r in body["released_per_country"])
    assert 0 < per_month <= per_country
    assert all(len(r["month"]) == 7 for r in body["released_per_month"])
    assert any(r["category"] == "athlete" for r in body["categories_per_side"])
    assert body["counts"]["exchanges"] == get(client, "/api/exchanges")["total"]


@pytest.mark.parametrize("q, kind, expected", [
    ("griner", "persons", "Brittney Griner"),
    ("GRINER", "persons", "Brittney Griner"),
    ("Venezuela", "exchanges", "Venezuela"),
    ("basketball", "articles", "Griner"),
])
def test_search_finds_names_places_and_text(client, q, kind, expected):
    body = get(client, f"/api/search?q={q}")
    assert body["query"] == q
    hits = body[kind]
    assert hits, (q, kind)
    text = json.dumps(hits)
    assert expected in text
    if kind == "articles":
        assert all("snippet" in a for a in hits)


@pytest.mark.parametrize("q", ['"', "NEAR(", "*", "a OR", "AND", "\\", "%", "_", "'; DROP TABLE persons; --",
                               "(((", "^", "Griner*", 'x"y', "-griner", "ß", "日本"])
def test_search_takes_any_text(client, q):
    body = client.get("/api/search", params={"q": q})
    assert body.status_code == 200, body.text
    assert set(body.json()) >= {"query", "persons", "exchanges", "articles"}


# -- data.py directly -----------------------------------------------------------------

def test_data_functions_give_json_ready_dicts(demo_store):
    first = data.list_exchanges(demo_store, limit=1)["items"][0]
    person = data.list_persons(demo_store, limit=1)["items"][0]
    article = data.list_articles(demo_store, limit=1)["items"][0]
    for value in (data.get_exchange(demo_store, first["id"]), data.get_person(demo_store, person["id"]),
                  data.get_article(demo_store, article["id"]), data.stats(demo_store), data.still_held(demo_store),
                  data.search(demo_store, "Russia")):
        assert json.loads(json.dumps(value, allow_nan=False)) == value


def test_data_functions_reject_bad_parameters(demo_store):
    for call in (lambda: data.list_exchanges(demo_store, kind="war"), lambda: data.list_exchanges(demo_store, limit=0),
                 lambda: data.list_exchanges(demo_store, since="yesterday"),
                 lambda: data.list_persons(demo_store, status="lost"), lambda: data.search(demo_store, "  ")):
        with pytest.raises(data.InvalidRequest):
            call()


@pytest.mark.parametrize("q", ["a", "griner", "alexei", "ross", "al ni"])
def test_search_people_are_the_first_page_of_the_person_list(demo_store, q):
    searched = [p["id"] for p in data.search(demo_store, q, limit=3)["persons"]]
    assert searched == [p["id"] for p in data.list_persons(demo_store, q=q, limit=3)["items"]]


def test_still_held_says_when_it_was_cut_short(client):
    everyone = get(client, "/api/held")
    assert everyone["truncated"] is False and everyone["total"] >= 2
    one = get(client, "/api/held?limit=1")
    assert one["truncated"] is True and one["total"] == 1


@pytest.mark.parametrize("q", ["russia", "united", "venezuela", "griner", "united russia"])
def test_search_exchanges_are_the_first_page_of_the_exchange_list(demo_store, q):
    searched = [x["id"] for x in data.search(demo_store, q, limit=3)["exchanges"]]
    assert searched == [x["id"] for x in data.list_exchanges(demo_store, q=q, limit=3)["items"]]
    assert searched
