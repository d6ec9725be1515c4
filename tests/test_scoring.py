"""The project's scorer must give exactly the numbers and text of shared/eval/score.py.

score.py runs as a subprocess (as users run it) on gold-vs-gold and on many predictions
derived from the dev gold files by perturbations a real extractor makes: missed and
duplicated exchanges, shifted dates, other spellings, wrong sides, false detainees.
Its helpers (Jaro-Winkler, folding, dates) are also compared one by one on many inputs.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from swapwatch.evaluate import scoring
from swapwatch.evaluate.scoring import ScoringError, format_report, score

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
DEV = SHARED / "eval" / "dev"
CORPORA = ("seeds", "whitehouse")

pytestmark = pytest.mark.skipif(
    not SCORE_PY.is_file(),
    reason=f"reference scorer {SCORE_PY} is absent: ../shared is not beside this checkout",
)

Json = dict[str, Any]


# ---------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def reference() -> ModuleType:
    """score.py imported as a module, to compare its helper functions directly."""
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(corpus: str) -> Json:
    return json.loads((DEV / corpus / "gold.json").read_text(encoding="utf-8"))


def run_reference(gold: Json, pred: Json, tmp: Path, as_json: bool) -> subprocess.CompletedProcess[str]:
    gold_path, pred_path = tmp / "gold.json", tmp / "pred.json"
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    pred_path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    args = [sys.executable, "-I", str(SCORE_PY), str(gold_path), str(pred_path)]
    if as_json:
        args.append("--json")
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=60)


def assert_same(ours: Any, theirs: Any, path: str = "") -> None:
    """Equal structure, equal values, floats to 1e-9."""
    if isinstance(theirs, float) and not isinstance(ours, bool):
        assert isinstance(ours, (int, float)), path
        assert ours == pytest.approx(theirs, abs=1e-9), path
    elif isinstance(theirs, dict):
        assert isinstance(ours, dict) and list(ours) == list(theirs), path
        for key in theirs:
            assert_same(ours[key], theirs[key], f"{path}.{key}")
    elif isinstance(theirs, list):
        assert isinstance(ours, list) and len(ours) == len(theirs), path
        for i, (a, b) in enumerate(zip(ours, theirs)):
            assert_same(a, b, f"{path}[{i}]")
    else:
        assert ours == theirs and type(ours) is type(theirs), f"{path}: {ours!r} != {theirs!r}"


def check_against_reference(gold: Json, pred: Json, tmp: Path, text: bool = False) -> Json:
    """score.py --json against score(); with ``text``, its printed report against
    format_report() too (a pure function of the result, so a few cases suffice)."""
    # Round-trip through JSON so both scorers see the same values (tuples -> lists...).
    gold, pred = json.loads(json.dumps(gold)), json.loads(json.dumps(pred))
    ours = score(gold, pred)
    as_json = run_reference(gold, pred, tmp, as_json=True)
    assert as_json.returncode == 0, as_json.stderr
    assert_same(json.loads(json.dumps(ours)), json.loads(as_json.stdout))
    if text:
        as_text = run_reference(gold, pred, tmp, as_json=False)
        assert as_text.returncode == 0, as_text.stderr
        assert format_report(ours) + "\n" == as_text.stdout
    return ours


# ---------------------------------------------------------------- perturbations

def spelling_variants(name: str) -> list[str]:
    """Other ways a reporter or a transliteration may spell the same name."""
    swaps = [("ksandr", "xandr"), ("xander", "ksandr"), ("iia", "ia"), ("ii", "iy"), ("y", "i"),
             ("v", "w"), ("G", "H"), ("ss", "s"), ("s", "ss"), ("e", "é"), ("a", "á"), ("k", "kh"),
             ("Ph", "F"), ("sh", "ch")]
    out = [name.upper(), name.lower(), f"{name}.", name.replace(" ", "-")]
    for old, new in swaps:
        if old in name:
            out.append(name.replace(old, new, 1))
    words = name.split()
    if len(words) >= 2:
        out.append(words[-1])                         # surname alone
        out.append(" ".join(reversed(words)))         # family name first
        out.append(words[0][0] + ". " + " ".join(words[1:]))
        out.append(name[:-1])                         # a dropped letter
    return out


def _persons_on_sides(pred: Json) -> list[tuple[Json, int]]:
    return [(side, i) for ex in pred.get("exchanges", []) for side in ex.get("sides", []) or []
            for i in range(len(side.get("persons", []) or []))]


def rename_persons(pred: Json, rng: random.Random) -> Json:
    for side, i in _persons_on_sides(pred):
        side["persons"][i] = rng.choice(spelling_variants(side["persons"][i]))
    for person in pred.get("persons", []):
        person["name"] = rng.choice(spelling_variants(person["name"]))
        person["aliases"] = [rng.choice(spelling_variants(a)) for a in person.get("aliases", [])[:1]]
    return pred


def shift_dates(pred: Json, rng: random.Random) -> Json:
    for ex in pred["exchanges"]:
        date = ex.get("date")
        if not date:
            continue
        choice = rng.randrange(6)
        if choice == 0:
            ex["date"] = date[:7]
        elif choice == 1:
            ex["date"] = date[:4]
        elif choice == 2 and len(date) == 10:
            day = int(date[8:]) + rng.choice([-3, -2, -1, 1, 2, 3])
            ex["date"] = f"{date[:8]}{min(max(day, 1), 28):02d}"
        elif choice == 3:
            ex["date"] = str(int(date[:4]) + rng.choice([-1, 1])) + date[4:]
        elif choice == 4:
            ex["date"] = None
    return pred


def swap_released_by(pred: Json, rng: random.Random) -> Json:
    for ex in pred["exchanges"]:
        for side in ex.get("sides", []):
            if rng.random() < 0.5:
                side["released_by"], side["received_by"] = side.get("received_by"), side.get("released_by")
    return pred


def fold_parties(pred: Json, rng: random.Random) -> Json:
    """Spell parties the way score.py folds them together (and one it does not)."""
    variants = {"United States": ["US", "U.S.", "USA", "the United States", "United States of America",
                                  "america", "  united states "],
                "Russia": ["Russian Federation", "the Russian Federation", "RUSSIA", "Russia's"],
                "Turkey": ["Türkiye", "Turkiye", "Republic of Türkiye"],
                "United Arab Emirates": ["UAE", "the UAE"], "Taliban": ["the Taliban", "Afghanistan"],
                "Iran": ["Islamic Republic of Iran", "Iran, Islamic Republic of"]}
    for ex in pred["exchanges"]:
        for side in ex.get("sides", []):
            for key in ("released_by", "received_by"):
                if side.get(key) in variants:
                    side[key] = rng.choice(variants[side[key]])
    return pred


def add_false_detainees(gold: Json, pred: Json, rng: random.Random) -> Json:
    for name in rng.sample(gold["not_detainees"], min(3, len(gold["not_detainees"]))):
        spelled = rng.choice([name, name.upper(), *spelling_variants(name)[:3]])
        pred["persons"].append({"name": spelled, "aliases": [], "status": "detained"})
    return pred


def duplicate_exchanges(pred: Json, rng: random.Random) -> Json:
    copies = [copy.deepcopy(ex) for ex in pred["exchanges"] if rng.random() < 0.5]
    for ex in copies:
        if rng.random() < 0.5 and ex.get("sides"):
            ex["sides"] = ex["sides"][:1]                 # half of a split exchange
    pred["exchanges"].extend(copies)
    return pred


def change_counts(pred: Json, rng: random.Random) -> Json:
    for ex in pred["exchanges"]:
        for side in ex.get("sides", []):
            side["count"] = rng.choice([None, side.get("count"), (side.get("count") or 0) + 2,
                                        float(side.get("count") or 0)])
        ex["total"] = rng.choice([None, ex.get("total"), 26])
    return pred


def change_persons(pred: Json, rng: random.Random) -> Json:
    persons = [p for p in pred["persons"] if rng.random() < 0.8]
    for p in persons:
        if rng.random() < 0.3:
            p["status"] = rng.choice(["detained", "released", "exchanged", "died_in_custody", None])
    pred["persons"] = persons
    return pred


def change_cities(pred: Json, rng: random.Random) -> Json:
    for ex in pred["exchanges"]:
        loc = ex.get("location")
        if loc and loc.get("city"):
            ex["location"] = rng.choice([None, {"city": loc["city"].upper(), "country": None},
                                         {"city": "Ankara", "country": "Turkey"}, {}])
        elif rng.random() < 0.3:
            ex["location"] = {"city": "Abu Dhabi", "country": "United Arab Emirates"}
    return pred


def shuffle(pred: Json, rng: random.Random) -> Json:
    rng.shuffle(pred["exchanges"])
    rng.shuffle(pred["persons"])
    return pred


def drop_exchanges(pred: Json, rng: random.Random) -> Json:
    pred["exchanges"] = [ex for ex in pred["exchanges"] if rng.random() < 0.6]
    return pred


def move_persons(pred: Json, rng: random.Random) -> Json:
    """A person put on another side or into another exchange."""
    sides = [s for ex in pred["exchanges"] for s in ex.get("sides", [])]
    for side in sides:
        for name in list(side.get("persons", [])):
            if rng.random() < 0.4:
                side["persons"].remove(name)
                rng.choice(sides)["persons"].append(name)
    return pred


OPS: list[Callable[[Json, random.Random], Json]] = [
    rename_persons, shift_dates, swap_released_by, fold_parties, duplicate_exchanges,
    change_counts, change_persons, change_cities, shuffle, drop_exchanges, move_persons,
]


def as_prediction(gold: Json) -> Json:
    """Gold, reshaped as an export: the same fields, without gold-only keys."""
    return {"exchanges": copy.deepcopy(gold["exchanges"]), "persons": copy.deepcopy(gold["persons"])}


def named_cases(gold: Json) -> dict[str, Json]:
    """One prediction per kind of mistake, each on its own."""
    cases: dict[str, Json] = {
        "gold": as_prediction(gold),
        "gold_with_extras": copy.deepcopy(gold),
        "empty": {"exchanges": [], "persons": []},
        "nothing": {},
        "only_persons": {"exchanges": [], "persons": copy.deepcopy(gold["persons"])},
        "only_exchanges": {"exchanges": copy.deepcopy(gold["exchanges"]), "persons": []},
    }
    for op in OPS:
        cases[op.__name__] = op(as_prediction(gold), random.Random(op.__name__))
    cases["false_detainees"] = add_false_detainees(gold, as_prediction(gold), random.Random(7))
    dropped = as_prediction(gold)
    dropped["exchanges"] = dropped["exchanges"][1:]
    cases["drop_first"] = dropped
    doubled = as_prediction(gold)
    doubled["exchanges"] = doubled["exchanges"] + copy.deepcopy(doubled["exchanges"])
    cases["all_twice"] = doubled
    nulls = as_prediction(gold)
    for ex in nulls["exchanges"]:
        ex["total"] = None
        for side in ex["sides"]:
            side["count"] = None
    cases["null_counts"] = nulls
    no_sides = as_prediction(gold)
    for ex in no_sides["exchanges"]:
        ex["sides"] = None if len(ex["sides"]) % 2 else []
    cases["no_sides"] = no_sides
    return cases


def random_cases(gold: Json, n: int, seed: int) -> list[Json]:
    """Several mistakes at once, as a real extractor makes them; fixed seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        pred = as_prediction(gold)
        for op in rng.sample(OPS, rng.randint(2, 5)):
            pred = op(pred, rng)
        if rng.random() < 0.4:
            pred = add_false_detainees(gold, pred, rng)
        out.append(pred)
    return out


CASE_NAMES = list(named_cases({"exchanges": [], "persons": [], "not_detainees": []}))


# ---------------------------------------------------------------- end-to-end against score.py

@pytest.mark.parametrize("corpus", CORPORA)
def test_gold_against_itself_is_perfect(corpus: str, tmp_path: Path) -> None:
    gold = load_gold(corpus)
    result = check_against_reference(gold, gold, tmp_path, text=True)
    assert result["score"] == 1.0
    assert result["exchanges"]["matched"] == len(gold["exchanges"])
    assert result["false_detainees"] == []


@pytest.mark.parametrize("corpus", CORPORA)
@pytest.mark.parametrize("case", CASE_NAMES)
def test_perturbed_prediction_scores_like_score_py(corpus: str, case: str, tmp_path: Path) -> None:
    gold = load_gold(corpus)
    check_against_reference(gold, named_cases(gold)[case], tmp_path)


@pytest.mark.parametrize("corpus", CORPORA)
@pytest.mark.parametrize("index", range(6))
def test_random_mixed_mistakes_score_like_score_py(corpus: str, index: int, tmp_path: Path) -> None:
    gold = load_gold(corpus)
    pred = random_cases(gold, 6, seed=20240801 + len(corpus))[index]
    check_against_reference(gold, pred, tmp_path)


def test_empty_prediction_scores_zero_on_exchanges(tmp_path: Path) -> None:
    result = check_against_reference(load_gold("seeds"), {"exchanges": [], "persons": []}, tmp_path, text=True)
    assert result["exchanges"]["f1"] == 0.0
    assert result["persons_found"]["found"] == 0


def test_named_official_is_reported_as_false_detainee(tmp_path: Path) -> None:
    gold = load_gold("seeds")
    pred = as_prediction(gold)
    pred["persons"].append({"name": gold["not_detainees"][0].upper(), "status": "detained"})
    result = check_against_reference(gold, pred, tmp_path, text=True)
    assert result["false_detainees"] == [gold["not_detainees"][0].upper()]


# Hand-made gold where the tie order and the greedy choice decide the result.
TIE_GOLD: Json = {
    "exchanges": [
        {"date": "2024-08-01", "sides": [{"released_by": "Russia", "received_by": "US", "count": 3,
                                          "persons": ["Anna Example"]}]},
        {"date": "2024-08-01", "sides": [{"released_by": "Russia", "received_by": "US", "count": 2,
                                          "persons": ["Boris Sample"]}]},
        {"date": "2024-08", "sides": [{"released_by": "Belarus", "received_by": "Germany", "count": 1,
                                       "persons": []}], "location": {"city": "Ankara", "country": "Turkey"}},
    ],
    "persons": [{"name": "Anna Example", "aliases": ["Anya Example"], "status": "exchanged"},
                {"name": "Boris Sample", "status": "released"}],
    "not_detainees": ["Carla Official"],
}

TIE_PREDICTIONS: dict[str, Json] = {
    "one_copy_no_persons": {"exchanges": [{"date": "2024-08-01", "sides": [
        {"released_by": "Russia", "received_by": "United States", "count": 2, "persons": []}]}]},
    "one_copy_second_person": {"exchanges": [{"date": "2024-08-02", "sides": [
        {"released_by": "Russian Federation", "count": 2, "persons": ["Boris Sampel"]}]}]},
    "alias_and_year": {"exchanges": [
        {"date": "2024", "sides": [{"released_by": "Belarus", "persons": ["Anya Example"]}]},
        {"date": "2024-08-03", "sides": [{"received_by": "USA", "persons": ["ANNA EXAMPLE"]}]},
        {"date": "2024-08-04", "sides": [{"released_by": "Germany", "persons": []}]}],
        "persons": [{"name": "Anya Example", "status": "exchanged"}, {"name": "Sample", "status": "released"},
                    {"name": "Carla Oficial", "status": "detained"}]},
    "no_parties": {"exchanges": [{"date": "2024-08-01"}, {"date": "2024-08-01", "sides": []},
                                 {"date": "2024-08-31", "location": {"city": "ankara"}}]},
    "bad_dates": {"exchanges": [{"date": "01/08/2024"}, {"date": "2024-08-01T10:00:00Z"},
                                {"date": 2024}, {"date": ""}]},
}


@pytest.mark.parametrize("case", list(TIE_PREDICTIONS))
def test_tie_order_and_greedy_matching_like_score_py(case: str, tmp_path: Path) -> None:
    check_against_reference(TIE_GOLD, TIE_PREDICTIONS[case], tmp_path, text=True)


def test_identical_candidates_go_to_the_later_gold_exchange() -> None:
    # Both gold exchanges fit equally; score.py's reverse sort picks the higher index.
    result = score(TIE_GOLD, TIE_PREDICTIONS["one_copy_no_persons"])
    assert result["counts"]["correct"] == 1          # count 2 is the second gold exchange's
    assert result["exchanges"]["matched"] == 1


@pytest.mark.parametrize("gold,pred", [
    ({"exchanges": [{"date": "2024-01-01"}], "persons": [{"name": "No Status"}]}, {"persons": [{"name": "no status"}]}),
    ({"exchanges": [{"date": "2024-13-01"}]}, {"exchanges": [{"date": "2024-01-01"}]}),
    ({"persons": [{"aliases": []}]}, {}),
])
def test_malformed_input_fails_in_both(gold: Json, pred: Json, tmp_path: Path) -> None:
    with pytest.raises(ScoringError) as err:
        score(gold, pred)
    assert err.value.code == "cannot_score"
    assert run_reference(gold, pred, tmp_path, as_json=True).returncode == 2


# ---------------------------------------------------------------- helpers against score.py

def all_names() -> list[str]:
    names: list[str] = []
    for corpus in CORPORA:
        gold = load_gold(corpus)
        for person in gold["persons"]:
            names += [person["name"], *person.get("aliases", [])]
        names += gold["not_detainees"]
    return names


def name_pairs() -> list[tuple[str, str]]:
    """Every dev name against its spelling variants, plus a fixed random sample of all pairs."""
    names = all_names()
    folded = [scoring.fold_text(n) for n in names]
    pairs = [(scoring.fold_text(n), scoring.fold_text(v)) for n in names for v in spelling_variants(n)]
    rng = random.Random(93)
    pairs += [(rng.choice(folded), rng.choice(folded)) for _ in range(3000)]
    pairs += [("", ""), ("a", ""), ("", "a"), ("a", "b"), ("ab", "ba"), ("abc", "cba"), ("a", "ab"),
              ("martha", "marhta"), ("dixon", "dicksonx"), ("crate", "trace"), ("dwayne", "duane")]
    return pairs


def test_jaro_winkler_equals_score_py_on_many_pairs(reference: ModuleType) -> None:
    pairs = name_pairs()
    assert len(pairs) > 3000
    near_threshold = 0
    for a, b in pairs:
        ours, theirs = scoring.jaro_winkler(a, b), reference.jaro_winkler(a, b)
        assert ours == theirs, (a, b)
        near_threshold += abs(theirs - 0.93) < 0.05
    assert near_threshold > 20        # the pairs really probe the decision boundary


def test_name_matching_equals_score_py(reference: ModuleType) -> None:
    names = all_names()
    folded = [reference.norm_text(n) for n in names]
    variants = [v for n in names for v in spelling_variants(n)]
    variants = random.Random(5).sample(variants, 400) + ["", "  ", "..."]
    agree = matched = 0
    for v in variants:
        ours = scoring.name_matches(v, folded)
        assert ours == reference.name_matches(v, folded), v
        agree += 1
        matched += ours
    assert 0 < matched < agree


@pytest.mark.parametrize("text", ["José Ángel Pereira", "Joseph R. Biden Jr.", "Karine Jean-Pierre",
                                  "ÅSA Ølsen", "  spaced\tout  ", "O'Neil", "", "ﬁnal Ｗide", "Ruslan_Ali"])
def test_name_folding_equals_score_py(text: str, reference: ModuleType) -> None:
    assert scoring.fold_text(text) == reference.norm_text(text)


@pytest.mark.parametrize("party", ["US", "u.s.", "The United States", "Türkiye", "the Taliban", "Taliban",
                                   "UAE", "Russian Federation", "Iran, Islamic Republic of", " UK ",
                                   "Hamas", "Côte d'Ivoire", "", None, "the UK"])
def test_country_folding_equals_score_py(party: str | None, reference: ModuleType) -> None:
    assert scoring.fold_country(party) == reference.norm_country(party)


DATES = ["2024-08-01", "2024-08-03", "2024-08-04", "2024-07-31", "2024-08", "2024-09", "2024", "2023",
         "2024-08-01T12:00", None, "", "August 2024", "2023-12-31", "2024-01-01"]


@pytest.mark.parametrize("gold_date", DATES)
def test_date_rules_equal_score_py(gold_date: str | None, reference: ModuleType) -> None:
    for pred_date in DATES:
        assert scoring.dates_compatible(gold_date, pred_date) == reference.dates_compatible(gold_date, pred_date)
        assert scoring.date_exact(gold_date, pred_date) == reference.date_exact(gold_date, pred_date)


def test_report_has_one_line_per_metric() -> None:
    gold = load_gold("seeds")
    lines = format_report(score(gold, gold)).splitlines()
    assert len(lines) == 9
    assert lines[-1] == "score 1.000"
    assert lines[0].startswith("exchanges         P=1.00 R=1.00 F1=1.00")
