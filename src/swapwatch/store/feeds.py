"""The Store's feed and fetched-page methods (migration 0006), kept apart from store.py:
which feeds ``swapwatch watch`` polls and how each poll went, the entries handled for good,
and the URLs stored as articles (so a page is fetched once, whichever command fetched it)."""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..errors import InvalidRequest, NotFound
from . import inserts
from .curators import _utc
from .schema import FeedEntryRow, FeedRow, WebPageRow


def url_key(url: str) -> str:
    """The key of a URL (its SHA-256): fixed size, so any URL can be unique in an index."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def entry_key(feed_id: int, entry_id: str) -> str:
    return hashlib.sha256(f"{feed_id}\n{entry_id}".encode("utf-8", "surrogatepass")).hexdigest()


def _when(value: datetime | None) -> str | None:
    value = _utc(value)
    return value.isoformat(timespec="seconds") if value else None


def _feed(row: FeedRow, seen: int = 0, refused: int = 0) -> dict[str, Any]:
    return {"id": row.id, "url": row.url, "title": row.title, "added_at": _when(row.added_at),
            "last_checked_at": _when(row.last_checked_at), "last_success_at": _when(row.last_success_at),
            "last_error": row.last_error, "last_error_at": _when(row.last_error_at),
            "failures_in_a_row": row.failures, "items_seen": seen, "items_refused": refused,
            "last_item_error": row.last_item_error, "last_item_error_at": _when(row.last_item_error_at)}


class FeedMethods:
    """Mixed into ``Store``: needs its ``session`` and ``_write``."""

    # -- feeds ----------------------------------------------------------------------

    def add_feed(self, url: str, now: datetime) -> dict[str, Any]:
        def work(s: Session) -> dict[str, Any]:
            found = s.scalars(select(FeedRow).where(FeedRow.url_key == url_key(url))).first()
            if found is not None:
                raise InvalidRequest(f"feed {found.id} is {url} already", code="exists")
            row = FeedRow(url_key=url_key(url), url=url, added_at=now, failures=0)
            s.add(row)
            s.flush()
            return _feed(row)

        return self._write(work)  # type: ignore[attr-defined]

    def list_feeds(self) -> list[dict[str, Any]]:
        """Every feed, oldest first, with how many entries were stored or refused for good."""
        with self.session() as s:  # type: ignore[attr-defined]
            counts = {r.feed_id: (r.seen, r.refused) for r in s.execute(
                select(FeedEntryRow.feed_id, func.count().label("seen"),
                       func.count(FeedEntryRow.reason).label("refused")).group_by(FeedEntryRow.feed_id))}
            return [_feed(r, *counts.get(r.id, (0, 0))) for r in s.scalars(select(FeedRow).order_by(FeedRow.id))]

    def feed_id(self, ref: str) -> int:
        """A feed's id from its id or its URL; NotFound naming the feeds there are."""
        with self.session() as s:  # type: ignore[attr-defined]
            cond = FeedRow.id == int(ref) if ref.isdigit() and len(ref) < 10 else FeedRow.url_key == url_key(ref)
            found = s.scalars(select(FeedRow.id).where(cond)).first()
            if found is None:
                have = [f"{i} {u}" for i, u in s.execute(select(FeedRow.id, FeedRow.url).order_by(FeedRow.id).limit(5))]
                hint = f"; the feeds: {', '.join(have)}" if have else "; none is added (swapwatch feeds add URL)"
                raise NotFound(f"no feed {ref!r}{hint}")
            return found

    def remove_feed(self, ref: str) -> dict[str, Any]:
        """Forget a feed and its entries (the articles it brought stay)."""
        feed_id = self.feed_id(ref)

        def work(s: Session) -> dict[str, Any]:
            row = s.get(FeedRow, feed_id)
            if row is None:
                raise NotFound(f"no feed {ref!r}")
            gone = _feed(row)
            s.execute(delete(FeedEntryRow).where(FeedEntryRow.feed_id == feed_id))
            s.delete(row)
            return gone

        return self._write(work)  # type: ignore[attr-defined]

    def feeds_to_poll(self) -> list[tuple[int, str, str | None, str | None]]:
        """(id, url, etag, last_modified) of every feed, oldest first."""
        with self.session() as s:  # type: ignore[attr-defined]
            return [tuple(r) for r in s.execute(select(FeedRow.id, FeedRow.url, FeedRow.etag,
                                                       FeedRow.last_modified).order_by(FeedRow.id))]

    def feed_polled(self, feed_id: int, now: datetime, *, title: str | None = None,
                    validators: tuple[str | None, str | None] | None = None) -> None:
        """A poll that worked; ``validators`` (ETag, Last-Modified) replace the stored ones when
        given (only once the poll's every new entry was handled)."""
        values: dict[str, Any] = {"last_checked_at": now, "last_success_at": now, "failures": 0}
        if title:
            values["title"] = title
        if validators is not None:
            values["etag"], values["last_modified"] = validators
        self._write(lambda s: s.execute(update(FeedRow).where(FeedRow.id == feed_id).values(**values)))  # type: ignore[attr-defined]

    def feed_failed(self, feed_id: int, now: datetime, reason: str) -> None:
        self._write(lambda s: s.execute(  # type: ignore[attr-defined]
            update(FeedRow).where(FeedRow.id == feed_id).values(
                last_checked_at=now, last_error=reason, last_error_at=now, failures=FeedRow.failures + 1)))

    def feed_item_failed(self, feed_id: int, now: datetime, error: str) -> None:
        """An entry's page failed ("URL: reason"), for good or for this cycle: the feed's state shows it."""
        self._write(lambda s: s.execute(  # type: ignore[attr-defined]
            update(FeedRow).where(FeedRow.id == feed_id).values(last_item_error=error, last_item_error_at=now)))

    # -- entries and pages ----------------------------------------------------------

    def seen_entries(self, feed_id: int, keys: list[str]) -> set[str]:
        """Which of ``keys`` (``entry_key``) were handled for good already."""
        seen: set[str] = set()
        with self.session() as s:  # type: ignore[attr-defined]
            for start in range(0, len(keys), 500):
                seen.update(s.scalars(select(FeedEntryRow.key).where(FeedEntryRow.key.in_(keys[start:start + 500]))))
        return seen

    def mark_entry(self, feed_id: int, key: str, url: str, now: datetime, *,
                   article_id: str | None = None, reason: str | None = None) -> None:
        row = {"key": key, "feed_id": feed_id, "url": url, "article_id": article_id, "reason": reason, "seen_at": now}
        self._write(lambda s: inserts.insert_new(s, FeedEntryRow.__table__, [row], "key"))  # type: ignore[attr-defined]

    def page_article(self, url: str) -> str | None:
        """The article a URL was stored as, if it was fetched before."""
        with self.session() as s:  # type: ignore[attr-defined]
            return s.scalars(select(WebPageRow.article_id).where(WebPageRow.url_key == url_key(url))).first()

    def mark_page(self, url: str, article_id: str, now: datetime) -> None:
        row = {"url_key": url_key(url), "url": url, "article_id": article_id, "fetched_at": now}
        self._write(lambda s: inserts.insert_new(s, WebPageRow.__table__, [row], "url_key"))  # type: ignore[attr-defined]
