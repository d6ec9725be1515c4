"""Name folding and comparison across articles.

Outlets transliterate the same person differently (Aleksei/Alexey, Yevgenia/Evgenia,
Krasikov/Krashikov), so names are compared on a phonetic key per word, with a
Jaro-Winkler fallback on the keys. Gendered pairs (Volkov/Volkova, Aleksandr/Aleksandra)
are never the same person: a wife or daughter must not be merged into a detainee.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

FULL_NAME_THRESHOLD = 0.92      # Jaro-Winkler on the whole key
LAST_TOKEN_THRESHOLD = 0.93     # ... and on the surnames (first names may differ in vowels only)
LONE_SURNAME_THRESHOLD = 0.92   # a lone word close to one known surname joins that person
LONE_MIN_LENGTH = 6             # ... if the word is long enough to mean something

_TITLES = frozenset("""
mr mrs ms miss dr prof sir dame madam mme mx
""".split())

# Ordered: multi-letter clusters first, so "shch" is seen before "sh" and "ch".
_CLUSTERS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("sh", "s"),
    ("kh", "h"), ("zh", "j"), ("dj", "j"),
    ("ph", "f"), ("th", "t"), ("ck", "k"), ("q", "k"), ("x", "ks"), ("w", "v"),
    ("tz", "ts"), ("ou", "u"),
)
_VOWELS = "aeiou"
_JOINERS = re.compile(r"['\u2019\u02bc\-\u2010\u2011]")
_POSSESSIVE = re.compile(r"['\u2019\u02bc]s?$")
# Gendered endings of one surname or first name: (masculine, feminine).
_GENDER_ENDINGS = (("", "a"), ("i", "aia"), ("ii", "aia"), ("oi", "aia"), ("o", "a"))


def fold(name: str) -> str:
    """Case, accents and punctuation removed, whitespace collapsed (the scorer's folding)."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w\s]", " ", s.lower()).replace("_", " ")
    return " ".join(s.split())


def clean_display(name: str) -> str:
    """A surface form as shown to users: whitespace collapsed, stray quotes and escapes removed."""
    s = (name or "").replace("\\", "").replace("[", "").replace("]", "")   # markdown escapes, editorial brackets
    s = s.strip(" \t\r\n\"\u201c\u201d()")
    s = _POSSESSIVE.sub("", s).strip(" '\u2018\u2019")
    return " ".join(s.split())


def tokens(name: str) -> list[str]:
    """Folded words of a name without courtesy titles ("Mr", "Dr")."""
    words = fold(_JOINERS.sub("", clean_display(name))).split()     # O'Neill, Ben-Ami: one word
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return words


@lru_cache(maxsize=65536)
def token_key(word: str) -> str:
    """Phonetic key of one folded word: the transliteration variants collapse to one spelling."""
    s = word
    for a, b in _CLUSTERS:
        s = s.replace(a, b)
    s = re.sub(r"c(?!h)", "k", s)
    if s.startswith(("ye", "je")) and len(s) > 3:
        s = "e" + s[2:]
    s = re.sub(r"(?<=[^aeiouy])yo", "e", s)          # Fyodor/Fedor, Pyotr/Petr
    s = s.replace("iya", "ia").replace("iia", "ia").replace("ya", "ia")
    s = s.replace("iy", "i").replace("y", "i")
    if len(s) > 1 and s[0] == "i" and s[1] in _VOWELS:   # Iulia/Yulia/Julia
        s = "j" + s[1:]
    s = s[:1] + s[1:].replace("j", "i")               # Sergej/Sergei
    if s.startswith("h"):                             # Gershkovich/Hershkovich
        s = "g" + s[1:]
    s = re.sub(r"(.)\1+", r"\1", s)                   # doubled letters
    s = re.sub(r"(?<=[^aeiou])er$", "r", s)           # Aleksander/Aleksandr
    return s


def key(name: str) -> tuple[str, ...]:
    """Phonetic key of a whole name, one entry per word."""
    return tuple(token_key(w) for w in tokens(name))


def is_full(name: str) -> bool:
    """Two words or more: a name that can identify a person on its own."""
    return len(tokens(name)) >= 2


def gender_variant(a: str, b: str) -> bool:
    """Masculine and feminine forms of one word (Volkov/Volkova, Evgeni/Evgenia)."""
    if a == b:
        return False
    for masc, fem in _GENDER_ENDINGS:
        for x, y in ((a, b), (b, a)):
            if x.endswith(masc) and y.endswith(fem):
                stem_x = x[: len(x) - len(masc)] if masc else x
                stem_y = y[: len(y) - len(fem)]
                if stem_x and stem_x == stem_y:
                    return True
    return False


def _first_ok(a: str, b: str) -> bool:
    """Given names that agree: equal, an initial, or a short form that begins the long one
    (Jeff/Jeffery, Alex/Alexander); the surname must then agree as well."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (len(short) == 1 and short[0] == long_[0]) or (len(short) >= 2 and long_.startswith(short))


def _last_ok(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Surnames agree, allowing a second surname or a patronymic on one side."""
    return a[-1] == b[-1] or a[-1] in b[1:] or b[-1] in a[1:]


def skeleton(k: str) -> str:
    """Consonants of a key after its first letter: vowel spellings vary (Muhammad/Mohammed)."""
    return k[:1] + re.sub(r"[aeiou]", "", k[1:])


def first_names_close(a: str, b: str) -> bool:
    """Same first name: equal keys, an initial, or only the vowels differ."""
    return _first_ok(a, b) or (skeleton(a) == skeleton(b) and not gender_variant(a, b))


def surnames_close(a: str, b: str) -> bool:
    """Near spellings of one surname; an added ending (Vinnik/Vinnikov, Volkov/Volkova) is another name."""
    if a == b:
        return True
    if gender_variant(a, b) or a.startswith(b) or b.startswith(a):
        return False
    if skeleton(a) == skeleton(b):
        return True
    return JaroWinkler.similarity(a, b) >= LAST_TOKEN_THRESHOLD


def keys_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full-name keys that may denote one person."""
    if len(a) < 2 or len(b) < 2:
        return a == b
    if a == b:
        return True
    if gender_variant(a[0], b[0]) or gender_variant(a[-1], b[-1]):
        return False
    if _first_ok(a[0], b[0]) and _last_ok(a, b):
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < len(long_) and long_[-len(short):] == short:
        return True     # "Van Kham" in "Chau Van Kham": the full name less a leading family or given name
    if not first_names_close(a[0], b[0]) or not surnames_close(a[-1], b[-1]):
        return False
    return JaroWinkler.similarity(" ".join(a), " ".join(b)) >= FULL_NAME_THRESHOLD


def names_compatible(a: str, b: str) -> bool:
    """Two surface names that may denote one person (full names only; single words must be equal)."""
    return keys_compatible(key(a), key(b))


def surname_key(name: str) -> str | None:
    """Key of the last word of a full name, None for a single word."""
    k = key(name)
    return k[-1] if len(k) >= 2 else None
