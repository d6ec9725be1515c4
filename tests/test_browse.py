"""store.browse: migrations 0002+ over an existing 0001 database, and search structures
that the database keeps current through every rebuild of the merged records."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect

from swapwatch.model import Article, Evidence, Exchange, MergedRecords, Person, Relevance, Side, StatusEvent
from swapwatch.store import browse, open_store
from swapwatch.store.engine import head_revision
from swapwatch import read as data

from conftest import at_revision

RELEVANT = Relevance(score=0.9, relevant=True, reasons=("detained",))


def article(n: int) -> Article:
    return Article(id=f"a{n:03d}", text=f"Article {n}: Łukasz Ødegård was freed in Doha in a swap.",
                   title=f"Swap report {n}", published=date(2024, 1, n), name=f"report-{n}", source=f"a{n}.txt")


def ev(article_id: str, field: str) -> Evidence:
    return Evidence(article_id=article_id, start=11, end=25, sentence="Łukasz Ødegård was freed.",
                    extractor="test.v1", field=field)


def person(pid: str, name: str, aliases: list[str], category: list[str], status: str = "exchanged",
           held_by: str = "Russia") -> Person:
    return Person(id=pid, name=name, aliases=aliases, status=status, status_date="2024-01-02", held_by=held_by,
                  nationality=["Norway"], category=category, role=None, charges=[], sentence=None,
                  articles=["a001"], history=[StatusEvent(status=status, date="2024-01-02", article_id="a001")],
                  evidence=[ev("a001", "status")])


def records(*, second_swap: bool = False) -> MergedRecords:
    swap = Exchange(
        id="x-1", date="2024-01-02", date_precision="day", kind="swap",
        location={"city": "Doha", "country": "Qatar"}, mediators=["Qatar"], total=2,
        sides=[Side("Russia", "Norway", 1, ["Łukasz Ødegård"], [ev("a001", "count")]),
               Side("Norway", "Russia", 1, ["Ivan Petrenko"], [ev("a001", "count")])],
        articles=["a001"], evidence=[ev("a001", "date")])
    exchanges = [swap]
    persons = [person("p-1", "Ivan Petrenko", ["Petrenko"], ["spy"]),
               person("p-2", "Łukasz Ødegård", ["Lukas Odegard"], ["journalist"])]
    if second_swap:
        exchanges = [Exchange(
            id="x-2", date="2025-05", date_precision="month", kind="unilateral_release", location=None,
            mediators=[], total=1, sides=[Side("Iran", "France", 1, ["Cécile Kohler"], [ev("a002", "count")])],
            articles=["a002"])]
        persons = [person("p-3", "Cécile Kohler", [], ["teacher"], status="released", held_by="Iran")]
    return MergedRecords(exchanges=exchanges, persons=persons)


def names(found: dict) -> list[str]:
    return [p["name"] for p in found["persons"]]


def test_a_0001_database_with_data_upgrades_and_is_searchable(db_url: str):
    old = at_revision(db_url, "0001")
    old.add_articles([(article(1), RELEVANT), (article(2), RELEVANT)])
    old.replace_merged(records())
    assert "ix_exchanges_date_id" not in {i["name"] for i in inspect(old.engine).get_indexes("exchanges")}
    old.close()

    with open_store(db_url) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
        assert "ix_exchanges_date_id" in {i["name"] for i in inspect(store.engine).get_indexes("exchanges")}
        assert browse.prepare_search(store.engine) is True
        assert names(data.search(store, "petrenko")) == ["Ivan Petrenko"]
        assert names(data.search(store, "lukas odegard")) == ["Łukasz Ødegård"]     # an alias, accents folded
        assert names(data.search(store, "ŁUKASZ")) == ["Łukasz Ødegård"]
        assert [x["id"] for x in data.search(store, "doha")["exchanges"]] == ["x-1"]          # place
        assert [x["id"] for x in data.search(store, "norway petrenko")["exchanges"]] == ["x-1"]  # party + name
        assert data.search(store, "norway cohen")["exchanges"] == []       # every word must match
        assert [a["id"] for a in data.search(store, "swap report")["articles"]] == ["a002", "a001"]
        assert data.list_persons(store, category="spy")["items"][0]["name"] == "Ivan Petrenko"
        assert data.list_exchanges(store, country="Norway")["total"] == 1
        assert data.list_exchanges(store, country="Norway", kind="pow_exchange")["total"] == 0


def test_search_follows_every_rebuild_of_the_merged_records(db_url: str):
    with open_store(db_url) as store:
        browse.prepare_search(store.engine)            # before any data: triggers fill everything
        store.add_articles([(article(1), RELEVANT), (article(2), RELEVANT)])
        store.replace_merged(records())
        assert data.list_exchanges(store, q="petrenko")["total"] == 1
        assert data.list_persons(store, category="journalist")["total"] == 1
        store.replace_merged(records(second_swap=True))
        assert data.search(store, "petrenko") == {"query": "petrenko", "persons": [], "exchanges": [],
                                                  "articles": []}
        with pytest.raises(data.NotFound):      # no longer a party: no_match, naming the ones there are
            data.list_exchanges(store, country="Norway")
        assert data.list_persons(store, category="journalist")["total"] == 0
        assert names(data.search(store, "cecile")) == ["Cécile Kohler"]
        assert [x["id"] for x in data.list_exchanges(store, country="France")["items"]] == ["x-2"]
        assert data.list_persons(store, category="teacher")["items"][0]["id"] == "p-3"
        assert data.list_exchanges(store, since="2025-05-20")["total"] == 1      # "2025-05" overlaps
        assert data.list_exchanges(store, until="2025-04-30")["total"] == 0


def test_prepare_search_is_idempotent_and_sides_resolve_to_people(db_url: str):
    with open_store(db_url) as store:
        store.add_articles([(article(1), RELEVANT)])
        store.replace_merged(records())
        browse._prepared.clear()                       # as a second process would see it
        assert browse.prepare_search(store.engine) and browse.prepare_search(store.engine)
        x = data.get_exchange(store, "x-1")
        people = {p["name"]: p for s in x["sides"] for p in s["persons"]}
        assert people["Łukasz Ødegård"]["person_id"] == "p-2" and people["Ivan Petrenko"]["category"] == ["spy"]
        assert x["balance"] == [{"category": "journalist", "counts": [1, 0]}, {"category": "spy", "counts": [0, 1]}]
        assert [e["id"] for e in data.get_person(store, "p-1")["exchanges"]] == ["x-1"]


@pytest.mark.parametrize("q", ['"', "NEAR(a b)", "*", "a AND OR NOT", "^x", "col:value", "(((", "'", "\\", "%_"])
def test_search_syntax_in_user_text_is_plain_text(db_url: str, q: str):
    with open_store(db_url) as store:
        store.add_articles([(article(1), RELEVANT)])
        store.replace_merged(records())
        found = data.search(store, q)
        assert found["query"] == q.strip()
        assert all(isinstance(found[k], list) for k in ("persons", "exchanges", "articles"))
        assert data.list_persons(store, q=q)["total"] == len(data.list_persons(store, q=q)["items"])


def test_totals_follow_changes_to_the_database(db_url: str):
    with open_store(db_url) as store:
        store.add_articles([(article(1), RELEVANT), (article(2), RELEVANT)])
        store.replace_merged(records())
        assert data.list_persons(store)["total"] == 2
        both = records()
        both.persons += records(second_swap=True).persons
        store.replace_merged(both)
        assert data.list_persons(store)["total"] == 3
        assert data.list_persons(store, limit=1, offset=2)["items"][0]["name"] == both.persons[2].name  # merge order
