"""Crash safety: a real ``swapwatch ingest`` killed with SIGKILL, then run again, ends exactly
where one clean run ends (every article once, every extraction current, the same export).

The corpus (conftest.mixed_corpus) mixes the demo articles, the dev seeds and real news
lines, so a run stores several article batches, extracts for a few seconds and then
merges; the test polls the database and kills the process at chosen moments, on the
backend under test.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from conftest import MIXED_PARTS, swapwatch_command
from swapwatch.export import export_json
from swapwatch.ingest.readers import read_paths
from swapwatch.model import Article
from swapwatch.settings import load_settings
from swapwatch.store import Store, open_store

POLL_S = 0.01
RUN_LIMIT_S = 240

Counts = dict[str, int]


def distinct_input_ids(paths: list[Path], db_url: str) -> set[str]:
    return {a.id for a in read_paths(paths, load_settings(db_url)) if isinstance(a, Article)}


def start_ingest(db_url: str, paths: list[Path]) -> subprocess.Popen:
    return subprocess.Popen(swapwatch_command("ingest", "--db", db_url, "-q", *map(str, paths)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_when(proc: subprocess.Popen, store: Store, reached: Callable[[Counts], bool]) -> bool:
    """SIGKILL ``proc`` once the stored counts satisfy ``reached``; False if it finished first."""
    deadline = time.monotonic() + RUN_LIMIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if reached(store.counts()):
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            return True
        time.sleep(POLL_S)
    proc.kill()
    raise AssertionError(f"kill point not reached within {RUN_LIMIT_S} s")


def run_to_end(db_url: str, paths: list[Path]) -> str:
    proc = start_ingest(db_url, paths)
    out, err = proc.communicate(timeout=RUN_LIMIT_S)
    assert proc.returncode == 0, err
    return out


def assert_complete(store: Store, input_ids: set[str], reference: tuple[str, Counts]) -> None:
    from sqlalchemy import func, select

    from swapwatch.extract.pipeline import EXTRACTOR_VERSION
    from swapwatch.store.schema import ArticleRow, ExtractionRow

    export, counts = reference
    with store.session() as s:
        stored_ids = list(s.scalars(select(ArticleRow.id)))
        versions = dict(s.execute(select(ExtractionRow.extractor_version, func.count())
                                  .group_by(ExtractionRow.extractor_version)).all())
    assert len(stored_ids) == len(set(stored_ids)) == len(input_ids)      # every input once, none twice
    assert set(stored_ids) == input_ids
    assert store.pending_extraction_ids(EXTRACTOR_VERSION) == []
    assert versions == {EXTRACTOR_VERSION: counts["relevant"]}             # every relevant one, current version
    assert store.counts() == counts
    assert export_json(store.load_merged(), store.article_names()) == export


def test_ingest_killed_at_several_points_then_rerun_equals_a_clean_run(mixed_corpus, mixed_reference, db_url):
    paths = [mixed_corpus[p] for p in MIXED_PARTS]       # with batches of 500: three, then the rest
    relevant = mixed_reference[1]["relevant"]
    assert mixed_reference[1]["articles"] > 1000 and relevant >= 20     # the corpus is what the test needs
    url = db_url
    with open_store(url) as store:
        input_ids = distinct_input_ids(paths, url)
        # 1. after the first batch of articles is stored, before its extractions are
        assert kill_when(start_ingest(url, paths), store, lambda c: c["articles"] >= 500)
        first = store.counts()
        assert 500 <= first["articles"] < len(input_ids)
        # 2. in the middle of extraction (some extractions stored, not all)
        assert kill_when(start_ingest(url, paths), store,
                         lambda c: c["extractions"] >= first["extractions"] + 3)
        second = store.counts()
        assert second["extractions"] < relevant
        # 3. once every extraction is stored: the merge runs (or is about to) when the kill lands
        killed_in_merge = kill_when(start_ingest(url, paths), store, lambda c: c["extractions"] >= relevant)
        # 4. a last run finishes the work
        summary = run_to_end(url, paths)
        assert "failed 0" in summary
        assert_complete(store, input_ids, mixed_reference)
    print(f"kills: after {first['articles']} articles, after {second['extractions']} extractions, "
          f"{'during' if killed_in_merge else 'after'} the merge")

