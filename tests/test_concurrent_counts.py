"""Each ingest reports what it itself stored (issue 12, reproduction 9: two concurrent ingests
of the same 34 files both said "extracted 34" when 34 were stored in all).

Articles are counted by the insert's RETURNING, extractions by a conditional upsert that
writes only over another version's (RETURNING too): what two runs report adds up to what
is stored, however their work interleaves.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import swapwatch_command
from test_store import RELEVANT, _extraction, article

from swapwatch.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
SUMMARY = re.compile(r"ingested (\d+), duplicates (\d+), irrelevant (\d+), extracted (\d+), failed (\d+)")


def test_an_extraction_by_the_stored_version_is_not_stored_again(store: Store):
    store.add_articles([(article(1), RELEVANT)])
    assert store.save_extraction(_extraction("id001", "v1")) is True
    assert store.save_extraction(_extraction("id001", "v1")) is False     # another run got there first
    assert store.save_extraction(_extraction("id001", "v2")) is True      # a newer version replaces it
    assert [x.extractor_version for x in store.extractions()] == ["v2"]


def _copies(tmp_path: Path, n: int) -> Path:
    """``n`` distinct relevant articles: the bundled examples, each made distinct by a line."""
    folder = tmp_path / "news"
    folder.mkdir()
    texts = sorted(EXAMPLES.glob("*.txt"))
    for i in range(n):
        src = texts[i % len(texts)]
        (folder / f"{i:03d}-{src.name}").write_text(
            src.read_text(encoding="utf-8") + f"\n\n(copy {i})\n", encoding="utf-8")
        shutil.copy(src.with_suffix(".json"), folder / f"{i:03d}-{src.stem}.json")
    return folder


def test_two_ingests_at_once_report_what_each_stored(tmp_path: Path, db_url: str):
    folder = _copies(tmp_path, 34)
    open_store(db_url).close()       # schema first: then both processes only read and write rows
    procs = [subprocess.Popen(swapwatch_command("ingest", "--db", db_url, "-q", str(folder)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=600) for p in procs]
    counts = []
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        found = SUMMARY.search(out)
        assert found, out
        counts.append([int(x) for x in found.groups()])
    with open_store(db_url) as store:
        stored = store.counts()
        relevant = len(store.pending_extraction_ids("no such version"))
    ingested, duplicates, _, extracted, failed = (a + b for a, b in zip(*counts))
    assert failed == 0
    assert ingested == stored["articles"] == 34 and duplicates == 34
    assert extracted == stored["extractions"] == relevant > 0, counts
