"""A change in what the extractor reads must come with a new EXTRACTOR_VERSION.

Stored extractions are redone only for a new version, so a silent change would leave users'
databases holding old readings beside new ones. After a bump, record the new fingerprint
with `scripts/fingerprint.py --write`.
"""
from __future__ import annotations

import json

from conftest import require_shared
from fingerprint_corpus import FINGERPRINT_FILE, fingerprint_folders

from swapwatch.evaluate.fingerprint import corpus_articles, extraction_fingerprint
from swapwatch.extract.pipeline import EXTRACTOR_VERSION
from swapwatch.merge import version_key


def test_extraction_changes_only_with_a_version_bump():
    require_shared()
    recorded = json.loads(FINGERPRINT_FILE.read_text(encoding="utf-8"))
    assert recorded["version"] == EXTRACTOR_VERSION, (
        f"EXTRACTOR_VERSION is {EXTRACTOR_VERSION} but the fingerprint was recorded for {recorded['version']}: "
        "run scripts/fingerprint.py --write")
    articles = corpus_articles(fingerprint_folders())
    assert len(articles) > 200
    assert extraction_fingerprint(articles) == recorded["sha256"], (
        "what the extractor reads changed: bump EXTRACTOR_VERSION (stored extractions are redone only "
        "for a new version), then run scripts/fingerprint.py --write")


def test_newer_versions_win_by_number():
    assert version_key("swapwatch.extract.v10") > version_key("swapwatch.extract.v2") > version_key(
        "swapwatch.extract.v1")


def test_a_new_version_re_extracts_stored_articles_on_the_next_ingest(store, db_url, tmp_path, monkeypatch):
    from swapwatch.extract import pipeline
    from swapwatch.service import ingest
    from swapwatch.settings import load_settings

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Belarus frees jailed Polish teacher\n\nBelarus released Ada Kowalski, a Polish teacher jailed in 2021 "
        "on charges of extremism, from prison on Thursday in a prisoner exchange with Poland, officials said.\n",
        encoding="utf-8")
    settings = load_settings(db_url)
    first = ingest(store, [folder], settings)
    assert (first.ingested, first.extracted) == (1, 1)
    assert ingest(store, [folder], settings).extracted == 0        # same version: nothing redone

    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "swapwatch.extract.v999")
    again = ingest(store, [folder], settings)
    assert (again.duplicates, again.extracted) == (1, 1)
    versions = {ex.extractor_version for ex in store.extractions()}
    assert "swapwatch.extract.v999" in versions
