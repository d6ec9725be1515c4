"""HTML pages: the main text and metadata, read by trafilatura (imported on first use).

Scripts, styles, navigation and comments are dropped by the extraction, so attribute
payloads such as ``onerror`` never reach the stored text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .failure import Reject

if TYPE_CHECKING:
    from ..settings import Settings

_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.I)


# A start or end tag, its closing '>' optional: an attribute flood need not ever close.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)")
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=]+))?""")
# Elements that never hold others, or whose end tag pages routinely leave out: they do not
# count towards the nesting depth (an unclosed <p> per paragraph is ordinary HTML).
_NO_DEPTH = frozenset("""area base br col embed hr img input link meta param source track wbr
    p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rb rt rp
    html head body""".split())
# Raw-text blocks whose "<" is no tag ("for(i=0;i<n;i++)" in a script), and where each ends.
_RAW_OPEN = re.compile(r"<(script|style)\b|<!--", re.I)
_RAW_CLOSE = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I),
              None: re.compile(r"-->")}
# Controls that no HTML page holds and lxml refuses in a string (NUL, backspace, ...).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# The same, one by one: looking for each with ``in`` is ~20 times faster than the regex's
# scan, so the regex only runs on the rare page that holds one.
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20)))


def _segments(markup: str) -> Iterator[tuple[str, bool]]:
    """The markup in order as (piece, is_raw): scripts, styles and comments are raw (one pass;
    an unclosed one runs to the end)."""
    pos = 0
    while (m := _RAW_OPEN.search(markup, pos)) is not None:
        yield markup[pos:m.start()], False
        kind = m.group(1).lower() if m.group(1) else None
        end = _RAW_CLOSE[kind].search(markup, m.end())
        if end is None:
            yield markup[m.start():], True
            return
        yield markup[m.start():end.end()], True
        pos = end.end()
    yield markup[pos:], False


def _tag_soup(markup: str) -> str:
    """The markup without scripts, styles and comments (one pass; an unclosed one ends it)."""
    if "<" not in markup:
        return markup
    return "".join(piece for piece, raw in _segments(markup) if not raw)


def bound_attributes(markup: str, limit: int) -> tuple[str, int]:
    """(the markup with every attribute past the first ``limit`` of the page removed, how many).

    lxml and trafilatura hold ~1 KB per attribute (720 elements of 999 attributes, 5 MB of
    HTML: 800 MB), so the number a page may bring is bounded; the first ones (the <head>'s
    metadata, the article's classes) are kept. Scripts, styles and comments stay as they are.
    """
    seen = 0
    dropped = 0

    def tag(m: re.Match[str]) -> str:
        nonlocal seen, dropped
        inside = m.group(3)
        if "=" not in inside and not inside.strip(" \t\r\n/"):
            return m.group(0)
        attributes = _ATTRIBUTE.findall(inside)
        room = max(0, limit - seen)
        seen += len(attributes)
        if len(attributes) <= room:
            return m.group(0)
        dropped += len(attributes) - room
        closing = "/" if inside.rstrip().endswith("/") else ""
        kept = " ".join(attributes[:room])
        return f"<{m.group(1)}{m.group(2)}{' ' + kept if kept else ''}{closing}"

    parts = [piece if raw else _TAG.sub(tag, piece) for piece, raw in _segments(markup)]
    return ("".join(parts), dropped) if dropped else (markup, 0)


def _tag_parts(soup: str, max_tags: int) -> Iterable[tuple[str, str, str]]:
    """(closing slash, name, inside) of each tag in ``soup``, in order.

    Taken in one ``findall`` call when the page cannot hold more than ``max_tags`` tags (it
    has no more "<" than that): ~25% faster than a match object per tag. A page with more is
    matched tag by tag, so that the scan stops at the limit without holding every tag."""
    if soup.count("<") <= max_tags:
        return _TAG.findall(soup)
    return (m.groups() for m in _TAG.finditer(soup))


def check_html_limits(markup: str, settings: "Settings") -> int:
    """Refuse a page whose shape would make parsing slow or deep, before parsing it; else
    return how many attributes its tags could hold at most (the characters inside them).

    trafilatura spends ~0.1 ms per tag, libxml2 checks one element's attributes against
    each other (100,000 attributes: minutes), and text nested beyond libxml2's depth is
    dropped. One linear scan counts tags, the attributes of each, and how deep
    elements nest, outside scripts, styles and comments. libxml2 gives up on a page nested
    about 255 deep (trafilatura then finds no text at all), hence the default depth limit.
    Every attribute takes a character inside its tag, so a page whose tags hold fewer
    characters than ``max_html_total_attributes`` needs no ``bound_attributes`` pass.
    """
    from ..settings import limit_hint

    tags = depth = deepest = attributes_at_most = 0
    long_inside = 2 * settings.max_html_attributes      # every attribute takes 2+ characters
    for closing, name, inside in _tag_parts(_tag_soup(markup), settings.max_html_tags):
        tags += 1
        if tags > settings.max_html_tags:
            raise Reject(f"HTML has over {settings.max_html_tags:,} tags, the limit "
                         f"{limit_hint('max_html_tags')}")
        name = name.lower()
        attributes_at_most += len(inside)
        if len(inside) > long_inside:
            count = len(_ATTRIBUTE.findall(inside))
            if count > settings.max_html_attributes:
                raise Reject(f"an HTML <{name}> element has {count:,} attributes, over the "
                             f"{settings.max_html_attributes:,}-attribute limit "
                             f"{limit_hint('max_html_attributes')}")
        if name in _NO_DEPTH or (inside and inside.rstrip().endswith("/")):
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > settings.max_html_depth:
                raise Reject(f"HTML elements nested over {settings.max_html_depth:,} deep, the limit "
                             f"{limit_hint('max_html_depth')}")
    return attributes_at_most


def prepare_markup(markup: str, settings: "Settings | None" = None,
                   notes: list[str] | None = None) -> str:
    """The page made safe to hand to lxml: checked against the HTML limits in ``settings``
    (Reject past one), attributes past ``max_html_total_attributes`` dropped (a line in
    ``notes``), the XML declaration and the control characters lxml refuses removed.

    Both readers of a page (``extract_html`` and ``quicktext.quick_text``) parse only markup
    that went through here, so a page is checked once however many times it is read."""
    if settings is not None:
        from ..settings import limit_hint

        dropped = 0
        if check_html_limits(markup, settings) > settings.max_html_total_attributes:
            markup, dropped = bound_attributes(markup, settings.max_html_total_attributes)
        if dropped and notes is not None:
            notes.append(f"{dropped:,} HTML attributes past the first {settings.max_html_total_attributes:,} "
                         f"of the page were dropped, the limit {limit_hint('max_html_total_attributes')}")
    # lxml refuses str input that still carries an XML encoding declaration.
    markup = _XML_DECL.sub("", markup, count=1)
    return _CONTROLS.sub("", markup) if any(c in markup for c in _CONTROL_CHARS) else markup


def page_language(markup: str) -> str | None:
    """The ``<html lang>`` of the page, as written, when it is near the start."""
    lang = _HTML_LANG.search(markup[:5000])
    return lang.group(1) if lang else None


def extract_html(markup: str, settings: "Settings | None" = None,
                 notes: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    """(main text, metadata with title/url/outlet/published/language where found).

    With ``settings``, the page is first checked against the HTML limits there, and
    attributes past ``max_html_total_attributes`` are dropped, with a line in ``notes``.
    """
    return extract_prepared(prepare_markup(markup, settings, notes))


def extract_prepared(markup: str) -> tuple[str, dict[str, Any]]:
    """``extract_html`` for markup that already went through ``prepare_markup``."""
    import trafilatura   # heavy: imported only when an HTML file is read

    try:
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as e:   # trafilatura/lxml on a broken page: one failure, not a crash
        raise Reject(f"HTML extraction failed: {type(e).__name__}: {e}") from None
    if doc is None:
        raise Reject("no main text found in the HTML")
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        raise Reject("no main text found in the HTML")
    # One line per block (heading, paragraph, list item): make each its own paragraph, as in
    # the plain-text corpora, so a heading never runs into the sentence after it.
    text = "\n\n".join(line for line in text.splitlines() if line.strip())
    meta: dict[str, Any] = {}
    for src, dst in (("title", "title"), ("url", "url"), ("sitename", "outlet"), ("date", "published")):
        if data.get(src):
            meta[dst] = data[src]
    language = page_language(markup)
    if language:
        meta["language"] = language
    return text, meta
