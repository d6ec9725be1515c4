"""Every input format in, Articles (and one IngestFailure per bad input) out.

``read_paths`` never raises for a bad input: binary, empty, oversized, undecodable,
malformed or vanished inputs each become one IngestFailure with a reason a person can
act on, and the run goes on. Formats are chosen by extension, by content otherwise.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article
from ..settings import Settings
from .decode import decode_bytes
from .discover import Input, count_inputs, discover
from .failure import IngestFailure, Notice, Reject, Skipped
from .formats import RunBudget, read_bytes, read_html, read_json, read_jsonl, read_markdown, read_text
from .readahead import read_warc_ahead, worth_reading_ahead
from .warc import read_warc

__all__ = ["IngestFailure", "Notice", "RunBudget", "Skipped", "read_paths", "count_inputs"]

_GZIP_MAGIC = b"\x1f\x8b"


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes that no text file has, in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 50)


def _sniff(item: Input, settings: Settings) -> Iterator[Article | IngestFailure]:
    """An unknown extension: HTML, a JSON article, or plain text, judged by the content."""
    data = read_bytes(item.path, settings.max_bytes)
    if data.startswith(_GZIP_MAGIC) or _looks_binary(data):
        raise Reject("unsupported binary file")
    try:
        text = decode_bytes(data)
    except Reject as e:
        raise Reject(f"unsupported binary file ({e.reason})") from None
    head = text.lstrip()[:1024].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        yield from read_html(item.path, settings, item.sidecar, data)
        return
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
        except json.JSONDecodeError:
            pass
        else:
            yield from read_json(item.path, settings, data)
            return
    yield read_text(item.path, settings, item.sidecar, data)


def _read_one(item: Input, settings: Settings, budget: RunBudget,
              read_ahead: bool = False) -> Iterator[Article | IngestFailure]:
    if item.kind == "missing":
        raise Reject("no such file or folder")
    if item.kind == "unreadable_dir":
        raise Reject("folder could not be listed (permission denied?)")
    if item.kind == "special":
        raise Reject(item.problem or "not a regular file")
    if item.kind == "text":
        yield read_text(item.path, settings, item.sidecar)
    elif item.kind == "html":
        yield from read_html(item.path, settings, item.sidecar)
    elif item.kind == "markdown":
        yield read_markdown(item.path, settings, item.sidecar)
    elif item.kind == "json":
        yield from read_json(item.path, settings)
    elif item.kind == "jsonl":
        yield from read_jsonl(item.path, settings, budget)
    elif item.kind == "warc":
        if read_ahead and worth_reading_ahead(item.path, settings):
            yield from read_warc_ahead(item.path, settings, budget)
        else:
            yield from read_warc(item.path, settings, budget)
    else:
        yield from _sniff(item, settings)


def read_paths(paths: Iterable[str | Path], settings: Settings, budget: RunBudget | None = None,
               *, read_ahead: bool = False) -> Iterator[Article | IngestFailure]:
    """Articles from every file under ``paths`` (folders recursively, sorted), failures in between.

    A sidecar ``<stem>.json`` beside ``<stem>.txt``/``.html``/``.md`` gives that article's
    metadata. The same content read twice gives two Articles with the same id: the store,
    not the reader, decides what is a duplicate. ``budget`` caps what the gzip inputs may
    decompress to together; a caller that reads one run in several calls passes one along.
    Empty lines and records of JSON Lines, and a web archive's records that are not HTML pages,
    come as one ``Skipped`` (an IngestFailure subclass that is counted, not failed) per file.
    With ``read_ahead``, a large web archive is read in a second process (``ingest.readahead``,
    ``Settings.read_ahead_bytes``): for a caller that reads in one process, not for an engine
    whose workers already use every core.
    """
    budget = budget or RunBudget(settings)
    for item in discover(paths):
        yield from guarded(str(item.path), _read_one(item, settings, budget, read_ahead))


def guarded(source: str, results: Iterator[Article | IngestFailure]) -> Iterator[Article | IngestFailure]:
    """``results`` of reading one input, with whatever stops the reading turned into one
    IngestFailure for ``source``: a Reject's reason, running out of memory, a reader bug."""
    try:
        yield from results
    except Reject as e:
        yield IngestFailure(source, e.reason)
    except MemoryError:
        yield IngestFailure(source, "ran out of memory reading this input")
    except Exception as e:      # a reader bug must cost one input, not the run
        yield IngestFailure(source, f"unexpected error: {type(e).__name__}: {e}")
