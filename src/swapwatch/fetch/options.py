"""How politely and how long swapwatch waits on the web: one options object with defaults,
each overridable by an environment variable (the tests shorten every wait this way)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import __version__
from ..errors import ConfigError
from ..settings import _env_int, _env_seconds

# Where a site's operator reads what swapwatch is and how to reach its people.
PROJECT_URL = "https://github.com/swapwatch/swapwatch"
USER_AGENT = f"swapwatch/{__version__} (+{PROJECT_URL})"
ROBOTS_AGENT = "swapwatch"           # the name robots.txt rules address


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = USER_AGENT
    timeout_s: float = 20.0          # to connect, and between two pieces of a response
    total_timeout_s: float = 60.0    # one whole response: a page that drips forever is cut off
    retries: int = 3                 # more tries after a 429, a 5xx or a refused connection
    backoff_s: float = 2.0           # first wait between tries, doubled each time
    max_retry_after_s: float = 120.0  # a Retry-After longer than this is a failure, not a wait
    host_interval_s: float = 1.0     # at least this long between two requests to one host
    max_redirects: int = 5
    max_robots_bytes: int = 512 * 1024   # Google reads the first 500 KiB of a robots.txt
    robots_ttl_s: float = 3600.0     # a host's robots.txt is read again after this long
    max_entries_per_feed: int = 200  # new entries one feed may bring in one cycle; the rest wait

    def validate(self) -> "FetchOptions":
        for name in ("timeout_s", "total_timeout_s", "max_robots_bytes", "max_entries_per_feed", "robots_ttl_s"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive")
        for name in ("retries", "backoff_s", "max_retry_after_s", "host_interval_s", "max_redirects"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative")
        return self

    def with_(self, **changes: object) -> "FetchOptions":
        return replace(self, **changes).validate()  # type: ignore[arg-type]


_SECONDS = ("timeout_s", "total_timeout_s", "backoff_s", "max_retry_after_s", "host_interval_s", "robots_ttl_s")
_COUNTS = ("retries", "max_redirects", "max_robots_bytes", "max_entries_per_feed")


def load_fetch_options(**overrides: object) -> FetchOptions:
    """Defaults, then ``SWAPWATCH_FETCH_TIMEOUT_S``, ``SWAPWATCH_FETCH_RETRIES``, ... (one per
    field), then ``overrides``."""
    values: dict[str, object] = {name: _env_seconds(f"SWAPWATCH_FETCH_{name.upper()}", getattr(FetchOptions, name))
                                 for name in _SECONDS}
    values.update({name: _env_int(f"SWAPWATCH_FETCH_{name.upper()}", getattr(FetchOptions, name))
                   for name in _COUNTS})
    values.update({k: v for k, v in overrides.items() if v is not None})
    return FetchOptions(**values).validate()  # type: ignore[arg-type]
