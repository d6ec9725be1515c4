"""Feeds (RSS 0.9x-2.0, RSS 1.0, Atom) read by feedparser into entries: an id, the page's URL,
and the title and date the feed gives.

The body is handed to feedparser as a stream, never as bytes or a string: given a string,
feedparser fetches it when it looks like a URL and opens it when it names a local file, so
a hostile feed server answering "/etc/passwd" would otherwise make it read that file.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit


class FeedError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class FeedEntry:
    id: str                    # the entry's id (guid), else its link
    url: str                   # absolute http(s) URL of the page
    title: str | None
    published: date | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    skipped: int               # entries without an http(s) link (nothing to fetch)


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _link(entry, base: str) -> str | None:
    raw = entry.get("link") or ""
    if not isinstance(raw, str) or not raw.strip():
        return None
    url = urljoin(base, raw.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts._replace(fragment="").geturl()


def parse_feed(body: bytes, base_url: str) -> ParsedFeed:
    """The entries of a feed document; FeedError for what is not a feed (malformed XML with
    nothing readable, an HTML page). A valid feed with no entries is an empty list, not an error."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": base_url, "content-type": "application/xml"},
                              sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries and not parsed.get("bozo"):
        raise FeedError("not a feed (no RSS or Atom document)")
    entries, skipped, ids = [], 0, set()
    for entry in parsed.entries:
        url = _link(entry, base_url)
        if url is None:
            skipped += 1
            continue
        entry_id = entry.get("id") or url
        if not isinstance(entry_id, str) or entry_id in ids:
            entry_id = url
        if entry_id in ids:
            continue
        ids.add(entry_id)
        title = entry.get("title")
        entries.append(FeedEntry(entry_id, url, title if isinstance(title, str) else None, _entry_date(entry)))
    if parsed.get("bozo") and not entries:
        # feedparser reads broken XML leniently; broken and nothing usable is an error to show
        problem = parsed.get("bozo_exception")
        detail = f": {str(problem).splitlines()[0][:200]}" if problem and str(problem).strip() else ""
        raise FeedError(f"not a readable feed (malformed XML{detail})")
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(title if isinstance(title, str) and title.strip() else None, entries, skipped)
