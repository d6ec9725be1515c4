"""Charges and prison terms, read from the sentences that talk about one detainee.

Reporting states them in a few fixed frames: "charged with X", "accused of X", "convicted of
X", "on X charges", "sentenced to N years for X", "jailed for life", "a 14-year sentence",
"a heavy prison term (seven years)". Quoted charges keep their wording without quotes.
"""
from __future__ import annotations

import re

from .numbers import parse_number

_Q = "\"\u201c\u201d\u2018\u2019'\u00ab\u00bb"
_NUM = (r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|"
        r"six|seven|eight|nine))?|twenty|thirty|forty|fifty|a|an)")
_UNIT = r"(?P<unit>years?|months?|weeks?|days?)"

# where a charge phrase starts
_CHARGE_LEAD = re.compile(
    r"\b(?:charged\s+with|charges?\s+of|accused\s+of|convicted\s+of|found\s+guilty\s+of|guilty\s+of|"
    r"indicted\s+(?:on|for)(?:\s+(?:new\s+)?charges?\s+of)?|on\s+suspicion\s+of|suspected\s+of|"
    r"prosecuted\s+for|tried\s+for|arrested\s+for|detained\s+for|jailed\s+for|imprisoned\s+for|"
    r"sentenced\s+(?:[^.;]{0,60}?)\s+for|convicted\s+(?:[^.;]{0,40}?)\s+for|"
    r"on\s+(?:new\s+)?charges,?\s+(?:this\s+time\s+)?(?:for|of)|this\s+time\s+for|"
    r"(?:years?|months?|life|term|sentence)\s+(?:in\s+[\w\s-]{1,30}?\s+)?for)\s+", re.I)
# "on treason charges", "on marijuana charges", "on spurious charges"
_ON_CHARGES = re.compile(r"\bon\s+(?P<x>(?:[\w-]+\s+){1,3}?)charges?\b", re.I)
_STOP = re.compile(
    r"\s*(?:[,;.:()\[\]\u2014\u2013]|\s-\s|\b(?:and\s+(?:was|is|has|had|were|sentenced|charged|"
    r"jailed|detained|\w+ed\b|then)|after|before|while|which|who|because|but|when|in\s+(?:19|20)\d\d|in\s+(?:a|the)\s+"
    r"(?:play|case|trial|court)|since|until|on\s+(?:\w+day|\d)|according|last|this\s+(?:week|month|year)|"
    r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"at\s+the|with\s+other|following|during|despite|a\s+claim|as\s+part)\b)", re.I)
_NOT_CHARGE = re.compile(
    rf"^(?:{_NUM}\s+)?(?:(?:more|less|fewer|over|nearly|almost|about|around|at least|some|up to)"
    rf"(?:\s+than)?)?\s*(?:{_NUM}\s+)?"
    r"(?:years?|months?|weeks?|days?|life|decades?|long|now|the\s+(?:first|second|release|exchange)|"
    r"his|her|their|its|him|them|it|this|that|what|which|so|being|having|years|months|release|"
    r"freedom|return|exchange|swap|deal|new\s+charges?|charges?|the\s+\w+\s+time)\b", re.I)
_SPURIOUS = re.compile(r"^(?:spurious|bogus|trumped-up|fabricated|false|baseless|new|politically motivated|"
                       r"criminal|several|multiple|various|other|similar|these|those|the|such)$", re.I)
_NORMALISE = (
    (re.compile(r"^(?:killing|murdering|the\s+murder\s+of|murder\s+of|assassinating)\b.*", re.I), "murder"),
    (re.compile(r"^(?:spying|espionage)\b.*", re.I), "espionage"),
    (re.compile(r"^high\s+treason$", re.I), "treason"),
)


def _clean(x: str) -> str:
    x = x.strip().strip(_Q + " ").strip()
    x = re.sub(r"\s+", " ", x)
    x = re.sub(r"^(?:a|an|the)\s+", "", x, flags=re.I)
    for rx, repl in _NORMALISE:
        if rx.match(x):
            return repl
    return x.lower() if not re.search(r"[A-Z]{2,}", x) else x[0].lower() + x[1:]


def find_charges(text: str) -> list[tuple[str, int, int]]:
    """Charge phrases in ``text`` with their character spans, in order, without repeats."""
    out: list[tuple[str, int, int]] = []
    for m in _CHARGE_LEAD.finditer(text):
        start = m.end()
        rest = text[start:start + 160]
        if rest[:1] in _Q:
            close = re.search(rf"[{_Q}]", rest[1:])
            phrase = rest[1:1 + close.start()] if close else rest[1:]
            span_end = start + 1 + len(phrase)
        else:
            stop = _STOP.search(rest)
            phrase = rest[:stop.start()] if stop else rest
            words = phrase.split()
            if len(words) > 7:
                phrase = " ".join(words[:7])
            span_end = start + len(phrase)
        phrase = phrase.strip(_Q + " .,")
        if not phrase or _NOT_CHARGE.match(phrase) or len(phrase) < 3:
            continue
        value = _clean(phrase)
        if value and not any(value == v for v, _, _ in out):
            out.append((value, start, span_end))
    for m in _ON_CHARGES.finditer(text):
        x = m.group("x").strip()
        words = [w for w in x.split() if not _SPURIOUS.match(w)]
        if not words:
            continue
        value = _clean(" ".join(words))
        if value and not any(value == v or value in v for v, _, _ in out):
            out.append((value, m.start("x"), m.end("x")))
    return out


_LIFE = re.compile(r"\b(?:(?:sentenced|jailed|imprisoned|convicted)\s+(?:\w+\s+){0,3}?(?:to|for)\s+life|"
                   r"life\s+(?:sentence|imprisonment|term|in\s+prison|behind\s+bars)|"
                   r"(?:serving|serve|faces|facing|got|received|given)\s+(?:a\s+)?life)\b", re.I)
_TERM_PATTERNS = (
    re.compile(rf"\b(?:sentenced|jailed|imprisoned|given|handed|received|faces|facing)"
               rf"\s+(?:(?!more|over|nearly|almost|about|than|after|since|past)\w+\s+){{0,4}}?(?:to\s+|for\s+)?"
               rf"(?P<n>(?!a\b|an\b){_NUM})(?:\s+and\s+a\s+half)?[\s-]+{_UNIT}"
               r"(?!\s+(?:ago|earlier|later|before|after))", re.I),
    re.compile(rf"\b(?P<n>{_NUM})[\s-]+(?P<unit>year|month)s?[\s-](?:old\s+)?(?:prison\s+|jail\s+|penal\s+|"
               r"colony\s+)?(?:sentence|term|jail\s+term|prison\s+term)\b", re.I),
    re.compile(rf"\b(?:prison|jail)\s+(?:term|sentence)\s*\((?P<n>{_NUM})\s+{_UNIT}\)", re.I),
    re.compile(rf"\b(?P<n>{_NUM})\s+{_UNIT}\s+(?:in\s+(?:a\s+)?(?:prison|jail|penal\s+colony|"
               r"maximum[\s-]security\s+\w+|strict[\s-]regime\s+\w+))", re.I),
)


def _number(word: str) -> int | float | None:
    w = word.lower()
    if re.fullmatch(r"\d+\.\d+", w):
        return float(w)
    if w in ("a", "an"):
        return 1
    return parse_number(w)


_SUSPENDED = re.compile(r"\b(?:suspended|probation(?:ary)?|conditional)\b", re.I)


def find_sentence(text: str) -> tuple[str, int, int] | None:
    """The prison term in ``text``: ("12 years", start, end), ("life", ...), or None.

    A suspended or probationary term is no prison term."""
    life = _LIFE.search(text)
    best: tuple[str, int, int] | None = None
    if life:
        best = ("life", life.start(), life.end())
    for rx in _TERM_PATTERNS:
        for m in rx.finditer(text):
            n = _number(m.group("n"))
            if n is None or _SUSPENDED.search(text[max(0, m.start() - 30):m.end() + 12]):
                continue
            unit = m.group("unit").lower().rstrip("s")
            half = "and a half" in m.group(0).lower()
            value = n + 0.5 if half else n
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            label = f"{value} {unit}" + ("" if value == 1 else "s")
            if best is None or m.start() < best[1]:
                best = (label, m.start(), m.end())
            break
    return best
