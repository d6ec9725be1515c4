"""Read one trigger clause into directed sides: who let whom go, how many, to where.

"Moscow released 16 people"            -> Russia released 16
"In return, the United States released Arthur Petrov" -> United States released Petrov
"Washington exchanged P for Q"          -> Washington got P and released Q
"390 Ukrainian prisoners of war came home" -> 390, received by Ukraine
The grammar decides who is the patient (object of an active verb, subject of a passive
one, the noun a participle modifies, the 'of' complement of a noun) and who the agent.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Token

from .context import ArticleContext, headline_end
from .cues import (BODY_WORDS, LIST_GAP_RX, NAMED_AS_RX, SPEECH_VERBS, as_was, definite_description,
                   late_cosubject, opens_clause)
from .mentions import NOT_NAME_WORDS, headline_fragment, strip_descriptors
from .modality import Assessment
from .parties import PartyIndex, agent_in, captor_in, nationalities_in, receiver_in
from .numbers import small_number
from .roles import classify_role, is_title_word
from .triggers import (EXCHANGE, RELEASE, RETURN, Trigger, antecedent, clause_subject, of_object,
                       people_like, verb_lemma)

EXTRACTOR_ID = "swapwatch.sides.v1"

# Entity labels a misread name can carry ("Krashikov" as a place); organisations and works are not names.
NAME_ENTS = {"PERSON", "GPE", "ORG", "LOC", ""}
ORG_WORDS = {"journal", "times", "post", "news", "agency", "ministry", "party", "council", "committee",
             "court", "bank", "university", "institute", "group", "company", "corporation", "inc", "foundation",
             "service", "services", "network", "press", "tribune", "herald", "guardian", "telegraph", "street",
             "center", "centre", "office", "department", "army", "force", "forces", "guard", "police",
             "prison", "colony", "airport", "church", "school", "hospital", "club", "league", "union", "fund",
             "republic", "kingdom", "state", "states", "house", "square", "avenue", "road", "city", "region"}
CLEMENCY_WORDS = {"commute", "commuted", "commutes", "commuting", "commutation", "pardon", "pardoned",
                  "pardons", "pardoning", "clemency"}
POW_WORDS = {"pow", "pows", "soldiers", "soldier", "servicemen", "serviceman", "troops", "fighters",
             "defenders", "servicemembers", "combatants", "marines", "military"}
HOSTAGE_WORDS = {"hostage", "hostages", "abductees", "captives"}
ORG_NOUNS = {"group", "organisation", "organization", "movement", "party", "newspaper", "agency", "company",
             "foundation", "society", "centre", "center", "network", "association", "union", "outlet", "charity",
             "firm", "bank", "channel", "broadcaster", "magazine", "institute", "ngo", "coalition", "alliance",
             "headquarters", "ministry", "office", "service", "council", "committee", "command", "department",
             "bureau", "directorate", "commission"}
# Words that tell of captivity: with one of them, an unknown organisation may be a captor.
_CAPTIVITY_TALK = frozenset({"hostage", "hostages", "captive", "captives", "captivity", "kidnapped", "abducted",
                             "kidnappers", "abductors", "captors", "prisoner", "prisoners", "detainee", "detainees",
                             "custody", "prison", "jail", "detention", "held", "militants", "rebels", "ransom"})

PLACE_HEADS = {"bay", "prison", "jail", "island", "islands", "base", "camp", "colony", "airport", "border",
               "street", "square", "palace", "court", "river", "mountains", "valley", "province", "region",
               "district", "city", "county", "state", "embassy", "hospital", "university", "center", "centre"}
PRISONER_WORDS = {"prisoner", "prisoners", "detainees", "detainee", "inmates", "convicts"}
# A process as the subject of a release: whoever it belongs to helped, but let no one go.
PROCESS_NOUNS = {"mediation", "mediations", "efforts", "effort", "talks", "negotiations", "diplomacy", "deal",
                 "agreement", "initiative", "intervention"}
SUBSET_PREPS = {"including", "among", "includes", "include", "included", "like"}
# "in exchange / return / a trade / a swap / a deal for X": the idiom naming the other half
_TRADE_NOUNS = {"exchange", "return", "trade", "swap", "deal"}
TRANSFER_RX = re.compile(r"\b(?:face (?:justice|charges|trial|prosecution)|stand trial|extradit\w*|deport\w*)\b", re.I)
LINK_RX = re.compile(r"^\W*(?:and\s+)?in (?:return|exchange|turn)\b|^\W*in exchange\b", re.I)
APPROX_RX = re.compile(r"\b(?:nearly|about|around|approximately|roughly|almost|over|more than|"
                       r"fewer than|less than|at least|up to|some|several|dozens|hundreds|thousands|"
                       r"scores|estimated)\b", re.I)


@dataclass
class SideReading:
    """One direction read from one clause."""

    released_by: str | None = None
    received_by: str | None = None
    persons: list[str] = field(default_factory=list)          # PersonInfo.name values
    new_names: list[tuple[str, int, int]] = field(default_factory=list)  # names P did not see
    count: int | None = None
    approximate: bool = False
    pow: bool = False
    hostage: bool = False
    prisoner: bool = False
    transfer: bool = False
    released_src: str = ""        # agent | captor | held_by | mirror | article ...
    received_src: str = ""
    spans: list[tuple[int, int, str]] = field(default_factory=list)   # (start, end, field)
    nationalities: list[str] = field(default_factory=list)
    subset: bool = False          # the people named are some of a larger group ("Among them, X")
    also: bool = False            # "X was freed as well": by whoever freed the ones just told
    also_said: bool = False       # the clause says 'also' / 'as well' whatever parties it names
    against: list[str] = field(default_factory=list)   # people the same clause put on the other side
    unplaced: list[str] = field(default_factory=list)  # people of the event no reading puts on a side
    vouched: list[str] = field(default_factory=list)   # named as freed whatever their role word says
    traded_for: bool = False      # Q in "P for Q": the half that went the other way

    def empty(self) -> bool:
        return not (self.persons or self.new_names or self.count is not None or self.released_by
                    or self.received_by)


@dataclass
class Reading:
    """What one real trigger says: its sides and the event-level hints."""

    trigger: Trigger
    assessment: Assessment
    sides: list[SideReading] = field(default_factory=list)
    pair: list[str] = field(default_factory=list)     # "between A and B", "A and B exchanged"
    total: int | None = None
    total_span: tuple[int, int] | None = None
    swap: bool = False        # the clause says something was given in return
    linked: bool = False      # "In return, ...": the other half of the previous event
    followed: bool = False    # "followed by the release of": a later, separate event
    pow: bool = False         # the people let go are prisoners of war, even with no side read
    each_count: int | None = None    # "with each side handing over 115 soldiers"

    @property
    def sent(self):
        return self.trigger.token.sent


class SideReader:
    """Reads triggers of one article; holds the per-article indexes."""

    def __init__(self, ctx: ArticleContext, persons, parties: PartyIndex, numbers: list) -> None:
        self.ctx = ctx
        self.persons = persons
        self.parties = parties
        self.numbers = numbers
        self.num_starts = [n.start for n in numbers]
        self._genders: dict[str, str] | None = None

    # -- small lookups -------------------------------------------------------------
    def number_at(self, tok: Token):
        i = bisect_left(self.num_starts, tok.idx + 1) - 1
        while i >= 0 and self.numbers[i].end > tok.idx - 30:
            n = self.numbers[i]
            if n.start <= tok.idx < n.end:
                return n
            i -= 1
        return None

    def person_at(self, tok: Token):
        """The person mentioned here; a bare surname shared by a relative or an official and
        someone held ("Griner's return" beside "Griner's wife, Cherelle Griner") is the one held."""
        if self.persons is None:
            return None
        p = self.persons.at(tok.idx, tok.idx + len(tok.text))
        if p is None or not p.role or not classify_role(p.role).block:
            return p
        word = tok.text.strip("'\u2019")
        if " " in word or p.name == word:
            return p
        if any(tok.idx == s and len(p.name) <= e - s for s, e in p.spans):
            return p
        others = [q for q in self.persons.people if q is not p and q.name.split()[-1] == word
                  and not (q.role and classify_role(q.role).block)]
        return others[0] if len(others) == 1 else p

    # -- the patient: who was let go -----------------------------------------------
    def patients(self, trig: Trigger) -> list[Token]:
        """Head tokens of the people let go by this trigger."""
        out = []
        for h in self._patients(trig) or self._headline_name_after(trig):
            if h.lower_ in BODY_WORDS or any(c.lower_ in BODY_WORDS for c in h.conjuncts):
                continue    # "the remains of X were handed over", "X and Y's remains": no one let go
            h = antecedent(trig.token, h)
            inner = of_object(h)
            out.append(inner if inner is not None else h)
        return out

    def _the_group_named_before(self, heads: list[Token], side: SideReading) -> None:
        """ "A, B, C and D were among the Americans who arrived ... Biden said the men had been
        released in return for X": "the men" (or "they") are the people the sentence before named."""
        if self.persons is None or side.persons or side.new_names or len(heads) != 1:
            return
        h = heads[0]
        definite = h.lower_ in ("they", "them") or h.tag_ == "NNS" and any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in h.children) and not any(
            c.dep_ in ("nummod", "amod", "compound", "prep", "relcl", "acl") for c in h.children)
        if not definite or h.sent.start == 0:
            return
        prev = h.doc[h.sent.start - 1].sent
        named = [p for p in self.persons.people if p.detainee and not _blocked(p)
                 and any(prev.start_char <= a and b <= prev.end_char for a, b in p.spans)]
        if len(named) >= 2:
            for p in named:
                a, b = next((a, b) for a, b in p.spans if prev.start_char <= a and b <= prev.end_char)
                side.persons.append(p.name)
                side.spans.append((a, b, "persons"))

    def _among_them(self, trig: Trigger, side: SideReading) -> None:
        """ "Iran let four Americans go home, among them the correspondent X, and ...": the names
        after "among them" are some of the side's counted people; so are those the group "have been
        named as" ("Two hostages freed on Monday have been named as A, 85, and B, 79")."""
        if self.persons is None or not side.count or trig.noun:
            return
        tok = trig.token
        text = tok.doc.text
        m = _AMONG_THEM_RX.search(text, tok.idx, tok.sent.end_char) or NAMED_AS_RX.search(
            text, tok.idx, tok.sent.end_char)
        if m is None:
            return
        named = _names_at(text, self.persons, m.end(), tok.sent.end_char, first_gap=r"(?:[\w.'\u2019-]+\s+){0,5}",
                          listed=False)
        new = [(n, a, b) for n, a, b in named if n not in side.persons]
        if new and len(side.persons) + len(new) <= side.count:
            for n, a, b in new:
                side.persons.append(n)
                side.spans.append((a, b, "persons"))

    @staticmethod
    def _headline_name_after(trig: Trigger) -> list[Token]:
        """ "Iran frees actress Taraneh Alidoosti jailed for ...": a headline the parser could not
        read (the verb taken for an auxiliary); the person named right after the verb is let go."""
        tok = trig.token
        if trig.noun or trig.cls != RELEASE or not _in_headline(tok) or tok.tag_ not in ("VBZ", "VBD", "VBN"):
            return []
        for t in tok.doc[tok.i + 1:min(tok.sent.end, tok.i + 5)]:
            if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBP",) or t.is_punct:
                return []
            if t.ent_type_ == "PERSON":
                last = t
                while last.i + 1 < tok.sent.end and tok.doc[last.i + 1].ent_type_ == "PERSON" \
                        and tok.doc[last.i + 1].ent_iob_ == "I":
                    last = tok.doc[last.i + 1]
                return [last]
        return []

    def _patients(self, trig: Trigger) -> list[Token]:
        tok = trig.token
        kids = list(tok.children)
        if tok.lower_ in ("home", "homeward"):
            subj = clause_subject(tok)
            if subj is None:
                # Headline with no verb: "X back home in U.S. after prisoner swap"
                subj = next((h for h in (tok.head, tok.head.head) if h.ent_type_ == "PERSON" and h.dep_ == "ROOT"), None)
            return [subj] if subj is not None else []
        if trig.noun:
            out = []
            for c in kids:
                if c.dep_ == "prep" and c.lower_ == "of":
                    out += [g for g in c.children if g.dep_ == "pobj"]
                elif c.dep_ in ("prep", "dative") and c.lower_ == "to" and tok.lower_ in CLEMENCY_WORDS:
                    out += [g for g in c.children if g.dep_ == "pobj"]     # "clemency to five Iranians"
                elif c.dep_ == "poss":
                    for p in [c] + list(c.conjuncts):
                        if (self.person_at(p) is not None or p.pos_ in ("PRON", "PROPN")) and (
                                self.parties.at_token(p) is None or self.person_at(p) is not None):
                            out.append(p)
            if tok.lower_ in CLEMENCY_WORDS and tok.dep_ == "dobj" and not out:
                # "granted clemency to five Iranians": the people hang on the verb.
                for c in tok.head.children:
                    if c.dep_ in ("prep", "dative") and c.lower_ == "to":
                        out += [g for g in c.children if g.dep_ == "pobj"]
                    elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON", "NUM"):
                        out.append(c)
            return out
        if trig.particle is not None and trig.particle.lower_ == "out" and trig.cls == RELEASE:
            return [c for c in kids if c.dep_ == "nsubj"]      # "15 came out of Russian prisons"
        if trig.cls == RELEASE and verb_lemma(tok) in ("leave", "walk"):
            return [c for c in kids if c.dep_ == "nsubj"]      # "X left prison on Friday", "X walked free"
        if tok.pos_ == "ADJ":   # "X is free from Russian detention"
            return [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if trig.token.lower_ in ("commute", "commuted", "commutes", "commuting"):
            # "commute the sentence of X" / "commuted X's sentence".
            out = []
            for c in kids:
                if c.dep_ == "dobj":
                    out += [g for o in c.children if o.lower_ == "of" for g in o.children if g.dep_ == "pobj"]
                    out += [o for o in c.children if o.dep_ == "poss"]
            return out
        passive = [c for c in kids if c.dep_ == "nsubjpass"]
        if not passive and tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "dobj") for c in kids):
            # "was arrested and returned to ...": the subject of the first verb.
            passive = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
            if not passive and any(c.dep_ == "auxpass" for c in kids):
                # Parser slip: "workers taken hostage by X were released" -> conj of "taken".
                passive = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if not passive and (tok.tag_ == "VBN" or _in_headline(tok)) and tok.tag_ in ("VBN", "VBD") \
                and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in kids):
            # Headline grammar: "130 Ukrainian prisoners of war freed" is a passive without "were"
            # (the tagger may read "freed" as a past tense there).
            passive = [c for c in kids if c.dep_ == "nsubj" and _people_word(c) and self.parties.at_token(c) is None]
        if not passive and tok.tag_ == "VBN" and tok.dep_ in ("ccomp", "xcomp", "oprd") \
                and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            # "The deal saw her swapped for X", "got him released": a passive small clause
            passive = [c for c in kids if c.dep_ == "nsubj"]
        late = late_cosubject(tok) if passive else None
        if late is not None and late[1].i == passive[0].i and late[0].ent_type_ == "PERSON":
            passive = [late[0]] + passive       # "A, whose business had kept him there, and B were freed"
        if passive:
            passive = [_hostage_slip(p) for p in passive]
            # "X was freed as well, as were A and B"
            return passive + [g for v in kids if as_was(v) for g in v.children if g.dep_ == "nsubj"]
        objs = [c for c in kids if c.dep_ in ("dobj",) and c.lower_ not in ("home",)]
        if not objs and trig.particle is not None and trig.particle.lower_ == "go":
            # "Russia let sixteen prisoners go": the parser makes them the subject of "go"
            # ("Slovenia let go A and B": or its object)
            objs = [c for c in trig.particle.children if c.dep_ in ("nsubj", "dobj")] or [
                c for c in tok.children if c.lower_ in ("whom", "who") and tok.dep_ == "relcl"]
            # ("X, whom Canada let go home": the relative pronoun, whatever the parser makes of it)
        if trig.cls == RETURN and not objs and tok.dep_ == "pcomp" and tok.tag_ == "VBG" \
                and tok.head.lower_ in ("before", "after", "upon"):
            comer = _subject_before_coming(tok.head.head)
            if comer:
                return comer
        if trig.cls == RETURN and not objs:
            # "Americans are coming home", "prisoners of war returned": the subject comes back.
            subj = [c for c in kids if c.dep_ == "nsubj"] or ([trig.subject] if trig.subject is not None else [])
            if trig.particle is not None and trig.token.lower_ in ("home",):
                return subj
            if tok.lower_ in ("welcomed", "welcome", "welcomes", "welcoming", "brought", "bring",
                              "bringing", "brings"):
                # Parser variants: "welcomed into his home spies, ...".
                return [c for c in kids if c.dep_ in ("dobj", "npadvmod", "attr", "oprd")
                        and c.lower_ != "home"] or _after_home(trig)
            return subj
        if objs:
            return objs
        if tok.dep_ in ("acl", "amod", "relcl") and tok.tag_ == "VBN":
            return [tok.head] + _among_subjects(tok.head)
        if tok.dep_ == "pcomp" and tok.tag_ == "VBN" and any(c.lower_ in ("being", "been") for c in kids) \
                and tok.head.lower_ in ("after", "following", "upon", "since", "before"):
            # "X landed in the US after being released": the subject of the clause was let go
            return [c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and any(c.dep_ == "auxpass" for c in kids):
            return [tok.head]
        if tok.dep_ in ("advcl", "conj") and tok.tag_ == "VBN" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj", "auxpass") for c in kids):
            # A reduced clause ("... were among 10 prisoners freed on Wednesday"); a clause
            # with its own "were" lost its subject to the parser: never borrow one then.
            return [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if trig.cls == RETURN:
            return _after_home(trig)
        return []

    # -- reading one trigger -------------------------------------------------------
    def read(self, trig: Trigger, assessment: Assessment) -> Reading:
        tok = trig.token
        sent = tok.sent
        reading = Reading(trig, assessment)
        reading.linked = bool(LINK_RX.search(sent.text)) and sent.start <= tok.i
        if any(c.lower_ == "in" and any(g.lower_ in ("return", "exchange") for g in c.children)
               for c in tok.children):
            reading.linked = reading.linked or _starts_with_in_return(sent)
        reading.followed = tok.head.lower_ == "by" and tok.head.head.lower_ == "followed"
        reading.swap = trig.cls == EXCHANGE or bool(re.search(r"\bin (?:exchange|return)\b", sent.text, re.I))
        reading.pair = self.pair_of(trig)

        heads = self.patients(trig)
        main = self.side_from(trig, heads)
        self._the_group_named_before(heads, main)
        self._among_them(trig, main)
        reading.pow = main.pow
        counter_heads = self.counter_patients(trig, idiom_only=trig.cls == RETURN)
        if trig.cls in (RELEASE, RETURN) and counter_heads and any(_people_word(h) for h in counter_heads):
            # "13 Israelis were freed for 39 Palestinians": an exchange in all but name.
            reading.swap = True
            counter = self.side_from(trig, counter_heads, counter=True)
            if main.received_src == "nationality" and counter.released_by and counter.released_by not in (
                    main.released_by, main.received_by):
                # "released X, a Colombian businessman, in exchange for 10 Americans held in
                # Venezuela": he goes to the party that let the others go, not to his passport
                main.received_by, main.received_src = counter.released_by, "mirror"
            if counter.nationalities and not counter.received_by and counter.nationalities[0] != main.received_by \
                    and not (counter.persons or counter.new_names):
                # "freed 16 prisoners in return for eight Russians": the Russians go to Russia
                counter.received_by = counter.nationalities[0]
            if main.released_by and not counter.received_by:
                counter.received_by = main.released_by
            if main.received_by and not counter.released_by:
                counter.released_by, counter.released_src = main.received_by, "mirror"
            if counter.nationalities and not counter.received_by:
                counter.received_by = counter.nationalities[0]
            if counter.received_by and not main.released_by:
                main.released_by, main.released_src = counter.received_by, "mirror"
            if not main.received_by and main.nationalities:
                main.received_by = main.nationalities[0]
            if main.received_by and not counter.released_by:
                counter.released_by, counter.released_src = main.received_by, "mirror"
            _set_against(main, counter)
            reading.sides = [x for x in (main, counter) if not x.empty()]
        elif trig.cls == EXCHANGE:
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if counter_heads:
                if subj and len(reading.pair) < 2:
                    # "Russia and Ukraine swapped 90 prisoners for 90": the two parties trade
                    both = self.coordinated_parties(subj[0])
                    if len(both) == 2:
                        reading.pair = both
                counter = self.side_from(trig, counter_heads, counter=True)
                self.orient_exchange(trig, main, counter, reading)
                _set_against(main, counter)
                reading.sides = [s for s in (main, counter) if not s.empty()]
            else:
                # "The United States and Russia exchanged prisoners": parties, no direction.
                if subj and len(reading.pair) < 2:
                    conj_parties = self.coordinated_parties(subj[0])
                    if len(conj_parties) >= 2:
                        reading.pair = conj_parties
                if len(reading.pair) == 2 and main.count and not (main.persons or main.new_names) \
                        and main.released_src != "agent":
                    reading.sides = self.pair_total(sent, main, reading)
                elif main.count is not None or main.persons or main.new_names:
                    main.released_by = None if main.released_src == "agent" else main.released_by
                    reading.sides = [main]
                elif re.search(r"\beach\b", sent.text):
                    reading.each_count = self._each_count(sent)
        else:
            split = self.by_nationality(trig, heads, main)
            reading.sides = split or ([main] if not main.empty() else [])
            reading.sides += self.co_agents(trig, main)
        self.total_of(trig, heads, reading)
        if trig.weak:
            for s in reading.sides:     # "X will be reunited with ...": names only, no figures
                s.count, s.approximate = None, False
                s.spans = [sp for sp in s.spans if sp[2] != "count"]
        also = _also(tok)
        for s in reading.sides:
            s.also = also and s.released_by is None and s.received_by is None
            s.also_said = also
            s.transfer = bool(TRANSFER_RX.search(_own_clause_text(tok)))
            if s.released_by is not None and s.released_by == s.received_by:
                s.received_by = None    # nobody is let go to their own captor
        return reading

    def side_from(self, trig: Trigger, heads: list[Token], counter: bool = False) -> SideReading:
        """Build one side: persons, count, nationality, agent and captor around the trigger."""
        tok = trig.token
        side = SideReading(traded_for=counter)
        span_toks: list[Token] = []
        direct: list[Token] = []
        for h in heads:
            span_toks += list(h.subtree)
            direct += _direct_chain(h)
        subset_toks = [x for x in span_toks if _in_subset(x, heads)]
        if not counter and heads and all(h.tag_ in ("NNS", "NNPS") or h.pos_ == "NUM" for h in heads):
            # "freed 18 prisoners on Wednesday, including X": the parser hangs the subset on the verb
            subset_toks += [g for c in tok.children if c.lower_ in SUBSET_PREPS and c.dep_ == "prep"
                            and c.i > max(h.i for h in heads) for g in c.subtree]
        # People named.
        seen: set[str] = set()
        for t in direct + subset_toks:
            if (t.pos_ == "PRON" and t.lower_ in ("him", "her", "his", "she", "he")) or definite_description(t):
                p = self.resolve_pronoun(t)
            else:
                p = self.person_at(t)
            if p is None:
                continue
            if p.name in seen or _blocked(p) or not self.plausible_name(p.name):
                continue
            if t.pos_ != "PRON" and self._organisation_at(t.idx):
                continue
            if not p.detainee and t not in direct and not t.pos_ == "PRON":
                continue
            seen.add(p.name)
            side.persons.append(p.name)
            side.spans.append((t.idx, t.idx + len(t.text), "persons"))
        for t in self._freed_together_with(tok):
            # "Ohad, freed together with his mother, Keren Munder, and grandmother, Ruti Munder":
            # relatives named as freed with him are freed, whatever their role word says
            p = self.person_at(t)
            if p is not None and p.name not in seen and self.plausible_name(p.name) \
                    and not self._organisation_at(t.idx):
                seen.add(p.name)
                side.persons.append(p.name)
                side.vouched.append(p.name)
                side.spans.append((t.idx, t.idx + len(t.text), "persons"))
        known, new = self.names_in(direct)
        for info, s, e in known:
            if info.name not in seen and not _blocked(info) and self.plausible_name(info.name) \
                    and not self._organisation_at(s):
                seen.add(info.name)
                side.persons.append(info.name)
                side.spans.append((s, e, "persons"))
        for name, s, e in new:
            if name not in seen and self.plausible_name(name) and not self._organisation_at(s):
                side.new_names.append((name, s, e))
                side.spans.append((s, e, "persons"))
        list_tail(self.ctx.doc.text, self.persons, side)
        # Count: a numeral on the patient noun (not inside "including three ...").
        for h in heads:
            # "exchanged prisoners of war": the kind holds even when no figure is given.
            kinds = {x.lower_ for x in [h] + list(h.conjuncts) if not _former(x)}
            side.pow = side.pow or bool(kinds & POW_WORDS) or "prisoners of war" in " ".join(
                x.lower_ for x in h.subtree)
            side.hostage = side.hostage or bool(kinds & HOSTAGE_WORDS)     # counted or not
            # Conjuncts that are not people ("... and a prisoner swap", a misparse) add nothing.
            items = [h] + [c for c in h.conjuncts if (_people_word(c) or self._count_of(c) is not None)
                           and not opens_clause(c) and not self._names_the_group(h, c)]
            found = [(t, self._count_of(t)) for t in items]
            nums = [n for _, n in found if n is not None]
            if not nums or side.count is not None or side.approximate:
                continue
            if any((n.approximate and not self._particle(n)) or self._hedged(t) for t, n in found if n is not None):
                side.approximate = True
            else:
                # "one Danish and two Austrian citizens" -> 3; "55 servicemen and Viktor M." -> 56.
                # "a British national and four Americans" -> 5: a singular noun with "a" is one.
                named = [t for t, n in found if n is None and (self.person_at(t) is not None or (
                    t.tag_ == "NN" and _people_word(t)
                    and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)))]
                if len(nums) >= 3 and not named and nums[0].value == sum(n.value for n in nums[1:]):
                    side.count = nums[0].value  # "39 Palestinians, 24 women and 15 teenage boys"
                elif len(nums) + len(named) == len(items):
                    side.count = sum(n.value for n in nums) + len(named)
                elif len(nums) == 1:
                    side.count = nums[0].value
                for n in nums:
                    side.spans.append((n.start, n.end, "count"))
            low = {x.lower_ for x in [h] + list(h.conjuncts)}
            words = {x.lower_ for x in h.subtree if not _in_subset(x, heads)}
            low = {x.lower_ for x in [h] + list(h.conjuncts) if not _former(x)}
            side.pow = side.pow or bool(low & POW_WORDS) or "prisoners of war" in " ".join(
                x.lower_ for x in h.subtree) or any(w in ("pow", "pows") for w in words)
            side.hostage = side.hostage or bool(low & HOSTAGE_WORDS)
            side.prisoner = side.prisoner or bool(low & PRISONER_WORDS)
        if not side.persons and not side.new_names and len(heads) == 1 and side.count:
            group_apposition(self.ctx.doc.text, self.persons, side, heads[0])
        if trig.noun and any(c.lower_ in ("pow", "pows") for c in tok.children):
            side.pow = True
        if any(h.dep_ == "pobj" and h.head.lower_ == "among" for h in heads):
            side.subset = True      # "Among those released were A, B and C": some of them, no count
        if trig.held_subject:
            side.subset = True      # "four journalists ... landed in Marib": some of those let go
        if side.count is None and not side.approximate and not side.subset and heads and (
                side.persons or side.new_names):
            if self._only_names(heads) or (len(side.persons) + len(side.new_names) == 1
                                           and self._singular(heads)):
                side.count = len(side.persons) + len(side.new_names)
                side.spans.append((heads[0].idx, heads[0].idx + len(heads[0].text), "count"))
        if side.count is None and not side.approximate and not side.subset and not side.persons \
                and not side.new_names and len(heads) == 1 and not heads[0].conjuncts \
                and heads[0].tag_ == "NN" and _people_word(heads[0]) \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in heads[0].children):
            # "in exchange for the release of a prominent Afghan tribal leader": one person
            side.count = 1
            side.spans.append((heads[0].idx, heads[0].idx + len(heads[0].text), "count"))
        others = self._along_with_others(tok)
        if others is not None and side.count == 1 and len(side.persons) + len(side.new_names) == 1:
            side.count = others + 1     # "X was freed along with 13 other prisoners": 14
        # Nationality of the people (not of a subset).
        nat_toks = [t for t in span_toks if not _in_subset(t, heads) and not _in_clause(t, heads)
                    and not _in_other_half(t, heads)]
        side.nationalities, nat_tok = nationalities_in(nat_toks, self.parties)
        if not counter:
            self.agent_and_receiver(trig, side, heads, span_toks)
        else:
            cap, ctok = captor_in(span_toks, self.parties)
            if cap:
                side.released_by, side.released_src = cap, "captor"
            elif cap == "":
                side.released_src = "nonstate"
        return side

    def agent_and_receiver(self, trig: Trigger, side: SideReading, heads: list[Token],
                           span_toks: list[Token]) -> None:
        tok = trig.token
        kids = list(tok.children)
        subj = [c for c in kids if c.dep_ == "nsubj"]
        agent_toks = [c for c in kids if c.dep_ == "agent"]
        if trig.cls == RELEASE and not trig.noun and tok.pos_ != "ADJ":
            # Active: the subject released them; passive: "by X".
            if subj and not any(c.dep_ == "nsubjpass" for c in kids):
                for sj in subj:     # a dateline may be parsed as a second subject
                    if any(h.i == sj.i or h in sj.subtree for h in heads):
                        continue    # headline passive: "US basketball star X freed" names who was freed
                    if sj.lower_ in PROCESS_NOUNS:
                        continue    # "UAE mediation frees 206 captives": the mediator lets no one go
                    # not from a clause on the subject: "Britons captured in Ukraine freed"
                    inner = {t.i for c in sj.subtree if c.dep_ in ("acl", "relcl") for t in c.subtree}
                    party, ptok = agent_in([t for t in sj.subtree if t.i not in inner], self.parties)
                    if party:
                        side.released_by, side.released_src = party, "agent"
                        side.spans.append((ptok.idx, ptok.idx + len(ptok.text), "released_by"))
                        break
                    if self._club(sj):
                        # "The Dallas Cowboys released X after his arrest": a firm or a team lets
                        # people go from jobs, not from custody; no holder is to be guessed
                        side.released_by, side.released_src = "", "org"
                        break
            elif agent_toks:
                party, ptok = agent_in(list(agent_toks[0].subtree), self.parties, allow_self=True)
                if party:
                    side.released_by, side.released_src = party, "agent"
                    side.spans.append((ptok.idx, ptok.idx + len(ptok.text), "released_by"))
            if not subj and trig.particle is not None and trig.particle.lower_ == "let" and not side.released_by:
                # "Slovenia let go A and B": the parser may cut the subject off as a sentence
                doc, j = tok.doc, trig.particle.i - 1
                before: list[Token] = []
                while j >= 0 and doc[j].pos_ in ("PROPN", "DET") and not doc[j].is_space:
                    before.insert(0, doc[j])
                    j -= 1
                party, ptok = agent_in(before, self.parties) if before else (None, None)
                if party and (j < 0 or doc[j].is_space or doc[j].text in ".;:-*\u2022\u2013"):
                    side.released_by, side.released_src = party, "agent"
                    side.spans.append((ptok.idx, ptok.idx + len(ptok.text), "released_by"))
            if not subj and tok.tag_ in ("VBD", "VBZ") and tok.dep_ == "conj" and not side.released_by:
                # "Poland handed over X, and the United States released Y": the parser hung
                # the second subject on X; the party right before the verb is its subject.
                absolute = _absolute_subject(tok, finite=True)
                if absolute:
                    party, ptok = agent_in(absolute, self.parties)
                    if party:
                        side.released_by, side.released_src = party, "agent"
                        side.spans.append((ptok.idx, ptok.idx + len(ptok.text), "released_by"))
            if not subj and not side.released_by and tok.tag_ in ("VBD", "VBN", "VBZ") \
                    and not any(c.dep_ in ("auxpass", "nsubjpass", "aux") for c in kids):
                # "Ukraine in return handed over 55 servicemen" parsed as a verbless sentence
                # about Ukraine: the party that heads it is the subject.
                root = tok.sent.root
                if root.pos_ == "PROPN" and root.i < tok.i and root.dep_ == "ROOT" \
                        and any(c.dep_ == "dobj" for c in kids):
                    party, ptok = agent_in([t for t in tok.doc[root.left_edge.i:root.i + 1]], self.parties)
                    if party and ptok is not None and ptok.i == root.i:
                        side.released_by, side.released_src = party, "agent"
                        side.spans.append((ptok.idx, ptok.idx + len(ptok.text), "released_by"))
            if not subj and tok.tag_ == "VBG" and not side.released_by:
                # "with Russia freeing X and the United States releasing Y": the phrase just
                # before a gerund is its subject even when the parser hangs it elsewhere.
                absolute = _absolute_subject(tok)
                if absolute:
                    party, ptok = agent_in(absolute, self.parties)
                    if party:
                        side.released_by, side.released_src = party, "agent"
                        side.spans.append((ptok.idx, ptok.idx + len(ptok.text), "released_by"))
            if not subj and tok.dep_ in ("xcomp", "pcomp", "advcl") and not side.released_by \
                    and not any(c.dep_ == "auxpass" for c in kids):
                # "the President approved moving forward with releasing X": the governing subject
                # (not in "X was held for years before being released": there it is the one freed).
                gov = _governing_subject(tok)
                if gov is not None:
                    party, ptok = agent_in(list(gov.subtree), self.parties)
                    if party:
                        side.released_by, side.released_src = party, "agent"
            if side.released_src == "agent":
                self._custody_left(kids, side)
        elif trig.noun:
            if tok.lower_ in CLEMENCY_WORDS and tok.dep_ == "dobj":
                gsubj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if gsubj:
                    party, ptok = agent_in(list(gsubj[0].subtree), self.parties)
                    if party:
                        side.released_by, side.released_src = party, "agent"
            has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in kids)
            for c in kids:
                if c.dep_ == "poss" and has_of:
                    m = self.parties.at_token(c)
                    if m is not None and m.kind in ("country", "capital", "metonym", "leader", "group"):
                        side.released_by, side.released_src = m.party, "agent"
                if c.dep_ == "prep" and c.lower_ == "by":
                    party, ptok = agent_in(list(c.subtree), self.parties)
                    if party:
                        side.released_by, side.released_src = party, "agent"
        elif trig.cls == RETURN:
            # "We are bringing X home", "Putin welcomed ... into his home": the subject receives;
            # "Russia returned 115 prisoners of war" (no home, no 'to'): the subject lets go.
            if subj and tok.lower_ in ("returned", "return", "returns", "returning") and not _home_in(trig) \
                    and any(h.dep_ == "dobj" and h.head.i == tok.i for h in heads) \
                    and not any(c.dep_ == "nsubjpass" for c in kids):
                party, ptok = agent_in(list(subj[0].subtree), self.parties)
                if party:
                    side.released_by, side.released_src = party, "agent"
                    side.spans.append((ptok.idx, ptok.idx + len(ptok.text), "released_by"))
            elif subj and tok.lower_ not in ("returned", "return", "returns", "returning", "came", "come",
                                           "comes", "coming") and heads and heads[0] not in subj \
                    and not any(s.lower_ in _VEHICLES for s in subj) and tok.doc[tok.i - 1].lower_ not in _VEHICLES:
                # (not "a Swiss government aircraft flew X out": the plane's flag receives no one)
                party, ptok = agent_in(list(subj[0].subtree), self.parties)
                if party:
                    side.received_by, side.received_src = party, "agent"
        # Captor: "held in Russian prisons", "from Russian captivity", "from Venezuela".
        if not side.released_by:
            froms = [c for c in kids if c.dep_ == "prep" and c.lower_ in ("from",)]
            froms += [g for c in kids if c.lower_ == "out" for g in c.children if g.lower_ == "of"]
            # "returned home from Russia": the parser may hang "from" on "home".
            froms += [g for c in kids if c.lower_ == "home" for g in c.children
                      if g.dep_ == "prep" and g.lower_ == "from"]
            for f in froms:
                for g in f.subtree:
                    m = self.parties.at_token(g)
                    if m is not None and m.kind in ("country", "metonym", "group", "demonym"):
                        side.released_by, side.released_src = m.party, "from"
                        break
                if side.released_by:
                    break
        if not side.released_by and side.released_src != "org":
            cap, ctok = captor_in(span_toks + [t for t in kids if t.dep_ == "prep"] +
                                  [g for c in kids if c.dep_ in ("prep", "advcl") for g in c.subtree],
                                  self.parties)
            if cap:
                side.released_by, side.released_src = cap, "captor"
            elif cap == "":
                side.released_src = "nonstate"     # "held by gunmen": nobody to name
        if side.released_by is None and side.released_src != "nonstate" and tok.lower_ in CLEMENCY_WORDS \
                and self.parties.self_party:
            # A commutation or pardon is granted by the state that holds the prisoner.
            side.released_by, side.released_src = self.parties.self_party, "self"
        if side.released_by is None and trig.cls == RELEASE and tok.pos_ == "ADJ":
            cap, _ = captor_in(list(tok.subtree), self.parties)
            if cap:
                side.released_by, side.released_src = cap, "captor"
        # Receiver: "to X", "back home to X", "into U.S. custody".
        if not side.received_by:
            rec_toks = [g for c in kids if c.dep_ in ("prep", "dative", "advmod", "npadvmod")
                        for g in c.subtree]
            if trig.particle is not None:
                rec_toks += list(trig.particle.subtree)
            party, ptok = receiver_in(rec_toks, self.parties)
            if party and party != side.released_by:
                side.received_by, side.received_src = party, "to"
        if not side.received_by and (trig.landed or tok.lower_ == "home"):
            # "X landed in the US", "X back home in U.S." (the parser may hang "in" on X)
            after = [c for c in tok.head.children if c.i > tok.i] if tok.lower_ == "home" else []
            party = self._landed_in(kids + after)
            own = [n for n in side.nationalities if n != side.released_by]
            if party and len(own) == 1 and party != own[0]:
                party = own[0]      # "five Americans landed in Qatar": a stop on the way home
            if party and party != side.released_by:
                side.received_by, side.received_src = party, "to"
        if not side.received_by and side.nationalities:
            rest = [n for n in side.nationalities if n != side.released_by]
            if len(rest) == 1:
                side.received_by, side.received_src = rest[0], "nationality"
        if not side.received_by and trig.cls == RETURN and self.parties.self_party \
                and side.released_by != self.parties.self_party and _home_in(trig):
            # "She's on her way home" in a government's own statement: home is that country.
            side.received_by, side.received_src = self.parties.self_party, "self"
        if not side.received_by and trig.cls == RETURN and _home_in(trig):
            # "Kyiv said 130 soldiers came home": the party that tells of a homecoming is home
            teller = tok.head if tok.dep_ in ("ccomp", "parataxis") and tok.head.lower_ in SPEECH_VERBS else None
            subj = [c for c in teller.children if c.dep_ == "nsubj"] if teller is not None else []
            party, _ = agent_in(list(subj[0].subtree), self.parties) if subj else (None, None)
            if party and party != side.released_by:
                side.received_by, side.received_src = party, "teller"

    def _club(self, subj: Token) -> bool:
        """An organisation no gazetteer knows as a party, in a sentence that tells of no captivity."""
        if subj.ent_type_ not in ("ORG", "") or subj.pos_ != "PROPN" or self.parties.at_token(subj) is not None:
            return False
        return not any(t.lower_ in _CAPTIVITY_TALK for t in subj.sent)

    def _custody_left(self, kids: list[Token], side: SideReading) -> None:
        """"U.S. officials freed her from Russian custody": the custody names who let her go;
        the subject is who got her out, the one she went to."""
        frm = [g for c in kids if c.dep_ == "prep" and c.lower_ == "from" for g in c.subtree]
        holder, _ = captor_in(frm, self.parties) if frm else (None, None)
        if holder and holder != side.released_by:
            if not side.received_by:
                side.received_by, side.received_src = side.released_by, "agent"
            side.released_by, side.released_src = holder, "from"

    def _landed_in(self, kids: list[Token]) -> str | None:
        """The country after "in" / "at" on a landing or arrival verb (not a city: freed people
        often land first in the mediator's capital, "five Americans land in Doha")."""
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for g in c.children:
                    m = self.parties.at_token(g) if g.dep_ == "pobj" else None
                    if m is not None and m.kind == "country":
                        return m.party
        return None

    def by_nationality(self, trig: Trigger, heads: list[Token], main: SideReading) -> list[SideReading]:
        """"13 Israelis and four Thai nationals": one side per nationality, each with its count."""
        if len(heads) != 1:
            return []
        items = [heads[0]] + list(heads[0].conjuncts)
        if len(items) < 2:
            return []
        g = self.ctx.gazetteer
        parts = []
        for t in items:
            n = self._count_of(t)
            nat = g.demonym(t.text) or next((g.demonym(c.text) for c in t.children
                                             if c.dep_ in ("amod", "compound") and g.demonym(c.text)), [])
            if n is None or n.approximate or len(nat) != 1:
                return []
            parts.append((t, n, nat[0]))
        if len({p[2] for p in parts}) != len(parts):
            return []
        out = []
        for t, n, nat in parts:
            sd = SideReading(released_by=main.released_by, received_by=nat if nat != main.released_by else None,
                             count=n.value, released_src=main.released_src, received_src="nationality",
                             pow=main.pow, hostage=main.hostage, prisoner=main.prisoner,
                             spans=[(n.start, n.end, "count")] + [sp for sp in main.spans if sp[2] != "count"])
            out.append(sd)
        return out

    def co_agents(self, trig: Trigger, main: SideReading) -> list[SideReading]:
        """"Slovenia, Poland and Norway also freed Russians": one side per releasing party
        (without a count, which belongs to none of them alone)."""
        if main.released_src != "agent" or trig.noun or main.persons or main.new_names:
            return []
        subj = [c for c in trig.token.children if c.dep_ == "nsubj"]
        if not subj or not list(subj[0].conjuncts):
            return []
        extra = [p for p in self.coordinated_parties(subj[0]) if p != main.released_by]
        if not extra:
            return []
        each = any(c.lower_ == "each" for c in trig.token.children) or any(
            c.lower_ == "each" for c in subj[0].children)
        if not each:
            main.count = None     # "Russia and Ukraine each returned 115": the figure is per party
        received = main.received_by
        if each and len(extra) == 1 and received is None:
            # two parties that each returned prisoners returned them to each other
            main.received_by, received = extra[0], main.released_by
        return [SideReading(released_by=p, received_by=received, released_src="agent", count=main.count,
                            received_src=main.received_src, nationalities=list(main.nationalities),
                            pow=main.pow, hostage=main.hostage, prisoner=main.prisoner,
                            spans=[sp for sp in main.spans if sp[2] != "count"]) for p in extra]

    # -- exchanges: the other half ---------------------------------------------------
    def counter_patients(self, trig: Trigger, idiom_only: bool = False) -> list[Token]:
        """Q in "exchanged P for Q", "the exchange of P for Q", "P swapped for Q", and in
        "came home in a trade for Q" (idiom_only: only the "in exchange / in a trade for" form)."""
        tok = trig.token
        cands = [] if idiom_only else [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"]
        if not idiom_only:
            for h in self.patients(trig):
                cands += [c for c in h.children if c.dep_ == "prep" and c.lower_ == "for"]
        # "... in exchange for X", "in return for X"; "in a swap with X" when X is a person.
        swaps = [tok] if trig.noun and trig.cls == EXCHANGE else []
        for c in [*tok.children, *self._idiom_inside_patients(trig)]:
            if c.dep_ == "prep" and c.lower_ == "in":
                for g in c.children:
                    if g.lower_ in _TRADE_NOUNS and g.dep_ == "pobj":
                        cands += [f for f in g.children if f.dep_ == "prep" and f.lower_ == "for"]
                        swaps.append(g)
        out = []
        for c in cands:
            out += [g for g in c.children if g.dep_ == "pobj"]
        if not idiom_only:
            out += [g for w in swaps for f in w.children if f.dep_ == "prep" and f.lower_ == "with"
                    for g in f.children if g.dep_ == "pobj" and self._a_person(g)]
        return out

    def _idiom_inside_patients(self, trig: Trigger) -> list[Token]:
        """"freed X, a researcher jailed for failing to register, in exchange for Y": the parser
        hangs the idiom on a word of the apposition; it still tells the release's other half.
        Only when the verb has no idiom of its own, and not inside a clause of its own subject."""
        if trig.noun or any(c.dep_ == "prep" and c.lower_ == "in" and any(
                g.lower_ in _TRADE_NOUNS for g in c.children) for c in trig.token.children):
            return []
        out = []
        for h in self.patients(trig):
            for t in h.subtree:
                if t.dep_ == "prep" and t.lower_ == "in" and t.i > h.i and not any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in t.head.children) \
                        and any(g.lower_ in _TRADE_NOUNS and g.dep_ == "pobj"
                                for g in t.children):
                    out.append(t)
        return out

    def _a_person(self, tok: Token) -> bool:
        """A named person, not a party ("a swap with Russia" names the other country)."""
        return self.person_at(tok) is not None and self.parties.at_token(tok) is None

    def orient_exchange(self, trig: Trigger, main: SideReading, counter: SideReading,
                        reading: Reading) -> None:
        """'A exchanged P for Q': A received P and released Q. 'P swapped for Q': opposite sides."""
        tok = trig.token
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        agent = None
        if subj and not trig.noun and not any(c.dep_ == "nsubjpass" for c in tok.children):
            agent, _ = agent_in(list(subj[0].subtree), self.parties)
        main.released_by = main.released_by if main.released_src == "captor" else None
        main.received_by = None
        if agent and self._belongs_to(counter, agent, reading, counter_side=True) \
                and not self._belongs_to(main, agent, reading, counter_side=False):
            # "Kyiv traded Medvedchuk for 200 of its service members": A gets its own people back.
            main, counter = counter, main
        if agent:
            main.received_by, main.received_src = agent, "agent"
            counter.released_by, counter.released_src = agent, "agent"
        # The other party: nationality of the people going to it, or the captor of the others.
        other = None
        for n in counter.nationalities:
            if n != agent:
                other = n
                break
        if other is None and main.released_by and main.released_by != agent:
            other = main.released_by
        if agent is None:
            # Passive or nominal: each side's nationality goes home.
            if counter.nationalities and not counter.received_by:
                counter.received_by = counter.nationalities[0]
            if main.nationalities and not main.received_by:
                main.received_by = main.nationalities[0]
            if counter.received_by and not main.released_by:
                main.released_by, main.released_src = counter.received_by, "mirror"
            if main.released_by and not counter.received_by:
                counter.received_by = main.released_by
            if main.received_by and not counter.released_by:
                counter.released_by, counter.released_src = main.received_by, "mirror"
            if counter.released_by and not main.received_by:
                main.received_by = counter.released_by
            return
        if other:
            if not main.released_by:
                main.released_by, main.released_src = other, "mirror"
            counter.received_by, counter.received_src = other, "mirror"

    def _belongs_to(self, side: SideReading, agent: str, reading: Reading, counter_side: bool) -> bool:
        """The people are the agent's own: its nationals, or "its / their own" people."""
        if agent in side.nationalities:
            return True
        heads = self.counter_patients(reading.trigger) if counter_side else self.patients(reading.trigger)
        return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for h in heads for c in h.subtree)

    def pair_of(self, trig: Trigger) -> list[str]:
        """Parties of "the exchange between Russia and Ukraine" / "the swap with Russia"."""
        tok = trig.token
        out: list[str] = []
        kids = list(tok.children)
        if trig.noun and tok.dep_ in ("nsubj", "nsubjpass"):
            # "The swap ... moved 26 people between Russia and the West": the verb's 'between'
            near = [tok.head] + [c for c in tok.head.children if c.dep_ == "dobj"]
            kids += [c for n in near for c in n.children if c.lower_ == "between"]
        # "an exchange of / exchanging 206 captives between Russia and Ukraine": on the exchanged ones
        objects = [o for of in tok.children if of.lower_ == "of" for o in of.children] if trig.noun else [
            o for o in tok.children if o.dep_ == "dobj"] if trig.cls == EXCHANGE else []
        kids += [g for o in objects for g in o.children if g.lower_ == "between"]
        for c in kids:
            if c.dep_ == "prep" and (c.lower_ == "between" or (c.lower_ == "with" and trig.cls == EXCHANGE)):
                # "between Russia and Ukraine", "an exchange with Russia" (not "with the help of X",
                # nor "with the UAE mediating": a party that helps is no side of it)
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if c.lower_ == "with" and any(g.tag_ == "VBG" or g.lower_.endswith("ing") for o in objs
                                              for g in o.subtree):
                    continue
                for o in objs:
                    for g in [o] + list(o.conjuncts) + [x for x in o.children if x.dep_ in ("compound", "amod")]:
                        m = self.parties.at_token(g)
                        if m is not None and m.kind in ("country", "capital", "metonym", "group", "leader") \
                                and m.party not in out:
                            out.append(m.party)
        if not out and trig.noun and trig.cls == EXCHANGE and tok.dep_ == "dobj":
            # "Iran and Belgium carried out a prisoner exchange": the verb's two coordinated subjects
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            if subj and subj[0].conjuncts:
                both = self.coordinated_parties(subj[0])
                if len(both) == 2:
                    out = both
            elif subj:
                out = self._warring_sides(subj[0])
        return out

    def _warring_sides(self, subj: Token) -> list[str]:
        """ "Yemen's warring parties completed an exchange": the two sides of that country's civil war
        (the gazetteer's CIVIL_WARS)."""
        if subj.lower_ not in ("parties", "sides", "factions") or not any(
                c.lower_ in ("warring", "rival") for c in subj.children):
            return []
        for c in subj.children:
            m = self.parties.at_token(c) if c.dep_ == "poss" else None
            if m is not None and m.kind == "country":
                pair = self.ctx.gazetteer.civil_war(m.party)
                if pair:
                    return list(pair)
        return []

    def coordinated_parties(self, head: Token) -> list[str]:
        """One party per conjunct of a subject: "Slovenia, Poland and Norway", "The United States
        and Russia" (each conjunct read like an agent: "Iran-aligned Houthis" is the Houthis)."""
        out: list[str] = []
        items = [head] + list(head.conjuncts)
        ids = {t.i for t in items}

        def owner(g: Token) -> int:
            while g.i not in ids and g.head.i != g.i:
                g = g.head
            return g.i

        for t in items:
            own = [g for g in t.subtree if owner(g) == t.i]
            party, _ = agent_in(own, self.parties, allow_self=False)
            if party and party not in out:
                out.append(party)
        return out

    def pair_total(self, sent, main: SideReading, reading: Reading) -> list[SideReading]:
        """"exchanged 190 captives between Russia and Ukraine": the figure is the whole exchange's.
        Each side's comes from "N to / from each", or "of whom N were Russian and M Ukrainian";
        else the two directions are told without a figure."""
        a, b = reading.pair
        reading.total = main.count
        reading.total_span = next(((s, e) for s, e, kind in main.spans if kind == "count"), None)
        counts = {a: None, b: None}
        each = re.search(r"\beach\b", sent.text)     # "to each country", "from each side", "150 each"
        split = re.search(r"\bof (?:whom|them),? (\w+) (?:were|was|are) (\w+) and (\w+) (\w+)", sent.text)
        if split:
            g = self.ctx.gazetteer
            for num, dem in ((split.group(1), split.group(2)), (split.group(3), split.group(4))):
                country = (g.demonym(dem) or [None])[0]
                value = small_number(num)
                if country in counts and value:
                    counts[country] = value     # the Russians among them went to Russia
        elif each:
            figures = set(self._figures(sent))
            others = [v for v in figures if v != main.count]
            if not others:      # "exchanged 150 prisoners each": the figure is each side's
                counts, reading.total = {a: main.count, b: main.count}, 2 * main.count
            elif len(others) == 1 and others[0] * 2 == main.count:    # "300, 150 from each side"
                counts = {a: others[0], b: others[0]}
        return [SideReading(released_by=b, received_by=a, count=counts[a], pow=main.pow, hostage=main.hostage,
                            prisoner=main.prisoner, released_src="pair", received_src="pair"),
                SideReading(released_by=a, received_by=b, count=counts[b], pow=main.pow, hostage=main.hostage,
                            prisoner=main.prisoner, released_src="pair", received_src="pair")]

    def _figures(self, sent, particle_ok: bool = False) -> list[int]:
        """Exact figures on people in the sentence (``particle_ok``: and "handed over 55", whose
        "over" the number finder took for a hedge)."""
        return [n.value for t in sent if _people_word(t) or t.lower_ in POW_WORDS
                for n in [self._count_of(t)]
                if n is not None and (not n.approximate or particle_ok and self._particle(n))]

    def total_of(self, trig: Trigger, heads: list[Token], reading: Reading) -> None:
        """'a total of 24 people being exchanged' is the total, not a side's count."""
        for h in heads:
            anc = [a for a in h.ancestors][:3]
            if any(a.lower_ == "total" for a in anc):
                n = self._count_of(h)
                if n is not None and not n.approximate:
                    reading.total = n.value
                    reading.total_span = (n.start, n.end)
                    for s in reading.sides:
                        if s.count == n.value:
                            s.count = None
                    # The whole clause is about the total, not a side.
                    reading.sides = [s for s in reading.sides if s.persons or s.new_names]

    # -- helpers -----------------------------------------------------------------------
    def _particle(self, n) -> bool:
        """"handed over 55": the "over" the number finder took for a hedge is the verb's particle."""
        span = self.ctx.doc.char_span(n.start, n.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return False
        first = span[0]
        return first.dep_ == "prt" or _handed(first)

    def _hedged(self, head: Token) -> bool:
        """"nearly 900", "about 50": a hedge word on the number itself (not "handed over 55")."""
        for c in head.children:
            if c.dep_ == "nummod" or c.pos_ == "NUM":
                if any(g.dep_ in ("quantmod", "advmod") and APPROX_RX.fullmatch(g.lower_) and not _handed(g)
                       for g in c.children):
                    return True
                if c.i > 0 and c.doc[c.i - 1].dep_ == "quantmod" and APPROX_RX.fullmatch(c.doc[c.i - 1].lower_) \
                        and not _handed(c.doc[c.i - 1]):
                    return True
        return False

    def _organisation_at(self, start: int) -> bool:
        return organisation_at(self.ctx.doc, start)

    def _each_count(self, sent) -> int | None:
        """The one exact figure on people in a sentence that says each side gave as many."""
        found = set(self._figures(sent, particle_ok=True))
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _freed_together_with(verb: Token) -> list[Token]:
        """The tokens of "together with / along with X" on a release verb."""
        kids = list(verb.children)
        withs = _together_withs(verb)
        if any(c.lower_ in ("along", "together") for c in kids):
            withs += [w for w in kids if w.dep_ == "prep" and w.lower_ == "with"]   # parsed on the verb
        return [t for w in withs for t in w.subtree]

    def _along_with_others(self, verb: Token) -> int | None:
        """N in "freed along with / together with N other prisoners"."""
        for w in _together_withs(verb, prep_only=True):
            for o in w.children:
                n = self._count_of(o) if o.dep_ == "pobj" and any(
                    a.lower_ in ("other", "others") for a in o.subtree) else None
                if n is not None and _people_word(o):
                    return n.value
        return None

    def _names_the_group(self, group: Token, conj: Token) -> bool:
        """"two Swedes held by Iran, A and B": names after a comma that follow a counted group
        name its members (the parser joins them as conjuncts); "55 soldiers and X" adds X."""
        if self._count_of(group) is None or self.person_at(conj) is None:
            return False
        first = min((t for t in [conj, *conj.conjuncts] if t.i > group.i), key=lambda t: t.i)
        first = min((t for t in first.subtree if t.i > group.i), key=lambda t: t.i)
        return first.i > 0 and first.doc[first.i - 1].text == "," and first.i - 1 > group.i

    def _count_of(self, head: Token):
        # "Two aid workers": the parser may hang the numeral on the first word of the compound
        firsts = [c for c in head.children if c.dep_ == "compound" and c.i < head.i][:1]
        for c in [*head.children, *(g for f in firsts for g in f.children if g.i < f.i)]:
            if c.dep_ == "nummod" or (c.dep_ in ("amod", "quantmod", "compound") and c.pos_ == "NUM"
                                      and c.i < head.i):
                part = next((x for x in c.children if x.dep_ == "quantmod" and x.pos_ == "NUM" and x.i < c.i
                             and any(o.lower_ == "of" and o.dep_ == "quantmod" for o in c.children)), None)
                n = self.number_at(part if part is not None else c)   # "two of 17 missionaries": two
                if n is not None and not _is_year(n):
                    return n
        if head.pos_ == "NUM" and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            n = self.number_at(head)
            if n is not None and not _is_year(n):
                return n
        return None

    def plausible_name(self, name: str) -> bool:
        """Not a title ("Prime Minister") or a place ("U.S. Marine") taken for a name."""
        words = name.split()
        if not words or is_title_word(words[0]) or all(is_title_word(w) for w in words) or headline_fragment(name):
            return False
        if words[-1].lower() in PLACE_HEADS or words[-1].lower() in ORG_NOUNS:
            return False    # "Guantanamo Bay", "Evin Prison", "Memorial Society"
        if words[-1].lower() in NOT_NAME_WORDS:
            return False    # "The Big Story", a section label before the headline
        g = self.ctx.gazetteer
        return not (g.lookup(words[0]) and g.lookup(words[0])[1] in ("country", "demonym", "institution",
                                                                      "capital", "group", "metonym"))

    @staticmethod
    def _singular(heads: list[Token]) -> bool:
        """One person as the whole patient: no plural noun, no coordination of several."""
        items = [t for h in heads for t in [h] + list(h.conjuncts)]
        if any(t.tag_ in ("NNS", "NNPS") or t.lower_ in ("them", "they", "people", "both") for t in items):
            return False
        return True

    def _only_names(self, heads: list[Token]) -> bool:
        """The patient is nothing but named people ("Gustavo Cardenas and Jorge Fernandez")."""
        for h in heads:
            for t in [h] + list(h.conjuncts):
                if t.lower_ in ("home",):
                    continue
                if t.pos_ == "PRON":
                    continue
                if self.person_at(t) is None and not (t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "")):
                    if t.pos_ != "PROPN" and not any(c.ent_type_ == "PERSON" and c.dep_ in ("appos", "compound")
                                                     for c in t.children):
                        return False
        return True

    def resolve_pronoun(self, tok: Token):
        """'her release', 'brought him home': the nearest named detainee before it whose own
        pronouns, where the text shows them, are not of the other gender."""
        if self.persons is None:
            return None
        best = None
        start_limit = tok.sent.start_char - 400
        doc = tok.doc
        gender = _PRONOUN_GENDER.get(tok.lower_)
        known = self._person_genders() if gender else {}
        for p in self.persons.people:
            if not p.detainee:
                continue
            if gender and known.get(p.name, gender) != gender:
                continue    # "... and he flew home. Her release on Wednesday": not his
            for s, e in p.spans:
                if start_limit <= s and e <= tok.idx:
                    span = doc.char_span(s, e, alignment_mode="expand")
                    subj = span is not None and len(span) and span.root.dep_ in ("nsubj", "nsubjpass", "poss")
                    key = (1 if subj else 0, s)
                    if best is None or key > best[0]:
                        best = (key, p)
        return best[1] if best else self._headline_person(tok)

    def _person_genders(self) -> dict[str, str]:
        """The gender of the pronouns a person takes, where one sentence shows it: a gendered
        pronoun after exactly one named person ("released X, ..., and she landed that afternoon").
        A person shown both ways is left out."""
        if self._genders is None:
            seen: dict[str, set[str]] = {}
            spans = sorted((s, e, p.name) for p in self.persons.people for s, e in p.spans)
            starts = [s for s, _, _ in spans]
            for sent in self.ctx.doc.sents:
                here = spans[bisect_left(starts, sent.start_char):bisect_left(starts, sent.end_char)]
                if not here:
                    continue
                for t in sent:
                    g = _PRONOUN_GENDER.get(t.lower_)
                    if g is None or t.pos_ != "PRON" and t.tag_ != "PRP$":
                        continue
                    before = {n for _, e, n in here if e <= t.idx}
                    if len(before) == 1:
                        seen.setdefault(next(iter(before)), set()).add(g)
            self._genders = {n: next(iter(g)) for n, g in seen.items() if len(g) == 1}
            for p in self.persons.people:      # "Abedini" beside "Mohammad Abedini Najafabadi"
                words = set(p.name.split())
                same = {g for n, g in self._genders.items() if n != p.name and words <= set(n.split())}
                if p.name not in self._genders and len(same) == 1:
                    self._genders[p.name] = next(iter(same))
        return self._genders

    def _headline_person(self, tok: Token):
        """"X back home after swap. The deal saw her swapped for Y": with no one yet known to
        be held, a pronoun in the sentence after the headline stands for the one person the
        headline names (none when it names several, or someone whose role bars them)."""
        end = headline_end(tok.doc.text)
        if not end or tok.pos_ != "PRON" or tok.sent.start == 0 or tok.sent.start_char < end:
            return None
        if tok.doc[tok.sent.start - 1].sent.start_char >= end:
            return None     # not the sentence right after the headline
        named = [p for p in self.persons.people if any(e <= end for s, e in p.spans)]
        if len(named) != 1 or _blocked(named[0]):
            return None
        return named[0]

    def unseen_names(self, direct: list[Token]) -> list[tuple[str, int, int]]:
        """Proper names in the patient that the person analysis missed (tagged as a place)."""
        out: list[tuple[str, int, int]] = []
        used: set[int] = set()
        for t in direct:
            if t.i in used or t.pos_ != "PROPN" or self.person_at(t) is not None:
                continue
            if self.parties.at_token(t) is not None or t.ent_type_ not in NAME_ENTS:
                continue
            # The whole name: compound children plus the head.
            toks = sorted([c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t],
                          key=lambda x: x.i)
            if len(toks) < 2 or any(self.parties.at_token(x) is not None or not x.is_title for x in toks):
                continue
            if any(x.lower_ in ORG_WORDS for x in toks) or any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" for x in toks for c in x.children if c not in toks):
                continue    # "Wall Street Journal", "Moscow City Court": an organisation
            used.update(x.i for x in toks)
            name, described = strip_descriptors(" ".join(x.text for x in toks))
            toks = toks[len(described.split()):]     # "Tennis Legend Becker" -> "Becker"
            out.append((name, toks[0].idx, toks[-1].idx + len(toks[-1].text)))
        return out

    def names_in(self, direct: list[Token]) -> tuple[list, list[tuple[str, int, int]]]:
        """Unseen names split into those the person analysis knows by name and truly new ones."""
        known, new = [], []
        for name, s, e in self.unseen_names(direct):
            info = self.persons.resolve(name) if self.persons is not None else None
            if info is not None:
                known.append((info, s, e))
            else:
                new.append((name, s, e))
        return known, new


def list_tail(text: str, persons, side: SideReading) -> None:
    """"- A, B, C and D - landed", "included A, a teacher, and B": the names a list goes on
    with after the parse lost them (people held only)."""
    if persons is None:
        return
    seen = set(side.persons)
    ends = [e for _, e, kind in side.spans if kind == "persons"]
    while ends:
        end = ends.pop()
        for p in persons.people:
            for s, e in p.spans:
                if s > end and p.name not in seen and p.detainee and not _blocked(p) \
                        and LIST_GAP_RX.match(text[end:s]):
                    seen.add(p.name)
                    side.persons.append(p.name)
                    side.spans.append((s, e, "persons"))
                    ends.append(e)


def _together_withs(verb: Token, prep_only: bool = False) -> list[Token]:
    """The "with" of "along with" / "together with" hung on a verb's "along" or "together"."""
    return [w for c in verb.children if c.lower_ in ("along", "together") and (c.dep_ == "prep" or not prep_only)
            for w in c.children if w.lower_ == "with"]


def _hostage_slip(tok: Token) -> Token:
    """Parser slip: in "two aid workers held hostage in Mali were freed" the small model makes
    "hostage" the subject of "freed" and the workers the subject of "held": the people held
    hostage are the ones freed."""
    verb = tok.doc[tok.i - 1] if tok.i > 0 else tok
    if tok.lower_ not in ("hostage", "hostages", "captive", "captives") \
            or verb.lower_ not in ("held", "taken", "kept"):
        return tok
    held = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i and _people_word(c)]
    return held[0] if held else tok


def group_apposition(text: str, persons, side: SideReading, head: Token) -> None:
    """The people a counted group goes on to name, even where the parse hangs them elsewhere:
    - "in exchange for two Swedes held by Iran, A and B": as many names as the count;
    - "freed three Russians: A, a hacker ...; B, jailed ...; and C": a colon list;
    - "Fifteen of the 16 came out of Russian prisons:" and then a bulleted line per person."""
    if persons is None or not (_people_word(head) or head.pos_ == "NUM"):
        return
    end = max(t.idx + len(t.text) for t in head.subtree if not t.is_punct)
    sent_end = head.sent.end_char
    rest = text[end:sent_end]
    listed = True
    if re.match(r"\s*:\s*\S", rest):
        offset = end + rest.index(":") + 1
        chunks = [(offset + m.start(), offset + m.end()) for m in re.finditer(r"[^;]+", rest.split(":", 1)[1])]
        named = [n for a, b in chunks for n in _names_at(text, persons, a, b)] if len(chunks) > 1 \
            else _names_at(text, persons, offset, sent_end)
        fits = not side.count or len(named) <= side.count
    elif rest.rstrip().endswith(":"):
        named = [n for a, b in _bullet_lines(text, sent_end) for n in _names_at(text, persons, a, b)]
        fits = not side.count or len(named) <= side.count
    else:
        named = _names_at(text, persons, end, sent_end, first_gap=r",\s*", listed=False)
        fits, listed = len(named) == side.count, False
    if not named or not fits or len({n for n, _, _ in named}) != len(named):
        return
    for name, s, e in named:
        side.persons.append(name)
        side.spans.append((s, e, "persons"))
        if listed:
            side.vouched.append(name)   # an entry of a list of the freed


def _bullet_lines(text: str, start: int) -> list[tuple[int, int]]:
    """The bulleted lines ("- ", "* ", "\u2022 ") right after ``start``, blank lines allowed."""
    out = []
    for m in re.finditer(r"[^\n]*\n?", text[start:]):
        line = m.group().strip()
        if not line:
            if m.end() == m.start():
                break
            continue
        if not re.match(r"[-*\u2022\u2013]\s", line):
            break
        out.append((start + m.start(), start + m.end()))
    return out


# An entry of a list of the freed that says the person was held: "- X, a lawyer facing treason
# charges" is one of them, whatever the role word says.
_HELD_IN_LIST_RX = re.compile(r"\b(?:sentenced|jailed|serving|convicted|charged|charges|arrested|detained|held|"
                              r"imprisoned|given \w+(?: and a half)? years)\b", re.I)


def _names_at(text: str, persons, start: int, end: int, first_gap: str = r"[\s*\u2022\u2013-]*(?:and\s+)?",
              listed: bool = True):
    """The names a stretch opens with: the first right at its start, then any that follow it
    as a list ("A, B and C", "A, a teacher, and B"). ``listed``: the stretch is one entry of a
    list of the freed (after a colon, or a bulleted line)."""
    held_here = bool(listed and _HELD_IN_LIST_RX.search(text, start, end))
    spans = sorted((s, e, p) for p in persons.people for s, e in p.spans
                   if start <= s < end and (held_here or not _blocked(p)))
    named: list[tuple[str, int, int]] = []
    for s, e, p in spans:
        gap = text[named[-1][2] if named else start:s]
        if (not named and re.fullmatch(first_gap, gap)) or (named and LIST_GAP_RX.match(gap)):
            if p.name not in {n for n, _, _ in named}:
                named.append((p.name, s, e))
        elif named or s > start + 80:
            break
    return named


def _set_against(a: SideReading, b: SideReading) -> None:
    """"X was freed in a swap for Y": X and Y are never one side, whatever else is read."""
    a_names = a.persons + [n for n, _, _ in a.new_names]
    b_names = b.persons + [n for n, _, _ in b.new_names]
    a.against = [n for n in b_names if n not in a_names]
    b.against = [n for n in a_names if n not in b_names]


def _in_headline(tok: Token) -> bool:
    return tok.idx < headline_end(tok.doc.text)


def _among_subjects(group: Token) -> list[Token]:
    """'A, B and C are among the prisoners freed': A (with B and C) belong to the group."""
    prep = group.head
    if group.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "attr":
        # "X was one of the hostages freed in exchange"
        return [c for c in prep.head.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"]
    if group.dep_ != "pobj" or prep.lower_ != "among":
        return []
    if prep.head.ent_type_ == "PERSON" and prep.head.dep_ == "ROOT" and _in_headline(prep):
        return [prep.head]      # headline with no verb: "X among the 13 hostages released by Y"
    if prep.head.pos_ not in ("AUX", "VERB"):
        return []
    return [c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass", "attr") and c.pos_ == "PROPN"]


def _people_word(tok: Token) -> bool:
    return people_like(tok) and tok.pos_ != "PRON"


def _home_in(trig: Trigger) -> bool:
    tok = trig.token
    if trig.particle is not None and trig.particle.lower_ in ("home", "homeward", "back"):
        return True
    return tok.lower_ in ("home", "homecoming") or any(c.lower_ == "home" for c in tok.children)


def _own_clause_text(tok: Token) -> str:
    """The sentence without the relative and descriptive clauses on other words ("X, who was
    arrested in Thailand and extradited ...": the extradition is X's past, not this event)."""
    def described(t: Token) -> bool:
        for a in [t, *t.ancestors]:
            if a.i == tok.i or a.dep_ == "ROOT":
                return False
            if a.dep_ in ("relcl", "acl", "appos") and tok not in a.subtree:
                return True
        return False
    return " ".join(t.text for t in tok.sent if not described(t))


def _subject_before_coming(gov: Token) -> list[Token]:
    """ "X was held for six months before coming home": X; in a headline with no verb ("Teacher
    tortured ... and held ... before coming home in prisoner swap"), the noun it describes."""
    subj = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        return subj
    n = gov
    while n.dep_ in ("conj", "acl") and n.head.i != n.i:
        n = n.head
    if n is not gov and n.pos_ in ("NOUN", "PROPN") and n.ent_type_ != "PERSON" and _people_word(n):
        return [n]
    return []


def _after_home(trig: Trigger) -> list[Token]:
    """'bringing home Jorge Toledo, Tomeu Vadell ...': the names after 'home'."""
    home = trig.particle
    if home is None:
        return []
    return [c for c in home.children if c.dep_ in ("dobj", "pobj", "appos", "npadvmod", "conj")]


def _direct_chain(head: Token) -> list[Token]:
    """The patient itself: head, its conjuncts, appositions and name parts, not its clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        if t in out:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ == "compound" and c.pos_ == "PROPN" and t.pos_ == "NOUN" and t.tag_ != "NNP" \
                    and not any(g.dep_ in ("appos", "flat") for g in t.children):
                continue    # "a top Putin ally": the ally, not Putin
            if c.dep_ == "conj" and opens_clause(c):
                continue    # "frees 12 hostages and X dies aged 99": X is the subject of another clause
            if c.dep_ in ("conj", "appos", "compound", "flat", "nmod") or (
                    c.dep_ == "prep" and c.lower_ in SUBSET_PREPS):
                stack.append(c)
            elif c.dep_ == "pobj" and t.lower_ in SUBSET_PREPS:
                stack.append(c)
            elif c.dep_ == "acl" and c.lower_ in ("named", "called", "identified"):
                stack += [g for g in c.children if g.dep_ in ("oprd", "dobj", "attr", "npadvmod", "xcomp")]
    return out


def _in_other_half(t: Token, heads: list[Token]) -> bool:
    """ "the exchange of A for B, a Russian arms dealer": under the "for" the parser hangs on A
    is the other half of the swap, whose nationality is not A's side's."""
    stop = {h.i for h in heads}
    for a in t.ancestors:
        if a.i in stop:
            return False
        if a.dep_ == "prep" and a.lower_ == "for" and a.head.i in stop:
            return True
    return False


def _in_subset(tok: Token, heads: list[Token]) -> bool:
    """Inside "including ..." / "among them ...": part of the group, not its count."""
    for a in tok.ancestors:
        if a.lower_ in SUBSET_PREPS and a.dep_ in ("prep", "acl", "advcl"):
            return True
        if any(a.i == h.i for h in heads):
            return False
    return False


def _in_clause(tok: Token, heads: list[Token]) -> bool:
    """Inside a relative or participle clause of the patient ("who were held in ...")."""
    for a in [tok] + list(tok.ancestors):
        if any(a.i == h.i for h in heads):
            return False
        if a.dep_ in ("relcl", "acl", "advcl"):
            return True
    return False


_AMONG_THEM_RX = re.compile(r",\s+(?:among them|including)\s+(?:the\s+|a\s+|an\s+)?")

_VEHICLES = frozenset({"aircraft", "plane", "planes", "jet", "jets", "flight", "flights", "helicopter",
                       "helicopters", "ship", "boat", "convoy", "bus", "buses", "car", "cars", "vehicle"})

_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}


def _blocked(p) -> bool:
    """Officials, lawyers, relatives and analysts never go on a side."""
    if p.detainee:
        return False
    return bool(classify_role(p.role).block) if p.role else False


def _is_year(n) -> bool:
    return 1900 <= n.value <= 2100 and len(n.text) == 4


def _handed(tok: Token) -> bool:
    """'over' right after 'handed' is the verb's particle, not 'more than'."""
    return tok.lower_ in ("over", "back") and tok.i > 0 and \
        tok.doc[tok.i - 1].lower_ in ("hand", "hands", "handed", "handing")


def organisation_at(doc, start: int) -> bool:
    """"the human rights group Memorial": a name right after an organisation noun names it;
    "the Memorial co-chair": a name that only modifies a common noun is no one's name."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    if tok.i > 0 and doc[tok.i - 1].lower_ in ORG_NOUNS:
        return True
    end = tok
    while end.dep_ == "compound" and end.head.i == end.i + 1 and end.head.pos_ == "PROPN":
        end = end.head
    return end.dep_ == "compound" and end.head.pos_ == "NOUN" and end.head.i > end.i \
        and tok.i > 0 and doc[tok.i - 1].lower_ in ("the", "a", "an")


def _also(tok: Token) -> bool:
    """"was freed as well", "were also released", "was freed too"."""
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in ("also", "too", "likewise"):
            return True
        if c.lower_ in ("as", "well") and any(g.lower_ in ("as", "well") for g in c.children):
            return True
    return False


def _former(tok: Token) -> bool:
    """"two former US soldiers": veterans are civilians, not prisoners of war."""
    return any(c.lower_ in ("former", "ex", "retired", "onetime") for c in tok.children)


def _absolute_subject(tok: Token, finite: bool = False) -> list[Token]:
    """The noun phrase right before a gerund in an absolute clause ("with A freeing X and B
    releasing Y"), or before a finite verb the parser left without subject: it must open after
    'with' (gerunds only), 'and' or a comma, and not be the verb's object."""
    doc = tok.doc
    j = tok.i - 1
    toks: list[Token] = []
    while j >= 0 and doc[j].pos_ in ("PROPN", "NOUN", "DET", "ADJ") and doc[j].dep_ != "punct":
        toks.insert(0, doc[j])
        j -= 1
    if not toks or j < 0 or doc[j].lower_ not in (("and", ",") if finite else ("with", "and", ",")):
        return []
    if finite and toks[-1].dep_ not in ("conj", "appos", "npadvmod"):
        return []
    if any(t.head.i >= tok.i and t.head.i != toks[-1].i and t.head not in toks for t in toks):
        return []      # the phrase belongs to something after the gerund
    return toks if toks[-1].pos_ == "PROPN" else []


def _governing_subject(tok: Token) -> Token | None:
    t = tok
    for _ in range(6):
        t = t.head
        subj = [c for c in t.children if c.dep_ == "nsubj"]
        if subj:
            return subj[0]
        if t.head.i == t.i:
            break
    return None


def _starts_with_in_return(sent) -> bool:
    return bool(LINK_RX.search(sent.text))
