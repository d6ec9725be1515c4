"""read_paths: every format, and one clear IngestFailure for every bad input."""
from __future__ import annotations

import gzip
import json
import os
from datetime import date
from pathlib import Path

import pytest

from swapwatch.ingest.readers import IngestFailure, count_inputs, read_paths
from swapwatch.model import Article
from swapwatch.settings import Settings

STORY = "Moscow released two American citizens on Thursday.\nThey landed in Ankara hours later."


@pytest.fixture
def settings() -> Settings:
    return Settings(db_url="sqlite://")


def read(paths, settings: Settings) -> list[Article | IngestFailure]:
    return list(read_paths(paths if isinstance(paths, list) else [paths], settings))


def only(results: list) -> Article | IngestFailure:
    assert len(results) == 1, results
    return results[0]


def failure(results: list) -> IngestFailure:
    item = only(results)
    assert isinstance(item, IngestFailure), item
    return item


def article(results: list) -> Article:
    item = only(results)
    assert isinstance(item, Article), item
    return item


# --- plain text and sidecars ---------------------------------------------------------------

def test_plain_text_is_one_article_named_by_its_stem(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "005_swap.txt"
    p.write_text("Headline on the first line\n\n" + STORY, encoding="utf-8")
    a = article(read(p, settings))
    assert a.name == "005_swap"
    assert a.source == str(p)
    assert a.title is None                      # no sidecar: the first line is not guessed as a title
    assert a.text.startswith("Headline on the first line\n\nMoscow released")
    assert a.published is None and a.url is None


def test_sidecar_gives_metadata_and_is_no_article(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "title": "  Two freed\n in swap ", "url": "https://example.org/a", "outlet": "Example News",
        "published": "2024-08-01", "language": "en"}), encoding="utf-8")
    a = article(read(tmp_path, settings))
    assert (a.title, a.url, a.outlet, a.published, a.language) == (
        "Two freed in swap", "https://example.org/a", "Example News", date(2024, 8, 1), "en")
    assert count_inputs([tmp_path]) == 1


def test_sidecar_given_explicitly_is_still_no_article(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"title": "T"}', encoding="utf-8")
    results = read([tmp_path / "a.txt", tmp_path / "a.json"], settings)
    assert [type(r).__name__ for r in results] == ["Article"]


def test_sidecar_with_unreadable_date_keeps_the_article(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"published": "last Thursday"}', encoding="utf-8")
    assert article(read(tmp_path, settings)).published is None


@pytest.mark.parametrize("sidecar, reason", [
    ('{"title": "T",', "metadata sidecar a.json: malformed JSON"),
    ('["not", "an", "object"]', "metadata sidecar a.json: not a JSON object"),
    (b"\xff\xfe\x00", "metadata sidecar a.json: not valid UTF-16"),
])
def test_broken_sidecar_is_one_failure(tmp_path: Path, settings: Settings, sidecar, reason: str) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    target = tmp_path / "a.json"
    target.write_bytes(sidecar) if isinstance(sidecar, bytes) else target.write_text(sidecar)
    f = failure(read(tmp_path, settings))
    assert f.source == str(tmp_path / "a.txt")
    assert f.reason.startswith(reason)


# --- robustness ------------------------------------------------------------------------------

def test_binary_file(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "b.txt"
    p.write_bytes(b"GIF89a\x00\x01\x02 some text")
    assert failure(read(p, settings)).reason == "binary file (NUL bytes)"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n\t \r\n  ", "empty (only whitespace)"),
    (b"\xef\xbb\xbf", "empty"),
])
def test_empty_files(tmp_path: Path, settings: Settings, content: bytes, reason: str) -> None:
    p = tmp_path / "e.txt"
    p.write_bytes(content)
    assert failure(read(p, settings)).reason == reason


def test_ten_megabyte_file_fails_on_its_size(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "big.txt"
    with p.open("wb") as f:
        f.truncate(10 * 1024 * 1024)         # sparse: the size is checked before reading
    f_ = failure(read(p, settings))
    assert f_.reason == "10.0 MB over the 5 MB limit"


def test_size_limit_comes_from_settings(tmp_path: Path) -> None:
    p = tmp_path / "s.txt"
    p.write_text("x" * 2000)
    small = Settings(db_url="sqlite://", max_bytes=1024)
    assert failure(read(p, small)).reason == "2.0 KB over the 1 KB limit"
    assert isinstance(only(read(p, Settings(db_url="sqlite://", max_bytes=4096))), Article)


def test_text_over_max_chars(tmp_path: Path) -> None:
    p = tmp_path / "long.txt"
    p.write_text("word " * 400)
    f = failure(read(p, Settings(db_url="sqlite://", max_chars=1000)))
    assert f.reason == "text is 1,999 characters, over the 1,000-character limit"


@pytest.mark.parametrize("data, reason", [
    (b"Freed on Thursday \xff and home", "not valid UTF-8 (byte 0xff at offset 18)"),
    (b"caf\xe9 owner detained", "not valid UTF-8 (byte 0xe9 at offset 3)"),      # Latin-1, not guessed
    (b"\xef\xbb\xbfok \xc3(", "not valid UTF-8 (byte 0xc3 at offset 6)"),
])
def test_undecodable_text(tmp_path: Path, settings: Settings, data: bytes, reason: str) -> None:
    p = tmp_path / "u.txt"
    p.write_bytes(data)
    assert failure(read(p, settings)).reason == reason


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_are_honoured(tmp_path: Path, settings: Settings, encoding: str) -> None:
    p = tmp_path / "bom.txt"
    data = "Gershkovich était détenu à Moscou.".encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + "Gershkovich était détenu à Moscou.").encode(encoding)
    p.write_bytes(data)
    assert article(read(p, settings)).text == "Gershkovich était détenu à Moscou."


def test_duplicate_content_gives_the_same_id(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "two.txt").write_text(STORY.replace("\n", "\r\n").upper() + "\n\n\n", encoding="utf-8")
    a, b = read(tmp_path, settings)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id and a.name != b.name


def test_same_file_given_twice_is_read_once(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "one.txt"
    p.write_text(STORY, encoding="utf-8")
    assert len(read([p, tmp_path, str(p)], settings)) == 1


def test_missing_path(tmp_path: Path, settings: Settings) -> None:
    f = failure(read(tmp_path / "nope.txt", settings))
    assert (f.source, f.reason) == (str(tmp_path / "nope.txt"), "no such file or folder")


def test_file_that_vanishes_mid_run(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY + " Later.", encoding="utf-8")
    results = read_paths([tmp_path], settings)
    first = next(results)
    assert isinstance(first, Article)
    (tmp_path / "b.txt").unlink()
    second = next(results)
    assert isinstance(second, IngestFailure)
    assert second.reason == "file vanished before it could be read"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_permission_denied(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(STORY)
    p.chmod(0)
    try:
        assert failure(read(p, settings)).reason == "permission denied"
    finally:
        p.chmod(0o644)


def test_one_bad_file_does_not_stop_the_run(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "1.txt").write_text(STORY)
    (tmp_path / "2.txt").write_bytes(b"\x00\x01")
    (tmp_path / "3.txt").write_bytes(b"")
    (tmp_path / "4.txt").write_text(STORY + " More.")
    kinds = [type(r).__name__ for r in read(tmp_path, settings)]
    assert kinds == ["Article", "IngestFailure", "IngestFailure", "Article"]


# --- folders ---------------------------------------------------------------------------------

def test_nested_folders_sorted_and_hidden_skipped(tmp_path: Path, settings: Settings) -> None:
    for rel in ["b/2.txt", "b/c/3.txt", "a.txt", "b/1.md", "z.txt", ".hidden.txt", ".git/x.txt",
                "b/.cache/y.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"Report {rel}: two detainees were freed.")
    names = [r.name for r in read(tmp_path, settings)]
    assert names == ["a", "1", "2", "3", "z"]
    assert count_inputs([tmp_path]) == 5


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_loop_is_walked_once(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text(STORY)
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [r.name for r in read(tmp_path, settings)] == ["story"]


def test_unknown_extension_text_is_read_as_text(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "story.news"
    p.write_text(STORY)
    assert article(read(p, settings)).text == STORY


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x1f\x8b\x08\x00rest",
                                  b"\x01\x02\x03\x04" * 40, b"PK\x03\x04\x14\x00\x00"])
def test_unknown_extension_binary(tmp_path: Path, settings: Settings, data: bytes) -> None:
    p = tmp_path / "blob.bin"
    p.write_bytes(data)
    assert failure(read(p, settings)).reason.startswith("unsupported binary file")


def test_unknown_extension_html_is_sniffed(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "page.download"
    p.write_text("<!DOCTYPE html><html><head><title>Freed</title></head><body><article>"
                 "<p>Two Americans were freed from Evin prison on Monday after five years.</p>"
                 "</article></body></html>")
    a = article(read(p, settings))
    assert "freed from Evin prison" in a.text and "<p>" not in a.text


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Journalist freed in swap</title>
<script>var tracker = "SCRIPT-PAYLOAD"; document.write("SCRIPT-WRITE");</script>
<style>body {{ color: red }} .STYLE-PAYLOAD {{}}</style></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Journalist freed in swap</h1>
<p>{p1}</p>
<p>The exchange took place at the airport in Ankara, officials said, after months of talks between the two sides.</p>
<img src="x.png" onerror="alert('ONERROR-PAYLOAD')">
<script>console.log("INLINE-SCRIPT")</script>
</article></body></html>"""
P1 = "A reporter held for sixteen months on espionage charges was released on Thursday in a prisoner exchange."


def test_html_main_text_without_scripts(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE.format(p1=P1), encoding="utf-8")
    a = article(read(p, settings))
    assert P1 in a.text
    for payload in ("SCRIPT-PAYLOAD", "SCRIPT-WRITE", "STYLE-PAYLOAD", "ONERROR-PAYLOAD", "INLINE-SCRIPT",
                    "<p>", "tracker"):
        assert payload not in a.text
    assert a.title == "Journalist freed in swap"
    assert a.language == "en-GB"
    assert a.name == "page"


def test_html_metadata_from_the_page(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "meta.html"
    p.write_text("""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Freed | Example</title>
<link rel="canonical" href="https://news.example.org/world/two-freed">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-12-08T10:00:00Z">
<meta property="og:title" content="Two aid workers freed after months in captivity">
</head><body><article><h1>Two aid workers freed</h1>
<p>Two aid workers held for eleven months were released on Thursday, officials said.</p>
<p>They were flown to the capital and were said to be in good health.</p></article></body></html>""")
    a = article(read(p, settings))
    assert (a.title, a.url, a.outlet, a.published, a.language) == (
        "Two aid workers freed after months in captivity", "https://news.example.org/world/two-freed",
        "Example News", date(2022, 12, 8), "en")
    assert a.text.split("\n\n") == [
        "Two aid workers freed",
        "Two aid workers held for eleven months were released on Thursday, officials said.",
        "They were flown to the capital and were said to be in good health."]


def test_html_sidecar_overrides_page_metadata(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "page.htm").write_text(PAGE.format(p1=P1), encoding="utf-8")
    (tmp_path / "page.json").write_text('{"title": "Sidecar title", "published": "2022-12-08"}')
    a = article(read(tmp_path, settings))
    assert (a.title, a.published) == ("Sidecar title", date(2022, 12, 8))


@pytest.mark.parametrize("charset, text", [
    ("windows-1251", "Журналиста освободили в четверг после обмена пленными в Анкаре."),
    ("iso-8859-1", "Le journaliste a été libéré jeudi après un échange à Ankara, à côté de l'aéroport."),
    ("shift_jis", "記者は木曜日に捕虜交換で釈放された。アンカラの空港で交換が行われた。"),
])
def test_html_declared_charset(tmp_path: Path, settings: Settings, charset: str, text: str) -> None:
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>t</title></head><body><article><p>{text}</p></article></body></html>")
    p = tmp_path / "c.html"
    p.write_bytes(html.encode(charset))
    assert text in article(read(p, settings)).text


def test_html_with_wrong_utf8_fails_clearly(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "bad.html"
    p.write_bytes(b"<html><body><p>libere \xe9 jeudi</p></body></html>")
    assert failure(read(p, settings)).reason == "not valid UTF-8 (byte 0xe9 at offset 22)"


def test_html_without_text(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    assert failure(read(p, settings)).reason == "no main text found in the HTML"


# --- Markdown --------------------------------------------------------------------------------

def test_markdown_front_matter_and_markup(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "note.md"
    p.write_text("---\ntitle: Swap in Abu Dhabi\nurl: https://example.org/s\nsource: Example Wire\n"
                 "date: 2025-04-10\nlanguage: en\n---\n# Swap in Abu Dhabi\n\n"
                 "**Moscow** released [Ksenia Karelina](https://example.org/k) on *Thursday*.\n"
                 "- She was held for \\*over\\* a year.\n", encoding="utf-8")
    a = article(read(p, settings))
    assert (a.title, a.url, a.outlet, a.published, a.language) == (
        "Swap in Abu Dhabi", "https://example.org/s", "Example Wire", date(2025, 4, 10), "en")
    assert a.text == ("Swap in Abu Dhabi\n\nMoscow released Ksenia Karelina on Thursday.\n"
                      "She was held for *over* a year.")


def test_markdown_without_front_matter(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "plain.markdown"
    p.write_text("Two detainees were *freed* today.\n")
    a = article(read(p, settings))
    assert (a.text, a.title) == ("Two detainees were freed today.", None)


@pytest.mark.parametrize("front, reason", [
    ("---\ntitle: [unclosed\n---\nBody.", "broken YAML front matter"),
    ("---\ntitle: a: b: c\n---\nBody.", "broken YAML front matter"),
    ("---\n- a\n- b\n---\nBody.", "front matter is not a mapping of fields (got a YAML list)"),
    ("---\ntitle: never closed\nBody text.", "front matter opened with --- but never closed"),
])
def test_broken_front_matter(tmp_path: Path, settings: Settings, front: str, reason: str) -> None:
    p = tmp_path / "broken.md"
    p.write_text(front)
    assert failure(read(p, settings)).reason.startswith(reason)


# --- JSON and JSON Lines -----------------------------------------------------------------------

def _line(**fields) -> str:
    base = {"url": "https://example.org/x", "title": "T", "text": STORY, "published": "2023-04-14",
            "outlet": "Wire", "language": "en"}
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def _jsonl(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".jsonl.gz"])
def test_malformed_json_line_does_not_stop_the_file(tmp_path: Path, settings: Settings, suffix: str) -> None:
    content = _jsonl([_line(text="First story: two hostages were freed."), '{"title": "broken", "text": ',
                      _line(text="Third story: a journalist was detained.")])
    p = tmp_path / f"feed{suffix}"
    if suffix.endswith(".gz"):
        p.write_bytes(gzip.compress(content.encode()))
    else:
        p.write_text(content)
    results = read(p, settings)
    assert [type(r).__name__ for r in results] == ["Article", "IngestFailure", "Article"]
    bad = results[1]
    assert bad.source == f"{p}:2"
    assert bad.reason.startswith("line 2: malformed JSON: ")
    assert results[0].source == f"{p}:1" and results[2].source == f"{p}:3"
    assert results[2].text == "Third story: a journalist was detained."
    assert count_inputs([p]) is None


@pytest.mark.parametrize("line, reason", [
    ('{"title": "no text here"}', "line 1: no text field"),
    ('{"text": 42}', "line 1: the text field is not a string"),
    ('["a", "list"]', "line 1: not a JSON object"),
])
def test_bad_json_records(tmp_path: Path, settings: Settings, line: str, reason: str) -> None:
    p = tmp_path / "f.jsonl"
    p.write_text(line + "\n" + _line() + "\n")
    results = read(p, settings)
    assert isinstance(results[0], IngestFailure) and results[0].reason == reason
    assert isinstance(results[1], Article)


def test_json_line_fields(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "f.jsonl"
    p.write_text(_jsonl([_line(id="wire-17", published="Fri, 14 Apr 2023 09:00:00 +0000"),
                         _line(text="Another story entirely.", id=...)]))
    a, b = read(p, settings)
    assert (a.name, a.published, a.url, a.outlet, a.title, a.language) == (
        "wire-17", date(2023, 4, 14), "https://example.org/x", "Wire", "T", "en")
    assert b.name is None and b.published == date(2023, 4, 14)


def test_json_line_with_headline_only(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "f.jsonl"
    p.write_text(_line(title="Russia frees jailed reporter in swap", text="") + "\n")
    a = article(read(p, settings))
    assert a.text == a.title == "Russia frees jailed reporter in swap"


def test_json_line_over_the_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "f.jsonl"
    p.write_text(_jsonl([_line(text="short one"), _line(text="x" * 5000), _line(text="short two")]))
    results = read(p, Settings(db_url="sqlite://", max_bytes=2048))
    assert [type(r).__name__ for r in results] == ["Article", "IngestFailure", "Article"]
    assert results[1].source == f"{p}:2"
    assert results[1].reason.startswith("line 2: ") and results[1].reason.endswith("over the 2 KB limit")


def test_json_line_invalid_utf8_and_blank_lines(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "f.jsonl"
    p.write_bytes(b'{"text": "ok one"}\n\n   \n{"text": "bad \xff byte"}\n{"text": "ok two"}\n')
    results = read(p, settings)
    assert [type(r).__name__ for r in results] == ["Article", "IngestFailure", "Article", "Skipped"]
    assert results[1].source == f"{p}:4"
    assert results[1].reason == "line 4: not valid UTF-8 (byte 0xff at offset 14 of the line)"
    assert (results[3].source, results[3].reason, results[3].count) == (str(p), "skipped 2 empty lines", 2)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".json"])
def test_empty_records_are_skipped_and_counted_not_failed(tmp_path: Path, settings: Settings,
                                                          suffix: str) -> None:
    """Issue 12: one empty record in a 369k-line stream made the whole ingest exit 1."""
    lines = [_line(text="First story."), '{"text": ""}', "", '{"text": "  \\u200b "}', "{}",
             _line(text="Second story."), "\r", "", ""]
    p = tmp_path / f"feed{suffix}"
    data = "\n".join(lines).encode()
    p.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    results = read(p, settings)
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Skipped"]
    assert [r.source for r in results[:2]] == [f"{p}:1", f"{p}:6"]
    assert results[2].reason == "skipped 3 empty lines and 3 empty records"
    assert results[2].count == 6


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path, settings: Settings) -> None:
    lines = [_line(text=f"Story number {i}: {'detainees were freed. ' * 20}") for i in range(200)]
    data = gzip.compress(_jsonl(lines).encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    results = read(p, settings)
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, IngestFailure)]
    assert len(failures) == 1 and "damaged" in failures[0].reason
    assert 0 < len(articles) < 200
    assert failures[0].source == f"{p}:{len(articles) + 1}"


def test_gz_name_that_is_not_gzip(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "fake.jsonl.gz"
    p.write_text(_line() + "\n")
    assert failure(read(p, settings)).reason == "not a gzip file despite its .gz name"


def test_empty_jsonl(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "none.jsonl"
    p.write_text("\n\n")
    assert failure(read(p, settings)).reason == "empty (no JSON lines)"


def test_json_file_one_object(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "one.json"
    p.write_text(_line(id=...))
    a = article(read(p, settings))
    assert (a.name, a.source, a.text) == ("one", str(p), STORY)


def test_json_file_list_with_a_bad_item(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "many.json"
    p.write_text("[" + ",".join([_line(text="first"), '{"title": "no text"}', _line(text="third")]) + "]")
    results = read(p, settings)
    assert [type(r).__name__ for r in results] == ["Article", "IngestFailure", "Article"]
    assert results[1] == IngestFailure(f"{p}[1]", "item 1: no text field")


@pytest.mark.parametrize("content, reason", [
    ('{"text": "unclosed', "malformed JSON: "),
    ("[]", "empty (a JSON list with no articles)"),
    ('"just a string"', "not a JSON object or a list of objects"),
    ('{"exchanges": []}', "no text field"),
])
def test_json_file_failures(tmp_path: Path, settings: Settings, content: str, reason: str) -> None:
    p = tmp_path / "x.json"
    p.write_text(content)
    assert failure(read(p, settings)).reason.startswith(reason)


def test_json_file_holding_json_lines(tmp_path: Path, settings: Settings) -> None:
    p = tmp_path / "lines.json"
    p.write_text(_jsonl([_line(text="one"), _line(text="two")]))
    assert [a.text for a in read(p, settings)] == ["one", "two"]


# --- the real evaluation corpora ----------------------------------------------------------------

def test_dev_corpora_read_cleanly(settings: Settings) -> None:
    from conftest import DEV, require_shared

    require_shared()
    for corpus in ("seeds", "whitehouse"):
        gold = json.loads((DEV / corpus / "gold.json").read_text())
        labels = json.loads((DEV / corpus / "labels.json").read_text())["relevant"]
        results = read(DEV / corpus / "articles", settings)
        assert all(isinstance(r, Article) for r in results)
        names = {r.name for r in results}
        assert names == set(labels)
        assert {a for x in gold["exchanges"] for a in x["articles"]} <= names
        assert all(r.published is not None for r in results)
