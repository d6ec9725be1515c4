"""Re-judging the stored corpus when the relevance gate changes: an article judged by another
gate (an older ``relevance.COMPONENT``, or NULL: stored before migration 0009) is judged again
from its stored title and text on the next ingest of anything; newly relevant ones are then
extracted, newly irrelevant ones leave the merged records. Real database of the backend under
test (SQLite file, or PostgreSQL with SWAPWATCH_TEST_BACKEND=postgresql); names are invented.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from swapwatch.cli import app
from swapwatch.model import Article, Rejudged, Relevance
from swapwatch.relevance import COMPONENT
from swapwatch.service import ingest, ingest_articles, rejudge_stale
from swapwatch.settings import load_settings
from swapwatch.store import Store

OLD_GATE = "swapwatch.relevance.v1"
SWAP_TITLE = "Belarus frees jailed Polish teacher"
SWAP_TEXT = (f"{SWAP_TITLE}\n\nBelarus released Ada Kowalski, a Polish teacher jailed in 2021 on charges of "
             "extremism, from prison on Thursday in a prisoner exchange with Poland, officials said.\n")
BAKERY_TITLE = "Harbor bakery wins regional prize"
BAKERY_TEXT = (f"{BAKERY_TITLE}\n\nThe family bakery on Quay Street won the regional prize for its rye bread "
               "on Thursday, the judges said.\n")


def stored_row(store: Store, article_id: str) -> dict:
    """The stored decision, read back through the table's types (JSON reasons as a list)."""
    from swapwatch.store.schema import ArticleRow

    columns = (ArticleRow.relevant, ArticleRow.relevance_score, ArticleRow.relevance_reasons,
               ArticleRow.relevance_version)
    with store.session() as s:
        return dict(s.execute(select(*columns).where(ArticleRow.id == article_id)).mappings().one())


def judged_by(store: Store, article_id: str, version: str | None) -> None:
    """Make the stored decision look as if gate ``version`` (None: an unnamed older one) took it."""
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET relevance_version = :v WHERE id = :id"),
                     {"v": version, "id": article_id})


def store_decided(store: Store, article_id: str, body: str, title: str, decision: Relevance) -> None:
    assert store.add_article(Article(id=article_id, text=body, title=title), decision)


def person_names(store: Store) -> list[str]:
    return sorted(p.name for p in store.load_merged().persons)


@pytest.fixture
def settings(db_url: str):
    return load_settings(db_url)


@pytest.fixture
def swap_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "swap.txt").write_text(SWAP_TEXT, encoding="utf-8")
    return folder


def test_an_older_gates_no_is_rejudged_and_extracted_on_an_empty_ingest(store: Store, settings):
    store_decided(store, "stale-swap", SWAP_TEXT, SWAP_TITLE, Relevance(0.1, False, ("old cue",)))
    judged_by(store, "stale-swap", None)
    assert store.pending_extraction_ids("any") == []

    summary = ingest(store, [], settings)

    assert summary.rejudged == Rejudged(articles=1, now_relevant=1, no_longer_relevant=0)
    row = stored_row(store, "stale-swap")
    assert row["relevant"] and row["relevance_version"] == COMPONENT and row["relevance_score"] >= 0.5
    assert "old cue" not in row["relevance_reasons"]
    assert summary.extracted == 1
    assert [e.article_id for e in store.extractions()] == ["stale-swap"]
    assert "Ada Kowalski" in person_names(store)


def test_a_newly_irrelevant_article_loses_its_records_on_reingest_of_a_stored_file(store: Store, settings,
                                                                                    swap_folder: Path):
    first = ingest(store, [swap_folder], settings)
    assert (first.ingested, first.extracted) == (1, 1)
    [article_id] = [a["id"] for a in store.articles()]
    assert "Ada Kowalski" in person_names(store)
    with store.engine.begin() as conn:     # what an older gate let through: its stored text says otherwise
        conn.execute(text("UPDATE articles SET title = :t, text = :b, relevance_version = :v WHERE id = :id"),
                     {"t": BAKERY_TITLE, "b": BAKERY_TEXT, "v": OLD_GATE, "id": article_id})

    again = ingest(store, [swap_folder], settings)

    assert again.duplicates == 1 and again.extracted == 0
    assert again.rejudged == Rejudged(articles=1, now_relevant=0, no_longer_relevant=1)
    row = stored_row(store, article_id)
    assert not row["relevant"] and row["relevance_version"] == COMPONENT
    assert store.load_merged().persons == [] and store.load_merged().exchanges == []
    assert store.counts()["relevant"] == 0


def test_a_watch_cycle_with_nothing_new_still_rejudges_and_remerges(store: Store, settings, swap_folder: Path):
    ingest(store, [swap_folder], settings)
    [article_id] = [a["id"] for a in store.articles()]
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET title = :t, text = :b, relevance_version = NULL WHERE id = :id"),
                     {"t": BAKERY_TITLE, "b": BAKERY_TEXT, "id": article_id})

    cycle = ingest_articles(store, [], settings)      # what `swapwatch watch` runs; merges only on change

    assert cycle.rejudged == Rejudged(articles=1, now_relevant=0, no_longer_relevant=1)
    assert person_names(store) == []


def test_an_article_judged_by_the_current_gate_is_not_rescored(store: Store, settings):
    planted = Relevance(0.42, False, ("planted by the test",))     # the current gate would say relevant
    store_decided(store, "current", SWAP_TEXT, SWAP_TITLE, planted)
    store_decided(store, "stale", BAKERY_TEXT, BAKERY_TITLE, Relevance(0.9, True, ("old cue",)))
    judged_by(store, "stale", OLD_GATE)

    summary = ingest(store, [], settings)

    assert summary.rejudged == Rejudged(articles=1, now_relevant=0, no_longer_relevant=1)
    assert stored_row(store, "current") == {"relevant": False, "relevance_score": 0.42,
                                            "relevance_reasons": ["planted by the test"],
                                            "relevance_version": COMPONENT}
    assert stored_row(store, "stale")["relevance_version"] == COMPONENT
    assert ingest(store, [], settings).rejudged == Rejudged()        # everything current: nothing to do


def test_rejudging_streams_the_store_in_pages(store: Store, settings):
    for n in range(7):
        store_decided(store, f"a{n}", BAKERY_TEXT + f"Day {n}.\n", BAKERY_TITLE, Relevance(0.9, True))
        judged_by(store, f"a{n}", OLD_GATE if n % 2 else None)
    store_decided(store, "a7", SWAP_TEXT, SWAP_TITLE, Relevance(0.0, False))
    judged_by(store, "a7", OLD_GATE)

    done = rejudge_stale(store, settings, batch=3)

    assert done == Rejudged(articles=8, now_relevant=1, no_longer_relevant=7)
    assert store.judged_by_another_gate(COMPONENT, after=None, limit=100) == []


def test_a_page_is_bounded_and_holds_only_what_the_gate_reads(store: Store):
    for n in range(5):
        store_decided(store, f"b{n}", BAKERY_TEXT + f"Item {n}.\n", BAKERY_TITLE, Relevance(0.0, False))
        judged_by(store, f"b{n}", None)
    first = store.judged_by_another_gate(COMPONENT, after=None, limit=2)
    rest = store.judged_by_another_gate(COMPONENT, after=first[-1].id, limit=10)
    assert [a.id for a in first] == ["b0", "b1"] and [a.id for a in rest] == ["b2", "b3", "b4"]
    assert first[0].title == BAKERY_TITLE and first[0].text.startswith(BAKERY_TITLE)


def test_a_decision_rejudged_by_a_concurrent_run_is_not_counted_twice(store: Store):
    store_decided(store, "c1", SWAP_TEXT, SWAP_TITLE, Relevance(0.0, False))
    judged_by(store, "c1", OLD_GATE)
    decision = [("c1", Relevance(0.8, True, ("freed",)))]
    assert store.rejudge(COMPONENT, decision) == Rejudged(articles=1, now_relevant=1)
    assert store.rejudge(COMPONENT, decision) == Rejudged()


@pytest.mark.parametrize("quiet", [["-q"], []])
def test_the_ingest_command_says_what_was_rejudged(store: Store, db_url: str, swap_folder: Path, quiet):
    store_decided(store, "stale-swap", SWAP_TEXT + "Updated.\n", SWAP_TITLE, Relevance(0.1, False))
    judged_by(store, "stale-swap", OLD_GATE)

    result = CliRunner().invoke(app, ["ingest", "--db", db_url, *quiet, str(swap_folder)])

    assert result.exit_code == 0, result.output
    assert f"re-judged 1 article with {COMPONENT}: 1 now relevant, 0 no longer" in result.output
    again = CliRunner().invoke(app, ["ingest", "--db", db_url, *quiet, str(swap_folder)])
    assert again.exit_code == 0 and "re-judged" not in again.output
