"""People named in an article: who they are, and whether they were or are held.

Every person the article names becomes a ``PersonInfo`` (officials, lawyers and relatives
too, so the exchange extractor can tell them apart); those with detainee cues also get a
``PersonMention`` with status, held_by, nationality, category, charges, sentence and the
evidence for each value. A false detainee is the worst error this project can make, so a
person is a detainee only on a cue that targets them, and never when a title or apposition
makes them an official, a lawyer or a commentator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Evidence, PersonMention
from . import cues as C
from . import holders as H
from .charges import find_charges, find_sentence
from .context import ArticleContext
from .dates import DateMatch, find_dates
from .mention_cues import (Mention, among_them_cues, analyse_mention, group_cues, headline_role_cues, pronoun_cues,
                           share_coordinated)
from .mentions import (SPEAKER_LINE, collect_mentions, headline_spans, is_leader, lone_name_ok, mention_at,
                       merge_lone_mentions)
from .names import NameCluster, clean_surface, cluster_names, fix_case, name_parts, strip_titles
from .roles import HARD, PERSON_NOUN, SOFT, RoleInfo, categories_of, is_organisation_role

EXTRACTOR_ID = "swapwatch.persons.v1"

Token = Any
Doc = Any


@dataclass
class PersonInfo:
    """One person named in the article, held or not."""

    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    detainee: bool = False
    role: str | None = None
    mention: PersonMention | None = None
    blocked: bool = False       # a role or a quote says they are free: official, lawyer, relative, speaker
    holder_guessed: bool = False    # held_by is the article's usual captor, not read about them


@dataclass
class PersonAnalysis:
    """Every person in one article, with lookups by surface form and by span."""

    people: list[PersonInfo] = field(default_factory=list)

    @property
    def persons(self) -> list[PersonMention]:
        """Detainees only: the people the article shows as held now or in the past."""
        return [p.mention for p in self.people if p.detainee and p.mention is not None]

    @property
    def not_detainees(self) -> list[str]:
        """The people a role or a quote shows are not held: officials, lawyers, relatives,
        analysts, leaders, organisations, people who only speak. A name with no cue either
        way is neither: it says nothing against another article's evidence of detention."""
        return [p.name for p in self.people if not p.detainee and p.blocked]

    def resolve(self, surface: str) -> PersonInfo | None:
        """ "Karelina", "Karelina's", "Mr. Karelina" or the full name -> that person."""
        name, _ = strip_titles(fix_case(clean_surface(surface)))
        key = name_parts(name)
        if not key:
            return None
        for p in self.people:
            if name_parts(p.name) == key or any(name_parts(a) == key for a in p.aliases):
                return p
        if len(key) == 1:
            hits = [p for p in self.people if name_parts(p.name)[-1:] == key]
            if len(hits) == 1:
                return hits[0]
            if not hits:
                hits = [p for p in self.people if name_parts(p.name)[:1] == key]
                if len(hits) == 1:
                    return hits[0]
        else:
            hits = [p for p in self.people if name_parts(p.name)[-1:] == key[-1:]
                    and name_parts(p.name)[0][:1] == key[0][:1]]
            if len(hits) == 1:
                return hits[0]
        return None

    def at(self, start: int, end: int) -> PersonInfo | None:
        """The person mentioned at this character span (the largest overlap wins; an empty
        span asks about the one position)."""
        best, overlap = None, 0
        for p in self.people:
            for s, e in p.spans:
                o = min(e, end) - max(s, start) if end > start else int(s <= start < e)
                if o > overlap:
                    best, overlap = p, o
        return best


def analyze_persons(ctx: ArticleContext) -> PersonAnalysis:
    """Every person in the article, each flagged detainee or not, with status and profile."""
    doc = ctx.doc
    text = ctx.article.text
    excluded = [(m.start(), m.end()) for m in SPEAKER_LINE.finditer(text)]
    mentions = collect_mentions(ctx, excluded)
    if not mentions:
        return PersonAnalysis([])
    clusters = cluster_names([(m.name, m.start, m.end) for m in mentions])
    clusters = merge_lone_mentions(doc, clusters, excluded)
    by_span = {(m.start, m.end): m for m in mentions}
    context = _detention_context(text)
    people: list[PersonInfo] = []
    all_mentions: list[tuple[Mention, NameCluster]] = []
    for c in clusters:
        ms = []
        for s, e in c.spans:
            m = by_span.get((s, e)) or mention_at(doc, s, e, c.name)
            if m is not None:
                analyse_mention(ctx, m)
                ms.append(m)
        all_mentions.extend((m, c) for m in ms)
    all_mentions = _split_kin(doc, all_mentions)
    clusters = list({id(c): c for _, c in all_mentions}.values())
    all_mentions = _surnames_to_principal(all_mentions)
    share_coordinated(doc, all_mentions)
    among_them_cues(doc, all_mentions)
    group_cues(ctx, all_mentions)
    headline_role_cues(ctx, all_mentions)
    pron, firm = pronoun_cues(ctx, all_mentions)
    owners = sorted(m.start for m, _ in all_mentions if not m.modifier)
    grouped: dict[int, list[Mention]] = {}
    for m, c in all_mentions:
        grouped.setdefault(id(c), []).append(m)
    for c in clusters:
        ms = grouped.get(id(c), [])
        if not ms:
            continue
        people.append(_decide(ctx, c, ms, pron.get(id(c), []), firm.get(id(c), []), context, owners))
    people.sort(key=lambda p: p.spans[0] if p.spans else (0, 0))
    return PersonAnalysis(people)


_KIN = frozenset({"father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "parent",
                  "uncle", "aunt", "cousin", "nephew", "niece", "grandfather", "grandmother", "grandson",
                  "granddaughter", "widow", "widower", "fiancee", "fiance", "partner", "stepfather",
                  "stepmother", "stepson", "stepdaughter", "twin"})


_KIN_WORDS = "|".join(sorted(_KIN))
# "Luis Manuel Díaz, the father of the Liverpool forward Luis Díaz" (same sentence, short gap)
_KIN_BETWEEN = re.compile(
    rf"^,\s+(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+)?(?:{_KIN_WORDS})s?\s+of\s+[^.;!?]{{0,80}}$", re.I)
# "Luis Díaz's father, Luis Manuel Díaz"
_KIN_BEFORE = re.compile(rf"^['\u2019]s?\s+(?:[\w-]+\s+)?(?:{_KIN_WORDS})\s*,?\s*$", re.I)


def _kin_gap(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Does the short stretch between two names read as a kinship apposition?"""
    return 0 <= end - start <= 120 and bool(pattern.match(text[start:end]))


def _split_kin(doc: Doc, items: list[tuple[Mention, NameCluster]]) -> list[tuple[Mention, NameCluster]]:
    """ "Luis Manuel Díaz, the father of Luis Díaz": a name inside a kinship apposition of
    another name is someone else, even when it looks like a short form of that name."""
    out = []
    text = doc.text            # spaCy joins every token to make it: once, not per name
    for m, c in items:
        h = doc[m.head]
        kin = None
        if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lower_ in _KIN:
            kin = h.head.head                       # "the father of Luis Díaz"
        elif h.dep_ == "poss" and h.head.lower_ in _KIN:
            kin = h.head                            # "Luis Díaz's father, Luis Manuel Díaz"
        if m.name != c.name:
            related = set()
            if kin is not None:
                related = ({kin.head.i} if kin.dep_ == "appos" else set()) | {
                    x.i for x in kin.children if x.dep_ == "appos"}
            if any(o is not m and (o.head in related or _kin_gap(_KIN_BETWEEN, text, o.end, m.start)
                                   or _kin_gap(_KIN_BEFORE, text, m.end, o.start))
                   for o, oc in items if oc is c and o.name != m.name):
                if (m.start, m.end) in c.spans:
                    c.spans.remove((m.start, m.end))
                c.forms = [f for f in c.forms if f != m.name]
                kin_of = c.name
                c = NameCluster(name=m.name, spans=[(m.start, m.end)])
                # named as someone's kin: the clause around is about that someone (a parse that
                # makes the kin the object of "released" is wrong), and a relative needs strong cues
                m.cues = []
                m.role = "; ".join(x for x in (f"relative of {kin_of}", m.role) if x)
                m.role_info = RoleInfo(text=m.role, block=SOFT, kind="relative")
        out.append((m, c))
    return out


def _surnames_to_principal(items: list[tuple[Mention, NameCluster]]) -> list[tuple[Mention, NameCluster]]:
    """A bare surname shared by several people ("Griner" after "Griner's wife, Cherelle
    Griner"; "Whelan" after "his brother David Whelan") means the one the story is about,
    not the relative or official introduced by role: reporting names those by first name."""
    full: dict[str, list[NameCluster]] = {}
    for _, c in items:
        parts = name_parts(c.name)
        if len(parts) > 1 and c not in full.setdefault(parts[-1], []):
            full[parts[-1]].append(c)
    blocked = {id(c) for m, c in items if len(name_parts(m.name)) > 1 and m.role_info and m.role_info.block}
    out = []
    for m, c in items:
        parts = name_parts(m.name)
        cands = full.get(parts[-1], []) if len(parts) == 1 else []
        principal = [x for x in cands if id(x) not in blocked]
        if len(cands) > 1 and len(principal) == 1 and c is not principal[0] and id(c) in blocked:
            target = principal[0]
            if (m.start, m.end) in c.spans:
                c.spans.remove((m.start, m.end))
            target.spans.append((m.start, m.end))
            target.spans.sort()
            if m.name not in target.forms and m.name != target.name:
                target.forms.append(m.name)
            c = target
        out.append((m, c))
    used: dict[int, set[str]] = {}
    for m, c in out:
        used.setdefault(id(c), set()).add(m.name)
    for _, c in out:       # a moved surname is no longer an alias of the relative
        c.forms = [f for f in c.forms if f in used.get(id(c), set())]
    return out


# --- deciding ----------------------------------------------------------------------------

_CONTEXT_RX = re.compile(
    r"\b(?:detain\w*|detention|prison\w*|jail\w*|imprison\w*|hostages?|captiv\w*|custody|"
    r"arrest\w*|sentenced|convicted|penal|swap\w*|exchange[ds]?|releas\w*|freed|POWs?|"
    r"kidnap\w*|abduct\w*|incarcerat\w*)\b", re.I)


def _detention_context(text: str) -> bool:
    """The article is about holding people: weaker cues (coming home) may count. A short
    item (a wire lede) qualifies when its headline itself reports the arrest or jailing."""
    if len(_CONTEXT_RX.findall(text)) >= 3:
        return True
    if len(text) > _SHORT_ITEM:
        return False
    if len(_CONTEXT_RX.findall(text)) >= 2:
        return True     # a feed item's lede: "... returned home from Russia after a prisoner swap"
    first, sep, _ = text.partition("\n")
    return bool(sep) and len(first) <= 200 and bool(_CONTEXT_RX.search(first))


_SHORT_ITEM = 1500


def _decide(ctx: ArticleContext, c: NameCluster, ms: list[Mention], pron: list[C.Cue],
            firm: list[C.Cue], context: bool, owners: list[int]) -> PersonInfo:
    """Detainee or not. A hard role (official, lawyer, head of state) blocks everything but
    an official named as the one arrested; a soft role (relative, analyst, former official)
    needs a strong cue; a bare name may also pass on medium cues in an article about
    detention. Strong cues are direct: the name is what was arrested, freed or swapped."""
    roles = [m.role_info for m in ms if m.role_info and m.role_info.text]
    role_texts = [m.role for m in ms if m.role]
    block = None
    if any(r.block == HARD for r in roles):
        block = HARD
    elif any(r.block == SOFT for r in roles):
        block = SOFT
    if is_leader(ctx, c.name) or any(is_leader(ctx, f) for f in c.aliases):
        # a head of state named as a metonym is never held; one the article calls a former
        # leader ("former prime minister X was sentenced") is held on a strong, direct cue
        block = SOFT if _former_leader(roles) else HARD
    # "the human rights group Memorial": an organisation, never a person held
    organisation = any(is_organisation_role(t) for t in role_texts)
    cues = [q for m in ms if not m.modifier for q in m.cues]
    if _tried_in_absentia(ctx, ms):
        # "sentenced X to life in prison. He lives in Canada and was tried in absentia."
        cues = [q for q in cues if not (q.kind in (C.HELD, C.CURRENT) and ctx.doc[q.token].lower_ in _COURT_VERBS)]
    if len(name_parts(c.name)) == 1 and (not _lone_person_grounded(ctx, ms) or c.name.isupper()):
        cues = []       # a lone capitalised word (or an acronym: "FSB") with nothing saying it is a name
    strong = [q for q in cues if q.strength >= C.STRONG]
    # "the jailed civilian leader" just after the one name: the description says it outright;
    # "pardoned X, freeing him": the pronoun is the object again
    strong += [q for q in firm if q.slot in ("described", "again")]
    # WEAK cues ("pardoned") only tell the status of someone held on other evidence;
    # "he", "she" point at the person last named: good enough to support, not to decide alone
    medium = [q for q in cues if q.strength == C.MEDIUM] + [q for q in firm if q.kind != C.DIED]
    only_speaks = all(m.speaks or m.modifier for m in ms) and ms
    detainee = False
    if block == HARD and _official_held(ctx, c, ms, roles, strong):
        block = SOFT       # "Deputy Defence Minister Timur Ivanov was arrested": officials can be held
    if block != HARD and not organisation:
        if strong and any(q.kind != C.DIED for q in strong) or any(q.kind == C.DIED for q in strong):
            detainee = True
        elif block is None and context and medium and not only_speaks:
            kinds = {q.kind for q in medium}
            # a lone "died" is not enough without some sign of custody; a lone "accused of"
            # needs a described person (a profession), not a bare name
            profiled = any(r.categories for r in roles)
            prosecuted = any(q.direct and ctx.doc[q.token].lower_ in C.PROSECUTE_VERBS for q in medium)
            if kinds - {C.DIED, C.HELD} or (C.HELD in kinds and (profiled or prosecuted or len(medium) >= 2)):
                detainee = True
    role = _best_role(role_texts)
    info = PersonInfo(name=c.name, aliases=list(c.aliases), spans=list(c.spans), detainee=detainee,
                      role=role, blocked=block is not None or organisation or bool(only_speaks))
    if detainee:
        info.mention, info.holder_guessed = _profile(ctx, c, ms, cues + pron, role, owners)
    return info


_COURT_VERBS = C.forms("sentence|sentenced|sentences", "convict|convicted|convicts", "condemned|condemn",
                      "try|tried", "jailed", "jail", "imprisoned")
_ABSENTIA_RX = re.compile(r"\bin absentia\b", re.I)


def _tried_in_absentia(ctx: ArticleContext, ms: list[Mention]) -> bool:
    """The article says the person's trial went on without them: a sentence they do not serve."""
    if not _ABSENTIA_RX.search(ctx.article.text):
        return False
    doc = ctx.doc
    for m in ms:
        sent = doc[m.head].sent
        nxt = doc[sent.end].sent if sent.end < len(doc) else None
        if _ABSENTIA_RX.search(sent.text) or (nxt is not None and nxt[0].lower_ in ("he", "she")
                                                and _ABSENTIA_RX.search(nxt.text)):
            return True     # in the sentence that names them, or in the next one about "he"/"she"
    return False


def _former_leader(roles: list[RoleInfo]) -> bool:
    """Some title calls the person a former office holder and none a current one."""
    return any(r.kind == "official" and r.block == SOFT and _FORMER_RX.search(r.text)
               or _EX_LEADER_RX.search(r.text) for r in roles) \
        and not any(r.block == HARD for r in roles)


_FORMER_RX = re.compile(r"\b(?:former|ex-|ex |ousted|deposed|toppled)", re.I)
# "ex-president", "ex-premier": the hyphen hides the office from the official vocabulary
_EX_LEADER_RX = re.compile(r"\bex-?\s*(?:president|prime minister|premier|chancellor|leader|head of state)\b",
                           re.I)


def _official_held(ctx: ArticleContext, c: NameCluster, ms: list[Mention], roles: list[RoleInfo],
                   strong: list[C.Cue]) -> bool:
    """An official (never a head of state, lawyer or relative) is held when the name itself is
    the object of an arrest or jailing, and they never speak, announce or negotiate here."""
    if any(r.block == HARD and r.kind != "official" for r in roles):
        return False
    if any(r.block == HARD and _RULER_RX.search(r.text) for r in roles):
        return False     # "Cambodian dictator X": a ruler the parse puts next to someone else's verb
    if is_leader(ctx, c.name) or any(is_leader(ctx, f) for f in c.aliases):
        return False
    if any(m.speaks for m in ms):
        return False
    headlines = headline_spans(ctx.article.text)
    return any(q.direct and q.kind in (C.HELD, C.CURRENT) and ctx.doc[q.token].lower_ in _CUSTODY_VERBS
               and not any(s <= q.start < e for s, e in headlines)     # headlines parse badly
               and "\n" not in ctx.doc[q.token].sent.text.strip()
               for q in strong)


_RULER_RX = re.compile(r"\b(?:dictator|autocrat|strongman|ruler|junta (?:leader|chief))\b", re.I)

_CUSTODY_VERBS = frozenset({"arrested", "detained", "jailed", "imprisoned", "sentenced", "incarcerated",
                            "held", "kidnapped", "abducted", "captured", "seized", "remanded", "apprehended"})


def _lone_person_grounded(ctx: ArticleContext, ms: list[Mention]) -> bool:
    """ "Abigail" alone is a person when a role names her ("a little girl, Abigail", "his
    daughter Emily") or the tagger calls some mid-sentence mention of her a person."""
    doc = ctx.doc
    for m in ms:
        t = doc[m.head]
        if not lone_name_ok(doc, t.i, t.i + 1):
            continue
        if m.role and any(PERSON_NOUN.match(w) or w in C.HELD_NOUNS for w in re.findall(r"\b[a-z]+\b", m.role)):
            return True
        if t.ent_type_ == "PERSON":
            return True
    return False


def _best_role(texts: list[str]) -> str | None:
    """The first stated role, without the age boilerplate ("63-year-old")."""
    for t in texts:
        t2 = re.sub(r"\b\d+-year-old\b", "", t).strip(" ;,")
        if t2:
            return t2
    return None


def _profile(ctx: ArticleContext, c: NameCluster, ms: list[Mention], cues: list[C.Cue],
             role: str | None, owners: list[int]) -> tuple[PersonMention, bool]:
    """Status, dates, holder, nationality, category, charges and term, each with evidence; and
    whether the holder is only the article's usual captor (no cue about the person names one)."""
    evidence: list[Evidence] = []
    status, status_cue = _status(cues)
    if status_cue is not None:
        evidence.append(ctx.evidence(status_cue.start, status_cue.end, EXTRACTOR_ID, field="status"))
    pm = PersonMention(name=c.name, aliases=list(c.aliases), status=status)
    dated = _status_date(ctx, status_cue) if status_cue is not None else None
    if dated is not None:
        d, offset = dated
        pm.status_date = d.value
        evidence.append(ctx.evidence(offset + d.start, offset + d.end, EXTRACTOR_ID, field="status_date"))
    pm.role = role
    texts = [m.role for m in ms if m.role]
    cats: list[str] = []
    for t in texts:
        for cat in categories_of(t):
            if cat not in cats:
                cats.append(cat)
    pm.category = cats or ["civilian"]
    if texts:
        first = next(m for m in ms if m.role)
        evidence.append(ctx.evidence(first.start, first.end, EXTRACTOR_ID, field="role"))
    pm.nationality = H.nationality(ctx, [m.role for m in ms if m.role])
    if not pm.nationality:      # "the freed Americans: A, B and C"
        pm.nationality = next((n for m in ms if not m.pronoun for n in [H.group_nationality(ctx, ctx.doc[m.head])]
                               if n), [])
    if pm.nationality:
        evidence.append(ctx.evidence(ms[0].start, ms[0].end, EXTRACTOR_ID, field="nationality"))
    held, guessed = _held_by(ctx, cues, status, [m.start for m in ms], pm.nationality)
    if held:
        pm.held_by = held[0]
        evidence.append(ctx.evidence(held[1], held[2], EXTRACTOR_ID, field="held_by"))
    sents = _cue_sentences(ctx, cues, ms)
    mine = {m.start for m in ms}
    charges: list[str] = []
    for s0, s1 in sents:
        for ch, a, b in find_charges(ctx.article.text[s0:s1]):
            if ch not in charges and _owner_is(owners, s0 + a, s0, s1, mine):
                charges.append(ch)
                evidence.append(ctx.evidence(s0 + a, s0 + b, EXTRACTOR_ID, field="charges"))
    pm.charges = charges
    for s0, s1 in sents:
        found = find_sentence(ctx.article.text[s0:s1])
        if found and _owner_is(owners, s0 + found[1], s0, s1, mine):
            pm.sentence = found[0]
            evidence.append(ctx.evidence(s0 + found[1], s0 + found[2], EXTRACTOR_ID, field="sentence"))
            break
    pm.evidence = evidence
    return pm, bool(held) and guessed


def _owner_is(owners: list[int], at: int, s0: int, s1: int, mine: set[int]) -> bool:
    """Does the phrase at ``at`` belong to this person? The name mentioned last before it in
    the sentence (else the first after it) owns it; a sentence with no name at all (only
    "she", "he") belongs to whoever's cue brought it here."""
    inside = [o for o in owners if s0 <= o < s1]
    if not inside:
        return True
    before = [o for o in inside if o <= at]
    owner = max(before) if before else min(inside)
    return owner in mine


def _status(cues: list[C.Cue]) -> tuple[str, C.Cue | None]:
    """died > exchanged > released > detained, except that a release is undone by an outright
    "still held" stated after it in the text (re-arrested, or the release fell through)."""
    if not cues:
        return "detained", None
    direct = [q for q in cues if not q.pronoun]
    died = [q for q in cues if q.kind == C.DIED]
    held = [q for q in cues if q.kind != C.DIED]
    if died and (any(q.strength >= C.STRONG for q in died) or held):
        return "died_in_custody", max(died, key=lambda q: q.strength)
    for kind, status in ((C.EXCHANGED, "exchanged"), (C.RELEASED, "released")):
        hits = [q for q in held if q.kind == kind]
        if hits:
            last = max(h.start for h in hits)
            undone = [q for q in direct if q.kind == C.CURRENT and q.strength >= C.STRONG and q.start > last]
            if not undone or max(h.strength for h in hits) > max(q.strength for q in undone):
                return status, max(hits, key=lambda q: (q.strength, q.start))
    pick = [q for q in held if q.kind == C.CURRENT] or [q for q in held if q.kind == C.SOUGHT] or held or died
    return "detained", max(pick, key=lambda q: (q.strength, q.start))


def _cue_sentences(ctx: ArticleContext, cues: list[C.Cue], ms: list[Mention]) -> list[tuple[int, int]]:
    """Sentences where the person is named or a cue about them sits, in text order."""
    doc = ctx.doc
    seen: dict[int, tuple[int, int]] = {}
    for q in cues:
        s = doc[q.token].sent
        seen[s.start] = (s.start_char, s.end_char)
    for m in ms:
        s = doc[m.head].sent
        seen[s.start] = (s.start_char, s.end_char)
    return [seen[k] for k in sorted(seen)]


def _status_date(ctx: ArticleContext, cue: C.Cue) -> tuple[DateMatch, int] | None:
    """The date stated in the status sentence nearest the cue word, with the sentence offset."""
    sent = ctx.doc[cue.token].sent
    try:
        found = find_dates(sent.text, ctx.published)
    except Exception:  # noqa: BLE001 - an odd date must not lose the person
        return None
    if cue.kind in (C.RELEASED, C.EXCHANGED):
        # "held since 2015" dates the custody, never a release
        found = [d for d in found if not re.search(r"\bsince\s+$", sent.text[max(0, d.start - 8):d.start], re.I)]
    if not found:
        return None
    anchor = ctx.doc[cue.token].idx - sent.start_char
    return min(found, key=lambda d: abs(d.start - anchor)), sent.start_char


def _held_by(ctx: ArticleContext, cues: list[C.Cue], status: str | None,
             near: list[int] | None = None, nationality: list[str] | None = None) -> tuple[H.Hit | None, bool]:
    """The holder named around the cues (for someone freed, the release cues first: "released
    by Russia"; else the custody cues: "held by the Taliban"), then the captor the article
    names most often in custody phrases."""
    custody_kinds = (C.HELD, C.CURRENT, C.SOUGHT, C.DIED)
    custody = sorted((q for q in cues if q.kind in custody_kinds), key=lambda q: (q.pronoun, q.start))
    other = sorted((q for q in cues if q.kind not in custody_kinds), key=lambda q: (q.pronoun, q.start))
    order = other + custody if status in ("released", "exchanged") else custody + other
    for q in order:
        hit = H.holder_from_cue(ctx, q)
        if hit:
            return hit, False
    return H.article_holder(ctx, near, nationality), True
