"""A datasette-ready database: the views of migration 0008 agree with the read layer, and a
real ``datasette serve`` (a subprocess on 127.0.0.1) serves them, follows the foreign keys
and hides the search and internal tables as the shipped metadata says."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from swapwatch.cli import app
from swapwatch.datasette import METADATA_PATH, database_name, datasette_metadata
from swapwatch.settings import db_url_from

runner = CliRunner()


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def view_rows(db: str, view: str) -> list[dict[str, Any]]:
    engine = create_engine(db_url_from(db))
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {view}"))]
    finally:
        engine.dispose()


def held_persons(db: str) -> dict[str, dict[str, Any]]:
    held = cli_json("held", "--db", db, "--json")
    return {p["id"]: p for group in held["holders"] for p in group["persons"]}


def test_who_for_whom_gives_the_read_layers_exchanges(demo_db: str) -> None:
    listed = {x["id"]: x for x in cli_json("exchanges", "--db", demo_db, "--json")}
    rows = {r["exchange_id"]: r for r in view_rows(demo_db, "who_for_whom")}
    assert listed and rows.keys() == listed.keys()
    for xid, x in listed.items():
        row = rows[xid]
        assert row["who_for_whom"] == x["who_for_whom"]
        assert (row["date"], row["kind"], row["place"], row["total"]) == (x["date"], x["kind"], x["place"], x["total"])
        assert row["articles"] == x["article_count"] and row["sides"] == len(x["sides"])
        assert row["named_people"] == sum(len(s["persons"]) for s in x["sides"])
        parties = {p for s in x["sides"] for p in (s["released_by"], s["received_by"]) if p}
        assert (row["parties"] or "") == ", ".join(sorted(parties))


def test_still_held_gives_the_read_layers_people(demo_db: str) -> None:
    held = held_persons(demo_db)
    rows = {r["person_id"]: r for r in view_rows(demo_db, "still_held")}
    assert held and rows.keys() == held.keys()
    for pid, person in held.items():
        row = rows[pid]
        assert (row["name"], row["holder"], row["articles"]) == (person["name"], person["held_by"], person["article_count"])
        assert (row["since"], row["status_date"]) == (person["since"], person["status_date"])
        last = row["last_reported"]
        assert (str(last)[:10] if last is not None else None) == person["last_reported"]


def test_side_names_link_to_the_persons_the_pages_link(demo_db: str) -> None:
    detail = cli_json("exchanges", "--db", demo_db, "--json")
    linked = {(x["id"], p["name"]): p["person_id"] for x in detail for s in x["sides"] for p in s["persons"]}
    stored = {(r["exchange_id"], r["name"]): r["person_id"] for r in view_rows(demo_db, "side_persons")}
    assert any(linked.values()) and stored == linked


def test_metadata_is_named_for_the_served_file(tmp_path: Path) -> None:
    assert database_name(None) == "swapwatch"
    assert database_name(str(tmp_path / "crawl-2024.sqlite")) == "crawl-2024"
    assert database_name(f"sqlite:///{tmp_path}/x.db") == "x"
    metadata = datasette_metadata("crawl-2024")
    assert list(metadata["databases"]) == ["crawl-2024"]
    assert json.loads(METADATA_PATH.read_text(encoding="utf-8"))["databases"]["swapwatch"] == \
        metadata["databases"]["crawl-2024"]


# -- a real datasette ---------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as answer:
        assert answer.status == 200
        return json.loads(answer.read())


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, database path) of ``datasette serve`` over a fresh SQLite demo database (SQLite
    whatever the backend under test: datasette reads SQLite files only), with the metadata that
    ``swapwatch datasette-metadata --db`` writes for it."""
    from swapwatch.store import open_store
    from swapwatch.store.browse import prepare_search

    folder = tmp_path_factory.mktemp("datasette")
    db = str(folder / "demo.sqlite")
    made = runner.invoke(app, ["demo", "--db", db])
    assert made.exit_code == 0, made.output
    with open_store(db_url_from(db)) as store:
        assert prepare_search(store.engine)          # the FTS tables exist, so hiding them is tested
    metadata = folder / "metadata.json"
    written = runner.invoke(app, ["datasette-metadata", "--db", db, "--output", str(metadata)])
    assert written.exit_code == 0, written.output
    port = _free_port()
    log = (folder / "datasette.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", db, "--metadata", str(metadata),
                               "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base, "/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("datasette did not start: " + (folder / "datasette.log").read_text()[-2000:])
                time.sleep(0.2)
        yield base, db
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_datasette_serves_the_views(served: tuple[str, str]) -> None:
    base, db = served
    exchanges = _get(base, "/demo/who_for_whom.json?_shape=array&_size=max")
    assert {r["exchange_id"] for r in exchanges} == {x["id"] for x in cli_json("exchanges", "--db", db, "--json")}
    assert all(" -> " in r["who_for_whom"] for r in exchanges if r["sides"])
    held = _get(base, "/demo/still_held.json?_shape=array&_size=max")
    assert {r["person_id"] for r in held} == set(held_persons(db))


def test_datasette_follows_a_side_name_to_its_person(served: tuple[str, str]) -> None:
    base, _ = served
    table = _get(base, "/demo/side_persons.json?_labels=on&_shape=objects&_size=max")
    linked = [r for r in table["rows"] if isinstance(r["person_id"], dict)]
    assert linked, "no side name expanded to its person"
    person = linked[0]["person_id"]
    row = _get(base, f"/demo/persons/{person['value']}.json?_shape=objects")
    assert row["rows"][0]["name"] == person["label"]       # the label is the person's name (label_column)
    keys = _get(base, "/demo/evidence.json?_labels=on&_shape=objects&_size=5&record_type=person")
    assert keys["rows"] and all(isinstance(r["person_id"], dict) for r in keys["rows"])


def test_datasette_hides_search_and_internal_tables(served: tuple[str, str]) -> None:
    base, _ = served
    tables = {t["name"]: t for t in _get(base, "/demo.json")["tables"]}
    for name in ("alembic_version", "curators", "curator_sessions", "search_persons", "search_exchanges",
                 "search_articles", "person_categories", "exchange_parties"):
        assert name in tables and tables[name]["hidden"] is True, name
    for name in ("exchanges", "persons", "side_persons", "evidence", "articles"):
        assert tables[name]["hidden"] is False, name
    with urllib.request.urlopen(base + "/demo/still_held", timeout=30) as page:
        html = page.read().decode("utf-8")
    assert "<h1" in html and "Still held" in html and "whose latest reported status is detained" in html
