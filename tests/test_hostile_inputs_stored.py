"""Issue 12, reproductions 5 and 7 on the database under test (SQLite, or PostgreSQL when the
suite runs with SWAPWATCH_TEST_BACKEND=postgresql): a gzip bomb costs one failure line and
the files after it are stored; a read-only server database is one line, not a traceback.
(test_hostile_paths.py covers the readers alone and repro 4 on both backends;
test_cli_honest.py the damaged and read-only SQLite files.)
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from conftest import BACKEND
from swapwatch.cli import app
from swapwatch.store import open_store

MB = 1024 * 1024
CALM = "The weather was sunny in the park on Sunday and people walked their dogs. {n}"


def _line(n: int) -> bytes:
    return json.dumps({"text": CALM.format(n=n)}).encode() + b"\n"


def test_a_gzip_bomb_is_one_failure_and_the_files_after_it_are_stored(tmp_path: Path, db_url: str) -> None:
    bomb = tmp_path / "a-bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(_line(1) + b"\n" * (12 * MB) + _line(2)))
    after = tmp_path / "b-after.jsonl.gz"
    after.write_bytes(gzip.compress(_line(3)))
    result = CliRunner().invoke(app, ["ingest", "-q", "--db", db_url, str(bomb), str(after)],
                                env={"SWAPWATCH_MAX_DECOMPRESSED_BYTES": str(4 * MB)})
    assert result.exit_code == 1, result.output            # one failure: the exit code says so
    assert "ingested 2, duplicates 0, irrelevant 2, extracted 0, failed 1" in result.output
    assert "(SWAPWATCH_MAX_DECOMPRESSED_BYTES); the lines before it were read" in result.output
    with open_store(db_url, create=False) as store:
        assert sorted(a["source"] for a in store.articles(limit=10)) == [f"{bomb}:1", f"{after}:1"]


def test_ingest_into_a_read_only_server_database_is_one_line(tmp_path: Path, db_url: str) -> None:
    if BACKEND != "postgresql":
        pytest.skip("a read-only SQLite file is tested in test_cli_honest.py")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "calm.txt").write_text(CALM.format(n=0), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "-q", "--db", db_url, str(corpus)]).exit_code == 0
    with open_store(db_url) as store:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            name = conn.execute(text("SELECT current_database()")).scalar()
            conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    (corpus / "more.txt").write_text(CALM.format(n=1), encoding="utf-8")
    result = runner.invoke(app, ["ingest", "-q", "--db", db_url, str(corpus)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: database ") and "read-only transaction" in lines[0]
    assert "Traceback" not in result.output
    with open_store(db_url, create=False) as store:
        assert [a["name"] for a in store.articles()] == ["calm"]           # nothing half-written
