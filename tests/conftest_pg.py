"""A throwaway PostgreSQL server for the tests, used when SWAPWATCH_TEST_PG=1 or
SWAPWATCH_TEST_BACKEND=postgresql (then every test database lives on it).

Either ``SWAPWATCH_TEST_PG_URL`` names a server to use (a CI service, say; an admin URL
such as ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``), or the server
binaries (``initdb``, ``pg_ctl``; ``SWAPWATCH_PG_BIN``, /usr/local/bin, Debian's
/usr/lib/postgresql/*/bin or PATH) start one
in a temporary folder on 127.0.0.1. Each test gets a fresh database.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# A run on the PostgreSQL backend always needs the server: it fails, never skips, without one.
ENABLED = os.environ.get("SWAPWATCH_TEST_PG") == "1" or os.environ.get("SWAPWATCH_TEST_BACKEND") == "postgresql"
needs_pg = pytest.mark.skipif(not ENABLED, reason="PostgreSQL tests run only with SWAPWATCH_TEST_PG=1")


def _debian_bin() -> str | None:
    """Debian keeps the server binaries off PATH, in /usr/lib/postgresql/VERSION/bin: the newest."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                   key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])
    return str(found[-1]) if found else None


def _binary(name: str) -> str | None:
    for folder in filter(None, [os.environ.get("SWAPWATCH_PG_BIN"), "/usr/local/bin", _debian_bin()]):
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    """The server refuses to run as root: run it as the ``postgres`` account then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    if not ENABLED:
        pytest.skip("PostgreSQL tests run only with SWAPWATCH_TEST_PG=1")
    given = os.environ.get("SWAPWATCH_TEST_PG_URL")
    if given:
        yield given
        return
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail("SWAPWATCH_TEST_PG=1 asks for PostgreSQL, but there are no server binaries "
                    "(initdb, pg_ctl) and no SWAPWATCH_TEST_PG_URL")
    root = Path(tempfile.mkdtemp(prefix="swapwatch-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    subprocess.run(_as_server_user([initdb, "-A", "trust", "-U", "postgres", "-D", str(data)]),
                   check=True, capture_output=True)
    options = f"-h 127.0.0.1 -p {port} -k {root} -F -c fsync=off -c full_page_writes=off"
    subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


class PgDatabases:
    """Creates fresh, empty databases on one server and drops them all at the end."""

    def __init__(self, admin_url: str):
        from sqlalchemy import create_engine

        self.admin_url = admin_url
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def new(self) -> str:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = f"swapwatch_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.names.append(name)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        from sqlalchemy import text

        try:
            with self.admin.connect() as conn:
                for name in self.names:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            self.admin.dispose()


@pytest.fixture
def pg_databases(pg_admin_url: str) -> Iterator[PgDatabases]:
    dbs = PgDatabases(pg_admin_url)
    try:
        yield dbs
    finally:
        dbs.drop_all()


@pytest.fixture
def pg_url(pg_databases: PgDatabases) -> str:
    """A URL to a new, empty database on the test server, dropped afterwards."""
    return pg_databases.new()
