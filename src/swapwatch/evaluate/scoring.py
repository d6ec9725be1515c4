"""The project's own scorer, following the rules of ``shared/eval/score.py`` exactly.

The package must not import a file that lives outside it, yet a figure printed by
``swapwatch eval`` has to be checkable against the shared scorer. So every rule is
re-implemented here (country and name folding, Jaro-Winkler, date compatibility, the
greedy one-to-one matching with its candidate scores and tie order, the metrics and the
report text), quirks included; ``tests/test_scoring.py`` compares both on many inputs.
See FORMAT.md "Scoring" for what the numbers mean.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from ..errors import SwapwatchError

Json = dict[str, Any]

# Variants folded before two parties are compared; keys are lower-cased names.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "united states", "u.s.": "united states", "usa": "united states",
    "u.s.a.": "united states", "united states of america": "united states",
    "america": "united states",
    "russian federation": "russia",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "uae": "united arab emirates",
    "türkiye": "turkey", "turkiye": "turkey", "republic of türkiye": "turkey",
    "iran, islamic republic of": "iran", "islamic republic of iran": "iran",
    "venezuela, bolivarian republic of": "venezuela",
    "belarus, republic of": "belarus",
    "korea, democratic people's republic of": "north korea",
    "palestine, state of": "palestine", "state of palestine": "palestine",
    "taliban": "afghanistan", "the taliban": "afghanistan",
    "côte d'ivoire": "ivory coast", "cote d'ivoire": "ivory coast",
    "rapid support forces": "rsf",
}

NAME_SIMILARITY = 0.93      # Jaro-Winkler threshold for two multi-word names
DATE_SLACK_DAYS = 2         # two exact days this close describe the same exchange

_PUNCT = re.compile(r"[^\w\s]")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_UNMATCHED = "unmatched"


class ScoringError(SwapwatchError):
    """Gold or prediction lacks the documented shape (score.py exits with 2 there)."""

    code = "cannot_score"
    http_status = 400


# ---------------------------------------------------------------- folding

def fold_text(value: str | None) -> str:
    """Lower case, accents stripped, punctuation to spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub(" ", bare.lower()).split())


def fold_country(value: str | None) -> str | None:
    """One spelling per party, so "the US" and "United States" count as the same side."""
    if not value:
        return None
    key = value.strip().lower()
    key = re.sub(r"^the ", "", key)
    return fold_text(COUNTRY_ALIASES.get(key, key))


# ---------------------------------------------------------------- names

@lru_cache(maxsize=1 << 16)
def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler as score.py computes it: the prefix bonus (up to 4 characters,
    weight 0.1) applies whatever the Jaro similarity, unlike some libraries. Cached:
    scoring compares the same few hundred names again and again."""
    if a == b:
        return 1.0
    len_a, len_b = len(a), len(b)
    if not len_a or not len_b:
        return 0.0
    window = max(len_a, len_b) // 2 - 1
    used_a, used_b = [False] * len_a, [False] * len_b
    matches = 0
    for i, char in enumerate(a):
        for j in range(max(0, i - window), min(len_b, i + window + 1)):
            if not used_b[j] and b[j] == char:
                used_a[i] = used_b[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    k = half_transpositions = 0
    for i in range(len_a):
        if used_a[i]:
            while not used_b[k]:
                k += 1
            if a[i] != b[k]:
                half_transpositions += 1
            k += 1
    m = matches
    jaro = (m / len_a + m / len_b + (m - half_transpositions / 2) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def person_names(person: Json) -> list[str]:
    """Every folded spelling a gold person goes by: the name first, then the aliases."""
    return [fold_text(person["name"])] + [fold_text(a) for a in person.get("aliases", [])]


def name_matches(name: str | None, folded_names: Iterable[str]) -> bool:
    """Equal after folding, or close spellings of names with at least two words each
    (a lone surname never matches by similarity)."""
    folded = fold_text(name)
    if not folded:
        return False
    multi_word = len(folded.split()) >= 2
    for other in folded_names:
        if folded == other:
            return True
        if multi_word and len(other.split()) >= 2 and jaro_winkler(folded, other) >= NAME_SIMILARITY:
            return True
    return False


class GoldPersons:
    """Looks names up among the gold persons, first match in gold order, as score.py does."""

    def __init__(self, persons: list[Json]):
        self._index = [(p, person_names(p)) for p in persons]
        self._cache: dict[str, Json | None] = {}

    def find(self, name: str) -> Json | None:
        if name not in self._cache:
            self._cache[name] = next((p for p, names in self._index if name_matches(name, names)), None)
        return self._cache[name]

    def key(self, name: str) -> str:
        """The gold display name when the name is a known person, else the folded name."""
        person = self.find(name)
        return person["name"] if person else fold_text(name)


# ---------------------------------------------------------------- dates

def parse_date(value: Any) -> tuple[date, str] | None:
    """'2025-04-10' -> (date, 'day'); '2025-04' -> month; '2025' -> year; else None."""
    if not value:
        return None
    m = _ISO_DATE.fullmatch(str(value)[:10])
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return date(int(year), int(month), int(day)), "day"
    if month:
        return date(int(year), int(month), 1), "month"
    return date(int(year), 1, 1), "year"


def dates_compatible(gold: Any, pred: Any, slack_days: int = DATE_SLACK_DAYS) -> bool:
    """Could both dates be the same event? Compared at the coarser of the two precisions."""
    g, p = parse_date(gold), parse_date(pred)
    if not g or not p:
        return False
    (g_day, g_prec), (p_day, p_prec) = g, p
    if g_prec == "day" and p_prec == "day":
        return abs((g_day - p_day).days) <= slack_days
    if "year" in (g_prec, p_prec):
        return g_day.year == p_day.year
    return (g_day.year, g_day.month) == (p_day.year, p_day.month)


def date_exact(gold: Any, pred: Any) -> bool:
    """Right at the gold precision: a day must be that day, a month that month."""
    g, p = parse_date(gold), parse_date(pred)
    if not g or not p:
        return False
    (g_day, g_prec), (p_day, p_prec) = g, p
    if g_prec == "day":
        return p_prec == "day" and g_day == p_day
    if g_prec == "month":
        return (g_day.year, g_day.month) == (p_day.year, p_day.month)
    return g_day.year == p_day.year


# ---------------------------------------------------------------- exchanges

def parties(exchange: Json) -> set[str]:
    """Folded names of everyone who released or received people in the exchange."""
    out: set[str] = set()
    for side in exchange.get("sides", []) or []:
        for key in ("released_by", "received_by"):
            party = fold_country(side.get(key))
            if party:
                out.add(party)
    return out


def side_persons(exchange: Json) -> Iterator[tuple[str | None, str]]:
    """(folded releasing party, person name) for each person named on a side."""
    for side in exchange.get("sides", []) or []:
        for name in side.get("persons", []) or []:
            yield fold_country(side.get("released_by")), name


def _candidate_score(gold: Json, pred: Json, gold_parties: set[str], gold_keys: set[str],
                     persons: GoldPersons) -> int | None:
    """How well a prediction fits a gold exchange, or None when it cannot be the same one."""
    if not dates_compatible(gold.get("date"), pred.get("date")):
        return None
    pred_parties = parties(pred)
    if gold_parties and pred_parties and not (gold_parties & pred_parties):
        return None
    shared = 0
    for _, name in side_persons(pred):
        found = persons.find(name)
        if found and found["name"] in gold_keys:
            shared += 1
    exact = 1 if date_exact(gold.get("date"), pred.get("date")) else 0
    return 2 * shared + len(gold_parties & pred_parties) + exact


def match_exchanges(gold_ex: list[Json], pred_ex: list[Json], persons: GoldPersons) -> dict[int, int]:
    """Greedy one-to-one matching, best candidate first; ties go to the higher gold, then
    predicted, index (score.py sorts (score, gold, pred) tuples in reverse)."""
    candidates: list[tuple[int, int, int]] = []
    for gi, gold in enumerate(gold_ex):
        gold_parties = parties(gold)
        gold_keys = {persons.key(name) for _, name in side_persons(gold)}
        for pi, pred in enumerate(pred_ex):
            fit = _candidate_score(gold, pred, gold_parties, gold_keys, persons)
            if fit is not None:
                candidates.append((fit, gi, pi))
    candidates.sort(reverse=True)
    used_pred: set[int] = set()
    pairs: dict[int, int] = {}
    for _, gi, pi in candidates:
        if gi in pairs or pi in used_pred:
            continue
        used_pred.add(pi)
        pairs[gi] = pi
    return pairs


# ---------------------------------------------------------------- metrics

def precision_recall_f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Nothing predicted is perfect precision only when nothing was to be found."""
    precision = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _prf_dict(tp: int, n_pred: int, n_gold: int) -> Json:
    return dict(zip(("precision", "recall", "f1"), precision_recall_f1(tp, n_pred, n_gold)))


def accuracy(items: Iterable[bool]) -> Json:
    """Share of right answers; None when there was nothing to check."""
    values = list(items)
    return {"correct": sum(values), "total": len(values),
            "accuracy": (sum(values) / len(values)) if values else None}


def _released_person_triples(gold_ex: list[Json], pred_ex: list[Json], pairs: dict[int, int],
                             persons: GoldPersons) -> Json:
    """F1 over (exchange, person, released_by): a person on the wrong side, or in an
    exchange that matched nothing, is wrong."""
    gold_triples = {(gi, persons.key(name), released_by)
                    for gi, g in enumerate(gold_ex) for released_by, name in side_persons(g)}
    gold_of_pred = {pi: gi for gi, pi in pairs.items()}
    pred_triples = {(gold_of_pred.get(pi, (_UNMATCHED, pi)), persons.key(name), released_by)
                    for pi, p in enumerate(pred_ex) for released_by, name in side_persons(p)}
    correct = len(gold_triples & pred_triples)
    out = _prf_dict(correct, len(pred_triples), len(gold_triples))
    out.update(gold=len(gold_triples), predicted=len(pred_triples), correct=correct)
    return out


def _count_accuracy(gold_ex: list[Json], pred_ex: list[Json], pairs: dict[int, int]) -> Json:
    """Each gold side with a stated count: does the matched exchange give the same number
    for a side released by the same party?"""
    checks = []
    for gi, gold in enumerate(gold_ex):
        for side in gold.get("sides", []):
            if side.get("count") is None:
                continue
            pred_sides = (pred_ex[pairs[gi]].get("sides", []) or []) if gi in pairs else []
            releaser = fold_country(side.get("released_by"))
            checks.append(any(fold_country(ps.get("released_by")) == releaser
                              and ps.get("count") == side["count"] for ps in pred_sides))
    return accuracy(checks)


def _date_accuracy(gold_ex: list[Json], pred_ex: list[Json], pairs: dict[int, int]) -> Json:
    """Every gold exchange counts; an unmatched one is a wrong date."""
    return accuracy(gi in pairs and date_exact(g.get("date"), pred_ex[pairs[gi]].get("date"))
                    for gi, g in enumerate(gold_ex))


def _location_accuracy(gold_ex: list[Json], pred_ex: list[Json], pairs: dict[int, int]) -> Json:
    """Only gold exchanges with a known city count; the city must match after folding."""
    checks = []
    for gi, gold in enumerate(gold_ex):
        if not gold.get("location") or not gold["location"].get("city"):
            continue
        pred_loc = (pred_ex[pairs[gi]].get("location") or {}) if gi in pairs else {}
        checks.append(fold_text(pred_loc.get("city")) == fold_text(gold["location"]["city"]))
    return accuracy(checks)


def _find_predicted(gold_person: Json, pred_persons: list[Json]) -> Json | None:
    """The first predicted person whose name or any alias is a spelling of the gold person."""
    names = person_names(gold_person)
    for pred in pred_persons:
        if name_matches(pred.get("name", ""), names):
            return pred
        if any(name_matches(alias, names) for alias in pred.get("aliases", []) or []):
            return pred
    return None


def _person_metrics(gold_persons: list[Json], pred_persons: list[Json]) -> tuple[Json, Json]:
    """Persons found (recall) and status accuracy; a missed person has a wrong status."""
    found, status_ok = 0, []
    for gold in gold_persons:
        hit = _find_predicted(gold, pred_persons)
        if hit:
            found += 1
        status_ok.append(bool(hit) and hit.get("status") == gold["status"])
    recall = found / len(gold_persons) if gold_persons else None
    return {"found": found, "total": len(gold_persons), "recall": recall}, accuracy(status_ok)


def false_detainees(gold: Json, pred_persons: list[Json]) -> list[str]:
    """Predicted detainees who are named officials, lawyers or analysts: the worst error.
    Only the predicted display name is checked, as in score.py."""
    not_detainees = [fold_text(n) for n in gold.get("not_detainees", [])]
    return sorted({p.get("name") for p in pred_persons if name_matches(p.get("name", ""), not_detainees)})


def overall(result: Json) -> float:
    """Mean of exchange F1, released-person F1 and the count, date and status accuracies
    (an accuracy with nothing to check is left out; locations never count)."""
    parts = [result["exchanges"]["f1"], result["released_persons"]["f1"]]
    parts += [result[k]["accuracy"] for k in ("counts", "dates", "person_status")
              if result[k]["accuracy"] is not None]
    return sum(parts) / len(parts)


def score(gold: Json, pred: Json) -> Json:
    """Score a prediction (a JSON export) against a gold file: the same keys and
    numbers as ``score.py --json``. Raises ScoringError on a malformed input."""
    try:
        return _score(gold, pred)
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        raise ScoringError(f"cannot score: {e!r}") from e


def _score(gold: Json, pred: Json) -> Json:
    gold_ex, pred_ex = gold.get("exchanges", []), pred.get("exchanges", [])
    gold_persons = gold.get("persons", [])
    persons = GoldPersons(gold_persons)
    pairs = match_exchanges(gold_ex, pred_ex, persons)

    result: Json = {"exchanges": _prf_dict(len(pairs), len(pred_ex), len(gold_ex))}
    result["exchanges"].update(gold=len(gold_ex), predicted=len(pred_ex), matched=len(pairs))
    result["released_persons"] = _released_person_triples(gold_ex, pred_ex, pairs, persons)
    result["counts"] = _count_accuracy(gold_ex, pred_ex, pairs)
    result["dates"] = _date_accuracy(gold_ex, pred_ex, pairs)
    result["locations"] = _location_accuracy(gold_ex, pred_ex, pairs)

    pred_persons = pred.get("persons", [])
    result["persons_found"], result["person_status"] = _person_metrics(gold_persons, pred_persons)
    result["false_detainees"] = false_detainees(gold, pred_persons)
    result["score"] = overall(result)
    return result


# ---------------------------------------------------------------- report

def format_report(result: Json) -> str:
    """The lines score.py prints without --json (no trailing newline), so both outputs
    can be diffed."""
    lines = []
    for key in ("exchanges", "released_persons"):
        r = result[key]
        extra = ", ".join(f"{x}={r[x]}" for x in r if x not in ("precision", "recall", "f1"))
        lines.append(f"{key:17} P={r['precision']:.2f} R={r['recall']:.2f} F1={r['f1']:.2f}  ({extra})")
    for key in ("counts", "dates", "locations", "person_status"):
        r = result[key]
        acc = "n/a" if r["accuracy"] is None else f"{r['accuracy']:.2f}"
        lines.append(f"{key:17} accuracy={acc} ({r['correct']}/{r['total']})")
    found = result["persons_found"]
    lines.append(f"{'persons_found':17} {found['found']}/{found['total']}")
    lines.append(f"{'false_detainees':17} {len(result['false_detainees'])} {result['false_detainees']}")
    lines.append(f"score {result['score']:.3f}")
    return "\n".join(lines)
