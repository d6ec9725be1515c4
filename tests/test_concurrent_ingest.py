"""Two real ``swapwatch ingest`` processes at once on one database (SQLite file or PostgreSQL):
no lock or unique-key error surfaces, nothing is lost or doubled, and the merged records
equal those of one clean run over the union of their inputs (conftest.mixed_reference).

Two processes opening a fresh database at once (both migrating) is covered in test_store.py.
"""
from __future__ import annotations

import subprocess

import pytest

from conftest import MIXED_PARTS, swapwatch_command
from swapwatch.store import open_store
from test_crash_ingest import RUN_LIMIT_S, assert_complete, distinct_input_ids

ERROR_WORDS = ("traceback", "error", "locked", "deadlock", "unique", "duplicate key")

# Where inputs overlap, both processes get the same files by the same paths: an article's
# name comes from its file, so the stored copy is the same whichever process stores it first.
# Each case's inputs together are the whole mixed corpus, the reference run's input.
CASES = {
    "same inputs": (list(MIXED_PARTS), list(MIXED_PARTS)),
    "overlapping inputs": (["demo", "news_a", "seeds"], ["seeds", "news_b", "demo"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_two_ingests_at_once_equal_one_clean_run(mixed_corpus, mixed_reference, db_url, case: str):
    first, second = ([mixed_corpus[name] for name in names] for names in CASES[case])
    assert set(first) | set(second) == set(mixed_corpus.values())
    open_store(db_url).close()       # schema first: then both processes only read and write rows
    procs = [subprocess.Popen(swapwatch_command("ingest", "--db", db_url, "-q", *map(str, paths)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for paths in (first, second)]
    outputs = [p.communicate(timeout=RUN_LIMIT_S) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert not [w for w in ERROR_WORDS if w in (out + err).lower()], out + err
    with open_store(db_url) as store:
        assert_complete(store, distinct_input_ids(list(mixed_corpus.values()), db_url), mixed_reference)
