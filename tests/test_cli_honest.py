"""A CLI that never misleads (issue 10): every misuse is one line, the right exit code,
and nothing created; lookups find other spellings; every id shown opens something."""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BACKEND
from swapwatch import __version__
from swapwatch.cli import app
from test_cli import SWAP, write_corpus

ROOT = Path(__file__).resolve().parents[1]
READ_COMMANDS = [["exchanges"], ["persons"], ["person", "Sobol"], ["show", "x-1"], ["articles"],
                 ["article", "abc"], ["export"], ["serve"]]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def one_line(result) -> str:
    text = result.output.strip()
    assert "\n" not in text and "Traceback" not in text, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return text


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- databases: reading never creates, and refuses what is not ours -------------------

@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_reading_a_missing_database_creates_nothing(runner, tmp_path, command):
    target = tmp_path / "nonexist.sqlite"
    result = runner.invoke(app, [*command, "--db", str(target)])
    assert result.exit_code == 2
    assert one_line(result) == f"error: no database at {target}; `swapwatch ingest` or `swapwatch demo` makes one"
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_reading_in_a_missing_folder_creates_no_folder(runner, tmp_path, command):
    target = tmp_path / "nonexistent" / "dir" / "x.sqlite"
    result = runner.invoke(app, [*command, "--db", str(target)])
    assert result.exit_code == 2
    assert "no database at" in one_line(result) and "(nor its folder)" in result.output
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("command", [*READ_COMMANDS, ["ingest", "-q", "CORPUS"]], ids=lambda c: c[0])
def test_a_text_file_is_refused_untouched(runner, tmp_path, command):
    corpus = write_corpus(tmp_path / "corpus")
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    before = files_under(tmp_path)
    args = [str(corpus) if a == "CORPUS" else a for a in command]
    result = runner.invoke(app, [*args, "--db", str(readme)])
    assert result.exit_code == 2
    assert one_line(result) == f"error: {readme} is not a swapwatch database (not an SQLite file)"
    assert readme.read_bytes() == (ROOT / "README.md").read_bytes()
    assert files_under(tmp_path) == before          # no -wal, no -shm


def test_another_applications_sqlite_file_is_refused_untouched(runner, tmp_path):
    import sqlite3

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = other.read_bytes()
    for command in (["exchanges"], ["ingest", "-q", str(write_corpus(tmp_path / "corpus"))]):
        result = runner.invoke(app, [*command, "--db", str(other)])
        assert result.exit_code == 2
        assert one_line(result) == f"error: {other} is not a swapwatch database (it holds other tables)"
    assert other.read_bytes() == before


def test_a_folder_is_refused(runner, tmp_path):
    result = runner.invoke(app, ["persons", "--db", str(tmp_path)])
    assert result.exit_code == 2
    assert one_line(result) == f"error: {tmp_path} is a folder, not a database"


def test_ingest_creates_a_database_and_says_where(runner, tmp_path):
    target = tmp_path / "new" / "db.sqlite"
    result = runner.invoke(app, ["ingest", "-q", "--db", str(target), str(write_corpus(tmp_path / "corpus"))])
    assert result.exit_code == 0, result.output
    assert f"created a new database: sqlite:///{target}" in result.output
    assert target.is_file()
    again = runner.invoke(app, ["ingest", "-q", "--db", str(target), str(tmp_path / "corpus")])
    assert "created" not in again.output


def test_an_empty_server_database_is_refused_when_reading(runner, new_db_url):
    if BACKEND != "postgresql":
        pytest.skip("an empty SQLite database is a missing file: tested above")
    result = runner.invoke(app, ["exchanges", "--db", new_db_url()])
    assert result.exit_code == 2
    assert "is an empty database, not a swapwatch one" in one_line(result)


# -- damaged, foreign-versioned and read-only databases (issue 12) -------------------

def _calm_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "calm.txt").write_text("The weather was sunny in the park on Sunday.", encoding="utf-8")
    return folder


@pytest.mark.parametrize("keep", [10, 100, 4096, 0.5])
@pytest.mark.parametrize("command", [["exchanges"], ["ingest", "-q", "CORPUS"]], ids=lambda c: c[0])
def test_a_truncated_sqlite_file_is_one_line(runner, tmp_path, keep, command):
    corpus = _calm_corpus(tmp_path / "corpus")
    whole = tmp_path / "whole.sqlite"
    assert runner.invoke(app, ["ingest", "-q", "--db", str(whole), str(corpus)]).exit_code == 0
    data = whole.read_bytes()
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(data[:int(len(data) * keep) if isinstance(keep, float) else keep])
    args = [str(corpus) if a == "CORPUS" else a for a in command]
    result = runner.invoke(app, [*args, "--db", str(cut)])
    assert result.exit_code == 2
    assert one_line(result).startswith(f"error: {cut} is not a swapwatch database (")


@pytest.mark.parametrize("command", [["exchanges"], ["ingest", "-q", "CORPUS"]], ids=lambda c: c[0])
def test_an_unknown_schema_revision_is_one_line(runner, tmp_path, db_url, command):
    from sqlalchemy import text

    from swapwatch.store import open_store

    with open_store(db_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    args = [str(_calm_corpus(tmp_path / "corpus")) if a == "CORPUS" else a for a in command]
    result = runner.invoke(app, [*args, "--db", db_url])
    assert result.exit_code == 2
    line = one_line(result)
    assert line.startswith("error: ") and line.endswith(
        "has a schema revision this swapwatch does not know (ffffffffffff): made by a newer swapwatch, "
        "or not a swapwatch database")


@pytest.mark.parametrize("how", ["chmod", "simulated"])
def test_ingest_into_a_read_only_database_is_one_line(runner, tmp_path, monkeypatch, how):
    import os

    corpus = _calm_corpus(tmp_path / "corpus")
    target = tmp_path / "db.sqlite"
    assert runner.invoke(app, ["ingest", "-q", "--db", str(target), str(corpus)]).exit_code == 0
    if how == "chmod":
        if os.geteuid() == 0:
            pytest.skip("root writes read-only files; the simulated case covers it")
        target.chmod(0o444)
    else:                       # what a user who is not root sees on a read-only file
        from swapwatch.store import engine as store_engine

        real = os.access
        monkeypatch.setattr(store_engine.os, "access",
                            lambda p, mode: False if Path(p) == target and mode & os.W_OK else real(p, mode))
    before = target.read_bytes()
    result = runner.invoke(app, ["ingest", "-q", "--db", str(target), str(corpus)])
    assert result.exit_code == 2
    assert one_line(result) == f"error: {target} is read-only: ingest needs to write it"
    assert target.read_bytes() == before
    assert runner.invoke(app, ["articles", "--db", str(target)]).exit_code == 0     # reading still works


# -- option values --------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["persons", "--status", "detaind"],
     "error: status must be one of detained, released, exchanged, died_in_custody, got 'detaind'"),
    (["exchanges", "--kind", "swop"],
     "error: kind must be one of swap, unilateral_release, pow_exchange, hostage_prisoner_exchange, got 'swop'"),
    (["exchanges", "--since", "last week"], "error: since must be a date YYYY-MM-DD, got 'last week'"),
    (["exchanges", "--until", "2024-1-1"], "error: until must be a date YYYY-MM-DD, got '2024-1-1'"),
    (["export", "--format", "xml"], "error: --format must be json, jsonl or csv"),
])
def test_bad_option_values_are_one_line_with_the_choices(runner, demo_db, args, message):
    result = runner.invoke(app, [*args, "--db", demo_db])
    assert result.exit_code == 2
    assert one_line(result) == message


def test_every_choice_is_listed_in_help(runner):
    persons = re.sub(r"[\s│]+", "", runner.invoke(app, ["persons", "--help"]).output)
    assert "detained|released|exchanged|died_in_custody" in persons
    exchanges = re.sub(r"[\s│]+", "", runner.invoke(app, ["exchanges", "--help"]).output)
    assert "swap|unilateral_release|pow_exchange|hostage_prisoner_exchange" in exchanges


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"swapwatch {__version__}\n"


# -- name lookups ---------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Krashikov", "krasikov", "KRASSIKOV", "Vadim Krasikov", "vadim krassikow"])
def test_person_finds_other_spellings(runner, demo_db, query):
    result = runner.invoke(app, ["person", query, "--db", demo_db, "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert "Krasikov" in [found[0]["name"], *found[0]["aliases"]]


def test_person_suggests_close_names_when_nothing_matches(runner, demo_db):
    result = runner.invoke(app, ["person", "Krasikovski", "--db", demo_db])
    assert result.exit_code == 1
    assert re.fullmatch(r"no person matches 'Krasikovski'; did you mean .*Vadim Krass?ikov.*\?", one_line(result))
    nothing = runner.invoke(app, ["person", "Nobody Atall", "--db", demo_db])
    assert nothing.exit_code == 1
    assert one_line(nothing) == "no person matches 'Nobody Atall'"


@pytest.mark.parametrize("spelling", ["Russia", "russia", "Rusia", "Russian Federation"])
def test_persons_held_by_any_spelling(runner, demo_db, spelling):
    result = runner.invoke(app, ["persons", "--held-by", spelling, "--db", demo_db, "--json"])
    assert result.exit_code == 0, result.output
    held = json.loads(result.output)
    assert held and {p["held_by"] for p in held} == {"Russia"}


def test_unknown_holder_names_the_known_ones(runner, demo_db):
    result = runner.invoke(app, ["persons", "--held-by", "Narnia", "--db", demo_db])
    assert result.exit_code == 1
    line = one_line(result)
    assert line.startswith("error: no holder matches 'Narnia'; known: ") and "Russia" in line


# -- one article id everywhere, and the article command --------------------------------

def test_every_cited_article_id_opens(runner, demo_db):
    listed = json.loads(runner.invoke(app, ["articles", "--db", demo_db, "--json"]).output)
    ids = {r["id"] for r in listed}
    x = json.loads(runner.invoke(app, ["exchanges", "--db", demo_db, "--json"]).output)[0]
    shown = runner.invoke(app, ["show", x["id"], "--db", demo_db])
    cited = set(re.findall(r"(\w+)@\d+", shown.output))
    person = runner.invoke(app, ["person", "Krasikov", "--db", demo_db])
    cited |= set(re.findall(r"(\w+)@\d+", person.output))
    assert cited and cited <= ids
    for article_id in sorted(cited)[:3]:
        opened = runner.invoke(app, ["article", article_id, "--db", demo_db])
        assert opened.exit_code == 0, opened.output
        assert f"id: {article_id}" in opened.output and "relevance: relevant" in opened.output
        assert "text:" in opened.output


def test_article_by_name_and_json(runner, demo_db):
    listed = json.loads(runner.invoke(app, ["articles", "--db", demo_db, "--json"]).output)
    first = listed[0]
    by_name = json.loads(runner.invoke(app, ["article", first["name"], "--db", demo_db, "--json"]).output)
    assert by_name["id"] == first["id"] and by_name["text"]
    assert {"relevant", "relevance_score", "relevance_reasons", "used"} <= set(by_name)
    missing = runner.invoke(app, ["article", "no-such-article", "--db", demo_db])
    assert missing.exit_code == 1
    assert one_line(missing) == "error: no article with id or name 'no-such-article' (swapwatch articles lists them)"


def test_article_text_is_printed_as_written(runner, tmp_path, db_url):
    folder = tmp_path / "corpus"
    folder.mkdir()
    hostile = SWAP + "\n[bold red]Injected[/bold red] [link=http://evil.example]click[/link] \x1b[31m\n"
    (folder / "hostile.txt").write_text(hostile, encoding="utf-8")
    assert runner.invoke(app, ["ingest", "-q", "--db", db_url, str(folder)]).exit_code == 0
    result = runner.invoke(app, ["article", "hostile", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "[bold red]Injected[/bold red]" in result.output
    assert "[link=http://evil.example]click[/link]" in result.output
    assert "\x1b" not in result.output


# -- exchanges: the web's filters, newest first ----------------------------------------

def _exchanges(runner, db, *args):
    result = runner.invoke(app, ["exchanges", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_exchanges_newest_first(runner, demo_db):
    dates = [x["date"] for x in _exchanges(runner, demo_db) if x["date"]]
    assert len(dates) > 5 and dates == sorted(dates, reverse=True)


def test_exchanges_filters(runner, demo_db):
    everything = _exchanges(runner, demo_db)
    russia = _exchanges(runner, demo_db, "--country", "Rusia")
    assert russia and len(russia) < len(everything)
    assert all("Russia" in {s["released_by"] for s in x["sides"]} | {s["received_by"] for s in x["sides"]}
               for x in russia)
    recent = _exchanges(runner, demo_db, "--since", "2024-01-01", "--until", "2024-12-31")
    assert recent and all("2024" <= x["date"] <= "2024-12-31" for x in recent)
    pows = _exchanges(runner, demo_db, "--kind", "pow_exchange")
    assert pows and {x["kind"] for x in pows} == {"pow_exchange"}
    griner = _exchanges(runner, demo_db, "--q", "Griner")
    assert [p for x in griner for s in x["sides"] for p in s["persons"] if "Griner" in p["name"]]
    assert len(griner) < len(everything)
    narnia = runner.invoke(app, ["exchanges", "--db", demo_db, "--country", "Narnia"])
    assert narnia.exit_code == 1 and one_line(narnia).startswith("error: no party to an exchange matches 'Narnia'")


# -- tables and progress ----------------------------------------------------------------

@pytest.mark.parametrize("command", [["exchanges"], ["persons"], ["articles"]], ids=lambda c: c[0])
def test_tables_wrap_at_words_in_80_columns(runner, demo_db, command):
    table = runner.invoke(app, [*command, "--db", demo_db], env={"COLUMNS": "80"}).output
    data = json.loads(runner.invoke(app, [*command, "--db", demo_db, "--json"]).output)
    assert max(len(line) for line in table.splitlines()) <= 80
    cells = re.sub(r"[│┃┏┓┗┛┡┩└┘┌┐━─╇┳┻╋┼┬┴]", " ", table)
    words = {w.strip(",;:()|") for w in cells.split()}
    texts = []
    for item in data:
        texts += [item.get("name") or "", item.get("held_by") or ""]
        if "who_for_whom" not in item:      # an exchange's title is the web's handle; its table shows who for whom
            texts.append(item.get("title") or "")
        texts += [p["name"] for s in item.get("sides", []) for p in s["persons"]]
    expected = {w.strip(",;:()|") for t in texts for w in t.split() if len(w) <= 12}
    assert expected and expected <= words, sorted(expected - words)


def test_progress_covers_extraction(db_url, tmp_path):
    """Both bars end full: the extraction bar counts the relevant articles, with a rate."""
    from rich.console import Console
    from rich.progress import TimeRemainingColumn

    from swapwatch import views
    from swapwatch.service import ingest
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    corpus = write_corpus(tmp_path / "corpus")
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    settings = load_settings(db_url)
    with open_store(db_url) as store, views.progress([corpus], enabled=True, console=console) as bar:
        summary = ingest(store, [corpus], settings, on_progress=bar.read, on_extract=bar.extract)
        reading, extracting = bar.bar.tasks
        assert (reading.completed, reading.total) == (3, 3)
        assert (extracting.completed, extracting.total) == (summary.extracted, summary.extracted) == (2, 2)
        assert extracting.visible
        kinds = {type(c) for c in bar.bar.columns}
        assert views.RateColumn in kinds and TimeRemainingColumn in kinds
