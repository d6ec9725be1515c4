"""Metadata fields and the one place an Article is assembled from text plus metadata.

Every format (plain text + sidecar, HTML, Markdown front matter, JSON) ends here, so the
checks on the text (empty, too long) and the id are the same whatever the input was.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Article
from ..settings import Settings
from .failure import EmptyText, Reject
from .normalize import id_of_normalized, normalize_text, storable
from .published import parse_published

META_FIELDS = ("title", "url", "outlet", "published", "language")

# Other names the same fields go by in feeds, front matter and scrapers' JSON.
_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link", "permalink"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "published": ("published", "date", "published_at", "pubdate", "pub_date", "datetime"),
    "language": ("language", "lang"),
}
TEXT_FIELDS = ("text", "content", "body")


def _clean_str(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(normalize_text(value).split())
    return value or None


def pick_meta(record: Mapping[str, Any]) -> dict[str, Any]:
    """The metadata fields of ``record`` under their canonical names; absent ones left out."""
    meta: dict[str, Any] = {}
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name, keys in _ALIASES.items():
        for key in keys:
            value = lowered.get(key)
            if value is None:
                continue
            if name == "published":
                meta[name] = value          # parsed later: dates may be date objects (YAML)
                break
            cleaned = _clean_str(value)
            if cleaned is not None:
                meta[name] = cleaned
                break
    return meta


def record_text(record: Mapping[str, Any]) -> str:
    """The text of a JSON article; Reject with a clear reason when there is none."""
    for key in TEXT_FIELDS:
        if key in record:
            value = record[key]
            if not isinstance(value, str):
                raise Reject(f"the {key} field is not a string")
            return value
    raise Reject("no text field")


def record_name(record: Mapping[str, Any]) -> str | None:
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    if isinstance(value, int) and abs(value) >= 10 ** 64:
        return None                 # not an id anyone typed; its str() could even refuse
    return storable(str(value)).strip() or None


def build_article(raw_text: str, *, source: str, name: str | None, meta: Mapping[str, Any],
                  settings: Settings) -> Article:
    """Normalise the text, check it, and make the Article (Reject if empty or too long)."""
    text = normalize_text(raw_text)
    if not text:
        raise EmptyText("empty" if not raw_text else "empty (only whitespace)")
    if len(text) > settings.max_chars:
        raise Reject(f"text is {len(text):,} characters, over the {settings.max_chars:,}-character limit")
    return Article(
        id=id_of_normalized(text),
        text=text,
        title=_clean_str(meta.get("title")),
        url=_clean_str(meta.get("url")),
        outlet=_clean_str(meta.get("outlet")),
        published=parse_published(meta.get("published")),
        language=_clean_str(meta.get("language")),
        source=storable(source),
        name=storable(name) if name is not None else None,
    )
