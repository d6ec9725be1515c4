"""The CLI end to end, in process (Typer's runner) over a real database of the backend under test."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from swapwatch.cli import app

ROOT = Path(__file__).resolve().parents[1]

SWAP = """Two prisoners freed in overnight swap

Belarus released Tomas Varga, a Lithuanian journalist jailed for espionage, on Tuesday.
In return, Lithuania released Igor Danko, a Belarusian intelligence officer sentenced to ten years for spying.
The exchange took place at the Medininkai border crossing, Lithuanian Foreign Minister Ruta Vaitkus said.
"""
HELD = """Court extends sentence of jailed historian

A court in Minsk on Monday added three years to the sentence of historian Pavel Sobol, who has been held
in a penal colony since 2021 on charges of extremism. His lawyer, Olga Krauze, said Sobol remains in prison
and was not included in last week's exchange.
"""
FOOTBALL = """Late goal lifts Riverside

Riverside beat Harbor City 2-1 on Saturday with a header in the final minute.
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text, published in (("swap", SWAP, "2024-03-14"), ("held", HELD, "2024-03-19"),
                                  ("football", FOOTBALL, "2024-03-16")):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(json.dumps({"title": text.splitlines()[0], "published": published}),
                                             encoding="utf-8")
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def ingested(runner, tmp_path, db_url):
    db = db_url
    corpus = write_corpus(tmp_path / "corpus")
    result = runner.invoke(app, ["ingest", "--db", str(db), "-q", str(corpus)])
    assert result.exit_code == 0, result.output
    return db, corpus, result


def test_ingest_reports_counts(ingested):
    _, _, result = ingested
    assert "ingested 3" in result.output
    assert "irrelevant 1" in result.output
    assert "failed 0" in result.output


def test_ingest_twice_adds_nothing(runner, ingested):
    db, corpus, _ = ingested
    again = runner.invoke(app, ["ingest", "--db", str(db), "-q", str(corpus)])
    assert again.exit_code == 0
    assert "ingested 0, duplicates 3" in again.output


def test_bad_file_is_named_and_the_rest_goes_on(runner, tmp_path, db_url):
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["ingest", "--db", db_url, "-q", str(corpus)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output
    assert "ingested 3" in result.output and "failed 1" in result.output


def test_exchanges_and_show(runner, ingested):
    db, _, _ = ingested
    listed = runner.invoke(app, ["exchanges", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    items = json.loads(listed.output)
    assert len(items) == 1
    x = items[0]
    released = {s["released_by"]: [p["name"] for p in s["persons"]] for s in x["sides"]}
    assert released.get("Belarus") == ["Tomas Varga"]
    assert released.get("Lithuania") == ["Igor Danko"]
    assert x["date"] == "2024-03-12"
    shown = runner.invoke(app, ["show", x["id"], "--db", str(db)])
    assert shown.exit_code == 0
    assert "Tomas Varga" in shown.output and "evidence" in shown.output


def test_show_unknown_exchange_fails_cleanly(runner, ingested):
    db, _, _ = ingested
    result = runner.invoke(app, ["show", "x-doesnotexist", "--db", str(db)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_persons_filters(runner, ingested):
    db, _, _ = ingested
    held = json.loads(runner.invoke(app, ["persons", "--db", str(db), "--status", "detained", "--json"]).output)
    assert [p["name"] for p in held] == ["Pavel Sobol"]
    everyone = json.loads(runner.invoke(app, ["persons", "--db", str(db), "--json"]).output)
    names = {p["name"] for p in everyone}
    assert {"Tomas Varga", "Igor Danko", "Pavel Sobol"} <= names
    assert not names & {"Ruta Vaitkus", "Olga Krauze"}   # a minister and a lawyer are never prisoners
    by_holder = json.loads(runner.invoke(app, ["persons", "--db", str(db), "--held-by", "Lithuania", "--json"]).output)
    assert [p["name"] for p in by_holder] == ["Igor Danko"]


def test_person_lookup_by_surname(runner, ingested):
    db, _, _ = ingested
    result = runner.invoke(app, ["person", "sobol", "--db", str(db)])
    assert result.exit_code == 0
    assert "Pavel Sobol" in result.output and "detained" in result.output
    missing = runner.invoke(app, ["person", "Nobody Atall", "--db", str(db)])
    assert missing.exit_code == 1


def test_export_json_and_csv(runner, ingested, tmp_path):
    db, _, _ = ingested
    out = tmp_path / "export.json"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "json", "--out", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"exchanges", "persons"}
    stdout = runner.invoke(app, ["export", "--db", str(db)]).output
    assert stdout == out.read_text(encoding="utf-8")
    csv_dir = tmp_path / "csv"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--out", str(csv_dir)]).exit_code == 0
    assert sorted(p.name for p in csv_dir.iterdir()) == ["evidence.csv", "exchanges.csv", "persons.csv", "sides.csv"]
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "xml"])
    assert bad.exit_code == 2


def test_db_from_environment(runner, tmp_path, monkeypatch, db_url):
    from swapwatch.store import open_store

    monkeypatch.setenv("SWAPWATCH_DB", db_url)
    corpus = write_corpus(tmp_path / "corpus")
    assert runner.invoke(app, ["ingest", "-q", str(corpus)]).exit_code == 0
    with open_store(db_url) as store:
        assert store.counts()["articles"] == 3


def test_sqlite_path_from_environment(runner, tmp_path, monkeypatch):
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("SWAPWATCH_DB", str(db))
    corpus = write_corpus(tmp_path / "corpus")
    assert runner.invoke(app, ["ingest", "-q", str(corpus)]).exit_code == 0
    assert db.exists()


def test_unreachable_database_is_one_clear_line(runner):
    result = runner.invoke(app, ["exchanges", "--db", "postgresql+psycopg://nobody:pw@127.0.0.1:1/none?connect_timeout=2"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "pw@" not in result.output


def test_articles_lists_relevance(runner, ingested):
    db, _, _ = ingested
    rows = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--json"]).output)
    decisions = {r["name"]: r["relevant"] for r in rows}
    assert decisions == {"swap": True, "held": True, "football": False}


def test_help_names_the_default_database(runner):
    result = runner.invoke(app, ["ingest", "--help"])
    assert "SWAPWATCH_DB" in result.output
    assert "swapwatch.sqlite" in re.sub(r"\s+", "", result.output)


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"swapwatch {name}" in readme, name


def test_installed_entry_point_runs(tmp_path):
    exe = Path(sys.executable).parent / "swapwatch"
    done = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "ingest" in done.stdout


def test_demo_builds_a_fresh_sqlite_file_by_default(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["demo"])
    assert first.exit_code == 0, first.output
    assert "Timeline" in first.output and "People still held" in first.output
    assert (tmp_path / "swapwatch-demo.sqlite").exists()
    second = runner.invoke(app, ["demo"])       # fresh again: same result, nothing doubled
    assert second.exit_code == 0
    assert second.output.count("->") == first.output.count("->")


def test_demo_into_a_given_database(runner, db_url):
    from swapwatch.store import open_store

    result = runner.invoke(app, ["demo", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "People still held" in result.output
    with open_store(db_url) as store:
        counts = store.counts()
    assert counts["articles"] > 10 and counts["exchanges"] > 5


def test_serve_answers_over_the_given_database(ingested):
    """``swapwatch serve --db URL`` as a real process on a free port: the API reads that database."""
    import socket
    import time

    import httpx

    db, _, _ = ingested
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "swapwatch.cli", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, health = time.monotonic() + 60, None
        while health is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None, proc.stderr.read() if proc.poll() is not None else "no answer in 60 s"
        assert health["counts"]["articles"] == 3 and health["counts"]["exchanges"] == 1
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
