"""Size and shape limits on one input: enforced, reported with the setting that sets them.

Tests assert the outcome (rejected with this reason, or read), never a duration; the
times these limits bound are printed by benchmarks and recorded in the commit messages.
"""
from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

from swapwatch.errors import ConfigError
from swapwatch.ingest.failure import Reject
from swapwatch.ingest.readers import IngestFailure, read_paths
from swapwatch.model import Article
from swapwatch.settings import LIMITS, Settings, load_settings

MB = 1024 * 1024
STORY = "Moscow released two American citizens on Thursday. They landed in Ankara hours later."
PAGE_PARAGRAPH = f"<p>{STORY}</p>"


@pytest.fixture
def settings() -> Settings:
    return Settings(db_url="sqlite://")


def read(path: Path, settings: Settings) -> list[Article | IngestFailure]:
    return list(read_paths([path], settings))


def one_failure(results: list) -> IngestFailure:
    assert len(results) == 1 and isinstance(results[0], IngestFailure), results
    return results[0]


def page(body: str) -> str:
    return f"<html><body>{body}</body></html>"


# --- bytes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".html", ".md", ".json"])
def test_fifty_megabyte_file_is_refused_by_its_size_before_reading(tmp_path: Path, settings: Settings,
                                                                     suffix: str) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as f:          # a sparse file of NUL bytes: read, it would fail as binary
        f.truncate(50 * MB)
    failure = one_failure(read(path, settings))
    assert failure.reason == "50.0 MB over the 5 MB limit"


@pytest.mark.parametrize("compressed", [False, True])
def test_fifty_megabyte_json_line_is_refused_and_the_next_lines_read(tmp_path: Path, compressed: bool) -> None:
    settings = Settings(db_url="sqlite://", max_bytes=1 * MB)
    huge = json.dumps({"text": "x" * (50 * MB)}).encode()
    lines = [json.dumps({"text": "First story."}).encode(), huge, json.dumps({"text": STORY}).encode()]
    data = b"\n".join(lines) + b"\n"
    path = tmp_path / ("feed.jsonl.gz" if compressed else "feed.jsonl")
    path.write_bytes(gzip.compress(data, compresslevel=1) if compressed else data)
    del huge, lines, data
    tracemalloc.start()
    try:
        results = read(path, settings)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(r) for r in results] == [Article, IngestFailure, Article]
    assert results[1].source == f"{path}:2"
    assert results[1].reason == "line 2: 50.0 MB over the 1 MB limit"
    assert results[2].text == STORY
    assert peak < 8 * MB, f"the reader held {peak / MB:.1f} MB: the 50 MB line was kept in memory"


def test_text_over_two_million_characters(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "long.txt"
    path.write_text(("Word " * 420_000).strip(), encoding="utf-8")       # 2.1M characters, 2 MB
    failure = one_failure(read(path, settings))
    assert failure.reason == "text is 2,099,999 characters, over the 2,000,000-character limit"


# --- HTML shape -----------------------------------------------------------------------------

def test_hundred_thousand_nested_divs_are_refused_without_parsing(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "deep.html"
    path.write_text(page("<div>" * 100_000 + PAGE_PARAGRAPH + "</div>" * 100_000), encoding="utf-8")
    failure = one_failure(read(path, settings))
    assert failure.reason == ("HTML elements nested over 250 deep, the limit "
                              "(SWAPWATCH_MAX_HTML_DEPTH)")


def test_nesting_past_the_limit_still_never_crashes_the_parser(tmp_path: Path) -> None:
    """Raised past what libxml2 handles, deep pages fail cleanly inside the parser instead."""
    settings = Settings(db_url="sqlite://", max_html_depth=1_000_000, max_html_tags=1_000_000)
    path = tmp_path / "deep.html"
    path.write_text(page("<div>" * 100_000 + PAGE_PARAGRAPH + "</div>" * 100_000), encoding="utf-8")
    failure = one_failure(read(path, settings))
    assert failure.reason == "no main text found in the HTML"


def test_ordinary_nesting_and_unclosed_paragraphs_are_read(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "ok.html"
    unclosed = "".join(f"<p>{STORY} Paragraph {i}." for i in range(400))      # <p> left open: not depth
    path.write_text(page("<div>" * 200 + f"<article>{unclosed}</article>" + "</div>" * 200
                         + "<script>for (i = 0; i<n; i++) {}</script>" * 400), encoding="utf-8")
    [article] = read(path, settings)
    assert isinstance(article, Article) and article.text.startswith(STORY)


def test_too_many_tags(tmp_path: Path) -> None:
    settings = Settings(db_url="sqlite://", max_html_tags=1_000)
    path = tmp_path / "tags.html"
    path.write_text(page(PAGE_PARAGRAPH + "<span>x</span>" * 600), encoding="utf-8")
    failure = one_failure(read(path, settings))
    assert failure.reason == "HTML has over 1,000 tags, the limit (SWAPWATCH_MAX_HTML_TAGS)"


def test_the_tag_scan_is_the_same_whether_tags_are_taken_at_once_or_one_by_one() -> None:
    from swapwatch.ingest.html import check_html_limits

    # 7 tags and 30 stray "<" in the text: at a limit of 10 tags the scan cannot take them all at
    # once (37 "<"), and must still find the page within it, with the same attribute count.
    markup = page('<div class="a" id="b">' + "if a < b then c < d; " * 15 + '<p lang="en">x</p></div>')
    at_once = check_html_limits(markup, Settings(db_url="sqlite://", max_html_tags=100))
    one_by_one = check_html_limits(markup, Settings(db_url="sqlite://", max_html_tags=10))
    assert at_once == one_by_one == len(' class="a" id="b"') + len(' lang="en"')
    deep = page("<div>" * 30 + "a < b" * 40)
    for max_tags in (1_000, 40):          # at once, then one by one: the depth limit either way
        with pytest.raises(Reject, match="nested over 20 deep"):
            check_html_limits(deep, Settings(db_url="sqlite://", max_html_tags=max_tags, max_html_depth=20))


def test_default_tag_limit_refuses_half_a_million_tags(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "tags.html"
    path.write_text(page(PAGE_PARAGRAPH + "<b>x</b>" * 250_000), encoding="utf-8")     # 4.6 MB
    assert one_failure(read(path, settings)).reason.startswith("HTML has over 100,000 tags")


@pytest.mark.parametrize("attribute", ['a{}="v"', "b{}", "c{}=unquoted"])
def test_attribute_flood_on_one_element(tmp_path: Path, settings: Settings, attribute: str) -> None:
    attrs = " ".join(attribute.format(i) for i in range(200_000))
    path = tmp_path / "attrs.html"
    path.write_text(page(f"<div {attrs}>{PAGE_PARAGRAPH}</div>"), encoding="utf-8")
    failure = one_failure(read(path, settings))
    assert failure.reason == ("an HTML <div> element has 200,000 attributes, over the 1,000-attribute "
                              "limit (SWAPWATCH_MAX_HTML_ATTRIBUTES)")


def test_attribute_flood_that_never_closes(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "attrs.html"
    path.write_text(page(PAGE_PARAGRAPH + "<img " + " ".join(f"x{i}" for i in range(5_000))),
                    encoding="utf-8")
    assert "5,000 attributes" in one_failure(read(path, settings)).reason


def test_many_ordinary_attributes_are_fine(tmp_path: Path, settings: Settings) -> None:
    attrs = " ".join(f'data-k{i}="v{i}"' for i in range(900))
    path = tmp_path / "ok.html"
    path.write_text(page(f"<article {attrs}>{PAGE_PARAGRAPH}</article>"), encoding="utf-8")
    [article] = read(path, settings)
    assert isinstance(article, Article) and article.text == STORY


# --- Markdown front matter --------------------------------------------------------------------

def test_front_matter_over_its_limit(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "story.md"
    path.write_text("---\n" + "k: v\n" * 20_000 + "---\n" + STORY, encoding="utf-8")
    failure = one_failure(read(path, settings))
    assert failure.reason == ("front matter is 100,000 characters, over the 65,536-character limit "
                              "(SWAPWATCH_MAX_FRONT_MATTER_CHARS)")


def test_front_matter_nested_brackets(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: " + "[" * 20_000 + "\n---\n" + STORY, encoding="utf-8")
    assert one_failure(read(path, settings)).reason == "front matter nests brackets over 50 deep"


# --- settings -------------------------------------------------------------------------------

def test_every_limit_is_a_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for i, name in enumerate(LIMITS):
        monkeypatch.setenv(f"SWAPWATCH_{name.upper()}", str(1000 + i))
    loaded = load_settings("sqlite://")
    assert [getattr(loaded, name) for name in LIMITS] == [1000 + i for i in range(len(LIMITS))]


@pytest.mark.parametrize("name", list(LIMITS))
def test_limits_must_be_positive(name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings(db_url="sqlite://").with_(**{name: 0})


def test_every_limit_reason_names_its_variable() -> None:
    assert all(f"SWAPWATCH_{name.upper()}" in hint for name, hint in LIMITS.items())
