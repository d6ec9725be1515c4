"""Words that report a release, a return home or an exchange, found on the parse.

The spaCy pipeline runs without a lemmatizer, so verb and noun forms are listed here.
A trigger is only a candidate: ``modality.assess`` decides whether it reports a real,
past event, and ``sides`` reads who let whom go.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cues import BODY_WORDS, left_custody, out_of_custody

RELEASE = "release"     # A let P go: released, freed, handed over, pardoned
RETURN = "return"       # P came home / was brought home / returned to B
EXCHANGE = "exchange"   # A and B exchanged / swapped / traded people


def _forms(base: str, third: str, past: str, ing: str, participle: str | None = None) -> dict[str, str]:
    return {f: base for f in (base, third, past, ing, participle or past)}


_VERBS: dict[str, str] = {}
for _b, _s, _p, _g in (
    ("release", "releases", "released", "releasing"),
    ("free", "frees", "freed", "freeing"),
    ("exchange", "exchanges", "exchanged", "exchanging"),
    ("swap", "swaps", "swapped", "swapping"),
    ("trade", "trades", "traded", "trading"),
    ("return", "returns", "returned", "returning"),
    ("welcome", "welcomes", "welcomed", "welcoming"),
    ("hand", "hands", "handed", "handing"),
    ("pardon", "pardons", "pardoned", "pardoning"),
    ("commute", "commutes", "commuted", "commuting"),
    ("repatriate", "repatriates", "repatriated", "repatriating"),
    ("extradite", "extradites", "extradited", "extraditing"),
    ("put", "puts", "put", "putting"),
    ("set", "sets", "set", "setting"),
    ("let", "lets", "let", "letting"),
    ("reunite", "reunites", "reunited", "reuniting"),
    ("land", "lands", "landed", "landing"),
    ("arrive", "arrives", "arrived", "arriving"),
    ("receive", "receives", "received", "receiving"),
    ("transfer", "transfers", "transferred", "transferring"),
):
    _VERBS.update(_forms(_b, _s, _p, _g))
_VERBS.update({"bring": "bring", "brings": "bring", "brought": "bring", "bringing": "bring",
               "come": "come", "comes": "come", "came": "come", "coming": "come",
               "fly": "fly", "flies": "fly", "flew": "fly", "flown": "fly", "flying": "fly",
               "get": "get", "got": "get", "gets": "get", "getting": "get", "gotten": "get",
               "walk": "walk", "walks": "walk", "walked": "walk", "walking": "walk",
               "leave": "leave", "leaves": "leave", "left": "leave", "leaving": "leave",
               "cross": "cross", "crosses": "cross", "crossed": "cross", "crossing": "cross"})

# Verb lemma -> trigger class; None means "only with a particle or a home word".
VERB_CLASS: dict[str, str | None] = {
    "release": RELEASE, "free": RELEASE, "pardon": RELEASE, "commute": RELEASE,
    "exchange": EXCHANGE, "swap": EXCHANGE, "trade": EXCHANGE,
    "return": RETURN, "repatriate": RETURN, "extradite": RETURN,
    "hand": None, "bring": None, "come": None, "welcome": None, "fly": None, "get": None,
    "put": None, "set": None, "let": None, "reunite": None, "land": None, "arrive": None,
    "receive": None, "transfer": None, "walk": None, "leave": None, "cross": None,
}

NOUN_CLASS: dict[str, str] = {
    "release": RELEASE, "releases": RELEASE, "freeing": RELEASE, "handover": RELEASE,
    "clemency": RELEASE, "commutation": RELEASE, "pardon": RELEASE,
    "exchange": EXCHANGE, "exchanges": EXCHANGE, "swap": EXCHANGE, "swaps": EXCHANGE,
    "trade": EXCHANGE, "return": RETURN, "repatriation": RETURN, "homecoming": RETURN,
}
# A "trade" is only about people when it is a prisoner trade.
_NEEDS_PRISONER = {"trade"}
HOME_WORDS = {"home", "homeward"}
PEOPLE_HEADS = {
    "veteran", "veterans", "worker", "workers", "teacher", "teachers", "student", "businessman",
    "businessmen", "businesswoman", "activist", "blogger", "bloggers", "writer", "poet", "artist", "artists",
    "musician", "dancer", "actor", "actress", "athlete", "player", "star", "pilot", "pilots", "sailor",
    "fisherman", "fishermen", "tourist", "tourists", "traveler", "travelers", "nurse", "doctor", "doctors",
    "engineer", "engineers", "priest", "priests", "pastor", "missionary", "missionaries", "nun", "nuns",
    "cleric", "politician", "politicians", "dissident", "reporter", "reporters", "photographer",
    "filmmaker", "academic", "academics", "scholar", "researcher", "scientist", "professor", "historian",
    "economist", "employee", "employees", "staff", "staffers", "contractor", "contractors", "wife",
    "husband", "mother", "father", "son", "daughter", "girl", "boy", "girls", "boys", "teen", "teens",
    "teenager", "baby", "toddler", "resident", "residents", "villager", "villagers", "migrant",
    "migrants", "refugee", "refugees", "officer", "officers", "militant", "militants", "defendant",
    "defendants", "suspect", "suspects", "fugitive", "agent", "agents", "hacker", "smuggler",
    "trafficker", "dealer", "criminal", "criminals", "opponent", "opponents", "figure",
    "leader", "leaders", "member", "members", "volunteer", "volunteers", "humanitarian", "crewman",
    "marine", "lawmaker", "lawmakers", "mayor", "official",
    "officials", "diplomat", "diplomats", "monk", "monks", "protester", "protesters", "demonstrators",
    "israelis", "palestinians", "ukrainians", "russians", "britons",
    "australians", "canadians", "germans", "iranians",
    "prisoner", "prisoners", "hostage", "hostages", "detainee", "detainees", "captive", "captives",
    "pow", "pows", "people", "persons", "person", "citizen", "citizens", "national", "nationals",
    "soldier", "soldiers", "servicemen", "serviceman", "civilians", "civilian", "americans",
    "men", "women", "man", "woman", "children", "child", "individuals", "individual", "fighters",
    "troops", "defenders", "marines", "sailors", "journalist", "journalists", "inmates", "convicts",
    "spies", "spy", "dissidents", "activists", "captives", "abductees", "them", "him", "her",
    "prisoners-of-war", "servicemembers", "teenagers", "students", "workers", "crew", "crewmembers",
}


@dataclass(frozen=True)
class Trigger:
    """One candidate word: its token, its class, whether it is a noun, and the helper words."""

    token: Token
    cls: str                 # RELEASE | RETURN | EXCHANGE
    noun: bool
    particle: Token | None = None   # "over" in "handed over", "home" in "brought home"
    weak: bool = False              # "reunited with their families": adds people, never an event
    landed: bool = False            # "X landed on Wednesday": a return only for someone held
    held_subject: bool = False      # "ten fighters captured in Ukraine landed in Riyadh": they were
    subject: Token | None = None    # the subject a long list made the parser lose

    @property
    def start(self) -> int:
        return self.token.idx

    @property
    def end(self) -> int:
        return self.token.idx + len(self.token.text)


def verb_lemma(tok: Token) -> str | None:
    return _VERBS.get(tok.lower_)


def _home_word(tok: Token) -> Token | None:
    """'home' / 'back home' attached to the verb, or right after its object."""
    for c in tok.children:
        if c.lower_ in HOME_WORDS:
            return c
        if c.lower_ == "back" and any(g.lower_ in HOME_WORDS for g in c.children):
            return c
    # Parser misattachments: "bringing Gustavo Cardenas and Jorge Fernandez home".
    sent_end = tok.sent.end
    for j in range(tok.i + 1, min(sent_end, tok.i + 14)):
        t = tok.doc[j]
        if t.lower_ in HOME_WORDS:
            return t
        if t.is_punct and t.text not in "-\u2013\u2014'\u2019":
            break
    return None


def _has_child(tok: Token, words: set[str]) -> Token | None:
    for c in tok.children:
        if c.lower_ in words:
            return c
    return None


def verb_trigger(tok: Token) -> Trigger | None:
    """A verb (or participle / adjective 'free from') that may report a release."""
    trig = _verb_trigger(tok)
    if trig is None:
        return None
    has_object = any(c.dep_ == "dobj" for c in tok.children)
    if any((c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "nsubj" and not has_object)
           and c.lower_ in NOT_PEOPLE_PATIENTS for c in tok.children):
        return None     # (the subject of a verb with an object is its agent: "the two countries swapped 90")
    if _thing_next(tok):
        return None     # "released photos and videos of a man", whatever the parser hangs them on
    if trig.cls == RETURN and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.dep_ == "pobj" and g.lower_ in NOT_RETURNS for g in c.children) for c in tok.children):
        return None     # "since the group returned to power", "returned to action for the Mercury"
    if tok.lower_ == "pardon" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "me":
        return None     # "pardon me": a speaker correcting themselves
    if _from_non_detention(tok):
        return None     # "released from hospital", "freed from the rubble"
    if _document_before(tok):
        return None     # "In the letter to his family, released to a newspaper, X says"
    if verb_lemma(tok) == "leave":
        return trig     # "left prison": the prison is no patient; the subject left it
    patient = patient_of(tok)
    if patient is not None:
        if patient.lower_ in NOT_PEOPLE_PATIENTS:
            return None
        if patient.pos_ == "PROPN" and _title_of_document(patient):
            return None     # "released the Alternatives and Reentry Strategic Plan"
        passive = patient.dep_ == "nsubjpass"
        if trig.cls == RETURN and patient.dep_ == "dobj" and patient.pos_ == "NOUN" and not _people_like(patient) \
                and not any(t.ent_type_ == "PERSON" for t in patient.subtree):
            return None     # "bringing semiconductor manufacturing back home"
        if trig.cls != RETURN and not _people_like(patient) and not any(
                t.ent_type_ == "PERSON" for t in patient.subtree) and not (
                trig.cls == RELEASE and passive and patient.pos_ == "NOUN" and _captivity_context(tok)):
            return None
    return trig


def _thing_next(tok: Token) -> bool:
    """The words right after an active release verb are a thing ("released a new video")."""
    if tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG") or any(c.dep_ == "auxpass" for c in tok.children):
        return False
    for t in tok.doc[tok.i + 1:tok.i + 4]:
        if t.lower_ in ("a", "an", "the", "new", "fresh", "further", "more", "its", "their", "his", "her"):
            continue
        return t.lower_ in NOT_PEOPLE_PATIENTS and t.pos_ in ("NOUN", "PROPN")
    return False


def _when(c: Token) -> bool:
    """ "on Thursday", "last week": a time, not a direction ("let me go to the back")."""
    if c.dep_ == "advmod" and (c.lower_ in _TIME_ADVERBS or c.lower_.endswith("ly")):
        return True     # "let 110 prisoners go late on Thursday", "finally let them go"
    return c.ent_type_ in ("DATE", "TIME") or any(g.ent_type_ in ("DATE", "TIME") for g in c.children)


_TIME_ADVERBS = frozenset({"late", "early", "later", "earlier", "then", "overnight", "yesterday", "today",
                           "tonight", "soon", "afterwards", "again"})


def _title_of_document(patient: Token) -> bool:
    """A capitalised name whose last word is a document noun: "the National Security Strategy"."""
    heads = [patient, *patient.conjuncts]
    return any(h.lower_ in NOT_PEOPLE_PATIENTS for h in heads) or max(heads, key=lambda t: t.i).lower_ in (
        NOT_PEOPLE_PATIENTS)


NOT_RETURNS = {"power", "office", "work", "action", "play", "court", "politics", "normal", "normality",
               "school", "training", "stage", "pitch", "field", "ice", "league", "team", "form", "service"}
NON_DETENTION_PLACES = {
    "hospital", "hospitals", "clinic", "care", "rehab", "rehabilitation", "quarantine", "restraints",
    "bondage", "rubble", "wreckage", "debris", "tunnel", "mine", "contract", "contracts", "duty", "duties",
    "obligation", "obligations", "team", "club", "squad", "hospitalisation", "hospitalization", "icu",
    "treatment", "intensive", "ward", "bail", "burden", "lockdown", "lift", "elevator", "cave", "well",
}
CAPTIVITY_CUES = {
    "custody", "prison", "prisons", "jail", "jails", "captivity", "detention", "detained", "hostage",
    "hostages", "held", "arrested", "imprisoned", "jailed", "sentenced", "colony", "camp", "kidnapped",
    "abducted", "captive", "captives", "prisoner", "prisoners", "pow", "pows", "swap", "exchange",
    "detainee", "detainees", "gulag", "cell", "captors", "kidnappers",
}


def _subject_before_list_end(verb: Token) -> Token | None:
    """"four journalists ... - A, B, C and D - landed": the parser hangs the end of a long list
    of names on the verb and loses its subject. Walk back over the list to its first name and up
    from it to the plural noun the list stands beside."""
    doc, start = verb.doc, verb.sent.start
    i = verb.i - 1
    while i >= start and doc[i].is_punct:
        i -= 1
    if i < start or doc[i].ent_type_ != "PERSON":
        return None
    while i > start and (doc[i - 1].ent_type_ == "PERSON" or doc[i - 1].lower_ in (",", "and")):
        i -= 1
    x = doc[i]
    for _ in range(8):
        if x.tag_ in ("NNS", "NNPS") and x.ent_type_ != "PERSON":
            return x
        if x.dep_ not in ("compound", "conj", "appos", "flat") or x.head.i == x.i:
            return None
        x = x.head
    return None


def _held_group(subj: Token) -> bool:
    """"Four journalists whom a court had sentenced", "ten fighters captured in Ukraine", "the
    freed hostages": a plural group the subject phrase itself says was held."""
    if subj.tag_ not in ("NNS", "NNPS"):
        return False
    return any(t.lower_ in CAPTIVITY_CUES or t.lower_ in HELD_GROUP_WORDS for t in subj.subtree
               if t.lower_ not in ("swap", "exchange"))


HELD_GROUP_WORDS = frozenset({"captured", "freed", "released", "exchanged", "swapped", "convicted"})


def _from_non_detention(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "out"):
            for g in c.subtree:
                if g.lower_ in NON_DETENTION_PLACES and g.pos_ in ("NOUN", "PROPN", "ADJ"):
                    return True
    return False


def _captivity_context(tok: Token) -> bool:
    """The clause itself says people were held: "released from Russian custody"."""
    return any(t.lower_ in CAPTIVITY_CUES for t in tok.sent)


RELATIVE_PRONOUNS = {"who", "whom", "that", "which", "whose"}


def antecedent(tok: Token, pron: Token) -> Token:
    """"X, who was freed": the relative pronoun stands for the noun the clause hangs on."""
    if pron.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
        return tok.head
    return pron


def _document_before(tok: Token) -> bool:
    """A reduced clause with no subject of its own ("..., released to the press, ...") right
    after a document noun: the parser may hang it on a person named next, but it is the
    document that was released."""
    if tok.tag_ != "VBN" or tok.dep_ not in ("advcl", "acl") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    for t in reversed(tok.doc[max(tok.sent.start, tok.i - 8):tok.i]):
        if t.ent_type_ == "PERSON" or t.pos_ in ("VERB", "AUX"):
            return False
        if t.pos_ == "NOUN" and t.lower_ in NOT_PEOPLE_PATIENTS:
            return True
    return False


def patient_of(tok: Token) -> Token | None:
    """Who is let go: the object of an active verb, the subject of a passive one."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return antecedent(tok, c)
    if tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
        return tok.head
    return None


NOT_PEOPLE_PATIENTS = BODY_WORDS | {"statement", "statements",
                       "report", "video", "footage", "figures", "data", "details", "list", "names",
                       "funds", "money", "assets", "album", "film", "document", "documents", "readout",
                       "images", "photos", "photo", "letter", "letters", "correspondence", "transcript",
                       "mugshot", "mugshots", "picture", "pictures", "sketch", "description", "name",
                       "results", "information",
                       "views", "greetings", "fire", "messages", "notes", "gifts", "pleasantries", "blows",
                       "city", "cities", "town", "towns", "village", "villages", "region", "regions",
                       "territory", "territories", "area", "areas", "land", "lands", "airport", "port",
                       "country", "countries", "nation", "nations", "economy", "market", "markets",
                       "chemicals", "gas", "water", "emissions", "energy", "grain", "funding", "aid",
                       "version", "update", "album", "song", "single", "trailer", "book", "memoir",
                       "words", "word", "glances", "looks", "hugs", "vows", "rings", "information",
                       "cctv", "recording", "recordings", "audio", "tape", "tapes", "clip", "clips",
                       # "released a strategy / a plan / guidance": documents, not people
                       "plan", "plans", "strategy", "strategies", "framework", "guidance", "guidelines",
                       "roadmap", "agenda", "budget", "proposal", "proposals", "rule", "rules", "regulation",
                       "regulations", "memo", "memorandum", "findings", "assessment", "analysis", "study",
                       "survey", "estimate", "estimates", "numbers", "statistics", "poll", "podcast", "episode",
                       "toolkit", "fact", "sheet", "summary", "initiative", "program", "programme",
                       # "a plane used for death flights was repatriated": things, not people
                       "plane", "planes", "aircraft", "jet", "jets", "ship", "ships", "vessel", "vessels",
                       "artifacts", "artefacts", "relics", "statue", "statues", "painting", "paintings",
                       "antiquities", "treasures", "manuscripts", "archives", "collection", "exhibits"}


def _verb_trigger(tok: Token) -> Trigger | None:
    lemma = verb_lemma(tok)
    if tok.pos_ == "ADJ" and tok.lower_ == "free":
        prep = _has_child(tok, {"from"})
        return Trigger(tok, RELEASE, False, prep) if prep is not None else None
    if lemma is None or tok.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    cls = VERB_CLASS[lemma]
    if cls is not None:
        if lemma == "commute" and not any(w.lower_ in ("sentence", "sentences") for w in tok.subtree):
            return None
        if lemma == "trade" and not _prisoner_context(tok):
            return None
        if cls == EXCHANGE and swapped_places(tok):
            return None     # "X swapped England for USA": a player changed teams
        return Trigger(tok, cls, False)
    if lemma == "hand":
        prt = _has_child(tok, {"over", "back"})
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if prt is None and nxt is not None and nxt.lower_ in ("over", "back") and (
                nxt.dep_ == "quantmod" or nxt.dep_ == "advmod" and nxt.head.pos_ == "NUM"):
            prt = nxt   # "handed over 55 servicemen": the parser took 'over' for 'more than'
        if prt is None:
            # "handed 15 Armenians held since the war over to Armenia": the parser hangs the
            # particle inside the object's clause; it is still the verb's
            prt = next((t for o in tok.children if o.dep_ == "dobj" for t in o.subtree
                        if t.tag_ == "RP" and t.lower_ in ("over", "back")), None)
        if prt is None and _handed_to_someone(tok):
            prt = _has_child(tok, {"to"})
        return Trigger(tok, RELEASE, False, prt) if prt is not None else None
    if lemma == "transfer":
        # "was transferred by the Red Cross to the army", "transferred to the Red Cross": the
        # hand-over of a release ("transferred to a penal colony" is custody, and no trigger)
        via = [c for c in tok.children if c.dep_ in ("agent", "prep", "dative") and c.lower_ in ("by", "to")]
        hit = next((c for c in via if _names_red_cross(c)), None)
        return Trigger(tok, RELEASE, False, hit) if hit is not None else None
    if lemma == "set":
        free = _has_child(tok, {"free", "loose"})
        return Trigger(tok, RELEASE, False, free) if free is not None else None
    if lemma == "let":
        if tok.dep_ == "aux" and tok.head.lower_ == "go" and tok.i < tok.head.i and any(
                c.dep_ == "dobj" and _people_like(c) for c in tok.head.children):
            return Trigger(tok.head, RELEASE, False, tok)    # "Slovenia let go A and B"
        go = _has_child(tok, {"go"})
        if go is None or any(c.lower_ in ("me", "us", "'s", "\u2019s") for c in tok.children) \
                or any(c.dep_ in ("prep", "advmod", "xcomp") and not _when(c)
                       and not (c.dep_ == "prep" and c.lower_ in ("without", "after", "on", "under", "as"))
                       and not (c.lower_ == "home" and c.dep_ == "advmod")
                       for c in go.children):
            return None     # "let me go to the back", "let's go ahead" (not "let two men go without a
            #                 deal", "let four Americans go home")
        return Trigger(tok, RELEASE, False, go)
    if lemma == "put":
        # "Russia put journalists ... on a plane": a release by the subject.
        for c in tok.subtree:
            if c.lower_ in ("plane", "flight", "aircraft") and c.head.lower_ == "on":
                return Trigger(tok, RELEASE, False, c.head)
        return None
    if lemma in ("land", "arrive"):
        # "Cheng landed on Wednesday", "the freed Americans arrived home": only for someone
        # held (exchanges checks the holding context) and only with a person as subject.
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if subj and subj[0].ent_type_ == "PERSON":
            return Trigger(tok, RETURN, False, None, landed=True)
        if subj and _held_group(subj[0]):
            return Trigger(tok, RETURN, False, None, landed=True, held_subject=True)
        lost = None if subj else _subject_before_list_end(tok)
        if lost is not None and _held_group(lost):
            return Trigger(tok, RETURN, False, None, landed=True, held_subject=True, subject=lost)
        return None
    if lemma == "fly" and tok.tag_ == "VBN":
        # "Ten US citizens who had been jailed in X were flown to the United States": a held
        # group carried to its own country lands there ("agents flown to Vienna" do not)
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if subj and _held_group(subj[0]) and _flown_to_own_country(tok, subj[0]):
            return Trigger(tok, RETURN, False, None, landed=True, held_subject=True)
    if lemma == "receive":
        # "Ukraine received 215 troops": the subject takes back people (exchanges checks the
        # holding context); "received a call / a sentence / aid" names no people
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if objs and _people_like(objs[0]) and objs[0].pos_ != "PRON" and objs[0].ent_type_ != "PERSON" \
                and any(c.dep_ == "nsubj" for c in tok.children):
            return Trigger(tok, RETURN, False, None)
        return None
    if lemma == "reunite":
        # "X will soon be reunited with their loved ones": names people of an event, never one.
        if any(c.lower_ == "with" for c in tok.children):
            return Trigger(tok, RETURN, False, None, weak=True)
        return None
    if lemma == "fly" and any(c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod") for c in tok.children):
        # "were flown out of Tehran": taken out of the captor's country.
        out = next(c for c in tok.children if c.lower_ == "out")
        return Trigger(tok, RETURN, False, out)
    if lemma == "get" and any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in tok.children):
        # "Kyiv got back 230 of its soldiers": the subject takes back people, like "received"
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if objs and _people_like(objs[0]) and objs[0].ent_type_ not in ("MONEY", "PERCENT") \
                and any(c.dep_ == "nsubj" for c in tok.children):
            return Trigger(tok, RETURN, False, None)
    if lemma in ("come", "walk") and out_of_custody(tok) is not None:
        return Trigger(tok, RELEASE, False, out_of_custody(tok))    # "15 came out of Russian prisons"
    if lemma == "cross":
        back = next((c for c in tok.children if c.lower_ == "back" and c.dep_ in ("advmod", "prt")), None)
        return Trigger(tok, RETURN, False, back) if back is not None else None    # "crossed back to Azerbaijan"
    if lemma == "leave":
        return Trigger(tok, RELEASE, False) if left_custody(tok) else None     # "left prison late on Friday"
    if lemma == "walk":
        free = next((c for c in tok.children if c.lower_ == "free" and c.dep_ in ("acomp", "advmod", "oprd",
                                                                                  "xcomp", "dobj")), None)
        return Trigger(tok, RELEASE, False, free) if free is not None else None    # "walked free in March 2019"
    if lemma in ("bring", "come", "fly", "get", "welcome"):
        home = _home_word(tok)
        return Trigger(tok, RETURN, False, home) if home is not None else None
    return None


def _flown_to_own_country(tok: Token, subj: Token) -> bool:
    """The destination of "flown to" is the country the subject phrase names its people of."""
    from .gazetteer import get_gazetteer

    g = get_gazetteer()
    to = _has_child(tok, {"to"})
    dest = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if dest is None:
        return False
    where = g.country(" ".join(t.text for t in dest.subtree if t.dep_ != "det"))
    if where is None:
        return False
    told = {c for t in subj.subtree if t.ent_type_ in ("NORP", "GPE")
            for c in (g.demonym(t.text) or [g.country(t.text)])}
    return where in told


def _names_red_cross(prep: Token) -> bool:
    """The phrase names the Red Cross in any of the gazetteer's forms ("the ICRC", "the Red Cross")."""
    from .gazetteer import get_gazetteer
    from .parties import INTERMEDIARY

    phrase = prep.doc[prep.i:prep.right_edge.i + 1].text
    return any(m.party == INTERMEDIARY for m in get_gazetteer().find_parties(phrase))


def _handed_to_someone(tok: Token) -> bool:
    """"A, B and C were handed to the Red Cross", "Hamas handed 13 women to the Red Cross":
    people passed on, a release ("was handed a sentence", "a letter was handed to X" are not)."""
    to = _has_child(tok, {"to"})
    moved = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    return to is not None and to.dep_ in ("prep", "dative") and bool(moved) and (
        moved[0].ent_type_ == "PERSON" or _people_like(moved[0])) and moved[0].pos_ != "PRON" \
        and moved[0].lower_ not in _HANDED_THINGS   # "Iran Hands Death Penalty to ...": a title-cased thing


_HANDED_THINGS = frozenset({"penalty", "sentence", "sentences", "verdict", "term", "terms", "fine", "fines",
                            "ban", "defeat", "victory", "win", "loss", "award", "prize", "letter", "petition"})


def swapped_places(tok: Token) -> bool:
    """"swapped England for USA", "swapped Man Utd for Arsenal": places or clubs traded, no people."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    fors = [g for c in [*tok.children, *(k for o in objs for k in o.children)]      # the parser may hang
            if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]   # "for" on the object
    def club(o: Token) -> bool:     # "Man Utd", "Leeds United": the tagger may call it a person
        return o.lower_ in _CLUB_TAIL or any(c.lower_ in _CLUB_TAIL for c in o.children)

    def place_or_club(o: Token) -> bool:
        return o.ent_type_ in ("GPE", "LOC", "ORG") or o.pos_ == "PROPN" and (o.ent_type_ != "PERSON" or club(o))
    return bool(objs) and bool(fors) and all(place_or_club(o) for o in objs) and place_or_club(fors[0]) \
        and not any((t.ent_type_ == "PERSON" or t.lower_ in PEOPLE_HEADS) and not (club(o) and _in_name(t, o))
                    for o in objs + fors[:1] for t in o.subtree)


def _in_name(t: Token, head: Token) -> bool:
    """``t`` is ``head`` or a word of its name ("Man" in "Man Utd")."""
    return t.i == head.i or (t.head.i == head.i and t.dep_ == "compound")


# Last words of a football club's name ("Man Utd", "Leeds United", "Arsenal FC").
_CLUB_TAIL = frozenset("utd united fc afc city rovers athletic wanderers hotspur albion".split())


def _prisoner_context(tok: Token) -> bool:
    words = {t.lower_ for t in tok.subtree} | {c.lower_ for c in tok.children}
    return bool(words & PEOPLE_HEADS) or any(t.ent_type_ == "PERSON" for t in tok.subtree)


def _traded_for_people(tok: Token) -> bool:
    """ "a trade for Huawei executive X", "a trade for two pilots": people on the other side."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            if any(o.dep_ == "pobj" and (o.ent_type_ == "PERSON" or o.lower_ in PEOPLE_HEADS)
                   for o in prep.children):
                return True
    return False


def noun_trigger(tok: Token) -> Trigger | None:
    """A noun such as 'release', 'exchange', 'swap' that may name the event."""
    cls = NOUN_CLASS.get(tok.lower_)
    if cls is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    # Idioms that only link two halves: "in return", "in exchange (for)".
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.lower_ in ("return", "exchange") \
            and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children):
        return None
    if tok.dep_ == "compound" and tok.lower_ in ("return", "exchange") and tok.i > 0 \
            and tok.doc[tok.i - 1].lower_ == "in":
        return None     # "received in return maps of the minefields": the idiom, misparsed
    if tok.lower_ in _NEEDS_PRISONER and not any(
            c.lower_ in ("prisoner", "prisoners", "hostage") for c in tok.children) and not _traded_for_people(tok):
        return None
    # "exchange of fire / views", "exchange rate", "return of the body".
    if tok.lower_ in ("exchange", "exchanges", "return", "release", "releases"):
        of = _has_child(tok, {"of"})
        if of is not None:
            objs = [c for c in of.children if c.dep_ == "pobj"]
            if objs and not any(_people_like(o) for o in objs) and not any(
                    c.dep_ == "compound" and c.lower_ in _CAPTIVE_COMPOUNDS for c in tok.children):
                return None     # (but "the largest prisoner exchange of the war" is one)
        if any(c.dep_ == "compound" and c.lower_ in _NOT_PEOPLE_COMPOUNDS for c in tok.children):
            return None
        if tok.lower_.startswith("exchange") and any(
                c.dep_ in ("compound", "amod") and (c.lower_ in _MARKET_WORDS or c.lower_.endswith("registered"))
                for c in tok.children):
            return None     # "the cryptocurrency exchange FTX", "the Hong Kong-registered Bitzlato exchange"
    # "Trump's return (to office)": a leader's comeback, not a release.
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" and _is_leader(c) for c in tok.children):
        return None
    if tok.lower_ == "return" and any(c.lower_ == "to" and any(g.lower_ in _OFFICE_WORDS for g in c.subtree)
                                      for c in tok.children):
        return None
    return Trigger(tok, cls, True)


_CAPTIVE_COMPOUNDS = frozenset({"prisoner", "prisoners", "hostage", "hostages", "pow", "pows", "detainee",
                                "detainees", "captive", "captives"})

_OFFICE_WORDS = {"office", "power", "house", "presidency", "politics", "work", "school", "normal", "talks",
                 "table", "stage", "court", "field", "kremlin"}


def _is_leader(tok: Token) -> bool:
    from .gazetteer import get_gazetteer

    return get_gazetteer().is_leader(tok.text)


_NOT_PEOPLE_COMPOUNDS = {"rate", "currency", "stock", "press", "news", "data", "information",
                         "fire", "student", "heat", "gas", "oil", "film", "album", "product"}


_MARKET_WORDS = {"crypto", "cryptocurrency", "bitcoin", "futures", "commodities", "commodity", "derivatives",
                 "securities", "foreign", "forex", "listed", "regulated", "digital"}


QUANTITY_HEADS = {"total", "dozens", "hundreds", "thousands", "scores", "group", "number", "some", "all",
                  "many", "most", "several", "both", "each", "batch", "handful", "couple", "few", "none"}


def of_object(tok: Token) -> Token | None:
    """'a total of 18 people' -> people; 'dozens of prisoners' -> prisoners."""
    if tok.lower_ not in QUANTITY_HEADS:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _people_like(tok: Token) -> bool:
    """A word that can stand for people held: a name, a people noun, a pronoun, a number of them."""
    inner = of_object(tok)
    if inner is not None:
        return _people_like(inner)
    if tok.ent_type_ in ("PERSON", "NORP") or tok.pos_ == "PROPN":
        return True
    if tok.lower_ in PEOPLE_HEADS:
        return True
    if tok.pos_ == "PRON" and tok.lower_ in ("him", "her", "them", "us", "me", "his", "their", "she", "he",
                                             "they", "we", "i", "who", "whom"):
        return True
    if tok.pos_ == "NUM":
        return True
    if tok.lower_ == "those" and tok.dep_ == "pobj" and tok.head.lower_ == "among":
        return True     # "Among those released were A, B and C"
    kids = list(tok.children)
    if tok.lower_ not in NOT_PEOPLE_PATIENTS and any(c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound")
                                                     for c in kids):
        return True     # "20 Turkish truck drivers": a nationality is said of people
    if tok.tag_ == "NNS" and _AGENT_NOUN.search(tok.lower_) and any(c.dep_ == "nummod" for c in kids):
        return True     # "12 miners", "three fishermen"
    return any(c.ent_type_ == "PERSON" for c in kids)


_AGENT_NOUN = re.compile(r"(?:ers|ors|ists|ians|ees|men|ants)$")


people_like = _people_like



_WAY_WORDS = {"way", "plane", "flight", "back", "heading", "headed", "flying", "en", "is", "are", "was", "were",
              "'s", "\u2019s"}


def home_trigger(tok: Token) -> Trigger | None:
    """"She's on her way home", "on a plane back home to the United States"."""
    if tok.lower_ not in HOME_WORDS:
        return None
    t = tok
    for _ in range(3):
        if t.lower_ in _WAY_WORDS or any(c.lower_ in _WAY_WORDS for c in t.children if c.i < tok.i):
            return Trigger(tok, RETURN, False, tok)
        if t.head.i == t.i:
            break
        t = t.head
    return None


def clause_subject(tok: Token) -> Token | None:
    """The subject of the clause a word sits in (for 'home' triggers)."""
    t = tok
    for _ in range(6):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if t.head.i == t.i:
            break
        t = t.head
    return None


_QUOTES = ('"', "\u201c", "\u201d")


def _in_quoted_title(tok: Token) -> bool:
    """'the memoir "Home Is a Stranger"': a capitalised word inside quotes mid-sentence is a title."""
    if not tok.text[:1].isupper() or tok.is_sent_start:
        return False
    before = sum(1 for t in tok.doc[tok.sent.start:tok.i] if t.text in _QUOTES)
    return before % 2 == 1


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every candidate trigger in the document, in text order."""
    out: list[Trigger] = []
    used_home: set[int] = set()
    for tok in doc:
        low = tok.lower_
        if low in HOME_WORDS and tok.i not in used_home:
            # "abducted from home", 'the memoir "Home Is a Stranger"': no homecoming
            from_home = tok.dep_ == "pobj" and tok.head.lower_ == "from"
            trig = None if _in_quoted_title(tok) or from_home else home_trigger(tok)
            if trig is not None and not any(o.particle is not None and o.particle.i == tok.i for o in out):
                out.append(trig)
            continue
        if low not in _VERBS and low not in NOUN_CLASS and low != "free":
            continue
        trig = None
        if tok.pos_ in ("NOUN", "PROPN"):
            trig = noun_trigger(tok)
            if trig is None and low in _VERBS:
                # The tagger calls some participles nouns ("freed" rarely, "release" often).
                trig = None
        else:
            trig = verb_trigger(tok)
        if trig is not None:
            out.append(trig)
            if trig.particle is not None and trig.particle.lower_ in HOME_WORDS:
                used_home.add(trig.particle.i)
    return out
