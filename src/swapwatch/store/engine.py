"""Engine creation and schema migration: what has to be right before the first query.

SQLite gets WAL (readers never block the writer), a 30 s busy timeout, foreign keys and
``synchronous=NORMAL`` on every connection. Write transactions start with
``BEGIN IMMEDIATE`` so two processes writing at once wait for each other instead of
failing when a read lock cannot be upgraded; reads use a plain deferred ``BEGIN``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
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


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; cheap when it is there already.

    Safe when several processes open a fresh database at once: the upgrade runs under
    the database's write lock (SQLite) or an advisory lock (PostgreSQL), and each
    process re-reads the revision once it holds the lock.
    """
    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return
    cfg = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
