"""Two real ``swapwatch ingest`` processes at once on one database (SQLite file or PostgreSQL):
no lock or unique-key error surfaces, nothing is lost or doubled, and the merged records
equal those of one clean run over the union of their inputs.

Two processes opening a fresh database at once (both migrating) is covered in test_store.py.
"""
from __future__ import annotations

import subprocess

import pytest

from conftest import swapwatch_command, write_rss_lines
from swapwatch.store import open_store
from test_crash_ingest import ROOT, RUN_LIMIT_S, assert_complete, clean_run, distinct_input_ids

ERROR_WORDS = ("traceback", "error", "locked", "deadlock", "unique", "duplicate key")


def corpus_parts(folder) -> dict[str, object]:
    import shutil

    from conftest import require_shared

    shared = require_shared()
    shutil.copytree(ROOT / "examples" / "articles", folder / "demo")
    shutil.copytree(shared / "eval" / "dev" / "seeds" / "articles", folder / "seeds")
    return {"demo": folder / "demo", "seeds": folder / "seeds",
            "news_a": write_rss_lines(folder / "news_a.jsonl", 0, 700),
            "news_b": write_rss_lines(folder / "news_b.jsonl", 700, 1300)}


# Each process gets the same files by the same paths where inputs overlap: an article's name
# comes from its file, so the stored copy is the same whichever process stores it first.
CASES = {
    "same inputs": (["demo", "seeds", "news_a"], ["demo", "seeds", "news_a"]),
    "overlapping inputs": (["demo", "news_a"], ["seeds", "news_b", "demo"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_two_ingests_at_once_equal_one_clean_run(tmp_path, new_db_url, case: str):
    parts = corpus_parts(tmp_path / "corpus")
    first, second = ([parts[name] for name in names] for names in CASES[case])
    union = list(dict.fromkeys([*first, *second]))
    reference = clean_run(union, new_db_url())
    url = new_db_url()
    open_store(url).close()          # schema first: then both processes only read and write rows
    procs = [subprocess.Popen(swapwatch_command("ingest", "--db", url, "-q", *map(str, paths)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for paths in (first, second)]
    outputs = [p.communicate(timeout=RUN_LIMIT_S) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert not [w for w in ERROR_WORDS if w in (out + err).lower()], out + err
    with open_store(url) as store:
        assert_complete(store, distinct_input_ids(union, url), reference)

