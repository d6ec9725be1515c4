"""A web archive read in a second process gives what reading it in this one gives."""
from __future__ import annotations

import gzip
import io
import multiprocessing
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.warcwriter import WARCWriter

from swapwatch.cli import app
from swapwatch.errors import ConfigError
from swapwatch.ingest import readahead, warc
from swapwatch.ingest.formats import RunBudget
from swapwatch.ingest.readers import IngestFailure, read_paths
from swapwatch.model import Article, JudgedArticle
from swapwatch.settings import Settings, load_settings
from swapwatch.store import open_store
from test_ingest_warc import UNDATED_PAGE, _response, write_archive, write_screened_archive


def _ahead(settings: Settings) -> Settings:
    return settings.with_(read_ahead_bytes=1)       # every archive is large enough


@pytest.fixture
def no_reading_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading pages in this process fails the test: only the child (a fresh interpreter,
    started with spawn, that does not see this patch) may read them."""
    def here(*_args, **_kwargs):
        raise AssertionError("the archive was read in the parent process")
    monkeypatch.setattr(warc, "read_pages", here)


def _both(path: Path, settings: Settings, request: pytest.FixtureRequest) -> tuple[list, list]:
    here = list(read_paths([path], settings))
    request.getfixturevalue("no_reading_here")
    return here, list(read_paths([path], _ahead(settings), read_ahead=True))


@pytest.mark.parametrize("case", ["cut gzip member", "plain warc", "relevant page", "record over max_bytes",
                                  "decompression cap"])
def test_reading_ahead_gives_the_same_results_in_the_same_order(tmp_path: Path, case: str,
                                                                request: pytest.FixtureRequest) -> None:
    settings = Settings(db_url="sqlite://")
    if case == "cut gzip member":
        path = write_archive(tmp_path / "crawl.warc.gz")
    elif case == "plain warc":
        path = write_archive(tmp_path / "crawl.warc", gzip_members=False)
    elif case == "relevant page":
        path = write_screened_archive(tmp_path / "screened.warc.gz")
    elif case == "record over max_bytes":
        path = write_archive(tmp_path / "limits.warc.gz", truncated_tail=False)
        settings = settings.with_(max_bytes=520)
    else:
        path = write_archive(tmp_path / "capped.warc.gz", truncated_tail=False)
        settings = settings.with_(max_decompressed_bytes=1500)
    here, ahead = _both(path, settings, request)
    assert ahead == here
    assert [type(r) for r in ahead] == [type(r) for r in here]        # a judged page stays judged
    assert any(isinstance(r, Article) for r in ahead)
    if case == "relevant page":
        assert [type(r) for r in ahead] == [Article, JudgedArticle]   # trafilatura's text, the quick one
    else:
        assert any(isinstance(r, IngestFailure) for r in ahead)


@pytest.mark.parametrize("name,content", [
    ("plain.warc.gz", b"WARC/1.0\r\n"),
    ("garbage.warc.gz", b"\x1f\x8b\x08\x00garbage that is not deflate"),
    ("prose.warc", b"this is not a web archive at all\r\n\r\n"),
])
def test_a_broken_archive_is_the_same_one_line(tmp_path: Path, name: str, content: bytes,
                                               request: pytest.FixtureRequest) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    here, ahead = _both(path, Settings(db_url="sqlite://"), request)
    assert len(ahead) == 1 and isinstance(ahead[0], IngestFailure)
    assert ahead == here


def test_the_run_budget_counts_what_the_child_decompressed(tmp_path: Path, no_reading_here: None) -> None:
    path = write_archive(tmp_path / "crawl.warc.gz", truncated_tail=False)
    settings = _ahead(Settings(db_url="sqlite://"))
    budget = RunBudget(settings)
    budget.used = 1000
    articles = list(readahead.read_warc_ahead(path, settings, budget))
    assert len(articles) == 3                                      # two pages and the skipped records
    assert budget.used == 1000 + len(gzip.decompress(path.read_bytes()))


def _large_archive(path: Path, pages: int) -> Path:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(pages):
        _response(writer, f"https://news.example/library/{i}", "200 OK", "text/html; charset=windows-1252",
                  UNDATED_PAGE.replace(b"four thousand", f"{i} thousand".encode()) + b"<!--" + b"x" * 60_000 + b"-->",
                  "2024-04-02T08:30:00Z")
    path.write_bytes(buffer.getvalue())
    return path


def test_stopping_early_ends_the_reading_process(tmp_path: Path) -> None:
    path = _large_archive(tmp_path / "large.warc.gz", 300)         # far more than the pipe holds
    settings = _ahead(Settings(db_url="sqlite://"))
    results = readahead.read_warc_ahead(path, settings, RunBudget(settings))
    first = next(results)
    assert isinstance(first, Article) and first.url == "https://news.example/library/0"
    assert any(p.name == "swapwatch-warc-reader" for p in multiprocessing.active_children())
    results.close()
    assert not any(p.name == "swapwatch-warc-reader" for p in multiprocessing.active_children())


def test_only_a_large_archive_is_read_ahead(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "crawl.warc.gz")
    size = path.stat().st_size
    assert readahead.worth_reading_ahead(path, Settings(db_url="sqlite://", read_ahead_bytes=size))
    assert not readahead.worth_reading_ahead(path, Settings(db_url="sqlite://", read_ahead_bytes=size + 1))
    assert not readahead.worth_reading_ahead(path, Settings(db_url="sqlite://", read_ahead_bytes=0))


def test_the_threshold_is_set_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWAPWATCH_READ_AHEAD_BYTES", "0")
    assert load_settings("sqlite://").read_ahead_bytes == 0
    monkeypatch.setenv("SWAPWATCH_READ_AHEAD_BYTES", "-1")
    with pytest.raises(ConfigError, match="SWAPWATCH_READ_AHEAD_BYTES"):
        load_settings("sqlite://")


def test_ingest_reads_a_large_archive_ahead_and_stores_it_once(tmp_path: Path, db_url: str,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                no_reading_here: None) -> None:
    path = write_archive(tmp_path / "crawl.warc.gz")
    monkeypatch.setenv("SWAPWATCH_READ_AHEAD_BYTES", "1")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", "--db", db_url, "-q", str(path)])
    assert first.exit_code == 1, first.output            # the cut page is a failure
    assert "ingested 2" in first.output and "failed 1" in first.output and "cut or damaged" in first.output
    with open_store(db_url) as store:
        stored = {a["url"]: a["published"] for a in store.articles()}
    assert stored == {"https://news.example/fishermen": "2024-03-05", "https://news.example/library": "2024-04-02"}
    again = runner.invoke(app, ["ingest", "--db", db_url, "-q", str(path)])
    assert "ingested 0" in again.output and "duplicates 2" in again.output, again.output


def test_ctrl_c_is_the_parents_to_handle(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the terminal's group: the reader ignores it, so the
    ingesting process alone decides (and ends the reader when it stops)."""
    import os
    import signal

    path = _large_archive(tmp_path / "large.warc.gz", 120)
    settings = _ahead(Settings(db_url="sqlite://"))
    results = readahead.read_warc_ahead(path, settings, RunBudget(settings))
    first = next(results)
    [reader] = [p for p in multiprocessing.active_children() if p.name == "swapwatch-warc-reader"]
    os.kill(reader.pid, signal.SIGINT)
    rest = list(results)
    assert [first, *rest][-1].url == "https://news.example/library/119"
    assert reader.exitcode == 0
