"""A page's text read cheaply with lxml alone: the screen in front of trafilatura for web archives.

Why it exists: trafilatura takes ~10 ms a page, most of the time of ingesting a web archive,
and in a news crawl almost every page is about something else than a detention. Such a page
is stored, judged not relevant and never read by the extractor, so its text only has to be
good enough to judge it. ``quick_text`` parses the page once, drops what is never the
article (scripts, styles, navigation, headers, footers, asides, forms, figures, comments),
keeps the ``<article>``, ``[itemprop=articleBody]`` or ``<main>`` when the page has one (the
whole ``<body>`` otherwise) and gives one paragraph per block element, joined by blank lines
as ``extract_html`` joins its own. A page the quick text finds relevant is read again by
trafilatura (see ``ingest.warc``), so every article the extractor reads has the full reader's text.

Why lxml and not a lexbor parser: the same reader written on selectolax gave the same text on
the WARC benchmark's pages but took 0.36 ms a page against lxml's 0.31 (lexbor parses no
faster than libxml2 there, and takes the text slower); see benchmarks/README.md.

The markup must have gone through ``html.prepare_markup`` (limits checked, attributes
bounded, XML declaration and control characters removed): this module checks nothing itself.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .failure import Reject
from .html import page_language
from .published import parse_published

# The relevance reason that marks an article whose stored text is the quick reader's.
QUICK_TEXT = "text:quick"
# Never the article's text: removed with everything inside them (their tail text is kept).
DROPPED = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure",
           "template", "iframe", "svg", "select", "button")
# Elements whose text is a paragraph of its own; text directly in any other element joins its neighbours.
BLOCKS = tuple("""p h1 h2 h3 h4 h5 h6 li blockquote pre td th dd dt div section article main
    body table tr ul ol dl br hr caption address""".split())
_BREAK = "\u2029"      # PARAGRAPH SEPARATOR: fences each block's text
_LAYOUT = ("\n", "\r", "\t", "\x0c")      # source layout inside a paragraph: each becomes a space
# Where the article is, most telling first; the page's <body> when none is there.
_MAIN_PATHS = (".//article", ".//*[@itemprop='articleBody']", ".//main")
# Where pages state when they were published, in the order they are trusted.
_DATE_META = ("article:published_time", "og:published_time", "og:article:published_time",
              "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued",
              "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date")


def _meta_values(doc: Any) -> dict[str, str]:
    """Every <meta> of the page as {lowercased property/name/itemprop: content}, the first one kept."""
    values: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _first_text(doc: Any, path: str) -> str | None:
    found = doc.find(path)
    if found is None:
        return None
    text = " ".join("".join(found.itertext()).split())
    return text or None


def _published(doc: Any, metas: dict[str, str]) -> str | None:
    """The first stated publication date that reads as a date."""
    def stated() -> Iterator[str | None]:      # lazily: most pages say it in the first <meta>
        yield from (metas.get(key) for key in _DATE_META)
        yield from (el.get("datetime") or el.get("content") for el in doc.iterfind(".//*[@itemprop='datePublished']"))
        yield from (el.get("datetime") for el in doc.iterfind(".//time[@datetime]"))

    return next((value for value in stated() if value and parse_published(value) is not None), None)


def _main_elements(body: Any) -> list[Any]:
    """The elements holding the article: every outermost match of the first kind the page has."""
    for path in _MAIN_PATHS:
        found = body.findall(path)
        if found:
            kept = set(found)
            return [el for el in found if not any(parent in kept for parent in el.iterancestors())]
    return [body]


def _fence_blocks(root: Any) -> None:
    """A paragraph separator before and after every block under ``root``, put in the short
    strings beside the block (the tail of what precedes it, its parent's leading text, its
    own tail): rewriting a block's own text would copy the whole paragraph."""
    for el in root.iter(*BLOCKS):
        if el is root:
            continue
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + _BREAK
        else:
            parent = el.getparent()
            parent.text = (parent.text or "") + _BREAK
        el.tail = _BREAK + (el.tail or "")


def _paragraphs(root: Any) -> list[str]:
    """One paragraph per block element under ``root`` (a block's text, not its blocks'),
    its whitespace runs made single spaces.

    The blocks are fenced and the text taken in one call to libxml2, then cut at the fences:
    several times faster than walking the elements, or splitting each paragraph into words,
    in Python. Unicode spaces other than these are left to ``normalize_text``."""
    from lxml import etree

    _fence_blocks(root)
    text = etree.tostring(root, method="text", encoding=str, with_tail=False)
    for space in _LAYOUT:
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return [para for piece in text.split(_BREAK) if (para := piece.strip(" "))]


def quick_text(markup: str) -> tuple[str, dict[str, Any]]:
    """(main text, metadata with title/outlet/published/language where found), read with lxml only.

    ``markup`` has been through ``html.prepare_markup``. Reject when the page holds no text."""
    from lxml import etree

    try:
        doc = etree.HTML(markup)
    except (etree.LxmlError, ValueError) as e:     # libxml2 gave up on the page
        raise Reject(f"no text found in the HTML ({e})") from None
    if doc is None:                 # an empty page
        raise Reject("no text found in the HTML")
    metas = _meta_values(doc)
    meta: dict[str, Any] = {}
    title = _first_text(doc, ".//title") or metas.get("og:title") or _first_text(doc, ".//h1")
    if title:
        meta["title"] = " ".join(title.split())
    if metas.get("og:site_name"):
        meta["outlet"] = metas["og:site_name"]
    published = _published(doc, metas)
    if published:
        meta["published"] = published
    language = page_language(markup)
    if language:
        meta["language"] = language
    etree.strip_elements(doc, etree.Comment, *DROPPED, with_tail=False)
    body = doc.find("body")
    roots = _main_elements(body if body is not None else doc)
    try:
        text = "\n\n".join(p for root in roots for p in _paragraphs(root))
    except ValueError as e:     # lxml refuses to write back a text holding a form feed, U+FFFE or U+FFFF
        raise Reject(f"no quick text: {e}") from None
    if not text:
        raise Reject("no text found in the HTML")
    return text, meta
