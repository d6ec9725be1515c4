"""Live ingest: web pages by URL (``ingest_urls``) and feeds polled on a schedule (``watch``),
both through the ingest job of files (``service.ingest_articles``: same relevance, dedupe,
extraction and merge).

A URL is fetched once, ever: once its article is stored, the URL is recorded (``web_pages``)
and later runs count it as a duplicate without asking the site again. Pages go to the store
one at a time, and a feed entry is recorded as handled only after its article is stored or
its page refused for good, so a watch killed at any point resumes where it was, refetching
at most the page it was reading. A feed's ETag and Last-Modified are kept only when a poll
handled every new entry, so a cut-short cycle asks for the whole feed again next time.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .fetch.client import Fetcher, FetchError
from .fetch.feeds import FeedEntry, FeedError, parse_feed
from .fetch.options import FetchOptions
from .fetch.pages import FetchFailure, read_one, read_urls
from .ingest.failure import IngestFailure, Known, Notice, human_size
from .model import Article
from .service import IngestSummary, ingest_articles
from .settings import Settings, limit_hint
from .store.feeds import entry_key


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _page_recorder(store) -> Callable[[Article, bool], None]:
    """Records each stored page's URL (its ``source``) with its article: never fetched again."""
    return lambda article, _new: store.mark_page(article.source, article.id, _now())


def ingest_urls(store, urls: Iterable[str], settings: Settings, fetcher: Fetcher, **hooks) -> IngestSummary:
    """``swapwatch ingest URL...``: each page fetched (once, ever) and ingested; every URL that
    fails is one failure with its reason, and the run goes on."""
    items = read_urls(urls, settings, fetcher, known=lambda url: store.page_article(url) is not None)
    return ingest_articles(store, items, settings.with_(batch_size=1), on_stored=_page_recorder(store), **hooks)


@dataclass
class FeedPoll:
    """One feed in one cycle."""

    feed_id: int
    url: str
    new: int = 0                  # entries not handled before, taken on in this cycle
    not_modified: bool = False    # answered 304
    error: str | None = None


@dataclass
class CycleReport:
    started_at: datetime
    polls: list[FeedPoll] = field(default_factory=list)
    summary: IngestSummary = field(default_factory=IngestSummary)
    stopped: bool = False         # SIGTERM (or a stop) cut the cycle short

    def line(self) -> str:
        failed = sum(1 for p in self.polls if p.error)
        feeds, new, s = len(self.polls), sum(p.new for p in self.polls), self.summary
        return (f"{self.started_at.isoformat(timespec='seconds')}: {feeds} feed{'s' if feeds != 1 else ''}"
                f"{f' ({failed} failed)' if failed else ''}, {new} new item{'s' if new != 1 else ''}: "
                f"ingested {s.ingested}, duplicates {s.duplicates}, irrelevant {s.irrelevant}, "
                f"extracted {s.extracted}, failed {s.failed}{', stopped' if self.stopped else ''}")


class _Cycle:
    """The items of one cycle, feed after feed, with the bookkeeping that makes a restart resume."""

    def __init__(self, store, settings: Settings, fetcher: Fetcher, report: CycleReport):
        self.store, self.settings, self.fetcher, self.report = store, settings, fetcher, report
        self.pending: dict[str, tuple[int, str]] = {}     # page URL -> (feed id, entry key)

    def items(self) -> Iterator[Article | IngestFailure]:
        for feed_id, url, etag, last_modified in self.store.feeds_to_poll():
            if self.fetcher.stop.is_set():
                self.report.stopped = True
                return
            poll = FeedPoll(feed_id, url)
            self.report.polls.append(poll)
            yield from self._poll(poll, etag, last_modified)
        self.report.stopped = self.fetcher.stop.is_set()

    def stored(self, article: Article, _new: bool) -> None:
        now = _now()
        self.store.mark_page(article.source, article.id, now)
        if article.source in self.pending:
            feed_id, key = self.pending.pop(article.source)
            self.store.mark_entry(feed_id, key, article.source, now, article_id=article.id)

    def _poll(self, poll: FeedPoll, etag: str | None, last_modified: str | None) -> Iterator[Article | IngestFailure]:
        try:
            fetched = self.fetcher.get(poll.url, etag=etag, last_modified=last_modified)
            if fetched.not_modified:
                poll.not_modified = True
                self.store.feed_polled(poll.feed_id, _now())
                return
            if fetched.truncated:
                raise FeedError(f"the feed is over {human_size(len(fetched.body))}, the limit {limit_hint('max_bytes')}")
            parsed = parse_feed(fetched.body, fetched.final_url)
        except (FetchError, FeedError) as e:
            if self.fetcher.stop.is_set():
                return                        # stopped while asking: not the feed's failure
            yield from self._feed_failed(poll, e.reason)
            return
        except Exception as e:                # a bug must cost one feed, not the cycle
            yield from self._feed_failed(poll, f"unexpected error: {type(e).__name__}: {e}")
            return
        keyed = {entry_key(poll.feed_id, e.id): e for e in parsed.entries}
        seen = self.store.seen_entries(poll.feed_id, list(keyed))
        new = [(key, entry) for key, entry in keyed.items() if key not in seen]
        limit = self.fetcher.options.max_entries_per_feed
        complete = len(new) <= limit
        for key, entry in new[:limit]:
            if self.fetcher.stop.is_set():
                complete = False
                break
            poll.new += 1
            handled = yield from self._entry(poll.feed_id, key, entry)
            complete = complete and handled
        self.store.feed_polled(poll.feed_id, _now(), title=parsed.title,
                               validators=(fetched.etag, fetched.last_modified) if complete else None)

    def _feed_failed(self, poll: FeedPoll, reason: str) -> Iterator[IngestFailure]:
        poll.error = reason
        self.store.feed_failed(poll.feed_id, _now(), reason)
        yield IngestFailure(poll.url, f"feed: {reason}")

    def _entry(self, feed_id: int, key: str, entry: FeedEntry) -> Iterator[Article | IngestFailure]:
        """The entry's page; returns whether the entry is handled for good (False: try again next cycle)."""
        known = self.store.page_article(entry.url)
        if known is not None:
            self.store.mark_entry(feed_id, key, entry.url, _now(), article_id=known)
            yield Known(entry.url, "fetched before")
            return True
        self.pending[entry.url] = (feed_id, key)
        handled = True
        for item in read_one(entry.url, self.settings, self.fetcher, known=lambda url: False,
                             published=entry.published):
            if isinstance(item, IngestFailure) and not isinstance(item, Notice):
                self.store.feed_item_failed(feed_id, _now(), item.line())
                if isinstance(item, FetchFailure) and item.transient:
                    handled = False           # tried again next cycle
                else:
                    self.store.mark_entry(feed_id, key, entry.url, _now(), reason=item.reason)
            yield item
        self.pending.pop(entry.url, None)
        return handled


def add_feed(store, url: str) -> dict:
    """A feed to watch, by its http(s) URL (stripped of blanks); InvalidRequest for anything else."""
    from .errors import InvalidRequest
    from .fetch.client import check_web_url
    from .ingest.failure import shown

    url = url.strip()
    try:
        check_web_url(url)
    except FetchError as e:
        raise InvalidRequest(f"{shown(url)!s}: {e.reason}") from None
    return store.add_feed(url, _now())


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL_S = 60


def parse_interval(text: str) -> float:
    """Seconds in "15m", "1h", "90s", "2d" or a bare number of seconds; at least a minute
    (feeds are polled politely: GDELT itself updates every 15 minutes)."""
    from .errors import InvalidRequest

    value = text.strip().lower()
    unit = _UNITS.get(value[-1:], None) if value else None
    number = value[:-1] if unit else value
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        raise InvalidRequest(f"--every {text!r}: use a time such as 15m, 1h or 90s") from None
    if not MIN_INTERVAL_S <= seconds <= 30 * 86400:
        raise InvalidRequest(f"--every {text!r}: between 1m and 30d")
    return seconds


def run_cycle(store, settings: Settings, fetcher: Fetcher, **hooks) -> CycleReport:
    """Poll every feed once (conditional GET), ingest every new entry's page, record each feed's state."""
    report = CycleReport(_now())
    cycle = _Cycle(store, settings, fetcher, report)
    report.summary = ingest_articles(store, cycle.items(), settings.with_(batch_size=1), on_stored=cycle.stored,
                                     **hooks)
    return report


def watch(store, settings: Settings, options: FetchOptions, *, every_s: float, once: bool = False,
          stop: threading.Event | None = None, on_cycle: Callable[[CycleReport], None] | None = None,
          **hooks) -> list[CycleReport]:
    """Cycles every ``every_s`` seconds (one with ``once``) until ``stop`` is set; a set ``stop``
    ends the cycle under way cleanly (what was fetched is stored and merged) and the wait at once.
    One client for every cycle: robots.txt is read again only after ``options.robots_ttl_s``."""
    stop = stop or threading.Event()
    reports = []
    with Fetcher(options, max_bytes=settings.max_bytes, stop=stop) as fetcher:
        while not stop.is_set():
            report = run_cycle(store, settings, fetcher, **hooks)
            reports.append(report)
            if on_cycle:
                on_cycle(report)
            if once or stop.wait(every_s):
                break
    return reports
