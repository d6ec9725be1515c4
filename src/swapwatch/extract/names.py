"""Names inside one article: clean surface forms and group mentions of one person.

News text writes one person many ways ("Kalob Wayne Byers", "Kalob Byers", "Byers",
"Byers's", "Mr. Byers", "BYERS"), breaks names over lines and leaves markdown escapes
("\\[Cherelle\\]"). These functions work on plain strings, so they are cheap to test.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from .roles import TITLE_WORDS

_APOS = "'\u2019\u02bc\u2018`"
_POSSESSIVE = re.compile(rf"[{_APOS}]s?$")
_ESCAPES = re.compile(r"\\([\[\]#*_`~()\\])")
_TAGS = re.compile(r"</?\w+>")
_EDGE = re.compile(rf"^[\s\"{_APOS}\u201c\u201d\[\]()*_,;:.\-\u2013\u2014]+"
                   r"|[\s\"\u201c\u201d\[\]()*_,;:\-\u2013\u2014]+$")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Particles inside a name, kept lowercase ("Tamim bin Hamad", "Ursula von der Leyen").
_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "von", "van", "der", "den", "de", "da",
                        "di", "del", "della", "du", "la", "le", "y", "abu", "ben", "dos", "das"})
_HONORIFIC_PREFIX = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Rev|St|Adm|Maj)\.?|"
    r"Sir|Dame|Lord|Lady)\s+", re.I)


# Titles that are also common given names: stripped only from longer names ("Amir Sheikh
# Tamim bin Hamad"), never when that would leave a lone surname.
GIVEN_NAME_TITLES = frozenset({"amir", "emir", "sultan", "king", "prince", "major", "sheikh", "rev",
                               "justice", "st", "saint", "father", "chancellor"})


def clean_surface(surface: str) -> str:
    """A mention as a name: no escapes, tags, line breaks, possessive, edge punctuation."""
    s = _TAGS.sub("", surface)
    s = _ESCAPES.sub(r"\1", s).replace("\\", "")
    s = " ".join(s.split())
    s = _EDGE.sub("", s)
    s = _POSSESSIVE.sub("", s)
    s = _EDGE.sub("", s)
    return s


def strip_titles(name: str) -> tuple[str, str]:
    """Split leading titles off a name: ("Secretary Blinken") -> ("Blinken", "Secretary")."""
    words = name.split()
    titles: list[str] = []
    while len(words) > 1:
        w = words[0]
        if w == "Q":      # a reporter's question in a transcript: "Q Karine, ..."
            words = words[1:]
            continue
        if _HONORIFIC_PREFIX.match(w + " ") or w.strip(".").lower() in TITLE_WORDS:
            if w.lower() in GIVEN_NAME_TITLES and len(words) <= 2:
                break     # "Amir Farahani", "Sultan Aziz": a given name, not a title
            titles.append(w)
            words = words[1:]
            continue
        break
    return " ".join(words), " ".join(titles)


def fix_case(name: str) -> str:
    """ "GRINER" -> "Griner", "MCGURK" -> "Mcgurk": names shouted in transcripts or headlines
    (a short lone word in capitals, "FSB", "BG", stays as it is: an acronym or initials)."""
    if name.isupper() and len(name.replace(" ", "")) > 2 and (" " in name or len(name) > 5):
        return " ".join(w.capitalize() if w.isalpha() or "-" in w else w for w in name.split())
    return name


def fold(s: str) -> str:
    """Lowercase, accents and punctuation folded: the key two surfaces are compared on."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w\s-]", "", s.lower())
    return " ".join(s.split())


def name_parts(name: str) -> list[str]:
    """Folded words of a name without suffixes (Jr., III) or initials-only words."""
    return list(_name_parts(name))


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, ...]:
    out = [w for w in fold(name).replace("-", "- ").split()]
    joined: list[str] = []
    for w in out:  # re-join hyphenated parts: "jean- pierre" -> "jean-pierre"
        if joined and joined[-1].endswith("-"):
            joined[-1] += w
        else:
            joined.append(w)
    return tuple(w for w in joined if w not in _SUFFIXES)


def surname(name: str) -> str:
    parts = name_parts(name)
    return parts[-1] if parts else ""


def given_name(name: str) -> str:
    parts = name_parts(name)
    return parts[0] if len(parts) > 1 else ""


def similar_given(a: str, b: str) -> bool:
    """Two spellings of one given name (Viktoriia/Victoriia, Alexei/Alexey); initials agree."""
    if not a or not b:
        return True
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1 or a.rstrip(".") == b.rstrip("."):
        return a[0] == b[0]
    if a.startswith(b) or b.startswith(a):
        return min(len(a), len(b)) >= 3
    return JaroWinkler.similarity(a, b) >= 0.86


def initials(name: str) -> str:
    return "".join(w[0] for w in name_parts(name) if w and w not in _PARTICLES).upper()


# First words of place names the tagger takes for people ("Kfar Aza", "Kibbutz Nir Oz").
PLACE_PREFIXES = frozenset({"kfar", "kibbutz", "moshav", "kiryat", "givat", "ramat", "nahal", "kafr", "deir",
                            "wadi", "mount", "lake", "fort", "port", "camp", "saint"})


def looks_like_name(name: str) -> bool:
    """Capitalised words, letters only (apostrophes and hyphens allowed), 1-6 words; not a
    place ("Kfar Aza")."""
    words = name.split()
    if not words or len(words) > 6 or (len(words) > 1 and words[0].lower() in PLACE_PREFIXES):
        return False
    has_cap = False
    for w in words:
        core = w.strip(".")
        if w.lower() in _PARTICLES:
            continue
        if not re.fullmatch(rf"[^\W\d_][^\W\d_{_APOS}.-]*(?:[-{_APOS}.][^\W\d_]*)*\.?", w):
            return False
        prefix = core.split("-", 1)
        if len(prefix) == 2 and prefix[0].lower() in _PARTICLES:
            core = prefix[1]          # "al-Subaihi", "el-Sisi", "bin-Salman"
        if core[:1].isupper():
            has_cap = True
        else:
            return False
    return has_cap


@dataclass
class NameCluster:
    """Mentions taken to be one person; ``name`` is the fullest form seen."""

    name: str
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def last(self) -> str:
        return surname(self.name)

    @property
    def first(self) -> str:
        return given_name(self.name)

    def add(self, form: str, span: tuple[int, int]) -> None:
        if form and form != self.name and form not in self.forms:
            if len(name_parts(form)) > len(name_parts(self.name)):
                self.forms.append(self.name)
                self.name = form
            else:
                self.forms.append(form)
        self.spans.append(span)

    @property
    def aliases(self) -> list[str]:
        return [f for f in self.forms if f != self.name]


def cluster_names(mentions: list[tuple[str, int, int]]) -> list[NameCluster]:
    """Group (name, start, end) mentions into people.

    Full names join when their surnames match and their given names agree (middle names
    and spelling variants allowed); a lone word joins the full name with that surname
    (the nearest one before it when several share it), else the one full name with that
    given name, else other lone mentions of the same word. Initials ("BG") join the one
    full name they abbreviate.
    """
    clusters: list[NameCluster] = []
    multi = [m for m in mentions if len(name_parts(m[0])) > 1]
    single = [m for m in mentions if len(name_parts(m[0])) == 1]
    # Longest names first, so "Kalob Wayne Byers" founds the cluster "Kalob Byers" joins.
    # A full-name cluster keeps its surname as longer forms join, so it is found by surname.
    by_surname: dict[str, list[NameCluster]] = {}
    for name, s, e in sorted(multi, key=lambda m: (-len(name_parts(m[0])), m[1])):
        last = surname(name)
        target = None
        for c in by_surname.get(last, []):
            if similar_given(c.first, given_name(name)) and _middle_ok(c.name, name):
                target = c
                break
        if target is None:
            target = _longer_name_ending_in(by_surname.get(last, []), name)
        if target is None:
            target = NameCluster(name=name)
            clusters.append(target)
            by_surname.setdefault(last, []).append(target)
        target.add(name, (s, e))
    index = _FullNameIndex(list(clusters))
    for name, s, e in sorted(single, key=lambda m: m[1]):
        key = name_parts(name)[0]
        target = _resolve_single(index, key, name, s)
        if target is None:
            target = NameCluster(name=name)
            clusters.append(target)
            index.lone.setdefault(key, target)
        target.add(name, (s, e))
    for c in clusters:
        c.spans.sort()
    clusters.sort(key=lambda c: c.spans[0])
    return clusters


def _longer_name_ending_in(cands: list["NameCluster"], name: str) -> "NameCluster | None":
    """ "Ben Ami" after "Ohad Ben Ami", "Dekel Chen" after "Sagui Dekel Chen": a two-part
    surname used alone is the one longer name it ends."""
    parts = name_parts(name)
    hits = [c for c in cands if len(name_parts(c.name)) > len(parts) and name_parts(c.name)[-len(parts):] == parts]
    return hits[0] if len(hits) == 1 else None


def _middle_ok(a: str, b: str) -> bool:
    """ "Jose Luis Zambrano" and "Alirio Jose Zambrano" are different people."""
    pa, pb = name_parts(a), name_parts(b)
    return pa[0][:1] == pb[0][:1]


class _FullNameIndex:
    """The full-name clusters by surname, given name and initials, and lone-word clusters by word.

    One-word mentions never change a full name, so the index is built once for them.
    """

    def __init__(self, full: list[NameCluster]):
        self.by_last: dict[str, list[NameCluster]] = {}
        self.by_first: dict[str, list[NameCluster]] = {}
        self.by_initials: dict[str, list[NameCluster]] = {}
        for c in full:
            self.by_last.setdefault(c.last, []).append(c)
            self.by_first.setdefault(c.first, []).append(c)
            self.by_initials.setdefault(initials(c.name), []).append(c)
        self.lone: dict[str, NameCluster] = {}      # the first lone cluster of each word


def _resolve_single(index: _FullNameIndex, key: str, surface: str, pos: int) -> NameCluster | None:
    by_last = index.by_last.get(key, [])
    if len(by_last) == 1:
        return by_last[0]
    if by_last:
        return _nearest(by_last, pos)
    by_first = index.by_first.get(key, []) if key else []
    if len(by_first) == 1:
        return by_first[0]
    if by_first:
        return _nearest(by_first, pos)   # two people share the given name: the one just named
    if surface.isupper() and 2 <= len(surface) <= 3:
        by_initials = index.by_initials.get(surface, [])
        if len(by_initials) == 1:
            return by_initials[0]
    return index.lone.get(key)


def _nearest(cands: list[NameCluster], pos: int) -> NameCluster:
    """The candidate mentioned most recently before ``pos`` (else the first after it)."""
    def last_before(c: NameCluster) -> int:
        before = [s for s, _ in c.spans if s <= pos]
        return max(before) if before else -1
    best = max(cands, key=last_before)
    if last_before(best) >= 0:
        return best
    return min(cands, key=lambda c: min(s for s, _ in c.spans))
