"""Curation (docs/CURATION.md): every action through the CLI on the demo articles, then a
re-ingest and a re-extraction after a version bump; every correction holds, the export says
who and why, an orphaned curation is listed, undo gives the extracted value back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from swapwatch.cli import app
from swapwatch.merge.curation import apply_curations
from swapwatch.model import Curation, Exchange, MergedRecords, Person, Side

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--db", db], env={"SWAPWATCH_CURATOR": "Ana Curator"})
    assert result.exit_code == 0, result.output
    return result.output


def _curate(db: str, *args: str) -> dict:
    return json.loads(_cli(db, "curate", *args, "--json"))


def _export(db: str) -> dict:
    return json.loads(_cli(db, "export", "--format", "json"))


def _person(data: dict, name: str) -> dict | None:
    return next((p for p in data["persons"] if p["name"] == name), None)


def _exchange(data: dict, xid: str) -> dict | None:
    return next((x for x in data["exchanges"] if x["id"] == xid), None)


def test_every_action_survives_reingest_and_reextraction(db_url: str, monkeypatch: pytest.MonkeyPatch):
    _cli(db_url, "ingest", "-q", str(DEMO))
    before = _export(db_url)
    assert _person(before, "Alexei Gorinov")["status"] == "detained"    # what the articles say
    ankara = next(x for x in before["exchanges"] if any("Vadim Krassikov" in s["persons"] for s in x["sides"]))
    hidden = next(x for x in before["exchanges"] if x["date"] == "2024-08-24")

    fixed = _curate(db_url, "set-status", "Alexei Gorinov", "released", "--date", "2025-01-10",
                    "--reason", "freed after these articles")
    assert fixed["state"] == "applied"
    _curate(db_url, "set-exchange", ankara["id"], "--total", "26", "--reason", "officials' count")
    _curate(db_url, "not-detainee", "Savoi Wright", "--reason", "not held in this story")
    merged = _curate(db_url, "merge-persons", "Anna Dultseva", "Artem Dultsev", "--reason", "mechanism test")
    _curate(db_url, "hide", "exchange", hidden["id"], "--reason", "recalled, not an event")
    _curate(db_url, "set-status", "Oleg Orlov", "released", "--reason", "to be undone")
    undo_target = _curate(db_url, "set-status", "Alex Saab", "released", "--reason", "mistake")
    _curate(db_url, "undo", str(undo_target["id"]), "--reason", "my mistake")

    def check(data: dict) -> None:
        gorinov = _person(data, "Alexei Gorinov")
        assert (gorinov["status"], gorinov["status_date"]) == ("released", "2025-01-10")
        entry = next(c for c in gorinov["curated"] if c["field"] == "status")
        assert entry == {**entry, "value": "released", "extracted": "detained", "curator": "Ana Curator",
                         "reason": "freed after these articles"}
        assert _exchange(data, ankara["id"])["total"] == 26
        assert _exchange(data, ankara["id"])["curated"][0]["reason"] == "officials' count"
        assert _person(data, "Savoi Wright") is None
        assert all("Savoi Wright" not in s["persons"] for x in data["exchanges"] for s in x["sides"])
        assert _person(data, "Anna Dultseva") is None
        assert "Anna Dultseva" in _person(data, "Artem Dultsev")["aliases"]
        assert _exchange(data, hidden["id"]) is None
        saab = _person(data, "Alex Saab")
        assert saab["status"] == "exchanged" and "curated" not in saab     # undone: extracted value back
        assert set(data) == {"exchanges", "persons"}

    first = _export(db_url)
    check(first)
    assert merged["record_id"] == _person(first, "Artem Dultsev")["id"]

    _cli(db_url, "ingest", "-q", str(DEMO))                             # re-ingest everything
    assert _export(db_url) == first
    from swapwatch.extract import pipeline

    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", pipeline.EXTRACTOR_VERSION + ".curation-test")
    _cli(db_url, "ingest", "-q", str(DEMO))                             # every article re-extracted
    again = _export(db_url)
    check(again)
    assert again == first

    listed = json.loads(_cli(db_url, "curate", "list", "--json"))
    assert [c["id"] for c in listed] == sorted(c["id"] for c in listed) and len(listed) == 8
    assert {c["state"] for c in listed} == {"applied", "undone"}
    assert next(c for c in listed if c["id"] == undo_target["id"])["undone_by"] is not None


def test_orphaned_curations_are_kept_and_listed(db_url: str, tmp_path: Path):
    _cli(db_url, "ingest", "-q", str(DEMO))
    _curate(db_url, "set-status", "Ilya Yashin", "exchanged", "--reason", "flight")
    _curate(db_url, "hide", "person", "Ilya Yashin", "--reason", "hidden")
    _curate(db_url, "set-status", "Oleg Orlov", "exchanged", "--reason", "fine")
    out = tmp_path / "curations.json"
    _cli(db_url, "curations", "export", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["curations"]) == 3

    # A log whose target was never in this database: imported, kept, listed as orphaned.
    data["curations"].append({**data["curations"][0], "target_key": "p:nobody here", "created_at":
                              "2025-01-01T00:00:00+00:00"})
    out.write_text(json.dumps(data), encoding="utf-8")
    assert "imported 1 curations, skipped 3" in _cli(db_url, "curations", "import", str(out))
    orphans = json.loads(_cli(db_url, "curate", "list", "--orphaned", "--json"))
    assert [o["target_key"] for o in orphans] == ["p:nobody here"]
    assert "no person answers" in orphans[0]["detail"]
    # hiding the person makes a later curation of the same person orphaned too, never dropped
    _curate(db_url, "set-status", "Oleg Orlov", "released", "--reason", "second")
    assert len(json.loads(_cli(db_url, "curate", "list", "--json"))) == 5


def test_curations_move_between_databases(new_db_url, tmp_path: Path):
    first, second = new_db_url(), new_db_url()
    for db in (first, second):
        _cli(db, "ingest", "-q", str(DEMO))
    _curate(first, "set-status", "Ilya Yashin", "exchanged", "--date", "2024-08-01", "--reason", "flight")
    _curate(first, "not-detainee", "Savoi Wright", "--reason", "official")
    out = tmp_path / "log.json"
    _cli(first, "curations", "export", str(out))
    assert "imported 2 curations" in _cli(second, "curations", "import", str(out))
    assert "imported 0 curations, skipped 2" in _cli(second, "curations", "import", str(out))
    assert _export(first) == _export(second)


def test_curate_refuses_without_a_curator_or_an_unknown_person(db_url: str):
    _cli(db_url, "ingest", "-q", str(DEMO))
    runner = CliRunner()
    nobody = runner.invoke(app, ["curate", "set-status", "Ilya Yashin", "released", "--reason", "r",
                                 "--db", db_url, "--by", " "])
    assert nobody.exit_code == 2 and "curator" in nobody.output
    missing = runner.invoke(app, ["curate", "set-status", "Nobody Atall", "released", "--by", "Ana", "--reason", "r",
                                  "--db", db_url])
    assert missing.exit_code == 1 and "no person" in missing.output
    bad = runner.invoke(app, ["curate", "undo", "999", "--by", "Ana", "--reason", "r", "--db", db_url])
    assert bad.exit_code == 1


# -- the pure step, on hand-made records ---------------------------------------------------------

def _log(*items: tuple) -> list[Curation]:
    return [Curation(id=i + 1, action=a, target_kind=k, target_key=key, field=None, value=v, curator="c",
                     reason="r", created_at="2025-01-01T00:00:00+00:00") for i, (a, k, key, v) in enumerate(items)]


def _records(date: str = "2024-08-01", name: str = "Vadim Krasikov") -> MergedRecords:
    p = Person(id="p-1", name=name, aliases=["Krasikov"], status="detained", status_date=None, held_by="Germany",
               nationality=[], category=[], role=None, charges=[], sentence=None, articles=["a"])
    x = Exchange(id="x-1", date=date, date_precision="day", kind="swap", location=None, mediators=[], total=None,
                 sides=[Side("Germany", "Russia", 1, [name])], articles=["a"])
    return MergedRecords(exchanges=[x], persons=[p])


def test_keys_find_records_again_when_names_and_dates_get_more_precise():
    log = _log(("set", "person", "p:vadim krasikov", {"status": "exchanged"}),
               ("set", "exchange", "x:2024-08|Germany;Russia|vadim krasikov", {"total": 26}))
    # the next rebuild has a fuller display name (old one an alias) and a day-less date
    later = _records(date="2024-08", name="Vadim Nikolaevich Krasikov")
    later.persons[0].aliases.append("Vadim Krasikov")
    records, states = apply_curations(later, log)
    assert [s.state for s in states] == ["applied", "applied"]
    assert records.persons[0].status == "exchanged" and records.exchanges[0].total == 26


def test_a_curation_without_a_target_is_orphaned_not_dropped():
    log = _log(("set", "exchange", "x:2019-01|Iran;United States|", {"total": 2}),
               ("set", "person", "p:someone else", {"status": "released"}))
    records, states = apply_curations(_records(), log)
    assert [s.state for s in states] == ["orphaned", "orphaned"]
    assert records.exchanges[0].total is None and records.persons[0].status == "detained"


def test_every_curation_command_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for group in app.registered_groups:
        for command in group.typer_instance.registered_commands:
            assert f"swapwatch {group.name} {command.name}" in readme, (group.name, command.name)
