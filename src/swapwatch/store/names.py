"""Search keys for names: what a user types should find "Łukasz Ødegård" as "lukasz odegard",
and "Krashikov" should find "Krasikov". The one place names are folded and compared, for
the CLI, the API and the pages alike.""" 
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

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


# Romanisation variants folded together before names are compared, so that one spelling
# finds the other: Dmitriy/Dmitry, Navalnyy/Navalny, Khodorkovsky/Hodorkovsky,
# Wladimir/Vladimir, Aleksandr/Alexandr, Tsikhanouskaya/Tsikhanovskaya. Applied in order to
# a name_key; double letters are collapsed last (Krassikov/Krasikov).
_VARIANTS = (("shch", "sch"), ("tch", "ch"), ("kh", "h"), ("iy", "y"), ("yy", "y"), ("ij", "y"),
             ("ya", "ia"), ("yu", "iu"), ("yo", "io"), ("ye", "e"), ("tz", "ts"), ("w", "v"), ("ph", "f"),
             ("ck", "k"), ("x", "ks"), ("ou", "ov"), ("j", "y"))
_DOUBLE = re.compile(r"(\w)\1+")
MATCH_CUTOFF = 85.0         # a spelling of the same name: Krashikov/Krasikov 94, Gershkovic/Gershkovich 95
SUGGEST_CUTOFF = 60.0       # close enough to be offered when nothing matches
MIN_FUZZY_CHARS = 4         # shorter words match only as written ("an", "al" would match half the list)


def variant_key(name: str, *, keyed: bool = False) -> str:
    """``name_key`` with romanisation variants and doubled letters folded: the form names are
    compared in. ``keyed``: ``name`` is a ``name_key`` already (as stored)."""
    key = name if keyed else name_key(name)
    for old, new in _VARIANTS:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", key)


def match_names(query: str, names: Mapping[str, Iterable[str]], *, cutoff: float = MATCH_CUTOFF,
                keyed: bool = False) -> list[tuple[str, float]]:
    """Which of ``names`` (an id -> that record's spellings) ``query`` names, best first.

    Every word of the query must begin a word of one spelling, or nearly equal one (rapidfuzz's
    ratio over ``variant_key`` forms, at least ``cutoff`` of 100); or the query, its words
    run together, must nearly equal words of a spelling run together (Karamurza finds
    Vladimir Kara-Murza).
    ``keyed``: the spellings are ``name_key`` forms already (the store keeps them).
    Returns (id, score) pairs, highest score first, then by id.
    """
    words = variant_key(query).split()
    if not words:
        return []
    # Which forms hold each word, and each run of consecutive words: rapidfuzz then scores
    # the whole vocabulary in one call per query word, and Python only sees the candidates.
    holders: dict[str, set[tuple[str, int]]] = defaultdict(set)
    runs: dict[str, set[str]] = defaultdict(set)
    forms: dict[tuple[str, int], list[str]] = {}
    for ident, spellings in names.items():
        for n, spelling in enumerate(spellings):
            form = variant_key(spelling, keyed=keyed).split()
            forms[(ident, n)] = form
            for i, word in enumerate(form):
                holders[word].add((ident, n))
                for j in range(i + 1, min(len(form), i + 4) + 1):
                    runs["".join(form[i:j])].add(ident)
    vocabulary = list(holders)
    word_scores: list[dict[str, float]] = []
    for word in words:
        scores = {w: 100.0 for w in vocabulary if w.startswith(word)}
        if len(word) >= MIN_FUZZY_CHARS:
            for w, score, _ in process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                scores[w] = max(scores.get(w, 0.0), score)
        word_scores.append(scores)
    best: dict[str, float] = {}
    for key in {k for w in word_scores[0] for k in holders[w]}:
        form = forms[key]
        score = min(max((s.get(w, 0.0) for w in form), default=0.0) for s in word_scores)
        if score >= cutoff:
            best[key[0]] = max(best.get(key[0], 0.0), score)
    joined = "".join(words)
    if len(joined) >= MIN_FUZZY_CHARS:
        for run, score, _ in process.extract(joined, list(runs), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
            for ident in runs[run]:
                best[ident] = max(best.get(ident, 0.0), score)
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))


def suggest_names(query: str, names: Mapping[str, Iterable[str]], *, limit: int = 5,
                  keyed: bool = False) -> list[str]:
    """Up to ``limit`` ids whose spellings come close to ``query``: what to offer when nothing matches."""
    return [ident for ident, _ in match_names(query, names, cutoff=SUGGEST_CUTOFF, keyed=keyed)[:limit]]


def pick_name(query: str, choices: Iterable[str], *, what: str) -> str:
    """The one of ``choices`` (canonical names, such as the holders in a database) that
    ``query`` means: the same name folded, the country it names ("US", "Russian Federation"),
    or a near spelling ("Rusia"). Raises NotFound naming the closest choices otherwise."""
    from ..errors import NotFound
    from ..extract.gazetteer import canonical_country

    options = sorted(set(c for c in choices if c))
    by_key = {name_key(c): c for c in options}
    for candidate in (query, canonical_country(query) or ""):
        if name_key(candidate) in by_key:
            return by_key[name_key(candidate)]
    keyed = {c: [c] for c in options}
    found = match_names(query, keyed)
    if found:
        return found[0][0]
    close = suggest_names(query, keyed, limit=5)
    hint = f"did you mean {', '.join(close)}?" if close else \
        (f"known: {', '.join(options[:12])}{', ...' if len(options) > 12 else ''}" if options else "there are none")
    raise NotFound(f"no {what} matches {query!r}; {hint}", code="no_match")
