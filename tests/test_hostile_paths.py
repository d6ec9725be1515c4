"""Issue 12, the input side: every input has a bounded cost and no input stops a run.

Each test makes its hostile input itself, in tmp_path: symlink loops, FIFOs, dangling links,
gzip bombs, control characters in names. The texts are not about detention, so nothing
here loads the extractor: the tests stay fast.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import swapwatch_command
from swapwatch.cli import app
from swapwatch.ingest.discover import discover
from swapwatch.ingest.failure import shown
from swapwatch.ingest.readers import IngestFailure, RunBudget, Skipped, read_paths
from swapwatch.model import Article
from swapwatch.settings import LIMITS, Settings
from swapwatch.store import open_store

posix_only = pytest.mark.skipif(os.name != "posix" or not hasattr(os, "mkfifo"), reason="FIFOs and symlinks")
MB = 1024 * 1024
CALM = "The weather was sunny in the park on Sunday and people walked their dogs. {n}"


def story(folder: Path, name: str, n: int = 0) -> Path:
    path = folder / name
    path.write_text(CALM.format(n=f"{name} {n}"), encoding="utf-8")
    return path


def read(paths: list, settings: Settings | None = None) -> list[Article | IngestFailure]:
    """Read in a thread and give up after 20 s: a FIFO that is opened blocks forever."""
    results: list[Article | IngestFailure] = []
    done = threading.Event()

    def work() -> None:
        results.extend(read_paths(paths, settings or Settings(db_url="sqlite://")))
        done.set()

    threading.Thread(target=work, daemon=True).start()
    assert done.wait(20), "reading hung (a FIFO was opened?)"
    return results


def by_source(results: list) -> dict[str, str]:
    return {r.source: r.reason for r in results if isinstance(r, IngestFailure)}


# -- special files and symlink loops ---------------------------------------------------------

@posix_only
def test_special_files_named_on_the_command_line_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    first = story(tmp_path, "first.txt")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(loop)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    last = story(tmp_path, "last.txt")
    results = read([first, loop, fifo, dangling, "/dev/null", last])
    assert [r.name for r in results if isinstance(r, Article)] == ["first", "last"]
    assert by_source(results) == {
        str(loop): "a symlink loop (the links never reach a file)",
        str(fifo): "a named pipe (FIFO), not a file: never opened, reading it could wait forever",
        str(dangling): f"a dangling symlink (its target {tmp_path / 'nowhere.txt'} does not exist)",
        "/dev/null": "a device, not a file",
    }


@posix_only
def test_special_files_inside_a_folder_are_reported_once_each(tmp_path: Path) -> None:
    story(tmp_path, "a.txt")
    os.mkfifo(tmp_path / "b.jsonl")
    (tmp_path / "c.txt").symlink_to(tmp_path / "c.txt")
    (tmp_path / "d.html").symlink_to(tmp_path / "missing.html")
    (tmp_path / "sub").mkdir()
    story(tmp_path / "sub", "e.txt")
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)   # a cycle: read once, silently
    results = read([tmp_path])
    assert [r.name for r in results if isinstance(r, Article)] == ["a", "e"]
    assert sorted(by_source(results)) == [str(tmp_path / n) for n in ("b.jsonl", "c.txt", "d.html")]
    assert all(i.kind in ("special", "text", "html", "jsonl") for i in discover([tmp_path]))


@posix_only
def test_a_file_swapped_for_a_fifo_after_discovery_is_never_waited_on(tmp_path: Path) -> None:
    path = story(tmp_path, "a.txt")
    items = list(discover([path]))
    path.unlink()
    os.mkfifo(path)
    from swapwatch.ingest.readers import _read_one

    def attempt() -> str:
        try:
            list(_read_one(items[0], Settings(db_url="sqlite://"), RunBudget(Settings(db_url="sqlite://"))))
        except Exception as e:      # noqa: BLE001
            return getattr(e, "reason", repr(e))
        return "read"

    box: list[str] = []
    t = threading.Thread(target=lambda: box.append(attempt()), daemon=True)
    t.start()
    t.join(20)
    assert box == ["a named pipe (FIFO), not a file: never opened, reading it could wait forever"]


@posix_only
def test_cli_stores_the_good_files_around_a_loop_and_a_fifo(tmp_path: Path, db_url: str) -> None:
    """The reproduction: a loop aborted the run (RuntimeError), a FIFO hung it forever."""
    files = tmp_path / "in"
    files.mkdir()
    first = story(files, "first.txt")
    loop = files / "loop"
    loop.symlink_to(loop)
    fifo = files / "fifo"
    os.mkfifo(fifo)
    last = story(files, "last.txt")
    run = subprocess.run(swapwatch_command("ingest", "-q", "--db", db_url, str(first), str(loop), str(fifo),
                                           str(last)), capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    failed = [line for line in run.stderr.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {loop}: a symlink loop (the links never reach a file)",
                      f"failed: {fifo}: a named pipe (FIFO), not a file: never opened, reading it could wait forever"]
    assert "Traceback" not in run.stderr
    with open_store(db_url, create=False) as store:
        assert sorted(a["name"] for a in store.articles(limit=10)) == ["first", "last"]


# -- decompression caps ----------------------------------------------------------------------

def gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data, compresslevel=6))
    return path


def test_a_gzip_bomb_stops_at_the_cap_and_the_next_file_is_read(tmp_path: Path) -> None:
    settings = Settings(db_url="sqlite://", max_decompressed_bytes=4 * MB)
    good = json.dumps({"text": CALM.format(n=1)}).encode() + b"\n"
    bomb = gz(tmp_path / "a-bomb.jsonl.gz", good + b"\n" * (12 * MB) + good)     # ~12 KB on disk
    after = gz(tmp_path / "b-after.jsonl.gz", json.dumps({"text": CALM.format(n=2)}).encode() + b"\n")
    start = time.perf_counter()
    results = read([bomb, after], settings)
    assert time.perf_counter() - start < 10
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.source for a in articles] == [f"{bomb}:1", f"{after}:1"]
    (failure,) = [r for r in results if type(r) is IngestFailure]
    assert failure.source.startswith(f"{bomb}:")
    assert failure.reason.endswith("decompresses to over the 4 MB limit for one file "
                                   "(SWAPWATCH_MAX_DECOMPRESSED_BYTES); the lines before it were read")


def test_the_run_cap_stops_further_gzip_inputs(tmp_path: Path) -> None:
    settings = Settings(db_url="sqlite://", max_decompressed_bytes=4 * MB, max_run_decompressed_bytes=5 * MB)
    line = json.dumps({"text": CALM.format(n=0)}).encode() + b"\n"
    files = [gz(tmp_path / f"{i}.jsonl.gz", line.replace(b"0", str(i).encode()) + b"\n" * (3 * MB))
             for i in range(3)]
    plain = tmp_path / "3.jsonl"                      # not compressed: not under the cap
    plain.write_bytes(line.replace(b"0", b"3"))
    results = read([*files, plain], settings)
    assert [r.source for r in results if isinstance(r, Article)] == [f"{files[0]}:1", f"{files[1]}:1", f"{plain}:1"]
    failures = [r for r in results if type(r) is IngestFailure]
    assert [f.source.split(":")[0] for f in failures] == [str(files[1]), str(files[2])]
    assert all("limit for one run (SWAPWATCH_MAX_RUN_DECOMPRESSED_BYTES)" in f.reason for f in failures)


def test_empty_lines_are_skipped_fast_and_counted(tmp_path: Path) -> None:
    """65 KB holding 64 MiB of newlines took 46 s; it is one C scan per chunk now."""
    settings = Settings(db_url="sqlite://", max_decompressed_bytes=128 * MB)
    good = json.dumps({"text": CALM.format(n=1)}).encode()
    path = gz(tmp_path / "feed.jsonl.gz", b"\n" * (32 * MB) + b" \r\n\t\n  " + good)
    start = time.perf_counter()
    results = read([path], settings)
    elapsed = time.perf_counter() - start
    assert [type(r) for r in results] == [Article, Skipped]
    assert results[0].source == f"{path}:{32 * MB + 3}"
    assert results[1].count == 32 * MB + 2 and results[1].reason == f"skipped {32 * MB + 2:,} empty lines"
    assert elapsed < 10, f"{elapsed:.1f} s for 32 MiB of empty lines"


def test_the_caps_are_settings() -> None:
    assert LIMITS["max_decompressed_bytes"] == "SWAPWATCH_MAX_DECOMPRESSED_BYTES"
    assert LIMITS["max_run_decompressed_bytes"] == "SWAPWATCH_MAX_RUN_DECOMPRESSED_BYTES"
    defaults = Settings(db_url="sqlite://")
    assert defaults.max_decompressed_bytes >= 181 * MB        # the real 369k-line feed decompresses to 181 MiB
    assert defaults.max_run_decompressed_bytes >= defaults.max_decompressed_bytes


# -- names, sidecars, empty records ----------------------------------------------------------

def test_control_characters_in_a_name_are_escaped_on_one_failed_line(tmp_path: Path, db_url: str) -> None:
    bad = tmp_path / "two\nlines\x1b[31m.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(app, ["ingest", "-q", "--db", db_url, str(bad), str(story(tmp_path, "ok.txt"))])
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {tmp_path}/two\\nlines\\x1b[31m.txt: binary file (NUL bytes)"]
    assert shown("a\u202eb\u2028c\td") == "a\\u202eb\\u2028c\\td"


def test_a_json_named_explicitly_is_an_input_not_a_sidecar(tmp_path: Path) -> None:
    story(tmp_path, "report.html")
    (tmp_path / "report.json").write_text(json.dumps({"title": "Filed", "text": CALM.format(n="json")}))
    results = read([tmp_path / "report.json"])
    assert [(type(r).__name__, r.source) for r in results] == [("Article", str(tmp_path / "report.json"))]
    # Named beside its article, or found in a folder, it is that article's metadata.
    assert [i.path.name for i in discover([tmp_path / "report.html", tmp_path / "report.json"])] == ["report.html"]
    assert [i.path.name for i in discover([tmp_path])] == ["report.html"]


def test_an_empty_record_in_a_stream_is_counted_not_failed(tmp_path: Path, db_url: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([json.dumps({"text": CALM.format(n=1)}), '{"text": ""}', "",
                               json.dumps({"text": CALM.format(n=2)})]) + "\n")
    result = CliRunner().invoke(app, ["ingest", "-q", "--db", db_url, str(feed)])
    assert result.exit_code == 0, result.output
    assert "failed 0" in result.output
    assert "skipped 2 empty JSON lines or records, or web archive records that are not HTML pages (not failures)" \
        in result.output


# -- serve's token ---------------------------------------------------------------------------

@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What serve would have started, without starting it."""
    import uvicorn

    import swapwatch.web.app as web_app

    seen: dict = {}
    monkeypatch.setattr(web_app, "create_app", lambda store, token, **options: seen.setdefault("token", token))
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.delenv("SWAPWATCH_TOKEN", raising=False)
    return seen


def test_serve_takes_the_token_from_a_file_or_the_environment(tmp_path: Path, db_url: str, served: dict,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db_url):
        pass
    token_file = tmp_path / "token"
    token_file.write_text("s3cret-from-file\n")
    result = CliRunner().invoke(app, ["serve", "--db", db_url, "--token-file", str(token_file)])
    assert result.exit_code == 0, result.output
    assert served.pop("token") == "s3cret-from-file"
    monkeypatch.setenv("SWAPWATCH_TOKEN", "s3cret-from-env")
    result = CliRunner().invoke(app, ["serve", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert served.pop("token") == "s3cret-from-env"
    both = CliRunner().invoke(app, ["serve", "--db", db_url, "--token-file", str(token_file)])
    assert both.exit_code == 2 and both.output.strip() == (
        "error: give the token one way: --token-file, or --token / SWAPWATCH_TOKEN, not both")


@pytest.mark.parametrize("content, reason", [(None, "No such file or directory"), ("\n", "is empty")])
def test_a_bad_token_file_is_one_line(tmp_path: Path, served: dict, content: str | None, reason: str) -> None:
    token_file = tmp_path / "token"
    if content is not None:
        token_file.write_text(content)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.sqlite"), "--token-file", str(token_file)])
    assert result.exit_code == 2
    assert "\n" not in result.output.strip() and reason in result.output and "Traceback" not in result.output
