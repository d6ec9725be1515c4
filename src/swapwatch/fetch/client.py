"""One polite HTTP client: a clear User-Agent, robots.txt obeyed, one request at a time per
host with a pause between, timeouts on every wait and on the whole response, a size cap
applied while the body streams in, and bounded retries on 429 and 5xx (Retry-After honoured).

Every way a fetch can fail is one ``FetchError`` with a reason a person can act on;
``transient`` ones (a 503, a timeout, a refused connection) are worth another try later.
Redirects are followed here, hop by hop, so each hop passes the same robots.txt and rate
checks and a loop is named as one.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from ..ingest.failure import human_size
from .options import FetchOptions
from .robots import RobotsCache

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that could not be fetched, and why (one line)."""

    def __init__(self, reason: str, *, transient: bool = False, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.status = status           # the HTTP status that refused it, where one did


@dataclass(frozen=True)
class Fetched:
    url: str                   # as asked for
    final_url: str             # after redirects
    status: int                # 200 (any 2xx), or 304: a conditional GET answered "not modified"
    body: bytes
    content_type: str          # the media type alone, lower case ("text/html"); "" if none
    charset: str | None
    etag: str | None
    last_modified: str | None
    truncated: bool = False    # the body was cut at the size cap

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_web_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else FetchError (file:, javascript:, ...)."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        if ok:
            httpx.URL(url)
    except (ValueError, UnicodeError, httpx.InvalidURL) as e:
        raise FetchError(f"not a valid URL ({e})") from None
    if not ok:
        raise FetchError("not an http(s) URL")
    return url


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


class Fetcher:
    """GET with manners. One per run; not shared between threads. ``stop``, once set, cuts every
    pause short (a retry's wait, the per-host interval) and makes the fetch fail as stopped."""

    def __init__(self, options: FetchOptions, *, max_bytes: int, stop: threading.Event | None = None):
        self.options = options
        self.max_bytes = max_bytes
        self.stop = stop or threading.Event()
        self._client = httpx.Client(headers={"User-Agent": options.user_agent}, follow_redirects=False,
                                    timeout=httpx.Timeout(options.timeout_s))
        self._next_turn: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        self.robots = RobotsCache(self)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        """A host's robots.txt asks for more time between requests (bounded by a minute)."""
        self._interval[host] = max(self.options.host_interval_s, min(seconds, 60.0))

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None, obey_robots: bool = True) -> Fetched:
        """The response to GET ``url`` (a 2xx, or 304 when ``etag``/``last_modified`` still hold)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cap = self.max_bytes if max_bytes is None else max_bytes
        current, visited = url, {url}
        for _ in range(self.options.max_redirects + 1):
            check_web_url(current)
            if obey_robots and not self.robots.allowed(current):
                raise FetchError(f"robots.txt of {host_of(current)} disallows this page for swapwatch")
            fetched, location = self._get_with_retries(url, current, headers, cap)
            if fetched is not None:
                return fetched
            current = urljoin(current, location)
            if current in visited:
                raise FetchError(f"redirect loop (back to {current})")
            visited.add(current)
        raise FetchError(f"over {self.options.max_redirects} redirects")

    # -- one hop -------------------------------------------------------------------

    def _pause(self, seconds: float) -> None:
        if seconds > 0 and self.stop.wait(seconds):
            raise FetchError("stopped", transient=True)
        if self.stop.is_set():
            raise FetchError("stopped", transient=True)

    def _wait_turn(self, host: str) -> None:
        self._pause(self._next_turn.get(host, 0.0) - time.monotonic())
        self._next_turn[host] = time.monotonic() + self._interval.get(host, self.options.host_interval_s)

    def _get_with_retries(self, asked: str, url: str, headers: dict[str, str],
                          cap: int) -> tuple[Fetched | None, str]:
        tries = self.options.retries + 1
        last = _Retry("no try made", None)
        for attempt in range(tries):
            self._wait_turn(host_of(url))
            try:
                return self._get_once(asked, url, headers, cap)
            except _Retry as e:
                last = e
            wait = last.wait if last.wait is not None else self.options.backoff_s * 2 ** attempt
            if wait > self.options.max_retry_after_s:
                raise FetchError(f"{last.reason}, asked to retry after {wait:.0f} s (over the "
                                 f"{self.options.max_retry_after_s:.0f} s this run waits)", transient=True)
            if attempt + 1 < tries:
                self._pause(wait)
        raise FetchError(f"{last.reason} ({tries} {'try' if tries == 1 else 'tries'})", transient=True)

    def _get_once(self, asked: str, url: str, headers: dict[str, str], cap: int) -> tuple[Fetched | None, str]:
        """(the response, "") or (None, where a redirect points); _Retry for what may pass."""
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                status = r.status_code
                if status in REDIRECT_STATUSES:
                    location = r.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {status} redirect without a Location")
                    return None, location
                if status in RETRY_STATUSES:
                    wait = retry_after(r.headers.get("retry-after"))
                    raise _Retry(f"HTTP {status} {r.reason_phrase}".rstrip(), wait)
                if status != 304 and not 200 <= status < 300:
                    raise FetchError(f"HTTP {status} {r.reason_phrase}".rstrip(), transient=status in (408, 425),
                                     status=status)
                body, truncated = self._read_body(r, cap) if status != 304 else (b"", False)
                kind, charset = _media_type(r.headers.get("content-type"))
                return Fetched(asked, str(r.url), status, body, kind, charset, r.headers.get("etag"),
                               r.headers.get("last-modified"), truncated), ""
        except httpx.TimeoutException:
            raise FetchError(f"timed out (no answer within {self.options.timeout_s:g} s)", transient=True) from None
        except (httpx.ConnectError, httpx.RemoteProtocolError) as e:
            raise _Retry(f"connection failed: {e or type(e).__name__}", None) from None
        except httpx.HTTPError as e:
            raise FetchError(f"{type(e).__name__}: {e}", transient=True) from None
        except (httpx.InvalidURL, ValueError, UnicodeError) as e:      # a host name no resolver takes
            raise FetchError(f"not a valid URL ({e})") from None

    def _read_body(self, r: httpx.Response, cap: int) -> tuple[bytes, bool]:
        """The body, decompressed, cut at ``cap`` bytes without reading further; the whole
        response must arrive within ``total_timeout_s``."""
        deadline = time.monotonic() + self.options.total_timeout_s
        body = bytearray()
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > cap:
                del body[cap:]
                return bytes(body), True
            if time.monotonic() > deadline:
                raise FetchError(f"took over {self.options.total_timeout_s:g} s to arrive "
                                 f"({human_size(len(body))} by then)", transient=True)
        return bytes(body), False


class _Retry(Exception):
    """A response worth another try: a 429 or 5xx (``wait``: its Retry-After), a dropped connection."""

    def __init__(self, reason: str, wait: float | None):
        super().__init__(reason)
        self.reason = reason
        self.wait = wait
