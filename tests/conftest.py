"""Shared fixtures: where ../shared is, a fresh database per test."""
from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "dev"


def require_shared() -> Path:
    """The shared corpora sit beside the checkout in CI; a user's fresh clone may lack them."""
    if not DEV.is_dir():
        pytest.skip(f"needs the shared evaluation corpora at {DEV} (absent in this checkout)")
    return SHARED


def write_rss_lines(target: Path, start: int, stop: int) -> Path:
    """Lines ``start``..``stop`` of the shared real news stream, as one JSON Lines input file."""
    import gzip

    source = require_shared() / "corpora" / "rss-news-2022-2023.jsonl.gz"
    if not source.is_file():
        pytest.skip(f"needs the shared news stream at {source}")
    with gzip.open(source, "rt", encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(lines, start, stop))
    return target


MIXED_PARTS = ("demo", "seeds", "news_a", "news_b")


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Demo articles, dev seeds and 1,300 real news lines in two files, copied to a temp folder
    (never into the repo): 1,300+ inputs, a few dozen relevant. Used by the crash and
    concurrent-ingest tests, which need runs that last several seconds."""
    import shutil

    shared = require_shared()
    folder = tmp_path_factory.mktemp("mixed-corpus")
    shutil.copytree(Path(__file__).resolve().parents[1] / "examples" / "articles", folder / "demo")
    shutil.copytree(shared / "eval" / "dev" / "seeds" / "articles", folder / "seeds")
    return {"demo": folder / "demo", "seeds": folder / "seeds",
            "news_a": write_rss_lines(folder / "news_a.jsonl", 0, 700),
            "news_b": write_rss_lines(folder / "news_b.jsonl", 700, 1300)}


@pytest.fixture(scope="session")
def mixed_reference(mixed_corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory,
                    request: pytest.FixtureRequest) -> tuple[str, dict[str, int]]:
    """Export and counts of one clean in-process ingest of the whole mixed corpus, on the
    backend under test: what every interrupted or concurrent history must end with."""
    from swapwatch import service
    from swapwatch.export import export_json
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    databases = None
    if BACKEND == "postgresql":
        from conftest_pg import PgDatabases

        databases = PgDatabases(request.getfixturevalue("pg_admin_url"))
        url = databases.new()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('mixed-reference') / 'reference.sqlite'}"
    try:
        settings = load_settings(url)
        with open_store(settings.db_url) as store:
            summary = service.ingest(store, [mixed_corpus[p] for p in MIXED_PARTS], settings)
            assert summary.failed == 0, summary.failures
            return export_json(store.load_merged(), store.article_names()), store.counts()
    finally:
        if databases is not None:
            databases.drop_all()


def swapwatch_command(*args: str) -> list[str]:
    """``swapwatch ARGS`` run by this interpreter (the test's environment), as a subprocess argv."""
    return [sys.executable, "-m", "swapwatch.cli", *args]


@pytest.fixture
def store(db_url: str):
    from swapwatch.store import open_store

    s = open_store(db_url)
    yield s
    s.close()


# The whole suite runs twice in CI: once on SQLite, once with SWAPWATCH_TEST_BACKEND=postgresql,
# where every test database is a fresh one on a throwaway PostgreSQL server (conftest_pg.py).
BACKEND = os.environ.get("SWAPWATCH_TEST_BACKEND", "sqlite")
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    if BACKEND not in BACKENDS:
        raise pytest.UsageError(f"SWAPWATCH_TEST_BACKEND={BACKEND!r}: use one of {', '.join(BACKENDS)}")


def pytest_report_header(config: pytest.Config) -> str:
    return f"swapwatch test backend: {BACKEND}"


@pytest.fixture(scope="session")
def extract_item():
    """Extract one invented item: (headline, body) -> ArticleExtraction, published 2024-03-16
    unless ``published`` (ISO) says otherwise."""
    from datetime import date

    from swapwatch.extract.nlp import load_nlp
    from swapwatch.extract.pipeline import extract_article
    from swapwatch.model import Article

    nlp = load_nlp()

    def go(headline: str, body: str, published: str = "2024-03-16"):
        return extract_article(Article(id="t", title=headline, text=body, published=date.fromisoformat(published)),
                               nlp)

    return go


@pytest.fixture
def new_db_url(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes URLs to new, empty databases on the backend under test (for tests that need several)."""
    if BACKEND == "postgresql":
        return request.getfixturevalue("pg_databases").new
    made = itertools.count(1)
    return lambda: f"sqlite:///{tmp_path / f'test-{next(made)}.sqlite'}"


@pytest.fixture
def db_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A URL to a new, empty database on the backend under test."""
    if BACKEND == "postgresql":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An SQLite file whatever the backend under test: for tests about SQLite itself."""
    return f"sqlite:///{tmp_path / 'sqlite-only.sqlite'}"


from conftest_pg import pg_admin_url, pg_databases, pg_url  # noqa: E402,F401  (fixtures for every test module)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    """The bundled demo, built once per test module by ``swapwatch demo`` on the backend under test."""
    from typer.testing import CliRunner

    from swapwatch.cli import app

    databases = None
    if BACKEND == "postgresql":
        from conftest_pg import PgDatabases

        databases = PgDatabases(request.getfixturevalue("pg_admin_url"))
        db = databases.new()
    else:
        db = str(tmp_path_factory.mktemp("demo") / "swapwatch-demo.sqlite")
    result = CliRunner().invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    yield db
    if databases is not None:
        databases.drop_all()


def at_revision(url: str, revision: str):
    """A store whose schema stops at ``revision``, as a database made by an older release."""
    from alembic import command

    from swapwatch.store import Store
    from swapwatch.store.engine import alembic_config, make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return Store(engine)


def sides_by_direction(ex) -> dict[tuple, tuple]:
    """(released_by, received_by) -> (count, names) for every side an extraction reads."""
    return {(s.released_by, s.received_by): (s.count, tuple(s.persons)) for x in ex.exchanges for s in x.sides}
