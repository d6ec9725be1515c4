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
_ODD_BREAKS = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")

# Control characters except \n and \t, and invisible characters that split words for every
# matcher downstream (soft hyphen inside a name, zero-width space, byte-order mark,
# bidirectional marks). ZWJ/ZWNJ are kept: they are part of the spelling in Persian, Indic
# scripts and emoji.
_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff"
                   "\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Surrogate code points never stand alone in real text: they come from a JSON "\\ud800"
# escape or an undecodable file name, cannot be encoded as UTF-8, and would make the
# database refuse the row. Each becomes U+FFFD, the mark for a character that was lost.
_SURROGATE = re.compile("[\ud800-\udfff]")

# Unicode spaces other than U+0020 (category Zs): they become plain spaces.
_OTHER_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

# Any character the three substitutions above would touch: one scan decides whether they run.
_SPECIAL = re.compile("[\r\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f"
                      "\u205f-\u2069\u3000\ufeff\ud800-\udfff]")


def _collapse(text: str, run: str, single: str) -> str:
    """Replace every run of ``run`` by ``single`` (str.replace passes: far faster than a regex)."""
    while run in text:
        text = text.replace(run, single)
    return text


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line endings, no control characters, single spaces, at most one blank line.

    Tabs and Unicode spaces become plain spaces; each line is trimmed; runs of blank
    lines collapse to a single blank line (paragraph breaks survive, layout does not).
    """
    if not text:
        return ""
    if _SPECIAL.search(text):
        text = _ODD_BREAKS.sub("\n", text.replace("\r\n", "\n"))
        text = _DROP.sub("", text)
        text = _OTHER_SPACES.sub(" ", text)
        text = _SURROGATE.sub("\ufffd", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "\t" in text:
        text = text.replace("\t", " ")
    text = _collapse(text, "  ", " ")
    text = text.replace(" \n", "\n").replace("\n ", "\n")     # spaces are single by now
    text = _collapse(text, "\n\n\n", "\n\n")
    return text.strip()


_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def storable(value: str) -> str:
    """A label (a path, a name, a failure reason) that every database and terminal accepts.

    Unlike :func:`normalize_text` it keeps the string as written, minus what breaks storage
    or printing: NUL and other control characters (PostgreSQL refuses NUL in text), and
    lone surrogates (an undecodable byte in a file name), which become U+FFFD.
    """
    if value.isascii() and value.isprintable():
        return value
    return _SURROGATE.sub("\ufffd", _UNSTORABLE.sub("", value))


def fold_for_id(text: str) -> str:
    """The form the id hashes: normalised, casefolded, every whitespace run one space."""
    return " ".join(normalize_text(text).casefold().split())


def article_id(text: str) -> str:
    """First 20 hex characters of the SHA-256 of :func:`fold_for_id`: same article, same id."""
    return id_of_normalized(normalize_text(text))


def id_of_normalized(text: str) -> str:
    """:func:`article_id` for text that is already normalised (skips normalising it again)."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:20]
