"""Markdown inputs: YAML front matter for metadata, and markup reduced to the words.

The extractor reads sentences, so link targets, emphasis markers and heading hashes are
noise that would end up inside evidence quotes; the words themselves are kept as written.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from .failure import Reject

_FRONT_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


# PyYAML's scanner slows with the square of bracket nesting ("[" * 3000: 2.6 s) and fails
# past ~1,000 levels anyway; metadata never nests more than a few levels.
MAX_FRONT_MATTER_NESTING = 50


def _nesting(block: str) -> int:
    """How deep [ and { open inside each other (quotes ignored: an over-count at worst)."""
    depth = deepest = 0
    for ch in block:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


class _MetaLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written: ``parse_published`` reads them, and an
    impossible one ("2024-13-45") is then an unknown date, not a lost article."""


_MetaLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str, max_chars: int = 65_536) -> tuple[dict[str, Any], str]:
    """(front matter as a dict, the body). No front matter gives an empty dict.

    A front matter block that is not closed, not valid YAML, or not a mapping is a
    Reject: the user wrote metadata and deserves to know it was not read. So is one
    over ``max_chars`` (Settings.max_front_matter_chars) or nested too deep to parse fast.
    """
    opened = _FRONT_OPEN.match(text)
    if not opened:
        return {}, text
    closing = _FRONT_CLOSE.search(text, opened.end())
    if not closing:
        raise Reject("front matter opened with --- but never closed")
    block = text[opened.end():closing.start()]
    if len(block) > max_chars:
        from ..settings import limit_hint

        raise Reject(f"front matter is {len(block):,} characters, over the {max_chars:,}-character "
                     f"limit {limit_hint('max_front_matter_chars')}")
    if ("[" in block or "{" in block) and _nesting(block) > MAX_FRONT_MATTER_NESTING:
        raise Reject(f"front matter nests brackets over {MAX_FRONT_MATTER_NESTING} deep")
    try:
        data = yaml.load(block, Loader=_MetaLoader) if block.strip() else {}  # noqa: S506 (safe)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        where = f" (line {mark.line + 2})" if mark is not None else ""   # +1 for 0-based, +1 for '---'
        raise Reject(f"broken YAML front matter: {problem}{where}") from None
    except RecursionError:
        raise Reject("broken YAML front matter: nested too deeply to read") from None
    except (ValueError, TypeError, OverflowError) as e:
        # PyYAML builds values after parsing: "date: 2024-13-45" fails as a ValueError
        raise Reject(f"broken YAML front matter: {type(e).__name__}: {e}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise Reject(f"front matter is not a mapping of fields (got a YAML {type(data).__name__})")
    body = text[closing.end():]
    return data, body.lstrip("\r\n")


_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.M)
_HTML_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_SETEXT = re.compile(r"^[ \t]*(?:=+|-{2,})[ \t]*$", re.M)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M)
_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+", re.M)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S)
_EMPH_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", re.S)
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_HIDE = 0xF0000                      # escaped ASCII characters live in the private-use area meanwhile
_HIDDEN = re.compile("[\U000F0000-\U000F007F]")


def markdown_to_text(md: str) -> str:
    """The prose of a Markdown body: links become their text, markup characters go."""
    # Escaped characters are set aside first so that "\\*" never opens an emphasis.
    text = _ESCAPE.sub(lambda m: chr(_HIDE + ord(m.group(1))), md)
    text = _HTML_BLOCK.sub(" ", text)
    text = _HTML_COMMENT.sub(" ", text)
    text = _FENCE.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _RULE.sub("", text)
    text = _SETEXT.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub(r"\1", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDER.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    return _HIDDEN.sub(lambda m: chr(ord(m.group(0)) - _HIDE), text)
