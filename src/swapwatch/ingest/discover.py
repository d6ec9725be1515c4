"""Which files a list of paths means, and how each is to be read.

Folders are walked recursively in sorted order (so runs are reproducible), hidden files
and folders are skipped, and ``<stem>.json`` beside an article file is that article's
metadata sidecar, never an article of its own. Nothing here opens a file.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}
_COMPRESSED_LINES = (".jsonl.gz", ".ndjson.gz")
_STREAMS = ("jsonl", "warc")          # read record by record; a progress bar cannot count them
SIDECAR_PARTNERS = (".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".markdown")


def kind_of(path: Path) -> str:
    """"text", "html", "markdown", "json", "jsonl", "warc" or "sniff" (decided by the content)."""
    name = path.name.lower()
    if name.endswith(_COMPRESSED_LINES):
        return "jsonl"
    if name.endswith(".warc.gz"):
        return "warc"
    return _KINDS.get(Path(name).suffix, "sniff")


def sidecar_of(path: Path) -> Path | None:
    """The ``<stem>.json`` metadata file beside an article file, if there is one."""
    if path.suffix.lower() not in SIDECAR_PARTNERS:
        return None
    candidate = path.with_suffix(".json")
    return candidate if candidate.is_file() else None


@dataclass(frozen=True)
class Input:
    """One thing to read: a file with its kind, or a path that cannot be read at all."""

    path: Path
    kind: str                    # see kind_of; "missing", "unreadable_dir", or "special" (see problem)
    sidecar: Path | None = None
    problem: str | None = None   # why a "special" path is not read: a FIFO, a device, a symlink loop


def special_reason(mode: int) -> str | None:
    """Why a path of this ``st_mode`` is never opened; None for a regular file or a folder.

    A FIFO is the reason this is checked on the mode and never by opening: opening one for
    reading waits, forever, for a writer."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file: never opened, reading it could wait forever"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def _classify(path: Path) -> tuple[str, os.stat_result | None, str | None]:
    """("dir" | "file" | "missing" | "special", its stat, why it is special) from os.stat alone."""
    try:
        st = os.stat(path)                 # follows symlinks; opens nothing
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "special", None, "a symlink loop (the links never reach a file)"
        if e.errno == errno.ENOENT and os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return "special", None, f"a dangling symlink (its target {target} does not exist)"
        if e.errno in (errno.ENOENT, errno.ENOTDIR):
            return "missing", None, None
        if e.errno in (errno.EACCES, errno.EPERM):
            return "special", None, "permission denied"
        return "special", None, f"could not be read: {e.strerror or e}"
    if stat.S_ISDIR(st.st_mode):
        return "dir", st, None
    reason = special_reason(st.st_mode)
    return ("special", st, reason) if reason else ("file", st, None)


def _walk(folder: Path, st: os.stat_result, seen_dirs: set[tuple[int, int]]) -> Iterator[Input]:
    key = (st.st_dev, st.st_ino)
    if key in seen_dirs:          # a symlink back up the tree, or the same folder given twice
        return
    seen_dirs.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield Input(folder, "unreadable_dir")   # reported by the reader as one failure
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        kind, sub, problem = _classify(path)
        if kind == "dir" and sub is not None:
            yield from _walk(path, sub, seen_dirs)
        elif kind == "file":
            yield Input(path, "file")
        elif kind == "special":
            yield Input(path, "special", problem=problem)
        else:       # listed, then gone before we looked: reported, as it would be when opened
            yield Input(path, "special", problem="file vanished before it could be read")


def _partners(path: Path) -> list[Path]:
    """The article files a ``<stem>.json`` would be the sidecar of."""
    return [p for ext in SIDECAR_PARTNERS for p in (path.with_suffix(ext), path.with_suffix(ext.upper()))
            if p.is_file()]


def _is_named_input(path: Path, files: set[str], folders: list[str]) -> bool:
    """Whether this run reads ``path``: named itself, or under a named folder."""
    where = os.path.abspath(path)
    return where in files or any(where.startswith(folder + os.sep) for folder in folders)


def discover(paths: Iterable[str | Path]) -> Iterator[Input]:
    """Every input under ``paths``, each file once, sidecars attached to their article.

    Every path is looked at with ``os.stat`` before anything opens it: FIFOs, devices,
    sockets, symlink loops and dangling symlinks come out as ``special`` Inputs, each reported
    once by the reader and never opened, wherever they appear. In a folder, ``<stem>.json``
    beside an article file is that article's sidecar; a ``.json`` named on the command line
    is a sidecar only when its article is read in the same run, an input otherwise.
    """
    tops = [Path(raw).expanduser() for raw in paths]
    named_files = {os.path.abspath(p) for p in tops}
    named_folders = [os.path.abspath(p) for p in tops if p.is_dir()]
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for top in tops:
        kind, st, problem = _classify(top)
        if kind == "dir" and st is not None:
            items: Iterable[Input] = _walk(top, st, seen_dirs)
        elif kind == "missing":
            yield Input(top, "missing")
            continue
        elif kind == "special":
            items = [Input(top, "special", problem=problem)]
        else:
            items = [Input(top, "file")]
        for item in items:
            path = item.path
            key = os.path.realpath(path)      # never raises, not even on a symlink loop
            if key in seen_files:
                continue
            seen_files.add(key)
            if item.kind != "file":
                yield item
                continue
            if path.suffix.lower() == ".json":
                partners = _partners(path)
                if partners and (path is not top or any(_is_named_input(p, named_files, named_folders)
                                                         for p in partners)):
                    continue                  # a sidecar: read with its article
            yield Input(path, kind_of(path), sidecar_of(path))


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many files ``paths`` holds, for a progress bar; None when a stream (JSON Lines, a web
    archive) is among them."""
    total = 0
    for item in discover(paths):
        if item.kind in _STREAMS:
            return None
        total += 1
    return total
