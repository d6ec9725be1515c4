"""The main job end to end: order independence, idempotency, one bad article never stops a run."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from swapwatch import service
from swapwatch.export import export_json
from swapwatch.settings import load_settings
from swapwatch.store import open_store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"


def copy_articles(names: list[str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        for suffix in (".txt", ".json"):
            shutil.copy(DEMO / f"{name}{suffix}", folder / f"{name}{suffix}")
    return [folder / f"{n}.txt" for n in names]


def build(db_url: str, batches: list[list[Path]]) -> str:
    settings = load_settings(db_url)
    store = open_store(settings.db_url)
    try:
        for paths in batches:
            service.ingest(store, paths, settings)
        return export_json(store.load_merged(), store.article_names())
    finally:
        store.close()


def test_export_does_not_depend_on_arrival_order(tmp_path, new_db_url):
    names = sorted(p.stem for p in DEMO.glob("*.txt"))
    files = copy_articles(names, tmp_path / "articles")
    at_once = build(new_db_url(), [files])
    one_by_one_reversed = build(new_db_url(), [[f] for f in reversed(files)])
    assert at_once == one_by_one_reversed
    assert '"exchanges"' in at_once and len(at_once) > 1000


def test_ingesting_again_stores_nothing_twice(tmp_path, db_url):
    files = copy_articles(["griner-bout-abu-dhabi", "reed-yaroshenko-turkey"], tmp_path / "articles")
    settings = load_settings(db_url)
    store = open_store(settings.db_url)
    try:
        first = service.ingest(store, [tmp_path / "articles"], settings)
        before = export_json(store.load_merged(), store.article_names())
        second = service.ingest(store, files, settings)
        assert (first.ingested, second.ingested, second.duplicates) == (2, 0, 2)
        assert store.counts()["articles"] == 2
        assert export_json(store.load_merged(), store.article_names()) == before
    finally:
        store.close()


def test_a_failing_article_is_reported_and_the_rest_is_extracted(tmp_path, monkeypatch, db_url):
    """Fault injection: the extractor raises on one article; the run goes on and a re-run retries it."""
    copy_articles(["griner-bout-abu-dhabi", "reed-yaroshenko-turkey"], tmp_path / "articles")
    real_one = service._extract_one

    def fragile_one(article):
        if "Yaroshenko" in article.text:
            raise RuntimeError("injected fault")
        return real_one(article)

    def fragile_batch(articles):
        return [fragile_one(a) for a in articles]

    monkeypatch.setattr(service, "_extract_one", fragile_one)
    monkeypatch.setattr(service, "_extract_batch", fragile_batch)
    settings = load_settings(db_url)
    store = open_store(settings.db_url)
    try:
        summary = service.ingest(store, [tmp_path / "articles"], settings)
        assert summary.failed == 1 and summary.extracted == 1
        assert "reed-yaroshenko-turkey" in summary.failures[0].source
        assert "injected fault" in summary.failures[0].reason
        monkeypatch.setattr(service, "_extract_one", real_one)
        monkeypatch.undo()
        assert service.extract_pending(store) == 1          # the interrupted work is finished later
        service.refresh_merged(store)
        assert any("Trevor Reed" in s.persons for x in store.exchanges() for s in x.sides)
    finally:
        store.close()


@pytest.mark.parametrize("bad", [b"\x00\x01binary", b"", b"caf\xe9 \xc3 not utf-8"])
def test_bad_inputs_are_counted_not_fatal(tmp_path, bad, db_url):
    copy_articles(["fogel-released"], tmp_path / "articles")
    (tmp_path / "articles" / "bad.txt").write_bytes(bad)
    settings = load_settings(db_url)
    store = open_store(settings.db_url)
    try:
        summary = service.ingest(store, [tmp_path / "articles"], settings)
    finally:
        store.close()
    assert (summary.ingested, summary.failed) == (1, 1)
    assert summary.failures[0].source.endswith("bad.txt")
