"""What the browser tests share: Debian's chromium, a live server in a thread, module databases, screenshots.

The server is the real app on a real socket (uvicorn in a background thread), the browser is
Debian's ``chromium`` driven by Playwright (never ``playwright install``), and the databases are
real SQLite files or, with SWAPWATCH_TEST_BACKEND=postgresql, real databases on the test server.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO_ARTICLES = REPO / "examples" / "articles"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
BACKEND = os.environ.get("SWAPWATCH_TEST_BACKEND", "sqlite")


def chromium_path() -> str:
    """Debian's chromium binary; the browser tests skip, saying why, only when it is not installed."""
    found = shutil.which("chromium")
    if not found:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); the browser tests drive it")
    return found


@contextmanager
def chromium() -> Iterator[object]:
    """One headless Chromium (Playwright's sync API) for a whole test module."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def live_server(db_url: str) -> Iterator[str]:
    """Serve the real app over ``db_url`` on a free 127.0.0.1 port; yields the base URL."""
    import uvicorn

    from swapwatch.store import open_store
    from swapwatch.web.app import create_app

    store = open_store(db_url)
    server = uvicorn.Server(uvicorn.Config(create_app(store=store), log_level="warning", lifespan="off"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started and thread.is_alive():
        started.wait(0.02)        # uvicorn has no start callback: poll its flag
    try:
        if not server.started:
            raise RuntimeError("the test server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        store.close()


def ingest_paths(db_url: str, paths: list[Path]) -> None:
    """The real ingest job (relevance, extraction, merge) into ``db_url``."""
    from swapwatch.service import ingest
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    store = open_store(db_url)
    try:
        summary = ingest(store, paths, load_settings(db_url))
        assert summary.failed == 0, summary.failures
    finally:
        store.close()


@contextmanager
def module_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                    name: str) -> Iterator[str]:
    """A fresh database for one test module, on the backend under test (db_url is per test)."""
    if BACKEND != "postgresql":
        yield f"sqlite:///{tmp_path_factory.mktemp(name) / 'browser.sqlite'}"
        return
    from conftest_pg import PgDatabases

    databases = PgDatabases(request.getfixturevalue("pg_admin_url"))
    try:
        yield databases.new()
    finally:
        databases.drop_all()


@contextmanager
def demo_database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo articles, ingested once.

    On SQLite the file is built once per test session and shared by every xdist worker (under
    a file lock in the run's common temp folder): the demo ingest is the slowest part of these
    tests. On PostgreSQL each worker has its own server, so each module builds its own.
    """
    if BACKEND == "postgresql":
        with module_database(request, tmp_path_factory, "demo") as url:
            ingest_paths(url, [DEMO_ARTICLES])
            yield url
        return
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent            # this run's folder, common to its workers
    target, done = shared / "browser-demo.sqlite", shared / "browser-demo.done"
    with open(shared / "browser-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
                ingest_paths(f"sqlite:///{target}", [DEMO_ARTICLES])
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    yield f"sqlite:///{target}"


def screenshot_dir() -> Path:
    """Where screenshots go: SWAPWATCH_SCREENSHOTS, else test-artifacts/screenshots in the repo (gitignored)."""
    folder = Path(os.environ.get("SWAPWATCH_SCREENSHOTS") or REPO / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_screenshot(page, name: str) -> Path:
    """A full-page PNG named after the page and the viewport, for a reviewer to look at."""
    target = screenshot_dir() / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no horizontal scroll)."""
    return int(page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                             " - document.documentElement.clientWidth"))
