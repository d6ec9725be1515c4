"""Engine creation and schema migration: what has to be right before the first query.

SQLite gets WAL (readers never block the writer), a 30 s busy timeout, foreign keys and
``synchronous=NORMAL`` on every connection. Write transactions start with
``BEGIN IMMEDIATE`` so two processes writing at once wait for each other instead of
failing when a read lock cannot be upgraded; reads use a plain deferred ``BEGIN``.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "swapwatch_write"        # execution option: this transaction will write
PG_MIGRATION_LOCK = 0x5377_6170         # advisory lock id held while migrating PostgreSQL


# A bare PostgreSQL scheme means the driver we install (psycopg 3), whatever SQLAlchemy's
# default for it; "postgres://" is the spelling many hosting services hand out.
_DRIVER_FOR_SCHEME = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreError(f"not a database URL: {url!r}", code="bad_db_url", http_status=400) from e
    driver = _DRIVER_FOR_SCHEME.get(parsed.drivername)
    return parsed.set(drivername=driver) if driver else parsed


def safe_url(url: URL) -> str:
    """The URL without its password: what may be printed or logged."""
    return url.render_as_string(hide_password=True)


def _sqlite_file(url: URL) -> Path | None:
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:") or url.query.get("mode") == "memory":
        return None
    return Path(db)


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it badly).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def _on_sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for an SQLite file, its folder is created first."""
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        path = _sqlite_file(parsed)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    except (ImportError, ArgumentError, OSError) as e:
        raise StoreError(f"cannot open database {safe_url(parsed)}: {e}", code="store_unavailable") from e
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def alembic_config() -> Config:
    """Alembic configured in code: no alembic.ini needed at run time."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of our migrations (Alembic raises, rather than answering
    None, for an id it has never seen)."""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


SQLITE_HEADER = b"SQLite format 3\x00"
CREATES = "`swapwatch ingest` or `swapwatch demo` makes one"


def _no_database(message: str) -> StoreError:
    return StoreError(message, code="no_database")


def _check_tables(where: str, tables: set[str], revision: str | None, *, create: bool) -> None:
    """Refuse what is not a swapwatch database; an empty one only where ``create`` allows it."""
    if "alembic_version" in tables and revision is not None:
        if not known_revision(revision):
            raise _no_database(f"{where} has a schema revision this swapwatch does not know ({revision}): "
                               f"made by a newer swapwatch, or not a swapwatch database")
        return
    if tables - {"alembic_version"}:      # alone and empty: a swapwatch database downgraded to nothing
        raise _no_database(f"{where} is not a swapwatch database (it holds other tables)")
    if not create:
        raise _no_database(f"{where} is an empty database, not a swapwatch one; {CREATES}")


def check_sqlite_file(url: URL, *, create: bool) -> None:
    """Before anything touches an SQLite file: it must be a swapwatch database, or, where
    ``create`` allows it, not exist yet (nor its folder) or be empty. Read-only: a foreign
    file is neither created, converted to WAL nor migrated."""
    path = _sqlite_file(url)
    if path is None:
        return
    if not path.exists():
        if create:
            return
        folder = "" if path.parent.is_dir() else " (nor its folder)"
        raise _no_database(f"no database at {path}{folder}; {CREATES}")
    if path.is_dir():
        raise _no_database(f"{path} is a folder, not a database")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise _no_database(f"cannot read {path}: {e.strerror or e}") from e
    if not header:
        _check_tables(str(path), set(), None, create=create)
        _check_writable(path)
        return
    if header != SQLITE_HEADER:
        raise _no_database(f"{path} is not a swapwatch database (not an SQLite file)")
    if create:
        _check_writable(path)
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone() or [None])[0] \
                if "alembic_version" in tables else None
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise _no_database(f"{path} is not a swapwatch database ({e})") from e
    _check_tables(str(path), tables, revision, create=create)


def _check_writable(path: Path) -> None:
    """A command that writes (ingest) needs the file and its folder (SQLite's -wal and -shm
    files live beside it): refused up front, in one line, not by a traceback mid-run."""
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only: ingest needs to write it", code="read_only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(f"the folder of {path} is read-only: SQLite writes its -wal and -shm files "
                         f"beside the database", code="read_only")


def check_database(engine: Engine, *, create: bool) -> None:
    """A server database (PostgreSQL) must hold swapwatch's schema, or nothing where ``create`` allows."""
    if engine.dialect.name == "sqlite":
        return          # checked on the file, before the engine was made (check_sqlite_file)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = current_revision(conn) if "alembic_version" in tables else None
    _check_tables(f"database {safe_url(engine.url)}", tables, revision, create=create)


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest revision; cheap when it is there already.

    Safe when several processes open a fresh database at once: the upgrade runs under
    the database's write lock (SQLite) or an advisory lock (PostgreSQL), and each
    process re-reads the revision once it holds the lock. True when the schema was made
    from nothing (the database is new).
    """
    head = head_revision()
    with engine.connect() as conn:
        before = current_revision(conn)
        if before == head:
            return False
    cfg = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return before is None
