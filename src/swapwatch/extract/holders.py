"""Who holds a detainee, and what nationality the article gives them.

The holder sits in a few places around a cue: the agent of a passive ("held by the
Taliban"), a place ("detained in Russia", "in a detention centre in Vladimir"), a demonym
on a custody noun ("Russian captivity", "Iranian custody"), or the subject of an active
verb of holding or freeing ("Moscow released ...", "the Taliban was prepared to release
Mark", "we call on Russia to release him"). A wish ("Russia wanted X's release") names
the other side, so it is never read as the holder.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from . import cues as C
from .context import ArticleContext

Token = Any
Hit = tuple[str, int, int]     # (party, start, end)

# Verbs by which an authority holds someone: its subject is the holder.
_ORDERING = C.forms("extend|extended|extends|extending", "order|ordered|orders", "prolong|prolonged",
                     "uphold|upheld|upholds", "approve|approved", "impose|imposed", "authorize|authorized",
                     "sanction|sanctioned")
_PLACE_PREPS = frozenset({"in", "inside", "at", "within"})
_FROM_PREPS = frozenset({"from", "out"})
_CALL_HEADS = C.forms("call|calls|called|calling", "urge|urges|urged|urging", "press|pressed|pressing",
                       "ask|asked|asking", "demand|demanded|demanding")


def party_of(ctx: ArticleContext, t: Token, lookup: Any = None) -> Hit | None:
    """The canonical party a token names: its entity ("the Taliban"), a city's country, a demonym;
    with ``lookup``, what that finds for the entity's or the token's text instead."""
    gz = ctx.gazetteer
    if gz is None:
        return None
    lookup = lookup or (lambda text: _lookup(gz, text))
    doc = ctx.doc
    if t.ent_iob_ != "O" and t.ent_type_:
        ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
        if ent is not None:
            found = lookup(ent.text)
            if found:
                return found, ent.start_char, ent.end_char
    found = lookup(t.text)
    if found:
        return found, t.idx, t.idx + len(t.text)
    return None


def _lookup(gz: Any, text: str) -> str | None:
    text = text.strip()
    try:
        p = gz.party(text)
        if p:
            return p
        if gz.is_demonym(text):
            d = gz.demonym(text)
            return d[0] if len(d) == 1 else None
        city = gz.city(text)
        if city:
            return city[1]
    except Exception:  # noqa: BLE001 - a gazetteer gap must not stop extraction
        return None
    return None


def _destination(ctx: ArticleContext, v: Token) -> Hit | None:
    for prep in v.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "into"):
            for obj in _pobjs(prep):
                hit = party_of(ctx, obj)
                if hit:
                    return hit
    return None


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]


def _place_in(ctx: ArticleContext, t: Token, depth: int = 0) -> Hit | None:
    """ "in Russia", "in a detention center in Vladimir", "in Russian custody"."""
    if depth > 2:
        return None
    for prep in t.children:
        if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
            continue
        for obj in _pobjs(prep):
            hit = party_of(ctx, obj)
            if hit and obj.pos_ == "PROPN":
                return hit
            hit = _demonym_on(ctx, obj)
            if hit:
                return hit
            deeper = _place_in(ctx, obj, depth + 1)
            if deeper:
                return deeper
    return None


def _region_in(ctx: ArticleContext, t: Token) -> Hit | None:
    """ "a life sentence in California": a state or region names the country that holds the
    person serving it. Read only for a sentence being served: an arrest "in Florida" may be a
    county's ordinary justice, and must not name a state that let someone go."""
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in _pobjs(prep):
                hit = party_of(ctx, obj, ctx.gazetteer.region) if ctx.gazetteer is not None else None
                if hit:
                    return hit
    return None


def _demonym_on(ctx: ArticleContext, noun: Token) -> Hit | None:
    """ "Russian captivity", "Iranian custody", "U.S. federal custody": the demonym or country."""
    if not C.is_custody_noun(noun) and noun.lower_ not in ("prisons", "authorities", "regime",
                                                                 "government", "court", "courts", "captors",
                                                                 "forces", "soldiers", "troops"):
        return None
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < noun.i:
            hit = party_of(ctx, c)
            if hit:
                return hit
    return None


def _agent(ctx: ArticleContext, v: Token) -> Hit | None:
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for obj in _pobjs(c):
                hit = party_of(ctx, obj)
                if hit:
                    return hit
                hit = _demonym_on(ctx, obj)
                if hit:
                    return hit
                if obj.lower_ in _SECURITY_NOUNS:
                    hit = _place_in(ctx, obj)    # "by security forces in Tehran"
                    if hit:
                        return hit
    return None


_SECURITY_NOUNS = frozenset({"forces", "police", "authorities", "agents", "officers", "officials", "troops",
                             "soldiers", "guards", "militiamen", "services"})


def _subject_party(ctx: ArticleContext, v: Token) -> Hit | None:
    """Subject of an active verb, through "was prepared to" / "agreed to"; "call on X to"."""
    t = v
    for _ in range(3):
        for c in t.children:
            if c.dep_ == "nsubj":
                return party_of(ctx, c)
        if t.dep_ in ("xcomp", "acomp", "advcl") and t.head.i != t.i:
            head = t.head
            if head.lower_ in _CALL_HEADS:
                for p in head.children:
                    if p.dep_ == "prep" and p.lower_ == "on":
                        for obj in _pobjs(p):
                            return party_of(ctx, obj)
                    if p.dep_ == "dobj":
                        return party_of(ctx, p)
                return None
            if head.lower_ in C.IRREALIS_HEADS and head.lower_ not in ("willing", "ready", "able", "prepared"):
                return None
            t = head
            continue
        break
    return None


def holder_from_cue(ctx: ArticleContext, q: C.Cue) -> Hit | None:
    """Who held the person, read around one cue. An institution (the Red Cross that carried
    a hostage out, the UN) holds no one."""
    if ctx.gazetteer is None:
        return None
    hit = _holder_at_cue(ctx, q)
    if hit is not None and ctx.gazetteer.kind(hit[0]) == "institution":
        return None
    return hit


def _holder_at_cue(ctx: ArticleContext, q: C.Cue) -> Hit | None:
    doc = ctx.doc
    v = doc[q.token]
    w = v.lower_
    if v.pos_ == "NOUN":
        hit = _demonym_on(ctx, v) or _agent(ctx, v) or _place_in(ctx, v)
        if hit:
            return hit
        if v.lower_ in C.EXCHANGE_NOUNS:
            # "a prisoner swap with Russia for X": the other party of a swap for X holds X
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "with":
                    hit = next((h for t in _pobjs(c) if (h := party_of(ctx, t))), None)
                    if hit:
                        return hit
        for c in v.children:
            if c.dep_ == "poss":
                hit = party_of(ctx, c)
                if hit:
                    return hit
        if v.dep_ == "dobj" and v.lower_ in C.DETAIN_NOUNS and q.kind == C.HELD and v.head.lower_ in _ORDERING:
            for c in v.head.children:      # "A Russian court extended the detention of X"
                if c.dep_ == "nsubj":
                    return party_of(ctx, c) or _demonym_on(ctx, c)
        return None
    if w in C.EXCHANGE_VERBS:
        return _exchange_holder(ctx, v, q)
    hit = _agent(ctx, v)
    if hit:
        return hit
    for c in v.subtree:
        if c.i != v.i and c.pos_ == "NOUN" and c.head.dep_ == "prep" and \
                c.head.lower_ in ("in", "from", "behind", "into", "to", "at"):
            # "in Russian custody", "to a penal colony in Smolensk"
            hit = _demonym_on(ctx, c) or (_place_in(ctx, c) if C.is_custody_noun(c) else None)
            if hit:
                return hit
    if w in _SEIZE_VERBS:
        return None     # "kidnapped in Mali", "captured in Ukraine": where it happened, not who holds them
    if w in C.DETAIN_VERBS or w in C.REMAIN_VERBS or w in C.DIE_VERBS or q.kind in (C.HELD, C.CURRENT, C.DIED,
                                                                                   C.SOUGHT):
        hit = _place_in(ctx, v)
        if hit:
            return hit
        for o in v.children:        # "serving a life sentence in California"
            if o.dep_ == "dobj" and o.lower_ in ("sentence", "term", "time"):
                hit = _place_in(ctx, o) or _region_in(ctx, o)
                if hit:
                    return hit
        if v.dep_ == "conj" and v.head.pos_ == "VERB":     # "taken in Afghanistan ... and held"
            hit = _place_in(ctx, v.head)
            if hit:
                return hit
        if w in C.TRANSFER_VERBS and q.kind == C.HELD:     # "arrested and returned to the United States"
            hit = _destination(ctx, v)
            if hit:
                return hit
    if w in C.DETAIN_VERBS or w in C.RELEASE_VERBS or (w in ("let", "lets") and q.kind == C.RELEASED):
        passive = any(c.dep_ == "auxpass" for c in v.children)
        if not passive and w not in ("return", "returned", "returning", "returns"):
            hit = _subject_party(ctx, v)
            if hit:
                return hit
    return None


_SEIZE_VERBS = frozenset({"kidnapped", "kidnap", "kidnaps", "kidnapping", "abducted", "abduct", "abducts",
                          "abducting", "captured", "capture", "captures", "capturing", "seized"})


def _exchange_holder(ctx: ArticleContext, v: Token, q: C.Cue) -> Hit | None:
    """ "A exchanged P for Q": A held Q; P was held by the other side (Q's nationality)."""
    subj = _subject_party(ctx, v)
    if q.slot == "for":
        return subj
    for prep in v.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for t in prep.subtree:
                hit = party_of(ctx, t) if t.pos_ in ("ADJ", "PROPN", "NOUN") else None
                if hit and (subj is None or hit[0] != subj[0]):
                    return hit
    return None


def group_noun(doc: Any, h: Token) -> Token | None:
    """The group a listed name belongs to: "Three of the freed Americans were named: A; B; and
    C" or "the released prisoners, A and B" (the name, or the first of its conjuncts, in
    apposition to the group, or to "N of" the group)."""
    first = h
    for _ in range(12):
        if first.dep_ != "conj" or first.head.i == first.i:
            break
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ in ("including", "among") and first.head.dep_ == "prep":
        g = first.head.head     # "three French citizens, including A"
        return g if g.pos_ in ("NOUN", "PROPN") else None
    if first.dep_ != "appos" or first.head.i == first.i:
        return None
    g = first.head
    if g.pos_ in ("NUM", "PRON") or g.lower_ in ("some", "several", "all", "most", "both", "many"):
        for prep in g.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = _pobjs(prep)
                if objs:
                    return objs[0]
        return None
    return g if g.pos_ in ("NOUN", "PROPN") else None


def group_nationality(ctx: ArticleContext, h: Token) -> list[str]:
    """ "the freed Americans: A, B": the group's demonym is the listed person's nationality."""
    gz = ctx.gazetteer
    g = group_noun(ctx.doc, h)
    if gz is None or g is None or g.tag_ not in ("NNS", "NNPS") and not g.text.endswith("s"):
        return []
    try:
        # "the freed Americans", or "French citizens": the group's demonym, or the one on it
        for word in [g] + [c for c in g.children if c.dep_ in ("amod", "compound")]:
            if gz.is_demonym(word.text):
                found = list(gz.demonym(word.text))
                return found if len(found) == 1 else []
    except Exception:  # noqa: BLE001
        return []
    return []


ARTICLE_HOLDER_MAX_CHARS = 12000
_PARA = re.compile(r"\n[ \t]*\n")


def article_holder(ctx: ArticleContext, near: list[int] | None = None,
                   nationality: list[str] | None = None) -> Hit | None:
    """The captor most often named in custody phrases ("detained in Iran", "Russian prisons"):
    first in the paragraphs that name the person (``near``: their character offsets), then
    anywhere in a short article (a long briefing covers many stories, so it has no single
    captor). A phrase about other nationals ("five Iranians held in the United States") says
    nothing of a person of another, known ``nationality``. With no custody phrase left, the
    party the article says released or freed prisoners ("freed by Iran", "Iran released
    five American prisoners") held them."""
    gz = ctx.gazetteer
    text = ctx.article.text
    if gz is None:
        return None
    nats = set(nationality or [])
    whole = len(text) <= ARTICLE_HOLDER_MAX_CHARS
    paras: list[tuple[int, int]] = []
    if near:
        bounds = [0] + [m.end() for m in _PARA.finditer(text)] + [len(text) + 1]
        seen = set()
        for pos in near:
            k = next(i for i in range(len(bounds) - 1) if bounds[i] <= pos < bounds[i + 1])
            seen.add((bounds[k], min(len(text), bounds[k + 1])))
        paras = sorted(seen)
    for release in (False, True):
        if release and not nats:
            return None        # freeing phrases only where a nationality tells whose side is whose
        if paras:
            hit = _custody_party(gz, text, paras, nats, release)
            if hit:
                return hit
        if whole:
            hit = _custody_party(gz, text, [(0, len(text))], nats, release)
            if hit:
                return hit
    return None


# "five Iranians held in": a custody phrase about a group of nationals
_NATIONALS_BEFORE = re.compile(r"([A-Z][a-z]+s)\s+(?:(?:who|that)\s+)?(?:(?:are|were|is|was|had|have|has|been|being|still|"
                               r"currently|now)\s+)*(?:detained|held|imprisoned|jailed)\s+(?:\w+\s+){0,2}(?:in|by)"
                               r"\s+(?:the\s+)?$")
_CUSTODY_AFTER = re.compile(r"\s+(?:detention|prisons?|custody|captivity|jails?|penal|colon\w*|courts?|"
                            r"authorities)\b")
_NOT_CUSTODY_BETWEEN = re.compile(r"\b(?:freed|released|kidnapped|abducted|seized|captured|taken)\b")
_FREED_BY = re.compile(r"(?:freed|released)\s+(?:\w+\s+){0,1}by\s+(?:the\s+)?$", re.I)
_PARTY_FREED = re.compile(r"^\s+(?:(?:has|had|have|finally|then|on\s+\w+)\s+)?(?:released|freed)\b")


def _custody_party(gz: Any, text: str, spans: list[tuple[int, int]], nats: set[str] | None = None,
                   release: bool = False) -> Hit | None:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for s0, s1 in spans:
        chunk = text[s0:s1]
        try:
            matches = gz.find_parties(chunk)
        except Exception:  # noqa: BLE001
            return None
        for pm in matches:
            if pm.kind not in ("country", "demonym", "capital", "metonym", "group"):
                continue
            before = chunk[max(0, pm.start - 40):pm.start].lower()
            after = chunk[pm.end:pm.end + 30].lower()
            if release:
                ok = pm.kind != "demonym" and pm.party not in (nats or ()) and (
                    _FREED_BY.search(before) is not None or _PARTY_FREED.match(after) is not None)
            elif pm.kind in ("demonym", "group") and _CUSTODY_AFTER.match(after):
                ok = True       # "Iranian prisons", "a Houthi court"
            elif pm.kind == "demonym":
                ok = False      # a people, not a place: only its prisons or courts hold anyone
            else:
                held = re.search(r"(?:detained|held|imprisoned|jailed|captive|hostage|prisons?|custody|"
                                 r"captivity|detention)\s+((?:\w+\s+){0,2})(?:in|by)\s+(?:the\s+)?$", before)
                # "Hostage freed in Mali", "hostage kidnapped in Niger": the place of the release
                # or of the kidnapping, not the captor
                ok = held is not None and not _NOT_CUSTODY_BETWEEN.search(held.group(1))
                if ok and nats:
                    group = _NATIONALS_BEFORE.search(chunk[max(0, pm.start - 80):pm.start])
                    held = _nationals_of(gz, group.group(1)) if group else set()
                    if held and not held & nats:
                        ok = False     # "five Iranians held in the United States": not this American
            if ok:
                counts[pm.party] += 1
                first.setdefault(pm.party, (s0 + pm.start, s0 + pm.end))
    if not counts:
        return None
    party, _ = counts.most_common(1)[0]
    s, e = first[party]
    return party, s, e


def _nationals_of(gz: Any, word: str) -> set[str]:
    try:
        return set(gz.demonym(word)) if gz.is_demonym(word) else set()
    except Exception:  # noqa: BLE001
        return set()


def nationality(ctx: ArticleContext, texts: list[str]) -> list[str]:
    """Countries from demonyms and "X citizen" in role texts ("US-Russian", "a US citizen")."""
    gz = ctx.gazetteer
    if gz is None:
        return []
    out: list[str] = []
    for t in texts:
        for word in re.findall(r"[A-Z][\w.]*(?:-[A-Z][\w.]*)*", t):
            try:
                if gz.is_demonym(word):
                    found = list(gz.demonym(word))
                else:
                    c = gz.country(word.rstrip("."))
                    found = [c] if c and re.search(r"\b(?:citizens?|nationals?|passport|born)\b|^(?:(?:the|a|an|former) )*"
                                                  + re.escape(word) + r"\b", t) else []
            except Exception:  # noqa: BLE001
                found = []
            for f in found:
                if f and f not in out:
                    out.append(f)
    return out
