"""One settings object with defaults, validated at start.

Values come from, in order: explicit arguments (CLI flags), environment variables
(``SWAPWATCH_DB``, ``SWAPWATCH_MAX_BYTES``, ...), then the defaults below.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_DB_PATH = Path.home() / ".local" / "share" / "swapwatch" / "swapwatch.sqlite"


def default_db_url() -> str:
    return f"sqlite:///{DEFAULT_DB_PATH}"


def db_url_from(value: str | None) -> str:
    """A ``--db`` value is either a SQLAlchemy URL or a path to an SQLite file."""
    if not value:
        return default_db_url()
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass(frozen=True)
class Settings:
    db_url: str
    max_bytes: int = 5 * 1024 * 1024        # one input file or JSON line
    max_chars: int = 2_000_000              # one article's text after extraction
    # One HTML page: parsing cost grows with tags (~0.1 ms each in trafilatura) and with the
    # square of one element's attributes (libxml2), so hostile pages are refused up front.
    max_html_tags: int = 100_000
    max_html_attributes: int = 1_000        # on any one element
    max_html_depth: int = 250               # elements open inside each other (libxml2 stops at ~255)
    # Attributes of one page that are parsed; those past it are dropped (not refused): lxml and
    # trafilatura hold ~1 KB per attribute, so 720 elements x 999 attributes took 800 MB.
    max_html_total_attributes: int = 100_000
    max_front_matter_chars: int = 65_536    # Markdown YAML front matter (PyYAML: ~2 s per 64 KB at worst)
    # Decompressed bytes of one gzip input, and of all of them in one run. The largest real feed
    # we read, the 369k-line RSS stream, is 181 MiB decompressed (54 MB on disk); gzip reaches
    # ~1000:1 on hostile input (2 MB -> 2 GiB of newlines), so the size on disk bounds nothing.
    # Measured on 2 busy cores (load 5): reading the real stream to articles takes 22 s, and
    # 1 GiB of empty lines 9 s, so one file costs at most ~10 s past a real feed's size and a
    # run's gzip inputs together at most ~90 s (before: 2 GiB ran past 10 minutes).
    max_decompressed_bytes: int = 1024 ** 3
    max_run_decompressed_bytes: int = 10 * 1024 ** 3
    relevance_threshold: float = 0.5
    # A web archive at least this large on disk is read in a second process while this one
    # stores (ingest.readahead); 0 reads every archive in this process. Below it, starting a
    # process (~0.5 s) costs more than the overlap gains.
    read_ahead_bytes: int = 8 * 1024 ** 2
    batch_size: int = 500                   # articles per database transaction
    # Serving (issue 12): a read request's database work stops after request_budget_s (answered
    # 503 with Retry-After), and at most request_slots requests run at once per server process;
    # the rest wait their turn within the same budget. Few slots keep the cores (and the GIL) for
    # answers under way: on 2 cores, 2 slots kept /api/health's p99 near 100 ms under
    # benchmarks/abuse.py where 4 gave ~150 ms, with the same throughput.
    request_budget_s: float = 1.5
    request_slots: int = 2

    def validate(self) -> "Settings":
        for name in LIMITS:
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        if not 0.0 <= self.relevance_threshold <= 1.0:
            raise ConfigError("relevance_threshold must be within 0..1")
        if self.read_ahead_bytes < 0:
            raise ConfigError("read_ahead_bytes (SWAPWATCH_READ_AHEAD_BYTES) must be 0 or more")
        if self.batch_size <= 0:
            raise ConfigError("batch_size must be positive")
        if not 0 < self.request_budget_s <= 3600:
            raise ConfigError("request_budget_s (SWAPWATCH_REQUEST_BUDGET_S) must be within 0..3600 seconds")
        if not 1 <= self.request_slots <= 1024:
            raise ConfigError("request_slots (SWAPWATCH_REQUEST_SLOTS) must be within 1..1024")
        return self

    def with_(self, **changes: object) -> "Settings":
        return replace(self, **changes).validate()  # type: ignore[arg-type]


# Every input limit, with the environment variable (and CLI flag, where there is one) that
# sets it: failure reasons name them, so a user who hits a limit knows how to raise it.
LIMITS: dict[str, str] = {
    "max_bytes": "--max-bytes, SWAPWATCH_MAX_BYTES",
    "max_chars": "SWAPWATCH_MAX_CHARS",
    "max_html_tags": "SWAPWATCH_MAX_HTML_TAGS",
    "max_html_attributes": "SWAPWATCH_MAX_HTML_ATTRIBUTES",
    "max_html_depth": "SWAPWATCH_MAX_HTML_DEPTH",
    "max_html_total_attributes": "SWAPWATCH_MAX_HTML_TOTAL_ATTRIBUTES",
    "max_front_matter_chars": "SWAPWATCH_MAX_FRONT_MATTER_CHARS",
    "max_decompressed_bytes": "SWAPWATCH_MAX_DECOMPRESSED_BYTES",
    "max_run_decompressed_bytes": "SWAPWATCH_MAX_RUN_DECOMPRESSED_BYTES",
}


def limit_hint(name: str) -> str:
    """"(SWAPWATCH_MAX_HTML_TAGS)": where the user changes the limit ``name``."""
    return f"({LIMITS[name]})"


def _env_number(name: str, default, parse, what: str):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return parse(raw)
    except ValueError as e:
        raise ConfigError(f"{name} must be {what}, got {raw!r}") from e


def _env_int(name: str, default: int) -> int:
    return _env_number(name, default, int, "a whole number")


def _env_seconds(name: str, default: float) -> float:
    return _env_number(name, default, float, "a number of seconds")


def load_settings(db: str | None = None, **overrides: object) -> Settings:
    s = Settings(
        db_url=db_url_from(db or os.environ.get("SWAPWATCH_DB")),
        **{name: _env_int(f"SWAPWATCH_{name.upper()}", getattr(Settings, name))
           for name in LIMITS},
        request_budget_s=_env_seconds("SWAPWATCH_REQUEST_BUDGET_S", Settings.request_budget_s),
        request_slots=_env_int("SWAPWATCH_REQUEST_SLOTS", Settings.request_slots),
        read_ahead_bytes=_env_int("SWAPWATCH_READ_AHEAD_BYTES", Settings.read_ahead_bytes),
    )
    clean = {k: v for k, v in overrides.items() if v is not None}
    return s.with_(**clean) if clean else s.validate()
