"""Web archives: a WARC written here, with warcio's writer, ingests its HTML pages only."""
from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from swapwatch.cli import app
from swapwatch.ingest.discover import count_inputs, discover
from swapwatch.ingest.readers import IngestFailure, Skipped, read_paths
from swapwatch.model import Article
from swapwatch.settings import Settings
from swapwatch.store import open_store

# Page texts written for these tests; the events in them are invented.
DATED_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour town welcomes back two fishermen</title>
<meta property="article:published_time" content="2024-03-05T09:00:00Z"></head>
<body><article><h1>Harbour town welcomes back two fishermen</h1>
<p>Two fishermen held for eleven weeks by the coastguard of a neighbouring state came home on Tuesday,
their families waiting on the quay since the early morning.</p>
<p>The men said they had been treated fairly but had no news from home during their detention,
and they thanked the local council for its letters.</p></article></body></html>"""

UNDATED_PAGE = """<html><head><title>Library reopens after the flood</title></head>
<body><article><p>The town library reopened its doors this week after the spring flood had closed it
for almost a month, and the children's corner was the first room to fill up.</p>
<p>Volunteers dried some four thousand books by hand; the mayor promised a new roof before winter,
and the reading club meets again on Thursday evenings.</p></article></body></html>""".encode("cp1252")

LOST_PAGE = b"<html><body><p>This page went missing long ago and was never found again.</p></body></html>"


def _response(writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes, warc_date: str) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                       http_headers=http, warc_headers_dict={"WARC-Date": warc_date})
    writer.write_record(record)


def _request(writer: WARCWriter, uri: str) -> None:
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    record = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), length=0, http_headers=http)
    writer.write_record(record)


def write_archive(path: Path, *, gzip_members: bool = True, truncated_tail: bool = True) -> Path:
    """An archive of: a request, a dated HTML page, a PNG, a 404, an undated HTML page (in
    cp1252, as its HTTP header says), and, with ``truncated_tail``, one more page whose gzip
    member is cut in the middle."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_members)
    _request(writer, "https://news.example/fishermen")
    _response(writer, "https://news.example/fishermen", "200 OK", "text/html; charset=utf-8", DATED_PAGE,
              "2024-03-07T12:00:00Z")
    _response(writer, "https://news.example/quay.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64),
              "2024-03-07T12:00:01Z")
    _response(writer, "https://news.example/missing", "404 Not Found", "text/html", LOST_PAGE,
              "2024-03-07T12:00:02Z")
    _response(writer, "https://news.example/library", "200 OK", "text/html; charset=windows-1252", UNDATED_PAGE,
              "2024-04-02T08:30:00Z")
    data = buffer.getvalue()
    if truncated_tail:
        tail = io.BytesIO()
        _response(WARCWriter(tail, gzip=gzip_members), "https://news.example/cut", "200 OK", "text/html",
                  DATED_PAGE.replace(b"fishermen", b"sailors"), "2024-05-01T00:00:00Z")
        data += tail.getvalue()[: len(tail.getvalue()) // 2]
    path.write_bytes(data)
    return path


@pytest.fixture
def settings() -> Settings:
    return Settings(db_url="sqlite://")


def _split(results: list) -> tuple[list[Article], list[IngestFailure], list[Skipped]]:
    articles = [r for r in results if isinstance(r, Article)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    failures = [r for r in results if isinstance(r, IngestFailure) and not isinstance(r, Skipped)]
    return articles, failures, skipped


@pytest.mark.parametrize("name,gzip_members", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_only_html_pages_become_articles(tmp_path: Path, settings: Settings, name: str, gzip_members: bool) -> None:
    path = write_archive(tmp_path / name, gzip_members=gzip_members)
    articles, failures, skipped = _split(list(read_paths([path], settings)))
    assert [a.url for a in articles] == ["https://news.example/fishermen", "https://news.example/library"]
    dated, undated = articles
    assert dated.published == date(2024, 3, 5)          # the page's own date, not the crawl's
    assert undated.published == date(2024, 4, 2)        # no date on the page: WARC-Date
    assert "eleven weeks" in dated.text and "children’s corner" in undated.text.replace("'", "’")
    assert dated.title == "Harbour town welcomes back two fishermen"
    assert dated.source.startswith(f"{path}@")
    assert len(failures) == 1, failures                  # the cut page: one line, the file ends there
    assert "cut or damaged" in failures[0].reason and "records before it were read" in failures[0].reason
    assert failures[0].source.startswith(f"{path}@")
    assert len(skipped) == 1 and skipped[0].count == 3
    assert "1 request record" in skipped[0].reason and "1 image/png response" in skipped[0].reason
    assert "1 HTTP 404 response" in skipped[0].reason


def test_a_whole_archive_has_no_failure(tmp_path: Path, settings: Settings) -> None:
    path = write_archive(tmp_path / "whole.warc.gz", truncated_tail=False)
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert len(articles) == 2 and failures == []


def test_a_bad_record_is_one_line_and_the_rest_goes_on(tmp_path: Path) -> None:
    settings = Settings(db_url="sqlite://", max_bytes=520)     # the dated page is larger, the other not
    path = write_archive(tmp_path / "limits.warc.gz", truncated_tail=False)
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert [a.url for a in articles] == ["https://news.example/library"]
    assert len(failures) == 1
    line = failures[0].line()
    assert "\n" not in line and str(path) in line and "https://news.example/fishermen" in line
    assert "601 bytes over the 520 bytes limit" in line


def test_decompression_cap_stops_the_file_keeping_what_was_read(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "capped.warc.gz", truncated_tail=False)
    size = len(gzip.decompress(path.read_bytes()))
    settings = Settings(db_url="sqlite://", max_decompressed_bytes=size - 200)
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert [a.url for a in articles] == ["https://news.example/fishermen"]
    assert len(failures) == 1 and "SWAPWATCH_MAX_DECOMPRESSED_BYTES" in failures[0].reason


@pytest.mark.parametrize("name,content,reason", [
    ("empty.warc.gz", b"", "empty"),
    ("garbage.warc.gz", b"\x1f\x8b\x08\x00garbage that is not deflate", "cut or damaged"),
    ("plain.warc.gz", b"WARC/1.0\r\n", "not a gzip file"),
    ("prose.warc", b"this is not a web archive at all\r\n\r\n", "not a WARC record"),
])
def test_broken_archives_are_one_line_each(tmp_path: Path, settings: Settings, name: str, content: bytes,
                                           reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    results = list(read_paths([path], settings))
    assert len(results) == 1 and isinstance(results[0], IngestFailure), results
    assert reason in results[0].reason


def test_folders_find_archives_as_streams(tmp_path: Path) -> None:
    write_archive(tmp_path / "a.warc.gz")
    write_archive(tmp_path / "b.warc", gzip_members=False)
    (tmp_path / "note.txt").write_text("A short note.", encoding="utf-8")
    assert {(i.path.name, i.kind) for i in discover([tmp_path])} == {
        ("a.warc.gz", "warc"), ("b.warc", "warc"), ("note.txt", "text")}
    assert count_inputs([tmp_path]) is None          # streams: no progress total


def test_ingest_stores_pages_once(tmp_path: Path, db_url: str) -> None:
    path = write_archive(tmp_path / "crawl.warc.gz")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", "--db", db_url, "-q", str(path)])
    assert first.exit_code == 1, first.output            # the cut page is a failure
    assert "ingested 2" in first.output and "failed 1" in first.output
    assert "cut or damaged" in first.output
    with open_store(db_url) as store:
        stored = {a["url"]: a["published"] for a in store.articles()}
    assert stored == {"https://news.example/fishermen": "2024-03-05", "https://news.example/library": "2024-04-02"}
    again = runner.invoke(app, ["ingest", "--db", db_url, "-q", str(path)])
    assert "ingested 0" in again.output and "duplicates 2" in again.output, again.output
    with open_store(db_url) as store:
        assert store.counts()["articles"] == 2


def test_endless_headers_are_refused_in_bounded_time(tmp_path: Path) -> None:
    page = write_archive(tmp_path / "one.warc", gzip_members=False, truncated_tail=False).read_bytes()
    path = tmp_path / "headers.warc"
    path.write_bytes(page + b"WARC/1.0\r\nWARC-Type: response\r\nX-Filler: " + b"y" * 3_000_000 + b"\r\n\r\n")
    settings = Settings(db_url="sqlite://", max_bytes=100_000)
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert len(articles) == 2                            # the pages before it are kept
    assert len(failures) == 1 and "headers of over 97.7 KB" in failures[0].reason
    assert "SWAPWATCH_MAX_BYTES" in failures[0].reason


# -- the quick-text screen: a page read fully only when its quick text is relevant ----------------

SWAP_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Valdoria and Kestrania swap detainees at the border bridge</title>
<meta property="article:published_time" content="2025-02-14T10:00:00Z"></head>
<body><nav><a href="/">Front page</a> <a href="/world">World</a></nav>
<article><h1>Valdoria and Kestrania swap detainees at the border bridge</h1>
<div class="social-share">Share this story with your friends</div>
<p>Valdoria and Kestrania exchanged prisoners on Friday at the old bridge over the Sarn river, ending
months of talks.</p>
<p>Six detainees held by Kestrania were released and flown to the Valdorian capital, among them a
geologist arrested in 2023 on spying charges.</p>
<p>In return Valdoria freed four Kestranian soldiers captured during the winter border clashes,
officials on both sides said.</p>
<div class="related-articles"><ul><li><a href="/a">Harvest festival draws crowds to the valley</a></li></ul></div>
</article><footer>Evening Courier, all rights reserved.</footer></body></html>"""


def write_screened_archive(path: Path) -> Path:
    """A relevant page (a prisoner swap between two invented states) and an irrelevant one."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _response(writer, "https://news.example/swap", "200 OK", "text/html; charset=utf-8", SWAP_PAGE,
              "2025-02-15T00:00:00Z")
    _response(writer, "https://news.example/library", "200 OK", "text/html; charset=windows-1252", UNDATED_PAGE,
              "2024-04-02T08:30:00Z")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_relevant_page_gets_the_full_readers_text(tmp_path: Path, settings: Settings) -> None:
    from swapwatch.ingest.html import extract_html, prepare_markup
    from swapwatch.ingest.quicktext import QUICK_TEXT, quick_text
    from swapwatch.model import JudgedArticle

    articles, failures, _ = _split(list(read_paths([write_screened_archive(tmp_path / "s.warc.gz")], settings)))
    assert failures == []
    swap, library = articles
    full_text = extract_html(SWAP_PAGE.decode(), settings)[0]
    assert swap.text == full_text and "Share this story" not in swap.text      # trafilatura's, not the quick one
    assert "Share this story" in quick_text(prepare_markup(SWAP_PAGE.decode(), settings))[0]
    assert type(swap) is Article and swap.published == date(2025, 2, 14)
    assert isinstance(library, JudgedArticle)
    assert library.relevance is not None and not library.relevance.relevant
    assert QUICK_TEXT in library.relevance.reasons
    assert library.text == quick_text(UNDATED_PAGE.decode("cp1252"))[0]
    assert library.published == date(2024, 4, 2)                                  # no date on the page: WARC-Date


def test_a_page_the_quick_reader_cannot_fence_is_read_in_full(tmp_path: Path, settings: Settings) -> None:
    """A form feed between two paragraphs made the quick reader raise, and the page was lost as
    an unexpected error; it is now read by trafilatura, as any page the quick reader gives up on."""
    page = UNDATED_PAGE.decode("cp1252").replace("</p>\n<p>", "</p>\x0c<p>").encode("cp1252")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _response(writer, "https://news.example/library", "200 OK", "text/html; charset=windows-1252", page,
              "2024-04-02T08:30:00Z")
    path = tmp_path / "formfeed.warc.gz"
    path.write_bytes(buffer.getvalue())
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert failures == []
    [article] = articles
    assert "Volunteers dried some four thousand books" in article.text


def test_the_readers_judgement_is_used_once_and_only_at_its_threshold(tmp_path: Path, settings: Settings) -> None:
    from swapwatch.ingest.quicktext import QUICK_TEXT
    from swapwatch.service import score_items

    items = list(read_paths([write_screened_archive(tmp_path / "s.warc.gz")], settings))
    (swap, swap_relevance), (library, library_relevance) = score_items(items, settings.relevance_threshold)
    assert type(library) is Article                      # the judgement does not travel on to the store
    assert library_relevance.reasons == (QUICK_TEXT,)    # the reader's, not a second scoring
    assert swap_relevance.relevant and QUICK_TEXT not in swap_relevance.reasons
    (_, _), (_, rescored) = score_items(items, 0.3)      # another threshold: judged again
    assert rescored.reasons == () and not rescored.relevant


def test_ingesting_a_screened_archive_twice_stores_each_page_once(tmp_path: Path, db_url: str) -> None:
    from swapwatch.service import ingest

    path = write_screened_archive(tmp_path / "s.warc.gz")
    settings = Settings(db_url=db_url)
    with open_store(db_url) as store:
        first = ingest(store, [path], settings)
        assert (first.ingested, first.irrelevant, first.extracted, first.failed) == (2, 1, 1, 0)
        stored = {a["url"]: a for a in store.articles()}
        assert stored["https://news.example/library"]["relevance_reasons"] == ["text:quick"]
        assert stored["https://news.example/swap"]["relevant"]
        texts = {a["url"]: store.article(a["id"]).text for a in stored.values()}
        again = ingest(store, [path], settings)
        assert (again.ingested, again.duplicates, again.extracted) == (0, 2, 0)
        assert store.counts()["articles"] == 2
        assert {a["url"]: store.article(a["id"]).text for a in store.articles()} == texts


def test_the_quick_text_mark_is_told_in_words() -> None:
    from swapwatch.web.pages import reasons_in_words

    words = reasons_in_words(["text:quick"])
    assert words["for"] == [] and words["against"] == []
    assert words["read"] and "quick reading" in words["read"][0]


# -- HTTP encodings and damage in the middle of an archive (read with fastwarc) ---------------------

def _encoded_response(writer: WARCWriter, uri: str, body: bytes, headers: list[tuple[str, str]]) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), *headers], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                       http_headers=http, warc_headers_dict={"WARC-Date": "2024-03-07T12:00:00Z"})
    writer.write_record(record)


def _chunked(body: bytes, size: int = 100) -> bytes:
    pieces = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def test_http_encodings_are_undone(tmp_path: Path, settings: Settings) -> None:
    import zlib

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _encoded_response(writer, "https://news.example/gzip", gzip.compress(DATED_PAGE), [("Content-Encoding", "gzip")])
    _encoded_response(writer, "https://news.example/chunked", _chunked(DATED_PAGE), [("Transfer-Encoding", "chunked")])
    _encoded_response(writer, "https://news.example/both", _chunked(zlib.compress(DATED_PAGE)),
                      [("Transfer-Encoding", "chunked"), ("Content-Encoding", "deflate")])
    path = tmp_path / "encoded.warc.gz"
    path.write_bytes(buffer.getvalue())
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert failures == []
    assert [a.url for a in articles] == ["https://news.example/gzip", "https://news.example/chunked",
                                         "https://news.example/both"]
    assert all("eleven weeks" in a.text and a.published == date(2024, 3, 5) for a in articles)


def test_an_encoded_page_is_bounded_once_decoded_and_a_broken_one_is_one_line(tmp_path: Path) -> None:
    settings = Settings(db_url="sqlite://", max_bytes=5_000)
    bomb = gzip.compress(DATED_PAGE + b" " * 200_000)          # 1 KB on disk, 200 KB once decoded
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _encoded_response(writer, "https://news.example/bomb", bomb, [("Content-Encoding", "gzip")])
    _encoded_response(writer, "https://news.example/broken", b"not gzip at all", [("Content-Encoding", "gzip")])
    _response(writer, "https://news.example/library", "200 OK", "text/html; charset=windows-1252", UNDATED_PAGE,
              "2024-04-02T08:30:00Z")
    path = tmp_path / "encoded.warc.gz"
    path.write_bytes(buffer.getvalue())
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert [a.url for a in articles] == ["https://news.example/library"]     # the rest goes on
    bomb_line, broken_line = (f.line() for f in failures)
    assert "https://news.example/bomb" in bomb_line and "over 78.1 KB" in bomb_line
    assert "https://news.example/broken" in broken_line and "HTTP encoding cannot be undone" in broken_line


def test_junk_between_records_ends_the_file_keeping_the_records_before(tmp_path: Path, settings: Settings) -> None:
    whole = write_archive(tmp_path / "one.warc", gzip_members=False, truncated_tail=False).read_bytes()
    path = tmp_path / "junk.warc"
    path.write_bytes(whole + b"this line is no WARC header\r\n\r\n" + whole)
    articles, failures, _ = _split(list(read_paths([path], settings)))
    assert [a.url for a in articles] == ["https://news.example/fishermen", "https://news.example/library"]
    assert len(failures) == 1 and "unreadable WARC record" in failures[0].reason
    assert "after the record at byte" in failures[0].reason and "records before it were read" in failures[0].reason


@pytest.mark.parametrize("gzip_members", [True, False])
def test_offsets_are_where_each_record_starts_in_the_uncompressed_archive(tmp_path: Path, settings: Settings,
                                                                          gzip_members: bool) -> None:
    path = write_archive(tmp_path / ("o.warc.gz" if gzip_members else "o.warc"), gzip_members=gzip_members,
                         truncated_tail=False)
    whole = gzip.decompress(path.read_bytes()) if gzip_members else path.read_bytes()
    articles, _, _ = _split(list(read_paths([path], settings)))
    offsets = [int(a.source.rsplit("@", 1)[1]) for a in articles]
    assert offsets[0] > 0 and offsets[1] > offsets[0]
    for article, offset in zip(articles, offsets):
        record = whole[offset:offset + 2000]
        assert record.startswith(b"WARC/1.0\r\n") and f"WARC-Target-URI: {article.url}".encode() in record


def _members_read(data: bytes, reader: str, n: int = 1 << 16) -> tuple[bytes, str | None]:
    """(what a gzip reader gives of ``data`` before it stops, the error it stops with)."""
    from swapwatch.ingest.formats import _GzipMembers

    raw = io.BytesIO(data)
    stream = _GzipMembers(raw) if reader == "members" else gzip.GzipFile(fileobj=raw, mode="rb")
    out = bytearray()
    try:
        while part := stream.read1(n):
            assert len(part) <= n
            out += part
    except (EOFError, OSError) as e:
        return bytes(out), f"{type(e).__name__}: {e}"
    return bytes(out), None


@pytest.mark.parametrize("tail", [b"", b"\x00" * 5, b"this is no gzip member", b"x", b"\x1f\x8b\x08\x00"])
def test_the_member_reader_gives_what_gzip_gives(tail: bytes) -> None:
    members = gzip.compress(b"first record " * 50) + b"\x00\x00" + gzip.compress(b"second record") + tail
    assert _members_read(members, "members") == _members_read(members, "gzip")


def test_the_member_reader_reports_a_cut_member_in_gzip_s_words() -> None:
    data = gzip.compress(b"one record " * 100) + gzip.compress(b"another record " * 100)[:-12]
    got, error = _members_read(data, "members")
    assert got.startswith(b"one record " * 100)
    assert error == "EOFError: Compressed file ended before the end-of-stream marker was reached"
    assert _members_read(data, "gzip")[1] == error


def test_the_member_reader_holds_one_step_of_a_bomb() -> None:
    bomb = gzip.compress(b" " * 5_000_000)
    got, error = _members_read(bomb, "members", n=4096)
    assert error is None and got == b" " * 5_000_000
