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
    relevance_threshold: float = 0.5
    batch_size: int = 500                   # articles per database transaction

    def validate(self) -> "Settings":
        if self.max_bytes <= 0:
            raise ConfigError("max_bytes must be positive")
        if self.max_chars <= 0:
            raise ConfigError("max_chars must be positive")
        if not 0.0 <= self.relevance_threshold <= 1.0:
            raise ConfigError("relevance_threshold must be within 0..1")
        if self.batch_size <= 0:
            raise ConfigError("batch_size must be positive")
        return self

    def with_(self, **changes: object) -> "Settings":
        return replace(self, **changes).validate()  # type: ignore[arg-type]


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as e:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from e


def load_settings(db: str | None = None, **overrides: object) -> Settings:
    s = Settings(
        db_url=db_url_from(db or os.environ.get("SWAPWATCH_DB")),
        max_bytes=_env_int("SWAPWATCH_MAX_BYTES", Settings.max_bytes),
        max_chars=_env_int("SWAPWATCH_MAX_CHARS", Settings.max_chars),
    )
    clean = {k: v for k, v in overrides.items() if v is not None}
    return s.with_(**clean) if clean else s.validate()
