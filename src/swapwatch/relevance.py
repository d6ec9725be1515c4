"""Is an article about a detention, release, exchange, sentence or death in custody that happened?

A fast gate in front of the parser (no spaCy): weighted cues over title and text, each
checked in its own sentence for what makes it *not* an event: the future or a modal
("will be released", "to free"), a demand or effort ("calls for the release",
"to secure the release"), a condition ("until they are released") or a question. Arrests
and sentences count fully only with a political or state-to-state sign in the sentence
(journalist, opposition, treason, hostage, a foreign state ...) and little when the
sentence is about ordinary crime. Metaphors ("holding the bill hostage") and policy
texts (executive orders, sanctions) pull the score down.

Every cue that fired is named in ``Relevance.reasons`` (for the Articles page), a
blocked one as ``"-blocked:<cue>"``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Article, JudgedArticle, Relevance

COMPONENT = "swapwatch.relevance.v6"
THRESHOLD = 0.5

_NUM = (r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
        r"seventy|eighty|ninety|a hundred|hundreds|dozens|scores|a dozen|several|a number|a few|"
        r"some|many|a group)")
_APPROX = r"(?:(?:nearly|about|around|some|more than|over|at least|almost|up to|another|a further)\s+)?"
# People who are held, as the subject or object of a release.
_HELD = (r"(?:hostages?|prisoners?|detainees?|captives?|POWs?|prisoners of war|abductees|"
         r"political prisoners|servicemen|soldiers|defenders|fighters)")
_PLACE_HELD = (r"(?:prison|jail|gaol|captivity|detention|custody|penal colony|prison colony|solitary|"
               r"labou?r camp|prison camp|detention (?:centre|center|camp)|internment camp|"
               r"house arrest|Evin|Lefortovo|Guantanamo)")
_W = r"(?:[\w'’-]+\s+)"   # one word and its space
# What follows "prisoner of war"/"POW" when it names a thing, not a person: "a POW camp".
_NOT_POW_THING = (r"(?![- /]*(?i:camps?|status|swaps?|exchanges?|training|conventions?|treatment|rights|"
                  r"issues?|MIA|museum|memorial|recognition|accounting|agency|day|deals?|talks|releases?|"
                  r"returns?|policy|law|labou?r|bracelets?|families|family|question|code|list)\b)")


def _rx(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@dataclass(frozen=True)
class _Cue:
    name: str
    weight: float
    pattern: re.Pattern[str]
    check: str = "event"        # "event": verb checked for modality; "noun": governing verb checked;
    #                             "plain": no check
    scope: str = "held"         # "held": needs a held-person sign in the sentence for full weight;
    #                             "political": arrests/sentences, see _scale; "any": as is
    title_only: bool = False    # headline grammar: a bare participle ("Journalist jailed") is an event
    verb_last: bool = False     # the match opens with the subject and ends with the verb
    not_things: bool = False    # a bare "was released" whose sentence names a film, report ... is no release
    names: bool = False         # the match needs capitalised names: not read in a Title Case headline


# Event cues: something happened to people who were held.
_CUES: tuple[_Cue, ...] = (
    _Cue("released from detention", 0.7, _rx(
        rf"\b(?:released|freed|freeing|set free|escaped|walked free|walks free|emerged|is free|"
        rf"are free|was free|were free|now free|be free|release|releases)\s+from\s+{_W}{{0,3}}?"
        rf"{_PLACE_HELD}\b"
        rf"|\b(?:is|are|was|were|now|got|get|gets)\s+out of\s+{_W}{{0,2}}?{_PLACE_HELD}\b"
        rf"|\b(?:brought|brings|bringing|took|taken)\s+{_W}{{0,5}}?out of\s+{_W}{{0,2}}?{_PLACE_HELD}\b")),
    _Cue("held people released", 0.7, _rx(
        rf"\b{_HELD}\b[^.?!;]{{0,80}}?\b(?:were|was|have been|has been|had been|got|are being|is being|"
        rf"being|been|be|are|is)\s+(?:\w+ly\s+|now\s+|all\s+|also\s+|finally\s+){{0,2}}(?:released|freed|"
        rf"set free|returned|repatriated|handed over|swapped|exchanged|traded|brought home|sent home)\b"),
        verb_last=True),
    _Cue("released held people", 0.7, _rx(
        rf"\b(?:released|freed|frees|releases|release|free|freeing|releasing|swapped|swaps|swap|"
        rf"swapping|exchanged|exchanges|exchanging|handed over|hands over|returned|returns|"
        rf"repatriated|traded|(?:hands|handed|handing)(?!\s+(?:down|out|in)\b))\s+(?!of\b){_APPROX}(?:{_NUM}\s+)?{_W}{{0,3}}?(?:{_HELD}|troops)\b")),
    # "Moscow released 205 Ukrainians", "exchanged 150 Russians": people counted by a nationality
    _Cue("released counted nationals", 0.7, _rx(
        rf"\b(?i:released|freed|frees|releases|set free|swapped|exchanged|handed over|hands over|"
        rf"repatriated|traded)\s+(?i:{_APPROX})(?:\d[\d,]*|(?i:two|three|four|five|six|seven|eight|nine|ten|"
        rf"eleven|twelve|dozens of|hundreds of))\s+(?:[a-z]+\s+)?(?:[A-Z][a-z]+(?:ians|ans|ns|is|ese|ers|"
        rf"ons|ards|ish)|(?i:nationals|citizens|civilians|service members|servicemembers))\b", 0)),
    _Cue("exchange took place", 0.7, _rx(
        rf"\b(?:(?:prisoner|POW|captive|hostage|detainee|spy)s?[- ](?:swap|exchange|release)s?|"
        rf"(?:swap|exchange|release|handover)s?\s+of\s+{_APPROX}(?:{_NUM}\s+)?{_W}{{0,3}}?{_HELD})\b"
        rf"[^.?!;]{{0,60}}?\b(?:took place|happened|was completed|were completed|was carried out|"
        rf"went ahead|was conducted|occurred|was finalized|was finalised)\b")),
    _Cue("carried out an exchange", 0.7, _rx(
        rf"\b(?:completed|carried out|conducted|held|made|staged|carry out|conduct|carries out|"
        rf"conducts|swapped|exchanged)\s+(?:a|an|the|their|its|another|the latest|a new|a major|a rare|"
        rf"a fresh)?\s*{_W}{{0,3}}?(?:swap|exchange)s?\b")),
    _Cue("freed in a swap", 0.65, _rx(
        rf"\b(?:released|freed|frees|releases|exchanged|swapped|traded|returned|handed over|home|"
        rf"transferred|repatriated)\b"
        rf"[^.?!;]{{0,80}}?\b(?:in|as part of|under|through)\s+(?:(?:a|an|the)\s+{_W}{{0,3}}?"
        rf"(?:swap|exchange|prisoner deal|hostage deal)|(?:{_W}{{0,2}}?(?:prisoner|POW|hostage|captive|"
        rf"detainee)[- ](?:swap|exchange)))\b(?!\s+(?:deals?|agreements?|talks)\b)"), not_things=True),
    # A noun phrase that presupposes the exchange happened: "back home after the prisoner swap",
    # "despite prisoner swap", "since the prisoner exchange with ...", "was part of a prisoner swap".
    _Cue("after the exchange", 0.6, _rx(
        r"\b(?:after|following|since|despite|in the wake of)\s+(?:the\s+|a\s+|an\s+|this\s+|last\s+|"
        r"their\s+|its\s+)?(?:[\w.’'-]+\s+){0,3}?(?:prisoners?|POW|hostages?|captives?|detainees?)[- ]"
        r"(?:swaps?|exchanges?)\b(?!\s+(?:deals?|talks|negotiations?|agreements?|funds|plans?|"
        r"proposals?|framework|offers?)\b)"
        r"|\b(?:was|were|is|are)\s+(?:\w+ly\s+)?part of (?:a|an|the)\s+(?:[\w.’'-]+\s+){0,3}?"
        r"(?:prisoner|POW|hostage|captive|detainee)[- ](?:swap|exchange)\b(?!\s+(?:deals?|talks|"
        r"negotiations?|agreements?)\b)"), scope="any"),
    _Cue("in exchange for", 0.6, _rx(
        r"\b(?:released|freed|frees|releases|exchanged|swapped|traded|handed over|returned|hands|handed|set free)\b"
        r"[^.?!;]{0,100}?\bin (?:exchange|return) for\b|\bin (?:exchange|return) for\b[^.?!;]{0,100}?"
        r"\b(?:released|freed|was freed|were freed|handed over)\b"
        r"|\b(?:release|freeing)\s+of\b[^.?!;]{0,60}?\bin (?:exchange|return) for\b")),
    _Cue("release of people", 0.6, _rx(
        rf"\b(?:(?:release|freeing|return|exchange|swap|repatriation|handover|homecoming)\s+of|"
        rf"homecoming\s+for)\s+"
        rf"(?:the\s+|all\s+|two\s+|three\s+)?{_APPROX}(?:{_NUM}\s+)?{_W}{{0,3}}?(?:{_HELD}|"
        rf"Americans?|citizens?|nationals?|journalists?|activists?|opposition|people|bodies)\b"),
        check="noun"),
    _Cue("release of a named person", 0.55, _rx(
        r"\b(?i:release|freeing|return|homecoming)\s+of\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+|American\s+|"
        r"(?:[a-z]+\s+){0,3})?[A-Z][a-z'’]+(?:[- ][A-Z][a-z'’]+)+", 0),
        check="noun"),
    _Cue("secured the release", 0.6, _rx(
        r"\b(?i:secured|won|obtained|negotiated|welcomed?|welcomes|welcoming|celebrated?|hailed?|"
        r"applauded?)\s+(?i:the\s+|today[’']s\s+|his\s+|her\s+|their\s+)?(?i:safe\s+)?"
        r"(?i:release|return|freedom|freeing|homecoming)\s+of\s+(?:(?:Mr|Ms|Mrs|Dr|Private|Sergeant|"
        r"Corporal|Captain|Lieutenant)\.?\s+)?[A-Z][a-z'’]+(?:[- ][A-Z][a-z'’]+)+", 0),
        scope="any", not_things=True),
    # "after Hamas freed her", "Moscow released them": someone the text already named
    _Cue("freed a pronoun", 0.55, _rx(r"\b(?:freed|released|frees|releases|set free)\s+(?:him|her|them)\b")),
    # "Hamas freed Yocheved Lifshitz, 85, and ...": a named person as the object
    _Cue("freed a named person", 0.55, _rx(
        r"\b(?i:freed|released|frees|releases|set free)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z'’]+"
        r"(?:[- ][A-Z][a-z'’]+)+", 0), names=True),
    _Cue("named person freed", 0.55, _rx(
        r"\b(?:was|were|has been|have been|had been|is|are|got|been|being|be)\s+(?:\w+ly\s+|now\s+|"
        r"finally\s+|also\s+){0,2}(?:released|freed|set free|pardoned|exchanged|swapped|traded|"
        r"repatriated|returned home|brought home|flown home|sent home)\b"), not_things=True),
    _Cue("returned home", 0.4, _rx(
        r"\b(?:returned home|returning home|coming home|came home|back home|arrived home|are home|"
        r"is home|was home|flown home|flew home|welcomed? (?:\w+\s+){0,4}?home|welcoming (?:\w+\s+){0,4}?home|"
        r"brought (?:\w+\s+){0,6}?home|bringing (?:\w+\s+){0,9}?home|returned to (?:their|his|her) "
        r"(?:families|family|loved ones|homeland|country)|reunited with (?:their|his|her) "
        r"(?:families|family|loved ones))\b")),
    _Cue("free from detention", 0.7, _rx(
        rf"\bfree(?:d)? from\s+(?:\w+\s+)?(?:{_PLACE_HELD}|captors|Russian detention)\b"), check="plain"),
    _Cue("died in custody", 0.75, _rx(
        rf"\b(?:died|dies|die|dead|death|deaths|killed|perished|tortured to death)\s+(?:\w+ly\s+|while\s+|"
        rf"after\s+\w+\s+|of\s+\w+\s+){{0,2}}(?:in|behind)\s+(?:\w+\s+){{0,2}}?(?:custody|captivity|prison|"
        rf"jail|detention|penal colony|prison colony|bars)\b")),
    _Cue("time held", 0.5, _rx(
        rf"\b(?:held|detained|imprisoned|jailed|kept|spent|spending|endured|enduring|after|languish\w*|"
        rf"serving|served)\b[^.?!;]{{0,40}}?\b{_APPROX}(?:{_NUM}|a|an)\s+(?:\w+\s+)?(?:years?|months?|"
        rf"days?|weeks?)\b[^.?!;]{{0,30}}?\b(?:in|of|behind)\s+(?:\w+\s+){{0,2}}?(?:{_PLACE_HELD}|bars|"
        rf"wrongful detention|imprisonment|captivity|being (?:wrongfully |unjustly )?(?:detained|held))\b"
        rf"|\b(?:held (?:hostage|captive|in captivity)|detained|imprisoned|jailed|incarcerated|"
        rf"locked up|held in [A-Z][\w-]+)\b[^.?!;]{{0,30}}?\bfor\s+{_APPROX}(?:{_NUM}|a|an)\s+"
        rf"(?:\w+\s+)?(?:years?|months?|days?|weeks?)\b"
        rf"|\b{_NUM}\s+(?:\w+\s+)?(?:years?|months?|days?|weeks?)\s+{_W}{{0,4}}?(?:spent|held|"
        rf"detained|imprisoned|jailed|behind bars)\s+(?:in\s+)?(?:\w+\s+){{0,2}}?(?:{_PLACE_HELD}|"
        rf"wrongful detention|captivity|bars)\b"
        rf"|\b(?:years|months|weeks|days) (?:of|in) (?:being (?:wrongfully |unjustly )?(?:detained|held)|"
        rf"captivity|wrongful detention|detention|imprisonment)\b"), scope="political"),
    _Cue("detained", 0.35, _rx(
        r"\b(?:was|were|has been|have been|had been|having been|got|is|are)\s+"
        r"(?:\w+ly\s+|also\s+|reportedly\s+){0,2}(?:detained|arrested|abducted|kidnapped|"
        r"imprisoned|jailed|taken hostage|taken captive|taken prisoner|held hostage|"
        r"held captive|locked up|incarcerated|disappeared|sent to prison|thrown in jail|"
        r"captured\s+(?:by\s+(?:[\w-]+\s+){0,3}?(?:forces|troops|soldiers|militants|rebels|separatists|"
        r"fighters|army|Hamas|Taliban|Houthis|jihadists|gunmen|insurgents)|while|during (?:fighting|battle)))\b"
        r"|\b(?:detains|arrests|jails|abducts|kidnaps|imprisons|detained|arrested|"
        r"jailed|abducted|kidnapped|imprisoned|took hostage|takes hostage|took captive)\s+"
        r"(?:a|an|the|two|three|four|five|six|\d+|several|dozens of|\w+)?[ ]*(?:\w+[ ]+){0,3}?"
        r"(?:journalists?|reporters?|activists?|dissidents?|protesters?|critics?|citizens?|nationals?|"
        r"Americans?|Britons?|tourists?|aid workers?|opposition|lawyers?|bloggers?|students?|"
        r"hostages?|leaders?|politicians?|figures?|clerics?|priests?|bishops?|cardinals?|monks?|nuns?|"
        r"lawmakers?|MPs?|candidates?|writers?|poets?|artists?|academics?|scientists?|researchers?|"
        r"crew|sailors?|soldiers?|servicem[ae]n|civilians?|fishermen|[A-Z][a-z]+ [A-Z][a-z]+)\b"
        # a counted or named person "detained in/by ...": "two Americans detained in Russia"
        rf"|\b{_NUM}\s+(?:[\w-]+\s+){{0,3}}?(?:detained|jailed|imprisoned|arrested|held captive|"
        rf"held hostage)\s+(?:in|by)\s+"
        r"|(?-i:\b[A-Z][a-z]+ [A-Z][a-z]+(?:,[^,.]{0,60},)?\s+(?:detained|jailed|imprisoned|arrested)\s+"
        r"(?:in|by)\s+)"), scope="political"),
    # A swap for named people, done or only talked of, tells that they are held: "a possible prisoner
    # swap for Evan Vale and Paul Reed", "the Ann Vale-Tom Reed prisoner swap", "the prisoner swap to
    # free Ann Vale"; not "talks of a prisoner swap" nor a "hostage deal" still being negotiated;
    # "set free in exchange for Reed" is the "in exchange for" cue's.
    _Cue("swap for named people", 0.55, _rx(
        r"(?<!talks of a )(?<!talks of )(?<!talks on a )(?<!talks about a )"
        r"\b(?i:(?:prisoner|hostage)[- ](?:swap|exchange|trade)s?)\b(?!\s+(?i:talks|negotiations|discussions))"
        r"[^.?!;]{0,60}?\b(?i:for|involving|"
        r"including|to free|to release|like)\s+(?:[\w.’'-]+\s+){0,4}?[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+"
        r"|\b[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+)?-[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+)? (?i:prisoner)[- ]"
        r"(?i:swap|exchange)(?!\s+(?i:talks|negotiations|discussions))", 0),
        check="plain", scope="any", names=True),
    # "the swap of Ann Vale and Tom Reed", governed by a verb that says it took place ("showed").
    _Cue("swap of named people", 0.55, _rx(
        r"\b(?i:swap|exchange) of [A-Z][a-z’'-]+ [A-Z][a-z’'-]+ (?:and|for) [A-Z][a-z’'-]+ [A-Z][a-z’'-]+", 0),
        check="noun", scope="any", names=True),
    # A person named right after a custody word: "jailed reporter Ann Vale", "detained US citizen
    # Tom Reed", "imprisoned activist Lena Maris"; or "Ann Vale, who is jailed in ...".
    _Cue("named detainee", 0.55, _rx(
        r"\b(?i:detained|jailed|imprisoned|incarcerated|wrongfully detained|wrongfully held|captive|"
        r"abducted|kidnapped) (?:[\w.’'-]+ ){0,5}?[A-Z][a-z’'-]+ [A-Z][a-z’'-]+"
        r"|\b[A-Z][a-z’'-]+ [A-Z][a-z’'-]+,? (?i:who|whom) (?i:is|was|has been|had been|remains) "
        r"(?:\w+ly )?(?i:detained|jailed|imprisoned|held|serving)\b"
        r"|\b[A-Z][a-z’'-]+ [A-Z][a-z’'-]+, (?:[a-z]+ ){0,2}?(?i:arrested|detained|jailed|imprisoned|"
        r"held|abducted|kidnapped) (?i:on|for|in|by|since|last|(?:\w+ )?(?:days?|weeks?|months?|years?) ago)\b", 0),
        check="plain", scope="political", names=True),
    _Cue("in detention", 0.35, _rx(
        rf"(?:\b(?:remains?|remained|still|is|are|was|were|being|been|kept|held|languish\w*|"
        rf"detained|spent|spending|spends)\s+|\w[’']s\s+)(?:\w+\s+){{0,2}}?(?:in|behind)"
        rf"\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){{0,2}}?{_PLACE_HELD}\b"
        rf"|\b(?:transferred|moved|sent|taken|returned)\s+(?:back\s+)?to\s+(?:a\s+|an\s+|the\s+)?"
        rf"(?:\w+\s+){{0,2}}?{_PLACE_HELD}\b"
        rf"|\b(?:extended|extends|extending|extension of|prolonged|prolongs)\s+(?:his|her|their|the)\s+"
        rf"(?:pre-?trial\s+)?(?:detention|arrest|custody)\b"
        rf"|\b(?:his|her|their) (?:extended|prolonged|continued|ongoing|pre-?trial) (?:detention|custody)\b"),
        scope="political"),
    _Cue("condemned the detention", 0.55, _rx(
        r"\b(?i:detention|arrest|jailing|imprisonment|sentencing|conviction|abduction|kidnapping)"
        r"\s+of\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?:\w+\s+){0,3}?(?:[A-Z][a-z]+|journalists?|activists?|"
        r"citizens?|Americans?|" + _NUM + r")", 0), check="noun", scope="political"),
    _Cue("sentenced", 0.35, _rx(
        rf"\bsentenced\s+(?:\w+\s+){{0,4}}?to\s+(?:{_NUM}|life|death|a\s+(?:further\s+)?\w+)"
        # "sentenced X, a French researcher working for ..., to three years"
        rf"|\bsentenced\s+[^.;!?]{{0,140}}?,\s+to\s+(?:{_NUM}|life|death)\b"
        rf"|\bjailed\s+for\s+(?:{_NUM}|life|a\s+\w+)\s+(?:\w+\s+)?(?:years?|months?)?"
        rf"|\b(?:\d+|{_NUM})[- ](?:year|month)[- ](?:\w+[- ])?(?:prison |jail )?(?:sentence|term)\b"
        rf"|\b(?:convicted|found guilty)\s+(?:\w+\s+){{0,3}}?of\s+(?:treason|espionage|spying|"
        rf"extremism|terrorism|sabotage|high treason|discrediting|inciting)"), scope="political"),
    _Cue("headline detention", 0.35, _rx(
        r"\b(?:jailed|detained|arrested|sentenced|imprisoned|abducted|kidnapped)\b"),
        scope="political", title_only=True),
    _Cue("headline release", 0.45, _rx(
        r"\b(?:released|freed|swapped|exchanged)\b"), title_only=True, not_things=True),
    # A counted, named or former prisoner of war is a person held: "a Ukrainian prisoner of war",
    # "more than ten Russian POWs", "Former prisoners of war describe ...", "POW Lt. Ann Vale".
    _Cue("counted prisoners of war", 0.5, _rx(
        r"\b(?i:former|freed|released|liberated|ex-)\s+(?:[A-Z]\w+\s+)?(?i:prisoners? of war|POWs?)\b"
        r"|(?:\b(?i:a|an|one)\s+(?:[\w-]+\s+){0,2}?|\b)(?i:prisoner of war)\b(?!s)" + _NOT_POW_THING +
        r"|\b(?i:a|an|one)\s+(?:[\w-]+\s+){0,2}?POW\b" + _NOT_POW_THING +
        r"|\bPOW\s+(?:(?:Lt|Sgt|Capt|Maj|Col|Cpl|Pvt|Pte|Gen)\.?\s+)?[A-Z][a-z]+ [A-Z][a-z]+"
        r"|\b" + _APPROX + r"(?:\d[\d,]*|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"fifteen|twenty|thirty|forty|fifty|hundreds|thousands|dozens))\s+(?:[\w-]+\s+){0,2}?"
        r"(?i:prisoners of war|POWs)\b"
        r"|\b(?i:held|kept|interned) (?i:as) (?:(?i:a|an)\s+)?(?i:prisoners?)\b", 0),
        check="plain", scope="any"),
    _Cue("prisoners of war", 0.2, _rx(r"\bprisoners? of war\b|\bPOWs?\b", 0), check="plain", scope="any"),
    _Cue("wrongfully detained", 0.25, _rx(
        r"\bwrongful(?:ly)?\s+(?:detain\w*|detention|imprison\w*|held)|\bunjustly (?:detained|held|imprisoned)"
        r"|\bpolitical prisoners?\b|\bprisoners? of conscience\b"), check="plain", scope="any"),
)

_PLACE_STEMS = ("prison", "jail", "gaol", "captiv", "detention", "custody", "colony", "camp", "house arrest", "solitary",
                "evin", "lefortovo", "guantanamo")
_HELD_STEMS = ("hostage", "prisoner", "detainee", "captive", "pow", "servicem", "soldier", "defender",
               "fighter", "abductee")
# A cue's regular expression runs only on passages holding one of these (lower case): cheap
# substring tests that keep the scorer fast on long documents.
_NEEDS: dict[str, tuple[str, ...]] = {
    "released from detention": _PLACE_STEMS,
    "held people released": _HELD_STEMS,
    "released held people": _HELD_STEMS,
    "exchange took place": ("took place", "happened", "completed", "carried out", "went ahead",
                            "conducted", "occurred", "finali"),
    "carried out an exchange": ("swap", "exchange"),
    "freed in a swap": ("swap", "exchange", "prisoner deal", "hostage deal"),
    "in exchange for": ("in exchange for", "in return for"),
    "after the exchange": ("swap", "exchange"),
    "counted prisoners of war": ("of war", "pow", "held as", "kept as", "interned as"),
    "swap of named people": ("swap of", "exchange of"),
    "named detainee": ("detain", "arrest", "jail", "imprison", "incarcerat", "captive", "abduct", "kidnap",
                       "wrongfully held", "held", "serving"),
    "release of a named person": ("release of", "freeing of", "return of", "homecoming of"),
    "secured the release": ("release of", "return of", "freedom of", "freeing of", "homecoming of"),
    "freed a pronoun": ("freed", "released", "frees", "releases", "set free"),
    "freed a named person": ("freed", "released", "frees", "releases", "set free"),
    "release of people": (" of ", "homecoming for"),
    "named person freed": ("released", "freed", "set free", "pardoned", "exchanged", "swapped", "traded",
                           "repatriated", "home"),
    "returned home": ("home", "returned to", "reunited"),
    "free from detention": ("free from", "freed from"),
    "died in custody": _PLACE_STEMS + ("bars",),
    "time held": ("year", "month", "week", "day"),
    "detained": ("detain", "arrest", "abduct", "kidnap", "imprison", "jail", "hostage", "captive",
                 "captur", "prison", "locked up", "incarcerat", "disappeared"),
    "in detention": _PLACE_STEMS + ("extend", "extension", "prolong"),
    "condemned the detention": ("detention of", "arrest of", "jailing of", "imprisonment of",
                                "sentencing of", "conviction of", "abduction of", "kidnapping of"),
    "sentenced": ("sentenc", "jailed for", "term", "convicted", "found guilty"),
    "prisoners of war": ("of war", "pow"),
    "wrongfully detained": ("wrongful", "unjust", "political prisoner", "of conscience"),
}

# Signs that the people in a sentence are held (for release and return cues).
_HELD_SIGN = _rx(
    r"\b(?:hostages?|prisoners?|detainees?|detained|detention|captiv\w*|captors?|POWs?|custody|"
    r"prison|jail\w*|imprison\w*|penal colony|incarcerat\w*|kidnap\w*|abduct\w*|prisoner swap|"
    r"arrest\w*|sentenced|convicted|wrongful\w*|unjustly|Evin|Lefortovo|Guantanamo|"
    # held by or in someone, swapped, or in the hands of a hostage-taking group
    r"held (?:by|in)|(?<!currency )(?<!debt )swap(?:s|ped)?|"
    r"Hamas|Taliban|Houthis?|Hezbollah|al-Qaeda|Islamic State|ISIS)\b")
# Countries whose detentions of foreigners and critics are state-to-state or political news,
# and the forms that name their state power ("Russian court", "Iranian authorities").
_STATES = (r"(?:Russia|Iran|China|Venezuela|North Korea|Belarus|Myanmar|Burma|Afghanistan|Syria|"
           r"Saudi Arabia|Egypt|Turkey|Cuba|Nicaragua|Rwanda|Eritrea|Yemen|Gaza|Lebanon|Iraq|Mali|"
           r"Niger|Burkina Faso|Azerbaijan|Tajikistan|Turkmenistan|Uzbekistan|Vietnam|Laos|Cambodia|"
           r"Hong Kong|Tibet|Xinjiang|Crimea|Donetsk|Luhansk|Algeria|Libya|Sudan|Ethiopia)")
_STATE_ADJ = (r"(?:Russian|Iranian|Chinese|Venezuelan|North Korean|Belarusian|Burmese|Afghan|Syrian|"
              r"Saudi|Egyptian|Turkish|Cuban|Nicaraguan|Rwandan|Eritrean|Houthi|Taliban|Hamas|"
              r"Azerbaijani|Vietnamese|Hong Kong|Algerian|Libyan|Sudanese|Ethiopian|Israeli|Ukrainian)")
# A political or armed-group side to an arrest or a sentence (outweighs ordinary-crime words).
_POLITICAL = _rx(
    r"\b(?:journalists?|reporters?|correspondents?|activists?|dissidents?|opposition(?! (?:from|to)\b)|protesters?|"
    r"protests?|critics?|bloggers?|human rights|political\w*|treason|espionage|spying|spy|spies|"
    r"foreign agents?|extremis\w*|terroris\w*|sabotage|Kremlin|regime|junta|Taliban|Hamas|Houthis?|"
    r"Hezbollah|militants?|rebels?|jihadists?|Islamic State|ISIS|al-Qaeda|Wagner|"
    r"wrongful(?:ly)? detain\w*|wrongful detention|unjustly|hostages?|POWs?|prisoners? of war|"
    r"penal colony|dual (?:national|citizen)s?|foreign nationals?|Evin|Lefortovo|security forces|"
    r"FSB|KGB|IRGC|Revolutionary Guards?|crackdown|dissent|sedition|national security|"
    r"state secrets|Uyghurs?|pro-democracy|democracy activists?|morality police|"
    rf"{_STATE_ADJ} (?:court|courts|authorities|police|security|forces|officials|judge|government|"
    r"regime|military|army|troops|soldiers|junta|prosecutors?|intelligence|guards|captors|custody|"
    r"prison|jail|penal colony|detention)|"
    r"(?:American|U\.S\.|US|British|Briton|French|German|Canadian|Australian|Israeli|Japanese|Dutch|"
    rf"Swedish|Polish|Ukrainian|dual)\b[^.?!]{{0,80}}?\b(?:in|by|from) {_STATES})\b")
# A state-to-state side: foreign states and nationals (weaker: ordinary crime happens abroad too).
_STATE = _rx(
    r"\b(?:U\.S\. citizens?|US citizens?|American|Americans|British|Briton|French|German|Canadian|"
    r"Australian|Israeli|Japanese|citizens?|nationals?|Moscow|Tehran|Minsk|Beijing|"
    rf"{_STATES}|{_STATE_ADJ}|Ukrain\w*|Palestinian\w*|army|military|soldiers?|troops)\b")
# Ordinary crime: an arrest or a sentence for this is not our subject.
_ORDINARY_CRIME = _rx(
    r"\b(?:murder\w*|manslaughter|homicide|killer|stabb\w*|rap(?:e|ed|ist|ing)|sexual\w*|assault\w*|"
    r"burglar\w*|robber\w*|theft|stole|stolen|steal\w*|fraud\w*|drugs?|cocaine|heroin|cannabis|"
    r"shoplift\w*|paedophil\w*|pedophil\w*|child abuse|grooming|dangerous driving|drink[- ]driving|"
    r"crash\w*|shot dead|shooting|killing of|killed (?:his|her|a|their)|domestic (?:abuse|violence)|"
    r"harass\w*|stalk\w*|arson|poach\w*|smuggl\w*|gangs?|cartel|police officer|inquest|Old Bailey|"
    r"crown court|jury|parole|DNA|exonerat\w*|convictions? (?:was |were )?overturned|carjack\w*|"
    r"wrong(?:ful)?ly convicted|death row|"
    r"vandal\w*|threats?|punch\w*|brawl|referee|laund\w+|bribe\w*|embezzl\w*|scam\w*|drunk\w*|"
    r"DUI|driving while|overturned|kidnapper\w*|hijack\w*|suspects?|"
    r"hate crime|trafficking|organi[sz]ed crime|mafia|sheriff\w*|slay\w*|gun charges?|firearms?|"
    r"juvenile|fellow inmates|killings?|suspected)\b")
# Signs of a political or state-to-state case that no crime word outweighs.
_STRONG_POLITICAL = _rx(
    r"\b(?:treason|espionage|spying|spy|spies|foreign agents?|hostages?|POWs?|prisoners? of war|"
    r"wrongful(?:ly)? detain\w*|wrongful detention|political prisoners?|prisoners? of conscience|"
    r"dissidents?|sedition|state secrets|Evin|Lefortovo|penal colony|FSB|KGB|IRGC|junta|regime|"
    r"crackdown|pro-democracy|morality police|Kremlin|Taliban|Hamas|Houthis?|Hezbollah|"
    rf"{_STATE_ADJ} (?:court|courts|authorities|police|security|forces|officials|judge|government|"
    r"regime|military|army|troops|captors|custody|prison|jail|penal colony|detention))\b")
# An ordinary criminal case, even with a journalist, a protest or a foreigner in it: the crime
# charged ("for killing", "groped"), a domestic court's procedure ("pleaded guilty", "supervised
# release"), or a domestic riot case. Crime words alone are not enough: regimes accuse
# dissidents of them, and torture is reported with them.
_DOMESTIC_CASE = _rx(
    r"\b(?:grop(?:ed|ing|es)|for (?:the )?(?:killing|murder|shooting|rape|stabbing|robbery|theft)|"
    r"shooters?|gunman|mass shooting|"
    r"Jan(?:uary|\.)? 6(?:th)?|Capitol (?:riot\w*|attack|breach|protest)|storm(?:ed|ing) (?:the )?Capitol|"
    r"rioters?|pleaded guilty|pleads guilty|plea (?:deal|agreement)|supervised release|"
    r"criminal (?:history|record|past)|violent (?:history|past)|deaths? of (?:her|his|their)|"
    r"new (?:scientific )?evidence|serial killer)\b")
# Capitalised words that name no person: Title Case headlines put them where names stand.
_CAPS = re.compile(r"\b[A-Z][\w’'-]*")
_NOT_NAMES = frozenset(
    "United States Kingdom Nations Union Republic Emirates Arab House White Senate Congress Court "
    "Department Ministry Office Council Agency Street Journal Post Times News Press Home Americans "
    "Iranians Russians Ukrainians Chinese Nationals Citizens Prisoners Prisoner Hostages Hostage "
    "Detainees Detainee Swap Exchange Deal Release Freed Free Jailed Detained Wrongfully Family "
    "Families Funds Billion Million Talks The And For With Of In On At To A An".split())
# What else gets "released": a bare release verb next to these is about them, not people.
_THINGS = _rx(
    r"\b(?:films?|movies?|albums?|singles?|songs?|books?|novels?|reports?|videos?|footage|trailers?|"
    r"documentar(?:y|ies)|data|statements?|games?|apps?|figures|funds|grain|records?|tracks?|"
    r"episodes?|series|version|update|software|drama|comedy|thriller|photos?|images?|recording|"
    r"billions?|millions?|money|cash|assets|\d[\d.,]*\s?(?:bn|m))\b")
# Right before a verb cue: it did not (yet) happen.
_MODAL_BEFORE = _rx(
    r"\b(?:to|will|would|could|should|may|might|must|can|cannot|shall|not|never|n't|won't|"
    r"be|expected to|set to|due to|going to|yet to|about to|ready to|hoping to|seeking to|"
    r"in order to|wants? to|try to|trying to|tried to|order(?:ed)? to|demand(?:ed)? that|"
    r"wish(?:es)?|unless|if|until|whether|once|lest)\s+(?:\w+\s+){0,2}$")
# Anywhere earlier in the sentence: a demand, an effort, a condition, a plan, a denial.
_CLAUSE_BLOCK = _rx(
    r"\b(?:if|unless|until|whether|would|could|might|must|should|shall|needs? to|demand\w*|"
    r"call(?:s|ed|ing)? (?:on|for)|"
    r"urg\w+|seek\w*|sought|hope[sd]?|hoping|wants?|wanted|plan(?:s|ned|ning)? to|expect\w*|"
    r"agree\w* to|agreement (?:to|on|for)|deal (?:to|that|which|would)|negotiat\w*|talks|"
    r"propos\w*|pressing|press(?:es|ed)? for|push\w* for|campaign\w* for|efforts? to|"
    r"work(?:s|ed|ing)? (?:to|toward|towards|for)|ask\w* (?:for|to)|pray\w*|wait\w* for|"
    r"denied|deny|denies|rumou?r\w*|false|fake|possible|potential|prospect|aims? to|"
    r"in the event|what if|no (?:sign|word)|refus\w*|not yet|has yet|have yet|ahead of|"
    r"before (?:the|any|a)|preparing|prepare\w*|discuss\w*|consider\w*|offer\w*)\b")
# For "release of X", "detention of X": what governs the noun. Prepositions must stand right
# before it ("after the release of"); verbs may stand a little further off. The nearest wins.
_NOUN_HAPPENED = _rx(
    r"\b(?:secured|won|obtained|welcom\w*|celebrat\w*|hail\w*|announc\w*|confirm\w*|marks?|marked|"
    r"condemn\w*|denounc\w*|decr(?:y|ied|ies)|protest(?:s|ed|ing)|criticis\w*|criticiz\w*|outrage\w*|"
    r"deplor\w*|led to|resulted in|brought about|made|completed|saw|sees|praised|thanked|grateful|"
    r"showed|shows|seen|footage of|video of|images of|"
    r"behind|facilitated|mediated|brokered|negotiated|arranged|ordered|granted|latest|recent|"
    r"recently|news of|since the|celebrate|subsequent|subsequently)\b"
    r"|\b(?:after|following|since|upon|on|with|amid|despite|by)\s+(?:the\s+|his\s+|her\s+|their\s+|"
    r"its\s+|this\s+|today[’']s\s+)?(?:\w+\s+){0,2}$")
# After the noun phrase: "the release of X in exchange for Y was announced on Thursday".
_NOUN_HAPPENED_AFTER = _rx(
    r"[^.;?!]{0,100}?\b(?:was|were|has been|have been|had been) (?:\w+ly )?(?:announced|confirmed|"
    r"completed|secured|welcomed|celebrated|carried out|finali[sz]ed|hailed)\b")
# Opens a relative or reported clause: what follows is not governed by the verbs before it.
_RELATIVE = _rx(r"\b(?:says|said|say)\b")
_NOUN_SOUGHT = _rx(
    r"\b(?:secure|securing|seek\w*|sought|call\w*|demand\w*|urg\w*|push\w*|press(?:es|ed|ing)?|"
    r"negotiat(?:e|es|ing|ions?)|work\w*|efforts?|facilitate|bring about|discuss\w*|talks?|deal|"
    r"agreement|for|toward|towards|ahead of|await\w*|plan\w*|possible|potential|prospect\w*|hope\w*|"
    r"expect\w*|would|will|could|may|might|pending|prior to|before|advocat\w*|lobby\w*|"
    r"campaign\w*|fight\w*|win|obtain|achieve|ensure|get|getting|prioritized|priority|"
    r"committed|commitment)\b")

# An article-level negative: a metaphor "hold ... hostage" with something other than people.
_PERSONS = (r"(?:people|persons|Americans|citizens|civilians|men|women|children|kids|journalists|"
            r"tourists|workers|crew|him|her|them|us|you|me|hundreds|dozens|thousands|families|"
            r"Israelis|Palestinians|students|passengers|staff|nationals|soldiers|residents|"
            r"villagers|hostages?|captives?|prisoners?|[A-Z][a-z]+)")
_METAPHOR = _rx(
    rf"\bhold(?:s|ing)?\s+hostage\s+(?:a|an|the|our|their|his|her|this|that|its)\s+(?!{_PERSONS}\b)\w+"
    rf"|(?<!been )(?<!being )(?<!was )(?<!were )(?<!are )(?<!\bis )"
    rf"\bh(?:o|e)ld(?:s|ing)?\s+(?:a|an|the|our|their|his|her|this|that|its)\s+(?!{_PERSONS}\b)"
    rf"(?:\w+\s+){{0,4}}hostage\b"
    rf"|\bhostage to (?:fortune|the|a|an|its|their|his|her)\b", 0)
_POLICY = _rx(
    r"\b(?:executive order|legislation|bill|act of congress|sanctions? (?:against|on)|"
    r"travel advisory|national emergency|policy|designat\w+)\b")

# Sentence bounds: end punctuation (with closing quotes/brackets) or a blank line.
# A full stop after an initial or a short title ("U.S.", "Mr.", "Gen.") ends no sentence.
_BOUND = re.compile(
    r"(?:(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Lt|No|Sr))(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Sgt|Inc|"
    r"Maj|Adm|Amb|Ave|Rev|Fig|Vol))(?<!\b(?:Corp|Capt|Prof|Gens|Sens|Reps|Govs))\.+|[!?]+)"
    r"[\"'”’)\]]*\s+|\n\s*\n|\s*[:;]\s*\n")


# A headline about what is planned, negotiated or possible ...
_PENDING = _rx(
    r"\b(?:talks|negotiat(?:e|es|ing|ions?)|(?:possible|potential|proposed) (?:\w+ )?(?:swaps?|exchanges?|"
    r"deals?|releases?|trades?)|hopeful|hints?|to be freed|to be released|expected to (?:complete|free|release)|"
    r"not linked|(?:deal|agreement) (?:to|on|for)|reach(?:es|ed)? (?:a )?(?:deal|agreement))\b")
# ... counts these cues (custody of unnamed people, "the release of ...") at reduced weight
# when no other cue says that a named person is held or that a release or exchange happened.
_SOFT = frozenset({"detained", "headline detention", "in detention", "release of people",
                   "release of a named person", "wrongfully detained", "prisoners of war", "time held",
                   "sentenced", "condemned the detention", "returned home", "headline release"})


@dataclass
class _Fired:
    name: str
    weight: float
    in_title: bool


def _sentence(bounds: list[int], text_len: int, start: int, end: int) -> tuple[int, int]:
    i = bisect_right(bounds, start)
    s = bounds[i - 1] if i else 0
    e = bounds[i] if i < len(bounds) else text_len
    return s, max(e, end)


_LAST_WORD = re.compile(r"\S+\s*$")


def _blocked(cue: _Cue, doc: str, s: int, start: int, end: int, e: int, title_end: int = 0) -> bool:
    """Does the sentence [s, e) say the matched event did not (or not yet) happen?"""
    before = doc[max(s, start - 160):start]
    tail = doc[s:e].rstrip()
    if tail.endswith("?") or before.lstrip().startswith(("Q ", "Q:", "Q.", "Q\u00a0")):
        return True                                  # a question, or a reporter's question
    if cue.check == "plain":
        return False
    if cue.check == "noun":
        near = before[-80:]
        happened = [m.end() for m in _NOUN_HAPPENED.finditer(near)]
        sought = [m.end() for m in _NOUN_SOUGHT.finditer(near)]
        if not happened and _NOUN_HAPPENED_AFTER.match(doc, end, e):
            return False                 # "the release of X ... was announced on Thursday"
        if not happened:                 # "the release of X" with nothing saying it took place,
            return start >= title_end or bool(sought)   # unless a headline names it
        return bool(sought) and sought[-1] > happened[-1]
    # A match that opens with its subject ("500 prisoners will be released"): everything up
    # to its last word, the verb, is what precedes the verb.
    pre = _LAST_WORD.sub("", doc[max(s, start - 160):end]) if cue.verb_last else before
    if _MODAL_BEFORE.search(pre):
        return True
    if cue.scope == "political":
        # A custody verb in a reported clause is a fact, whatever the main clause asks for:
        # "called for the release of two men the ministry says were detained in ...".
        pre = _RELATIVE.split(pre)[-1]
    return bool(_CLAUSE_BLOCK.search(pre))


def _not_a_name(match: str) -> bool:
    """Does a match that should name a person hold a capitalised word that names no one?"""
    return any(w in _NOT_NAMES for w in _CAPS.findall(match)[1:])


def _scale(cue: _Cue, sentence: str, title_or_lede: str, doc_held: bool) -> float:
    """How much of the cue's weight the sentence supports (0 to about 1.5)."""
    if cue.not_things and _THINGS.search(sentence):
        return 0.0
    if cue.scope == "any":
        return 1.0
    strong = _STRONG_POLITICAL.search(sentence)
    domestic = not strong and _DOMESTIC_CASE.search(sentence)
    political = strong or (not domestic and _POLITICAL.search(sentence))
    ordinary = not political and (domestic or _ORDINARY_CRIME.search(sentence))
    if not strong and not ordinary and _DOMESTIC_CASE.search(title_or_lede) \
            and not _STRONG_POLITICAL.search(title_or_lede):
        political, ordinary = None, True            # the headline frames an ordinary criminal case
    if cue.scope == "held":
        if _HELD_SIGN.search(sentence):
            base = 1.0
        elif _HELD_SIGN.search(title_or_lede):
            base = 0.8
            ordinary = ordinary or (not _POLITICAL.search(title_or_lede)
                                    and _ORDINARY_CRIME.search(title_or_lede))
        elif doc_held:
            base = 0.6
        else:
            return 0.0
        return base * 0.4 if ordinary else base
    if political:
        return 1.6 if cue.weight < 0.5 else 1.0
    if ordinary:
        return 0.25
    if _STATE.search(sentence):
        return 1.45 if cue.weight < 0.5 else 0.9
    return 0.6 if _POLITICAL.search(title_or_lede) else 0.4


def _combine(weights: Iterable[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - max(0.0, min(w, 0.95))
    return 1.0 - p


@dataclass(frozen=True)
class CueHit:
    """One cue match: where, how much it counted, and whether its sentence ruled it out."""

    cue: str
    start: int               # offsets into the text the scorer reads (see explain_relevance)
    end: int
    weight: float            # 0 when blocked
    blocked: bool


def _document(article: Article) -> tuple[str, int]:
    title = (article.title or "").strip()
    if title and article.text.startswith(title):
        return article.text, len(title)        # the headline already opens the text (or is all of it)
    if title:
        return f"{title}.\n\n{article.text}", len(title) + 1
    return article.text, 0


# Every cue needs one of these (lower case) in its passage; a document is only read around them.
_STEMS = (
    "prison", "jail", "gaol", "captiv", "captor", "captur", "custod", "detain", "detent", "hostage",
    "pow", "arrest", "sentenc", "kidnap", "abduct", "convict", "incarcerat", "swap", "exchang",
    "releas", "freed", "freeing", "set free", "walked free", "walks free", "free from", "wrongful",
    "colony", "unjust", "pardon", "clemency", "commut", "evin", "lefortovo", "guantanamo",
    "behind bars", "locked up", "held in", "return", "repatriat", "homecoming", "handed over",
    "hands over", "handover", "guilty", "disappeared",
)
_WORD_START = frozenset({"pow", "evin", "held in", "free from", "set free", "return"})
_WINDOW = 1500        # at most this much text either side of a stem, in very long paragraphs


@dataclass
class _Focus:
    """The passages of a document around its detention words, joined by blank lines."""

    text: str
    starts: list[int]         # where each passage starts in ``text`` ...
    origins: list[int]        # ... and in the document
    title_end: int            # end of the headline within ``text`` (0: not in it)

    def to_doc(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        return self.origins[i] + pos - self.starts[i]


def _stem_positions(low: str) -> list[int]:
    found: list[int] = []
    for stem in _STEMS:
        i = low.find(stem)
        while i != -1:
            if not (stem in _WORD_START and i and low[i - 1].isalpha()):
                found.append(i)
            i = low.find(stem, i + len(stem))
    return sorted(found)


def _focus(doc: str, title_end: int) -> _Focus | None:
    """The paragraphs holding a stem (clipped to a window in very long ones), or None."""
    low = doc.lower()
    hits = _stem_positions(low)
    if not hits:
        return None
    spans: list[list[int]] = []
    for h in hits:
        if spans and h < spans[-1][1]:
            continue
        ps = low.rfind("\n\n", 0, h)
        ps = 0 if ps == -1 else ps + 2
        pe = low.find("\n\n", h)
        pe = len(doc) if pe == -1 else pe
        if h - ps > _WINDOW:                      # start at a sentence start inside the window
            cut = low.find(". ", h - _WINDOW, h)
            ps = cut + 2 if cut != -1 else h - _WINDOW
        if pe - h > _WINDOW:
            cut = low.rfind(". ", h, h + _WINDOW)
            pe = cut + 1 if cut != -1 else h + _WINDOW
        if spans and ps <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], pe)
        else:
            spans.append([ps, pe])
    parts, starts, origins, pos = [], [], [], 0
    for ps, pe in spans:
        starts.append(pos)
        origins.append(ps)
        parts.append(doc[ps:pe])
        pos += pe - ps + 2
    title_in = min(title_end, spans[0][1]) if title_end and spans[0][0] == 0 else 0
    return _Focus("\n\n".join(parts), starts, origins, title_in)


def _hits(focus: _Focus, head: str) -> list[CueHit]:
    """Cue matches in the focus text (offsets still in the focus text)."""
    text, title_end = focus.text, focus.title_end
    low = text.lower()
    bounds = [m.end() for m in _BOUND.finditer(text)]
    doc_held = bool(_HELD_SIGN.search(text))
    hits: list[CueHit] = []
    for cue in _CUES:
        counted = 0
        if cue.title_only and not title_end:
            continue
        needs = _NEEDS.get(cue.name)
        if needs and not any(n in low for n in needs):
            continue
        matches = cue.pattern.finditer(text, 0, title_end) if cue.title_only else cue.pattern.finditer(text)
        for n, m in enumerate(matches):
            if n >= 12 or counted >= 2:
                break
            s, e = _sentence(bounds, len(text), m.start(), m.end())
            if _blocked(cue, text, s, m.start(), m.end(), e, title_end):
                hits.append(CueHit(cue.name, m.start(), m.end(), 0.0, True))
                continue
            if cue.names and _not_a_name(m.group(0)):
                continue
            scale = _scale(cue, text[s:e], head, doc_held)
            if scale <= 0:
                continue
            w = min(0.9, cue.weight * scale)
            if m.start() < title_end:
                w = min(0.9, w * 1.15)                   # headlines state the news
            hits.append(CueHit(cue.name, m.start(), m.end(), round(w, 3), False))
            counted += 1
    return hits


def explain_relevance(article: Article) -> list[CueHit]:
    """Every cue match considered (at most 12 per cue), for debugging and for showing evidence.

    Offsets refer to the text the scorer reads: ``title + ".\n\n" + text`` when there is a
    title that the text does not already open with, else the text itself.
    """
    doc, title_end = _document(article)
    focus = _focus(doc, title_end)
    if focus is None:
        return []
    return [CueHit(h.cue, focus.to_doc(h.start), focus.to_doc(h.end), h.weight, h.blocked)
            for h in _hits(focus, doc[:600])]


def score_relevance(article: Article, threshold: float = THRESHOLD) -> Relevance:
    """Score 0..1 with the cues that fired; relevant when the score reaches ``threshold``."""
    doc, title_end = _document(article)
    focus = _focus(doc, title_end)
    hits = _hits(focus, doc[:600]) if focus is not None else []
    if not hits:
        return Relevance(score=0.0, relevant=False, reasons=())
    assert focus is not None
    fired: dict[str, list[float]] = {}
    blocked: set[str] = set()
    for hit in hits:
        if hit.blocked:
            blocked.add(hit.cue)
        else:
            fired.setdefault(hit.cue, []).append(hit.weight)
    weights = []
    for ws in fired.values():
        ws.sort(reverse=True)
        weights.append(ws[0])
        if len(ws) > 1:
            weights.append(ws[1] * 0.4)               # a second hit of the same cue adds a little
    positive = _combine(weights)
    if fired.keys() <= _SOFT and _PENDING.search(doc[:title_end] if title_end else doc[:200]):
        positive *= 0.55                  # a headline about a deal or talks: what it will free is not news

    negatives: list[tuple[str, float]] = []
    metaphors = len(_METAPHOR.findall(focus.text))
    if metaphors:
        negatives.append(("metaphor", min(0.6, 0.35 * metaphors)))
    if _POLICY.search(focus.text):
        negatives.append(("policy", 0.1))
    if blocked:
        negatives.append(("not yet happened", min(0.2, 0.05 * len(blocked))))
    damp = min(0.6, sum(w for _, w in negatives))
    score = round(positive * (1.0 - damp), 3)
    reasons = tuple(sorted(fired, key=lambda k: -max(fired[k]))) + tuple(
        f"-{name}" for name, _ in negatives) + tuple(f"-blocked:{b}" for b in sorted(blocked - set(fired)))
    return Relevance(score=score, relevant=score >= threshold, reasons=reasons)


def relevance_of(article: Article, threshold: float = THRESHOLD) -> Relevance:
    """``score_relevance``, or the judgement the reader handed over with the article when it
    was taken at the same threshold (a web-archive page its reader already scored)."""
    if isinstance(article, JudgedArticle) and article.relevance is not None and article.threshold == threshold:
        return article.relevance
    return score_relevance(article, threshold=threshold)
