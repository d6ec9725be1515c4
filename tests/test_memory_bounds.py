"""Memory per article is bounded (issue 12, reproduction 6), asserted on structure, not RSS.

What grows with the input is bounded where it is made: the parser reads at most
TOKENS_PER_CALL tokens per model call and long texts in PIECE_CHARS pieces without their
tensors, and an HTML page brings at most ``max_html_total_attributes`` attributes to lxml.
Each cut is told in the run's output, naming its limit. Peak RSS is printed by
``benchmarks/memory.py``.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from swapwatch.cli import app
from swapwatch.extract import pipeline
from swapwatch.extract.nlp import load_nlp
from swapwatch.ingest.html import bound_attributes
from swapwatch.ingest.readers import Notice, read_paths
from swapwatch.model import Article
from swapwatch.settings import Settings

STORY = "Moscow released two American citizens on Thursday. They landed in Ankara hours later."


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]


def test_docs_parsed_in_token_bounded_calls_read_the_same_as_in_one_batch() -> None:
    nlp = load_nlp()
    texts = [f"{STORY} Paragraph {i} says Anna Petrova was freed." * (1 + i % 3) for i in range(7)]
    together = pipeline._run(nlp, [nlp.make_doc(t) for t in texts], max_tokens=10**9)
    bounded = pipeline._run(nlp, [nlp.make_doc(t) for t in texts], max_tokens=40)
    assert [_annotations(d) for d in bounded] == [_annotations(d) for d in together]


def test_a_call_never_holds_more_tokens_than_the_bound_unless_one_doc_does(monkeypatch) -> None:
    nlp = load_nlp()
    calls: list[int] = []
    real_pipe = nlp.pipe

    def counting_pipe(docs, **kw):
        docs = list(docs)
        calls.append(sum(len(d) for d in docs))
        return real_pipe(docs, **kw)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    docs = [nlp.make_doc(STORY * n) for n in (1, 1, 2, 9, 1)]      # 15, 15, 30, 135, 15 tokens
    out = pipeline._run(nlp, docs, max_tokens=40)
    assert [len(d) for d in out] == [len(d) for d in docs]
    assert calls == [30, 30, 135, 15]


def test_a_long_text_without_sentence_ends_is_parsed_in_pieces_cut_between_words() -> None:
    names = ", ".join(f"Anna Petrova{i}" for i in range(600))       # no '.', no paragraph break
    pieces = list(pipeline._chunks(names, 1_000))
    assert "".join(pieces) == names
    assert all(len(p) <= 1_000 for p in pieces) and len(pieces) > 5
    assert all(p.endswith(" ") for p in pieces[:-1])                # never inside a name
    doc = pipeline.parse(names, chunk_chars=1_000)
    assert doc.text == names
    assert doc.tensor.size == 0                                     # pieces' tensors are not kept


def test_ordinary_text_is_parsed_whole_with_its_tensor() -> None:
    doc = pipeline.parse(STORY)
    assert doc.text == STORY and doc.tensor.shape[0] == len(doc)


# --- HTML attributes -----------------------------------------------------------------------

def _flood(elements: int, attributes: int) -> str:
    attrs = " ".join(f"a{j}=1" for j in range(attributes))
    return ('<html><head><meta name="description" content="kept"><title>Swap</title></head><body>'
            f"<p>{STORY}</p>" + f"<p {attrs}>{STORY}</p>\n" * elements + "</body></html>")


def test_attributes_past_the_page_limit_are_dropped_and_the_first_kept() -> None:
    out, dropped = bound_attributes(_flood(10, 100), 250)
    assert dropped == 10 * 100 + 2 - 250                            # the <meta>'s 2 count too
    assert '<meta name="description" content="kept">' in out
    assert out.count("a0=1") == 3 and out.count(f"<p>{STORY}</p>") == 1 + 7


def test_scripts_and_ordinary_pages_are_left_alone() -> None:
    script = '<script>if (a<b && c>d) { x = "<p a=1 b=2>"; }</script>'
    page = f"<html><body>{script}<p class=x id=y>{STORY}</p></body></html>"
    assert bound_attributes(page, 2) == (page, 0)
    assert bound_attributes(page, 1)[0].count(script) == 1
    assert bound_attributes(page, 1) == (page.replace("<p class=x id=y>", "<p class=x>"), 1)


def test_a_page_of_attributes_is_read_with_a_notice_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "attrs.html"
    path.write_text(_flood(60, 999), encoding="utf-8")
    settings = Settings(db_url="sqlite://", max_html_total_attributes=5_000)
    notice, article = list(read_paths([path], settings))
    assert isinstance(notice, Notice) and isinstance(article, Article)
    assert notice.reason == ("54,942 HTML attributes past the first 5,000 of the page were dropped, "
                             "the limit (SWAPWATCH_MAX_HTML_TOTAL_ATTRIBUTES)")
    assert article.text.startswith(STORY)


@pytest.mark.parametrize("limit", [0, -1])
def test_the_attribute_limit_must_be_positive(limit: int) -> None:
    from swapwatch.errors import ConfigError

    with pytest.raises(ConfigError):
        Settings(db_url="sqlite://", max_html_total_attributes=limit).validate()


# --- what the run says -------------------------------------------------------------------------

def test_ingest_names_each_cut_in_its_output(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "cues.txt").write_text(
        "Prisoner swap\n\n" + "Russia released prisoners in a swap. " * 600, encoding="utf-8")
    (news / "attrs.html").write_text(_flood(20, 500), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "db.sqlite"), "-q", str(news)],
                                env={"SWAPWATCH_MAX_HTML_TOTAL_ATTRIBUTES": "1000"})
    assert result.exit_code == 0, result.output
    assert ("cut: " + str(news / "attrs.html") + ": 9,002 HTML attributes past the first 1,000 of the "
            "page were dropped, the limit (SWAPWATCH_MAX_HTML_TOTAL_ATTRIBUTES)") in result.output
    assert ("cut: " + str(news / "cues.txt") + ": the extractor read only the first 12,330 of 22,214 "
            "characters: over 1000 custody cue words, the limit swapwatch.extract.pipeline.MAX_CUES") in result.output
    assert "ingested 2" in result.output


# --- names ---------------------------------------------------------------------------------------

def test_a_list_of_names_is_cut_after_max_names_with_the_limit_named() -> None:
    names = "Russia and Ukraine swapped prisoners. Freed were " + ", ".join(
        f"Anna Petrova{chr(97 + i % 26)}" for i in range(pipeline.MAX_NAMES + 500))
    kept = pipeline.guard(names)
    assert len(pipeline._NAME_RUN.findall(kept)) == pipeline.MAX_NAMES
    assert names.startswith(kept) and len(kept) < len(names)
    reason = pipeline.text_cut(Article(id="x", text=names))
    assert reason == (f"the extractor read only the first {len(kept):,} of {len(names):,} characters: over "
                      f"{pipeline.MAX_NAMES} capitalised names, the limit swapwatch.extract.pipeline.MAX_NAMES")


def test_the_earliest_cap_wins() -> None:
    text = "Anna Petrova was released. " * 40
    assert pipeline._cut(text, 10_000, 1_000, max_names=20) == (540, "over 20 capitalised names", "MAX_NAMES")
    assert pipeline._cut(text, 10_000, 5, max_names=20)[2] == "MAX_CUES"
    assert pipeline._cut(text, 100, 5, max_names=20)[2] == "MAX_CHARS"
    assert pipeline._cut(text, 10_000, 1_000, max_names=100) is None
