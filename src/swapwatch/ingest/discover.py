"""Which files a list of paths means, and how each is to be read.

Folders are walked recursively in sorted order (so runs are reproducible), hidden files
and folders are skipped, and ``<stem>.json`` beside an article file is that article's
metadata sidecar, never an article of its own.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_COMPRESSED_LINES = (".jsonl.gz", ".ndjson.gz")
SIDECAR_PARTNERS = (".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".markdown")


def kind_of(path: Path) -> str:
    """"text", "html", "markdown", "json", "jsonl" or "sniff" (decided by the content)."""
    name = path.name.lower()
    if name.endswith(_COMPRESSED_LINES):
        return "jsonl"
    return _KINDS.get(Path(name).suffix, "sniff")


def sidecar_of(path: Path) -> Path | None:
    """The ``<stem>.json`` metadata file beside an article file, if there is one."""
    if path.suffix.lower() not in SIDECAR_PARTNERS:
        return None
    candidate = path.with_suffix(".json")
    return candidate if candidate.is_file() else None


def is_sidecar(path: Path) -> bool:
    """A .json file whose stem also names an article file beside it."""
    if path.suffix.lower() != ".json":
        return False
    return any(path.with_suffix(ext).is_file() or path.with_suffix(ext.upper()).is_file()
               for ext in SIDECAR_PARTNERS)


@dataclass(frozen=True)
class Input:
    """One thing to read: a file with its kind, or a path that cannot be read at all."""

    path: Path
    kind: str                    # see kind_of; "missing" for a path that does not exist
    sidecar: Path | None = None


def _walk(folder: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = folder.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen_dirs:          # a symlink loop, or the same folder given twice
        return
    seen_dirs.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield folder              # unreadable folder: reported by the reader as one failure
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path, seen_dirs)
            elif entry.is_file():
                yield path
        except OSError:
            continue


def discover(paths: Iterable[str | Path]) -> Iterator[Input]:
    """Every input under ``paths``, each file once, sidecars attached to their article."""
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        top = Path(raw).expanduser()
        if top.is_dir():
            files: Iterable[Path] = _walk(top, seen_dirs)
        elif top.exists() or top.is_symlink():
            files = [top]
        else:
            yield Input(top, "missing")
            continue
        for path in files:
            try:
                key = str(path.resolve())
            except OSError:
                key = str(path)
            if key in seen_files:
                continue
            seen_files.add(key)
            if path.is_dir():
                yield Input(path, "unreadable_dir")
                continue
            if is_sidecar(path):
                continue
            yield Input(path, kind_of(path), sidecar_of(path))


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many files ``paths`` holds, for a progress bar; None when a JSON Lines stream is among them."""
    total = 0
    for item in discover(paths):
        if item.kind == "jsonl":
            return None
        total += 1
    return total
