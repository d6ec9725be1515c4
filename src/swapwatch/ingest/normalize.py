"""Text normalisation and content ids.

The normalised text is what gets stored and parsed, so every evidence offset refers
to it; it must therefore be deterministic and idempotent. The id is computed from a
further-folded form so that the same article reformatted (other line wrapping, other
case in a headline, CRLF files) is recognised as the same article.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Line breaks other than \n that editors and feeds produce.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
                              "\u2028": "\n", "\u2029": "\n"})

# Invisible characters that split words for every matcher downstream (soft hyphen inside a
# name, zero-width spaces, byte-order marks, bidirectional marks). ZWJ/ZWNJ are kept: they
# are part of the spelling in Persian, Indic scripts and emoji.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


# Unicode spaces other than U+0020 (category Zs): they become plain spaces.
_OTHER_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
    del table[ord("\n")], table[ord("\t")]   # control characters go, except these two
    table.update({ord(ch): " " for ch in _OTHER_SPACES})
    table.update({ord(ch): None for ch in _INVISIBLE})
    return table


_TABLE = _build_table()   # a small dict: cheap enough to build at import


_SPACES = re.compile(r"[ \t]+")
_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_RUNS = re.compile(r"\n{3,}")
_ANY_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line endings, no control characters, single spaces, at most one blank line.

    Tabs and Unicode spaces become plain spaces; each line is trimmed; runs of blank
    lines collapse to a single blank line (paragraph breaks survive, layout does not).
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS).translate(_TABLE)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _EDGE_SPACES.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def fold_for_id(text: str) -> str:
    """The form the id hashes: normalised, casefolded, every whitespace run one space."""
    return _ANY_SPACE.sub(" ", normalize_text(text).casefold()).strip()


def article_id(text: str) -> str:
    """First 20 hex characters of the SHA-256 of :func:`fold_for_id`: same article, same id."""
    return hashlib.sha256(fold_for_id(text).encode("utf-8")).hexdigest()[:20]
