"""Bytes to text without guessing: BOMs and declared charsets are honoured, otherwise strict UTF-8.

A file that is not what it claims fails with the offending byte and its offset, so the
user can fix the file; silently decoding it as Latin-1 would store mojibake forever.
"""
from __future__ import annotations

import codecs
import re

from .failure import Reject

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),    # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.I)

# What browsers do with these labels (WHATWG Encoding Standard): Latin-1 and ASCII mean
# windows-1252, and a UTF-16 label in an ASCII-readable page means UTF-8.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "utf8": "utf-8",
}


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (meta tag or XML declaration)."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    return known_charset(m.group(1).decode("ascii", "replace"))


def known_charset(label: str | None) -> str | None:
    """The codec a charset label means, as browsers read it; None for an unknown label."""
    label = (label or "").strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    if not label:
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None            # unknown label: fall back to UTF-8, strictly


def _byte_problem(data: bytes, err: UnicodeDecodeError, label: str, shift: int = 0) -> Reject:
    offset = err.start + shift
    return Reject(f"not valid {label} (byte 0x{data[offset]:02x} at offset {offset})")


def looks_like_bomless_utf16(data: bytes) -> bool:
    """Mostly-Latin text saved as UTF-16 with no BOM: a NUL in every other byte, on one side.

    Only used to name the problem in the failure: the bytes are still not decoded by guess.
    """
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 4:
        return False
    even_nul = head[0::2].count(0)
    odd_nul = head[1::2].count(0)
    return max(even_nul, odd_nul) >= 0.6 * pairs and min(even_nul, odd_nul) <= 0.05 * pairs


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Decode ``data``: a BOM wins, then ``charset`` (declared by the document), then UTF-8.

    Raises Reject for NUL bytes without a BOM (a binary file) and for undecodable bytes.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                if bom == codecs.BOM_UTF32_LE:
                    continue        # FF FE 00 00 is also UTF-16 whose first character is NUL
                shift = len(bom) if codec == "utf-8-sig" else 0   # utf-8-sig counts after the BOM
                raise _byte_problem(data, e, label, shift) from None
    if b"\x00" in data:
        if looks_like_bomless_utf16(data):
            raise Reject("looks like UTF-16 without a byte-order mark: save it as UTF-8, or as "
                         "UTF-16 with a BOM")
        raise Reject("binary file (NUL bytes)")
    if charset and charset not in ("utf-8",):
        if charset == "cp1252":
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return data.decode("latin-1")   # the five unassigned bytes: C1 controls, as browsers do
        try:
            return data.decode(charset)
        except UnicodeDecodeError as e:
            raise _byte_problem(data, e, f"{charset} as declared") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _byte_problem(data, e, "UTF-8") from None
