"""Exchanges and releases in one article: the news event and the recalled ones.

Real trigger clauses (see ``triggers``, ``modality``) are read into sides (``sides``) and
grouped into events: everything dated to the article's news (today, Thursday, this
week) or undated goes into one news event; each clause with its own earlier date
("in February, Russia released X", "That same month, ...") is a background event of
its own, dated as coarsely as the text says. A background event without any date is
dropped. Each event then gets its kind, location, mediators, total and sides, every
value with its evidence.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from ..model import Evidence, ExchangeMention, SideMention
from .context import ArticleContext, headline_end
from .dates import EXTRACTOR_ID as DATES_ID
from .dates import DateMatch, find_dates, start_of
from .modality import assess
from .numbers import find_numbers, small_number
from .parties import PartyIndex, captor_in
from .roles import OFFICIAL_RX, PERSON_NOUN, classify_role
from .scope import (CLEMENCY_RX, held_by_criminals, migrant_custody, ordinary_justice, release_in_frame,
                    staged_captivity)
from .sides import EXTRACTOR_ID as SIDES_ID
from .sides import Reading, SideReader, SideReading, _people_word, list_tail
from . import cues as C
from .triggers import CAPTIVITY_CUES, EXCHANGE, RETURN, find_triggers

EXTRACTOR_ID = "swapwatch.exchanges.v1"

# A date inside these clauses is when someone was arrested or sentenced, not released.
DATE_BLOCKERS = {
    "arrested", "detained", "sentenced", "jailed", "imprisoned", "convicted", "charged", "kidnapped",
    "taken", "held", "born", "died", "captured", "abducted", "seized", "since", "began", "started",
    "signed", "invaded", "invasion", "until", "indicted", "accused", "attack", "assault", "fled",
    "spent", "spending", "wrote", "spoke", "met", "said", "announced", "killed",
}
SPEECH_BLOCKERS = frozenset({"said", "announced", "wrote", "spoke"})
SAME_RX = re.compile(r"\b(?:that|the) same (?:day|week|month|year|evening|night)\b|\blater that (?:day|evening|night|week)\b",
                     re.I)
TODAY_RX = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|moments ago|earlier today|"
                      r"hours ago|just (?:been )?(?:released|freed|returned)|now)\b", re.I)
NEWS_DATE_RX = re.compile(r"\b(?:today|tonight|yesterday|this (?:morning|afternoon|evening|week)|"
                          r"last (?:night|week)|earlier this week|moments ago)\b", re.I)
LOCATION_RX = re.compile(
    r"\b(?:(?P<strong>took place|taking place|take place|happened|occurred|was carried out|were carried out|"
    r"handed over|handover|swap(?:ped)?|exchange[ds]?)|landed|touched down|flown|flew|flying out|flew out|arrived)"
    r"\s+(?:safely\s+)?(?:in|at|to|out of|on)\s+(?:the\s+)?(?P<place>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})")
_PLACE = r"(?P<place>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})"
_SPOT = r"(?:airport|tarmac|airfield|air\s+base|runway|border\s+crossing|checkpoint|crossing)"
# "took place at the airport in Ankara", "exchanged on the tarmac of Abu Dhabi airport",
# "flown to Muscat, where they were handed over"
SPOT_RX = re.compile(
    r"\b(?P<strong>took place|taking place|take place|happened|occurred|carried out|handed over|handover|"
    r"swap(?:ped)?|exchanged?|traded|freed|released)\b[^.;]{0,50}?\b" + _SPOT +
    r"\s+(?:in|of|at|near|outside)\s+(?:the\s+)?" + _PLACE)
SPOT_BEFORE_RX = re.compile(
    r"\b(?P<strong>took place|taking place|take place|happened|occurred|carried out|handed over|handover|"
    r"swap(?:ped)?|exchanged?|traded|passed each other|crossed paths)\b[^.;]{0,50}?\b(?:at|on|in)\s+(?:the\s+(?:tarmac|runway)\s+of\s+)?" +
    _PLACE + r"(?:['\u2019]s)?\s+" + _SPOT)
WHERE_RX = re.compile(
    r"\b(?:to|in|at)\s+" + _PLACE + r",\s+where\s+(?:\w+\s+){0,4}?(?P<strong>handed over|exchanged|swapped|"
    r"traded|freed|released)\b")
FUTURE_RX = re.compile(r"\b(?:will|would|shall|could|might|may|expected|planned|due)\b", re.I)
MEDIATION_STRONG = re.compile(
    r"\b(?:mediat\w*|brokered|facilitated|overseen|arranged|negotiated)\s+(?:\w+\s+){0,3}by\b|"
    r"\bwith the (?:help|mediation|assistance|support|facilitation) of\b|\bthanks to\b|"
    r"\bthrough the mediation of\b|\bmediat(?:e|ed|es|ing|ion|or|ors)\b|\bbrokered\b|\bfacilitat\w+\b|"
    r"\bhelp(?:ed|ing)?(?: us)?(?: to)? (?:secure|facilitate|achieve)\b", re.I)
MEDIATION_WEAK = re.compile(
    r"\b(?:thank\w*|grateful|gratitude|appreciation)\b.{0,160}\b(?:partnership|assistance|help\w*|efforts|"
    r"support|facilitat\w*|mediat\w*|role|partner|work)\b", re.I | re.S)
NO_MEDIATION = re.compile(r"\b(?:no|without|not) (?:any )?mediat\w+|\bthere was no mediat\w+", re.I)
SUBSTANTIVE_NEWS = 7   # days before publication that still count as the article's news


@dataclass
class Event:
    readings: list[Reading] = field(default_factory=list)
    date: DateMatch | None = None
    date_value: str | None = None
    date_precision: str | None = None
    date_inferred: bool = False
    date_span: tuple[int, int] | None = None
    background: bool = False
    news: bool = False
    main_pair: list[str] = field(default_factory=list)   # the article's two parties, if it names them


@dataclass
class ExchangeAnalysis:
    """Events with their readings (for the pipeline's reconciliation) and the mentions."""

    events: list[Event]
    mentions: list[ExchangeMention]
    side_readings: list[list[SideReading]]   # per mention, the merged sides (same order)


def find_exchanges(ctx: ArticleContext, persons) -> list[ExchangeMention]:
    """Every exchange or release the article reports, news and background."""
    return analyze_exchanges(ctx, persons).mentions


def analyze_exchanges(ctx: ArticleContext, persons) -> ExchangeAnalysis:
    doc = ctx.doc
    text = doc.text
    parties = PartyIndex(ctx)
    reader = SideReader(ctx, persons, parties, find_numbers(text))
    dates = find_dates(text, ctx.published)
    readings: list[Reading] = []
    for trig in find_triggers(doc):
        a = assess(trig)
        if not a.real or a.tally:
            continue
        r = reader.read(trig, a)
        if trig.cls == RETURN and not trig.weak and (not _held_context(r, persons) or _free_traveller(r, persons)):
            continue    # "returned to Russia from Africa", "Blinken returned to Israel": a trip
        if trig.landed and not trig.held_subject and not _detainee_named(r, persons) \
                and not _after_exchange(trig.token):
            continue    # "X landed in Y" is a release only when X was held
        readings.append(r)
    readings = _drop_described(readings)
    readings = _drop_the_dead(readings)
    _both_sides(readings)
    main_pair = _main_pair(doc, readings, parties)
    readings += _continuations(ctx, persons, readings, parties)
    readings.sort(key=lambda r: r.trigger.token.i)
    events = _group(ctx, readings, dates)
    captor = _article_captor(ctx, parties)
    mentions: list[ExchangeMention] = []
    merged_sides: list[list[SideReading]] = []
    kept: list[Event] = []
    abroad: set[str] = set()    # who let go foreigners in an event already built
    for ev in events:
        ev.main_pair = main_pair
        built = _build(ctx, ev, parties, persons, captor, abroad)
        if built is None:
            continue
        mention, sides = built
        abroad.update(s.released_by for s in sides if s.released_by and s.received_by
                      and s.received_by != s.released_by)
        mentions.append(mention)
        merged_sides.append(sides)
        kept.append(ev)
    _attach_locations(ctx, kept, mentions)
    _attach_mediators(ctx, kept, mentions, parties)
    return ExchangeAnalysis(kept, mentions, merged_sides)


def _in_relative_clause(tok) -> bool:
    return any(a.dep_ == "relcl" for a in [tok, *tok.ancestors])


def _drop_the_dead(readings: list[Reading]) -> list[Reading]:
    """"... were handed over in an exchange of bodies": nothing told in that sentence frees anyone."""
    dead: dict[int, bool] = {}      # sentence start -> told of the dead; each sentence read once
    for r in readings:
        if r.sent.start not in dead:
            dead[r.sent.start] = any(t.lower_ == "of" and t.head.lower_ in _HANDOVER_NOUNS
                                     and any(g.lower_ in C.BODY_WORDS for g in t.children) for t in r.sent)
    return [r for r in readings if not dead[r.sent.start]]


def _drop_described(readings: list[Reading]) -> list[Reading]:
    """ "Russia freed X in exchange for Y, an arms dealer who was arrested in Thailand and
    extradited to the United States": an extradition in a relative clause tells a person's past;
    beside the sentence's own event it is no part of it (and must not make that event a transfer)."""
    main = {r.sent.start for r in readings if not _in_relative_clause(r.trigger.token)}
    return [r for r in readings if not (r.sent.start in main and _in_relative_clause(r.trigger.token)
                                        and r.sides and all(s.transfer for s in r.sides)
                                        and not any(s.persons or s.new_names for s in r.sides))]


BOTH_SIDES = {"sides", "countries", "nations", "parties", "governments", "foes", "rivals", "adversaries",
              "neighbours", "neighbors", "enemies"}


def _main_pair(doc, readings: list[Reading], parties: PartyIndex) -> list[str]:
    """The two parties the article is about: a clause's pair, or "US-Russia exchange"."""
    for r in readings:
        if len(r.pair) == 2:
            return list(r.pair)
    for r in readings:
        if r.trigger.cls != EXCHANGE or not r.trigger.noun:
            continue
        found: list[str] = []
        for c in r.trigger.token.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                for g in c.subtree:
                    m = parties.at_token(g)
                    if m is not None and m.kind in ("country", "capital", "metonym", "group") and m.party not in found:
                        found.append(m.party)
        if len(found) == 2:
            return found
    return _hyphen_pair(readings, parties)


PAIRED_NOUNS = frozenset({"swap", "swaps", "exchange", "exchanges", "prisoner", "prisoners", "pow", "pows",
                          "deal", "trade"})


def _hyphen_pair(readings: list[Reading], parties: PartyIndex) -> list[str]:
    """"Russia-Ukraine prisoner swap" whatever the parser made of it: two parties joined by a
    hyphen right before the exchange words."""
    for r in readings:
        if r.trigger.cls != EXCHANGE:
            continue
        toks = list(r.sent)
        for i, t in enumerate(toks[:-3]):
            if toks[i + 1].text not in ("-", "\u2013") or toks[i + 3].lower_ not in PAIRED_NOUNS:
                continue
            a, b = parties.at_token(t), parties.at_token(toks[i + 2])
            kinds = ("country", "capital", "metonym", "group")
            if a is not None and b is not None and a.kind in kinds and b.kind in kinds and a.party != b.party:
                return [a.party, b.party]
    return []


def _both_sides(readings: list[Reading]) -> None:
    """"the two sides swapped 25 prisoners each": the article's pair of parties."""
    main = next((r.pair for r in readings if len(r.pair) == 2), None)
    if main is None:
        return
    for r in readings:
        if r.pair:
            continue
        for c in r.trigger.token.children:
            if c.dep_ in ("nsubj", "nsubjpass", "agent") and c.lower_ in BOTH_SIDES and any(
                    g.lower_ in ("two", "both") for g in c.children):
                r.pair = list(main)


def _detainee_named(r: Reading, persons) -> bool:
    if persons is None:
        return False
    infos = [persons.resolve(n) for s in r.sides for n in s.persons]
    return bool(infos) and all(i is not None and i.detainee for i in infos)


def _after_exchange(tok) -> bool:
    """"X landed in the US after a prisoner swap": the arrival ends a release told beside it.
    Read on the words (the parser hangs "after a swap" on the verb or makes it a clause)."""
    words = [t for t in tok.sent if t.i > tok.i]
    for k, t in enumerate(words):
        if t.lower_ in ("after", "following", "upon"):
            for w in words[k + 1:k + 6]:
                if w.is_punct or w.pos_ in ("VERB", "AUX"):
                    break
                if w.lower_ in _EXCHANGE_NOUNS:
                    return True
    return False


_EXCHANGE_NOUNS = {"swap", "exchange", "trade", "release", "deal"}
_HANDOVER_NOUNS = _EXCHANGE_NOUNS | {"handover", "repatriation", "return"}


def _free_traveller(r: Reading, persons) -> bool:
    """Everyone named as coming back is an official, a relative or another free traveller."""
    from .sides import _blocked

    if persons is None:
        return False
    toks = [c for c in r.trigger.token.children if c.dep_ in ("nsubj", "nsubjpass")]
    infos = [persons.at(t.idx, t.idx + len(t.text)) for t in toks]
    infos = [i for i in infos if i is not None]
    if infos and all(_blocked(i) or get_gazetteer_leader(i.name) for i in infos):
        return True
    return False


def get_gazetteer_leader(name: str) -> bool:
    from .gazetteer import get_gazetteer

    return get_gazetteer().is_leader(name)


def _held_context(r: Reading, persons) -> bool:
    """A return home is a release only around words of holding, or for someone held."""
    sent = r.sent
    doc = sent.doc
    start = sent.start
    prev = 0
    s = sent
    while prev < 2 and s.start > 0:
        s = doc[s.start - 1].sent
        start = s.start
        prev += 1
    if any(t.lower_ in CAPTIVITY_CUES or t.lower_.startswith(("detain", "releas", "freed", "wrongful"))
           for t in doc[start:sent.end]):
        return True
    if persons is not None:
        for side in r.sides:
            for name in side.persons:
                info = persons.resolve(name)
                if info is not None and info.detainee:
                    return True
    return False


AMONG_RX = re.compile(rf"^\W*(?:and\s+)?(?:among (?:them|those|the \w+)|{C.OF_THEM_LEAD}|"
                      r"they include[ds]?|(?:those|others) (?:released|freed|returned|exchanged) (?:include[ds]?|were|are)|"
                      r"the (?:released|freed) (?:include[ds]?|were|are))\b|"
                      r"\b(?:were|was|are|is) (?:also )?among the (?:returnees|released|freed|prisoners|hostages|"
                      r"detainees|captives|people|men|women|soldiers|those)\b|"
                      r"^\W*besides\b[^.;]{0,120}?,\s*they (?:also )?include[ds]?\b", re.I)


def _continuations(ctx: ArticleContext, persons, readings: list[Reading],
                   parties: PartyIndex | None = None) -> list[Reading]:
    """"Among them, is Liat Beinin": the people of the release told just before."""
    if persons is None or not readings:
        return []
    out: list[Reading] = []
    sents = list(ctx.doc.sents)
    real_sents = {r.sent.start for r in readings}
    last_among = (-1, None)       # the sentence index and side of the last "among" reading
    for i, sent in enumerate(sents):
        if ANOTHER_RX.search(sent.text) and last_among[0] == i - 1:
            # "Among the Americans was A. Another was B.": B is one of the same group
            side = _people_of(ctx, persons, sent)
            if side.persons:
                prev_side = last_among[1]
                side.released_by, side.received_by, side.released_src = (
                    prev_side.released_by, prev_side.received_by, prev_side.released_src)
                out.append(_continuation(sent, side))
                last_among = (i, prev_side)
            continue
        if not AMONG_RX.search(sent.text):
            named = _identified(sent, [r for r in readings if r.sent.start < sent.start]) if readings else None
            if named is None:
                named = _counted_names(sent, readings, sents[max(0, i - 2)].start)
            if named is not None:
                out += _named_group(ctx, persons, sent, *named)
            continue
        group_side = None
        if not any(sents[j].start in real_sents for j in range(max(0, i - 2), i)):
            # "Among the Israelis was X" paragraphs after "Hamas released 13 Israeli hostages":
            # far from the release, the group noun has to name the group it let go.
            group_side = _among_group_side(sent, [r for r in readings if r.sent.start < sent.start])
            if group_side is None:
                continue
        side = _people_of(ctx, persons, sent)
        if not side.persons:
            continue
        prev = [r for r in readings if r.sent.start < sent.start and r.sides]
        if prev:
            last = group_side or _told_the_same_way(sent, prev) or prev[-1].sides[0]
            side.released_by, side.received_by, side.released_src = last.released_by, last.received_by, "linked"
        by = _released_by_in(sent, parties)
        if by and by != side.released_by:
            # "Among those freed by the Houthis were ...": the sentence names who let them go.
            same = [s for r in prev for s in r.sides if s.released_by == by and s.received_by]
            receiver = same[-1].received_by if same else (
                side.released_by if side.received_by == by else None)
            side.released_by, side.received_by, side.released_src = by, receiver, "linked"
        out.append(_continuation(sent, side))
        last_among = (i, side)
    return out


# "Another was X", "Another is X": one more of the group the sentence before began to name.
ANOTHER_RX = re.compile(r"^\W*(?:and\s+)?another(?: one)? (?:was|is)\b", re.I)


def _people_of(ctx: ArticleContext, persons, sent) -> SideReading:
    """A subset side naming the people of one sentence (never an official or an organisation;
    one a softer role describes, "a former guerrilla commander", is vouched for by the list)."""
    from .sides import _blocked, organisation_at

    side = SideReading(subset=True)
    for p in persons.people:
        if any(sent.start_char <= s and e <= sent.end_char for s, e in p.spans):
            if _blocked(p):
                if not (p.role and classify_role(p.role).block == "soft" and _FORMER_ROLE_RX.search(p.role)) \
                        or _of_someone_else(ctx, p, sent):
                    continue    # ("a brother of the former president X": X describes another)
                side.vouched.append(p.name)
            s0, e0 = next((s, e) for s, e in p.spans if sent.start_char <= s)
            if organisation_at(ctx.doc, s0):
                continue    # "the rights group Memorial"
            side.persons.append(p.name)
            side.spans.append((s0, e0, "persons"))
    return side


_FORMER_ROLE_RX = re.compile(r"\b(?:former|ex-)", re.I)


def _of_someone_else(ctx: ArticleContext, p, sent) -> bool:
    """The name stands in an "of" phrase of another's description in this sentence."""
    for s0, e0 in p.spans:
        if sent.start_char <= s0 and e0 <= sent.end_char:
            span = ctx.doc.char_span(s0, e0, alignment_mode="expand")
            if span is None or not len(span):
                continue
            t = span.root
            while t.dep_ in ("appos", "compound") and t.head.i != t.i:
                t = t.head      # "of the former president X": X names the president
            if t.dep_ == "pobj" and t.head.lower_ == "of":
                return True
    return False


_CAME_BACK = frozenset({"came", "returned", "arrived", "landed"})


def _told_the_same_way(sent, prev: list[Reading]):
    """ "Among those who came back was X" after "76 people had returned ... Kyiv had handed over
    124 to them": the group the "among" names came back, so it is the side the return told."""
    came = [t for t in sent if t.dep_ == "relcl" and t.lower_ in _CAME_BACK]
    if not came:
        return None
    back = [r for r in prev if r.trigger.cls == RETURN]
    return back[-1].sides[0] if back and back[-1].sides else None


def _among_group_side(sent, recent: list[Reading]):
    """The side whose release told of the group an "among" sentence names: "Among the Israelis
    was X", "Five senior officers were among the returnees"."""
    nouns = [t for t in sent if t.tag_ in ("NNS", "NNPS") and (_people_word(t) or t.ent_type_ == "NORP")
             and t.dep_ in ("pobj", "nsubj", "nsubjpass", "attr")]
    if not nouns:
        return None
    released = _released_groups(recent)
    for t in nouns:
        key = next((k for k in _group_keys(t) if k in released), None)
        if key is not None:
            return released[key]
    return None


def _released_by_in(sent, parties: PartyIndex | None) -> str | None:
    """The party after 'freed by' / 'released by' in a sentence."""
    if parties is None:
        return None
    from .parties import agent_in

    for t in sent:
        if t.lower_ == "by" and t.head.lower_ in ("freed", "released", "returned", "exchanged", "pardoned"):
            party, _ = agent_in(list(t.subtree), parties)
            if party:
                return party
    return None


def _identified(sent, recent: list[Reading]):
    """"The executives, A, B and C, worked for ...", "The two other Americans were D and E":
    a definite plural people noun that repeats the patients of a release just told, with the
    names it stands for (apposition or copula). Returns (the release's side, the name tokens)."""
    candidates = []
    for t in sent:
        part = C.partitive_group(t)
        if part is not None:
            # "Three of the freed Americans were named: A; B; and C"
            listed = [c for c in t.children if c.dep_ == "appos"]
            if t.head.lower_ in ("named", "identified"):
                listed += [c for c in t.head.children if c.dep_ in ("oprd", "attr", "appos")]
            names = [x for c in listed for x in [c] + list(c.conjuncts) if x.pos_ == "PROPN"]
            if names:
                candidates.append((part, names))
            continue
        # "the executives, A and B"; or, with a nationality, "American veterans A and B"
        national = t.tag_ == "NNS" and any(c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound")
                                           for c in t.children)
        if not (any(c.lower_ == "the" for c in t.children) or national) or not (
                t.tag_ in ("NNS", "NNPS") or (t.tag_ == "NN" and (_people_word(t) or t.lower_ in COLLECTIVE_SIZE))):
            continue
        toks = [c for c in t.children if c.dep_ == "appos"]
        if national and t.dep_ == "compound" and t.head.ent_type_ == "PERSON":
            toks.append(t.head)     # "American prisoners A and B" parsed as a title of A
        if t.tag_ != "NN" and t.dep_ == "nsubj" and t.head.lower_ in ("is", "are", "was", "were"):
            toks += [c for c in t.head.children if c.dep_ == "attr"]
        if t.tag_ != "NN" and t.dep_ == "nsubj" and t.head.lower_ in ("include", "included", "includes"):
            toks += [c for c in t.head.children if c.dep_ == "dobj"]    # "The Americans include A and B"
        if t.tag_ == "NN" and t.dep_ == "attr" and t.head.lower_ in ("is", "was"):
            # "Abigail Edan is the first U.S. citizen to be released": the role the headline used
            toks += [c for c in t.head.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"]
        names = [x for c in toks for x in [c] + list(c.conjuncts) if x.pos_ == "PROPN"]
        if names:
            candidates.append((t, names))
    if not candidates:      # checked first: most sentences have none, and the look-back is costly
        return None
    released = _released_groups(recent)
    for t, names in candidates:
        key = next((k for k in _group_keys(t) if k in released), None)
        if key is not None:
            # without "the", the group is only a nationality: the names must be people held
            return released[key], names, not any(c.lower_ == "the" for c in t.children)
        size = COLLECTIVE_SIZE.get(t.lower_)
        if size is not None and len(names) == size:
            # "Two Americans ... were released. The pair, A and B, ...": the release of that many
            side = next((x for r in reversed(recent) if r.trigger.cls != EXCHANGE for x in r.sides
                         if x.count == size and not _names(x)), None)
            if side is not None:
                return side, names, False
    return None


COLLECTIVE_SIZE = {"pair": 2, "duo": 2, "trio": 3}


def _released_groups(recent: list[Reading]) -> dict:
    """Group-noun keys ("executives", ("norp", "israeli")) -> the side of the release whose
    sentence tells of that group, the one whose trigger governs the noun most closely."""
    released: dict = {}
    closest: dict = {}      # key -> size of the trigger's subtree that holds the group noun
    for r in recent:
        if r.trigger.cls == EXCHANGE or not r.sides:
            continue
        trig = r.trigger.token
        for t in r.sent:
            counted = any(c.dep_ == "nummod" for c in t.children) and not t.ent_type_
            plural = t.tag_ in ("NNS", "NNPS") and (_people_word(t) or counted)
            # "Iran frees aid worker": one person, told by role, whom a later "the aid worker, X" names
            single = t.tag_ in ("NN", "NNP") and not t.ent_type_ and _people_word(t) and _patient_of(t, trig)
            if not (plural or single) or t.i == trig.i:
                continue
            # "Iran frees Americans ..., release of Iranians in U.S.": a group noun belongs to
            # the trigger that governs it, not to another release told in the same sentence.
            inside = trig.left_edge.i <= t.i <= trig.right_edge.i and trig in t.ancestors
            size = (trig.right_edge.i - trig.left_edge.i) if inside else len(t.doc) + 1
            for key in _group_keys(t):
                if size <= closest.get(key, len(t.doc) + 1) or key not in released:
                    released[key], closest[key] = r.sides[0], size
    return released


def _counted_names(sent, readings: list[Reading], since: int):
    """"Separatists released 10 people, including two U.S. veterans. A and B went missing in
    June": a sentence whose subject is as many names as a counted group of people a release told
    in the sentences from ``since`` (a token index) is that group."""
    subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ == "PERSON"
                 and t.head.dep_ == "ROOT"), None)
    if subj is None:
        return None
    names = [subj] + [c for c in subj.conjuncts if c.ent_type_ == "PERSON"]
    if len(names) < 2 or len(names) != len([subj] + list(subj.conjuncts)):
        return None
    recent = [r for r in readings if since <= r.sent.start < sent.start]
    for r in reversed(recent):
        if r.trigger.cls == EXCHANGE or not r.sides:
            continue
        for t in r.sent:
            n = next((small_number(c.text) for c in t.children if c.dep_ == "nummod"), None)
            if n == len(names) and t.tag_ in ("NNS", "NNPS") and _people_word(t):
                return r.sides[0], names, False
    return None


def _patient_of(t, trigger) -> bool:
    """``t`` is what the trigger acts on: its object or passive subject, or one conjoined to it."""
    for x in [t, *([t.head] if t.dep_ == "conj" else [])]:
        if x.head.i == trigger.i and x.dep_ in ("dobj", "nsubjpass", "nsubj"):
            return True
    return False


def _group_keys(t) -> list:
    """"executives"; and for "two Azerbaijani soldiers" also (two, azerbaijani), which "the two
    Azerbaijani conscripts" repeats with another noun."""
    keys: list = [t.lower_]
    num = next((c.lower_ for c in t.children if c.dep_ == "nummod"), None)
    norp = next((c.lower_ for c in t.children if c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound")), None)
    if num and norp:
        keys.append((num, norp))
    # "four American prisoners" and "the freed Americans": the same nationals
    if norp:
        keys.append(("norp", norp.rstrip("s")))
    elif t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS"):
        keys.append(("norp", t.lower_.rstrip("s")))
    return keys


def _named_group(ctx: ArticleContext, persons, sent, side0: SideReading, names: list,
                 held_only: bool = False) -> list[Reading]:
    from .sides import _blocked, organisation_at

    side = SideReading(subset=True, released_by=side0.released_by, received_by=side0.received_by,
                       released_src="linked", received_src=side0.received_src)
    for tok in names:
        p = persons.at(tok.idx, tok.idx + len(tok.text))
        if p is None or _blocked(p) or p.name in side.persons or organisation_at(ctx.doc, tok.idx) \
                or (held_only and not p.detainee):
            continue
        side.persons.append(p.name)
        side.spans.append((tok.idx, tok.idx + len(tok.text), "persons"))
    if not side.persons:
        return []
    list_tail(ctx.doc.text, persons, side)
    return [_continuation(sent, side)]


def _continuation(sent, side: SideReading) -> Reading:
    """A weak reading that names some people of the release told just before."""
    from .modality import Assessment
    from .triggers import RELEASE, Trigger

    return Reading(Trigger(sent[0], RELEASE, False, None, weak=True), Assessment(True, "continuation"),
                   sides=[side], linked=True)


# -- dates and grouping ------------------------------------------------------------------

def _finite(t) -> bool:
    return t.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in t.children) \
        or t.head.i == t.i


def _clause_of(tok) -> set[int]:
    """The trigger and the words above it up to the first finite verb: its own clause."""
    out = {tok.i}
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and _finite(t):
            break
        if t.head.i == t.i:
            break
        t = t.head
        out.add(t.i)
    return out


def _date_attached(root, tok, clause: set[int]) -> bool:
    """Whether a date phrase modifies the trigger's clause (not an arrest, not another clause)."""
    for a in [root] + list(root.ancestors):
        if a.i in clause:
            return True
        if _held_since(a, root):
            continue    # "handed 15 Armenians held since the war over on Saturday": misattached
        if a.lower_ in DATE_BLOCKERS:
            return False
        if a.i != root.i and a.pos_ in ("VERB", "AUX") and a.dep_ not in ("advcl", "xcomp", "pcomp"):
            return False
        if a.dep_ in ("appos", "relcl", "acl") and a.i not in clause:
            return False    # "Assadi, serving a sentence since 2021": said of the person
    return False


def _held_since(a, root) -> bool:
    """A reduced relative "held since last year's war" that the parser also gave a day ("on
    Saturday"): a custody that began then has no day of its own; the day is the main verb's."""
    return a.dep_ == "acl" and a.lower_ == "held" and root.head.lower_ == "on" \
        and any(c.dep_ == "prep" and c.lower_ == "since" for c in a.children) \
        and not (root.left_edge.i <= next(c.i for c in a.children if c.lower_ == "since") <= root.right_edge.i)


def _blocked_date(root, tok) -> bool:
    """A date under an arrest verb, or said of a person or thing ("a diplomat who had been
    serving a sentence since 2021", "a treaty approved in July 2022"), is not the event's."""
    below = None
    for a in [root] + list(root.ancestors):
        if a.i == tok.i:
            return False
        if _held_since(a, root):
            below = a
            continue
        if a.lower_ in DATE_BLOCKERS and not (a.lower_ in SPEECH_BLOCKERS and below is not None
                                              and below.dep_ in ("ccomp", "conj", "advcl")):
            return True     # "said on Friday" is the saying's day; "said he left on Friday" is not
        if a.i != root.i and a.dep_ in ("relcl", "acl", "appos") and not (a.left_edge.i <= tok.i <= a.right_edge.i):
            return True
        below = a
    return False


def _reading_date(reading: Reading, dates: list[DateMatch], doc, alone: bool) -> DateMatch | None:
    """The date of the clause: one that modifies it; in a sentence with one trigger, any
    date of the sentence that is not inside an arrest, sentence or other blocked clause."""
    sent = reading.sent
    tok = reading.trigger.token
    clause = _clause_of(tok)
    strict, loose = None, None
    for d in dates:
        if d.start < sent.start_char or d.end > sent.end_char:
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if _when_clause_of(span, tok):
            return d    # "since August, when 115 defenders were returned": the date the clause defines
        if _in_since_clause(root, tok) or _after_detention_participle(root, tok) or _ranked_within(root):
            continue    # "the first swap since the group returned to power in August 2021"
        if reading.assessment.perfect and DEFINITE_PAST_RX.search(d.text):
            continue    # "has been released from Niger, where a junta overthrew X last month": a
            #             present perfect takes no "last month"; the date is another clause's
        dist = abs(root.i - tok.i)
        if _date_attached(root, tok, clause) or _opening_date_of_main_clause(span, tok):
            if strict is None or dist < strict[0]:
                strict = (dist, d)
        elif alone and not _blocked_date(root, tok):
            if loose is None or dist < loose[0]:
                loose = (dist, d)
    best = strict or loose
    return best[1] if best else None


def _opening_date_of_main_clause(span, tok) -> bool:
    """ "In January 2016, on the day the agreement took effect, Iran let four Americans go": a date
    that opens the sentence is its main clause's, wherever the parser hangs it."""
    sent = tok.sent
    opener = sent[0].lower_
    if opener in ("since", "until", "after"):
        return False
    first = sent[1] if opener in ("in", "on", "by") and len(sent) > 1 else sent[0]
    if span.start > first.i:
        return False
    main = sent.root
    return tok.i == main.i or (tok.dep_ == "conj" and tok.head.i == main.i)


DEFINITE_PAST_RX = re.compile(r"\blast (?:week|month|year)\b|\bago\b", re.I)


def _after_detention_participle(root, trigger) -> bool:
    """"5 staff members kidnapped in Yemen last year released": the parser may hang the date on
    the release, but the nearest verb before it is the reduced relative's arrest, whose date it is."""
    if root.i > trigger.i:
        return False
    for t in reversed(root.doc[root.sent.start:root.i]):
        if t.pos_ in ("VERB", "AUX"):
            return t.dep_ == "acl" and t.tag_ == "VBN" and t.lower_ in DATE_BLOCKERS
    return False


_RANKS = frozenset({"first", "last", "final", "latest", "second", "third", "fourth", "fifth", "largest", "biggest",
                    "largest-ever", "only"})


def _ranked_within(root) -> bool:
    """ "the last exchange of 2024", "the largest swap of the year": the span it is ranked in,
    not the event's date."""
    of = root.head
    if of.lower_ != "of" or of.dep_ != "prep" or of.head.pos_ != "NOUN":
        return False
    return any(c.lower_ in _RANKS for c in of.head.children if c.dep_ in ("amod", "advmod", "det", "nummod"))


def _when_clause_of(span, trigger) -> bool:
    """The trigger's clause opens with "when" right after the date: "August, when ... returned"."""
    doc = span.doc
    j = span.end
    if j < len(doc) and doc[j].text == ",":
        j += 1
    return j < len(doc) and doc[j].lower_ == "when" and doc[j].head.i == trigger.i and doc[j].dep_ == "advmod"


def _in_since_clause(root, trigger) -> bool:
    """The date stands in a 'since ...' clause (or phrase) that the trigger is not part of."""
    for a in [root, *root.ancestors]:
        if a.i == trigger.i:
            return False
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in a.children) or (
                a.dep_ == "prep" and a.lower_ == "since"):
            return not any(x.i == a.i for x in trigger.ancestors)
    return False


def _is_news_date(d: DateMatch, published: date | None) -> bool:
    if published is None:
        return False
    if NEWS_DATE_RX.search(d.text):
        return True
    if d.precision != "day":
        return False
    try:
        day = date.fromisoformat(d.value)
    except ValueError:
        return False
    return timedelta(days=-1) <= published - day <= timedelta(days=SUBSTANTIVE_NEWS)


def _group(ctx: ArticleContext, readings: list[Reading], dates: list[DateMatch]) -> list[Event]:
    doc = ctx.doc
    published = ctx.published
    news = Event(news=True)
    background: list[Event] = []
    last_event: Event | None = None
    last_sent = -1
    last_dated: DateMatch | None = None
    per_sent = Counter(r.sent.start for r in readings if not r.trigger.weak)
    for r in readings:
        sent_start = r.sent.start
        if r.assessment.described and not any(_inside(d, _clause_head(r.trigger.token)) for d in dates):
            # "X, who was freed in a swap, was hurt": names the people of the news event, if
            # the article tells one; never an event of its own
            if news.readings:
                news.readings.append(r)
            continue
        if r.trigger.weak:
            # People "reunited with their families", "Among them, X": the news event only.
            if last_event is not None and _held_between(doc, last_event, r):
                continue
            if r.linked and last_event is not None and r.sent.start - last_sent <= 80:
                last_event.readings.append(r)
            elif news.readings:
                news.readings.append(r)
            continue
        d = _reading_date(r, dates, doc, per_sent[sent_start] == 1)
        if r.assessment.days_before and (d is None or not _inside(d, r.trigger.token)):
            # "..., four days after Iran freed X": an earlier event of its own, dated back from
            # the clause it modifies when that has a day; never part of that clause's event
            # ("hours after" is the same day: read as usual)
            base = last_event.date if last_event is not None and sent_start == last_sent else None
            if base is not None and base.precision == "day" and r.assessment.days_before > 0:
                ev = Event(background=True, date=_days_back(base, r.assessment.days_before, r))
                ev.readings.append(r)
                background.append(ev)
            continue
        if d is not None and r.assessment.earlier and not _inside(d, r.trigger.token):
            # "cheered on Saturday, months after she was freed": the day is the cheering's
            last_sent = sent_start
            continue
        same = SAME_RX.search(r.sent.text)
        if d is None and same and last_dated is not None:
            d = last_dated
        if sent_start == last_sent and last_event is not None and not r.followed and (
                d is None or (last_event.date is not None and d.value == last_event.date.value)):
            # One sentence, one event (unless "followed by" or another date).
            last_event.readings.append(r)
            continue
        if r.linked and last_event is not None:
            # "In return, Belgium released X": the other half of the exchange just told.
            last_event.readings.append(r)
            last_sent = sent_start
            continue
        if d is not None:
            last_dated = d
            if _is_news_date(d, published) and not _another_day(d, news.date):
                ev = news
                if ev.date is None or _better_news_date(d, ev.date):
                    ev.date = d
            else:
                ev = _background_for(background, d, r, last_event, same is not None)
        else:
            if r.assessment.earlier:
                last_sent = sent_start
                continue
            if r.followed and last_event is not None and last_event.background:
                ev = Event(background=True, date=last_event.date)
                background.append(ev)
            elif (last_event is not None and last_event.background and _same_paragraph(doc, last_event, r)):
                ev = last_event
            else:
                ev = news
        ev.readings.append(r)
        last_event, last_sent = ev, sent_start
    out = [news] if news.readings else []
    return out + background


def _days_back(base: DateMatch, days: int, r: Reading) -> DateMatch:
    """The day a clause "N days after" another names: the other's day less N."""
    tok = r.trigger.token
    mark = next((c for c in tok.children if c.dep_ == "npadvmod"), tok)
    start = mark.left_edge.idx
    end = tok.idx + len(tok.text)
    value = (date.fromisoformat(base.value) - timedelta(days=days)).isoformat()
    return DateMatch(start, end, tok.doc.text[start:end], value, "day", True, base.inferred)


def _another_day(d: DateMatch, news: DateMatch | None) -> bool:
    """ "Italy on Sunday released X ... Her release on Wednesday": two days of the same week, two
    events (the news event keeps its day; the other is told as an event of its own)."""
    if news is None or d.precision != "day" or news.precision != "day" or not _NAMED_DAY_RX.search(d.text):
        return False    # ("this weekend" names no day of its own)
    return abs((date.fromisoformat(d.value) - date.fromisoformat(news.value)).days) > 1


_NAMED_DAY_RX = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d", re.I)


def _held_between(doc, ev: Event, r: Reading) -> bool:
    """ "... let four Americans go. Other Americans remain in Iranian prisons. They include X": the
    sentence between says the people that follow are still held; they are not the event's."""
    last = ev.readings[-1].sent if ev.readings else None
    if last is None or r.sent.start <= last.end:
        return False
    between = doc.text[last.end_char:r.sent.start_char]
    return bool(_STILL_HELD_RX.search(between))


_STILL_HELD_RX = re.compile(r"\b(?:remain|remains|remained|are still|is still|still)\s+(?:\w+\s+){0,2}?"
                            r"(?:in\s+(?:\w+\s+)?(?:prisons?|jails?|custody|detention|captivity)|held|detained|"
                            r"jailed|imprisoned|behind bars)\b", re.I)


def _clause_head(tok):
    """The relative clause (or reduced relative) the trigger stands in, else the trigger."""
    return next((v for v in [tok, *tok.ancestors] if v.dep_ in ("relcl", "acl")), tok)


def _inside(d: DateMatch, tok) -> bool:
    """The date lies within the trigger's own clause or phrase."""
    return tok.left_edge.idx <= d.start and d.end <= tok.right_edge.idx + len(tok.right_edge.text)


def _better_news_date(d: DateMatch, cur: DateMatch) -> bool:
    rank = {"day": 0, "month": 1, "year": 2}
    if rank[d.precision] != rank[cur.precision]:
        return rank[d.precision] < rank[cur.precision]
    # Among day dates prefer a named day ("Thursday") over "today" only when earlier.
    return False


def _background_for(background: list[Event], d: DateMatch, r: Reading, last: Event | None,
                    same: bool) -> Event:
    if same and last is not None and last.background:
        # "That same month, ...": a new event with the previous date.
        ev = Event(background=True, date=d)
        background.append(ev)
        return ev
    ev = Event(background=True, date=d)
    background.append(ev)
    return ev


def _same_paragraph(doc, ev: Event, r: Reading) -> bool:
    last = ev.readings[-1].sent
    between = doc.text[last.end_char:r.sent.start_char]
    return "\n\n" not in between and r.sent.start - last.end <= 40


# -- building one mention -----------------------------------------------------------------

def _ev(ctx: ArticleContext, start: int, end: int, extractor: str, fld: str) -> Evidence:
    return ctx.evidence(start, end, extractor, fld)


def _creates_event(r: Reading) -> bool:
    t = r.trigger
    if t.weak or t.token.dep_ == "amod":
        return False    # "recently released hostages" describes people, not an event
    if not t.noun:
        return True
    return r.assessment.anchored


def _in_title(r: Reading) -> bool:
    """In the headline: the first line of the text, when it is short."""
    text = r.sent.doc.text
    end = text.find("\n")
    end = end if 0 < end <= 300 else (len(text) if len(text) <= 300 else 0)
    return r.sent.start == 0 or r.sent.start_char < end


def _build(ctx: ArticleContext, ev: Event, parties: PartyIndex, persons, captor: str | None,
           abroad: set[str] = frozenset()):
    creating = [r for r in ev.readings if _creates_event(r)]
    if not creating:
        return None
    if all(_in_title(r) and r.trigger.noun for r in creating) and len(list(ctx.doc.sents)) > 1:
        return None     # "Statement on the Hostage Release": the body must report it too
    published = ctx.published
    if ev.date is not None and _after(ev.date.value, published):
        return None     # "sooner than his scheduled release of 2029": what has happened is not dated later
    # Date.
    from_publication = ev.date is None
    if ev.date is not None:
        value, precision = ev.date.value, ev.date.precision
        inferred = ev.date.inferred
        date_ev = [Evidence(ctx.article.id, ev.date.start, ev.date.end,
                            _ev(ctx, ev.date.start, ev.date.end, DATES_ID, "date").sentence, DATES_ID, "date")]
    elif ev.news and published is not None:
        # No day word: the publication day only when the text says "today"; otherwise the
        # event is dated to the publication month (a feed item's "X was freed in a swap"
        # may be days old), which still merges with a day-precise report of the same month.
        said_on = _said_on(ctx, ev)
        if said_on is not None:
            value, precision = said_on, "day"
        elif _said_today(ctx, ev):
            value, precision = published.isoformat(), "day"
        elif _today_news(ctx, ev) or _recent(ctx, ev) or _in_lede(ctx, ev):
            value, precision = published.strftime("%Y-%m"), "month"
        else:
            return None     # told in the past tense with no date and no sign it is news
        inferred = False
        t = ev.readings[0].trigger
        date_ev = [_ev(ctx, t.start, t.end, EXTRACTOR_ID, "date")]
    else:
        return None
    if ev.background and ev.date is None:
        return None

    rulers = ctx.gazetteer.rulers_at(value) if ctx.gazetteer is not None else {}
    holders = ctx.gazetteer.hostage_holders_at(value) if ctx.gazetteer is not None else {}
    sides = _merge_sides(ev, parties, persons, captor, rulers, holders)
    sides = _as_ruling_group(sides, ctx.gazetteer, value)
    _same_number(ev, sides)
    creating_sents = {r.sent.start for r in ev.readings if _creates_event(r) and r.trigger.cls != EXCHANGE}
    swap = any(r.swap and (r.trigger.cls != EXCHANGE or _creates_event(r) or r.sent.start in creating_sents)
               for r in ev.readings)
    directions = {(s.released_by, s.received_by) for s in sides if s.released_by and s.received_by}
    opposite = any((b, a) in directions for a, b in directions)
    releasers = {s.released_by for s in sides if s.released_by and (s.count or s.persons or s.new_names
                                                                      or s.approximate or s.prisoner)}
    opposite = opposite or len(releasers) >= 2 and any(s.received_by in releasers for s in sides) or (
        len(releasers) >= 2 and any(s.hostage for s in sides) and any(s.prisoner for s in sides))
    pow_ = any(s.pow for s in sides) or any(r.pow and r.trigger.cls == EXCHANGE for r in ev.readings) or any(
        r.trigger.noun and any(c.lower_ in ("pow", "pows") for c in r.trigger.token.children) for r in ev.readings)
    # Prisoners "of the war" / "across both sides of the conflict" in an exchange are POWs too.
    pow_ = pow_ or (swap and any(re.search(r"\b(?:prisoners?|detainees)\b.{0,80}\b(?:sides? of the|related to the|in the|from the) (?:war|conflict|fighting)\b", r.sent.text, re.I)
                                  for r in ev.readings if r.trigger.cls == EXCHANGE))
    if pow_ and (swap or opposite or any(r.trigger.cls == EXCHANGE for r in ev.readings)):
        kind = "pow_exchange"     # prisoners of war released in an exchange, not one side freeing them
    elif swap or opposite:
        hostages = any(s.hostage for s in sides)
        prisoners = any(s.prisoner for s in sides) or (hostages and len(
            {s.released_by for s in sides if s.released_by and not s.hostage} -
            {s.released_by for s in sides if s.hostage}) >= 1)
        kind = "hostage_prisoner_exchange" if hostages and prisoners else "swap"
    else:
        kind = "unilateral_release"
    if kind == "unilateral_release" and sides and all(s.pow and not s.released_by for s in sides) \
            and all(s.received_by and ctx.gazetteer is not None and ctx.gazetteer.war_counterpart(s.received_by)
                    for s in sides):
        kind = "pow_exchange"   # "Kyiv said 130 soldiers came home": prisoners of war come home in exchanges
    if kind != "unilateral_release" and not sides and not ev.background:
        sides = _pair_sides(ev)     # "Dozens freed in new Ukraine-Russia prisoner swap" (not "the second US-Russia exchange this year")
    if kind == "pow_exchange":
        _fill_war_counterpart(sides, ctx.gazetteer)
    elif kind == "swap" and _between_belligerents(sides, ctx.gazetteer) and not any(
            s.persons or s.new_names for s in sides):
        kind = "pow_exchange"   # "Dozens freed in new Ukraine-Russia prisoner swap": no one named, at war
    kind_r = next((r for r in ev.readings if r.swap), ev.readings[0])
    evidence = date_ev + [_ev(ctx, kind_r.trigger.start, kind_r.trigger.end, EXTRACTOR_ID, "kind")]
    total = next((r.total for r in ev.readings if r.total is not None), None)
    if total is not None:
        r = next(r for r in ev.readings if r.total is not None)
        if r.total_span is not None:
            evidence.append(_ev(ctx, r.total_span[0], r.total_span[1], EXTRACTOR_ID, "total"))
    elif sides and all(s.count is not None for s in sides) and kind != "unilateral_release" and len(sides) > 1 or (
            len(sides) == 1 and sides[0].count is not None and kind == "unilateral_release"):
        total = sum(s.count for s in sides if s.count is not None) or None

    if not sides and ev.background:
        return None     # "the second US-Russia exchange this year", "the crypto exchange": nothing to record
    if kind == "unilateral_release" and held_by_criminals(ctx.headline, [r.sent.text for r in ev.readings]):
        return None     # a prison riot's hostage (scope.py)
    if kind == "unilateral_release" and staged_captivity(ctx.headline, [r.sent.text for r in ev.readings]):
        return None     # a faked kidnapping: its author's prison term (scope.py)
    if kind == "unilateral_release" and migrant_custody(ctx.headline, [r.sent.text for r in ev.readings]):
        return None     # immigration detention, or migrants' kidnappers (scope.py)
    # "... not the first to be freed this autumn. In September, China let go X": an earlier
    # release by the state the article's foreigners were freed by shares their frame
    recalled = ev.background and {s.released_by for s in sides} <= abroad and not any(
        CLEMENCY_RX.search(r.sent.text) for r in ev.readings)      # (a clemency recalled stays one)
    if kind == "unilateral_release" and not recalled and ordinary_justice(
            ctx.headline, [r.sent.text for r in ev.readings],
            {s.released_by for s in sides}, {s.received_by for s in sides}):
        return None     # a commutation list, bail, house arrest, an extradition: out of scope (scope.py)
    kidnapped = _hostages_freed(ev, sides)
    if kind == "unilateral_release" and not kidnapped and not recalled and not any(
            s.released_src == "nonstate" or s.released_by and _is_group(s.released_by) for s in sides) \
            and not release_in_frame(ctx.headline, [r.sent.text for r in ev.readings] + ctx.lede(),
                                     {s.released_by for s in sides},
                                     {s.received_by for s in sides} | _nationals_told(ctx, ev, sides),
                                     _released_people(sides, persons)):
        return None     # a convict let out at the end of a sentence: ordinary justice (scope.py)
    if kind == "unilateral_release" and not any(s.released_by or s.received_by for s in sides) \
            and not kidnapped:
        return None     # nobody named on either side: a hospital discharge, a domestic case
    if kind == "unilateral_release" and not any(s.released_by or s.persons or s.new_names for s in sides) \
            and all(s.received_src in ("nationality", "") for s in sides) and not kidnapped:
        return None     # "US man released after 25 years in prison": no captor, only his nationality
    if kind == "unilateral_release" and not any(s.released_by or s.persons or s.new_names or s.count
                                                 for s in sides):
        return None     # "getting Americans home is a priority": no captor, nobody named or counted
    mention = ExchangeMention(
        date=value, date_precision=precision, date_inferred=inferred, date_from_publication=from_publication,
        kind=kind,
        location=None, mediators=[], total=total,
        sides=[_side_mention(ctx, s) for s in sides],
        background=ev.background, evidence=evidence)
    return mention, sides


def _after(value: str, published: date | None) -> bool:
    """The whole span a date value names ("2029", "2029-05", "2029-05-04") lies after the day
    the article was published (a day two days on is a feed's time zone: "landed early Friday"
    in an item stamped Thursday)."""
    if published is None:
        return False
    day = value.count("-") == 2
    return start_of(value) > published + timedelta(days=2 if day else 0)


def _released_people(sides: list[SideReading], persons) -> list:
    """What the person analysis knows of the people the sides name (nationality, category)."""
    infos = (persons.resolve(n) for s in sides for n in [*s.persons, *(n for n, _, _ in s.new_names)])
    return [i.mention for i in infos if i is not None and i.mention is not None]


def _nationals_told(ctx: ArticleContext, ev: Event, sides: list[SideReading]) -> set[str]:
    """Countries of the people the release's sentences and the opening describe by a demonym
    ("The Iranian American is heading to ...", "a French citizen"): when the releaser is named
    and is not theirs, a foreigner was let go. Officials ("Iranian officials") are not counted."""
    if ctx.gazetteer is None or not any(s.released_by for s in sides):
        return set()
    sents = {r.sent.start: r.sent for r in ev.readings}
    for sent in islice(ctx.doc.sents, 3):      # the opening, without walking a long text's sentences
        sents.setdefault(sent.start, sent)
    out: set[str] = set()
    for sent in sents.values():
        for t in sent:
            if not t.text[:1].isupper() or not ctx.gazetteer.is_demonym(t.text):
                continue
            head = t.head if t.dep_ in ("amod", "compound") else t
            if head is t and t.pos_ not in ("NOUN", "PROPN"):
                continue
            if head is not t and (not PERSON_NOUN.match(head.text) or OFFICIAL_RX.search(head.text)):
                continue
            out.update(ctx.gazetteer.demonym(t.text))
    return out


def _hostages_freed(ev: Event, sides: list[SideReading]) -> bool:
    """Hostages freed by kidnappers or an unnamed group: no party on either side, yet in scope."""
    if any(s.released_src == "nonstate" for s in sides) and any(
            t.lower_ in KIDNAP_CONTEXT for r in ev.readings for t in r.sent):
        return True
    # "two aid workers held hostage in Mali were freed": the release names them hostages
    return not any(s.released_by for s in sides) and any(
        t.lower_ in HOSTAGE_NOUNS for r in ev.readings for t in r.sent)


KIDNAP_CONTEXT = frozenset({"hostage", "hostages", "kidnapped", "abducted", "kidnappers", "abductors", "ransom",
                            "held", "captured", "captive", "captives", "detainees", "seized"})
HOSTAGE_NOUNS = frozenset({"hostage", "hostages", "kidnapped", "abducted", "captive", "captives", "captivity",
                           "abductee", "abductees"})


def _as_ruling_group(sides: list[SideReading], gazetteer, when: str | None) -> list[SideReading]:
    """Since the Taliban took Kabul, "Afghanistan" letting someone go (or receiving an "Afghan
    drug lord") is the Taliban: one name for one party, whichever the article uses."""
    rulers = gazetteer.rulers_at(when)
    if not rulers or not any(p in rulers for s in sides for p in (s.released_by, s.received_by)):
        return sides
    for s in sides:
        s.released_by = rulers.get(s.released_by, s.released_by)
        s.received_by = rulers.get(s.received_by, s.received_by)
    return _fold(_merge_same(sides))


def _between_belligerents(sides: list[SideReading], gazetteer) -> bool:
    parties = {p for s in sides for p in (s.released_by, s.received_by) if p}
    return len(parties) == 2 and gazetteer.war_counterpart(min(parties)) == max(parties)


def _fill_war_counterpart(sides: list[SideReading], gazetteer) -> None:
    """'130 Ukrainian prisoners of war freed': the other party of that war released them."""
    for s in sides:
        if s.released_by is None and s.received_by:
            s.released_by = gazetteer.war_counterpart(s.received_by)
            s.released_src = s.released_src or "war"
        elif s.received_by is None and s.released_by and not s.persons and not s.new_names:
            s.received_by = gazetteer.war_counterpart(s.released_by)
            s.received_src = s.received_src or "war"


def _pair_sides(ev: Event) -> list[SideReading]:
    """An exchange between two named parties with no direction read: each let the other's go."""
    pair = next((r.pair for r in ev.readings if len(r.pair) == 2), None) or ev.main_pair
    if len(pair) != 2:
        return []
    a, b = pair
    return [SideReading(released_by=a, received_by=b, released_src="pair", received_src="pair"),
            SideReading(released_by=b, received_by=a, released_src="pair", received_src="pair")]


def _today_news(ctx: ArticleContext, ev: Event) -> bool:
    """The text reports the event as today's: present or perfect tense, 'today', a headline."""
    for r in ev.readings:
        a = r.assessment
        if a.present or a.perfect:
            return True
        if TODAY_RX.search(r.sent.text):
            return True
        if _in_title(r) and r.trigger.token.dep_ != "amod":
            return True     # the headline: "X freed from Nepal jail" is today's news
    return False


def _said_today(ctx: ArticleContext, ev: Event) -> bool:
    """The text puts the event today: 'today' / 'tonight' in its sentence or in the lede,
    or the present progressive ('are coming home', 'we are bringing them home'); a
    headline's present simple ('X frees Y') is no day word."""
    lede = list(ctx.doc.sents)[:LEDE_SENTENCES]
    if any(TODAY_RX.search(s.text) for s in lede if not _in_title_sent(s)):
        return True
    if _dated_by_dateline(ctx) and any(r.assessment.perfect or r.assessment.present or r.sent in lede
                                       for r in ev.readings):
        return True     # "Doha, 21 January 2025 - ... has succeeded in securing the release"
    return any(r.assessment.progressive or TODAY_RX.search(r.sent.text) for r in ev.readings)


DATELINE_RX = re.compile(r"^[A-Z][\w .'\u2019-]{1,40},\s+(?P<date>[^-\u2013\u2014\n]{6,25}?)\s+[-\u2013\u2014]\s", re.M)


def _dated_by_dateline(ctx: ArticleContext) -> bool:
    """A statement's dateline carries the day it was issued ("Abu Dhabi, 14 September 2024 -"):
    when that is the publication day, the statement's news is that day's."""
    if ctx.published is None:
        return False
    m = DATELINE_RX.search(ctx.doc.text[:600])
    return bool(m) and any(d.precision == "day" and d.value == ctx.published.isoformat()
                           for d in find_dates(m.group("date"), ctx.published))


SPEECH_WORDS = frozenset({"said", "says", "announced", "announces", "confirmed", "confirms", "reported",
                          "reports", "told", "stated", "declared"})


def _said_on(ctx: ArticleContext, ev: Event) -> str | None:
    """'X has pardoned 30 people, his press service said on Friday' (or 'officials said Saturday'):
    news of a release just done, dated by the day it was announced when that is the
    publication day or the day before."""
    published = ctx.published
    if published is None:
        return None
    for r in ev.readings:
        a = r.assessment
        if not (a.perfect or r.trigger.token.tag_ in ("VBD", "VBN")) or r.trigger.noun:
            continue
        tok = r.trigger.token
        # "X said Y was freed" (ancestor) or "Y was freed, X said" (the parser hangs it below)
        speech = [t for t in [*tok.ancestors, *tok.children] if t.lower_ in SPEECH_WORDS]
        if not speech:
            continue
        sent = r.sent
        for d in find_dates(sent.text, published):
            if d.precision != "day":
                continue
            span = ctx.doc.char_span(sent.start_char + d.start, sent.start_char + d.end, alignment_mode="expand")
            if span is None or span.root.head not in speech and span.root.head.head not in speech:
                continue
            day = date.fromisoformat(d.value)
            if timedelta(0) <= published - day <= timedelta(days=1):
                return d.value
    return None


def _in_title_sent(sent) -> bool:
    return sent.start_char < headline_end(sent.doc.text)


LEDE_SENTENCES = 3   # headline and the first sentences: where a feed item states its news


def _in_lede(ctx: ArticleContext, ev: Event) -> bool:
    """A release told in the headline or the lede's first sentences is the item's news."""
    lede = list(ctx.doc.sents)[:LEDE_SENTENCES]
    end = lede[-1].end_char if lede else 0
    return any(r.sent.start_char < end and not r.assessment.earlier for r in ev.readings)


RECENT_RX = re.compile(r"\b(?:today|tonight|now|this (?:week|morning|month)|yesterday|just|"
                       r"(?:have|has) (?:now )?(?:been )?(?:released|freed|returned|exchanged|swapped|"
                       r"brought|handed|come|arrived))\b", re.I)


def _recent(ctx: ArticleContext, ev: Event) -> bool:
    """An undated release told as news: its paragraph says now / today / has been released."""
    text = ctx.doc.text
    for r in ev.readings:
        start = text.rfind("\n\n", 0, r.sent.start_char)
        end = text.find("\n\n", r.sent.end_char)
        para = text[start + 1 if start >= 0 else 0:end if end >= 0 else len(text)]
        if RECENT_RX.search(para):
            return True
    return False


SAME_NUMBER_RX = re.compile(r"\b(?:the same number|an equal number|as many)\b(?! as\b[^.;]{0,40}\bpossible)", re.I)


def _same_number(ev: Event, sides: list[SideReading]) -> None:
    """ "150 Ukrainians came home in an exchange for the same number of Russians": the side
    with no count of its own takes the other's, with the phrase as its evidence."""
    if len(sides) != 2:
        return
    # "an equal number" is read as one by the count reader: a lone one beside a larger count is no count
    open_ = [s for s in sides if s.count is None or (s.count == 1 and not s.persons and not s.new_names)]
    if len(open_) != 1:
        return
    unknown = open_[0]
    known = sides[1] if unknown is sides[0] else sides[0]
    if (known.count or 0) <= 1 or not (known.released_by and unknown.released_by
                                       and known.released_by != unknown.released_by):
        return
    for r in ev.readings:
        m = SAME_NUMBER_RX.search(r.sent.text)
        if m is not None:
            unknown.count = known.count
            start = r.sent.start_char + m.start()
            unknown.spans.append((start, start + len(m.group(0)), "count"))
            return


def _side_mention(ctx: ArticleContext, s: SideReading) -> SideMention:
    ev = [_ev(ctx, a, b, SIDES_ID, f) for a, b, f in s.spans]
    names = list(dict.fromkeys(s.persons + [n for n, _, _ in s.new_names]))
    return SideMention(released_by=s.released_by, received_by=s.received_by, count=s.count,
                       persons=names, evidence=ev)


def _article_captor(ctx: ArticleContext, parties: PartyIndex) -> str | None:
    """The party the article says holds people ("held hostage by Hamas", "detained in Venezuela")."""
    votes: Counter[str] = Counter()
    for sent in ctx.doc.sents:
        low = sent.text.lower()
        if not any(w in low for w in ("held", "detain", "hostage", "prison", "captiv", "custody",
                                      "kidnap", "jail", "imprison", "abduct")) or low.rstrip().endswith("?"):
            continue
        party, _ = captor_in(list(sent), parties)
        if party is not None:
            votes[party] += 1   # "" is a captor that is no party: "kidnapped by gunmen"
    unnamed = votes.pop("", 0)
    if not votes:
        return None
    (top, n), *rest = votes.most_common(2) + [(None, 0)]
    second = rest[0][1] if rest else 0
    if not _is_group(top):
        # "held hostage in Mali" beside "kidnapped by gunmen": the country is where, not who
        second = max(second, unnamed)
    return top if n > 2 * second else None      # only a clearly dominant captor


def _merge_sides(ev: Event, parties: PartyIndex, persons, captor: str | None,
                 rulers: dict[str, str] | None = None, holders: dict[str, str] | None = None) -> list[SideReading]:
    """One list of sides for the event: read sides merged, missing parties filled in.

    Order matters: sides that name the same people are merged first (a headline and the
    body tell the same release), then missing parties are filled from the clause's pair
    ("between Russia and Ukraine"), the people's own held_by, the other releasers of the
    event, the two-party mirror and the article's captor, then sides are merged again.
    """
    _fill_in_return(ev)
    clauses = [(r, [_copy(s) for s in r.sides if not s.empty()]) for r in ev.readings
               if not _history_of_released(r, ev)]
    raw: list[SideReading] = [s for _, halves in clauses for s in halves]
    pair: list[str] = []
    for r in ev.readings:
        for p in r.pair:
            if p not in pair:
                pair.append(p)
    if rulers:
        # "Afghanistan" and "the Taliban" are one party from the start, so that no fill below
        # takes the one to be the other's counterpart.
        for x in raw:
            x.released_by = rulers.get(x.released_by, x.released_by)
            x.received_by = rulers.get(x.received_by, x.received_by)
        pair = list(dict.fromkeys(rulers.get(p, p) for p in pair))
        captor = rulers.get(captor, captor)
    swapish = any(r.swap for r in ev.readings)
    known = {p for s in raw for p in (s.released_by, s.received_by) if p}
    if not pair and swapish and len(ev.main_pair) == 2 and (
            known and known <= set(ev.main_pair) or any(_the_two_parties_did(r.trigger.token) for r in ev.readings)):
        pair = list(ev.main_pair)   # "the second US-Russia exchange": this one is between them too
    if len(pair) == 2:
        _even_trade(clauses, pair)
    # hostages "held in Gaza" are let go by the group that holds them there, not by their
    # captivity's territory: "90 Palestinian detainees" beside them still go to Palestine
    releasers = {(holders or {}).get(o.released_by, o.released_by) if o.hostage else o.released_by
                 for o in raw if o.released_by}
    for s in raw:
        if s.received_by and not s.released_by and (releasers == {s.received_by} and s.received_src != "to" or any(
                o.released_by == s.received_by and _names(o) & _names(s) for o in raw)):
            # (a stated destination stands: "handed over to Malian officials" when Mali freed others)
            s.received_by = None    # "X, the Belarusian blogger, was freed": Belarus let him go
    _agent_over_captor(raw)
    _fill_also(raw, unnamed_releaser=any(
        not r.trigger.noun and any(c.dep_ == "nsubj" for c in r.trigger.token.children)
        and any(not x.released_by and (x.count or _names(x)) for x in r.sides) for r in ev.readings))
    sides = _merge_same(raw)
    sides = _name_by_size(sides)
    _fill_from_pair(sides, pair, _allies(ev, pair))
    _fill_swap_halves(sides, swapish)
    _fill_against(sides)
    _fill_held_by(sides, persons, rulers or {}, swapish)
    _fill_from_event(sides, pair, [{x.released_by for x in r.sides if x.released_by} for r in ev.readings])
    named_releasers = {x.released_by for x in sides if x.released_by and _names(x)}
    for s in sides:
        if s.released_by is None and captor and captor != s.received_by and (s.count or s.persons or s.new_names) \
                and (s.released_src != "nonstate" or _is_group(captor)) \
                and not _counterparts_released_by(s, sides, captor) \
                and not (swapish and s.traded_for and _names(s) and captor in named_releasers):
            # "abducted by armed men" does not contradict "held by the ELN" elsewhere.
            s.released_by, s.released_src = captor, "article"
    _to_hostage_holders(sides, holders or {})
    _fill_hostage_counterpart(sides, parties.ctx.gazetteer)
    sides = _fold(_merge_same(sides))
    _fill_swap_halves(sides, swapish)     # a direction the fold completed: the other half goes back
    if not swapish:
        sides = _name_the_release(sides)
    out = _drop_redundant(sides)
    # "Ten Americans were freed ... Two former soldiers were also freed": a smaller unnamed
    # group said 'also' in the same direction is part of the larger one, not another side.
    out = [s for s in out if not (s.also_said and s.count and not s.persons and not s.new_names and any(
        t is not s and (t.released_by, t.received_by) == (s.released_by, s.received_by) and s.released_by
        and (t.count or 0) > s.count for t in out))]
    # One person, one side: keep each name on the best-sourced side that has them.
    seen_names: set[str] = set()
    for s in sorted(out, key=lambda x: _SRC_RANK.get(x.released_src, 9)):
        s.persons = [n for n in s.persons if n not in seen_names]
        seen_names.update(s.persons)
    # "A and B were freed as part of a swap": with no party and no other side, nothing says
    # whether they went the same way or were traded for each other; name them on no side.
    placed = [x for x in out if x.persons or x.new_names]
    if swapish and len(placed) == 1 and not placed[0].released_by and not placed[0].received_by \
            and len(_names(placed[0])) >= 2 and not placed[0].against and not placed[0].subset \
            and placed[0].count in (None, len(_names(placed[0]))):
        placed[0].unplaced = sorted(_names(placed[0]))
        placed[0].persons, placed[0].new_names, placed[0].count = [], [], None
    # Parties only ("The United States and Russia exchanged prisoners"): one side each way.
    if len(pair) == 2 and not any(s.released_by or s.received_by or s.persons or s.new_names for s in out):
        a, b = pair
        count = next((s.count for r in ev.readings for s in r.sides if s.count), None) if _each(ev) else None
        count = count or next((r.each_count for r in ev.readings if r.each_count), None)
        out = [SideReading(released_by=a, received_by=b, count=count),
               SideReading(released_by=b, received_by=a, count=count)]
    for s in out:
        if s.count is not None and len(s.persons) + len(s.new_names) > s.count:
            s.count = None      # three named in one sentence, six in all: no figure covers them
    each = next((r.each_count for r in ev.readings if r.each_count), None)
    if each:    # "with each side handing over 115 soldiers" read on its own: no party, the same figure
        out = [s for s in out if s.released_by or s.received_by or s.persons or s.new_names or s.count != each]
    if each and len(pair) == 2 and len(out) == 2 and all(s.count is None for s in out) \
            and {(s.released_by, s.received_by) for s in out} == {tuple(pair), tuple(reversed(pair))}:
        for s in out:       # "with each side handing over 115 soldiers"
            s.count = each
    return out


def _even_trade(clauses: list[tuple[Reading, list[SideReading]]], pair: list[str]) -> None:
    """ "the two countries swapped 90 prisoners for 90": one clause, two unnamed halves of one
    figure and no party on either; each of the pair let go that many."""
    for r, halves in clauses:
        if len(halves) == 2 and r.swap and all(
                s.released_by is None and s.received_by is None and not _names(s) for s in halves) \
                and halves[0].count is not None and halves[0].count == halves[1].count:
            for s, (a, b) in zip(halves, (pair, pair[::-1])):
                s.released_by, s.released_src, s.received_by = a, "pair", b


_PARTY_NOUNS = frozenset({"countries", "sides", "nations", "governments", "parties", "states", "capitals", "foes",
                          "enemies", "neighbours", "neighbors", "rivals"})


def _the_two_parties_did(verb) -> bool:
    """ "the two countries swapped 90 prisoners for 90", "both sides exchanged ...": the article's
    two parties, named before."""
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lower_ in _PARTY_NOUNS and any(
                k.lower_ in ("two", "both") for k in c.children if k.dep_ in ("nummod", "det", "predet", "amod")):
            return True
    return False


def _agent_over_captor(raw: list[SideReading]) -> None:
    """ "A, B and C, who were held in Gaza ... A and B were handed over by Hamas": the captor
    a place stood for is the one agent named letting go some of the same people."""
    for s in raw:
        if s.released_src != "captor" or not _names(s):
            continue
        agents = {o.released_by for o in raw if o.released_src == "agent" and o.released_by
                  and o.received_by in (None, s.received_by) and _names(o) & _names(s)}
        if len(agents) == 1 and s.released_by not in agents:
            s.released_by = agents.pop()


def _name_the_release(sides: list[SideReading]) -> list[SideReading]:
    """"A German aid worker kidnapped in Mali has been freed ... Jorg Lange was handed over": in
    a release that is no swap, people named with no party at all are the one party-told side
    (with no names, of the same size; with names, of no other figure: "Also among those
    released was Y" beside "X was freed along with 13 other prisoners")."""
    loose = [s for s in sides if _names(s) and not s.released_by and not s.received_by and not s.against]
    told = [s for s in sides if s.released_by or s.received_by]
    if len(loose) != 1 or len(told) != 1:
        return sides
    (named,), (side,) = loose, told
    if not _names(side):
        if side.count is not None and side.count != len(_names(named)):
            return sides
    elif not (side.subset or named.count is None or side.count is None or named.count == side.count):
        return sides    # two figures for what may be two releases
    if side.count is None:
        side.count = named.count
    _absorb(side, named)
    return [s for s in sides if s is not named]


def _name_by_size(sides: list[SideReading]) -> list[SideReading]:
    """"Hamas freed three Israeli women ... and Israel released 90 Palestinians. A, B and C were
    handed to the Red Cross": people named with no party are the party-told side of their
    number that names no one, when all the sides of that number can be one."""
    out = list(sides)
    for loose in [s for s in sides if _names(s) and not s.released_by and not s.received_by and not s.against]:
        size = len(_names(loose))
        told = [s for s in out if s is not loose and (s.released_by or s.received_by)]
        fits = [s for s in told if s.count == size]
        if not fits or any(_names(s) for s in fits) or loose.count not in (None, size) \
                or not all(_compatible(a, b) for a in fits for b in fits if a is not b):
            continue    # none, or two sides of their number that are not one (a one-for-one swap)
        best = max(fits, key=lambda s: (s.released_by is not None) + (s.received_by is not None))
        _absorb(best, loose)
        out = [s for s in out if s is not loose]
    return out


def _history_of_released(r: Reading, ev: Event) -> bool:
    """"Saab was extradited to Miami" beside "in exchange for Saab": an extradition or
    deportation of people the event already lets go is their past, not another side."""
    if not TRANSFER_WORD_RX.match(r.trigger.token.lower_):
        return False
    names = {n for s in r.sides for n in s.persons}
    if not names or any(s.count and s.count != len(s.persons) for s in r.sides):
        return False
    others = {n for o in ev.readings if o is not r and not TRANSFER_WORD_RX.match(o.trigger.token.lower_)
              for s in o.sides for n in s.persons}
    return names <= others


TRANSFER_WORD_RX = re.compile(r"^(?:extradit|deport)")


def _is_group(party: str) -> bool:
    from .gazetteer import get_gazetteer

    return get_gazetteer().kind(party) == "group"


def _each(ev: Event) -> bool:
    """"swapped 25 prisoners each": the same count on both sides."""
    return any(re.search(r"\beach\b", r.sent.text) for r in ev.readings)


def _merge_same(sides: list[SideReading]) -> list[SideReading]:
    merged: list[SideReading] = []
    for s in sides:
        target = next((m for m in merged if _same_side(m, s)), None)
        if target is None:
            merged.append(_copy(s))
        else:
            _absorb(target, s)
    return merged


def _fill_in_return(ev: Event) -> None:
    """"In return, Germany released K" after people freed by Russia: K goes to Russia."""
    last: str | None = None
    for r in ev.readings:
        if r.linked and r.trigger.cls != EXCHANGE and LINK_RX_START.match(r.sent.text) and last:
            for s in r.sides:
                if s.released_by and s.received_by is None and s.released_by != last:
                    s.received_by, s.received_src = last, "in_return"
        got = [s.released_by for s in r.sides if s.released_by and (s.persons or s.count or s.new_names)]
        if got:
            last = got[0]


LINK_RX_START = re.compile(r"^\W*(?:and\s+)?in (?:return|exchange)\b", re.I)


def _fill_also(raw: list[SideReading], unnamed_releaser: bool = False) -> None:
    """"X was freed as well": the parties of the nearest side told before it. "Among those
    released was X": the parties of the event's one direction of release, if it has one (and
    no release in the event has a releaser the text names but no party: "the rebels released")."""
    directions = {(p.released_by, p.received_by) for p in raw if p.released_by and not p.also and not p.subset}
    for i, s in enumerate(raw):
        if s.subset and not s.also and not s.released_by and not s.received_by and _names(s) \
                and len({d[0] for d in directions}) == 1 and not unnamed_releaser and s.released_src != "nonstate":
            s.also = True
        if not s.also:
            continue
        prev = next((p for p in reversed(raw[:i]) if p.released_by and not p.also), None)
        if prev is not None:
            s.released_by, s.released_src = prev.released_by, "also"
            s.received_by, s.received_src = prev.received_by, "also"
            s.count = None      # one of a larger group: its own figure is no side's count
            s.spans = [sp for sp in s.spans if sp[2] != "count"]


def _allies(ev: Event, pair: list[str]) -> set[str]:
    """"Russia and Belarus let 16 go": parties releasing beside the pair's one party."""
    if len(pair) != 1:
        return set()
    return {s.released_by for r in ev.readings if any(x.released_by == pair[0] for x in r.sides)
            for s in r.sides if s.released_by}


def _fill_from_pair(sides: list[SideReading], pair: list[str], allies: set[str] = frozenset()) -> None:
    """"an exchange with Russia" / "between Russia and Ukraine": the other party of the pair."""
    if len(pair) == 1:
        (only,) = pair
        if len(sides) == 1 and not sides[0].released_by and not sides[0].received_by \
                and (sides[0].persons or sides[0].new_names) and sides[0].released_src != "nonstate":
            # "After being freed in a prisoner exchange with Russia, X ...": let go by Russia
            sides[0].released_by, sides[0].released_src = only, "pair"
            return
        for s in sides:
            if s.released_by is None and s.received_by and s.received_by != only and s.released_src != "nonstate":
                s.released_by, s.released_src = only, "pair"
            elif s.released_by and s.released_by != only and s.received_by is None and (s.count or s.persons) \
                    and s.released_by not in allies:
                s.received_by, s.received_src = only, "pair"   # "released 215 in an exchange with Ukraine"
    if len(pair) == 2:
        a, b = pair
        for s in sides:
            if s.received_by in pair and s.released_by is None and s.released_src != "nonstate":
                s.released_by, s.released_src = (b if s.received_by == a else a), "pair"
            elif s.released_by in pair and s.received_by is None and (s.count is not None or s.persons):
                s.received_by, s.received_src = (b if s.released_by == a else a), "pair"


def _fill_swap_halves(sides: list[SideReading], swapish: bool) -> None:
    """An exchange has two directions: a side with no party at all goes opposite the known one."""
    known = [s for s in sides if s.released_by and s.received_by]
    dirs = {(k.released_by, k.received_by) for k in known}
    parties = {p for s in sides for p in (s.released_by, s.received_by) if p}
    if not swapish or len(dirs) != 1 or len(parties) != 2:
        return
    a, b = next(iter(dirs))
    for s in sides:
        if s.released_by is None and s.received_by is None and (s.released_src != "nonstate" or s.hostage) \
                and (s.persons or s.new_names or s.count):
            # (hostages "abducted from a festival" are let go by whoever the swap's other half went to)
            s.released_by, s.received_by, s.released_src = b, a, "mirror"


def _to_hostage_holders(sides: list[SideReading], holders: dict[str, str]) -> None:
    """"Hostages held in Gaza" are let go by the group holding them there, before the fold; so is
    one of them told of in her own sentence ("Hila, a girl from the same kibbutz, was freed"),
    whose holder was read as the territory."""
    for x in sides:
        if (x.hostage or x.released_src == "captor") and x.released_by in holders:
            x.released_by = holders[x.released_by]  # (also "returned home after being held hostage in Gaza")
    groups = {x.released_by for x in sides if x.hostage}
    for x in sides:
        if not x.hostage and x.released_by in holders and x.released_src in ("held_by", "article", "captor") \
                and holders[x.released_by] in groups:
            x.released_by = holders[x.released_by]


def _fill_hostage_counterpart(sides: list[SideReading], gazetteer) -> None:
    """"the release of three hostages held in Gaza and of 90 Palestinian detainees": beside
    hostages freed by the one group at war, people freed to someone else were let go by the
    group's enemy."""
    groups = {x.released_by for x in sides if x.hostage and x.released_by}
    if gazetteer is None or len(groups) != 1:
        return
    enemy = gazetteer.war_counterpart(next(iter(groups)))
    for s in sides:
        if enemy and s.released_by is None and s.received_by and s.received_by not in (enemy, *groups) \
                and not s.hostage and s.released_src != "nonstate":
            s.released_by, s.released_src = enemy, "war"


def _fill_against(sides: list[SideReading]) -> None:
    """"Griner (freed by Russia) was swapped for Bout": a side's missing parties mirror those
    of the side that holds its counterparts (Bout is received by Russia)."""
    for s in sides:
        if not s.against or (s.released_by and s.received_by):
            continue
        other = next((o for o in sides if o is not s and set(s.against) & _names(o)
                      and (o.released_by or o.received_by)), None)
        if other is None:
            continue
        if s.released_by is None and other.received_by and other.received_by != s.received_by:
            s.released_by, s.released_src = other.received_by, "mirror"
        if s.received_by is None and other.released_by and other.released_by != s.released_by:
            s.received_by = other.released_by


def _counterparts_released_by(s: SideReading, sides: list[SideReading], party: str) -> bool:
    return bool(s.against) and any(o is not s and set(s.against) & _names(o) and o.released_by == party
                                   for o in sides)


def _fill_held_by(sides: list[SideReading], persons, rulers: dict[str, str], swapish: bool = False) -> None:
    """The person analysis knows where someone was held: that party let them go. In a swap,
    not the party that let the other half go: the halves go opposite ways."""
    if persons is None:
        return
    other_half = {s.released_by for s in sides if s.released_by and _names(s)} if swapish else set()
    # (a holder read about the person stands; the article's usual captor does not)
    for s in sides:
        if s.released_by is not None:
            continue
        for name in s.persons:
            info = persons.resolve(name)
            held = info.mention.held_by if info is not None and info.mention is not None else None
            held = rulers.get(held, held)
            if held and held != s.received_by and not (held in other_half and info.holder_guessed and s.traded_for) \
                    and (s.released_src != "nonstate" or _is_group(held)):
                s.released_by, s.released_src = held, "held_by"
                break


def _fill_from_event(sides: list[SideReading], pair: list[str], together: list[set[str]] = ()) -> None:
    """Missing parties from the rest of the event: the one other releaser (not one that let
    people go together with the receiver: "Russia and Belarus freed 16 in return for eight
    Russians" gives the Russians no Belarusian releaser), or, when only two parties take part,
    the mirror of the known direction. ``together``: the releasers of each reading."""
    parties = {p for s in sides for p in (s.released_by, s.received_by) if p} | set(pair)
    releasers = {s.released_by for s in sides if s.released_by}
    known = [s for s in sides if s.released_by and s.received_by]
    for s in sides:
        if s.released_by is None and s.received_by and s.released_src != "nonstate":
            others = {r for r in releasers - {s.received_by}
                      if not any({r, s.received_by} <= group for group in together)}
            if len(others) == 1:
                s.released_by, s.released_src = next(iter(others)), "event"
            elif len(parties) == 2:
                other = next(iter(parties - {s.received_by}), None)
                if other:
                    s.released_by, s.released_src = other, "mirror"
        if s.received_by is None and s.released_by and len(parties) == 2:
            if any(k.received_by == s.released_by for k in known):
                other = next(iter(parties - {s.released_by}), None)
                if other:
                    s.received_by, s.received_src = other, "mirror"


def _fold(merged: list[SideReading]) -> list[SideReading]:
    """A side with a missing party folds into the one compatible side that has it."""
    changed = True
    while changed:
        changed = False
        for s in list(merged):
            if s.released_by is not None and s.received_by is not None:
                continue
            if s.released_by is None and s.received_by is None and _names(s):
                continue    # named people with no direction at all: never guess whose side
            cands = [m for m in merged if m is not s and (_compatible(m, s) and (
                s.count is None or m.count == s.count or set(s.persons) & set(m.persons)
                or (m.count is None and (m.subset or not (m.persons or m.new_names))))
                or _one_of(s, m) and _compatible(m, s, ignore_count=True))]
            same_figure = [m for m in cands if s.count is not None and m.count == s.count]
            if len(cands) == 1 or len(same_figure) == 1:
                # (two fit, one with the same figure: "20 hostages" beside "2,000 Palestinians")
                _absorb((cands if len(cands) == 1 else same_figure)[0], s)
                merged.remove(s)
                changed = True
                break
    return merged


def _one_of(s: SideReading, m: SideReading) -> bool:
    """One named person's own sentence ("Ada, a girl from the kibbutz, was freed") beside a
    counted group of the same releaser that leaves room for her: she is one of them."""
    return s.count == 1 and len(_names(s)) == 1 and s.released_by is not None and s.received_by is None \
        and m.count is not None and m.count > len(_names(m)) + 1 and m.released_by == s.released_by


def _drop_redundant(merged: list[SideReading]) -> list[SideReading]:
    out: list[SideReading] = []
    for s in merged:
        if s.released_by is None and s.received_by is None and not s.persons and not s.new_names \
                and s.count is None:
            continue
        if not s.persons and not s.new_names and s.released_by is None and s.received_by is None and any(
                o is not s and o.count == s.count and o.released_by and o.received_by for o in merged):
            continue    # "with 95 captives returned to each country" beside the two sides of 95
        if not s.persons and not s.new_names and s.count is None and any(
                o is not s and (o.released_by, o.received_by) != (None, None) and
                (s.released_by in (None, o.released_by)) and (s.received_by in (None, o.received_by))
                for o in merged):
            continue    # nothing but a party another side already names
        out.append(s)
    return out


_SRC_RANK = {"agent": 0, "from": 1, "captor": 2, "self": 3, "pair": 4, "held_by": 5, "event": 6, "mirror": 7,
             "article": 8}


def _names(s: SideReading) -> set[str]:
    return set(s.persons) | {n for n, _, _ in s.new_names}


def _same_side(a: SideReading, b: SideReading) -> bool:
    if _names(a) & _names(b):
        return _compatible(a, b, ignore_count=True)
    if (a.released_by, a.received_by) != (b.released_by, b.received_by):
        # "released three hostages and five Thai workers ... The five Thai workers were
        # released": one party shared, the other unknown on one of them, the same figure
        return _one_party_and_the_figure(a, b)
    if None in (a.released_by, a.received_by) and _names(a) and _names(b):
        return False    # different people, a party unknown: maybe not the same direction
    if (a.subset or b.subset) and None not in (a.released_by, a.received_by):
        return True     # "four of them landed in Marib": some of the people that side let go
    return not (a.count is not None and b.count is not None and a.count != b.count)


def _one_party_and_the_figure(a: SideReading, b: SideReading) -> bool:
    if _names(a) or _names(b) or a.count is None or a.count != b.count or a.subset or b.subset:
        return False
    for same, other in (((a.released_by, b.released_by), (a.received_by, b.received_by)),
                        ((a.received_by, b.received_by), (a.released_by, b.released_by))):
        if same[0] is not None and same[0] == same[1] and None in other:
            return _compatible(a, b)
    return False


def _compatible(a: SideReading, b: SideReading, ignore_count: bool = False) -> bool:
    """No contradiction: each party equal or unknown on one side, counts equal or unknown."""
    for x, y in ((a.released_by, b.released_by), (a.received_by, b.received_by)):
        if x is not None and y is not None and x != y:
            return False
    released, received = a.released_by or b.released_by, a.received_by or b.received_by
    if released is not None and released == received:
        return False
    if not ignore_count and a.count is not None and b.count is not None and a.count != b.count:
        return False
    if set(a.against) & _names(b) or set(b.against) & _names(a):
        return False        # a clause put them on opposite sides
    if (a.released_by, a.received_by) == (None, None) and not (set(a.persons) & set(b.persons)):
        return bool(a.persons or a.new_names) and False
    return True


def _absorb(t: SideReading, s: SideReading) -> None:
    if t.released_by is None and s.released_by is None and s.released_src == "nonstate":
        t.released_src = "nonstate"     # the body's "kidnappers" still hold for the headline's side
    t.released_by = t.released_by or s.released_by
    t.received_by = t.received_by or s.received_by
    for n in s.persons:
        if n not in t.persons:
            t.persons.append(n)
    for n in s.new_names:
        if n[0] not in [x[0] for x in t.new_names]:
            t.new_names.append(n)
    if t.count is None and s.count is not None:
        t.count = s.count
    elif t.count is not None and s.count is not None and s.count > t.count and t.count <= len(t.persons):
        # "Kyiv hands back Medvedchuk" (1, from the name) and "handed over 55 servicemen and
        # Medvedchuk" (56): the figure that covers more people is the side's count.
        t.count = s.count
    t.pow |= s.pow
    t.hostage |= s.hostage
    t.prisoner |= s.prisoner
    t.transfer |= s.transfer
    t.subset |= s.subset
    t.spans += s.spans
    t.against += [n for n in s.against if n not in t.against]
    t.vouched += [n for n in s.vouched if n not in t.vouched]
    t.traded_for |= s.traded_for


def _same_people(a: SideReading, b: SideReading) -> bool:
    return bool(a.persons) and a.persons == b.persons


def _copy(s: SideReading) -> SideReading:
    return SideReading(**{**s.__dict__, "persons": list(s.persons), "new_names": list(s.new_names),
                          "spans": list(s.spans), "nationalities": list(s.nationalities),
                          "against": list(s.against), "unplaced": list(s.unplaced),
                          "vouched": list(s.vouched)})


# -- mediators and locations --------------------------------------------------------------

def _event_for_sentence(events: list[Event], sent) -> int | None:
    """The news event takes article-level statements; else the event in that sentence."""
    for i, ev in enumerate(events):
        if any(r.sent.start == sent.start for r in ev.readings):
            return i
    for i, ev in enumerate(events):
        if ev.news:
            return i
    return None


def _names_people(ctx: ArticleContext, pm) -> bool:
    """"two U.S. veterans", "French citizens": a country on a people noun says whose they are."""
    span = ctx.doc.char_span(pm.start, pm.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.tag_ in ("NNS", "NNPS") \
        and _people_word(root.head)


def _attach_mediators(ctx: ArticleContext, events: list[Event], mentions: list[ExchangeMention],
                      parties: PartyIndex) -> None:
    if not mentions:
        return
    text = ctx.doc.text
    if NO_MEDIATION.search(text):
        return
    g = ctx.gazetteer
    for sent in ctx.doc.sents:
        st = sent.text
        strong = MEDIATION_STRONG.search(st)
        weak = MEDIATION_WEAK.search(st)
        if not strong and not weak:
            continue
        if not re.search(r"releas|return|free|exchang|swap|hand(?:over|ed over)|hostage|detain|prisoner|home|deal|agreement|"
                         r"this work|this process|outcome|effort", st, re.I):
            continue
        if st.strip().endswith("?"):
            continue
        i = _event_for_sentence(events, sent)
        if i is None:
            continue
        m = mentions[i]
        side_parties = {s.released_by for s in m.sides} | {s.received_by for s in m.sides}
        # "the swap between Russia and Ukraine, brokered by Saudi Arabia": the two are its parties
        side_parties |= {p for r in events[i].readings for p in r.pair} | set(events[i].main_pair)
        for pm in parties.in_range(sent.start_char, sent.end_char):
            if pm.kind not in ("country", "institution", "leader", "demonym", "capital"):
                continue
            if pm.kind == "demonym":
                # "the Nigerien government", "the Qatari government": a state, not a people.
                nxt = text[pm.end:pm.end + 30].lower()
                if not re.match(r"\s+(?:government|authorities|officials|leadership|emir|mediators?)", nxt):
                    continue
            if pm.kind == "capital" or _names_people(ctx, pm):
                continue
            med = g.mediator(pm.surface) or pm.party
            if not med or med in side_parties and med != "Israel" and strong is None:
                continue
            if med == parties.self_party and strong is None:
                continue
            if med in side_parties:
                continue
            named_by = strong is not None and (strong.group(0).lower().startswith("mediat") or (
                strong.group(0).lower().endswith("by") and 0 <= pm.start - (sent.start_char + strong.end()) <= 6))
            if m.location and m.location.get("country") == med and not named_by:
                continue    # a host is a location, not a mediator ("mediated by Qatar" says it is both)
            if med not in m.mediators:
                m.mediators.append(med)
                m.evidence.append(_ev(ctx, pm.start, pm.end, EXTRACTOR_ID, "mediators"))


def _attach_locations(ctx: ArticleContext, events: list[Event], mentions: list[ExchangeMention]) -> None:
    if not mentions:
        return
    g = ctx.gazetteer
    for sent in ctx.doc.sents:
        st = sent.text
        if st.strip().endswith("?"):
            continue
        for m in [m for rx in (LOCATION_RX, SPOT_RX, SPOT_BEFORE_RX, WHERE_RX) for m in rx.finditer(st)]:
            place = m.group("place").rstrip(".,;:")
            loc = _place(g, place)
            if loc is None:
                continue
            i = _event_for_sentence(events, sent)
            if i is None:
                continue
            x = mentions[i]
            if x.location is None or (x.location.get("city") is None and loc.get("city")):
                side_parties = {s.released_by for s in x.sides} | {s.received_by for s in x.sides}
                if loc["country"] in side_parties and (loc.get("city") is None or not m.group("strong")):
                    continue    # "flown to Moscow": a party's own capital is a destination
                if not m.group("strong") and FUTURE_RX.search(st[max(0, m.start() - 40):m.start()]):
                    continue
                x.location = loc
                start = sent.start_char + m.start("place")
                x.evidence.append(_ev(ctx, start, start + len(place), EXTRACTOR_ID, "location"))
        # "...today in Yemen": a place attached to the trigger of an event.
        for i, ev in enumerate(events):
            for r in ev.readings:
                if r.sent.start != sent.start or mentions[i].location is not None:
                    continue
                tok = r.trigger.token
                preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
                if r.trigger.noun:
                    preps += [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
                for p in preps:
                    obj = [c for c in p.children if c.dep_ == "pobj"]
                    if not obj:
                        continue
                    span = ctx.doc[obj[0].left_edge.i: obj[0].i + 1]
                    loc = _place(g, span.text)
                    side_parties = {s.released_by for s in mentions[i].sides} | {
                        s.received_by for s in mentions[i].sides}
                    if loc is not None and loc["country"] not in side_parties:
                        mentions[i].location = loc
                        mentions[i].evidence.append(_ev(ctx, span.start_char, span.end_char, EXTRACTOR_ID,
                                                        "location"))


def _place(g, place: str) -> dict[str, str | None] | None:
    words = place.split()
    for n in range(len(words), 0, -1):
        cand = " ".join(words[:n])
        cand = re.sub(r"^the\s+", "", cand, flags=re.I)
        city = g.city(cand)
        if city and not g.country(cand):
            return {"city": city[0], "country": city[1]}
        country = g.country(cand)
        if country:
            return {"city": None, "country": country}
    return None
