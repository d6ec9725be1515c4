"""The Store against a real database: the backend under test (SQLite file, or PostgreSQL when
SWAPWATCH_TEST_BACKEND=postgresql); tests named ``sqlite`` are about SQLite itself.

Names and sentences here are invented for the tests.
"""
from __future__ import annotations

import copy
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from swapwatch.errors import NotFound, StoreError
from swapwatch.model import (Article, ArticleExtraction, Conflict, Evidence, Exchange, ExchangeMention,
                             MergedRecords, Person, PersonMention, Relevance, Side, SideMention, StatusEvent)
from swapwatch.store import Store, open_store

from conftest import at_revision

TABLES = {"articles", "extractions", "exchanges", "sides", "side_persons", "exchange_articles", "persons",
          "person_aliases", "status_events", "person_articles", "evidence", "alembic_version"}
RELEVANT = Relevance(score=0.9, relevant=True, reasons=("released", "prisoner swap"))
IRRELEVANT = Relevance(score=0.1, relevant=False)


def ev(article: str, start: int, field: str, sentence: str = "Ana Ilić was freed on Friday.",
       extractor: str = "swapwatch.persons.v1") -> Evidence:
    return Evidence(article_id=article, start=start, end=start + len(sentence), sentence=sentence,
                    extractor=extractor, field=field)


def sample_records() -> MergedRecords:
    """Two exchanges, three people, with conflicts, evidence and history (all invented)."""
    swap = Exchange(
        id="2023-05-02-ilic-brandt", date="2023-05-02", date_precision="day", kind="swap",
        location={"city": "Ankara", "country": "Turkey"}, mediators=["Turkey", "Oman"], total=3,
        sides=[
            Side("Belarus", "Germany", 2, ["Ana Ilić", "Tomás Brandt"],
                 [ev("art-b", 40, "count", "Minsk handed over two Germans.", "swapwatch.sides.v1")]),
            Side("Germany", "Belarus", 1, ["Oleg Varnavin"], []),
        ],
        articles=["art-b", "art-a"],
        evidence=[ev("art-a", 0, "date", "On May 2 the exchange took place.", "swapwatch.dates.v1"),
                  ev("art-b", 12, "location", "The handover was in Ankara.", "swapwatch.exchanges.v1")],
        conflicts=[Conflict("total", [{"value": 3, "articles": ["art-a"]}, {"value": 4, "articles": ["art-b"]}])],
    )
    release = Exchange(
        id="2022-11-release-dusek", date="2022-11", date_precision="month", kind="unilateral_release",
        location=None, mediators=[], total=None, sides=[Side("Iran", "France", None, ["Jiří Dušek"], [])],
        articles=["art-c"],
    )
    persons = [
        Person(id="p-ilic", name="Ana Ilić", aliases=["Ana Ilic", "A. Ilich"], status="exchanged",
               status_date="2023-05-02", held_by="Belarus", nationality=["Germany", "Serbia"],
               category=["journalist"], role="reporter", charges=["espionage"], sentence="8 years",
               articles=["art-a", "art-b"],
               history=[StatusEvent("detained", "2021-03", "art-a"), StatusEvent("exchanged", "2023-05-02", "art-b")],
               evidence=[ev("art-a", 5, "status"), ev("art-b", 90, "charges")],
               conflicts=[Conflict("sentence", [{"value": "8 years", "articles": ["art-a"]},
                                                {"value": "9 years", "articles": ["art-b"]}])]),
        Person(id="p-dusek", name="Jiří Dušek", aliases=[], status="released", status_date="2022-11",
               held_by="Iran", nationality=["Czech Republic"], category=["academic"], role=None, charges=[],
               sentence=None, articles=["art-c"]),
        Person(id="p-varnavin", name="Oleg Varnavin", aliases=["Oleg Warnawin"], status="exchanged",
               status_date="2023-05-02", held_by="Germany", nationality=["Belarus"], category=["spy"],
               role=None, charges=["murder"], sentence="life", articles=["art-b"]),
    ]
    return MergedRecords(exchanges=[swap, release], persons=persons)


def article(n: int, text: str | None = None, **kw) -> Article:
    return Article(id=f"id{n:03d}", text=text or f"Article number {n} about a prisoner release.", **kw)


# -- schema and migrations ------------------------------------------------------------

def test_migrations_create_schema_on_empty_database(db_url: str):
    from swapwatch.store.engine import head_revision

    with open_store(db_url) as s:
        assert TABLES <= set(inspect(s.engine).get_table_names())     # later migrations may add tables
        with s.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()


def test_sqlite_file_and_its_folders_are_created(tmp_path: Path):
    path = tmp_path / "nested" / "folder" / "fresh.sqlite"
    with open_store(f"sqlite:///{path}") as s:
        assert path.is_file()
        assert TABLES <= set(inspect(s.engine).get_table_names())


def test_open_twice_is_idempotent_and_keeps_data(db_url: str):
    url = db_url
    with open_store(url) as first:
        assert first.add_article(article(1), RELEVANT)
    with open_store(url) as second:
        assert second.has_article("id001")
        with second.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def test_models_and_migrations_agree(store: Store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from swapwatch.store.schema import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_downgrade_then_upgrade(db_url: str):
    from alembic import command

    from swapwatch.store.engine import alembic_config

    url = db_url
    open_store(url).close()
    with open_store(url) as s, s.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
    with open_store(url) as again:
        assert TABLES <= set(inspect(again.engine).get_table_names())
        again.add_article(article(1), RELEVANT)
        assert again.has_article("id001")


def _article_columns(store: Store) -> set[str]:
    return {c["name"] for c in inspect(store.engine).get_columns("articles")}


def test_0009_adds_relevance_version_to_a_0008_database_and_down_again(db_url: str):
    from alembic import command

    from swapwatch.relevance import COMPONENT
    from swapwatch.store.engine import alembic_config

    old = at_revision(db_url, "0008")
    assert old.add_article(article(1), RELEVANT)          # written as an older release writes it
    assert "relevance_version" not in _article_columns(old)
    old.close()

    with open_store(db_url) as s:
        assert "relevance_version" in _article_columns(s)
        assert "ix_articles_relevance_version" in {i["name"] for i in inspect(s.engine).get_indexes("articles")}
        assert [a.id for a in s.judged_by_another_gate(COMPONENT, after=None, limit=10)] == ["id001"]  # NULL
        assert s.add_article(article(2), RELEVANT)
        assert [a.id for a in s.judged_by_another_gate(COMPONENT, after=None, limit=10)] == ["id001"]
        with s.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0008")
        assert "relevance_version" not in _article_columns(s)
        assert s.has_article("id001") and s.has_article("id002")


@pytest.mark.parametrize("pragma, expected", [
    ("journal_mode", "wal"), ("foreign_keys", 1), ("busy_timeout", 30000), ("synchronous", 1),
])
def test_sqlite_connection_settings(sqlite_url: str, pragma: str, expected):
    with open_store(sqlite_url) as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql(f"PRAGMA {pragma}").scalar_one() == expected


def test_sqlite_wal_file_appears_beside_database(tmp_path: Path):
    path = tmp_path / "wal.sqlite"
    with open_store(f"sqlite:///{path}") as s:
        s.add_article(article(1), RELEVANT)
        assert Path(f"{path}-wal").exists()


@pytest.mark.parametrize("url", ["not a url", "nosuchdialect://x/y"])
def test_bad_url_is_a_store_error(url: str):
    with pytest.raises(StoreError):
        open_store(url)


def test_unreachable_postgres_is_a_store_error_without_password():
    with pytest.raises(StoreError) as info:
        open_store("postgresql+psycopg://someone:s3cret@127.0.0.1:1/nothing?connect_timeout=2")
    assert "s3cret" not in info.value.message
    assert "127.0.0.1" in info.value.message


def test_store_url_never_shows_password():
    from swapwatch.store.engine import make_engine

    engine = make_engine("postgresql+psycopg://someone:s3cret@db.example/swapwatch")   # no connection made
    try:
        assert "s3cret" not in Store(engine).url
        assert "db.example" in Store(engine).url
    finally:
        engine.dispose()


# -- articles -------------------------------------------------------------------------

def test_duplicate_article_returns_false_and_stores_one_row(store: Store):
    assert store.add_article(article(1), RELEVANT) is True
    assert store.add_article(article(1), IRRELEVANT) is False
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
    assert store.articles()[0]["relevant"] is True       # the first copy stays


def test_add_articles_batch_reports_each_item(store: Store):
    store.add_article(article(2), RELEVANT)
    items = [(article(1), RELEVANT), (article(2), RELEVANT), (article(3), IRRELEVANT), (article(1), RELEVANT)]
    assert store.add_articles(items) == [True, False, True, False]
    assert store.counts()["articles"] == 3
    assert store.add_articles([]) == []


def test_concurrent_writers_store_each_article_once(store: Store):
    items = [(article(n), RELEVANT) for n in range(30)]
    results: list[list[bool]] = []
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            mine = items[offset:] + items[:offset]
            results.append([flag for chunk in range(0, 30, 7) for flag in store.add_articles(mine[chunk:chunk + 7])])
        except BaseException as e:   # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(k * 5,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(sum(r) for r in results) == 30
    assert store.counts()["articles"] == 30


def _process_writer(url: str, ids: list[int], out) -> None:
    s = open_store(url)
    try:
        out.put(sum(s.add_articles([(article(n), RELEVANT) for n in ids])))
    finally:
        s.close()


def test_processes_opening_a_fresh_database_together(db_url: str):
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    url = db_url
    queue = ctx.Queue()
    procs = [ctx.Process(target=_process_writer, args=(url, list(range(k, k + 20)), queue)) for k in (0, 5, 10)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    assert sum(queue.get(timeout=5) for _ in procs) == 30       # ids 0..29, each new exactly once
    with open_store(url) as s:
        assert s.counts()["articles"] == 30


def test_article_round_trip(store: Store):
    a = Article(id="abc", text="Zoë Lindqvist was released.\nSecond line.", title="Freed", url="https://x.example/1",
                outlet="Example News", published=date(2024, 2, 29), language="en", source="in/a.txt", name="a")
    store.add_article(a, RELEVANT)
    assert store.article("abc") == a
    assert store.article("missing") is None
    assert store.has_article("abc") and not store.has_article("missing")


def test_articles_listing(store: Store):
    store.add_articles([(article(1, published=date(2024, 1, 1), name="one"), RELEVANT),
                            (article(2, published=date(2024, 3, 1)), IRRELEVANT),
                            (article(3), RELEVANT)])
    rows = store.articles()
    assert [r["id"] for r in rows] == ["id002", "id001", "id003"]      # newest first, undated last
    assert "text" not in rows[0]
    assert rows[1]["published"] == "2024-01-01" and rows[1]["chars"] == len(article(1).text)
    assert rows[1]["relevance_reasons"] == ["released", "prisoner swap"]
    assert rows[1]["ingested_at"].endswith("+00:00")
    assert [r["id"] for r in store.articles(relevant=True)] == ["id001", "id003"]
    assert [r["id"] for r in store.articles(relevant=False)] == ["id002"]
    assert [r["id"] for r in store.articles(limit=1, offset=1)] == ["id001"]


def test_published_dates_and_names(store: Store):
    store.add_articles([(article(1, published=date(2024, 1, 5), name="first"), RELEVANT),
                            (article(2), RELEVANT)])
    assert store.published_dates() == {"id001": date(2024, 1, 5), "id002": None}
    assert store.article_names() == {"id001": "first", "id002": "id002"}


# -- extractions ----------------------------------------------------------------------

def _extraction(article_id: str, version: str = "v1") -> ArticleExtraction:
    e = ev(article_id, 3, "count", "Kyiv said 40 soldiers came home.", "swapwatch.sides.v1")
    return ArticleExtraction(
        article_id=article_id, extractor_version=version,
        exchanges=[ExchangeMention(date="2024-01", date_precision="month", kind="pow_exchange",
                                   location={"city": None, "country": "Ukraine"}, total=40,
                                   sides=[SideMention("Russia", "Ukraine", 40, [], [e])], evidence=[e])],
        persons=[PersonMention(name="Zoë Lindqvist", aliases=["Zoe Lindqvist"], status="released",
                               nationality=["Sweden"], charges=["espionage"], evidence=[e])],
        not_detainees=["Hal Pemberton"])


def test_extraction_round_trip_and_replace(store: Store):
    store.add_articles([(article(2), RELEVANT), (article(1), RELEVANT)])
    store.save_extraction(_extraction("id002"))
    store.save_extraction(_extraction("id001", "v1"))
    store.save_extraction(_extraction("id001", "v2"))
    got = store.extractions()
    assert [x.article_id for x in got] == ["id001", "id002"]
    assert got[0] == _extraction("id001", "v2")
    assert got[1] == _extraction("id002")
    assert store.counts()["extractions"] == 2


def test_extraction_for_unknown_article_is_not_found(store: Store):
    with pytest.raises(NotFound):
        store.save_extraction(_extraction("nope"))


def test_pending_extraction_ids(store: Store):
    store.add_articles([(article(3), RELEVANT), (article(1), RELEVANT), (article(2), IRRELEVANT),
                            (article(4), RELEVANT)])
    store.save_extraction(_extraction("id001", "v1"))
    store.save_extraction(_extraction("id004", "v0"))
    assert store.pending_extraction_ids("v1") == ["id003", "id004"]
    assert store.pending_extraction_ids("v0") == ["id001", "id003"]


# -- merged records -------------------------------------------------------------------

def test_merged_round_trip_is_exact(store: Store):
    records = sample_records()
    store.replace_merged(records)
    assert store.load_merged() == records


def test_replace_merged_drops_old_rows(store: Store):
    store.replace_merged(sample_records())
    smaller = sample_records()
    smaller.exchanges = smaller.exchanges[1:]
    smaller.persons = smaller.persons[:1]
    store.replace_merged(smaller)
    assert store.load_merged() == smaller
    with store.engine.connect() as conn:
        rows = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("sides", "side_persons", "evidence", "person_aliases", "status_events")}
    assert rows == {"sides": 1, "side_persons": 1, "evidence": 2, "person_aliases": 2, "status_events": 2}
    store.replace_merged(MergedRecords())
    assert store.load_merged() == MergedRecords()


def test_replace_merged_is_all_or_nothing(store: Store):
    store.replace_merged(sample_records())
    broken = sample_records()
    broken.persons.append(copy.deepcopy(broken.persons[0]))        # duplicate id: the insert fails
    with pytest.raises(IntegrityError):
        store.replace_merged(broken)
    assert store.load_merged() == sample_records()


def test_exchanges_sorted_by_date_then_id(store: Store):
    records = sample_records()
    undated = copy.deepcopy(records.exchanges[1])
    undated.id, undated.date, undated.date_precision = "0-undated", None, None
    same_day = copy.deepcopy(records.exchanges[0])
    same_day.id = "2023-05-02-another"
    records.exchanges += [undated, same_day]
    store.replace_merged(records)
    assert [x.id for x in store.exchanges()] == [
        "2022-11-release-dusek", "2023-05-02-another", "2023-05-02-ilic-brandt", "0-undated"]


def test_exchange_by_id(store: Store):
    store.replace_merged(sample_records())
    assert store.exchange("2023-05-02-ilic-brandt") == sample_records().exchanges[0]
    with pytest.raises(NotFound) as info:
        store.exchange("no-such-exchange")
    assert info.value.code == "not_found" and info.value.http_status == 404


@pytest.mark.parametrize("status, held_by, expected", [
    (None, None, ["p-ilic", "p-dusek", "p-varnavin"]),
    ("exchanged", None, ["p-ilic", "p-varnavin"]),
    ("Released", None, ["p-dusek"]),
    ("died_in_custody", None, []),
    (None, "germany", ["p-varnavin"]),
    (None, "Belarus", ["p-ilic"]),
    ("released", "Belarus", []),
])
def test_persons_filters(store: Store, status, held_by, expected):
    store.replace_merged(sample_records())
    assert [p.id for p in store.persons(status=status, held_by=held_by)] == expected


@pytest.mark.parametrize("query, expected", [
    ("Ana Ilić", ["p-ilic"]),
    ("ana ilic", ["p-ilic"]),
    ("ILIC", ["p-ilic"]),
    ("ilich", ["p-ilic"]),                  # only an alias has it
    ("a. ilich", ["p-ilic"]),
    ("jiri dusek", ["p-dusek"]),
    ("DUŠEK", ["p-dusek"]),
    ("warnawin", ["p-varnavin"]),
    ("oleg", ["p-varnavin"]),
    ("na", ["p-ilic", "p-varnavin"]),       # inside "ana" and "varnavin"
    ("%", []),
    ("_", []),
    ("", []),
    ("   ", []),
    ("nobody at all", []),
])
def test_find_persons(store: Store, query: str, expected: list[str]):
    store.replace_merged(sample_records())
    assert [p.id for p in store.find_persons(query)] == expected


def test_find_persons_exact_match_first(store: Store):
    records = sample_records()
    namesake = copy.deepcopy(records.persons[1])
    namesake.id, namesake.name, namesake.aliases = "p-dusek-2", "Adam Jiří Dušek-Novák", []
    records.persons.append(namesake)
    store.replace_merged(records)
    assert [p.id for p in store.find_persons("jiri dusek")] == ["p-dusek", "p-dusek-2"]


def test_find_persons_prefix_before_substring(store: Store):
    records = sample_records()
    other = copy.deepcopy(records.persons[1])
    other.id, other.name, other.aliases = "p-jovanovic", "Aleksandar Jovanović", []
    records.persons.append(other)
    store.replace_merged(records)
    assert [p.id for p in store.find_persons("an")] == ["p-ilic", "p-jovanovic"]


def test_counts(store: Store):
    store.add_articles([(article(1), RELEVANT), (article(2), IRRELEVANT)])
    store.save_extraction(_extraction("id001"))
    store.replace_merged(sample_records())
    assert store.counts() == {"articles": 2, "relevant": 1, "extractions": 1, "exchanges": 2, "persons": 3}
