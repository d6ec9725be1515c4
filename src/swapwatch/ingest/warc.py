"""Web archives (``.warc``, ``.warc.gz``): every HTML page a crawler stored is an article.

Records are streamed one at a time (fastwarc parses them; nothing holds more than one page).
A ``response`` record with HTTP status 200 and an HTML content type becomes an article: its
URL is the record's ``WARC-Target-URI``, its date the one the page states, else the record's
``WARC-Date``. Other records (requests, metadata, images, redirects, 404s) are counted and
reported once per file as a Skipped.

A page is read twice at most, and mostly once. Its markup is checked against the HTML limits
once (``html.prepare_markup``), then read by the quick reader (``quicktext``, lxml alone) and
judged for relevance. A page not relevant on that text -- almost every page of a news crawl --
is the article as it is, handed over as a ``JudgedArticle`` (so the judgement is not taken
again) and marked ``text:quick`` in its relevance reasons. A relevant page, or one the quick
reader makes no article of, is read by trafilatura as any HTML file is, so every article the
extractor reads has the full reader's text. Which reader's text is kept depends on the page
alone, so the same archive ingested twice gives the same articles (stored once). Reading
(``read_pages``: records, limits, the quick reader) and judging (``judge_pages``) are two stages
with plain ``Page``s between them, so that a large archive can be read in a second process
(``ingest.readahead``) while this one judges and stores.

Gzip is decompressed here, one member per record as crawlers write them, by zlib member by
member (``formats._GzipMembers``: the bytes and errors of Python's ``gzip``, without its
per-member header parsing in Python), and fastwarc parses the decompressed bytes: fastwarc's own
gzip reader (checked: 2.0.1), like warcio's, ends quietly on a truncated member and hands over
the cut record with no error, while this one raises as ``gzip`` does, so a truncated file ends
with one message and the records before it are kept. The decompressed bytes count against the same per-file and per-run caps as gzip JSON
Lines. fastwarc refuses WARC or HTTP headers longer than the header limit, and hands over a
record's payload as stored: it is read up to ``max_bytes`` (a larger one is refused without
being held, and the iterator skips the rest of it), a record shorter than its Content-Length
is a cut archive, and HTTP chunking and content encodings are undone here, the decoded page
again bounded by ``max_bytes``. Decompressing a page's two members takes ~0.095 ms of CPU
(``gzip.GzipFile`` took ~0.135); finding and reading a page ~0.12 ms in all, where warcio took ~0.27.
"""
from __future__ import annotations

import gzip
import io
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..model import Article, JudgedArticle
from ..relevance import score_relevance
from ..settings import Settings, limit_hint
from .decode import declared_charset, decode_bytes, known_charset
from .failure import IngestFailure, Notice, Reject, Skipped, human_size, size_reason
from .formats import Result, RunBudget, _Capped, _OverCap, decompressed, open_regular, os_reject
from .html import extract_prepared, prepare_markup
from .quicktext import QUICK_TEXT, quick_text
from .records import build_article

HTML_TYPES = ("text/html", "application/xhtml+xml")
_KINDS_TOLD = 20          # kinds of skipped record named in the report; the rest are "other record"
_HEADERS_AT_LEAST = 64 * 1024   # a record's headers may take this much even under a smaller max_bytes
_URI_SHOWN = 300          # characters of a record's URI in a failure line
_CONTENT_ENCODINGS = ("gzip", "x-gzip", "deflate", "br")    # undone here; a page in any other is read as it is


class _Damaged(Exception):
    """The gzip stream is cut or corrupt."""


class _Readable:
    """The archive's (decompressed) bytes as fastwarc reads them: ``read`` and ``tell``.

    Decompression stays here, under the caps (``_Capped``): a cut member raises here, as
    ``_Damaged``, and fastwarc hands the exception on unchanged."""

    def __init__(self, stream: Any):
        self.stream, self.position = stream, 0
        self._read = stream.read1 if isinstance(stream, _Capped) else stream.read

    def read(self, n: int = -1) -> bytes:
        try:
            data = self._read(n if n and n > 0 else 1 << 16)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            raise _Damaged(str(e)) from None
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position


def _media_type(value: str | None) -> tuple[str, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"; the charset None when absent."""
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return parts[0].lower(), charset


def skip_reason(record: Any) -> str | None:
    """Why a record is not an article (a short label, counted per file), or None for an HTML page."""
    kind = (record.headers.get("WARC-Type") or "").strip().lower()
    if kind != "response":
        return f"{kind or 'untyped'} record"
    if not record.is_http:
        return "non-HTTP response"
    status = record.http_headers.status_code
    if status != 200:
        return f"HTTP {status or 'unknown status'} response"
    media, _ = _media_type(record.http_headers.get("Content-Type"))
    if media not in HTML_TYPES:
        return f"{media[:60] or 'untyped'} response"
    return None


class _Truncated(Exception):
    """The stream ended inside a record."""


def _read_upto(stream: Any, n: int) -> bytes:
    """Up to ``n`` bytes of ``stream``, whose ``read`` may give fewer than asked."""
    chunks, total = [], 0
    while total < n:
        part = stream.read(min(1 << 16, n - total))
        if not part:
            break
        chunks.append(part)
        total += len(part)
    return b"".join(chunks)


def _bounded(stream: Any, limit: int, what: str) -> bytes:
    """All of ``stream`` when it holds at most ``limit`` bytes; else a Reject that says how
    much it holds, counted (not kept) up to 16 times the limit: a gzip-encoded page can
    claim gigabytes."""
    data = _read_upto(stream, limit + 1)
    if len(data) <= limit:
        return data
    size, cap = len(data), 16 * limit
    while size <= cap and (part := stream.read(1 << 16)):
        size += len(part)
    raise Reject(size_reason(size, limit) if size <= cap else f"{what} over {human_size(cap)}, the limit "
                 f"is {human_size(limit)}")


def _decoder(raw: bytes, headers: Any) -> Any | None:
    """A reader undoing the HTTP transfer and content encodings ``headers`` name; None when
    none is named (most pages: the bytes are the page) or the content encoding is unknown."""
    chunked = "chunked" in (headers.get("Transfer-Encoding") or "").lower()
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if not chunked and encoding not in _CONTENT_ENCODINGS:
        return None
    from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader

    stream: Any = ChunkedReader(io.BytesIO(raw)) if chunked else io.BytesIO(raw)
    if encoding in ("gzip", "x-gzip"):
        return GzipReader(stream)
    if encoding == "deflate":
        return GzipReader(stream, zlib=True)
    if encoding == "br":
        return BrotliReader(stream)
    return stream


def _payload(record: Any, limit: int) -> bytes:
    """The page's bytes (HTTP chunking and content encodings undone), at most ``limit``.

    The bytes as stored are read first (at most ``limit``, and all of the record's length,
    else it is cut), then decoded, again to at most ``limit``."""
    raw = _bounded(record.reader, limit, "page")
    if len(raw) < record.content_length:      # the stream stops before the record's Content-Length
        raise _Truncated()
    decoder = _decoder(raw, record.http_headers)
    if decoder is None:
        return raw
    try:
        return _bounded(decoder, limit, "decoded page")
    except (OSError, ValueError) as e:
        raise Reject(f"the page's HTTP encoding cannot be undone ({e})") from None


@dataclass(frozen=True)
class Page:
    """One HTML page as read from the archive: its checked markup and, when the quick reader
    made a text of it, that text and metadata. Plain data, so that the archive can be read in
    one process and judged in another (``ingest.readahead``)."""

    markup: str                 # through ``html.prepare_markup``
    source: str                 # "path@offset"
    offset: int
    uri: str | None
    warc_date: str | None
    quick: tuple[str, dict[str, Any]] | None     # (text, metadata) of ``quick_text``; None: it found none

    def meta(self, found: dict[str, Any]) -> dict[str, Any]:
        """The page's metadata with the record's URI, and the record's WARC-Date when the page states no date."""
        meta = {**found, "url": self.uri or found.get("url")}
        if not found.get("published"):
            meta["published"] = self.warc_date
        return meta


def _screened(page: Page, settings: Settings) -> JudgedArticle | None:
    """The page's quick text as the article, when it is judged not relevant (stored as it is,
    marked ``QUICK_TEXT``); None when it is relevant, or the quick reader makes no article of
    it: then trafilatura reads the page, as every page that gets extracted is read."""
    if page.quick is None:
        return None
    text, found = page.quick
    try:
        article = build_article(text, source=page.source, name=None, meta=page.meta(found), settings=settings)
    except Reject:
        return None
    threshold = settings.relevance_threshold
    relevance = score_relevance(article, threshold=threshold)
    if relevance.relevant:
        return None
    return JudgedArticle.of(article, replace(relevance, reasons=(*relevance.reasons, QUICK_TEXT)), threshold)


def _judged(page: Page, settings: Settings) -> Article:
    screened = _screened(page, settings)
    if screened is not None:
        return screened
    text, found = extract_prepared(page.markup)
    return build_article(text, source=page.source, name=None, meta=page.meta(found), settings=settings)


def _quick(markup: str) -> tuple[str, dict[str, Any]] | None:
    try:
        return quick_text(markup)
    except Reject:
        return None


def _page(record: Any, uri: str | None, path: Path, offset: int, settings: Settings) -> Iterator[Result | Page]:
    data = _payload(record, settings.max_bytes)
    if not data:
        raise Reject("empty page")
    _, header_charset = _media_type(record.http_headers.get("Content-Type"))
    markup = decode_bytes(data, known_charset(header_charset) or declared_charset(data))   # HTTP's word first, as browsers
    notes: list[str] = []
    markup = prepare_markup(markup, settings, notes)
    source = f"{path}@{offset}"
    yield from (Notice(source, note) for note in notes)
    yield Page(markup, source, offset, uri, record.headers.get("WARC-Date"), _quick(markup))


def _open_records(raw: Any, path: Path, settings: Settings, budget: RunBudget) -> tuple[Any, int]:
    """(fastwarc's iterator over the archive's records, the header limit it applies)."""
    from fastwarc.warc import ArchiveIterator   # imported on first use

    if not raw.read(1):
        raise Reject("empty")
    raw.seek(0)
    header_limit = max(settings.max_bytes, _HEADERS_AT_LEAST)
    stream = _Readable(decompressed(raw, path, settings, budget, many_members=True))
    records = ArchiveIterator(stream, parse_http=True, auto_decode="none", stream_detect=False,
                              max_header_len=header_limit)
    return iter(records), header_limit


def _where(offset: int, uri: str | None) -> str:
    if uri and len(uri) > _URI_SHOWN:
        uri = uri[:_URI_SHOWN] + "..."
    return f"record at byte {offset:,}" + (f" ({uri})" if uri else "")


def _after(offset: int | None, uri: str | None) -> str:
    """Where the record that could not be read is: after the last one read, or at the start."""
    return f"after the {_where(offset, uri)}" if offset is not None else "in the first record"


def _unreadable(path: Path, offset: int | None, uri: str | None, error: Exception, header_limit: int) -> IngestFailure:
    """The failure line for a record fastwarc cannot parse (it raises OSError with a sentence)."""
    at = f"{path}@{offset or 0}"
    if "header length" in str(error).lower():
        return IngestFailure(at, f"{_after(offset, uri)}: WARC or HTTP headers of over {human_size(header_limit)}, "
                             f"the limit {limit_hint('max_bytes')}; the records before it were read")
    if offset is None:
        return IngestFailure(at, f"record at byte 0: not a WARC record (an ARC file, or no web archive at all: {error})")
    return IngestFailure(at, f"{_after(offset, uri)}: unreadable WARC record ({type(error).__name__}: {error}); "
                         "the records before it were read")


def _records(path: Path, settings: Settings, budget: RunBudget,
             skipped: Counter[str]) -> Iterator[tuple[Any, int, str | None] | IngestFailure]:
    """(record, offset, URI) for each HTML page; the one failure that ends a cut or damaged file."""
    offset: int | None = None
    uri = None
    with open_regular(path) as raw:
        records, header_limit = _open_records(raw, path, settings, budget)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except _Damaged as e:
                yield IngestFailure(f"{path}@{offset or 0}", f"the archive is cut or damaged {_after(offset, uri)} "
                                    f"({e}); the records before it were read")
                return
            except (_OverCap, Reject) as e:
                yield IngestFailure(f"{path}@{offset or 0}", f"{_after(offset, uri)}: {e.reason}; "
                                    "the records before it were read")
                return
            except Exception as e:      # noqa: BLE001 -- fastwarc cannot find the next record: stop here
                yield _unreadable(path, offset, uri, e, header_limit)
                return
            offset = record.stream_pos
            uri = record.headers.get("WARC-Target-URI") or None
            reason = skip_reason(record)
            if reason is None:
                yield record, offset, uri
            else:
                skipped[reason if reason in skipped or len(skipped) < _KINDS_TOLD else "other record"] += 1


def _cut(path: Path, offset: int, uri: str | None, detail: str = "") -> IngestFailure:
    return IngestFailure(f"{path}@{offset}", f"the archive is cut or damaged in the {_where(offset, uri)}"
                         f"{detail}; the records before it were read")


def read_pages(path: Path, settings: Settings, budget: RunBudget | None = None) -> Iterator[Result | Page]:
    """The archive's HTML pages as ``Page``s, read and checked but not judged; one line per bad
    record, and the rest goes on.

    Offsets are those of the uncompressed WARC (what ``zcat FILE | tail -c +N`` shows)."""
    budget = budget or RunBudget(settings)
    skipped: Counter[str] = Counter()
    seen = 0
    try:
        for item in _records(path, settings, budget, skipped):
            seen += 1
            if isinstance(item, IngestFailure):
                yield item
                break
            record, offset, uri = item
            try:
                yield from _page(record, uri, path, offset, settings)
            except _Truncated:
                yield _cut(path, offset, uri)
                break
            except _Damaged as e:
                yield _cut(path, offset, uri, f" ({e})")
                break
            except _OverCap as e:
                yield IngestFailure(f"{path}@{offset}", f"{e.reason}; the records before it were read")
                break
            except Reject as e:
                yield IngestFailure(f"{path}@{offset}", f"{_where(offset, uri)}: {e.reason}")
            except Exception as e:      # noqa: BLE001 -- one odd page must not cost the rest of the archive
                yield IngestFailure(f"{path}@{offset}", f"{_where(offset, uri)}: unexpected error: "
                                    f"{type(e).__name__}: {e}")
    except OSError as e:
        raise os_reject(e) from None
    if not seen and not skipped:
        raise Reject("empty (no WARC records)")
    if skipped:
        parts = ", ".join(f"{n:,} {what}{'' if n == 1 else 's'}" for what, n in sorted(skipped.items()))
        yield Skipped(str(path), f"skipped records that are not HTML pages: {parts}", count=sum(skipped.values()))


def judge_pages(items: Iterable[Result | Page], settings: Settings) -> Iterator[Result]:
    """Each ``Page`` made an article (its quick text when that is judged not relevant, else
    trafilatura's text); what is not a page passed on in place."""
    for item in items:
        if not isinstance(item, Page):
            yield item
            continue
        try:
            yield _judged(item, settings)
        except Reject as e:
            yield IngestFailure(item.source, f"{_where(item.offset, item.uri)}: {e.reason}")
        except Exception as e:      # noqa: BLE001 -- one odd page must not cost the rest of the archive
            yield IngestFailure(item.source, f"{_where(item.offset, item.uri)}: unexpected error: "
                                f"{type(e).__name__}: {e}")


def read_warc(path: Path, settings: Settings, budget: RunBudget | None = None) -> Iterator[Result]:
    """Articles from a web archive's HTML pages; one line per bad record, and the rest goes on."""
    return judge_pages(read_pages(path, settings, budget), settings)
