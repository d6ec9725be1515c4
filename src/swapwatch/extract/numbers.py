"""Counts in digits and words ("16", "1,000", "twenty-four", "two dozen", "nearly 900").

Exchange reports give counts in every style, and a wrong count is worse than none, so
the finder skips what only looks like a count: years, ages, ordinals, money,
percentages, times, day numbers of dates, model and article numbers ("F-16",
"Article 275").  Durations ("12 years") are still numbers; the caller decides.
Vague quantities ("dozens", "hundreds") come back with ``approximate=True`` and a
nominal value (24, 200, 2000) so a caller can rank them but should not report them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

EXTRACTOR_ID = "swapwatch.numbers.v1"


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: int
    approximate: bool   # "nearly 900", "some 1,000", "more than 50", "dozens", "hundreds"


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))
_SEQ = (rf"(?:(?:half[ \t]+an?|an?)[ \t]+(?=(?:hundred|thousand|dozen|million)\b))?(?:{_WORD})"
        rf"(?:(?:[ \t]*-[ \t]*|[ \t]+|(?:(?<=hundred)|(?<=thousand)|(?<=million))[ \t]+and[ \t]+)(?:{_WORD}))*")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[ \t]+(?:million|thousand|hundred))?"
_VAGUE_RX = (r"(?:tens|hundreds)[ \t]+of[ \t]+thousands|(?:several|a[ \t]+few)[ \t]+(?:dozen|hundred|thousand)"
             r"|dozens|scores(?=[ \t]+of\b)|hundreds|thousands")
_HEDGE = (r"nearly|almost|about|around|some|roughly|approximately|approx\.|more[ \t]+than|over|"
          r"at[ \t]+least|fewer[ \t]+than|less[ \t]+than|up[ \t]+to|close[ \t]+to|an[ \t]+estimated|"
          r"upwards[ \t]+of|just[ \t]+over|just[ \t]+under|as[ \t]+many[ \t]+as|at[ \t]+most|"
          r"no[ \t]+fewer[ \t]+than|no[ \t]+less[ \t]+than|well[ \t]+over|an[ \t]+additional|another|"
          r"at[ \t]+least[ \t]+another")
_NUMBER_RX = re.compile(
    rf"(?i)(?<![\w$€£¥₽+#/.,:-])(?:(?P<hedge>{_HEDGE})[ \t]+)?"
    rf"(?P<num>(?P<vague>{_VAGUE_RX})|(?P<digits>{_DIGITS})|(?P<words>{_SEQ}))(?![\w])"
    rf"(?P<range>[ \t]*(?:-|–|to)[ \t]*(?:{_DIGITS}|{_SEQ})(?![\w]))?"
    rf"(?P<post>[ \t]+or[ \t]+(?:so|more)\b|-odd\b|\+)?")

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_AFTER_SKIP = re.compile(
    rf"(?i:[ \t]*-?[ \t]*(?:year|month|week|day)s?[ \t-]*olds?\b|[ \t]+years?[ \t]+of[ \t]+age\b|"
    rf"[ \t]*%|[ \t]*-?[ \t]*per[ \t]*cent|:\d|[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|GMT\b|UTC\b|hrs\b)|"
    rf"[ \t]*(?:dollars|euros|pounds|sterling|rubles|roubles|rials|riyals|dirhams|yuan|yen|hryvnias?|"
    rf"bolivars?|lira|shekels|francs|USD|EUR|GBP|RUB|bucks)\b|"
    rf"(?:st|nd|rd|th)\b)|(?:[ \t]*(?:of[ \t]+)?{_MONTH}\b)")
_BEFORE_SKIP = re.compile(
    rf"(?:(?i:\baged?|\bages|\bage[ \t]+of|\bArticle|\bArticles|\bNo\.|\bNos\.|\bnumber|\bSection|\bResolution|\bChapter|"
    rf"\bPart|\bFlight|\bHighway|\bRoute|\bRoom|\bCell|\bColony|\bPrison|\bBuilding|\bpage|\bpp?\.|\bparagraph|"
    rf"\bclause|\bRule|\bDecree|\bLaw|\bCode|\bpoint|\bitem|\bvolume|\bissue|\bseason|\bepisode|\bUS\$|\bRs\.?|"
    rf"\bUSD|\bEUR|\bGBP)|{_MONTH}\.?)[ \t]+$|[$€£¥₽][ \t]*$")
_ONE_SKIP_BEFORE = re.compile(r"(?i)\b(?:no|the|this|that|which|each|every|any|some|the only|only)[ \t]+$")
_ONE_SKIP_AFTER = re.compile(r"(?i)[ \t]+(?:another|of\b|day\b|time\b|point\b|by[ \t]+one|thing|way|side|hand|"
                             r"another|or[ \t]+(?:another|two|more)\b|who\b|that\b)")
_LABEL_BEFORE = re.compile(
    r"(?<![\w'’-])(?!(?:In|On|At|By|For|Of|And|But|To|With|From|The|About|Some|Nearly|Around|Only|All|"
    r"Those|These|Another|Over|Under|Almost|Just|Roughly|Approximately|Exactly|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|Then|Now|Since|After|Before|When|While|Between|Among|Including|"
    r"More|Less|Fewer|Than|Up|Until|Till|Within|Only|Another|Another|Total|Overall|Altogether|Still|"
    r"Yet|So|Also|Here|There|Where|Why|How|What|Which|Who|Nearly|Like|Unlike|Per|Via|Into|Onto|Against|"
    r"During|Through|Across|Toward|Towards|Without|Despite|Some|Many|Most|Every|Each|Both|Either|Neither|"
    r"Had|Has|Have|Was|Were|Is|Are|Be|Been|Freed|Released|Returned|Exchanged|Swapped|Sentenced|Jailed)\b)"
    r"[A-Z][a-z]+[ \t]+$")
_AGE_APPOSITION = re.compile(r"[A-Z][\w'’-]+,[ \t]+$")
_COUNT_NOUN_AFTER = re.compile(
    r"[ \t]+(?:people|persons|prisoners|detainees|hostages|captives|soldiers|servicemen|civilians|"
    r"fighters|troops|POWs|inmates|men|women|children|bodies|citizens|nationals)\b")


def small_number(word: str) -> int | None:
    """The value of one numeral or number word under twenty ("2", "two"); None for anything else."""
    w = word.lower()
    return int(w) if w.isdigit() else _UNITS.get(w)


def _words_value(tokens: list[str]) -> int | None:
    """Value of a spelled-out number, or None if the words do not form one."""
    total, current, seen = 0, 0, False
    last = ""   # "unit" | "tens" | "hundred" | "scale" | "dozen"
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in ("a", "an"):
            if i + 1 < len(tokens) and tokens[i + 1] in ("hundred", "thousand", "million", "dozen"):
                current, last, seen = 1, "unit", True
                i += 1
                continue
            return None
        if t == "half":
            if tokens[i + 1:i + 3] == ["a", "dozen"] or tokens[i + 1:i + 3] == ["an", "dozen"]:
                current += 6
                last, seen = "dozen", True
                i += 3
                continue
            return None
        if t == "and":
            if last not in ("hundred", "scale"):
                return None
            i += 1
            continue
        if t in _UNITS:
            if last in ("unit", "dozen") or (last == "tens" and _UNITS[t] >= 10) or (last == "tens" and _UNITS[t] == 0):
                return None
            current += _UNITS[t]
            last = "unit"
        elif t in _TENS:
            if last in ("unit", "tens", "dozen"):
                return None
            current += _TENS[t]
            last = "tens"
        elif t == "hundred":
            if not seen or last == "hundred" or current % 100 == 0 and current:
                return None
            current = (current or 1) * 100
            last = "hundred"
        elif t in ("thousand", "million"):
            if not seen or last == "scale" and not current:
                return None
            total += (current or 1) * _SCALES[t]
            current = 0
            last = "scale"
        elif t == "dozen":
            if not seen or last != "unit" or current > 12:
                return None
            current = (current or 1) * 12
            last = "dozen"
        else:
            return None
        seen = True
        i += 1
    return total + current if seen else None


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s\-–]+", text.lower()) if t]


def _digits_value(text: str) -> int | None:
    t = text.strip().lower()
    m = re.fullmatch(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s+(million|thousand|hundred))?", t)
    if not m:
        return None
    num = float(m.group(1).replace(",", ""))
    if not math.isfinite(num):      # a run of 309+ digits is not a count
        return None
    if m.group(2):
        num *= _SCALES[m.group(2)]
    elif "." in m.group(1):
        return None
    return int(round(num))


_HEDGE_PREFIX = re.compile(rf"(?i)^(?:{_HEDGE})[ \t]+")


def parse_number(text: str) -> int | None:
    """Exact value of a count written in digits or words ("1,000", "twenty-four",
    "two dozen", "three hundred and ninety"); None for vague or non-numbers ("dozens",
    "a pair"). A leading hedge ("nearly 900") is ignored."""
    t = " ".join((text or "").split())
    t = _HEDGE_PREFIX.sub("", t)
    if not t:
        return None
    if t[0].isdigit():
        return _digits_value(t)
    return _words_value(_tokens(t))


def _skip(text: str, m: re.Match) -> bool:
    s, e = m.start("num"), m.end("num")
    before = text[max(0, s - 16):s]
    after = text[e:e + 24]
    if _AFTER_SKIP.match(after) or _BEFORE_SKIP.search(before):
        return True
    if m.group("digits"):
        raw = m.group("digits")
        if re.fullmatch(r"(?:19|20)\d\d", raw) and not _COUNT_NOUN_AFTER.match(after):
            return True   # a year
        if re.fullmatch(r"\d{1,3}", raw) and _AGE_APPOSITION.search(text[max(0, s - 40):s]) \
                and after.startswith(",") and int(raw) <= 120:
            return True   # "Karelina, 33, was ..."
        if _LABEL_BEFORE.search(text, max(0, s - 24), s) and not _COUNT_NOUN_AFTER.match(after):
            return True   # "Game 4", "Apollo 11", "Echo 3"
    if re.match(r"[-–][A-Za-z]", after):
        return True       # "16-page", "two-year conflict", "zero-Covid": a compound adjective
    if m.group("range"):
        lo, hi = m.group("num"), m.group("range").strip(" \t-–").removeprefix("to").strip()
        lo_v, hi_v = parse_number(lo), parse_number(hi)
        if lo_v is None or hi_v is None or hi_v <= lo_v:
            return True   # "27-17", "2-0": a score, not a range
    if m.group("words"):
        low = m.group("words").lower()
        if low == "one" and (_ONE_SKIP_BEFORE.search(before) or _ONE_SKIP_AFTER.match(after)):
            return True
        if low in ("one", "a") and m.group("hedge") is None and re.match(r"\s*-", after):
            return True
    return False


def find_numbers(text: str) -> list[NumberMatch]:
    """Every count in ``text`` in order, hedged forms spanning their hedge ("nearly 900")."""
    out: list[NumberMatch] = []
    for m in _NUMBER_RX.finditer(text or ""):
        if _skip(text, m):
            continue
        approximate = bool(m.group("hedge") or m.group("post") or m.group("range") or m.group("vague"))
        if m.group("vague"):
            v = m.group("vague").lower().split()
            value = _VAGUE.get(v[-1]) if len(v) == 1 else (
                3 * {"dozen": 12, "hundred": 100, "thousand": 1000}[v[-1]] if v[0] in ("several", "a")
                else 10 * 1000 if v[0] == "tens" else 100 * 1000)
        else:
            value = parse_number(m.group("num"))
            if value is None and m.group("words"):
                value = _longest_prefix(m, text)
                if value is None:
                    continue
                value, end = value
                out.append(NumberMatch(m.start(), end, text[m.start():end], value,
                                       bool(m.group("hedge"))))
                continue
        if value is None:
            continue
        out.append(NumberMatch(m.start(), m.end(), text[m.start():m.end()], int(value), approximate))
    return out


def _longest_prefix(m: re.Match, text: str) -> tuple[int, int] | None:
    """"one two" or "ten twelve" are not one number: keep the longest leading part that is."""
    words = list(re.finditer(r"[A-Za-z]+", m.group("words")))
    base = m.start("words")
    for k in range(len(words) - 1, 0, -1):
        end = base + words[k - 1].end()
        v = parse_number(text[base:end])
        if v is not None:
            return v, end
    return None
