"""Property-based tests over every input reader: hostile bytes never crash a run.

Properties: read_paths never raises; every bad item is exactly one IngestFailure with a
source and a reason; a good item reads the same whether or not bad ones surround it; ids
follow the text; and the text it yields holds nothing a database refuses (checked by
storing it on the backend under test: PostgreSQL rejects NUL in text).
"""
from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings as hsettings, strategies as st

from swapwatch.ingest.normalize import article_id, normalize_text
from swapwatch.ingest.readers import IngestFailure, Skipped, read_paths
from swapwatch.model import Article
from swapwatch.relevance import score_relevance
from swapwatch.settings import Settings

SETTINGS = Settings(db_url="sqlite://", max_bytes=64 * 1024)
FAST = hsettings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".md", ".json", ".jsonl", ".jsonl.gz", ".dat", ""]

# Text a news feed might carry, hostile parts included: every plane, controls, NUL, lone
# surrogates (via JSON escapes), bidirectional and zero-width marks.
ODD_CHARS = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\u202e",
                             "\u2066", "\ufeff", "\u00ad", "\u2028", "\r", "\t", "\ufffd", "\U0001f600"])
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(), ODD_CHARS), max_size=300)
WORDS = st.lists(st.sampled_from(["Moscow", "released", "Ivanov", "in", "a", "swap", "for", "two",
                                  "prisoners", "détenu", "Тегеран", "." , ",", "\n", "\n\n"]),
                 min_size=1, max_size=40).map(" ".join)
GOOD_TEXT = WORDS.filter(lambda t: normalize_text(t) != "")


def read(paths: list[Path], settings: Settings = SETTINGS) -> list[Article | IngestFailure]:
    return list(read_paths(paths, settings))


def assert_clean(results: list[Article | IngestFailure]) -> None:
    """What every result must be, whatever went in."""
    for r in results:
        assert isinstance(r, (Article, IngestFailure)), r
        if isinstance(r, IngestFailure):
            assert r.source and r.reason.strip(), r
            r.source.encode("utf-8"), r.reason.encode("utf-8")       # printable and storable
            assert "\x00" not in r.source + r.reason
            continue
        assert r.text and r.text == normalize_text(r.text)
        assert r.id == article_id(r.text)
        for value in (r.text, r.title, r.url, r.outlet, r.name, r.source, r.language):
            if value is not None:
                value.encode("utf-8")                                # no lone surrogate
                assert not any(c in value for c in "\x00\x01\x1b\x7f\r"), value
        assert "\ufeff" not in r.text and "\u202e" not in r.text and "\u200b" not in r.text


def write(path: Path, data: bytes) -> Path:
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    return path


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_in_any_format(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"input{suffix}", data)
        results = read([path])
        assert_clean(results)
        if suffix in (".txt", ".html", ".md"):            # one file, one result
            assert len(results) == 1 and (isinstance(results[0], Article) or results[0].source == str(path))


@FAST
@given(text=ANY_TEXT, suffix=st.sampled_from(SUFFIXES))
def test_random_text_as_utf8_in_any_format(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"input{suffix}", text.encode("utf-8", "surrogatepass"))
        assert_clean(read([path]))


@FAST
@given(text=ANY_TEXT)
@example(text="\u00ce")
@example(text="\u00ee")     # the same article as the one before, in another case
def test_json_escapes_nul_surrogates_and_controls(store, text: str) -> None:
    """JSON can smuggle what UTF-8 cannot ('\\ud800', '\\u0000'): the article still stores."""
    with tempfile.TemporaryDirectory() as tmp:
        record = {"id": text[:20], "title": text, "text": "Moscow released Ivanov. " + text,
                  "outlet": text, "url": text, "published": text}
        path = write(Path(tmp) / "feed.jsonl", json.dumps(record).encode("ascii"))
        results = read([path])
        assert_clean(results)
        assert [type(r) for r in results] == [Article]
        article = results[0]
        before = store.article(article.id)   # the store lives across examples
        store.add_articles([(article, score_relevance(article))])
        back = store.article(article.id)
        assert back is not None
        if before is None:
            assert back.text == article.text and back.title == article.title
        else:
            # ids hash the casefolded text: "... Î" after "... î" is that article again, stored once
            assert back == before and back.text.casefold() == article.text.casefold()


TEXT_CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]


@FAST
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200),
       codec=st.sampled_from(TEXT_CODECS))
@example(text="\x000", codec="utf-16")        # FF FE 00 00: a UTF-32 BOM at first sight
def test_text_files_in_odd_encodings(text: str, codec: str) -> None:
    """A BOM or UTF-8 reads exactly; anything else reads exactly or fails naming the problem."""
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "story.txt", data)
        [result] = read([path])
        assert_clean([result])
        expected = normalize_text(text)
        if codec == "utf-8" and "\x00" in text:                  # NUL without a BOM: binary
            assert isinstance(result, IngestFailure) and "NUL" in result.reason
        elif codec in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):   # self-describing: read as written
            if expected:
                assert isinstance(result, Article) and result.text == expected
            else:
                assert isinstance(result, IngestFailure) and result.reason.startswith("empty")
        elif isinstance(result, IngestFailure):
            assert any(word in result.reason for word in ("UTF-8", "UTF-16", "NUL", "empty")), result


BAD_LINES = st.one_of(
    st.binary(max_size=200).map(lambda b: b"\xff" + b.replace(b"\n", b"")),       # not UTF-8
    st.text(max_size=80).map(lambda t: ("x" + t.replace("\n", " ")).encode("utf-8", "surrogatepass")),
    st.integers(1, 5000).map(lambda n: b"[" * n),                                # unclosed / too deep
    st.integers(1, 5000).map(lambda n: b"[" * n + b"]" * n),                     # a list, not an object
    st.sampled_from([b'{"text": 5}', b'{"text": null}', b'{"title": null}',
                     b'{"id": ' + b"9" * 5000 + b', "text": "Five thousand digits."}',
                     b'{"text": "unterminated', b'"just a string"', b"\x00\x00\x00"]),
)
# Empty records are skipped and counted (issue 12), not failed: no result of their own.
EMPTY_LINES = st.sampled_from([b"{}", b'{"text": "   "}', b'{"text": ""}', b"", b"  \r"])


def jsonl_line(text: str) -> bytes:
    return json.dumps({"text": text, "title": "T"}).encode("utf-8")


@FAST
@given(lines=st.lists(st.one_of(GOOD_TEXT.map(lambda t: ("good", t)), BAD_LINES.map(lambda b: ("bad", b)),
                                EMPTY_LINES.map(lambda b: ("empty", b))),
                      min_size=1, max_size=12),
       gz=st.booleans())
def test_json_lines_good_read_identically_among_bad(lines: list, gz: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = [jsonl_line(v) if kind == "good" else v for kind, v in lines]
        path = write(Path(tmp) / ("feed.jsonl.gz" if gz else "feed.jsonl"), b"\n".join(raw) + b"\n")
        results = read([path])
        assert_clean(results)
        empty = sum(kind == "empty" for kind, _ in lines)
        if empty == len(lines):
            assert len(results) == 1 and isinstance(results[0], IngestFailure)   # nothing in it at all
            return
        if empty:
            skipped = results.pop()
            assert isinstance(skipped, Skipped) and skipped.count == empty and skipped.source == str(path)
        numbered = [(n, kind, value) for n, (kind, value) in enumerate(lines, 1) if kind != "empty"]
        assert len(results) == len(numbered)       # one result per line: bad lines are one failure each
        for (n, kind, value), result in zip(numbered, results):
            assert result.source == f"{path}:{n}"
            if kind == "bad":
                assert isinstance(result, IngestFailure) and result.reason.startswith(f"line {n}: ")
                continue
            alone = read([write(Path(tmp) / f"alone{n}.jsonl", jsonl_line(value))])
            assert isinstance(result, Article) and isinstance(alone[0], Article)
            assert (result.id, result.text, result.title) == (alone[0].id, alone[0].text, alone[0].title)


@FAST
@given(texts=st.lists(GOOD_TEXT, min_size=1, max_size=8), cut=st.floats(0.0, 1.0))
def test_truncated_gzip_keeps_the_lines_before_the_damage(texts: list[str], cut: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        whole = gzip.compress(b"\n".join(jsonl_line(t) for t in texts) + b"\n", mtime=0)
        path = Path(tmp) / "feed.jsonl.gz"
        path.write_bytes(whole[:int(len(whole) * cut)])
        results = read([path])
        assert_clean(results)
        articles = [r for r in results if isinstance(r, Article)]
        failures = [r for r in results if isinstance(r, IngestFailure)]
        assert [a.text for a in articles] == [normalize_text(t) for t in texts[:len(articles)]]
        assert len(failures) <= 1                   # the damage is reported once, where it is
        assert failures or len(articles) == len(texts)


@FAST
@given(items=st.lists(st.one_of(GOOD_TEXT.map(lambda t: {"text": t}),
                                st.sampled_from([5, None, [], "text", {"text": 5}, {"body": None}, {}])),
                      min_size=1, max_size=10))
def test_json_list_one_failure_per_bad_item(items: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "list.json", json.dumps(items).encode("utf-8"))
        results = read([path])
        assert_clean(results)
        assert len(results) == len(items)
        for i, (item, result) in enumerate(zip(items, results)):
            assert result.source == f"{path}[{i}]"
            good = isinstance(item, dict) and isinstance(item.get("text"), str)
            assert isinstance(result, Article) == good, (item, result)


FRONT = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["title: [unclosed", "date: 2024-13-45", "title: !!python/object:os.system x",
                     "a: &x [*x]", "- just\n- a list", "published: 99999-01-01", "? [a, b]\n: c",
                     "[" * 3000, "title: " + "&a [" * 10]),
)


@FAST
@given(front=FRONT, body=GOOD_TEXT, close=st.booleans())
def test_markdown_front_matter_never_crashes(front: str, body: str, close: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.md"
        path.write_text("---\n" + front + ("\n---\n" if close else "\n") + body,
                        encoding="utf-8", errors="surrogatepass")
        [result] = read([path])
        assert_clean([result])
        if isinstance(result, IngestFailure):
            assert result.source == str(path)


@FAST
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".html", ".md", ".json", ".jsonl", ".dat"]),
                                st.one_of(GOOD_TEXT.map(lambda t: ("good", t)),
                                          st.binary(max_size=300).map(
                                              lambda b: ("bad", b"\x00\x01" + b.replace(b"\n", b"")))),
                                st.one_of(st.none(), st.binary(max_size=60))),   # a sidecar, maybe broken
                      min_size=1, max_size=6))
def test_folder_mixing_formats_good_and_bad(files: list) -> None:
    """Each good file reads as it does alone; each bad one (or bad sidecar) is one failure."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        expected: dict[str, str] = {}
        for i, (suffix, (kind, value), sidecar) in enumerate(files):
            path = folder / f"f{i:02d}{suffix}"
            if kind == "good":
                content = good_file(suffix, value)
            else:
                content = value
            path.write_bytes(content)
            has_sidecar = sidecar is not None and suffix in (".txt", ".html", ".md")
            if has_sidecar:
                (folder / f"f{i:02d}.json").write_bytes(sidecar)
            expected[str(path)] = kind if not has_sidecar else "sidecar"
        results = read([folder])
        assert_clean(results)
        by_file: dict[str, list] = {}
        for r in results:
            by_file.setdefault(r.source.split(":")[0].split("[")[0], []).append(r)
        assert set(by_file) == set(expected)
        for source, kind in expected.items():
            got = by_file[source]
            if kind == "bad":
                assert len(got) == 1 and isinstance(got[0], IngestFailure), got
            elif kind == "good":
                alone = read([Path(source)])
                assert [(type(r), getattr(r, "id", None)) for r in got] == \
                       [(type(r), getattr(r, "id", None)) for r in alone]
                assert got and (source.endswith(".html") or all(isinstance(r, Article) for r in got)), got
            else:
                assert len(got) == 1, got


def good_file(suffix: str, text: str) -> bytes:
    if suffix == ".html":
        return f"<html><body><article><p>{text}</p></article></body></html>".encode("utf-8")
    if suffix == ".md":
        return f"---\ntitle: T\n---\n{text}".encode("utf-8")
    if suffix in (".json", ".jsonl"):
        return json.dumps({"text": text}).encode("utf-8")
    return text.encode("utf-8")
