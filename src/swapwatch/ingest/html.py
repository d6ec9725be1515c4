"""HTML pages: the main text and metadata, read by trafilatura (imported on first use).

Scripts, styles, navigation and comments are dropped by the extraction, so attribute
payloads such as ``onerror`` never reach the stored text.
"""
from __future__ import annotations

import re
from typing import Any

from .failure import Reject

_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.I)


def extract_html(markup: str) -> tuple[str, dict[str, Any]]:
    """(main text, metadata with title/url/outlet/published/language where found)."""
    import trafilatura   # heavy: imported only when an HTML file is read

    # lxml refuses str input that still carries an XML encoding declaration.
    markup = _XML_DECL.sub("", markup, count=1)
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
    lang = _HTML_LANG.search(markup[:5000])
    if lang:
        meta["language"] = lang.group(1)
    return text, meta
