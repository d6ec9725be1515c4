"""What the syntax around one mention of a person says happened to them.

Each mention gets its role (from :mod:`.appositions`) and its cues (from :mod:`.cues`): the
verb it is the object of, the relative clause on it, the nominal it fills ("the release of
X"), the group it belongs to ("among those freed"). Coordinated names share their cues;
"he"/"she" carry cues back to the person last named.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from . import cues as C
from .appositions import role_text
from .context import ArticleContext, headline_end
from .names import NameCluster
from .roles import PERSON_NOUN, TITLE_WORDS, RoleInfo, classify_role
from .triggers import swapped_places

Token = Any
Doc = Any


@dataclass
class Mention:
    """One occurrence of a name, with what its syntax says."""

    start: int
    end: int
    name: str
    head: int                     # token index of the name's syntactic head
    title: str = ""               # stripped leading title ("Secretary")
    role: str = ""                # premodifier or apposition text
    role_info: RoleInfo | None = None
    cues: list[C.Cue] = field(default_factory=list)
    speaks: bool = False          # subject of said/told/announced
    modifier: bool = False        # "the Whelan family", "the Levinson Act"
    pronoun: bool = False
    held_noun: bool = False       # "hostage X", "X, a prisoner of war": the role itself says held
    held_token: int = -1          # that noun, where the holder may hang ("hostage in Tehran")
    held_freed: bool = False      # "freed hostage X": held, and no longer


def analyse_mention(ctx: ArticleContext, m: Mention) -> None:
    """Fill ``m.role``, ``m.role_info``, ``m.cues`` and ``m.speaks`` from the parse around it."""
    doc = ctx.doc
    h = doc[m.head]
    m.role, full = role_text(ctx, m)
    m.role_info = classify_role(" ".join(x for x in (m.title, full) if x))
    a = C.anchor(h)
    rel, gov = a.dep_, a.head
    name_span = (m.start, m.end)
    if h.dep_ == "compound" and h.head.pos_ == "NOUN" and not PERSON_NOUN.match(h.head.text) \
            and h.head.i > h.i:
        m.modifier = True      # "the Whelan family", "the Levinson Act"
        return
    first = h
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head      # "A and B's remains": B carries the possessive for both
    if (first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lower_ in C.BODY_WORDS) or (
            first.dep_ == "poss" and first.head.lower_ in C.BODY_WORDS) or (
            any(c.lower_ in C.BODY_WORDS for c in first.conjuncts)):
        return      # "the remains of Sgt. X were handed over", "X and Y's remains": the dead
    if h.dep_ == "conj" and C.opens_clause(h):
        # "Hamas frees 12 hostages and Charlie Munger dies": the subject of the next verb
        m.cues = [q for q in [C.verb_cue(doc[h.i + 1], "nsubj", name_span, doc)] if q is not None]
        return
    cues: list[C.Cue | None] = []
    via_list = a.i != h.i and any(t.lower_ in ("including", "like", "among", "as") and t.dep_ == "prep"
                                  for t in doc[min(a.i, h.i):max(a.i, h.i) + 1])
    if via_list and a.pos_ == "NOUN" and a.lower_ in C.RELEASE_NOUNS | C.DETAIN_NOUNS | C.EXCHANGE_NOUNS:
        # "the release of ..., including Aviv": the list hangs on the cue noun itself
        cues.append(C.nominal_cue(a, name_span, doc))
    elif rel in ("nsubj", "attr") and any(c.dep_ == "prep" and c.lower_ == "among" for c in gov.children):
        # "Among those freed were X", "X was among the hostages"
        among = next(c for c in gov.children if c.dep_ == "prep" and c.lower_ == "among")
        negated = any(c.dep_ == "neg" for c in gov.children)    # "X was not among those freed"
        for g in (x for x in among.children if x.dep_ == "pobj" and not negated):
            cues.append(C.group_cue(g, name_span, doc))
    elif rel in ("npadvmod", "dep", "oprd") and gov.pos_ == "VERB" and gov.i < a.i and not any(
            k.dep_ == "dobj" for k in gov.children):
        # parser slips ("detained ... Zara Idris" as npadvmod): a name after the verb is its object
        cues.append(C.verb_cue(gov, "dobj", name_span, doc))
    elif _named_part(a) is not None:
        # "Three of the freed Americans were named: A; B; and C"
        cues.append(C.group_cue(_named_part(a), name_span, doc))
    elif rel == "nsubj" and C.as_was(gov):
        # "X was freed as well, as were the journalists A and B": A and B were freed too
        main = gov.head
        r = "nsubjpass" if any(k.dep_ == "auxpass" for k in main.children) else "nsubj"
        cues.append(C.verb_cue(main, r, name_span, doc))
    elif a.i == h.i and rel in ("nsubj", "nsubjpass") and any(
            c.dep_ == "appos" and any(g.lower_ == "whose" for g in c.children) for c in a.children):
        # "Noam Sagi, whose mother, Ada Sagi, was taken hostage": the parser makes the name the
        # subject; the verb is the relative clause's, about the mother
        pass
    elif rel in ("dobj", "nsubjpass", "dative", "nsubj", "attr") and gov.i != a.i:
        if rel == "attr":
            cues.append(_attr_cue(gov, name_span, doc))
        else:
            q = C.verb_cue(gov, rel, name_span, doc)
            if q is not None and rel in ("dobj", "nsubjpass") and a.i == h.i:
                q = dataclasses.replace(q, direct=True)
            cues.append(q)
        if rel in ("nsubj", "nsubjpass"):
            for v in gov.children:
                if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX") and not any(
                        k.dep_ in C.SUBJ for k in v.children):
                    r = "nsubjpass" if any(k.dep_ == "auxpass" for k in v.children) or (
                        rel == "nsubjpass" and v.tag_ == "VBN") else rel
                    cues.append(C.verb_cue(v, r, name_span, doc))
            if rel == "nsubj" and gov.lower_ in C.SPEECH_VERBS:
                m.speaks = True
            # "X lands in the US after being released in a swap": the subject is the one freed
            for v in _gerund_passives(gov):
                cues.append(C.verb_cue(v, "acl_pass", name_span, doc))
        if rel in ("dobj", "nsubjpass"):
            for v in gov.children:
                if v.dep_ in ("advcl", "conj") and v.tag_ == "VBN" and not any(
                        k.dep_ in C.SUBJ for k in v.children) and m.end <= v.idx <= m.end + 4:
                    cues.append(C.verb_cue(v, "acl_pass", name_span, doc))
    elif rel == "pobj":
        prep = gov
        if prep.lower_ == "of":
            cues.append(C.nominal_cue(prep.head, name_span, doc))
        elif prep.lower_ == "for":
            target = prep.head
            if target.lower_ in C.EXCHANGE_VERBS and target.pos_ in ("VERB", "AUX"):
                mod = C.modality(target)
                kind = C.EXCHANGED if mod == "realis" and not C.is_question(target) else C.SOUGHT
                cues.append(C.Cue(kind, C.STRONG, target.i, *cover(target, name_span), slot="for"))
            elif target.lower_ in C.EXCHANGE_NOUNS and target.lower_ != "deal":
                verb = target.head.head if target.dep_ == "pobj" else target.head
                mod = C.modality(verb) if verb is not None else "realis"
                # "Russia wanted this assassin set free in exchange for Whelan": the wish governs
                wish = verb is not None and any(a.lower_ in C.IRREALIS_HEADS for a in [verb, *verb.ancestors])
                # "a possible / potential prisoner swap for X": wished for, not done
                wish = wish or any(c.dep_ in ("amod", "compound") and c.lower_ in C.IRREALIS_HEADS | C.UNREAL_ADJ
                                   for c in target.children)
                kind = C.EXCHANGED if mod == "realis" and not wish and not C.is_question(target) else C.SOUGHT
                cues.append(C.Cue(kind, C.STRONG, target.i, *cover(target, name_span)))
        elif prep.lower_ in ("in", "into") and prep.head.lower_ in ("include", "included"):
            pass
        elif prep.lower_ == "with" and prep.head.lower_ in _BROUGHT_BACK and prep.head.pos_ == "VERB" \
                and C.modality(prep.head) == "realis":
            # "the envoy flew home with X", "returned with X": X came out with him; weak, so
            # it only tells the status of someone the article shows held on other evidence
            cues.append(C.Cue(C.RELEASED, C.WEAK, prep.head.i, *cover(prep.head, name_span)))
    elif rel == "poss":
        cues.append(C.nominal_cue(gov, name_span, doc))
    if via_list and not any(q is not None for q in cues):
        cues.append(C.group_cue(a, name_span, doc))
    if not any(q is not None for q in cues):
        group = _list_intro(doc, a)       # "four journalists whom a court sentenced - A, B and C -"
        if group is not None:
            cues.append(C.group_cue(group, name_span, doc))
    # relative clauses and participles on the name: "X, who was jailed", "X, detained for"
    # relative clauses on the name, on its anchor and on a role in apposition ("X, an FSB
    # officer who was jailed"); never on another name ("Engel, Yocheved Lifshitz, who ...")
    bases = {h, a} | {c for c in h.children if c.dep_ == "appos" and c.i > h.i and _is_role_word(c)}
    for base in bases:
        kids = list(base.children)
        if base.dep_ == "appos" and base.i > h.i:
            # "X, a leader of the banned Front, who was sentenced": "who" means the person even
            # when the parser hangs the clause on "Front"
            kids += [c for c in base.subtree if c.dep_ == "relcl" and c.head.i != base.i
                     and any(k.lower_ in ("who", "whom") for k in c.children)
                     and not _names_someone(c.head)
                     and not any(t.ent_type_ == "PERSON" for t in doc[base.i:c.i])]
        for c in kids:
            if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX"):
                if base.i == h.i and _opened_by_a_name_in_role(doc, h, c):
                    continue    # "X, mother of Y—who was kidnapped": the clause is Y's
                for q in C.clause_cues(c, name_span, doc):
                    # the clause is about the name itself: direct (an official arrested counts)
                    cues.append(dataclasses.replace(q, direct=True) if base.i in (h.i,) or base.dep_ == "appos"
                                else q)
    # "X, mother of Y—who was kidnapped": the parser hangs the clause on X; it is Y's
    last = doc.char_span(m.start, m.end, alignment_mode="expand")
    opened = _relative_clause_after(doc, last[-1].i) if last is not None else None
    if opened is not None and opened.head.i != h.i and _opened_by_a_name_in_role(doc, opened.head, opened):
        cues.extend(dataclasses.replace(q, direct=True) for q in C.clause_cues(opened, name_span, doc))
    # "A, whose business had kept him there for years, and B were freed": A is B's co-subject
    for v in h.children:
        if v.dep_ != "relcl":
            continue
        for w in v.children:
            late = C.late_cosubject(w)
            if late is not None and w.pos_ in ("VERB", "AUX") and late[1].ent_type_ == "PERSON":
                cues.append(C.verb_cue(w, late[1].dep_, name_span, doc))
    # "X, one of the opposition politicians freed in Thursday's exchange": what happened to the group
    for c in h.children:
        if c.dep_ == "appos" and c.i > h.i and c.lower_ == "one":
            for g in (x for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                      for x in p.children if x.dep_ == "pobj"):
                cues.append(C.group_cue(g, name_span, doc))
            for v in c.children:        # the parser may hang "freed in ..." on "one" itself
                if v.dep_ in ("acl", "relcl") and v.pos_ in ("VERB", "AUX"):
                    cues.extend(C.clause_cues(v, name_span, doc))
    # "A, who was serving 25 years, and B were also on the flights out of Russia": however the
    # parser splits the subject, everyone named before that copula was flown out
    cues.append(_flown_out_cue(doc, m, name_span))
    # headline grammar: "Dubois freed after 23-month abduction", "Karelina jailed for 12 years"
    if not any(q is not None for q in cues):
        cues.append(_headline_cue(doc, m, name_span))
    # the slogan "Free Ales Vitko!": the call itself says he is held
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    j = (first.start if first is not None else h.i) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j >= 0 and doc[j].lower_ == "free" and (doc[j].is_sent_start or j == 0 or doc[j - 1].is_punct
                                               or doc[j - 1].text in ("#", "\u201c", '"')):
        cues.append(C.Cue(C.SOUGHT, C.STRONG, doc[j].i, *cover(doc[j], name_span)))
    if m.held_noun and not (m.role_info and m.role_info.block):
        tok = m.held_token if m.held_token >= 0 else m.head
        cues.append(C.Cue(C.RELEASED if m.held_freed else C.HELD, C.STRONG, tok, *cover(doc[tok], name_span)))
    if rel == "dobj" and gov.lower_ in C.EXCHANGE_VERBS and swapped_places(gov):
        # "swapped Man Utd for Arsenal": a player changed clubs, and the club is no one swapped
        cues = [c for c in cues if c is None or c.token != gov.i]
    if rel in ("nsubjpass", "dobj") and any(c.lower_ == "absentia" for c in gov.subtree):
        # "X was sentenced in absentia to 17 years in prison": the term names a prison he is not in
        cues = [c for c in cues if c is None or c.kind not in (C.HELD, C.CURRENT)]
    m.cues = [c for c in cues if c is not None]


# Verbs of a trip home that someone freed may be "with": "the envoy returned with X".
_BROUGHT_BACK = frozenset({"returned", "returns", "returning", "flew", "flown", "came", "arrived", "landed"})


_FLOWN_OUT = re.compile(r"\b(?:was|were)\s+(?:also\s+|all\s+)?on\s+(?:the|a|their|his|her)\s+"
                        r"(?:\w+\s+)?(?:flights?|planes?|aircraft|jets?)\s+(?:out of|home|back)\b", re.I)


def _flown_out_cue(doc: Doc, m: Mention, name: tuple[int, int]) -> C.Cue | None:
    sent = doc[m.head].sent
    hit = _FLOWN_OUT.search(sent.text)
    if hit is None or sent.start_char + hit.start() < m.end:
        return None
    verb = doc.char_span(sent.start_char + hit.start(), sent.start_char + hit.start() + len(hit.group().split()[0]))
    if verb is None or verb.root.dep_ != "ROOT":
        return None
    return C.Cue(C.RELEASED, C.STRONG, verb.root.i, *cover(verb.root, name))


def _gerund_passives(gov: Token) -> list[Token]:
    """Passive gerunds with no subject of their own under 'after' / 'following' / 'upon'."""
    out = []
    for p in gov.children:
        if p.dep_ == "prep" and p.lower_ in ("after", "following", "upon", "since", "before"):
            for v in p.children:
                # "after being released", "after having been arrested"
                if v.dep_ == "pcomp" and v.tag_ == "VBN" and any(k.lower_ in ("being", "been") for k in v.children) \
                        and not any(k.dep_ in C.SUBJ for k in v.children):
                    out.append(v)
    return out


def _list_intro(doc: Doc, a: Token) -> Token | None:
    """The plural noun a dash- or colon-introduced list of names belongs to."""
    j = a.left_edge.i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 1 or doc[j].text not in ("-", "\u2013", "\u2014", ":") or not doc[j].whitespace_:
        return None
    t = doc[j - 1]
    for _ in range(6):
        if t.pos_ == "NOUN" and t.tag_ == "NNS":
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _relative_clause_after(doc: Doc, i: int) -> Token | None:
    """The relative clause (its verb) that opens with "who" right after token ``i``, only
    punctuation between: "Y—who was kidnapped", "Y, who was jailed"."""
    j = i + 1
    while j < len(doc) and (doc[j].is_punct or doc[j].is_space):
        j += 1
    if j < len(doc) and doc[j].lower_ in ("who", "whom") and doc[j].head.dep_ == "relcl":
        return doc[j].head
    return None


def _opened_by_a_name_in_role(doc: Doc, h: Token, clause: Token) -> bool:
    """The relative clause the parser hung on ``h`` opens right after another person's name in
    a role of ``h`` ("X, mother of Y—who was kidnapped"): the nearer name is what "who" means."""
    for role in (c for c in h.children if c.dep_ == "appos" and c.i > h.i):
        for t in role.subtree:
            opened = _relative_clause_after(doc, t.i) if _ends_a_name(t) and t.i < clause.i else None
            if opened is not None and opened.i == clause.i:
                return True
    return False


def _ends_a_name(t: Token) -> bool:
    """A person's name ends at ``t``: the tagger says so, or two proper nouns it left untagged."""
    if t.ent_type_ == "PERSON":
        return True
    return t.pos_ == "PROPN" and not t.ent_type_ and t.i > 0 and t.doc[t.i - 1].pos_ == "PROPN" \
        and not t.doc[t.i - 1].ent_type_


def _names_someone(t: Token) -> bool:
    """A word for a person: "who" after it means that person, not ours ("the brother of Paul
    Whelan, an American who has been detained")."""
    return t.ent_type_ in ("PERSON", "NORP") or bool(PERSON_NOUN.match(t.text)) or t.lower_ in TITLE_WORDS


def _is_role_word(t: Token) -> bool:
    """An apposition that describes (a noun, a demonym, "Marine"), not another name."""
    return t.pos_ == "NOUN" or t.ent_type_ == "NORP" or t.lower_ in TITLE_WORDS or bool(PERSON_NOUN.match(t.text))


_HEADLINE_AUX = frozenset({"is", "was", "has", "have", "been", "were", "are", "had", "being", "be"})


def _headline_cue(doc: Doc, m: Mention, name: tuple[int, int]) -> C.Cue | None:
    """A participle right after the name with no object of its own, followed by a
    preposition or the end: the short passive of headlines and photo captions."""
    end = doc.char_span(m.start, m.end, alignment_mode="expand")
    if end is None:
        return None
    i = end.end
    while i < len(doc) and (doc[i].lower_ in ("’s", "'s") or doc[i].lower_ in _HEADLINE_AUX or doc[i].is_space
                            or (doc[i].pos_ == "ADV" and doc[i].lower_.endswith("ly"))):
        i += 1
    if i >= len(doc):
        return None
    v = doc[i]
    w = v.lower_
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if any(c.dep_ == "dobj" for c in v.children):
        return None
    h = doc[m.head]
    a = C.anchor(h)
    if (h.dep_ in ("dobj", "pobj", "poss", "dative", "attr") or a.dep_ in ("dobj", "pobj", "poss", "dative")) \
            and v.head.i not in (h.i, a.i):
        return None     # "abused Rio Ferdinand has been jailed": the name is someone else's object
    if nxt is not None and not (nxt.pos_ in ("ADP", "PUNCT", "CCONJ", "SPACE", "ADV", "NUM") or nxt.like_num
                                or nxt.lower_ in ("today", "tonight", "yesterday")):
        return None
    if w in ("freed", "released", "pardoned", "rescued", "liberated", "exonerated", "acquitted"):
        if C.from_elsewhere(v):
            return None
        return C.Cue(C.RELEASED, C.STRONG, v.i, *cover(v, name))
    if w in ("swapped", "exchanged", "traded"):
        return C.Cue(C.EXCHANGED, C.STRONG, v.i, *cover(v, name))
    if w in ("jailed", "detained", "arrested", "sentenced", "imprisoned", "convicted", "kidnapped",
             "abducted", "seized", "captured", "charged", "indicted"):
        return C.Cue(C.HELD, C.STRONG, v.i, *cover(v, name))
    return None


def cover(tok: Token, name: tuple[int, int]) -> tuple[int, int]:
    return min(tok.idx, name[0]), max(tok.idx + len(tok.text), name[1])


def _attr_cue(v: Token, name: tuple[int, int], doc: Doc) -> C.Cue | None:
    """ "the first to be sentenced ... is X", "One person ... not included ... is X": the
    person is the predicate of a copula whose subject carries the cue."""
    subj = [c for c in v.children if c.dep_ in C.SUBJ]
    if not subj:
        return None
    for t in subj[0].subtree:
        if t.pos_ == "VERB" and t.lower_ in C.INCLUDE_VERBS:
            mod = C.modality(t)
            if mod == "negated":
                return C.Cue(C.CURRENT, C.STRONG, t.i, *cover(t, name))
        if t.pos_ == "VERB" and t.lower_ in C.DETAIN_VERBS and t.lower_ not in ("hold", "holds"):
            return C.Cue(C.HELD, C.STRONG, t.i, *cover(t, name))
    return None


def share_coordinated(doc: Doc, items: list[tuple[Mention, NameCluster]]) -> None:
    """Coordinated names share what is said of the group: "actresses X and Y, who are
    accused of ..." gives both the role and the cue; "freed X, Y and Z" frees all three."""
    by_head = {m.head: m for m, _ in items if not m.pronoun}
    first_of: dict[int, int] = {}
    for m, _ in items:
        first = doc[m.head]
        while first.dep_ == "conj" and first.head.i != first.i and first.head.i in by_head:
            first = first.head
        first_of[id(m)] = first.i
    # "A, B and C" read on the words too: a long list breaks the parse ("- A, B and C -" hangs C
    # on the verb), but names with nothing but list commas and "and" between them are one list.
    named = sorted((m for m, _ in items if not m.pronoun), key=lambda m: m.start)
    for a, b in zip(named, named[1:]):
        if C.LIST_GAP_RX.match(doc.text[a.end:b.start]) and first_of[id(b)] != first_of[id(a)]:
            old, new = first_of[id(b)], first_of[id(a)]
            for k, v in first_of.items():
                if v == old:
                    first_of[k] = new
    groups: dict[int, list[Mention]] = {}
    for m, _ in items:
        groups.setdefault(first_of[id(m)], []).append(m)
    for members in groups.values():
        if len(members) < 2:
            continue
        role = next((m.role for m in members if m.role and m.role_info and not m.role_info.block), "")
        # what is said between two of the names belongs to the one before it ("A, a Russian serving
        # life in Germany, and B, a journalist arrested in Poland"), not to the group
        lo, hi = min(m.start for m in members), max(m.end for m in members)
        shared = [q for m in members for q in m.cues if not lo <= doc[q.token].idx < hi]
        for m in members:
            if not m.role and role:
                m.role = role
                m.role_info = classify_role(" ".join(x for x in (m.title, m.role) if x))
            have = {(q.kind, q.token) for q in m.cues}
            for q in shared:
                if (q.kind, q.token) not in have:
                    m.cues.append(C.Cue(q.kind, q.strength, q.token, min(q.start, m.start), max(q.end, m.end),
                                        slot=q.slot))
                    have.add((q.kind, q.token))


def among_them_cues(doc: Doc, items: list[tuple[Mention, NameCluster]]) -> None:
    """ "Among them is X", "The best known of them was X" after a sentence saying they were
    freed or held (the nearest of the three sentences before that says anything)."""
    for m, _ in items:
        sent = doc[m.head].sent
        lead = _OTHERS_FREED_RX.match(sent.text)
        if lead and not m.cues and sent.start_char + lead.end() <= m.start:
            # "Others freed included A and B": the sentence's own opening says what befell them
            kind = C.EXCHANGED if lead.group(1).lower() in ("exchanged", "swapped") else C.RELEASED
            tok = doc.char_span(sent.start_char + lead.start(1), sent.start_char + lead.end(1))
            if tok is not None:
                m.cues.append(C.Cue(kind, C.STRONG, tok[0].i, m.start, m.end))
            continue
        named_as = C.NAMED_AS_RX.search(sent.text, 0, max(0, m.start - sent.start_char))
        if named_as and not m.cues and m.start - sent.start_char - named_as.end() < 120:
            limit = doc.char_span(sent.start_char + named_as.start(), sent.start_char + named_as.end(),
                                  alignment_mode="expand")[0].i
            verb = next((t for t in doc[sent.start:limit]
                         if t.lower_ in C.RELEASE_VERBS and C.modality(t) == "realis"), None)
            if verb is not None:
                # "Two hostages freed by Hamas on Monday have been named as A, 85, and B, 79"
                m.cues.append(C.Cue(C.RELEASED, C.MEDIUM, verb.i, m.start, m.end))
                continue
        arrived = _AMONG_ARRIVALS_RX.match(sent.text, max(0, m.end - sent.start_char))
        if arrived and not m.cues and _headline_frees(doc, arrived.group(1)):
            # "A, B and C were among the Americans who arrived at the base" under "Freed Americans
            # land after swap": the headline's freed group arrived; they are of it
            tok = doc.char_span(sent.start_char + arrived.start(1), sent.start_char + arrived.end(1))
            if tok is not None:
                m.cues.append(C.Cue(C.RELEASED, C.MEDIUM, tok[0].i, m.start, m.end))
            continue
        picked = _OF_THEM_RX.match(sent.text)
        if sent.start == 0 or not (sent[0].lower_ == "among" or picked):
            continue
        if m.cues and not (picked and all(q.kind == C.HELD for q in m.cues)):
            continue        # the sentence says itself what befell them (a past arrest says less)
        best: C.Cue | None = None
        prev = doc[sent.start - 1].sent
        for _ in range(3):
            best = _group_fate(prev, m)
            if best is not None or prev.start == 0:
                break
            prev = doc[prev.start - 1].sent
        if best is not None:
            m.cues.append(best)


# "were among the Americans who arrived at ...": a group that came back, told right after the names
_AMONG_ARRIVALS_RX = re.compile(r"[^.;:]{0,150}?\b(?:were|was|are|is)\s+among\s+(?:the\s+)?(?:\w+\s+)?"
                                r"([A-Z][a-z]+s|people|men|women|prisoners|detainees|hostages|captives)\s+"
                                r"(?:who|that)\s+(?:\w+\s+)?(?:arrived|landed|returned|came|flew|touched down)\b")


def _headline_frees(doc: Doc, group: str) -> bool:
    """The headline tells that the ``group`` ("Americans") was freed, or of a swap."""
    head = doc.text[:headline_end(doc.text)]
    g = re.escape(group)
    return bool(re.search(rf"\b(?:freed|released|liberated|swapped)\s+(?:\w+\s+)?{g}\b|\b{g}\s+(?:\w+\s+)?"
                          rf"(?:freed|released)\b", head, re.I)) or bool(
        re.search(rf"\b{g}\b", head, re.I) and re.search(r"\b(?:swap|exchange|trade)\b", head, re.I))


# "Others freed included A and B", "Those released were A and B"
_OTHERS_FREED_RX = re.compile(r"\W*(?:and\s+)?(?:the\s+)?(?:others|those)\s+(?:also\s+)?(freed|released|exchanged|"
                              r"swapped|returned)\s+(?:\w+\s+){0,4}?(?:include[ds]?|were|are)\b", re.I)
# "The best-known of them was X", "One of those freed is X"
_OF_THEM_RX = re.compile(rf"{C.OF_THEM_LEAD}[^.;]{{0,40}}?\s(?:was|is|were)\s+[A-Z]", re.I)


def _group_fate(prev, m: Mention) -> C.Cue | None:
    best: C.Cue | None = None
    for t in prev:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        w = t.lower_
        mod = C.modality(t)
        if w == "let" and mod == "realis" and any(c.lower_ == "go" for c in t.children):
            return C.Cue(C.RELEASED, C.MEDIUM, t.i, m.start, m.end)      # "Israel let 110 prisoners go"
        if w in C.RELEASE_VERBS and mod == "realis":
            return C.Cue(C.RELEASED, C.MEDIUM, t.i, m.start, m.end)
        if w in C.EXCHANGE_VERBS and mod == "realis":
            return C.Cue(C.EXCHANGED, C.MEDIUM, t.i, m.start, m.end)
        if w in C.DETAIN_VERBS and best is None and mod == "realis":
            best = C.Cue(C.HELD, C.MEDIUM, t.i, m.start, m.end)
    return best


_GROUP_FREED = {"freed": C.RELEASED, "released": C.RELEASED, "liberated": C.RELEASED, "rescued": C.RELEASED,
                "repatriated": C.RELEASED, "swapped": C.EXCHANGED, "exchanged": C.EXCHANGED,
                "traded": C.EXCHANGED}
_GROUP_PEOPLE = frozenset({"people", "men", "women", "citizens", "nationals", "captives", "hostages", "prisoners",
                           "detainees", "inmates", "pows"})


def headline_role_cues(ctx: ArticleContext, items: list[tuple[Mention, NameCluster]]) -> None:
    """"Kidnapped archaeologist, 2 others released" over "... and archaeologist Bryce Barker will
    return to Australia": the headline's freed "archaeologist" is the one person the body gives
    that role; that person shares what the headline says of the role noun (a medium cue)."""
    doc = ctx.doc
    end = headline_end(doc.text)
    if not end:
        return
    for n in doc:
        if n.idx >= end:
            break
        if n.pos_ != "NOUN" or n.tag_ != "NN" or n.lower_ in _GROUP_PEOPLE:
            continue
        cue = _headline_fate(n)
        if cue is None:
            continue
        holders = {m.name: m for m, _ in items if m.start >= end and not m.pronoun and not m.modifier
                   and _has_role_word(doc[m.head], n.lower_)}
        if len(holders) == 1:
            next(iter(holders.values())).cues.append(cue)


def _headline_fate(n: Token) -> C.Cue | None:
    """What a headline says befell the role noun ``n``: "archaeologist released", "Kidnapped
    archaeologist, 2 others released" (the parser hangs the participle on the list)."""
    verbs = [n.head] if n.dep_ in ("nsubj", "nsubjpass") else []
    for c in [n, *(k for k in n.children if k.dep_ in ("appos", "conj"))]:
        verbs += [v for v in c.children if v.dep_ == "acl" and v.tag_ == "VBN"]
    for v in verbs:
        if v.pos_ != "VERB" or C.modality(v) != "realis":
            continue
        if v.lower_ in C.RELEASE_VERBS:
            return C.Cue(C.RELEASED, C.MEDIUM, v.i, min(n.idx, v.idx), max(n.idx + len(n.text), v.idx + len(v.text)))
    return None


def _has_role_word(h: Token, word: str) -> bool:
    """The name headed by ``h`` carries the role ``word`` in its own phrase ("citizen and
    archaeologist Bryce Barker", "Bryce Barker, an archaeologist"), not in a clause on it."""
    for t in h.subtree:
        if t.lower_ != word or t.i == h.i:
            continue
        a = t
        while a.i != h.i and a.dep_ in ("amod", "compound", "conj", "appos", "nmod", "cc"):
            a = a.head
        if a.i == h.i:
            return True
    return False


def group_cues(ctx: ArticleContext, items: list[tuple[Mention, NameCluster]]) -> None:
    """ "Three of the freed Americans were named: A; B; and C", "the released prisoners, A and
    B": names listed as members of a group freed or swapped share what the group's participle
    says."""
    from .holders import group_noun

    doc = ctx.doc
    gz = ctx.gazetteer
    for m, _ in items:
        if m.pronoun or m.modifier:
            continue
        g = group_noun(doc, doc[m.head])
        if g is None or not g.text.endswith("s"):
            continue
        try:
            people = g.lower_ in _GROUP_PEOPLE or (gz is not None and gz.is_demonym(g.text))
        except Exception:  # noqa: BLE001
            people = False
        if not people:
            continue
        for t in g.children:
            kind = _GROUP_FREED.get(t.lower_)
            if kind and t.dep_ in ("amod", "acl") and t.i < g.i and C.modality(t) == "realis" \
                    and not any(q.kind == kind and q.token == t.i for q in m.cues):
                m.cues.append(C.Cue(kind, C.MEDIUM, t.i, min(t.idx, m.start), max(t.idx + len(t.text), m.end)))
                break


_PRONOUNS = {"he", "she", "him", "her", "his"}


def _named_part(a: Token) -> Token | None:
    """The group of "Two of the freed Americans (were named:) A and B", from the phrase a name
    hangs on: the partitive subject itself, or the verb "named" whose subject it is."""
    if a.lower_ in ("named", "identified"):
        subj = next((c for c in a.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        return C.partitive_group(subj) if subj is not None else None
    return C.partitive_group(a)


def pronoun_cues(ctx: ArticleContext, items: list[tuple[Mention, NameCluster]]
                  ) -> tuple[dict[int, list[C.Cue]], dict[int, list[C.Cue]]]:
    """Cues on "she"/"him" go to the person last named before them.

    Returns (profile cues, firm cues): every resolved pronoun may add status, charges or a
    sentence to a detainee; only a subject pronoun right after a sentence that names one
    person alone ("Back on Marc Fogel. He's doing a 14-year sentence") may help decide that
    someone is a detainee at all.
    """
    doc = ctx.doc
    usable = [(m, c) for m, c in items if not m.modifier and not _is_place_slot(doc[m.head])]
    usable.sort(key=lambda x: x[0].start)
    starts = [m.start for m, _ in usable]
    profile: dict[int, list[C.Cue]] = {}
    firm: dict[int, list[C.Cue]] = {}
    for t in doc:
        if t.lower_ in _PLURAL and t.pos_ == "PRON":
            _plural_pronoun(ctx, t, usable, profile, firm)
            continue
        described = C.definite_description(t)
        captive = C.captive_description(t) if not described else None
        if (t.lower_ not in _PRONOUNS or t.pos_ != "PRON") and not described and captive is None:
            continue
        k = bisect.bisect_left(starts, t.idx) - 1
        if k < 0:
            continue
        src, cluster = usable[k]
        src_sent = doc[src.head].sent
        if src_sent.start != t.sent.start and src_sent.end < t.sent.start:
            continue   # the antecedent must be in this sentence or the one before
        if captive is not None:
            if not (t.i + 1 < len(doc) and doc[t.i + 1].ent_type_ == "PERSON"):
                # "sister of the imprisoned writer Alaa X": the description is that name's title
                _captive_cue(doc, t, captive, src, cluster, usable, firm)
            continue
        if described and (src_sent.start == t.sent.start or C.anchor(doc[src.head]).dep_ not in ("nsubj", "nsubjpass")):
            continue   # "The 32-year-old" refers back only to the subject of the sentence before
        if _nearer_noun(doc, src, t):
            continue   # "X ... his mother's funeral, after she died": "she" is the mother
        pm = Mention(start=t.idx, end=t.idx + len(t.text), name=src.name, head=t.i, pronoun=True)
        _analyse_mention_pronoun(ctx, pm)
        if not pm.cues:
            continue
        pm.cues = [dataclasses.replace(q, pronoun=True) for q in pm.cues]
        profile.setdefault(id(cluster), []).extend(pm.cues)
        named_before = {id(c) for m, c in usable if src_sent.start_char <= m.start < t.idx}
        if named_before == {id(cluster)} and (
                (src_sent.start != t.sent.start and t.dep_ in ("nsubj", "nsubjpass"))
                or (src_sent.start != t.sent.start and t.dep_ == "poss" and _headline_sentence(src_sent))
                or (src_sent.start == t.sent.start and t.dep_ in ("poss", "dobj", "pobj")
                    and C.anchor(doc[src.head]).dep_ in ("nsubj", "nsubjpass"))):
            # "Back on Marc Fogel. He's doing a 14-year sentence"; "X was charged after his arrest";
            # "Amini died three days after the morality police detained her"
            firm.setdefault(id(cluster), []).extend(pm.cues)
        elif _object_again(doc, src, t):
            # as good as the name itself ("again" counts as a direct cue in persons._decide)
            firm.setdefault(id(cluster), []).extend(dataclasses.replace(q, slot="again") for q in pm.cues)
    return profile, firm


def _object_again(doc: Doc, src: Mention, t: Token) -> bool:
    """ "pardoned X on Monday, freeing him after three years in prison": the object of a clause
    hung on the verb whose object X is, is X again, whoever else the sentence names."""
    a = doc[src.head]
    v = t.head
    return (t.dep_ == "dobj" and a.dep_ == "dobj" and a.sent.start == t.sent.start
            and v.dep_ in ("advcl", "xcomp", "conj") and v.head.i == a.head.i
            and sum(c.dep_ == "dobj" for c in a.head.children) == 1)     # (two objects: a misparse)


def _captive_cue(doc: Doc, t: Token, adj: Token, src: Mention, cluster: NameCluster,
                 usable: list[tuple[Mention, NameCluster]], firm: dict[int, list[C.Cue]]) -> None:
    """ "On Aung San Suu Kyi's birthday ... support for the jailed civilian leader": the one
    person named in the sentence before (or this one) is held. Never a guess between two."""
    if C.modality(adj.head.head if adj.head.dep_ in ("nsubj", "nsubjpass") else adj) == "negated":
        return
    prev_start = doc[t.sent.start - 1].sent.start_char if t.sent.start > 0 else t.sent.start_char
    named = {id(c) for m, c in usable if prev_start <= m.start < t.idx}
    if named != {id(cluster)} or src.start < prev_start:
        return
    start, end = min(adj.idx, t.idx), t.idx + len(t.text)
    firm.setdefault(id(cluster), []).append(
        C.Cue(C.HELD, C.MEDIUM, adj.i, start, end, slot="described", pronoun=True))


def _headline_sentence(sent) -> bool:
    """The first line of a short item: 'X vows to play on' then 'since her release ...'."""
    return sent.start == 0 and headline_end(sent.doc.text) > 0


_PLURAL = frozenset({"they", "them", "their"})
_FEMALE_NOUNS = frozenset({"mother", "wife", "daughter", "sister", "grandmother", "aunt",
                           "niece", "girlfriend", "fiancee", "widow", "mom", "granddaughter", "stepmother"})
_MALE_NOUNS = frozenset({"father", "husband", "son", "brother", "grandfather", "uncle",
                         "nephew", "boyfriend", "fiance", "widower", "dad", "grandson", "stepfather"})


def _nearer_noun(doc: Doc, src: Mention, t: Token) -> bool:
    """Someone's relative of the pronoun's gender ("his mother") stands between the name and
    the pronoun (a kin noun without a possessor, "X, the son of Y", may be X himself)."""
    nouns = _FEMALE_NOUNS if t.lower_ in ("she", "her") else _MALE_NOUNS
    end = doc.char_span(src.start, src.end, alignment_mode="expand")
    first = end.end if end is not None else src.head + 1
    if any(doc[i].lower_ in nouns and doc[i].pos_ == "NOUN" and any(c.dep_ == "poss" for c in doc[i].children)
           for i in range(first, t.i)):
        return True
    # "Roger was able to greet BG on the tarmac upon her release": another person named as
    # the object in between may be the one meant; no guess between two
    return t.sent.start <= src.head and any(
        doc[i].pos_ == "PROPN" and doc[i].dep_ in ("dobj", "dative") and doc[i].ent_type_ not in _NOT_PEOPLE_ENTS
        for i in range(first, t.i))


_NOT_PEOPLE_ENTS = frozenset({"GPE", "LOC", "ORG", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
                              "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"})


def _plural_pronoun(ctx: ArticleContext, t: Token, usable: list[tuple[Mention, NameCluster]],
                    profile: dict[int, list[C.Cue]], firm: dict[int, list[C.Cue]]) -> None:
    """ "The executives, A, B and C, worked for Citgo. They were arrested in 2017": a plural
    pronoun right after a sentence naming one group of people (and nobody else) is that group."""
    doc = ctx.doc
    group = _same_sentence_group(doc, t, usable)
    if group is None:
        if t.sent.start == 0:
            return
        prev = doc[t.sent.start - 1].sent
        group = [(m, c) for m, c in usable if prev.start_char <= m.start < prev.end_char]
        if len({id(c) for _, c in group}) < 2 or any(t.sent.start_char <= m.start < t.idx for m, _ in usable):
            return
        anchors = {C.anchor(doc[m.head]).i for m, _ in group}
        if len(anchors) != 1:
            return
    pm = Mention(start=t.idx, end=t.idx + len(t.text), name="", head=t.i, pronoun=True)
    _analyse_mention_pronoun(ctx, pm)
    cues = [dataclasses.replace(q, pronoun=True) for q in pm.cues]
    for _, c in group:
        profile.setdefault(id(c), []).extend(cues)
        if t.dep_ in ("nsubj", "nsubjpass"):
            firm.setdefault(id(c), []).extend(cues)


def _same_sentence_group(doc: Doc, t: Token, usable: list[tuple[Mention, NameCluster]]
                         ) -> list[tuple[Mention, NameCluster]] | None:
    """ "A and B arrived home after they were released": the names are the subject of the
    main verb, the pronoun the subject of a clause under it; nobody else is named before it."""
    if t.dep_ not in ("nsubj", "nsubjpass") or t.head.dep_ != "advcl":
        return None
    group = [(m, c) for m, c in usable if t.sent.start_char <= m.start < t.idx]
    if len({id(c) for _, c in group}) < 2:
        return None
    anchors = {C.anchor(doc[m.head]) for m, _ in group}
    if len(anchors) != 1:
        return None
    a = anchors.pop()
    if a.dep_ not in ("nsubj", "nsubjpass") or a.head.i != t.head.head.i:
        return None
    return group


def _is_place_slot(t: Token) -> bool:
    """ "in the Sahel", "to Tehran": a name in a place slot is no antecedent for "he"."""
    return t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "to", "from", "into", "across", "near", "inside")


def _analyse_mention_pronoun(ctx: ArticleContext, m: Mention) -> None:
    doc = ctx.doc
    h = doc[m.head]
    rel, gov = h.dep_, h.head
    span = (m.start, m.end)
    cues: list[C.Cue | None] = []
    if rel in ("dobj", "nsubjpass", "nsubj") and gov.i != h.i:
        cues.append(C.verb_cue(gov, rel, span, doc))
        if rel in ("nsubj", "nsubjpass"):
            for v in gov.children:
                if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX") and not any(k.dep_ in C.SUBJ for k in v.children):
                    r = "nsubjpass" if any(k.dep_ == "auxpass" for k in v.children) or (
                        rel == "nsubjpass" and v.tag_ == "VBN") else rel
                    cues.append(C.verb_cue(v, r, span, doc))
    elif rel == "poss":
        cues.append(C.nominal_cue(gov, span, doc))
    elif rel == "pobj" and gov.lower_ == "of":
        cues.append(C.nominal_cue(gov.head, span, doc))
    m.cues = [c for c in cues if c is not None]
