"""PostgreSQL URLs as users write them: ``postgresql://``, ``postgres://``, ``postgresql+psycopg://``.

Parsing runs everywhere; opening the database runs on the PostgreSQL backend only (the
whole suite runs there in CI), where the test server's URL is rewritten in each spelling.
"""
from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from conftest import BACKEND
from swapwatch.cli import app
from swapwatch.store import open_store
from swapwatch.store.engine import parse_url

on_postgresql = pytest.mark.skipif(BACKEND != "postgresql", reason="opens a PostgreSQL database: that backend's run")


@pytest.mark.parametrize("given, driver", [
    ("postgresql://u@db.example/swapwatch", "postgresql+psycopg"),
    ("postgres://u@db.example/swapwatch", "postgresql+psycopg"),
    ("postgresql+psycopg://u@db.example/swapwatch", "postgresql+psycopg"),
    ("sqlite:///tmp/x.sqlite", "sqlite"),
])
def test_scheme_picks_the_installed_driver(given: str, driver: str):
    parsed = parse_url(given)
    assert parsed.drivername == driver
    assert (parsed.host, parsed.database) == (make_url(given).host, make_url(given).database)


@on_postgresql
@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_every_spelling_opens_the_same_database(db_url: str, scheme: str):
    open_store(db_url).close()           # schema in place
    spelled = make_url(db_url).set(drivername=scheme).render_as_string(hide_password=False)
    assert spelled.startswith(f"{scheme}://")
    result = CliRunner().invoke(app, ["articles", "--db", spelled, "--json"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "[]"
