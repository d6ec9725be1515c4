"""The one result type for an input that could not become an article."""
from __future__ import annotations

from dataclasses import dataclass

from .normalize import storable


@dataclass(frozen=True)
class IngestFailure:
    """An input that was skipped, and one human line saying why (shown to the user as is)."""

    source: str      # the path, "path:LINE" for a JSON line, "path[i]" for an item of a JSON list
    reason: str      # e.g. "binary file (NUL bytes)", "5.2 MB over the 5 MB limit"

    def __post_init__(self) -> None:
        # A file name with an undecodable byte, or an error quoting hostile input, must still
        # print on a terminal and store in a database.
        object.__setattr__(self, "source", storable(str(self.source)))
        object.__setattr__(self, "reason", storable(str(self.reason)))

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class Reject(Exception):
    """Raised inside the readers for a bad input; read_paths turns it into an IngestFailure."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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
