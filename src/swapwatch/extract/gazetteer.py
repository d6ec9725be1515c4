"""Countries, demonyms, capitals, metonyms, leaders, armed groups and institutions.

Every party name the extractors emit goes through here, so the whole system speaks one
vocabulary: a country's common English name as news uses it ("Russia", "United States",
"Iran", "Turkey") or a group/organisation name ("Hamas", "Taliban", "United Nations").
The tables are hand-written data in :mod:`.gazetteer_data`; pycountry supplies the full
country list and official names.  Building takes a few tens of milliseconds and happens on
the first :func:`get_gazetteer` call, never at import.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer_data.cities import CITY_TABLE
from .gazetteer_data.regions import REGION_TABLE
from .gazetteer_data.countries import (
    AMBIGUOUS_SURFACES, BLOCKING_PREVIOUS, COUNTRY_TABLE, SURNAME_DEMONYMS,
)
from .gazetteer_data.parties import (
    CIVIL_WARS, GROUPS, HOSTAGE_HOLDERS, INSTITUTIONS, LEADERS, MEDIATOR_COUNTRY_FORMS, METONYMS, RULING_GROUPS, WARS,
)

EXTRACTOR_ID = "swapwatch.gazetteer.v1"

KINDS = ("country", "demonym", "capital", "metonym", "leader", "group", "institution")
# When one surface has several readings ("Singapore" is a country and its capital),
# the earlier kind wins.
_PRIORITY = {k: i for i, k in enumerate(
    ("country", "group", "institution", "metonym", "leader", "demonym", "capital"))}

_TITLES = re.compile(
    r"^(?:(?:the|The)\s+)?(?:(?:President|Prime Minister|PM|Premier|Chancellor|King|Queen|Emir|Amir|Sheikh|"
    r"Sultan|Crown Prince|Supreme Leader|Ayatollah|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Leader|Pope)\s+)+")
_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WORD_AFTER = re.compile(r"\s+([A-Z][\w'’.-]*)")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’.-]*)\s+$")
_PATRON_SUFFIX = re.compile(r"-(?:linked|affiliated|backed|aligned|allied|inspired|sponsored|supported)\b")
_SELF_PROCLAIMED = re.compile(r"\bself-(?:proclaimed|declared|styled)\s+(?:[A-Z][\w'-]+\s+and\s+)?$")
_NEGATING_PREFIX = re.compile(r"(?:^|[^\w])(?:pro|anti|non|Pro|Anti|Non)-$")
# Capitalised words that may follow an ambiguous name without making it a person's name
_HARMLESS_NEXT = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December On In At And But The A As After Before "
    "Since For With From To By Of Or If When While This That These Those It He She They We I".split())
_HARMLESS_PREV = frozenset(
    "In At And But The A As After Before Since For With From To By Of Or If When While This That "
    "Northern Southern Eastern Western Central North South East West Across Inside Outside Into "
    "Between Against Both Neighbouring Neighboring Said Says Visit Visited Leave Left Reach Reached".split())


@dataclass(frozen=True)
class PartyMatch:
    """A party named in running text; ``party`` is canonical, ``kind`` says how it was named."""

    start: int
    end: int
    surface: str
    party: str
    kind: str   # "country" | "demonym" | "capital" | "metonym" | "leader" | "group" | "institution"


def _strip_accents(s: str) -> str:
    norm = unicodedata.normalize("NFKD", s)
    return "".join(c for c in norm if not unicodedata.combining(c))


def _variants(surface: str) -> set[str]:
    """Spellings news uses for one form: accents dropped, straight or curly apostrophes."""
    out = {surface, _strip_accents(surface)}
    for s in list(out):
        if "'" in s:
            out.add(s.replace("'", "’"))
        if "’" in s:
            out.add(s.replace("’", "'"))
    return out


def _plural(demonym: str) -> list[str]:
    if demonym.endswith(("ese", "sh", "ch", "ss", "x", "Swiss")):
        return []
    if demonym.endswith("man"):
        return [demonym[:-3] + "men"]
    return [demonym + "s"]


def _is_abbrev(s: str) -> bool:
    """Short or all-caps forms ("US", "U.S.", "UAE", "ICRC") must match case-sensitively."""
    letters = [c for c in s if c.isalpha()]
    return len(s) <= 3 or (bool(letters) and all(c.isupper() for c in letters))


def _trie_pattern(words: list[str]) -> str:
    """A regex equivalent to ``a|b|c...`` that tries the longest spelling first, fast.

    Python's ``re`` tries alternatives one by one; a character trie makes each position
    cost one branch instead of thousands.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            body = "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return emit(trie)


class Gazetteer:
    """Lookups from surface forms to canonical parties; build once via :func:`get_gazetteer`."""

    def __init__(self) -> None:
        # surface -> {kind: canonical}
        self._exact: dict[str, dict[str, str]] = {}
        self._folded: dict[str, dict[str, str]] = {}
        self._demonyms: dict[str, str] = {}
        self._demonyms_folded: dict[str, str] = {}
        self._cities: dict[str, tuple[str, str]] = {}
        self._cities_folded: dict[str, tuple[str, str]] = {}
        self._regions: dict[str, str] = {}           # casefolded region -> canonical country
        self._countries: set[str] = set()
        self._capitals: dict[str, set[str]] = {}   # canonical country -> canonical capital names
        self._by_code: dict[str, str] = {}          # ISO alpha-2 -> canonical country
        self._build()
        words = sorted(self._exact)
        self._pattern = re.compile(r"(?<![\w@#$])(?:" + _trie_pattern(words) + r")(?![\w$])")

    # ----------------------------------------------------------------- build
    def _add(self, surface: str, kind: str, party: str) -> None:
        for s in _variants(surface.strip()):
            if not s:
                continue
            self._exact.setdefault(s, {}).setdefault(kind, party)
            if not _is_abbrev(s):
                self._folded.setdefault(s.casefold(), {}).setdefault(kind, party)

    def _add_city(self, variants: list[str], country: str) -> None:
        canonical = variants[0]
        for v in variants:
            for s in _variants(v):
                self._cities.setdefault(s, (canonical, country))
                self._cities_folded.setdefault(s.casefold(), (canonical, country))
                self._add(s, "capital", country)

    def _build(self) -> None:
        import pycountry  # local: keep the import cost out of module import

        table: dict[str, list[str]] = {}
        for line in COUNTRY_TABLE.strip().splitlines():
            code, *rest = [p.strip() for p in line.split("|")]
            table[code] = rest
        for code, (canonical, aliases, demonyms, capitals) in table.items():
            if not canonical:
                continue
            self._by_code[code] = canonical
            self._add_country_name(canonical, canonical)
            for a in filter(None, (x.strip() for x in aliases.split(";"))):
                self._add_country_name(a.rstrip("!"), canonical)
            for d in filter(None, (x.strip() for x in demonyms.split(";"))):
                forms = [d.rstrip("!")] + ([] if d.endswith("!") else _plural(d))
                for f in forms:
                    for v in _variants(f):
                        self._demonyms.setdefault(v, canonical)
                        self._demonyms_folded.setdefault(v.casefold(), canonical)
                    self._add(f, "demonym", canonical)
            for cap in filter(None, (x.strip() for x in capitals.split(";"))):
                variants = [v.strip() for v in cap.split("/")]
                self._capitals.setdefault(canonical, set()).add(variants[0])
                self._add_city(variants, canonical)
        # pycountry adds official and ISO names ("Iran, Islamic Republic of") and the
        # territories the table leaves out; the table's readings win where both exist.
        for c in pycountry.countries:
            common = getattr(c, "common_name", None) or c.name
            canonical = self._by_code.setdefault(c.alpha_2, common)
            for n in {c.name, common, getattr(c, "official_name", None) or c.name}:
                self._add_country_name(n, canonical)
        for line in CITY_TABLE.strip().splitlines():
            country, _, items = line.partition(":")
            country = country.strip()
            for item in filter(None, (x.strip() for x in items.split(";"))):
                self._add_city([v.strip() for v in item.split("/")], country)
        for line in REGION_TABLE.strip().splitlines():
            country, _, items = line.partition(":")
            for item in filter(None, (x.strip() for x in items.split(";"))):
                for v in item.split("/"):
                    self._regions.setdefault(v.strip().casefold(), country.strip())
        for country, names in LEADERS.items():
            for n in names:
                self._add(n, "leader", country)
        for country, names in METONYMS.items():
            for n in names:
                self._add(n, "metonym", country)
        for group, names in GROUPS.items():
            self._add(group, "group", group)
            for n in names:
                self._add(n, "group", group)
        for inst, names in INSTITUTIONS.items():
            self._add(inst, "institution", inst)
            for n in names:
                self._add(n, "institution", inst)

    def _add_country_name(self, name: str, canonical: str) -> None:
        name = name.strip()
        if not name:
            return
        self._countries.add(canonical)
        self._add(name, "country", canonical)
        stripped = _THE.sub("", name)
        if stripped != name:
            self._add(stripped, "country", canonical)

    # ---------------------------------------------------------------- lookups
    @staticmethod
    def _clean(text: str) -> str:
        t = " ".join((text or "").split())
        return _THE.sub("", t).strip(" ,;:")

    def _readings(self, text: str) -> dict[str, str]:
        t = self._clean(text)
        if not t:
            return {}
        hit = self._get(t)
        if hit is None and _POSSESSIVE.search(t):
            hit = self._get(_POSSESSIVE.sub("", t))       # "Moscow's", "Kremlin’s"
        if hit is None:
            untitled = _TITLES.sub("", t)
            if untitled != t and untitled:
                hit = self._get(_POSSESSIVE.sub("", untitled))
                if hit is not None:
                    hit = {k: v for k, v in hit.items() if k == "leader"}
        return hit or {}

    def _get(self, t: str) -> dict[str, str] | None:
        hit = self._exact.get(t)
        if hit is None and not _is_abbrev(t):
            hit = self._folded.get(t.casefold())
        return hit

    @staticmethod
    def _best(readings: dict[str, str]) -> tuple[str, str] | None:
        if not readings:
            return None
        kind = min(readings, key=lambda k: _PRIORITY[k])
        return readings[kind], kind

    def lookup(self, text: str) -> tuple[str, str] | None:
        """``(canonical party, kind)`` for a whole surface form, or None."""
        return self._best(self._readings(text))

    def party(self, text: str) -> str | None:
        """Canonical party for a surface form: country, alias, capital or other known city,
        metonym ("the Kremlin"), head of state/government ("Putin"), demonym ("Russian"),
        armed group or institution.  Case-sensitive for abbreviations ("US" yes, "us" no)."""
        best = self.lookup(text)
        return best[0] if best else None

    def kind(self, text: str) -> str | None:
        """How a surface form names its party ("country", "leader", ...), or None."""
        best = self.lookup(text)
        return best[1] if best else None

    def is_leader(self, name: str) -> bool:
        """True for a head of state/government: such a person is never a detainee here."""
        return "leader" in self._readings(name)

    def country(self, text: str) -> str | None:
        """Canonical country for a true country name or alias (not a capital, leader or demonym)."""
        return self._readings(text).get("country")

    def from_iso(self, code: str) -> str | None:
        """Canonical country for an ISO 3166 alpha-2 code ("RU" -> "Russia")."""
        return self._by_code.get((code or "").upper())

    def is_country(self, name: str) -> bool:
        """True when ``name`` is already a canonical country name."""
        return name in self._countries

    def rulers_at(self, when: str | None) -> dict[str, str]:
        """Country -> the group that governed it de facto at ``when`` (an ISO date, month or
        year): {"Afghanistan": "Taliban"} from 2021-08 on. Undated: none."""
        if not when:
            return {}
        return {country: group for group, (country, since) in RULING_GROUPS.items() if when[:7] >= since}

    def hostage_holders_at(self, when: str | None) -> dict[str, str]:
        """Territory -> the group holding the hostages kept there at ``when``: {"Palestine":
        "Hamas"} from 2007-06 on. Undated: none."""
        if not when:
            return {}
        return {land: group for group, (land, since) in HOSTAGE_HOLDERS.items() if when[:7] >= since}

    def civil_war(self, country: str) -> tuple[str, str] | None:
        """The two sides of the country's civil war, if the gazetteer knows one."""
        return CIVIL_WARS.get(country)

    def war_counterpart(self, party: str) -> str | None:
        """The other belligerent of the one war this party fights (None if none or several)."""
        others = [b if a == party else a for a, b in WARS if party in (a, b)]
        return others[0] if len(others) == 1 else None

    def demonym(self, word: str) -> list[str]:
        """Countries a demonym points to, in order: "US-Russian" -> ["United States", "Russia"]."""
        w = _POSSESSIVE.sub("", " ".join((word or "").split())).strip()
        if not w:
            return []
        one = self._demonym_one(w)
        if one:
            return [one]
        if "-" not in w:
            return []
        out: list[str] = []
        for part in w.split("-"):
            c = self._demonym_one(part) or self._abbrev_country(part)
            if c is None:
                return []
            if c not in out:
                out.append(c)
        return out

    def _demonym_one(self, w: str) -> str | None:
        hit = self._demonyms.get(w)
        if hit is None and w[:1].isupper():
            hit = self._demonyms_folded.get(w.casefold())
        return hit

    def _abbrev_country(self, part: str) -> str | None:
        # "US-Russian", "UK-Iranian": a short country form may stand in a compound demonym
        return self._readings(part).get("country") if _is_abbrev(part) else None

    def is_demonym(self, word: str) -> bool:
        return bool(self.demonym(word))

    def city(self, text: str) -> tuple[str, str] | None:
        """``(canonical city, canonical country)`` for a capital or known city."""
        t = self._clean(text)
        for form in (t, _POSSESSIVE.sub("", t)):
            hit = self._cities.get(form) or self._cities_folded.get(form.casefold())
            if hit:
                return hit
        return None

    def region(self, text: str) -> str | None:
        """Canonical country of a state, province or region ("California", "Mordovia")."""
        return self._regions.get(_POSSESSIVE.sub("", self._clean(text)).casefold())

    def is_national_capital(self, text: str) -> bool:
        """True for a seat of government ("Moscow", "Kiev"), which can stand for its state;
        False for other cities ("Istanbul", "Gaza"), which only say where something happened."""
        hit = self.city(text)
        return bool(hit) and hit[0] in self._capitals.get(hit[1], ())

    def capitals(self, country: str) -> set[str]:
        """Canonical capital names of a canonical country (empty set when unknown)."""
        return set(self._capitals.get(country, ()))

    def mediator(self, text: str) -> str | None:
        """Canonical mediator: an institution ("United Nations", "International Committee of
        the Red Cross"), the Vatican, or a country named by name, capital, leader or demonym."""
        t = self._clean(text)
        if not t:
            return None
        if t in MEDIATOR_COUNTRY_FORMS:
            return MEDIATOR_COUNTRY_FORMS[t]
        readings = self._readings(t)
        for kind in ("institution", "country", "metonym", "leader", "capital", "demonym"):
            if kind in readings:
                return readings[kind]
        matches = [m for m in self.find_parties(t) if m.kind != "group"]
        for m in matches:
            if m.kind == "institution":
                return m.party
        return matches[0].party if matches else None

    def find_parties(self, text: str) -> list[PartyMatch]:
        """Every party named in ``text``: leftmost-longest, non-overlapping, whole words.

        Abbreviations are case-sensitive ("US" but not "us"). Names that double as personal
        names ("Jordan", "Chad", "Georgia", "Israel" ...) are skipped beside another
        capitalised word ("Jordan Peterson", "Israel Katz"). "pro-Russian" is not a party.
        A leading "the" is not part of the span.
        """
        out: list[PartyMatch] = []
        for m in self._pattern.finditer(text):
            surface = m.group(0)
            best = self._best(self._exact.get(surface, {}))
            if best is None:
                continue
            s, e = m.start(), m.end()
            if _NEGATING_PREFIX.search(text[max(0, s - 5):s]) or _PATRON_SUFFIX.match(text, e):
                continue    # "an al Qaeda-linked alliance", "Iran-backed militias": another actor
            if best[1] != "group" and _SELF_PROCLAIMED.search(text[max(0, s - 40):s]):
                continue    # "the self-proclaimed Donetsk ... people's republics": not Ukraine
            if surface in AMBIGUOUS_SURFACES and self._looks_like_name(text, s, e, surface):
                continue
            if surface in SURNAME_DEMONYMS and self._after_given_name(text, s):
                continue
            out.append(PartyMatch(s, e, surface, best[0], best[1]))
        return out

    def _after_given_name(self, text: str, s: int) -> bool:
        prev = _WORD_BEFORE.search(text, max(0, s - 40), s)
        if prev and s and text[s - 1] == " ":
            word = prev.group(1)
            return word not in _HARMLESS_PREV and self.lookup(word) is None and not word.endswith(".")
        return False

    def _looks_like_name(self, text: str, s: int, e: int, surface: str) -> bool:
        blockers = BLOCKING_PREVIOUS.get(surface)
        if blockers:
            before = _WORD_BEFORE.search(text, max(0, s - 40), s)
            if before and before.group(1) in blockers:
                return True
        nxt = _WORD_AFTER.match(text, e)
        if nxt and text[e] == " ":
            word = nxt.group(1).rstrip(".,;:")
            if word not in _HARMLESS_NEXT and self.lookup(word) is None:
                return True
        if self._after_given_name(text, s):
            return True
        if surface == "Georgia" and re.search(r"[A-Z][a-z]+,\s*$", text[max(0, s - 30):s]):
            before = re.search(r"([A-Z][a-z]+),\s*$", text[max(0, s - 30):s])
            if before and self.city(before.group(1)) != (before.group(1), "Georgia"):
                return True   # "Atlanta, Georgia": the US state
        return False


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first use."""
    return Gazetteer()


def canonical_country(name: str) -> str | None:
    """Fold a country variant ("U.S.", "Türkiye", "Russian Federation") to its canonical name;
    a canonical name maps to itself. None for anything that is not a country."""
    return get_gazetteer().country(name) if name else None


def canonical_party(name: str) -> str | None:
    """Fold any party variant (country, group, institution, metonym, capital) to its canonical name."""
    return get_gazetteer().party(name) if name else None
