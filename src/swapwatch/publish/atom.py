"""Atom 1.0 documents (RFC 4287) written with ``xml.etree``, never by joining strings.

Every text that reaches the XML goes through ``xml_text``: the characters XML 1.0 forbids
(most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped, so an article holding them
cannot make the feed unreadable; the rest is escaped by the serializer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
MAX_TEXT_CHARS = 4_000          # a summary is a paragraph, whatever an evidence sentence holds

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object, limit: int = MAX_TEXT_CHARS) -> str:
    """``value`` as text XML 1.0 can hold, at most ``limit`` characters."""
    text = _NOT_XML.sub("", str(value or ""))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def rfc3339(moment: datetime) -> str:
    """An RFC 3339 timestamp in UTC ('2024-08-01T10:00:00Z'); a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Entry:
    id: str
    title: str
    updated: datetime
    link: str
    summary: str
    author: str
    published: datetime | None = None
    categories: list[str] = field(default_factory=list)


@dataclass
class Feed:
    id: str
    title: str
    updated: datetime
    self_link: str
    alternate_link: str
    author: str
    subtitle: str = ""
    generator: str = "swapwatch"
    entries: list[Entry] = field(default_factory=list)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _author(parent: ET.Element, name: str) -> None:
    _add(_add(parent, "author"), "name", name)


def render(feed: Feed) -> bytes:
    """The feed as a UTF-8 XML document."""
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed")
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle)
    _add(root, "updated", rfc3339(feed.updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    _author(root, feed.author)
    _add(root, "generator", feed.generator)
    for entry in feed.entries:
        node = _add(root, "entry")
        _add(node, "id", entry.id)
        _add(node, "title", entry.title)
        _add(node, "updated", rfc3339(entry.updated))
        if entry.published is not None:
            _add(node, "published", rfc3339(entry.published))
        _add(node, "link", rel="alternate", type="text/html", href=entry.link)
        _author(node, entry.author)
        for term in entry.categories:
            _add(node, "category", term=term)
        _add(node, "summary", entry.summary, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
