"""Did it happen? Real, past events versus plans, demands, talks, questions and tallies.

News about detainees is full of releases that have not happened ("will be released",
"calls for the release", "agreed to release", "talks on a swap") and of generic or
cumulative ones ("prisoner exchanges are not harbingers of peace", "more than 50 hostages
have been released so far"). Only a real, specific event may create an exchange record.
The walk goes from the trigger up the dependency tree to its clause root and looks for
the words that make the clause unreal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .cues import presupposed
from .numbers import small_number
from .triggers import RETURN, Trigger, people_like, verb_lemma

MODALS = {"will", "would", "shall", "should", "could", "can", "may", "might", "must", "'ll", "\u2019ll",
          "'d", "\u2019d", "wo", "ca", "ought"}
NEGATIONS = {"not", "n't", "n\u2019t", "never", "no", "neither", "nor", "without"}
# Heads of an infinitive that still assert the event ("were able to bring him home").
FACTIVE = {"able", "managed", "manage", "manages", "succeeded", "succeed", "decision", "decided",
           "helped", "help", "helping", "helps", "moved"}
# Words that turn what they govern into a plan, wish, demand, negotiation or rule.
# Verbs that say the effort under them came off: "succeeded in exchanging", "managed to free".
ACHIEVED = {"succeeded", "managed", "completed"}
UNREAL = {
    "seek", "seeks", "sought", "seeking", "call", "calls", "calling", "called", "urge", "urges", "urged",
    "urging", "demand", "demands", "demanded", "demanding", "push", "pushes", "pushed", "pushing",
    "work", "works", "worked", "working", "effort", "efforts", "hope", "hopes", "hoped", "hoping",
    "want", "wants", "wanted", "wanting", "wish", "wishes", "expect", "expects", "expected",
    "expecting", "expectation", "plan", "plans", "planned", "planning", "negotiate", "negotiates",
    "negotiated", "negotiating", "negotiation", "negotiations", "talks", "talk", "talking", "discuss",
    "discussed", "discussing", "discussion", "discussions", "agree", "agrees", "agreed", "agreeing",
    "agreement", "deal", "deals", "willing", "willingness", "ready", "prepared", "pressure",
    "pressed", "pressing", "press", "aim", "aims", "aimed", "goal", "priority", "commitment",
    "committed", "try", "tries", "tried", "trying", "attempt", "attempts", "intend", "intends",
    "intention", "propose", "proposed", "proposal", "offer", "offered", "offers", "consider",
    "considering", "considered", "advocate", "advocated", "advocating", "fight", "fighting",
    "pray", "praying", "wait", "waiting", "ask", "asked", "asking", "appeal", "appeals", "plea", "pleas",
    "campaign", "campaigning", "campaigned", "campaigns", "pleaded", "pleading", "lobbies", "begged",
    "petitioned", "rallied", "agitated", "appealed", "insist", "insisted", "block", "blocked", "prevent", "prevented",
    "refuse", "refused", "refuses", "reject", "rejected", "possibility", "possible", "prospect",
    "prospects", "framework", "condition", "conditions", "mechanism", "rule", "rules", "pursue",
    "pursuing", "pursued", "lobby", "lobbied", "lobbying", "await", "awaiting",
    "awaited", "preparing", "prepare", "request", "requested", "requests", "bid",
    "promise", "promised", "promises", "pledge", "pledged", "vow", "vowed", "threaten",
    "threatened", "rumor", "rumors", "rumours", "speculation", "likely", "unlikely", "imminent",
    "supposed", "scheduled", "due", "going", "intended", "ordered",
    "mirror", "whether", "unless", "continue", "continues", "continuing", "sure", "ensure",
    "ensuring", "ensures", "prioritize", "prioritized", "prioritizes", "choice", "option", "either",
    "focus", "focused", "focusing", "wished", "await",
    # gatherings held to demand it: "a news conference / rally / vigil for the release of X"
    "conference", "conferences", "rally", "rallies", "vigil", "vigils", "march", "marches", "petition",
    "petitions", "demonstration", "demonstrations",
}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "'s", "\u2019s"}
OBLIGATION = {"had", "has", "have", "need", "needs", "needed", "ought"}
UNDATED_PAST = {"previously", "earlier", "before", "formerly", "once", "already", "ago"}
COMMUNICATION = {"share", "announce", "report", "say", "confirm", "tell", "inform", "note", "learn",
                 "know", "hear", "add", "reveal", "state", "acknowledge", "welcome", "celebrate", "see"}
SECURE_VERBS = {"secure", "secures", "securing", "win", "winning", "obtain", "obtaining", "achieve",
                "achieving", "get", "getting"}
FIRST_SINCE_RX = re.compile(r"\bfirst (?:\w+ ){0,3}since (?:\w+ ){0,2}$", re.I)
# A furlough, or a move from prison to house arrest: still held.
STILL_HELD_RX = re.compile(r"\b(?:furlough|medical leave|temporary release|temporarily released|"
                         r"released temporarily|briefly released|"
                         # "released from prison and placed on house arrest": still held
                         r"(?:placed|put|moved|transferred|sent|released) (?:\w+ ){0,3}(?:on|to|under|into) house arrest)\b",
                         re.I)
WHEN_IT_COMES = re.compile(r"\bwhen it comes to\b", re.I)
# "returns to Texas for the first time since Russian detainment", "speaks for the first time
# since her release": a later moment of someone's life, not the release itself.
FIRST_TIME_SINCE = re.compile(r"\b(?:for the first time|first (?:\w+ ){0,2}since)\b", re.I)
# Words that, just before a trigger, say it is wished for or planned ("continue to work to
# secure Paul's return"): a fallback for parses that attach the trigger elsewhere.
LEFT_UNREAL = {"continue", "continues", "continuing", "going", "gonna", "work", "working", "seek", "seeking",
               "push", "pushing", "hope", "hoping", "committed", "commitment", "sure", "ensure", "ensuring",
               "until", "if", "unless", "whether", "call", "calls", "calling", "urge", "urging", "demand",
               "demanding", "want", "wants", "need", "needs", "pursue", "pursuing",
               "either", "possible", "could", "would", "will", "should", "can", "may", "might", "must",
               "'ll", "\u2019ll", "'d", "\u2019d", "wo", "prioritized", "prioritize", "priority", "toward",
               "towards", "fighting", "fight", "advocated", "advocating", "negotiating", "negotiate",
               "negotiations", "talks", "seeing"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "until", "once", "before"}
GENERIC_DETS = {"every", "any", "each", "no", "such"}
ONE_EVENT_RX = re.compile(r"\b(?:following|after|in|as part of) (?:a|the|an) (?:\w+ ){0,3}(?:swap|exchange)\b")
TALLY_RX = re.compile(
    r"\b(?:so far|thus far|to date|in total|in all|altogether|since the (?:start|beginning)|"
    r"since (?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|\d{4})|over the (?:past|last) (?:year|years|decade)|dozens of|hundreds of|"
    r"thousands of|dozens|hundreds|more than \d|nearly \d|almost \d|some \d|"
    r"a total of)\b", re.I)


@dataclass(frozen=True)
class Assessment:
    real: bool
    reason: str = ""
    tally: bool = False        # a cumulative figure ("so far", "dozens"): no event of its own
    perfect: bool = False      # "have been released", "has brought home": recent news
    present: bool = False      # "are coming home", "we welcome home": today's news
    anchored: bool = True      # a noun with a determiner, owner, date or 'of' complement
    earlier: bool = False      # "five released previously": a past event without a date
    progressive: bool = False  # "are coming home", "are being returned": under way as told
    described: bool = False    # "X, who was freed in a swap, was hurt": tells who X is; no event of its own
    days_before: int | None = None  # "four days after Iran freed X": this event came that long before the
    #                                 clause it modifies (-1: "days after", a span with no figure)


# "thanks for freeing him", "credit for securing": a noun that thanks for what was done
GRATITUDE_NOUNS = {"thanks", "gratitude", "credit", "praise", "appreciation", "tribute", "award", "prize"}


# Verbs after which "for the release" tells what a release cost or earned, not what is sought:
# "thanked Qatar for his release", "paid for their release", "swapped X for the release of Y".
PAID_FOR = {"thank", "thanks", "thanked", "thanking", "praise", "praised", "praises", "praising", "credit",
            "credited", "credits", "pay", "paid", "pays", "paying", "reward", "rewarded", "exchange", "exchanged",
            "swap", "swapped", "trade", "traded", "hail", "hailed", "applaud", "applauded", "commend",
            "commended", "grateful", "sentenced", "jailed", "punished", "arrange", "arranged", "arranging"}


def _aux_words(tok: Token) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


def assess(trig: Trigger) -> Assessment:
    """Whether a trigger reports a real, specific, past or present event."""
    tok = trig.token
    sent = tok.sent
    if sent.text.strip().endswith("?") and not presupposed(tok):
        return Assessment(False, "question")
    if trig.cls == RETURN and FIRST_TIME_SINCE.search(sent.text):
        return Assessment(False, "later:first time since")
    if FIRST_SINCE_RX.search(sent.text[max(0, tok.idx - sent.start_char - 40):tok.idx - sent.start_char]):
        return Assessment(False, "later:first since")   # "her first visit since being released"
    if any(c.lower_ in ("briefly", "temporarily") for c in tok.children) or STILL_HELD_RX.search(sent.text):
        return Assessment(False, "temporary")           # a furlough: still held
    if WHEN_IT_COMES.search(sent.text[:max(0, tok.idx - sent.start_char)]):
        return Assessment(False, "generic:when it comes to")
    if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.pos_ == "NOUN" \
            and tok.head.head.lower_ not in GRATITUDE_NOUNS:
        return Assessment(False, f"unreal:{tok.head.head.text} for")   # "the case / calls / a push for freeing him"
    if trig.noun and tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.pos_ in ("VERB", "AUX") \
            and tok.head.head.lower_ not in PAID_FOR and not any(c.lower_ in GRATITUDE_NOUNS for c in tok.head.head.children):
        return Assessment(False, f"unreal:{tok.head.head.text} for")   # "the wheels are turning for his release"
    left = _left_context(tok, trig.weak)
    if not left and tok.dep_ in ("appos", "conj") and tok.head.i < tok.i:
        left = _left_context(tok.head, trig.weak)   # "secure Paul's return, Paul's release"
    if left:
        return Assessment(False, left)
    t = tok
    steps = 0
    reported = False     # above a reported clause ("pleased to announce that X was freed")
    while True:
        steps += 1
        kids = list(t.children)
        auxes = _aux_words(t)
        if any(a in MODALS for a in auxes) and not (trig.weak and t.i == tok.i):
            return Assessment(False, f"modal:{t.text}")
        if any(c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ == "advmod") for c in kids):
            return Assessment(False, f"negated:{t.text}")
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in kids):
            return Assessment(False, f"conditional:{t.text}")
        if any(c.lower_ == "how" for c in kids) or any(
                c.lower_ == "how" and c.head.lower_ in ("many", "much") for c in t.subtree):
            return Assessment(False, "generic:how")
        # Infinitive: "to release" is a plan unless its head asserts it ("was able to").
        if "to" in auxes and t.tag_ == "VB":
            head = t.head
            if not (reported and t.lower_ in COMMUNICATION) and (head.i == t.i or head.lower_ not in FACTIVE):
                return Assessment(False, f"infinitive:{head.text}")
        # "The exchange was to include ...": a plan.
        if t.lower_ in BE_FORMS | OBLIGATION and any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)
                                                     for c in kids):
            return Assessment(False, f"plan:{t.text}")
        # Imperative: "Release them immediately."
        if t.tag_ == "VB" and t.head.i == t.i and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
                                                      for c in kids):
            return Assessment(False, "imperative")
        # "secure the release" only happened when the securing did ("we have secured").
        if t.i != tok.i and t.lower_ in SECURE_VERBS and t.tag_ in ("VB", "VBP", "VBZ", "VBG") \
                and not any(a in ("have", "has", "'ve", "\u2019ve") for a in auxes) \
                and not (t.tag_ == "VB" and t.head.lower_ in FACTIVE) \
                and not any(_achieved(a) for a in list(t.ancestors)[:2]):   # "succeeded in securing"
            return Assessment(False, f"unreal:{t.text}")
        if t.dep_ in ("relcl",) or t.head.i == t.i or steps > 10:
            break
        if t.dep_ == "ccomp":
            reported = True
        # A participle modifying a noun: "every freed prisoner" is generic.
        if t.dep_ in ("amod", "acl") and any(c.lower_ in GENERIC_DETS for c in t.head.children):
            return Assessment(False, "generic:det")
        prev, t = t, t.head
        if _named_deal(prev, t):
            continue
        if _achieved(t) and prev.dep_ in ("prep", "xcomp"):
            break   # "the mediation efforts succeeded in exchanging 190 captives": it happened
        if t.lower_ in UNREAL and t.pos_ in ("NOUN", "VERB", "ADJ", "ADV", "AUX"):
            return Assessment(False, f"unreal:{t.text}")

    if _several_events(tok):
        return Assessment(False, "generic:several")
    anchored = True
    if trig.noun:
        anchored = _noun_anchored(tok)
        if tok.tag_ in ("NNS", "NNPS") and not _has_owner_or_date(tok):
            return Assessment(False, "generic:plural")
        if any(c.lower_ in GENERIC_DETS for c in tok.children):
            return Assessment(False, "generic:det")
        if _awaited(tok):
            return Assessment(False, "generic:awaited")     # "what you would see before a big exchange"
    auxes = _aux_words(tok)
    perfect = any(a in ("have", "has", "'ve", "\u2019ve") for a in auxes)
    present = tok.tag_ in ("VBG", "VBZ", "VBP") and any(a in ("am", "is", "are", "'re", "\u2019re") for a in auxes) \
        or tok.tag_ in ("VBZ", "VBP") \
        or "being" in auxes and any(a in ("am", "is", "are", "'re", "\u2019re") for a in auxes)   # "are being returned"
    # "Minsk releases people the West has never heard of": the present simple of a body
    # sentence is a habit, not an event (headlines use it for news; see exchanges).
    habitual = (not trig.noun and tok.tag_ in ("VBZ", "VBP") and not auxes and tok.sent.start > 0
                and not re.search(r"\b(?:today|tonight|now|this (?:morning|afternoon|evening))\b", sent.text, re.I)
                and tok.sent.start_char > 600)      # headlines and standfirsts use it for news
    if habitual:
        return Assessment(False, "generic:present")
    tally = _is_tally(trig, perfect)
    earlier = any(c.lower_ in UNDATED_PAST and c.dep_ in ("advmod", "npadvmod") for c in tok.children) \
        or _long_before(tok)
    described = _describes_person(tok)
    progressive = present and (tok.tag_ == "VBG" or "being" in auxes)
    return Assessment(True, "", tally=tally, perfect=perfect, present=present, anchored=anchored,
                      earlier=earlier, progressive=progressive, described=described,
                      days_before=_days_before(tok))


_SPAN_DAYS = {"hour": 0, "hours": 0, "day": 1, "days": 1, "week": 7, "weeks": 7}


def _days_before(tok: Token) -> int | None:
    """ "..., four days after Iran freed X": a clause of its own, that many days before the one it
    modifies (the same day for "hours after"; -1 when no figure is given: "days after")."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in tok.children):
        return None
    span = next((c for c in tok.children if c.dep_ == "npadvmod" and c.lower_ in _SPAN_DAYS), None)
    if span is None:
        return None
    unit = _SPAN_DAYS[span.lower_]
    if unit == 0:
        return 0
    num = next((c for c in span.children if c.dep_ in ("nummod", "det", "quantmod")), None)
    if num is None:
        return -1
    n = 1 if num.lower_ in ("a", "an") else small_number(num.text)
    return n * unit if n is not None else -1


def _achieved(t: Token) -> bool:
    """"succeeded (in)", "managed (to)", not "have not yet succeeded"."""
    return t.lower_ in ACHIEVED and t.tag_ in ("VBD", "VBN") and not any(c.dep_ == "neg" for c in t.children)


def _awaited(tok: Token) -> bool:
    """"before a big exchange", "until an exchange", "pending a swap": one not had yet (by the
    words before the noun, whatever the parser hangs it on)."""
    j = tok.i - 1
    while j >= 0 and tok.doc[j].pos_ in ("ADJ", "NOUN") and tok.doc[j].lower_ not in ("a", "an"):
        j -= 1
    if j < 1 or tok.doc[j].lower_ not in ("a", "an"):
        return False
    return tok.doc[j - 1].lower_ in ("before", "until", "pending", "awaiting", "without")


def _named_deal(trigger_word: Token, head: Token) -> bool:
    """"freed in a prisoner swap deal", "released under an exchange agreement": the deal a
    release happened in is the event itself, not talk about one (as in "talks on a swap deal")."""
    if trigger_word.dep_ != "compound" or head.lower_ not in ("deal", "agreement") or head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ == "of" and prep.head.lower_ == "part":
        prep = prep.head.head      # "as part of a swap deal"
    # the deal a release happened in, not one someone was "moved to house arrest under"
    governor = prep.head
    return prep.lower_ in ("in", "under", "through", "as") and verb_lemma(governor) is not None


def _left_context(tok: Token, allow_modal: bool = False) -> str:
    """Plan or wish words in the few tokens before the trigger, up to a comma or a past verb."""
    doc = tok.doc
    start = tok.sent.start
    i = tok.i - 1
    seen = 0
    while i >= start and seen < 8:
        t = doc[i]
        if t.text in (",", ";", ":", "(", ")") or t.tag_ in ("VBD",) or (
                t.tag_ == "VBN" and i > start and doc[i - 1].lower_ in ("have", "has", "had", "'ve", "\u2019ve")):
            break
        if _in_other_clause(t, tok):
            i -= 1
            continue
        if t.lower_ in LEFT_UNREAL and not (allow_modal and t.lower_ in MODALS):
            return f"left:{t.text}"
        if t.lower_ == "to" and t.tag_ == "TO" and i + 1 < len(doc) and doc[i + 1].tag_ == "VB" \
                and (i - 1 < start or doc[i - 1].lower_ not in FACTIVE) and doc[i + 1].lower_ not in COMMUNICATION:
            return f"left:to {doc[i + 1].text}"
        if not t.is_space and not t.is_punct:
            seen += 1
        i -= 1
    return ""


def _in_other_clause(t: Token, tok: Token) -> bool:
    """Inside a relative or participle clause that does not contain the trigger."""
    for a in [t] + list(t.ancestors):
        if a.dep_ in ("relcl", "acl") and not (a.left_edge.i <= tok.i <= a.right_edge.i):
            return True
    return False


def _has_owner_or_date(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "poss" or c.ent_type_ in ("DATE", "TIME"):
            return True
    return False


def _noun_anchored(tok: Token) -> bool:
    """'the exchange', 'Thursday's swap', 'the release of X', 'her release' name one event."""
    for c in tok.children:
        if c.dep_ == "poss":
            return True
        if c.dep_ == "det" and c.lower_ in ("the", "this", "that", "today's"):
            return True
        if c.lower_ == "of" and c.dep_ == "prep":
            return True
        if c.ent_type_ in ("DATE", "TIME"):
            return True
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lower_ in (
        "took", "occurred", "happened", "came", "went", "was", "is", "took place")


LONG_UNITS = {"week", "weeks", "month", "months", "year", "years", "decade", "decades"}


def _long_before(tok: Token) -> bool:
    """ "a standing ovation ... months after she was freed", "two years after his release", "her
    first comments since being released": the release is the time reference of a later event."""
    for v in [tok, *list(tok.ancestors)[:2]]:
        mark = next((c for c in v.children if c.dep_ == "mark" and c.lower_ in ("after", "since")), None)
        if mark is not None:
            return mark.lower_ == "since" or any(c.lower_ in LONG_UNITS and c.i < mark.i for c in v.subtree)
    for a in list(tok.ancestors)[:3]:
        if a.lower_ in ("after", "since") and a.dep_ == "prep":
            return a.lower_ == "since" or any(
                c.lower_ in LONG_UNITS and c.i < a.i for c in list(a.children) + list(a.head.children))
    return False


def _describes_person(tok: Token) -> bool:
    """"Trevor Reed, who was released in a prisoner swap, was injured in Ukraine", "art by the
    arms dealer freed by the US": a release in a relative clause on a person tells who they are,
    not the sentence's news (unless the sentence's own verb is a release or a return)."""
    if _headline_fate(tok):
        return True
    for v in [tok, *tok.ancestors]:
        if v.dep_ in ("relcl", "acl") and v.tag_ in ("VBN", "VBD"):
            head = v.head
            # one person (a name, or "the ex-Marine"), not a group the release itself counts
            person = head.ent_type_ == "PERSON" or (people_like(head) and head.tag_ in ("NN", "NNP")) or any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children) or (
                head.dep_ == "appos" and head.head.ent_type_ == "PERSON")
            if not person or verb_lemma(tok.sent.root) is not None:
                return False
            if any(c.lower_ == "being" for c in v.children) or (head.dep_ == "pobj" and head.head.lower_ == "among"):
                return False    # "are among prisoners being released": the group of the news
            # the sentence says something else of the person: a verb outside the clause
            clause = {t.i for t in v.subtree}
            return any(t.pos_ == "VERB" and t.i not in clause and verb_lemma(t) is None for t in tok.sent)
        if v.dep_ in ("ROOT", "ccomp", "advcl"):
            return False
    return False


# What befalls a freed person later, told by a participle after the release in a headline.
LATER_FATE = frozenset({"hurt", "injured", "wounded", "killed", "arrested", "detained", "charged", "sentenced",
                        "jailed", "convicted", "deported", "sued", "named", "appointed", "elected", "honored",
                        "honoured", "awarded", "married", "spotted", "seen", "nominated", "banned", "fined"})


def _headline_fate(tok: Token) -> bool:
    """"American freed from Russia in prisoner swap hurt while fighting in Ukraine": a headline
    drops the "was" of its own verb, and the parser makes the release its root; the participle
    after it is the news, the release tells who the person is."""
    if tok.dep_ != "ROOT" or tok.sent.start != 0 or tok.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    return any(c.dep_ in ("advcl", "conj", "dep") and c.i > tok.i and c.lower_ in LATER_FATE
               and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in tok.children)


EVENT_COUNT_NOUNS = {"cases", "swaps", "exchanges", "deals", "instances", "occasions", "rounds", "trades",
                     "releases"}
SEVERAL = {"two", "three", "four", "five", "six", "several", "multiple", "many", "numerous", "separate"}


def _several_events(tok: Token) -> bool:
    """ "exchanged prisoners in two high-profile cases", "swapped prisoners twice": more than
    one event told at once, none of them this record."""
    for c in tok.children:
        if c.lower_ in ("twice",) and c.dep_ in ("advmod", "npadvmod"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "on"):
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ in EVENT_COUNT_NOUNS | {"times"} and any(
                        d.lower_ in SEVERAL or (d.dep_ == "nummod" and d.like_num and d.text.isdigit()
                                                and int(d.text) > 1) for d in g.children):
                    return True
    return False


def _is_tally(trig: Trigger, perfect: bool) -> bool:
    """A cumulative count ("have now brought home dozens", "more than 50 ... so far")."""
    tok = trig.token
    sent = tok.sent
    text = sent.text
    lowered = text.lower()
    if re.search(r"\b(?:so far|thus far|to date|over that time|over the (?:past|last) (?:\w+ )?"
                 r"(?:days|weeks|months|years))\b", lowered):
        return True
    if re.search(r"\bsince\b.{0,40}\b(?:started|began|begun|took effect|came into force)\b", lowered):
        return True
    # A list of three or more places the people came "from": a record of many events.
    froms = [c for c in tok.subtree if c.lower_ == "from"]
    if len(froms) >= 3:
        return True
    for f in froms:
        # not the places a clause on the prison sends them to ("from Ofer prison, who were
        # brought to A in B and to C")
        clause = {t.i for g in f.subtree if g.dep_ in ("relcl", "acl") for t in g.subtree}
        places = [g for g in f.subtree if g.ent_type_ in ("GPE", "LOC") and g.i not in clause]
        if len({g.text for g in places}) >= 3:
            return True
    if perfect and TALLY_RX.search(text):
        # "Dozens have returned home following a prisoner swap": one event, not a running count.
        if not re.search(r"\b(?:today|tonight|this morning|yesterday)\b", lowered) and not ONE_EVENT_RX.search(lowered):
            return True
    if perfect and any(c.lower_ == "now" for c in tok.children) and not re.search(r"\btoday\b", lowered):
        return True
    if _own_record(tok):
        return True
    return False


def _own_record(tok: Token) -> bool:
    """"I brought 58 hostages home": a speaker's own count of people freed is a record of
    many releases (one release of that many would be told as the release, not as a boast)."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "i" for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "dobj":
            for n in c.children:
                if n.dep_ == "nummod" and n.text.isdigit() and int(n.text) >= 10:
                    return True
    return False
