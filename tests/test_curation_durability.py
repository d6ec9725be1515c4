"""Curations survive what happens to a real database: a re-extraction killed with SIGKILL,
a rebuild loop killed mid-transaction, and two processes curating (and one re-extracting)
at once. Every curation stays in the log, applied, and the export is the one a fresh
database gives from the same log. Real processes (``swapwatch`` and ``python -c``) on the
backend under test."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from swapwatch import curate
from swapwatch.cli import app
from swapwatch.export import export_json
from swapwatch.extract.pipeline import EXTRACTOR_VERSION
from swapwatch.store import open_store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"
LIMIT_S = 240

# A subprocess whose extractor version is bumped (the version is read from one constant).
BUMPED_INGEST = ("import sys; import swapwatch.extract.pipeline as p; p.EXTRACTOR_VERSION += sys.argv.pop(1); "
                 "from swapwatch.cli import app; app()")
REBUILD_LOOP = ("import sys; from swapwatch.store import open_store; from swapwatch.service import refresh_merged\n"
                "s = open_store(sys.argv[1])\nwhile True: refresh_merged(s)")
WRITER = ("import sys; from swapwatch.store import open_store; from swapwatch import curate\n"
          "s = open_store(sys.argv[1]); who = sys.argv[2]\n"
          "for i in range(int(sys.argv[3])):\n"
          "    for name in sys.argv[4:]:\n"
          "        curate.set_person(s, name, status=('released', 'detained')[i % 2], curator=who, reason=f'{who} {i}')")


def _cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.output


def _curated(db: str) -> None:
    store = open_store(db)
    who = {"curator": "Ana Curator", "reason": "durability"}
    curate.set_person(store, "Alexei Gorinov", status="released", status_date="2025-01-10", **who)
    curate.merge_persons(store, "Anna Dultseva", "Artem Dultsev", **who)
    curate.split_exchange(store, "x-f8f1f4a60d3f", ["Vadim Krassikov"], **who)
    curate.merge_exchanges(store, "x-87b75d0a8bc0", "x-f8f1f4a60d3f", **who)
    curate.not_detainee(store, "Savoi Wright", **who)
    curate.set_side(store, "x-e7e0bc726693", "Venezuela->United States", count=11, **who)
    store.close()


def _state(db: str) -> tuple[str, list[tuple], str]:
    """(merged export, the log with each state, the curations export)."""
    store = open_store(db)
    try:
        log = [(c["id"], c["action"], c["target_key"], json.dumps(c["value"]), c["state"])
               for c in curate.list_curations(store)]
        return (export_json(store.load_merged(), store.article_names()), log,
                json.dumps(curate.export_curations(store), sort_keys=True))
    finally:
        store.close()


def _python(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _extracted_by(db: str, version: str) -> int:
    from sqlalchemy import func, select

    from swapwatch.store.schema import ExtractionRow

    store = open_store(db)
    try:
        with store.session() as s:
            return int(s.scalar(select(func.count()).select_from(ExtractionRow)
                                .where(ExtractionRow.extractor_version == version)) or 0)
    finally:
        store.close()


def test_killed_reextraction_and_rebuild_keep_every_curation(db_url: str):
    _cli(db_url, "ingest", "-q", str(DEMO))
    _curated(db_url)
    export, log, curations = _state(db_url)
    assert len(log) == 6 and {entry[-1] for entry in log} == {"applied"}

    # 1. a rebuild loop, killed: it does nothing but rebuild, so the kill lands inside one
    for delay in (0.7, 1.3):
        loop = _python(REBUILD_LOOP, db_url)
        time.sleep(delay)
        assert loop.poll() is None, loop.communicate()
        _kill(loop)
        assert _state(db_url) == (export, log, curations)

    # 2. a re-extraction with a bumped version, killed once some articles are re-extracted
    bumped = EXTRACTOR_VERSION + ".kill-test"
    proc = _python(BUMPED_INGEST, ".kill-test", "ingest", "--db", db_url, "-q", str(DEMO))
    deadline = time.monotonic() + LIMIT_S
    while _extracted_by(db_url, bumped) < 3:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    _kill(proc)
    assert 3 <= _extracted_by(db_url, bumped) < 15
    again = _python(BUMPED_INGEST, ".kill-test", "ingest", "--db", db_url, "-q", str(DEMO))
    out, err = again.communicate(timeout=LIMIT_S)
    assert again.returncode == 0, err
    assert _extracted_by(db_url, EXTRACTOR_VERSION) == 0 and _extracted_by(db_url, bumped) >= 3   # all re-extracted
    assert _state(db_url) == (export, log, curations)


def test_two_curating_processes_and_a_reextraction_at_once(new_db_url, tmp_path: Path):
    db, fresh = new_db_url(), new_db_url()
    for url in (db, fresh):
        _cli(url, "ingest", "-q", str(DEMO))
    rounds = 6
    writers = [_python(WRITER, db, "Ana", str(rounds), "Alexei Gorinov", "Ilya Yashin"),
               _python(WRITER, db, "Bo", str(rounds), "Oleg Orlov", "Marc Fogel")]
    ingest = _python(BUMPED_INGEST, ".race-test", "ingest", "--db", db, "-q", str(DEMO))
    for proc in [*writers, ingest]:
        out, err = proc.communicate(timeout=LIMIT_S)
        assert proc.returncode == 0, err

    export, log, curations = _state(db)
    assert len(log) == 2 * rounds * 2 and {entry[-1] for entry in log} == {"applied"}
    reasons = sorted(c["reason"] for c in json.loads(curations)["curations"])
    assert reasons == sorted(f"{who} {i}" for who in ("Ana", "Bo") for i in range(rounds) for _ in range(2))
    last = {"Alexei Gorinov": "detained", "Ilya Yashin": "detained", "Oleg Orlov": "detained",
            "Marc Fogel": "detained"}    # each writer's last round (i = 5) sets 'detained'
    persons = {p["name"]: p for p in json.loads(export)["persons"]}
    assert {n: persons[n]["status"] for n in last} == last

    # the same log imported into a fresh database gives the same export
    path = tmp_path / "log.json"
    path.write_text(curations, encoding="utf-8")
    _cli(fresh, "curations", "import", str(path))
    assert _state(fresh)[0] == export
