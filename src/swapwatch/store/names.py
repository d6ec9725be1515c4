"""Search keys for names: what a user types should find "Łukasz Ødegård" as "lukasz odegard"."""
from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSED = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ß": "ss",
})
_NOT_WORD = re.compile(r"[^\w\s]")


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-folded form, with single spaces between words."""
    decomposed = unicodedata.normalize("NFKD", (name or "").translate(_UNDECOMPOSED))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", bare).split())
