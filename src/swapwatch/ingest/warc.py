"""Web archives (``.warc``, ``.warc.gz``): every HTML page a crawler stored is an article.

Records are streamed one at a time (warcio parses them; nothing holds more than one page).
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
alone, so the same archive ingested twice gives the same articles (stored once).

Gzip is decompressed here, by Python's ``gzip`` (one member per record, as crawlers write
them), not by warcio: warcio and fastwarc (checked: 1.8.1 and 2.0.1) both end quietly on a
truncated member and hand over the cut page as if whole, while ``gzip`` raises, so a
truncated file ends with one message and the records before it are kept. The decompressed
bytes count against the same per-file and per-run caps as gzip JSON Lines. A record's
payload is read up to ``max_bytes``: a larger one is refused without being held, and the
iterator skips the rest of it.
"""
from __future__ import annotations

import gzip
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import JudgedArticle
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


class _Damaged(Exception):
    """The gzip stream is cut or corrupt (warcio takes an EOFError for the end of the archive)."""


class _Readable:
    """A ``_Capped`` stream with the ``read`` that warcio calls (one decompression step)."""

    def __init__(self, capped: _Capped):
        self.capped = capped

    def read(self, n: int = -1) -> bytes:
        try:
            return self.capped.read1(n if n and n > 0 else 1 << 16)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            raise _Damaged(str(e)) from None


class _BoundedHeaders:
    """warcio's buffered reader, with the headers of one record bounded.

    warcio gathers a header line whole, in time quadratic in its length, and a record's header
    lines without end; here a run of header lines (readline calls with no read between them)
    longer than ``limit`` in all is refused. Payloads are read with ``read`` and not bounded
    here (a large non-HTML payload is skipped in pieces; a page is bounded by ``_payload``)."""

    def __init__(self, reader: Any, limit: int):
        self.reader, self.limit, self.run = reader, limit, 0

    def readline(self, length: int | None = None) -> bytes:
        room = self.limit - self.run + 1
        line = self.reader.readline(room if length is None else min(length, room))
        self.run += len(line)
        if self.run > self.limit:
            raise Reject(f"WARC or HTTP headers of over {human_size(self.limit)}, the limit "
                         f"{limit_hint('max_bytes')}")
        return line

    def read(self, *args: Any) -> bytes:
        self.run = 0
        return self.reader.read(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reader, name)


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
    kind = record.rec_type
    if kind != "response":
        return f"{kind or 'untyped'} record"
    if record.http_headers is None:
        return "non-HTTP response"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return f"HTTP {status or 'unknown status'} response"
    media, _ = _media_type(record.http_headers.get_header("Content-Type"))
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


def _payload(record: Any, limit: int) -> bytes:
    """The page's bytes (HTTP chunking and content encodings undone), at most ``limit``.

    Past the limit the rest is counted, not kept, and only up to 16 times the limit: a
    gzip-encoded page can claim gigabytes."""
    stream = record.content_stream()
    data = _read_upto(stream, limit + 1)
    if len(data) > limit:
        size, cap = len(data), 16 * limit
        while size <= cap and (part := stream.read(1 << 16)):
            size += len(part)
        raise Reject(size_reason(size, limit) if size <= cap else f"page over {human_size(cap)}, the limit "
                     f"is {human_size(limit)}")
    if record.raw_stream.limit > 0:       # the stream stops before the record's Content-Length
        raise _Truncated()
    return data


def _meta(found: dict[str, Any], record: Any, uri: str | None) -> dict[str, Any]:
    """The page's metadata with the record's URI, and the record's WARC-Date when the page states no date."""
    meta = {**found, "url": uri or found.get("url")}
    if not found.get("published"):
        meta["published"] = record.rec_headers.get_header("WARC-Date")
    return meta


def _screened(markup: str, record: Any, uri: str | None, source: str, settings: Settings) -> JudgedArticle | None:
    """The page read by the quick reader, when that text is judged not relevant (stored as it
    is, marked ``QUICK_TEXT``); None when it is relevant, or the quick reader makes no article
    of it: then trafilatura reads the page, as every page that gets extracted is read."""
    try:
        text, found = quick_text(markup)
        article = build_article(text, source=source, name=None, meta=_meta(found, record, uri), settings=settings)
    except Reject:
        return None
    threshold = settings.relevance_threshold
    relevance = score_relevance(article, threshold=threshold)
    if relevance.relevant:
        return None
    return JudgedArticle.of(article, replace(relevance, reasons=(*relevance.reasons, QUICK_TEXT)), threshold)


def _page(record: Any, path: Path, offset: int, settings: Settings) -> Iterator[Result]:
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    data = _payload(record, settings.max_bytes)
    if not data:
        raise Reject("empty page")
    _, header_charset = _media_type(record.http_headers.get_header("Content-Type"))
    markup = decode_bytes(data, known_charset(header_charset) or declared_charset(data))   # HTTP's word first, as browsers
    notes: list[str] = []
    markup = prepare_markup(markup, settings, notes)
    source = f"{path}@{offset}"
    yield from (Notice(source, note) for note in notes)
    screened = _screened(markup, record, uri, source, settings)
    if screened is not None:
        yield screened
        return
    text, found = extract_prepared(markup)
    yield build_article(text, source=source, name=None, meta=_meta(found, record, uri), settings=settings)


def _open_records(raw: Any, path: Path, settings: Settings, budget: RunBudget) -> Any:
    from warcio.archiveiterator import ArchiveIterator   # imported on first use

    if not raw.read(1):
        raise Reject("empty")
    raw.seek(0)
    stream = decompressed(raw, path, settings, budget)
    records = ArchiveIterator(_Readable(stream) if isinstance(stream, _Capped) else stream)
    records.reader = _BoundedHeaders(records.reader, max(settings.max_bytes, _HEADERS_AT_LEAST))
    records.INC_RECORD = ""       # warcio's own warning on stderr for a bad Content-Length: the failure line says it
    return records


def _where(offset: int, uri: str | None) -> str:
    if uri and len(uri) > _URI_SHOWN:
        uri = uri[:_URI_SHOWN] + "..."
    return f"record at byte {offset:,}" + (f" ({uri})" if uri else "")


def _records(path: Path, settings: Settings, budget: RunBudget,
             skipped: Counter[str]) -> Iterator[tuple[Any, int, str | None] | IngestFailure]:
    """(record, offset, URI) for each HTML page; the one failure that ends a cut or damaged file."""
    offset, uri = 0, None
    with open_regular(path) as raw:
        records = _open_records(raw, path, settings, budget)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except _Damaged as e:
                at = records.offset       # where the record being read began
                yield _cut(path, at, uri if at == offset else None, f" ({e})")
                return
            except (_OverCap, Reject) as e:
                yield IngestFailure(f"{path}@{records.offset}", f"{e.reason}; the records before it were read")
                return
            except Exception as e:      # noqa: BLE001 -- warcio cannot find the next record: stop here
                yield IngestFailure(f"{path}@{offset}", f"after {_where(offset, uri)}: unreadable WARC record "
                                    f"({type(e).__name__}: {e}); the records before it were read")
                return
            offset = records.offset    # get_record_offset() would read the record to its end
            if record.format != "warc":      # warcio reads any line of 5+ words as an old ARC header
                yield IngestFailure(f"{path}@{offset}", f"record at byte {offset:,}: not a WARC record "
                                    "(an ARC file, or no web archive at all)")
                return
            uri = record.rec_headers.get_header("WARC-Target-URI") or None
            reason = skip_reason(record)
            if reason is None:
                yield record, offset, uri
            else:
                skipped[reason if reason in skipped or len(skipped) < _KINDS_TOLD else "other record"] += 1


def _cut(path: Path, offset: int, uri: str | None, detail: str = "") -> IngestFailure:
    return IngestFailure(f"{path}@{offset}", f"the archive is cut or damaged in the {_where(offset, uri)}"
                         f"{detail}; the records before it were read")


def read_warc(path: Path, settings: Settings, budget: RunBudget | None = None) -> Iterator[Result]:
    """Articles from a web archive's HTML pages; one line per bad record, and the rest goes on.

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
                yield from _page(record, path, offset, settings)
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
