"""Writers racing on one database (threads here; processes in test_concurrent_ingest.py).

The merge stand-in below makes one invented person per stored extraction, so a merged
result says exactly which extractions the rebuild saw.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from swapwatch.model import Article, ArticleExtraction, MergedRecords, Person, Relevance
from swapwatch.store import Store, open_store
from swapwatch.store.retry import is_transient, with_retries

RELEVANT = Relevance(score=0.9, relevant=True, reasons=("released",))


def article(n: int) -> Article:
    return Article(id=f"a{n:03d}", text=f"Invented report number {n}: a prisoner was released.")


def extraction(n: int) -> ArticleExtraction:
    return ArticleExtraction(article_id=f"a{n:03d}", extractor_version="test.v1")


def one_person_per_extraction(extractions: list[ArticleExtraction], _dates: dict[str, date | None]) -> MergedRecords:
    persons = [Person(id=f"p-{x.article_id}", name=f"Person {x.article_id}", aliases=[], status="released",
                      status_date=None, held_by=None, nationality=[], category=[], role=None, charges=[],
                      sentence=None, articles=[x.article_id]) for x in extractions]
    return MergedRecords(persons=persons)


def merged_ids(store: Store) -> list[str]:
    return sorted(p.id for p in store.load_merged().persons)


def test_rebuild_merged_reads_and_replaces_in_one_go(store: Store):
    store.add_articles([(article(n), RELEVANT) for n in range(3)])
    for n in range(3):
        store.save_extraction(extraction(n))
    seen: dict[str, object] = {}

    def merge(extractions, dates):
        seen["ids"], seen["dates"] = [x.article_id for x in extractions], dates
        return one_person_per_extraction(extractions, dates)

    result = store.rebuild_merged(merge)
    assert seen == {"ids": ["a000", "a001", "a002"], "dates": {"a000": None, "a001": None, "a002": None}}
    assert result == store.load_merged()
    assert merged_ids(store) == ["p-a000", "p-a001", "p-a002"]


def test_failing_merge_keeps_the_old_records(store: Store):
    store.add_articles([(article(1), RELEVANT)])
    store.save_extraction(extraction(1))
    store.rebuild_merged(one_person_per_extraction)

    def broken(_extractions, _dates):
        raise ValueError("merge failed")

    with pytest.raises(ValueError):
        store.rebuild_merged(broken)
    assert merged_ids(store) == ["p-a001"]


def test_a_stale_rebuild_never_overwrites_a_newer_one(store: Store):
    """Rebuild A is slow; meanwhile B stores an extraction and rebuilds. B must wait for A and see both."""
    store.add_articles([(article(n), RELEVANT) for n in range(2)])
    store.save_extraction(extraction(0))
    inside = threading.Event()
    errors: list[BaseException] = []

    def slow_merge(extractions, dates):
        inside.set()
        time.sleep(0.5)          # holds the merge lock while B tries to get in
        return one_person_per_extraction(extractions, dates)

    def rebuild_a() -> None:
        try:
            store.rebuild_merged(slow_merge)
        except BaseException as e:   # pragma: no cover - reported below
            errors.append(e)

    a = threading.Thread(target=rebuild_a)
    a.start()
    assert inside.wait(10)
    store.save_extraction(extraction(1))
    store.rebuild_merged(one_person_per_extraction)
    a.join()
    assert errors == []
    assert merged_ids(store) == ["p-a000", "p-a001"]


def test_many_rebuilds_and_inserts_at_once_raise_nothing_and_lose_nothing(store: Store):
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for n in range(k, k + 6):
                store.add_articles([(article(n), RELEVANT), (article(n + 1), RELEVANT)])
                store.save_extraction(extraction(n))
                store.rebuild_merged(one_person_per_extraction)
        except BaseException as e:   # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(k * 3,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.counts()["articles"] == 16                    # a000..a015, each once
    assert merged_ids(store) == [f"p-a{n:03d}" for n in range(15)]


def test_replace_merged_from_two_threads_never_collides_on_keys(store: Store):
    records = one_person_per_extraction([extraction(n) for n in range(40)], {})
    errors: list[BaseException] = []

    def replace() -> None:
        try:
            for _ in range(5):
                store.replace_merged(records)
        except BaseException as e:   # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=replace) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(merged_ids(store)) == 40


def _db_error(message: str, sqlstate: str | None = None) -> OperationalError:
    orig = sqlite3.OperationalError(message)
    if sqlstate:
        orig.sqlstate = sqlstate     # what psycopg's errors carry
    return OperationalError("COMMIT", {}, orig)


@pytest.mark.parametrize("error, transient", [
    (_db_error("database is locked"), True),
    (_db_error("deadlock detected", "40P01"), True),
    (_db_error("could not serialize access", "40001"), True),
    (_db_error("no such table: articles"), False),
    (_db_error("connection refused", "08001"), False),
    (ValueError("database is locked"), False),
])
def test_which_errors_are_retried(error: BaseException, transient: bool):
    assert is_transient(error) is transient


def test_retries_are_bounded_and_stop_on_success():
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _db_error("database is locked")
        return "done"

    assert with_retries(flaky, pause_s=0.001) == "done" and len(calls) == 3
    calls.clear()

    def always_locked() -> None:
        calls.append(1)
        raise _db_error("database is locked")

    with pytest.raises(OperationalError):
        with_retries(always_locked, attempts=4, pause_s=0.001)
    assert len(calls) == 4


def test_a_real_error_is_not_retried(store: Store):
    calls = []

    def duplicate_person() -> None:
        calls.append(1)
        records = one_person_per_extraction([extraction(1), extraction(1)], {})
        store.replace_merged(records)

    with pytest.raises(IntegrityError):
        with_retries(duplicate_person, pause_s=0.001)
    assert len(calls) == 1


def test_sqlite_writer_waits_for_the_lock_instead_of_failing(sqlite_url: str):
    """One connection holds the write lock for a moment; a second writer waits, then succeeds."""
    with open_store(sqlite_url) as first, open_store(sqlite_url) as second:
        done = threading.Event()

        def hold_lock() -> None:
            with first.session(write=True) as s:
                from swapwatch.store.schema import ArticleRow

                s.get(ArticleRow, "none")
                done.set()
                time.sleep(0.4)

        t = threading.Thread(target=hold_lock)
        t.start()
        assert done.wait(10)
        assert second.add_articles([(article(1), RELEVANT)]) == [True]
        t.join()
        assert first.has_article("a001")
