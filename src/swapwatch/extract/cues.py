"""Detainee cues: what the syntax around one mention says happened to that person.

A name is a detainee's when it is the object (or passive subject) of a verb of holding or
freeing, the "of" of a nominal ("the release of X", "X's detention"), the subject of
"remains in prison" / "died in captivity" / "is on a plane home", or carries a noun that
says so ("hostage X"). Being the *subject* of "released" or "said" is no cue at all.

Works on spaCy tokens without lemmas (the shared pipeline excludes the lemmatizer), so verb
classes are tables of surface forms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Token = Any  # spacy.tokens.Token

# kinds of cue, from the weakest claim to the strongest
HELD = "held"              # was held at some point (arrested, sentenced, hostage)
CURRENT = "current"        # still held now, said outright (remains, still, not included)
SOUGHT = "sought"          # a release wished for, not done (call to release, talks to free)
RELEASED = "released"      # freed, pardoned, on the way home
EXCHANGED = "exchanged"    # part of a swap this article states
DIED = "died"              # died in custody, body returned

STRONG = 2
MEDIUM = 1
WEAK = 0          # says what happened to someone already known to be held ("pardoned"), not that they were


def forms(*stems: str) -> frozenset[str]:
    """Inflected forms given as "arrest|arrested|arresting|arrests"."""
    out: set[str] = set()
    for s in stems:
        out.update(s.split("|"))
    return frozenset(out)


DETAIN_VERBS = forms(
    "arrest|arrested|arresting|arrests", "detain|detained|detaining|detains",
    "jail|jailed|jailing|jails", "imprison|imprisoned|imprisoning|imprisons",
    "incarcerate|incarcerated|incarcerating", "sentence|sentenced|sentencing|sentences",
    "convict|convicted|convicting", "charge|charged|charging", "indict|indicted|indicting",
    "hold|held|holding|holds", "kidnap|kidnapped|kidnapping|kidnaped", "abduct|abducted|abducting",
    "capture|captured|capturing", "recapture|recaptured", "rearrest|rearrested|re-arrested",
    "seize|seized|seizing", "intern|interned",
    "remand|remanded", "apprehend|apprehended", "nab|nabbed", "prosecute|prosecuted",
    "lock|locked", "extradite|extradited", "deport|deported",
)
TAKE_VERBS = forms("take|taken|took|taking|takes")   # only with hostage/captive/prisoner/custody
RELEASE_VERBS = forms(
    "release|released|releasing|releases", "free|freed|freeing|frees",
    "liberate|liberated|liberating", "pardon|pardoned|pardoning", "exonerate|exonerated",
    "acquit|acquitted", "rescue|rescued|rescuing", "repatriate|repatriated|repatriating",
    "return|returned|returning|returns", "hand|handed|handing", "transfer|transferred",
    "deliver|delivered",
)
# Custody moving between states: with an arrest in the same clause this is no release.
TRANSFER_VERBS = forms("return|returned|returning", "hand|handed|handing", "transfer|transferred",
                        "extradite|extradited", "deport|deported", "deliver|delivered", "send|sent")
HOME_VERBS = forms("bring|brought|bringing|brings", "welcome|welcomed|welcoming|welcomes",
                    "get|got|getting", "fly|flew|flown|flying")
COME_VERBS = forms("come|came|coming|comes", "return|returned|returning|returns",
                    "head|headed|heading", "fly|flew|flying", "go|went|going", "arrive|arrived|arriving",
                    "land|landed|landing", "walk|walked|walks|walking",
                    "be|is|are|was|were|been|being|'s|’s|am")
EXCHANGE_VERBS = forms("swap|swapped|swapping|swaps", "exchange|exchanged|exchanging|exchanges",
                        "trade|traded|trading|trades")
INCLUDE_VERBS = forms("include|included|including|includes", "involve|involved|involving")
DIE_VERBS = forms("die|died|dies|dying")
REMAIN_VERBS = forms("remain|remains|remained|remaining", "languish|languishes|languishing|languished",
                      "spend|spent|spends|spending", "continue|continues|continued|continuing",
                      "sit|sits|sitting", "stay|stays|stayed|staying", "endure|endured|enduring",
                      "serve|serving|serves|served", "face|faces|facing", "do|doing")
PROSECUTE_VERBS = forms("charge|charged|charging", "indict|indicted|indicting", "prosecute|prosecuted")
MOVE_VERBS = forms("move|moved|moving", "send|sent|sending", "take|taken|took", "bring|brought",
                    "transfer|transferred", "transport|transported", "escort|escorted")
SERVE_VERBS = forms("serve|serving|serves|served", "do|doing")
GET_VERBS = forms("get|got|gets|getting", "receive|received|receives", "handed", "given")
# Acts of law that free no one by themselves: Ford pardoned Nixon, who was never jailed.
LEGAL_RELIEF = forms("pardon|pardoned|pardoning|pardons", "exonerate|exonerated", "acquit|acquitted",
                      "commute|commuted")
ACCUSE_VERBS = forms("accuse|accused|accusing", "suspect|suspected")
RELEASE_NOUNS = frozenset({"release", "freedom", "freeing", "return", "homecoming", "liberation",
                           "pardon", "repatriation", "rescue", "handover", "commutation"})
DETAIN_NOUNS = frozenset({"detention", "arrest", "imprisonment", "incarceration", "captivity",
                          "jailing", "sentencing", "conviction", "kidnapping", "abduction",
                          "trial", "prosecution", "custody", "sentence", "capture", "ordeal"})
EXCHANGE_NOUNS = frozenset({"exchange", "swap", "trade", "deal"})
CUSTODY_NOUNS = frozenset({"custody", "prison", "prisons", "jail", "jails", "captivity", "detention",
                           "colony", "gulag", "bars", "confinement", "penitentiary", "dungeon", "gaol",
                           "incarceration", "imprisonment"})
# Places that hold people only when named so: "detention center", "labor camp", "prison cell".
_GENERIC_PLACES = frozenset({"center", "centre", "centers", "centres", "facility", "facilities", "camp",
                             "camps", "cell", "cells", "compound", "site", "hands"})
_PLACE_MODIFIERS = frozenset({"detention", "prison", "penal", "labor", "labour", "internment", "correctional",
                              "filtration", "holding", "jail", "isolation", "interrogation", "punishment",
                              "pretrial", "pre-trial", "captors", "kidnappers", "abductors", "captor"})


def is_custody_noun(t: Token) -> bool:
    """ "prison", "captivity", "a detention centre", "a labour camp" (not "the Center for ...")."""
    w = t.lower_
    if w in CUSTODY_NOUNS:
        return True
    if w in _GENERIC_PLACES:
        return any(c.lower_ in _PLACE_MODIFIERS for c in t.children if c.i < t.i)
    return False
HELD_NOUNS = frozenset({"hostage", "hostages", "prisoner", "prisoners", "detainee", "detainees",
                        "captive", "captives", "pow", "pows", "inmate", "inmates", "abductee"})
# Verbs whose complement is wished for, not done: "call on Russia to release him".
IRREALIS_HEADS = forms(
    "call|calls|called|calling", "urge|urges|urged|urging", "push|pushes|pushed|pushing",
    "work|works|worked|working", "fight|fights|fought|fighting", "seek|seeks|sought|seeking",
    "demand|demands|demanded|demanding", "want|wants|wanted|wanting", "hope|hopes|hoped|hoping",
    "try|tries|tried|trying", "press|pressed|pressing", "advocate|advocated|advocating",
    "negotiate|negotiating", "pray|praying", "plead|pleaded|pleading", "ask|asked|asking",
    "need|needs", "plan|plans|planned|planning", "determined", "committed", "dedicated",
    "focused", "able", "willing", "ready", "aim|aims|aimed|aiming", "strive|striving",
    "effort|efforts", "wait|waiting", "continue|continues|continued", "sure", "ensure|ensures|ensuring",
    "commitment", "priority", "promise|promised|promises", "vow|vowed|vows", "pledge|pledged",
    "speculation", "rumour|rumours|rumor|rumors", "claim|claims", "possibility", "prospect|prospects",
    "chance|chances", "expectation|expectations", "hope",
    "suggest|suggests|suggested|suggesting",     # "initial reports suggested she had been taken hostage"
)
# Adjectives that make an event noun a prospect: "a possible swap", "the proposed exchange".
UNREAL_ADJ = frozenset({"possible", "potential", "proposed", "prospective", "future", "planned",
                        "likely", "hoped", "mooted", "rumored", "rumoured", "eventual", "hypothetical"})
REALIS_NOMINAL_HEADS = forms(
    "secure|secured|secures", "win|won", "obtain|obtained", "celebrate|celebrated|celebrating|celebrates",
    "welcome|welcomed|welcoming|welcomes", "announce|announced|announcing|announces",
    "mark|marked|marks", "confirm|confirmed|confirms", "hail|hailed|hails", "follow|followed|following",
    "share|shared", "achieve|achieved", "see|saw", "applaud|applauded", "greet|greeted",
    "enjoy|enjoyed|enjoying|enjoys", "regain|regained", "savor|savour|savoring|savouring",
    # telling of, judging or defending a release presupposes it happened
    "detail|details|detailed|detailing", "describe|describes|described|describing",
    "recount|recounts|recounted", "praise|praises|praised", "defend|defends|defended|defending",
    "justify|justifies|justified|justifying", "criticize|criticizes|criticized|criticise|criticised",
    "slam|slams|slammed|slamming", "blast|blasts|blasted", "condemn|condemns|condemned",
)
IRREALIS_PREPS = frozenset({"for", "toward", "towards", "on", "to"})
REALIS_PREPS = frozenset({"after", "following", "since", "upon", "before"})
MODALS_IRREALIS = frozenset({"would", "could", "should", "might", "may", "must", "can", "shall",
                             "'d", "’d", "ca", "wo"})
HOME_WORDS = frozenset({"home", "homeward"})
SUBJ = ("nsubj", "nsubjpass", "csubj")
NEG_WORDS = frozenset({"not", "n't", "n’t", "never", "no"})

# Verbs of speaking, announcing and meeting: their subject takes part, is not held.
SPEECH_VERBS = forms(
    "say|said|says|saying", "tell|told|tells|telling", "announce|announced|announces",
    "add|added|adds", "write|wrote|writes|written", "tweet|tweeted|tweets", "post|posted",
    "note|noted|notes", "thank|thanked|thanks", "confirm|confirmed|confirms",
    "stress|stressed", "emphasize|emphasized|emphasise|emphasised", "comment|commented",
    "argue|argued", "explain|explained", "describe|described", "warn|warned", "insist|insisted",
    "declare|declared", "speak|spoke|speaks|spoken", "negotiate|negotiated", "greet|greeted",
    "welcome|welcomed", "meet|met|meets", "sign|signed", "call|called", "urge|urged",
)


@dataclass(frozen=True)
class Cue:
    kind: str          # HELD | CURRENT | SOUGHT | RELEASED | EXCHANGED | DIED
    strength: int      # STRONG | MEDIUM
    token: int         # index of the cue word in the doc
    start: int         # char span covering cue word and mention, for evidence
    end: int
    partner: int | None = None   # token index of the other person in "X for Y" swaps
    slot: str = ""               # "for": the Y of "swapped X for Y"; "described": "the jailed leader";
    #                              "again": a pronoun that is the object again ("pardoned X, freeing him")
    direct: bool = False         # a verb whose object (or passive subject) is the name itself
    pronoun: bool = False        # read off "she"/"him", not the name itself


# The opening of "The best-known of them was X": one picked out of a group just told of.
# "(have been) named as A and B": a group told before, now named
NAMED_AS_RX = re.compile(r"\b(?:been|were|was|are|is)\s+(?:named|identified)\s+as\s+")
OF_THEM_LEAD = r"(?:the\s+)?(?:best[- ]known|most\s+[a-z]+|oldest|youngest|first|last|one)\s+of\s+(?:them|those)\b"


def anchor(tok: Token) -> Token:
    """Climb from a name's head to the noun phrase that fills a slot of the clause.

    "dancer and ... Karelina" (conj), "lawyer, Denis Sedov" (appos), "Some, like Dmitriev"
    and "the release of ..., including Aviv" (list prepositions) all lead to the phrase
    whose grammatical role tells what happened to the person.
    """
    t = tok
    for _ in range(8):
        slip = _name_list_slip(t)
        if slip is not None:
            t = slip
        elif t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN", "PRON") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "appos" and t.head.pos_ in ("NOUN", "PROPN", "PRON") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ in ("including", "like", "among", "as", "besides"):
            prep = t.head
            if prep.lower_ == "as" and not any(c.lower_ == "such" for c in prep.children) \
                    and not (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"):
                break
            if prep.lower_ == "besides":
                break
            t = prep.head
        elif t.dep_ == "oprd" and t.head.lower_ in ("named", "called"):
            t = t.head.head if t.head.dep_ in ("acl",) else t.head
        else:
            break
    return t


def as_was(v: Token) -> bool:
    """ "..., as were A and B": an auxiliary alone, marked "as", standing for the main verb."""
    return v.lower_ in ("was", "were", "is", "are", "did", "had", "have", "has") and v.dep_ == "advcl" \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children) \
        and not any(c.dep_ in ("acomp", "attr", "xcomp", "ccomp", "dobj") for c in v.children)


def late_cosubject(w: Token) -> tuple[Token, Token] | None:
    """ "A, whose business had kept him there for years, and B were freed": the parser ends A's
    relative clause with "and B were freed", making the verb a conjunct inside it. Returns
    (A, B) for that verb: A is B's co-subject."""
    if w.dep_ != "conj" or w.head.dep_ != "relcl":
        return None
    subj = next((k for k in w.children if k.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.left_edge.i == 0 or w.doc[subj.left_edge.i - 1].lower_ != "and":
        return None
    return w.head.head, subj


def _name_list_slip(t: Token) -> Token | None:
    """ "Swap for Evan Gershkovich and Paul Whelan" in title case: the parser may join the
    second name to "Swap"; it belongs with the name just before it, in the same slot."""
    if t.dep_ != "conj" or t.ent_type_ != "PERSON" or t.head.ent_type_ == "PERSON" or t.head.i > t.i:
        return None
    before = [g for g in t.head.subtree if g.head.i != t.head.i and g.i < t.i and g.dep_ == "pobj"
              and g.ent_type_ == "PERSON" and g.head.head.i == t.head.i]
    return before[-1] if before else None


def modality(v: Token, homecoming: bool = False) -> str:
    """ "realis", "irrealis" or "negated" for a verb (or adjective) and the verbs above it."""
    t = v
    for depth in range(4):
        kids = list(t.children)
        if any(c.dep_ == "neg" or c.lower_ in NEG_WORDS for c in kids):
            return "negated"
        for c in kids:
            if c.dep_ in ("aux", "auxpass"):
                if c.tag_ == "TO" or c.lower_ == "to":
                    return "irrealis"
                if c.tag_ == "MD" or c.lower_ in MODALS_IRREALIS:
                    if c.lower_ in ("will", "'ll", "’ll") and homecoming:
                        continue
                    return "irrealis"
                if c.lower_ in ("will", "'ll", "’ll"):
                    return "irrealis"
            if c.dep_ == "mark" and c.lower_ in ("until", "unless", "if", "before", "till", "whether"):
                return "irrealis"
        if t.tag_ == "VBG" and t.dep_ == "pcomp":
            return "realis" if t.head.lower_ in REALIS_PREPS else "irrealis"
        if t.tag_ == "VB" and t.dep_ == "ROOT" and not any(c.dep_ in SUBJ for c in kids):
            return "irrealis"        # an imperative: "Free Ales Kolas!", "Release them now"
        if t.dep_ in ("xcomp", "ccomp", "advcl", "acomp", "conj", "pcomp", "relcl", "acl") and t.head.i != t.i:
            if t.head.lower_ in IRREALIS_HEADS and t.dep_ in ("xcomp", "pcomp", "acomp", "ccomp", "acl"):
                return "irrealis"
            if t.dep_ == "conj" or (t.dep_ in ("xcomp", "pcomp", "acomp") and depth < 2):
                t = t.head
                continue
        break
    return "realis"


def _other_was_held(v: Token) -> bool:
    """ "reunited with his father, who was kidnapped": the one freed is the other person."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            if any(g.lower_ in DETAIN_VERBS or g.lower_ in RELEASE_VERBS or g.lower_ in HELD_NOUNS
                   or g.lower_ in ("kidnapped", "abducted") for g in c.subtree):
                return True
    return False


def definite_description(t: Token) -> bool:
    """'The 32-year-old', 'the basketball star', 'the American': a subject that names no one
    but refers back to the person just named (news style after a first mention)."""
    from .triggers import PEOPLE_HEADS

    if t.dep_ not in ("nsubj", "nsubjpass") or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
        return False
    if any(g.ent_type_ == "PERSON" for g in t.subtree):
        return False
    if t.lower_ == "old" and any(c.lower_ == "year" for c in t.children):
        return True     # "The 32-year-old"
    return t.tag_ in ("NN", "NNP") and (t.lower_ in PEOPLE_HEADS or t.ent_type_ == "NORP")


CAPTIVE_ADJ = frozenset({"jailed", "imprisoned", "detained", "incarcerated", "captive", "kidnapped",
                         "abducted", "arrested"})


def captive_description(t: Token) -> Token | None:
    """ "the jailed civilian leader", "the detained reporter": a description that says the
    person it refers back to is held. Returns the adjective that says so."""
    from .triggers import PEOPLE_HEADS

    if t.pos_ != "NOUN" or t.lower_ not in PEOPLE_HEADS or t.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
        return None
    if any(g.ent_type_ == "PERSON" for g in t.subtree):
        return None
    return next((c for c in t.children if c.dep_ in ("amod", "compound") and c.lower_ in CAPTIVE_ADJ
                 and c.i < t.i), None)


WH_WORDS = frozenset({"who", "what", "which", "where", "why", "how", "whom", "whose"})


def is_question(t: Token) -> bool:
    """In a question ("Can you confirm Russia wanted X in exchange for Y?") nothing is asserted.

    A wh-question takes for granted what a participle or relative clause in it says: "Who are
    the five prisoners freed in the swap?" asserts that five were freed.
    """
    sent = t.sent
    last = next((x for x in reversed(sent) if not x.is_space), None)
    if last is None or last.text != "?":
        return False
    return not presupposed(t)


def presupposed(t: Token) -> bool:
    """In a wh-question, inside a past participle or relative clause ('the prisoners freed in the swap')."""
    first = next((x for x in t.sent if not x.is_space and not x.is_punct), None)
    if first is None or first.lower_ not in WH_WORDS:
        return False
    return any(a.dep_ in ("acl", "relcl", "amod") and a.tag_ == "VBN" for a in [t, *t.ancestors])


def _has_home(v: Token) -> bool:
    """ "bring him home", "back home", "back in the arms of his family" (not "back to the team")."""
    for c in v.children:
        if c.lower_ in HOME_WORDS:
            return True
        if c.lower_ == "back" and any(g.lower_ in HOME_WORDS or g.lower_ in ("arms", "family", "families",
                                                                            "loved", "soil", "country")
                                      for g in c.subtree):
            return True
        if c.dep_ == "prep" and c.lower_ in ("to", "into") and any(
                g.lower_ in ("arms", "families", "family", "home", "homes", "loved") for g in c.subtree):
            return True
    return False


def _pp_custody(v: Token) -> bool:
    """A prepositional phrase about custody on ``v``: "in Russian captivity", "behind bars"."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "behind", "inside", "into", "under", "at", "while"):
            # a place of custody the phrase is in ("in a penal colony", "12 days into her hunger
            # strike in Evin Prison"), not a noun after "of" or "from" ("took part in the escape
            # of six prisoners from a jail")
            if any(is_custody_noun(g) and (g.head.i == c.i or g.dep_ == "pobj" and g.head.lower_ in (
                    "in", "behind", "inside", "into", "under", "at", "while")) for g in c.subtree):
                return True
    return False


def _pp_custody_deep(v: Token) -> bool:
    """Custody PP on the verb or on a "while"/"since" clause under it (not on an object)."""
    if _pp_custody(v):
        return True
    for c in v.children:
        if c.dep_ in ("advcl", "advmod", "mark") and c.lower_ in ("while", "whilst") or (
                c.dep_ == "advcl" and any(g.lower_ in ("while", "whilst") for g in c.children)):
            # "while in captivity", "while held in Gaza"
            if _pp_custody(c) or any(g.lower_ in ("captivity", "custody", "prison", "jail", "detention", "held",
                                                  "detained", "imprisoned", "jailed", "hostage", "captive")
                                     for g in c.subtree):
                return True
    return False


def _span(doc: Any, a: Token, name: tuple[int, int]) -> tuple[int, int]:
    return min(a.idx, name[0]), max(a.idx + len(a.text), name[1])


def verb_cue(v: Token, relation: str, name: tuple[int, int], doc: Any) -> Cue | None:
    """The cue a verb gives to the person filling ``relation`` (object or subject)."""
    w = v.lower_
    s, e = _span(doc, v, name)
    kids = list(v.children)
    passive = any(c.dep_ == "auxpass" for c in kids) or relation == "nsubjpass"
    is_object = relation in ("dobj", "nsubjpass", "obj", "dative")
    mod = modality(v)
    if is_object or (relation == "acl_pass"):
        if w in DETAIN_VERBS:
            if mod == "irrealis" or any(c.lower_ == "absentia" for c in v.subtree):
                return None     # "sentenced in absentia": abroad, never held
            if mod == "negated":
                return None
            current = _is_current(v)
            if w in ("hold", "held", "holding", "holds") and not _held_sense(v):
                return None
            # charged or indicted: prosecuted, not necessarily in custody
            strength = MEDIUM if w in PROSECUTE_VERBS and not _pp_custody(v) else STRONG
            return Cue(CURRENT if current else HELD, strength, v.i, s, e)
        if w in ("condemned", "condemn", "condemns") and any(
                c.dep_ == "prep" and c.lower_ == "to" for c in kids) and mod not in ("irrealis", "negated"):
            return Cue(HELD, STRONG, v.i, s, e)     # "condemned to death", "condemned to ten years"
        if w in TAKE_VERBS:
            if any(c.lower_ in HELD_NOUNS or c.lower_ in ("custody", "captive")
                   for c in v.subtree) and mod not in ("negated", "irrealis"):
                return Cue(HELD, STRONG, v.i, s, e)
            return None
        if w in RELEASE_VERBS and any(c.lower_ in ("briefly", "temporarily") for c in kids):
            return Cue(HELD, MEDIUM, v.i, s, e)     # "briefly released" for surgery: a furlough, still held
        if w in RELEASE_VERBS or (w in HOME_VERBS and _has_home(v)):
            if w in ("hand", "handed", "handing", "transfer", "transferred", "deliver", "delivered") \
                    and not any(c.lower_ in ("over", "to") for c in kids):
                return None
            if w in ("return", "returned", "returning", "returns") and not passive:
                return None
            if w in TRANSFER_VERBS and _with_arrest(v):
                # "was arrested and returned to the United States": custody changed hands
                return Cue(HELD, STRONG, v.i, s, e)
            if _to_custody(v):
                # "was transferred to a penal colony", "handed over to the police"
                return Cue(CURRENT if _is_current(v) else HELD, STRONG, v.i, s, e)
            if from_elsewhere(v):
                return None       # "released from the hospital", "freed from the rubble"
            strength = MEDIUM if w in HOME_VERBS else WEAK if w in LEGAL_RELIEF else STRONG
            if mod == "realis" and is_question(v):
                return Cue(SOUGHT, min(strength, MEDIUM), v.i, s, e)
            if mod == "realis":
                return Cue(RELEASED, strength, v.i, s, e)
            return Cue(SOUGHT, strength, v.i, s, e)
        if w in EXCHANGE_VERBS:
            if mod == "realis" and not is_question(v):
                return Cue(EXCHANGED, STRONG, v.i, s, e, partner=_for_partner(v))
            return Cue(SOUGHT, STRONG, v.i, s, e)
        if w in INCLUDE_VERBS:
            subj = [c for c in kids if c.dep_ in SUBJ] or ([v.head] if v.dep_ == "xcomp" else [])
            about_swap = any(t.lower_ in EXCHANGE_NOUNS or t.lower_ in ("list",) for su in subj
                             for t in su.subtree) or (passive and any(
                                 g.lower_ in EXCHANGE_NOUNS for c in kids if c.dep_ == "prep" for g in c.subtree))
            if about_swap:
                if mod == "realis":
                    return Cue(EXCHANGED, STRONG, v.i, s, e)
                if mod == "negated":
                    return Cue(CURRENT, STRONG, v.i, s, e)     # "was not included in the exchange"
                return Cue(SOUGHT, STRONG, v.i, s, e)
            if subj and mod == "realis" and relation == "dobj":
                # "The prisoners released by Moscow included X"
                return group_cue(subj[0], name, doc)
            return None
        if w in ACCUSE_VERBS and mod != "negated":
            return Cue(HELD, MEDIUM, v.i, s, e)
        if w in ("reunited", "reunite") and relation == "nsubjpass":
            if modality(v, homecoming=True) == "realis" and not _other_was_held(v):
                return Cue(RELEASED, MEDIUM, v.i, s, e)
            return None
        if w in MOVE_VERBS and _to_custody(v) and mod != "negated":
            return Cue(CURRENT if _is_current(v) or v.tag_ in ("VBN",) and any(
                c.lower_ in ("has", "have") for c in kids) else HELD, STRONG, v.i, s, e)
        if w in COME_VERBS and relation == "nsubjpass":
            return None
        if relation == "nsubjpass" and mod == "realis" and w not in RELEASE_VERBS and _after_time_in_custody(v):
            # "was greeted by his family after nearly two years in Evin prison"
            return Cue(HELD, STRONG, v.i, s, e)
    if relation in ("nsubj",):
        return _subject_cue(v, name, doc, mod)
    return None


def _subject_cue(v: Token, name: tuple[int, int], doc: Any, mod: str) -> Cue | None:
    w = v.lower_
    s, e = _span(doc, v, name)
    kids = list(v.children)
    if w == "go" and v.dep_ in ("xcomp", "ccomp") and v.head.lower_ in ("let", "lets", "letting"):
        # "China let go David Lin", "Israel let the prisoners go": the parser makes them go's subject
        if modality(v.head) == "realis":
            return Cue(RELEASED, STRONG, v.head.i, *_span(doc, v.head, name))
        return None     # "then I'll let John go": a briefing's last question, no captive
    if w in DIE_VERBS and mod != "negated":
        if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS_IRREALIS) for c in kids):
            return None     # "told he would die in prison", "fears she could die": a risk, no death
        if _pp_custody(v) or any(c.lower_ in ("custody", "captivity") for c in v.subtree):
            return Cue(DIED, STRONG, v.i, s, e)
        return Cue(DIED, MEDIUM, v.i, s, e)
    if w in GET_VERBS and mod == "realis" and any(
            c.dep_ == "dobj" and c.lower_ in ("sentence", "term", "years", "months")
            and not any(g.lower_ in ("suspended", "probation", "probationary", "conditional") for g in c.children)
            for c in kids):
        return Cue(HELD, STRONG, v.i, s, e)      # "got a heavy prison term", "received a 5-year sentence"
    if w in REMAIN_VERBS:
        if mod == "negated":
            return None
        if w in SERVE_VERBS:
            # "serving a nine-year sentence", "doing time" (not "serves as a coordinator")
            held = any(c.dep_ == "dobj" and c.lower_ in ("sentence", "term", "time", "years", "life", "months")
                       for c in kids)
        else:
            verbs = [v] + [c for c in kids if c.dep_ == "xcomp"]     # "continues to languish in ..."
            held = any(_pp_custody(x) or _as_held(x) or any(
                c.lower_ in ("detained", "imprisoned", "jailed", "held", "behind", "captive", "hostage",
                             "incarcerated", "locked") for c in x.children) or any(
                is_custody_noun(c) for c in x.subtree if c.dep_ in ("pobj", "attr") and c.head.head.i == x.i)
                for x in verbs)
        if held:
            if w in ("endure", "endured", "enduring", "face", "faces", "facing"):
                return Cue(HELD, MEDIUM, v.i, s, e)
            auxes = {c.lower_ for c in kids if c.dep_ == "aux"}
            now = v.tag_ in ("VBZ", "VBP") or bool(auxes & {"has", "have", "is", "are", "am", "'s", "’s"})
            return Cue(CURRENT if now else HELD, STRONG, v.i, s, e)
        return None
    if mod == "realis" and (w in COME_VERBS and out_of_custody(v) is not None or left_custody(v)):
        return Cue(RELEASED, STRONG, v.i, s, e)     # "walked out of Evin prison", "left prison on Tuesday"
    if mod == "realis" and w not in RELEASE_VERBS and _after_time_in_custody(v):
        # "landed in Paris after nearly two years in Evin prison": held until then (a release
        # verb says more: "X freed after two years in jail")
        return Cue(HELD, STRONG, v.i, s, e)
    if mod != "negated" and _pp_custody_deep(v):
        # "who turned four while in captivity", "who is in a Russian prison"
        return Cue(CURRENT if v.tag_ in ("VBZ", "VBP") else HELD, STRONG, v.i, s, e)
    if w in COME_VERBS:
        free = [c for c in kids if c.lower_ in ("free", "freed", "home")]
        wish = modality(v, homecoming=True) if free and free[0].lower_ == "home" else mod
        if free and wish == "irrealis" and not any(g.dep_ in ("xcomp", "prep") for g in free[0].children):
            return Cue(SOUGHT, STRONG, v.i, s, e)       # "until her father, Ofer, is free"
        free = [f for f in free if f.lower_ != "home"]
        if free and any(c.dep_ == "aux" and c.lower_ == "had" for c in kids) and any(
                g.lower_ in ("bail", "parole") for g in free[0].subtree):
            return None     # "who had been free on bail, was taken into custody": the time before
        if free and mod == "realis":
            strong = _pp_custody(free[0]) or any(is_custody_noun(g) for g in free[0].subtree)
            return Cue(RELEASED, STRONG if strong else MEDIUM, v.i, s, e)
        attr = [c for c in kids if c.dep_ in ("attr", "acomp") and c.lower_ in HELD_NOUNS]
        if attr and mod != "negated":
            return Cue(CURRENT if v.tag_ in ("VBZ", "VBP") else HELD, STRONG, v.i, s, e)
        if mod != "negated" and (_has_home(v) or _on_way_home(v)):
            homecoming_mod = modality(v, homecoming=True)
            if homecoming_mod == "realis":
                # "on a plane home after ten months in a Russian prison"
                after_custody = any(c.dep_ == "prep" and c.lower_ in ("after", "from") and any(
                    is_custody_noun(g) or g.lower_ in HELD_NOUNS for g in c.subtree) for c in kids)
                return Cue(RELEASED, STRONG if after_custody else MEDIUM, v.i, s, e)
        return None
    if w in ("reunited", "reunite") and modality(v, homecoming=True) == "realis" and not _other_was_held(v):
        return Cue(RELEASED, MEDIUM, v.i, s, e)
    return None


def out_of_custody(tok: Token) -> Token | None:
    """"out" in "came out of prison / Russian prisons / captivity", "walked out of Evin prison"."""
    for out in tok.children:
        if out.lower_ == "out" and out.dep_ in ("prep", "prt", "advmod"):
            for of in [*out.children, *tok.children]:
                if of.lower_ == "of" and any(is_custody_noun(g) for g in of.children if g.dep_ == "pobj"):
                    return out
    return None


def left_custody(v: Token) -> bool:
    """ "left prison on Tuesday", "left Evin prison after four years"."""
    return v.lower_ in ("left", "leaves", "leave", "leaving") and any(
        c.dep_ == "dobj" and is_custody_noun(c) for c in v.children)


def _after_time_in_custody(v: Token) -> bool:
    """"after two years in prison", "after 14 months in captivity" on the person's own verb."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "after":
            sub = list(c.subtree)
            if any(x.lower_ in _DURATION_UNITS for x in sub) and any(
                    is_custody_noun(x) or x.lower_ in HELD_NOUNS for x in sub):
                return True
    return False


_DURATION_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})


def from_elsewhere(v: Token) -> bool:
    """A release "from" something that holds no one: a hospital, a contract, the rubble."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and not any(is_custody_noun(g) or g.lower_ in HELD_NOUNS or g.ent_type_ in ("GPE", "NORP")
                                or any(is_custody_noun(x) for x in g.subtree) for g in objs):
                return any(g.lower_ in _NOT_CUSTODY or any(x.lower_ in _NOT_CUSTODY for x in g.subtree)
                           for g in objs)
    # "released after being hospitalized for a week": a patient, with no custody word anywhere
    sub = list(v.subtree)
    return any(x.lower_ in _PATIENT for x in sub) and not any(is_custody_noun(x) or x.lower_ in HELD_NOUNS
                                                             for x in sub)


_NOT_CUSTODY = frozenset({"hospital", "hospitals", "clinic", "medical", "care", "contract", "rubble",
                          "debris", "quarantine", "rehab", "rehabilitation", "duty", "duties", "team",
                          "club", "obligations", "office", "post", "position", "job"})


_PATIENT = frozenset({"hospitalized", "hospitalised", "hospitalization", "hospitalisation", "hospital",
                      "icu", "surgery"})


def _as_held(v: Token) -> bool:
    """ "spent 52 days as a hostage", "as a prisoner of war"."""
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(g.lower_ in HELD_NOUNS for g in c.subtree)
               for c in v.children)


def _to_custody(v: Token) -> bool:
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "into", "in"):
            if any(is_custody_noun(g) or g.lower_ in ("police", "authorities", "prosecutors", "court")
                   for g in c.subtree):
                return True
    return False


def _with_arrest(v: Token) -> bool:
    """An arrest/extradition verb coordinated with ``v`` ("arrested and returned")."""
    near = [v.head] if v.dep_ == "conj" else []
    near += [c for c in v.children if c.dep_ == "conj"]
    return any(t.lower_ in ("arrested", "detained", "extradited", "apprehended", "captured", "seized")
               for t in near)


def _on_way_home(v: Token) -> bool:
    """ "on a plane back home", "on her way home", "in the air", "out of Russia"."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            words = {g.lower_ for g in c.subtree}
            if words & {"plane", "way", "flight"}:
                return True
        if c.dep_ == "advmod" and c.lower_ in HOME_WORDS:
            return True
    return False


def _is_current(v: Token) -> bool:
    """ "is being detained", "has been held", "remain wrongfully detained", "still held"."""
    kids = list(v.children)
    auxes = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
    if "being" in auxes and any(a in ("is", "are", "am", "'s", "’s", "'re", "’re") for a in auxes):
        return True
    if any(c.lower_ == "still" for c in kids):
        return True
    if v.head.lower_ in REMAIN_VERBS and v.dep_ in ("acomp", "xcomp", "oprd", "advcl"):
        return True
    return False


def _held_sense(v: Token) -> bool:
    """ "held" means custody (held hostage, held in prison, held for 31 months), not talks."""
    for c in v.subtree:
        if c.lower_ in HELD_NOUNS or is_custody_noun(c) or c.lower_ in (
                "captive", "incommunicado", "months", "years", "weeks", "days", "wrongfully",
                "unjustly", "against"):
            return True
        if c.dep_ == "agent":
            return True
    return v.dep_ in ("acl", "relcl") or v.tag_ == "VBN"


def _for_partner(v: Token) -> int | None:
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0].i
    return None


def clause_cues(c: Token, name: tuple[int, int], doc: Any) -> list[Cue]:
    """Cues from a relative clause or participle on the name: "who was jailed", "whom a court
    sentenced", "detained for a year", "who is serving a 14-year sentence"."""
    kids = list(c.children)
    subj = [k for k in kids if k.dep_ in SUBJ]
    rel_obj = [k for k in kids if k.dep_ in ("dobj", "nsubjpass") and k.lower_ in ("whom", "who", "that")]
    out: list[Cue | None] = []
    if rel_obj:
        out.append(verb_cue(c, "dobj", name, doc))          # "whom a court had sentenced"
    elif subj and subj[0].lower_ not in ("who", "that", "which"):
        return []
    elif subj and subj[0].dep_ == "nsubj":
        out.append(verb_cue(c, "nsubj", name, doc))
    elif c.tag_ == "VBG" and c.dep_ == "acl":
        out.append(verb_cue(c, "nsubj", name, doc))     # "X, serving eight years": X does it
    else:
        out.append(verb_cue(c, "acl_pass", name, doc))
    for v in kids:
        if v.dep_ == "conj" and v.pos_ == "VERB" and not any(k.dep_ in SUBJ for k in v.children):
            out.append(verb_cue(v, "acl_pass" if v.tag_ == "VBN" else "nsubj", name, doc))
    return [q for q in out if q is not None]


RELEASED_GROUPS = frozenset({"returnees", "returnee", "freed", "released", "exchangees", "swapped"})


def partitive_group(t: Token) -> Token | None:
    """ "Three of the freed Americans" as a subject: the group ("Americans") it is part of."""
    if t.dep_ not in ("nsubj", "nsubjpass") or not (t.tag_ == "CD" or t.lower_ in ("some", "several", "most")):
        return None
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            g = next((x for x in c.children if x.dep_ == "pobj" and x.tag_ in ("NNS", "NNPS")
                      and any(d.lower_ == "the" for d in x.children)), None)
            if g is not None:
                return g
    return None


def group_cue(g: Token, name: tuple[int, int], doc: Any, depth: int = 0) -> Cue | None:
    """What happened to a group the person belongs to ("hostages, including X", "among those
    freed", "the prisoners released by Moscow included X")."""
    if depth > 3:
        return None
    w = g.lower_
    s, e = _span(doc, g, name)
    if (w in RELEASE_VERBS and w.endswith("ed")) or w in RELEASED_GROUPS:   # "among those freed/the returnees"
        return Cue(RELEASED, STRONG, g.i, s, e)
    if w in DETAIN_VERBS and w.endswith(("ed", "held")):
        return Cue(HELD, STRONG, g.i, s, e)
    for c in g.children:            # "the freed Americans"
        if c.dep_ == "amod" and c.lower_ in RELEASE_VERBS and c.lower_.endswith("ed"):
            return Cue(RELEASED, STRONG, c.i, s, e)
    for c in g.children:            # "prisoners released by Moscow", "those held", "who came home"
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            found = clause_cues(c, name, doc)
            if found:
                return found[0]
    if g.lower_ in RELEASE_NOUNS | DETAIN_NOUNS | EXCHANGE_NOUNS:
        return nominal_cue(g, name, doc)
    if g.dep_ in ("dobj", "nsubjpass") and g.head.pos_ == "VERB":
        q = verb_cue(g.head, g.dep_, name, doc)
        if q is not None:
            return q
    if g.dep_ == "pobj":
        prep = g.head
        target = prep.head
        if prep.lower_ == "of" and target.lower_ in RELEASE_NOUNS | DETAIN_NOUNS | EXCHANGE_NOUNS:
            return nominal_cue(target, name, doc)
        if prep.lower_ in ("from", "in", "of") and target.pos_ in ("NOUN", "PROPN") and target.i != g.i:
            # "the release of 16 people from Russian prisons, including X"
            return group_cue(target, name, doc, depth + 1)
    if w in HELD_NOUNS:
        return Cue(HELD, STRONG, g.i, s, e)
    return None


def nominal_cue(n: Token, name: tuple[int, int], doc: Any) -> Cue | None:
    """ "the release of X", "X's detention", "X's body was returned"."""
    w = n.lower_
    s, e = _span(doc, n, name)
    if w in ("body", "remains") and n.dep_ in ("nsubjpass", "nsubj", "dobj"):
        v = n.head
        if v.lower_ in ("returned", "handed", "found", "repatriated", "released", "transferred"):
            return Cue(DIED, STRONG, v.i, s, e)
        return None
    if w in ("death", "killing", "murder", "assassination"):
        if any(is_custody_noun(g) for g in n.subtree) or _pp_custody(n):
            return Cue(DIED, STRONG, n.i, s, e)
        return Cue(DIED, MEDIUM, n.i, s, e)
    if w in ("term", "terms", "stint") and any(c.dep_ in ("compound", "amod") and c.lower_ in _TERM_KINDS
                                               for c in n.children):
        return Cue(HELD, STRONG, n.i, s, e)     # "X's eight-year prison term", "her jail stint"
    if w in DETAIN_NOUNS:
        if w == "sentence" and n.head.lower_ in ("commuted", "commute", "commutes"):
            return Cue(RELEASED, STRONG, n.i, s, e)
        return Cue(_nominal_time(n, HELD), STRONG, n.i, s, e)
    if w in RELEASE_NOUNS:
        kind = _nominal_time(n, RELEASED)
        if kind == RELEASED and is_question(n):
            kind = SOUGHT
        weak = w in ("pardon", "commutation") and kind == RELEASED
        return Cue(kind, WEAK if weak else STRONG, n.i, s, e)
    if w in EXCHANGE_NOUNS and w != "deal":
        kind = _nominal_time(n, EXCHANGED)
        if kind == EXCHANGED and is_question(n):
            kind = SOUGHT
        return Cue(kind, STRONG, n.i, s, e)
    return None


_TERM_KINDS = frozenset({"prison", "jail", "custodial", "penal", "colony"})


def _nominal_time(n: Token, kind: str) -> str:
    """Was the release done (``kind``), only sought (SOUGHT: so still held) or neither (HELD)?

    A detention noun is always HELD: "the detention of X" says X was held, whatever the verb.
    """
    if kind == HELD:
        return HELD
    h = n.head
    dep = n.dep_
    if dep == "pobj":
        if h.lower_ in REALIS_PREPS:
            return kind
        if h.lower_ in ("for", "toward", "towards") or h.head.lower_ in IRREALIS_HEADS:
            return SOUGHT
        return HELD
    if dep == "dobj":
        mod = modality(h)
        if mod in ("negated", "irrealis") or h.lower_ in IRREALIS_HEADS:
            return SOUGHT
        if h.lower_ in REALIS_NOMINAL_HEADS:
            if h.lower_ in ("secure", "secures", "win", "obtain") and h.tag_ in ("VB", "VBP", "VBZ", "VBG"):
                return SOUGHT
            return kind
        return HELD
    if dep in ("nsubj", "nsubjpass"):
        if modality(h) == "realis":
            return kind
        return HELD
    return HELD


# What lies between two names of one list: "A, B and C", "A, B, and C", "A, 45, and B",
# "A, a former teacher, and B" (a short apposition on the first name).
LIST_GAP_RX = re.compile(r"^(?:,\s+(?:\d{1,3}|(?:a|an|the)\s+[^,;.()\"]{1,50}))?(?:,|,? and)\s*$")


# The dead: "the remains of X were handed over" frees no one.
BODY_WORDS = frozenset({"remains", "body", "bodies", "corpse", "corpses", "ashes"})


def opens_clause(t: Any) -> bool:
    """A conjoined name right before a finite verb of its own ("... hostages and Charlie Munger
    dies"): the parser joined the subject of a second clause to the first clause's object."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is None or anchor(t).head.i == nxt.i:
        return False        # "A, B and C freed as ...": the last of the subject list before its verb
    return nxt.tag_ in ("VBZ", "VBD") and nxt.dep_ in ("conj", "ROOT") and nxt.head.i != t.i
