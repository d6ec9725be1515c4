"""The one result type for an input that could not become an article."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import storable

# What must never reach a terminal or a log line as is: C0/C1 controls (a newline in a file
# name would split its "failed:" line, an escape sequence would repaint the screen), line and
# paragraph separators, and the bidirectional overrides that reorder what a name appears to say.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """``text`` on one line, every control character escaped as Python writes it (``\\n``,
    ``\\x1b``, ``\\u202e``): for file names and reasons printed to a terminal or a log."""
    if text.isascii() and text.isprintable():
        return text

    def one(m: re.Match[str]) -> str:
        c = m.group()
        if c in _NAMED:
            return _NAMED[c]
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return _UNPRINTABLE.sub(one, text)


@dataclass(frozen=True)
class IngestFailure:
    """An input that was skipped, and one human line saying why (shown to the user as is)."""

    source: str      # the path, "path:LINE" for a JSON line, "path[i]" for an item of a JSON list
    reason: str      # e.g. "binary file (NUL bytes)", "5.2 MB over the 5 MB limit"

    def __post_init__(self) -> None:
        # A file name with a newline or an undecodable byte, or an error quoting hostile input,
        # must still print on one line and store in a database: controls are escaped, not lost.
        object.__setattr__(self, "source", storable(shown(str(self.source))))
        object.__setattr__(self, "reason", storable(shown(str(self.reason))))

    def line(self) -> str:
        """The failure on one printable line: "SOURCE: REASON"."""
        return f"{self.source}: {self.reason}"

    def __str__(self) -> str:
        return self.line()


@dataclass(frozen=True)
class Skipped(IngestFailure):
    """Inputs passed over on purpose and counted, not failures: empty lines and empty records
    of a JSON Lines stream (one per file, with how many). A subclass so that every engine
    passes it along in place, as it does a failure; ``service.ingest`` counts it apart."""

    count: int = 1


@dataclass(frozen=True)
class Notice(IngestFailure):
    """An input that was read, but a limit cut part of it: the reason says what and names the
    limit (its setting). Told to the user and counted, not a failure; passed along in place
    by every engine, as a failure is."""


@dataclass(frozen=True)
class Known(IngestFailure):
    """An input not read again because it was stored before (a URL fetched in an earlier run):
    counted as a duplicate, not a failure; passed along in place by every engine."""


class Reject(Exception):
    """Raised inside the readers for a bad input; read_paths turns it into an IngestFailure."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class EmptyText(Reject):
    """The input holds no text: a failure for a file, a skipped (counted) record in a stream."""


def human_size(n: int) -> str:
    """Sizes as people read them: 812 bytes, 3.4 KB, 5.2 MB (binary units)."""
    if n < 1024:
        return f"{n:,} bytes" if n != 1 else "1 byte"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _limit_text(n: int) -> str:
    text = human_size(n)
    return text.replace(".0 ", " ")


def size_reason(size: int, limit: int) -> str:
    """"5.2 MB over the 5 MB limit"; exact bytes where rounding would hide the difference."""
    got, cap = human_size(size), _limit_text(limit)
    if got.replace(".0 ", " ") == cap:
        return f"{size:,} bytes over the {limit:,}-byte limit"
    return f"{got} over the {cap} limit"
