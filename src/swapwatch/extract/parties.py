"""Which party a stretch of the parse names: agent, captor, receiver or nationality.

All party names come from the gazetteer (one pass of ``find_parties`` over the article);
this module only decides what role a mention plays around a trigger word: the subject of
"released" lets people go, "held in Russian prisons" names a captor, "Ukrainian POWs" and
"American Ksenia X" give the nationality of the people, "back home to the United States"
the receiver. First-person pronouns in a government's own statement stand for that
government (the outlet "The White House" -> United States).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.tokens import Token

from .context import ArticleContext

AGENT_KINDS = ("country", "capital", "metonym", "leader", "group", "institution")
# The Red Cross carries the people of a release across ("transferred by the Red Cross to the
# army"): it lets no one go of its own.
INTERMEDIARY = "International Committee of the Red Cross"
# Nouns after a demonym that make it a state actor: "Russian authorities", "the Venezuelan regime".
STATE_NOUNS = {"authorities", "government", "regime", "officials", "forces", "side", "military",
               "army", "troops", "court", "courts", "state", "president", "leadership", "security",
               "services", "intelligence", "junta", "administration", "kremlin", "ministry"}
CAPTIVITY_WORDS = {
    "held", "holding", "hold", "detained", "detaining", "imprisoned", "jailed", "kidnapped",
    "abducted", "captured", "taken", "seized", "arrested", "captive", "captivity", "custody",
    "detention", "prison", "prisons", "jail", "jails", "colony", "colonies", "hostage", "hostages",
    "camp", "camps", "cell", "cells", "clutches", "hands", "sentenced", "convicted", "locked", "tortured",
}
PEOPLE_NOUNS = {"hostage", "hostages", "captive", "captives", "prisoner", "prisoners", "detainee", "detainees"}
SELF_WORDS = {"we", "us", "our", "i", "my"}
SELF_NOUNS = {"administration", "president", "government"}


class PartyIndex:
    """Every gazetteer party match in the article, looked up by character span."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        g = ctx.gazetteer
        self.matches = g.find_parties(ctx.doc.text)
        self.starts = [m.start for m in self.matches]
        self.self_party = self._self_party()

    def _self_party(self) -> str | None:
        """A government's own statement: its outlet is a metonym such as "The White House"."""
        outlet = (self.ctx.article.outlet or "").strip()
        if not outlet:
            return None
        g = self.ctx.gazetteer
        hit = g.lookup(outlet)
        if hit and hit[1] in ("metonym", "country"):
            return hit[0]
        return None

    def in_range(self, start: int, end: int) -> list:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.matches) and self.matches[i].start < end:
            if self.matches[i].end <= end:
                out.append(self.matches[i])
            i += 1
        return out

    def at_token(self, tok: Token):
        """The match covering this token's first character, if any."""
        i = bisect_right(self.starts, tok.idx) - 1
        if 0 <= i < len(self.matches) and self.matches[i].start <= tok.idx < self.matches[i].end:
            return self.matches[i]
        return None

    def before(self, pos: int, window: int = 600) -> list:
        """Matches that end before ``pos``, nearest last."""
        i = bisect_left(self.starts, pos)
        out = []
        j = i - 1
        while j >= 0 and self.matches[j].start >= pos - window:
            out.append(self.matches[j])
            j -= 1
        return out


def tokens_of(tokens: Iterable[Token]) -> list[Token]:
    return sorted(set(tokens), key=lambda t: t.i)


def _is_state_demonym(tok: Token) -> bool:
    head = tok.head
    return head.lower_ in STATE_NOUNS or any(
        c.lower_ in STATE_NOUNS for c in tok.doc[tok.i + 1:min(len(tok.doc), tok.i + 3)])


def agent_in(tokens: Iterable[Token], idx: PartyIndex, *, allow_self: bool = True) -> tuple[str | None, Token | None]:
    """The party that acts: a country, capital, metonym, leader or group in a subject phrase."""
    toks = tokens_of(tokens)
    # "the militia that held her and is in the care of US officials": a relative clause on
    # the actor's noun tells about it, and names no actor
    present = {t.i for t in toks}
    inner = {t.i for r in toks if r.dep_ == "relcl" and r.head.i in present for t in r.subtree}
    toks = [t for t in toks if t.i not in inner]
    # "Colombia's National Liberation Army (ELN)": the armed group is the actor, not the country.
    for tok in toks:
        m = idx.at_token(tok)
        if m is not None and m.kind == "group" and not _backed(tok):
            return m.party, tok
    for tok in toks:
        low = tok.lower_
        if allow_self and idx.self_party and (low in SELF_WORDS or (
                low in SELF_NOUNS and any(c.lower_ in ("my", "the", "our") for c in tok.children))):
            # "the President" only in a government's own statement.
            return idx.self_party, tok
        m = idx.at_token(tok)
        if m is None or _backed(tok):
            continue
        if m.kind in AGENT_KINDS and m.party != INTERMEDIARY:
            return m.party, tok
        if m.kind == "demonym" and _is_state_demonym(tok):
            return m.party, tok
    for tok in toks:
        if tok.lower_ in ("they", "it") and tok.dep_ in ("nsubj", "nsubjpass"):
            prev = resolve_they(tok, idx)
            if prev:
                return prev, tok
    return None, None


def _backed(tok: Token) -> bool:
    """"Iran-backed Houthis", "Saudi-led coalition": the sponsor is not the actor."""
    doc = tok.doc
    j = tok.i + 1
    if j + 1 < len(doc) and doc[j].text in ("-", "\u2013") and doc[j + 1].lower_ in SPONSOR_WORDS:
        return True
    return bool(j < len(doc) and doc[j].lower_.lstrip("-\u2013") in SPONSOR_WORDS and doc[j].text[:1] in "-\u2013")


SPONSOR_WORDS = {"backed", "allied", "aligned", "supported", "sponsored", "led", "funded", "armed", "installed",
                 "controlled", "held", "occupied", "annexed", "friendly", "leaning"}


def resolve_they(tok: Token, idx: PartyIndex) -> str | None:
    """'they' / 'it' as an agent: the party that says so ("The Taliban said it had freed X"),
    else the nearest state party named just before."""
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX") and a.i < tok.i:
            for c in a.children:
                if c.dep_ == "nsubj" and c.i < tok.i:
                    for g in c.subtree:
                        m = idx.at_token(g)
                        if m is not None and m.kind in ("country", "capital", "metonym", "group", "leader"):
                            return m.party
            break
    for m in idx.before(tok.sent.start_char, window=500):
        if m.kind in ("country", "capital", "metonym", "group"):
            return m.party
        if m.kind == "demonym":
            t = idx.ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if t is not None and len(t) and _is_state_demonym(t[-1]):
                return m.party
    return None


NON_STATE = {"terrorists", "terrorist", "gunmen", "gunman", "criminals", "militants", "kidnappers",
             "rebels", "insurgents", "extremists", "jihadists", "pirates", "bandits", "group", "groups",
             "gang", "gangs", "men", "captors", "abductors", "militia", "militias", "fighters", "attackers",
             "jihadi", "separatists", "cartel", "mob"}


def captor_in(tokens: Iterable[Token], idx: PartyIndex) -> tuple[str | None, Token | None]:  # noqa: C901
    """Who held them: "held in Russian prisons", "taken hostage by Hamas", "imprisoned in Iran",
    "freed from the clutches of the Kremlin", "free from Russian detention".

    "by X" wins over "in X"; a captor named only as "terrorists" or "an armed group" is known
    to be no party: the answer is "" (not None), and no later guess may fill it in.
    """
    toks = tokens_of(tokens)
    for tok in toks:
        if tok.lower_ not in CAPTIVITY_WORDS or tok.head.lower_ in ("into", "to"):
            continue
        for c in tok.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                for o in objs:
                    near = [o] + [x for x in o.subtree if x.dep_ in ("compound", "amod", "nmod", "poss", "conj")
                                  and x.head.i in (o.i,) + tuple(y.i for y in o.conjuncts)] + list(o.conjuncts)
                    for g in near:
                        m = idx.at_token(g)
                        if m is not None and (m.kind in AGENT_KINDS or _is_state_demonym(g) or (
                                g.i == o.i and m.kind == "demonym" and g.tag_ in ("NNPS", "NNS"))):
                            return m.party, g       # "held by Russians": by that state's forces
                if objs and objs[0].lower_ in NON_STATE:
                    return "", objs[0]      # held by "gunmen": a captor, but not a party
    for tok in toks:
        if _kidnapping(tok):
            return "", tok      # "kidnapped in Mexico": where it happened, not who holds them
    return _captor_in(toks, idx)


KIDNAP_WORDS = {"kidnapped", "abducted", "kidnapping", "abduction", "kidnap"}


def _kidnapping(tok: Token) -> bool:
    """A captivity word that names a kidnapping, or one held "for ransom": criminals or an
    unnamed group, so a country after "in" is the place, never the captor."""
    if tok.lower_ not in KIDNAP_WORDS and not (
            tok.lower_ in CAPTIVITY_WORDS and any(t.lower_ == "ransom" for t in tok.sent)):
        return False
    return not any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children)


def _captor_in(toks: list[Token], idx: PartyIndex) -> tuple[str | None, Token | None]:
    tokset = {t.i for t in toks}
    for tok in toks:
        low = tok.lower_
        if low not in CAPTIVITY_WORDS and low not in ("from",):
            continue
        if tok.head.lower_ in ("into", "to"):
            continue    # "release into U.S. custody": where they go, not who held them
        # "by X" / "in X" / "from X" under the captivity word ("arrested in Thailand and
        # extradited": where the arrest was, not who holds them).
        extradited = low in ("arrested", "captured", "seized") and any(
            t.lower_.startswith("extradit") for t in tok.sent)
        # "captured in Ukraine": a capture happens somewhere; who took them is someone else
        place_only = extradited or low in ("captured", "seized", "caught")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in" and place_only:
                continue
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("by", "in", "from", "of")):
                for g in c.subtree:
                    if g.i not in tokset and g.i < tok.i:
                        continue
                    m = idx.at_token(g)
                    if m is None:
                        continue
                    if m.kind in AGENT_KINDS and not (c.lower_ == "in" and m.kind in ("leader",)):
                        return m.party, g
                    if m.kind == "demonym" and ((g.head.lower_ in CAPTIVITY_WORDS and g.head.lower_ not in PEOPLE_NOUNS)
                                                or _is_state_demonym(g)):
                        return m.party, g
        # "months of captivity in Mali": the parser may hang "in Mali" on another word; the
        # phrase right after a captivity noun is still where they were held.
        if low in CAPTIVITY_WORDS and low not in PEOPLE_NOUNS and tok.pos_ == "NOUN" \
                and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ("in", "by"):
            for g in tok.doc[tok.i + 2:min(tok.i + 5, tok.sent.end)]:
                m = idx.at_token(g)
                if m is not None and m.kind in ("country", "group", "metonym", "capital"):
                    return m.party, g
                if g.pos_ in ("VERB", "AUX", "ADP") or g.is_punct:
                    break
        # "Russian prisons", "Russian captivity": a demonym or country before the noun
        # ("Israeli hostages" are Israelis: a people noun takes a nationality, not a captor).
        if low in CAPTIVITY_WORDS and low not in PEOPLE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod", "poss"):
                    m = idx.at_token(c)
                    if m is not None and m.kind in ("demonym", "country", "group", "metonym"):
                        return m.party, c
    return None, None


def receiver_in(tokens: Iterable[Token], idx: PartyIndex) -> tuple[str | None, Token | None]:
    """Where they went: "to Ukraine", "back home to the United States", "into U.S. custody"."""
    for tok in tokens_of(tokens):
        if tok.lower_ not in ("to", "into") or tok.dep_ not in ("prep", "dative"):
            continue
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        # The object and its own words only: "to the Red Cross in Gaza" is not "to Gaza".
        near = [x for o in objs for x in [o] + list(o.conjuncts) + [
            c for c in o.children if c.dep_ in ("compound", "amod", "nmod", "poss")]]
        for g in near:
            m = idx.at_token(g)
            if m is not None and m.kind in ("country", "capital", "metonym", "group"):
                return m.party, g
            if m is not None and m.kind in ("demonym",) and (tok.lower_ == "into" or any(
                    o.lower_ in RECEIVING_BODIES for o in objs)):
                return m.party, g   # "handed over to Malian officials"
            if g.lower_ in ("families", "family", "loved"):
                break
    return None, None


RECEIVING_BODIES = frozenset({"officials", "authorities", "government", "representatives", "delegation",
                              "forces", "troops", "army", "diplomats", "envoys", "embassy"})


def nationalities_in(tokens: Iterable[Token], idx: PartyIndex) -> tuple[list[str], Token | None]:
    """Nationality of the people themselves: "Ukrainian POWs", "three Americans",
    "American Ksenia X", "US citizen Y", "Russian-German citizen"."""
    g = idx.ctx.gazetteer
    out: list[str] = []
    first: Token | None = None
    for tok in tokens_of(tokens):
        if tok.pos_ not in ("ADJ", "PROPN", "NOUN", "NUM") and tok.ent_type_ != "NORP":
            continue
        whole = idx.at_token(tok)
        # "Saudi" in "Saudi Arabia": a place's name, not the people's nationality
        in_name = whole is not None and whole.kind == "country" and whole.end - whole.start > len(tok.text)
        dem = [] if in_name else g.demonym(tok.text)
        if dem and not _is_state_demonym(tok) and (tok.head.lower_ not in CAPTIVITY_WORDS
                                                   or tok.head.lower_ in PEOPLE_NOUNS):
            for d in dem:
                if d not in out:
                    out.append(d)
            first = first or tok
            continue
        m = idx.at_token(tok)
        if m is not None and m.kind == "group" and tok.dep_ in ("amod", "compound") and \
                tok.head.lower_ in PEOPLE_NOUNS | {"fighters", "members", "militants", "rebels", "soldiers"}:
            if m.party not in out:      # "706 Houthi detainees" go back to the Houthis
                out.append(m.party)
            first = first or tok
            continue
        hyphen = tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" and g.demonym(tok.doc[tok.i + 2].text)
        if m is not None and m.kind == "country" and (hyphen or (
                tok.dep_ in ("compound", "nmod", "npadvmod") and _national_noun_above(tok))):
            if m.party not in out:
                out.append(m.party)
            first = first or tok
    return out, first


def _national_noun_above(tok: Token) -> bool:
    """The country word modifies a people noun, directly or through a service name
    ("US citizen", "the US Navy veteran", "a US Army soldier")."""
    head = tok.head
    for _ in range(2):
        if head.lower_ in NATIONAL_NOUNS:
            return True
        if head.dep_ != "compound" or head.pos_ != "PROPN":
            return False
        head = head.head
    return head.lower_ in NATIONAL_NOUNS


NATIONAL_NOUNS = {"citizen", "citizens", "national", "nationals", "teacher", "student", "journalist",
                  "reporter", "resident", "residents", "veteran", "marine", "businessman", "woman",
                  "man", "soldier", "soldiers", "dancer", "worker", "athlete", "player", "star",
                  "expert", "tourist", "tourists", "passport", "-", "servicemen", "serviceman",
                  # "Ivory Coast troops", "Yemen war prisoners": a country before people held
                  "troops", "sailors", "fishermen", "crew", "pilots", "officers", "workers", "nationals",
                  "journalists", "students", "prisoners", "detainees", "captives", "hostages", "civilians"}
