"""A database built by an older extractor is brought up to date by the next ingest (issue 12,
reproduction 8: a 0.1.0 database re-ingested by 0.2.0 said "extracted 0" and exported 226
lines differently from a fresh run).

Every stored extraction whose version is not EXTRACTOR_VERSION is stale: the next ingest of
the same files re-extracts exactly those, counts them, and the export then equals a fresh run's.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from swapwatch.export import export_json
from swapwatch.extract.pipeline import EXTRACTOR_VERSION
from swapwatch.service import ingest, refresh_merged
from swapwatch.settings import load_settings
from swapwatch.store import open_store
from swapwatch.store.schema import ExtractionRow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
OLD = "swapwatch.extract.v1"


def _export(store) -> str:
    return export_json(store.load_merged(), store.article_names())


def _make_stale(store) -> int:
    """What an older extractor left: its version stamp, and a reading that found nothing."""
    with store.session(write=True) as s:
        rows = s.execute(select(ExtractionRow.article_id, ExtractionRow.payload)).all()
        for article_id, payload in rows:
            old = {**payload, "extractor_version": OLD, "exchanges": [], "persons": []}
            s.execute(update(ExtractionRow).where(ExtractionRow.article_id == article_id)
                      .values(extractor_version=OLD, payload=old))
    return len(rows)


def test_reingest_after_an_upgrade_re_extracts_stale_articles_and_equals_a_fresh_run(new_db_url):
    fresh_url, upgraded_url = new_db_url(), new_db_url()
    with open_store(fresh_url) as fresh:
        first = ingest(fresh, [EXAMPLES], load_settings(fresh_url))
        assert first.extracted > 0
        expected = _export(fresh)

    with open_store(upgraded_url) as store:
        settings = load_settings(upgraded_url)
        ingest(store, [EXAMPLES], settings)
        stale = _make_stale(store)
        refresh_merged(store)
        assert stale == first.extracted and _export(store) != expected     # the old reading shows

        again = ingest(store, [EXAMPLES], settings)
        assert (again.ingested, again.duplicates, again.extracted) == (0, first.ingested, stale)
        assert {x.extractor_version for x in store.extractions()} == {EXTRACTOR_VERSION}
        assert _export(store) == expected
        assert ingest(store, [EXAMPLES], settings).extracted == 0        # nothing stale is left
