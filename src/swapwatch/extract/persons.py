"""People named in an article: who they are, and whether they were or are held.

Every person the article names becomes a ``PersonInfo`` (officials, lawyers and relatives
too, so the exchange extractor can tell them apart); those with detainee cues also get a
``PersonMention`` with status, held_by, nationality, category, charges, sentence and the
evidence for each value. A false detainee is the worst error this project can make, so a
person is a detainee only on a cue that targets them, and never when a title or apposition
makes them an official, a lawyer or a commentator.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Evidence, PersonMention
from . import cues as C
from . import holders as H
from .charges import find_charges, find_sentence
from .context import ArticleContext
from .names import GIVEN_NAME_TITLES, NameCluster, clean_surface, cluster_names, fix_case, looks_like_name, name_parts, strip_titles
from .roles import HARD, SOFT, TITLE_WORDS, RoleInfo, categories_of, classify_role

EXTRACTOR_ID = "swapwatch.persons.v1"

Token = Any
Doc = Any

# News outlets and platforms: quoted as sources, often tagged PERSON by the model.
OUTLETS = frozenset({
    "politico", "afp", "reuters", "ap", "bbc", "cnn", "bloomberg", "npr", "axios", "meduza", "tass",
    "interfax", "kommersant", "ria novosti", "izvestia", "vedomosti", "dozhd", "mediazona",
    "novaya gazeta", "al jazeera", "euronews", "euromaidan press", "rksnews", "wall street journal",
    "the wall street journal", "new york times", "the new york times", "washington post",
    "the washington post", "guardian", "the guardian", "financial times", "the economist",
    "sky news", "fox news", "cbs", "nbc", "abc", "msnbc", "cnbc", "deutsche welle", "dw",
    "le monde", "der spiegel", "spiegel", "kyiv independent", "kyiv post", "ukrainska pravda",
    "radio free europe", "rfe/rl", "radio liberty", "associated press", "agence france-presse",
    "x", "twitter", "telegram", "facebook", "instagram", "youtube", "tiktok", "truth social",
    "anadolu", "xinhua", "yonhap", "kyodo", "haaretz", "jerusalem post", "times of israel",
})
# Capitalised words that never start or make up a person's name.
NOT_NAME_WORDS = frozenset("""
the a an this that these those his her their our its my your today tonight yesterday monday
tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december god thank thanks q okay ok yes no please well so
and but or of for in on at to by with from as it he she they we i you mr mrs ms dr
department ministry office council agency court committee union party university institute
center centre foundation fund bank group company corporation inc ltd news times post journal
act law bill order program programme street road square airport prison colony museum embassy
state states government administration house senate congress parliament duma kremlin army
navy police service services forces force republic federation kingdom emirates nations league
olympic olympics team club church cathedral hall room office oval roosevelt family families
patrol guard protection police
""".split())
# Last words of organisation and place names ("Hostage Recovery Fusion Cell").
ORG_TAIL = frozenset("""
cell unit force forces fusion recovery initiative network movement front brigade battalion
regiment division corps guard guards command centre center society association alliance
coalition commission board authority authorities tribunal prosecutor's embassy consulate
ministry bureau directorate service services agency agencies academy school college
hospital clinic press media radio tv television channel newspaper magazine review daily
weekly gazette herald tribune monitor watch international inc llc ltd plc corp co group
holdings partners capital airlines airways railways energy oil gas bank trust fund funds
prize award awards festival games cup league championship series project lab labs reserve
credit credits plan plans district districts account budget scheme agreement treaty deal pipeline
summit conference index supply chain market strategy policy package rule rules tax program
programs programme act acts bill bills order orders report fund enterprise accountability
""".split())
SPEECH_VERBS = C._forms(
    "say|said|says|saying", "tell|told|tells|telling", "announce|announced|announces",
    "add|added|adds", "write|wrote|writes|written", "tweet|tweeted|tweets", "post|posted",
    "note|noted|notes", "thank|thanked|thanks", "confirm|confirmed|confirms",
    "stress|stressed", "emphasize|emphasized|emphasise|emphasised", "comment|commented",
    "argue|argued", "explain|explained", "describe|described", "warn|warned", "insist|insisted",
    "declare|declared", "speak|spoke|speaks|spoken", "negotiate|negotiated", "greet|greeted",
    "welcome|welcomed", "meet|met|meets", "sign|signed", "call|called", "urge|urged",
)
_SPEAKER_LINE = re.compile(
    r"(?m)^[ \t]*(?:THE [A-Z][A-Z .'\-]+|(?:MR|MS|MRS|DR|SEN|SENATOR|REP|GOV|ADM|GEN|AMB|SECRETARY|"
    r"PRESIDENT|AMBASSADOR|ADMIRAL|GENERAL)\.? [A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]+)*|Q|"
    r"SENIOR ADMINISTRATION OFFICIAL(?: \w+)?|MODERATOR|OPERATOR)\s*:")
_DASH_APPOS = re.compile(r"^\s*(?:,|\u2014|\u2013|--| - )\s*(?:a|an|the|his|her|their)\b",
                         re.I)


@dataclass
class PersonInfo:
    """One person named in the article, held or not."""

    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    detainee: bool = False
    role: str | None = None
    mention: PersonMention | None = None


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
        return [p.name for p in self.people if not p.detainee]

    def resolve(self, surface: str) -> PersonInfo | None:
        """ "Karelina", "Karelina's", "Mr. Karelina" or the full name -> that person."""
        name, _ = strip_titles(fix_case(clean_surface(surface)))
        key = [w for w in name_parts(name)]
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
        """The person mentioned at (or overlapping) this character span."""
        best, overlap = None, 0
        for p in self.people:
            for s, e in p.spans:
                o = min(e, end) - max(s, start)
                if o > overlap or (o == 0 and start == end and s <= start < e):
                    best, overlap = p, max(o, 1)
        return best


@dataclass
class _Mention:
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


def analyze_persons(ctx: ArticleContext) -> PersonAnalysis:
    """Every person in the article, each flagged detainee or not, with status and profile."""
    doc = ctx.doc
    text = ctx.article.text
    excluded = [(m.start(), m.end()) for m in _SPEAKER_LINE.finditer(text)]
    mentions = _collect_mentions(ctx, excluded)
    if not mentions:
        return PersonAnalysis([])
    clusters = cluster_names([(m.name, m.start, m.end) for m in mentions])
    clusters = _merge_lone_mentions(doc, clusters, excluded, ctx)
    by_span = {(m.start, m.end): m for m in mentions}
    context = _detention_context(text)
    people: list[PersonInfo] = []
    all_mentions: list[tuple[_Mention, NameCluster]] = []
    for c in clusters:
        ms = []
        for s, e in c.spans:
            m = by_span.get((s, e)) or _mention_at(doc, s, e, c.name)
            if m is not None:
                _analyse_mention(ctx, m)
                ms.append(m)
        all_mentions.extend((m, c) for m in ms)
    _conj_roles(doc, all_mentions)
    _list_cues(doc, all_mentions)
    pron, firm = _pronoun_cues(ctx, all_mentions)
    owners = sorted(m.start for m, _ in all_mentions if not m.modifier)
    grouped: dict[int, list[_Mention]] = {}
    for m, c in all_mentions:
        grouped.setdefault(id(c), []).append(m)
    for c in clusters:
        ms = grouped.get(id(c), [])
        if not ms:
            continue
        people.append(_decide(ctx, c, ms, pron.get(id(c), []), firm.get(id(c), []), context, owners))
    people.sort(key=lambda p: p.spans[0] if p.spans else (0, 0))
    return PersonAnalysis(people)


# --- finding names ---------------------------------------------------------------------

def _collect_mentions(ctx: ArticleContext, excluded: list[tuple[int, int]]) -> list[_Mention]:
    doc = ctx.doc
    out: list[_Mention] = []
    taken: set[int] = set()
    headlines = _headline_spans(ctx.article.text)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        m = _mention_from_tokens(ctx, ent.start, ent.end, excluded, extend=True)
        if m is not None and len(m.name.split()) == 1 and any(s <= m.start < e for s, e in headlines):
            continue
        if m is not None:
            out.append(m)
            taken.update(range(doc[m.head].i - 5, doc[m.head].i + 1))
    person_tokens = {i for m in out for i in _token_range(doc, m.start, m.end)}
    for a, b in _propn_runs(doc):
        if any(i in person_tokens for i in range(a, b)):
            continue
        if any(s <= doc[a].idx < e for s, e in headlines):
            continue
        m = _mention_from_tokens(ctx, a, b, excluded, extend=False)
        if m is None:
            continue
        if _syntax_says_person(doc, m) or _is_leader(ctx, m.name):
            out.append(m)
            continue
        # the tagger missed a name that the clause treats as a person: held, freed, speaking
        words = m.name.split()
        if any(w.lower().strip(".") in TITLE_WORDS or "." in w.rstrip(".") or (w.isupper() and len(w) > 1)
               for w in words):
            continue   # "U.S. Marine", "FSB Colonel": titles and acronyms, not a name
        _analyse_mention(ctx, m)
        strong = any(q.strength >= C.STRONG for q in m.cues)
        if len(words) >= 2 and (m.cues or m.speaks):
            out.append(m)
        elif strong and doc[m.head].ent_type_ in ("", "PERSON") and _lone_name_ok(doc, a, b):
            out.append(m)
    out.sort(key=lambda m: m.start)
    dedup: list[_Mention] = []
    for m in out:
        if dedup and m.start < dedup[-1].end:
            continue
        dedup.append(m)
    return dedup


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Lines in Title Case (headlines, section titles): capitals there do not mark names."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][\w'’-]*", line)
        if 2 <= len(words) <= 25 and not re.search(r"[.!?:;,]\s*$", line.strip()):
            caps = sum(1 for w in words if w[0].isupper())
            small = sum(1 for w in words if w.lower() in ("of", "the", "on", "and", "in", "for", "to", "a", "from", "with", "by", "at"))
            if caps >= 0.8 * (len(words) - small) and caps >= 2:
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _is_name_token(t: Token) -> bool:
    w = t.text
    if not w or not w[0].isupper() or not any(ch.isalpha() for ch in w):
        return False
    if t.pos_ not in ("PROPN", "NOUN", "ADJ", "X") and not (t.tag_ in ("NNP", "NNPS")):
        return False
    return w.strip(".").lower() not in NOT_NAME_WORDS or w.isupper() and len(w) > 3


def _propn_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper-noun tokens (hyphens inside words allowed)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if t.tag_ in ("NNP", "NNPS") and _is_name_token(t):
            j = i + 1
            while j < n:
                u = doc[j]
                if u.text == "-" and not doc[j - 1].whitespace_ and j + 1 < n and doc[j + 1].tag_ in ("NNP", "NNPS"):
                    j += 2
                    continue
                if u.is_space and "\n\n" not in u.text and j + 1 < n and doc[j + 1].tag_ in ("NNP", "NNPS") \
                        and _is_name_token(doc[j + 1]):
                    j += 1
                    continue
                if u.tag_ in ("NNP", "NNPS") and _is_name_token(u) and "\n\n" not in doc[j - 1].whitespace_:
                    j += 1
                    continue
                break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _mention_from_tokens(ctx: ArticleContext, a: int, b: int, excluded: list[tuple[int, int]],
                         extend: bool) -> _Mention | None:
    doc = ctx.doc
    # drop trailing possessives/punctuation and leading determiners/titles
    while b > a and (doc[b - 1].tag_ == "POS" or doc[b - 1].is_punct or doc[b - 1].is_space
                     or doc[b - 1].lower_ in ("'s", "’s") or (b - a > 2 and doc[b - 1].lower_ in _HEADLINE_VERBS)):
        b -= 1
    titles: list[str] = []
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ in ("the", "a", "an")
                     or _is_title_token(doc[a])):
        if doc[a].lower_ in GIVEN_NAME_TITLES and b - a <= 2:
            break     # "Amir Farahani": a given name here
        if _is_title_token(doc[a]):
            titles.append(doc[a].text)
        a += 1
    if a >= b:
        return None
    if extend and b - a == 1:
        # "Vadim Krashikov" where the model only tagged "Krashikov": take the given name too.
        while a > 0 and doc[a - 1].tag_ == "NNP" and _is_name_token(doc[a - 1]) and not _is_title_token(doc[a - 1]) \
                and "\n\n" not in doc[a - 1].whitespace_ and not doc[a - 1].ent_type_ in ("GPE", "NORP") \
                and not (doc[a - 1].ent_type_ == "ORG" and doc[a - 1].ent_iob_ != "B") \
                and not (doc[a - 1].ent_type_ == "ORG" and _is_party(ctx, doc[a - 1].text)):
            a -= 1
            if b - a >= 3:
                break
    start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    if any(s <= start < e for s, e in excluded):
        return None
    raw = ctx.article.text[start:end]
    name = fix_case(clean_surface(raw))
    name, more_titles = strip_titles(name)
    if more_titles:
        titles.append(more_titles)
    if not name or not looks_like_name(name):
        return None
    if name.lower() in OUTLETS or name.lower().removeprefix("the ") in OUTLETS:
        return None
    words = [w.strip(".").lower() for w in name.split()]
    if all(w in NOT_NAME_WORDS or w in TITLE_WORDS for w in words) or words[-1] in NOT_NAME_WORDS \
            or words[-1] in ORG_TAIL:
        return None
    if any("." in w.rstrip(".") for w in name.split()):
        return None    # "U.S. Border Patrol": dotted acronyms are not part of names
    if len(words) > 1 and any(w in _NEVER_IN_NAME for w in words):
        return None    # "Daughter Held Hostage", "Say Family": headline words, not a name
    if _is_party(ctx, name) or _has_demonym(ctx, name):
        return None
    # the head is the token whose head lies outside the name
    head = b - 1
    for i in range(a, b):
        if not (a <= doc[i].head.i < b) or doc[i].head.i == i:
            head = i
            break
    # possessive "’s" often hangs off the name: keep the name token as head
    return _Mention(start=start, end=end, name=name, head=head, title=" ".join(titles))


# Verbs a Title Case headline glues to a name: "Brittney Griner Released From ...".
_HEADLINE_VERBS = (C.DETAIN_VERBS | C.RELEASE_VERBS | C.EXCHANGE_VERBS | C.DIE_VERBS | C.COME_VERBS
                   | C.REMAIN_VERBS | frozenset({"says", "said", "speaks", "calls", "urges", "wins", "meets",
                                                 "faces", "gets", "appeals", "denies", "pleads", "sues"}))


_NEVER_IN_NAME = (C.HELD_NOUNS | frozenset({"national", "guardsman", "guardsmen", "wall", "held", "freed", "released", "jailed", "detained", "arrested",
                                           "sentenced", "swapped", "daughter", "son", "mother", "father",
                                           "wife", "husband", "family", "families", "brother", "sister",
                                           "says", "say", "said", "killed", "dies", "died", "dead"}))


def _is_title_token(t: Token) -> bool:
    w = t.text.strip(".").lower()
    return w in TITLE_WORDS and t.text[:1].isupper() and w not in ("the", "his", "her", "their")


def _lone_name_ok(doc: Doc, a: int, b: int) -> bool:
    """A single capitalised word can be a surname only mid-sentence, without an article
    ("an Iranian Kurd") and not continuing an organisation's name ("Coalition for Change")."""
    if b - a != 1:
        return True
    t = doc[a]
    if t.is_sent_start or a == 0:
        return False
    j = a - 1
    while j >= 0 and (doc[j].pos_ == "ADJ" or doc[j].is_space):
        j -= 1
    if j >= 0 and (doc[j].pos_ == "DET" or doc[j].text in (":", "\u2014", "-", "\u2013", '"', "\u201c")):
        return False
    if j >= 1 and doc[j].lower_ in ("of", "for", "and", "the") and doc[j - 1].text[:1].isupper():
        return False
    return t.lower_ not in _CUE_WORDS


_CUE_WORDS = C.DETAIN_NOUNS | C.RELEASE_NOUNS | C.HELD_NOUNS | C.EXCHANGE_NOUNS | C.CUSTODY_NOUNS | frozenset(
    {"family", "man", "woman", "boy", "girl", "police", "court", "state", "army", "father", "mother"})


def _is_party(ctx: ArticleContext, name: str) -> bool:
    """A country, capital, armed group or institution (not a leader: leaders are people)."""
    gz = ctx.gazetteer
    if gz is None:
        return False
    try:
        matches = gz.find_parties(name)
    except Exception:  # noqa: BLE001 - a gazetteer gap must not stop extraction
        return False
    for pm in matches:
        if pm.start == 0 and pm.end >= len(name) and pm.kind != "leader":
            return True
    return False


def _has_demonym(ctx: ArticleContext, name: str) -> bool:
    """ "U.S. Americans", "Russian Ksenia": a nationality word is not part of a name."""
    gz = ctx.gazetteer
    if gz is None:
        return False
    try:
        return any(gz.is_demonym(w) for w in name.split() if w.lower() not in ("jordan", "georgia", "israel"))
    except Exception:  # noqa: BLE001
        return False


def _is_leader(ctx: ArticleContext, name: str) -> bool:
    gz = ctx.gazetteer
    if gz is None:
        return False
    try:
        return any(pm.kind == "leader" for pm in gz.find_parties(name))
    except Exception:  # noqa: BLE001
        return False


_PERSON_NOUN = re.compile(
    r"^(?:man|woman|men|women|boy|girl|citizen|national|resident|person|individual|"
    r"husband|wife|son|daughter|father|mother|brother|sister|lawyer|attorney|journalist|reporter|"
    r"correspondent|dancer|teacher|operative|agent|spy|activist|dissident|politician|historian|"
    r"actress|actor|expert|player|athlete|soldier|marine|veteran|officer|businessman|businesswoman|"
    r"executive|hostage|prisoner|detainee|captive|student|worker|fugitive|dealer|smuggler|hacker|"
    r"programmer|director|playwright|poet|writer|artist|musician|scientist|researcher|professor|"
    r"scholar|priest|pastor|doctor|nurse|engineer|official|minister|secretary|president|envoy|"
    r"ambassador|diplomat|spokesperson|spokesman|spokeswoman|analyst|fellow|founder|leader|critic|"
    r"campaigner|defender|assassin|murderer|trafficker|investor|entrepreneur|ballerina|filmmaker|"
    r"singer|rapper|blogger|guide|aid|volunteer|girlfriend|boyfriend|fiancee|fiance|widow|cousin|"
    r"uncle|aunt|nephew|niece|friend|colleague|pow|inmate|chef|photographer|pilot|sailor|"
    r"lawmaker|deputy|senator|governor|mayor|judge|prosecutor|negotiator|mediator|oligarch|tycoon)s?$",
    re.I)


def _syntax_says_person(doc: Doc, m: _Mention) -> bool:
    """The tagger missed (or mislabelled) a name; the syntax around it says person."""
    h = doc[m.head]
    if h.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "CARDINAL", "EVENT", "LAW",
                       "PRODUCT", "WORK_OF_ART", "LANGUAGE"):
        strict = True
    else:
        strict = False
    words = m.name.split()
    if len(words) < 2 and not strict:
        # a lone capitalised word is a person only when a role noun says so
        pass
    # role noun right before the name ("journalist Evan X", "husband Aviv")
    for c in h.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < doc[m.head].i and _PERSON_NOUN.match(c.text) \
                and c.idx < m.start:
            return True
    # apposition with a person noun ("X, an FSB operative"; "his lawyer, X")
    for c in h.children:
        if c.dep_ == "appos" and _PERSON_NOUN.match(c.text):
            return True
        if c.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") for g in c.children):
            return True
    if h.dep_ == "appos" and _PERSON_NOUN.match(h.head.text):
        return True
    if h.dep_ == "oprd" and h.head.lower_ in ("named", "called"):
        return True
    if len(words) >= 2:
        a = C.anchor(h)
        gov = a.head
        if a.dep_ in ("dobj", "nsubjpass") and (gov.lower_ in C.DETAIN_VERBS or gov.lower_ in C.RELEASE_VERBS
                                                or gov.lower_ in C.EXCHANGE_VERBS):
            return not strict or len(words) >= 2
        if a.dep_ == "pobj" and gov.lower_ == "for" and gov.head.lower_ in C.EXCHANGE_VERBS:
            return True
        if a.dep_ == "dobj" and gov.lower_ in C.INCLUDE_VERBS and C._verb_cue(gov, "dobj", (m.start, m.end), doc):
            return True
        if a.dep_ == "poss" and a.head.lower_ in C.RELEASE_NOUNS | C.DETAIN_NOUNS:
            return True
        if a.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lower_ in C.RELEASE_NOUNS | C.DETAIN_NOUNS:
            return True
    return False


def _merge_lone_mentions(doc: Doc, clusters: list[NameCluster], excluded: list[tuple[int, int]],
                         ctx: ArticleContext) -> list[NameCluster]:
    """Catch surnames the tagger labelled as places or organisations ("Krashikov's release")."""
    keys: dict[str, NameCluster] = {}
    for c in clusters:
        parts = name_parts(c.name)
        if len(parts) > 1:
            if parts[-1] in keys and keys[parts[-1]] is not c:
                keys[parts[-1]] = None  # type: ignore[assignment]  # ambiguous surname
            else:
                keys[parts[-1]] = c
    covered = {(s, e) for c in clusters for s, e in c.spans}
    covered_tokens: set[int] = set()
    for s, e in covered:
        covered_tokens.update(_token_range(doc, s, e))
    for t in doc:
        if t.i in covered_tokens or t.tag_ not in ("NNP", "NNPS") or not t.text[:1].isupper():
            continue
        key = name_parts(clean_surface(t.text))
        if len(key) != 1:
            continue
        c = keys.get(key[0])
        if c is None:
            continue
        # part of a longer proper name ("Navalny Foundation") is not the person
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        prv = doc[t.i - 1] if t.i > 0 else None
        if nxt is not None and nxt.tag_ in ("NNP", "NNPS") and nxt.text[:1].isupper() and not nxt.whitespace_ == "":
            if nxt.lower_ not in ("’s", "'s"):
                continue
        if prv is not None and prv.tag_ in ("NNP", "NNPS") and prv.text[:1].isupper() and not _is_title_token(prv):
            continue
        if any(s <= t.idx < e for s, e in excluded):
            continue
        c.spans.append((t.idx, t.idx + len(t.text)))
        c.spans.sort()
    return clusters


def _mention_at(doc: Doc, s: int, e: int, name: str) -> _Mention | None:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root.i
    return _Mention(start=s, end=e, name=name, head=head)


# --- what one mention says ---------------------------------------------------------------

def _analyse_mention(ctx: ArticleContext, m: _Mention) -> None:
    doc = ctx.doc
    h = doc[m.head]
    m.role, full = _role_text(ctx, m)
    m.role_info = classify_role(" ".join(x for x in (m.title, full) if x))
    a = C.anchor(h)
    rel, gov = a.dep_, a.head
    name_span = (m.start, m.end)
    if h.dep_ == "compound" and h.head.pos_ == "NOUN" and not _PERSON_NOUN.match(h.head.text) \
            and h.head.i > h.i:
        m.modifier = True      # "the Whelan family", "the Levinson Act"
        return
    cues: list[C.Cue | None] = []
    via_list = a.i != h.i and any(t.lower_ in ("including", "like", "among", "as") and t.dep_ == "prep"
                                  for t in doc[min(a.i, h.i):max(a.i, h.i) + 1])
    if a.i != h.i and a.pos_ == "NOUN" and a.lower_ in C.RELEASE_NOUNS | C.DETAIN_NOUNS | C.EXCHANGE_NOUNS:
        # "the release of ..., including Aviv": the list hangs on the cue noun itself
        cues.append(C.nominal_cue(a, name_span, doc))
    elif rel in ("nsubj", "attr") and any(c.dep_ == "prep" and c.lower_ == "among" for c in gov.children):
        # "Among those freed were X", "X was among the hostages"
        among = next(c for c in gov.children if c.dep_ == "prep" and c.lower_ == "among")
        for g in (x for x in among.children if x.dep_ == "pobj"):
            cues.append(C.group_cue(g, name_span, doc))
    elif rel in ("npadvmod", "dep", "oprd") and gov.pos_ == "VERB" and gov.i < a.i and not any(
            k.dep_ == "dobj" for k in gov.children):
        # parser slips ("detained ... Zara Idris" as npadvmod): a name after the verb is its object
        cues.append(C._verb_cue(gov, "dobj", name_span, doc))
    elif rel in ("dobj", "nsubjpass", "dative", "nsubj", "attr") and gov.i != a.i:
        if rel == "attr":
            cues.append(_attr_cue(gov, name_span, doc))
        else:
            q = C._verb_cue(gov, rel, name_span, doc)
            if q is not None and rel in ("dobj", "nsubjpass") and a.i == h.i:
                q = dataclasses.replace(q, direct=True)
            cues.append(q)
        if rel in ("nsubj", "nsubjpass"):
            for v in gov.children:
                if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX") and not any(
                        k.dep_ in C.SUBJ for k in v.children):
                    r = "nsubjpass" if any(k.dep_ == "auxpass" for k in v.children) or (
                        rel == "nsubjpass" and v.tag_ == "VBN") else rel
                    cues.append(C._verb_cue(v, r, name_span, doc))
            if rel == "nsubj" and gov.lower_ in SPEECH_VERBS:
                m.speaks = True
        if rel in ("dobj", "nsubjpass"):
            for v in gov.children:
                if v.dep_ in ("advcl", "conj") and v.tag_ == "VBN" and not any(
                        k.dep_ in C.SUBJ for k in v.children) and m.end <= v.idx <= m.end + 4:
                    cues.append(C._verb_cue(v, "acl_pass", name_span, doc))
    elif rel == "pobj":
        prep = gov
        if prep.lower_ == "of":
            cues.append(C.nominal_cue(prep.head, name_span, doc))
        elif prep.lower_ == "for":
            target = prep.head
            if target.lower_ in C.EXCHANGE_VERBS:
                mod = C.modality(target)
                kind = C.EXCHANGED if mod == "realis" and not C._question(target) else C.SOUGHT
                cues.append(C.Cue(kind, C.STRONG, target.i, *_cover(target, name_span), slot="for"))
            elif target.lower_ in C.EXCHANGE_NOUNS and target.lower_ != "deal":
                verb = target.head.head if target.dep_ == "pobj" else target.head
                mod = C.modality(verb) if verb is not None else "realis"
                wish = verb is not None and verb.lower_ in C.IRREALIS_HEADS
                kind = C.EXCHANGED if mod == "realis" and not wish and not C._question(target) else C.SOUGHT
                cues.append(C.Cue(kind, C.STRONG, target.i, *_cover(target, name_span)))
        elif prep.lower_ in ("in", "into") and prep.head.lower_ in ("include", "included"):
            pass
    elif rel == "poss":
        cues.append(C.nominal_cue(gov, name_span, doc))
    if via_list and not any(q is not None for q in cues):
        cues.append(C.group_cue(a, name_span, doc))
    # relative clauses and participles on the name: "X, who was jailed", "X, detained for"
    bases = {h, a} | {c for c in h.children if c.dep_ == "appos" and c.i > h.i}
    for base in bases:
        for c in base.children:
            if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX"):
                kids = list(c.children)
                subj = [k for k in kids if k.dep_ in C.SUBJ]
                if subj and subj[0].lower_ not in ("who", "that", "which"):
                    continue
                if subj and subj[0].dep_ == "nsubj":
                    cues.append(C._verb_cue(c, "nsubj", name_span, doc))
                else:
                    cues.append(C._verb_cue(c, "acl_pass", name_span, doc))
                for v in kids:
                    if v.dep_ == "conj" and v.pos_ == "VERB" and not any(k.dep_ in C.SUBJ for k in v.children):
                        cues.append(C._verb_cue(v, "acl_pass" if v.tag_ == "VBN" else "nsubj", name_span, doc))
    # headline grammar: "Dubois freed after 23-month abduction", "Karelina jailed for 12 years"
    if not any(q is not None for q in cues):
        cues.append(_headline_cue(doc, m, name_span))
    # the slogan "Free Ales Vitko!": the call itself says he is held
    for c in h.children:
        if c.lower_ == "free" and c.dep_ in ("amod", "compound") and c.i < h.i and c.i == doc[m.head].left_edge.i:
            cues.append(C.Cue(C.SOUGHT, C.STRONG, c.i, *_cover(c, name_span)))
    if m.held_noun and not (m.role_info and m.role_info.block):
        tok = m.held_token if m.held_token >= 0 else m.head
        cues.append(C.Cue(C.RELEASED if m.held_freed else C.HELD, C.STRONG, tok, *_cover(doc[tok], name_span)))
    m.cues = [c for c in cues if c is not None]


_HEADLINE_AUX = frozenset({"is", "was", "has", "have", "been", "were", "are", "had", "being", "be"})


def _headline_cue(doc: Doc, m: _Mention, name: tuple[int, int]) -> C.Cue | None:
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
        return C.Cue(C.RELEASED, C.STRONG, v.i, *_cover(v, name))
    if w in ("swapped", "exchanged", "traded"):
        return C.Cue(C.EXCHANGED, C.STRONG, v.i, *_cover(v, name))
    if w in ("jailed", "detained", "arrested", "sentenced", "imprisoned", "convicted", "kidnapped",
             "abducted", "seized", "captured", "charged", "indicted"):
        return C.Cue(C.HELD, C.STRONG, v.i, *_cover(v, name))
    return None


def _cover(tok: Token, name: tuple[int, int]) -> tuple[int, int]:
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
                return C.Cue(C.CURRENT, C.STRONG, t.i, *_cover(t, name))
        if t.pos_ == "VERB" and t.lower_ in C.DETAIN_VERBS and t.lower_ not in ("hold", "holds"):
            return C.Cue(C.HELD, C.STRONG, t.i, *_cover(t, name))
    return None


def _role_text(ctx: ArticleContext, m: _Mention) -> tuple[str, str]:
    """Title or apposition: ("a Russian-German citizen", "a Russian-German citizen accused of
    violating ..."). The short form is shown; the full one (relative clauses included, as in
    "a former diplomat who is now a senior fellow") decides whether the role blocks."""
    doc = ctx.doc
    text = ctx.article.text
    h = doc[m.head]
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    a = first.start if first is not None else h.i
    short: list[str] = []
    full: list[str] = []

    def text_of(toks: list[Token]) -> str:
        toks = [t for t in toks if not t.is_space]
        if not toks:
            return ""
        return " ".join(text[toks[0].idx:toks[-1].idx + len(toks[-1].text)].split())

    pre = _premodifiers(doc, a, h.sent.start)
    if pre and pre[-1].text.islower() and (pre[-1].lower_ in C.HELD_NOUNS or (
            len(pre) >= 3 and pre[-3].lower_ in ("prisoner", "prisoners") and pre[-1].lower_ == "war")):
        m.held_noun, m.held_token = True, pre[-1].i
        # "freed hostage X", "former prisoner X", "released detainee X"
        m.held_freed = any(t.lower_ in ("freed", "released", "former", "ex", "liberated", "rescued")
                           for t in pre[:-1])
    elif pre and any(t.lower_ in _HELD_PARTICIPLES for t in pre):
        # "jailed Kremlin critic X", "imprisoned journalist X", "detained American X"
        m.held_noun, m.held_token = True, next(t.i for t in pre if t.lower_ in _HELD_PARTICIPLES)
    elif pre and any(t.lower_ in ("freed", "released") for t in pre) and any(
            t.lower_ in ("prisoner", "hostage", "detainee", "captive") for t in pre):
        m.held_noun, m.held_token, m.held_freed = True, pre[-1].i, True
    if pre:
        # a possessor before the role: "Gorinov’s lawyer, Denis Sedov", "Liat’s husband Aviv"
        before = doc[pre[0].i - 1] if pre[0].i > 0 else None
        owner = ""
        if before is not None and before.lower_ in ("’s", "'s", "his", "her", "their"):
            owner = (doc[before.i - 1].text if before.lower_ in ("’s", "'s") and before.i > 0 else "") + before.text
        t = text_of(pre)
        if owner:
            t = f"{owner} {t}"
        short.append(t)
        full.append(t)
    # the noun this name is in apposition to: "the Russian president, Vladimir Putin"
    if h.dep_ == "appos" and h.head.pos_ in ("NOUN", "PROPN") and h.head.i < h.i:
        head = h.head
        if head.lower_ in C.HELD_NOUNS:
            m.held_noun, m.held_token = True, head.i
        toks = [t for t in head.subtree if t.i < a and (t.i <= head.i or _in_prep(t, head))]
        t = text_of(toks)
        if t:
            short.append(t)
            full.append(t)
    if h.dep_ == "oprd" and h.head.lower_ in ("named", "called"):
        noun = h.head.head
        t = text_of([x for x in noun.subtree if x.i < h.head.i])
        if t:
            short.append(t)
            full.append(t)
    # apposition after the name: "X, an FSB operative who ...", "Liat Beinin—a high school teacher"
    for c in h.children:
        if c.dep_ == "appos" and c.i > h.i and _is_role_appos(c):
            if c.lower_ in C.HELD_NOUNS:
                m.held_noun, m.held_token = True, c.i
            toks = sorted((t for t in c.subtree if t.i < c.i + 20), key=lambda t: t.i)
            clause = {t.i for k in c.children if k.dep_ in ("relcl", "acl", "advcl") for t in k.subtree}
            short.append(text_of([t for t in toks if t.i not in clause and t.i < c.i + 10]))
            full.append(text_of(toks))
            break
    else:
        tail = text[m.end:m.end + 120]
        if _DASH_APPOS.match(tail):
            lead = len(tail) - len(tail.lstrip(" ,\u2014\u2013-"))
            seg = re.split(r"[,;.()?!:\u2014\u2013]| who | which | and ", tail[lead:], maxsplit=1)[0]
            span = doc.char_span(m.end + lead, m.end + lead + len(seg.rstrip()), alignment_mode="contract")
            verbs = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
            if 0 < len(seg.split()) <= 10 and not verbs:
                short.append(" ".join(seg.split()))
                full.append(" ".join(seg.split()))
    return "; ".join(x for x in short if x), "; ".join(x for x in full if x)


def _premodifiers(doc: Doc, a: int, sent_start: int) -> list[Token]:
    """Role words right before a name: "US-Russian ballet dancer and spa worker", "CIA
    Director", "Special Presidential Envoy for Hostage Affairs" (not "the release of")."""
    j = a - 1
    while j >= sent_start:
        t = doc[j]
        if t.is_space and "\n\n" not in t.text:
            j -= 1
            continue
        if "\n\n" in t.whitespace_ or (t.text.isupper() and len(t.text) > 1 and t.text.isalpha()
                                        and t.text not in _ACRONYMS_OK and (not t.ent_type_ or len(t.text) > 4)):
            break
        if t.lower_ in ("home", "back", "today", "tonight", "now") or t.text.rstrip(".").lower() in _HONORIFICS \
                or t.text in ("Q", "And", "But", "So", "Or"):
            break
        if t.pos_ == "PROPN" and not (t.lower_ in TITLE_WORDS or t.text.isupper() or t.ent_type_ in ("NORP", "GPE", "ORG")
                                      or t.text.endswith(".")):
            break   # another name ("Trevor" before "Reed"), not a role
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or t.tag_ in ("HYPH",) or t.text == "-" \
                or t.lower_ in ("of", "for", "and"):
            if t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
                break
            j -= 1
            continue
        break
    toks = [t for t in doc[j + 1:a] if not t.is_space]
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].lower_ == "and" and toks[k - 1].pos_ == "PROPN":
            toks = toks[k + 1:]      # "Brittney and Paul": a list of names, not a role
            break
    while toks and toks[0].lower_ in ("of", "for", "and", "-"):
        toks = toks[1:]
    # cut "release of", "swap for": keep "Secretary of State", "Envoy for Hostage Affairs"
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].lower_ in ("of", "for"):
            prev = toks[k - 1] if k > 0 else None
            if prev is None or not prev.text[:1].isupper():
                toks = toks[k + 1:]
                break
    if not any(t.pos_ in ("NOUN", "PROPN") for t in toks) or re.fullmatch(r"[\d\s-]*", " ".join(t.text for t in toks)):
        return []
    return toks


# Participles before a role that say the person is held: "jailed Kremlin critic X".
_HELD_PARTICIPLES = frozenset({"jailed", "imprisoned", "detained", "incarcerated", "kidnapped", "abducted",
                               "captive", "arrested", "convicted"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mx"})
_ACRONYMS_OK = frozenset({"US", "U.S.", "UK", "CIA", "FBI", "FSB", "GRU", "KGB", "SVR", "UN", "EU", "NATO",
                          "USA", "UAE", "ICRC", "NSC", "DOJ", "POW", "POWS", "WNBA", "NBA", "MP", "CEO"})


def _is_role_appos(c: Token) -> bool:
    """A noun phrase describing the person, not a vocative ("Paul, Mr. President") or a list."""
    first = min(c.subtree, key=lambda t: t.i)
    if first.text.rstrip(".").lower() in ("mr", "mrs", "ms", "dr", "sir", "madam"):
        return False
    if c.pos_ == "PROPN":
        return c.text.lower() in TITLE_WORDS and first.pos_ == "DET"
    return c.pos_ == "NOUN"


def _in_prep(t: Token, head: Token) -> bool:
    x = t
    while x.i != head.i and x.head.i != x.i:
        if x.dep_ == "prep" and x.head.i == head.i:
            return True
        x = x.head
    return False


def _conj_roles(doc: Doc, items: list[tuple[_Mention, NameCluster]]) -> None:
    """Coordinated names share what is said of the group: "actresses X and Y, who are
    accused of ..." gives both the role and the cue; "freed X, Y and Z" frees all three."""
    by_head = {m.head: m for m, _ in items if not m.pronoun}
    groups: dict[int, list[_Mention]] = {}
    for m, _ in items:
        h = doc[m.head]
        first = h
        while first.dep_ == "conj" and first.head.i != first.i and first.head.i in by_head:
            first = first.head
        groups.setdefault(first.i, []).append(m)
    for members in groups.values():
        if len(members) < 2:
            continue
        role = next((m.role for m in members if m.role and m.role_info and not m.role_info.block), "")
        shared = [q for m in members for q in m.cues]
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


def _list_cues(doc: Doc, items: list[tuple[_Mention, NameCluster]]) -> None:
    """ "Among them is X" after a sentence saying they were freed or held."""
    for m, _ in items:
        if m.cues:
            continue
        sent = doc[m.head].sent
        if sent[0].lower_ != "among" or sent.start == 0:
            continue
        prev = doc[sent.start - 1].sent
        best: C.Cue | None = None
        for t in prev:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            w = t.lower_
            mod = C.modality(t)
            if w in C.RELEASE_VERBS and mod == "realis":
                best = C.Cue(C.RELEASED, C.MEDIUM, t.i, m.start, m.end)
                break
            if w in C.EXCHANGE_VERBS and mod == "realis":
                best = C.Cue(C.EXCHANGED, C.MEDIUM, t.i, m.start, m.end)
                break
            if w in C.DETAIN_VERBS and best is None and mod == "realis":
                best = C.Cue(C.HELD, C.MEDIUM, t.i, m.start, m.end)
        if best is not None:
            m.cues.append(best)


_PRONOUNS = {"he", "she", "him", "her", "his"}


def _pronoun_cues(ctx: ArticleContext, items: list[tuple[_Mention, NameCluster]]
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
        if t.lower_ not in _PRONOUNS or t.pos_ != "PRON":
            continue
        k = bisect.bisect_left(starts, t.idx) - 1
        if k < 0:
            continue
        src, cluster = usable[k]
        src_sent = doc[src.head].sent
        if src_sent.start != t.sent.start and src_sent.end < t.sent.start:
            continue   # the antecedent must be in this sentence or the one before
        pm = _Mention(start=t.idx, end=t.idx + len(t.text), name=src.name, head=t.i, pronoun=True)
        _analyse_mention_pronoun(ctx, pm)
        if not pm.cues:
            continue
        pm.cues = [dataclasses.replace(q, pronoun=True) for q in pm.cues]
        profile.setdefault(id(cluster), []).extend(pm.cues)
        named_before = {id(c) for m, c in usable if src_sent.start_char <= m.start < t.idx}
        if named_before == {id(cluster)} and (
                (src_sent.start != t.sent.start and t.dep_ in ("nsubj", "nsubjpass"))
                or (src_sent.start == t.sent.start and t.dep_ == "poss"
                    and doc[src.head].dep_ in ("nsubj", "nsubjpass"))):
            # "Back on Marc Fogel. He's doing a 14-year sentence"; "X was charged after his arrest"
            firm.setdefault(id(cluster), []).extend(pm.cues)
    return profile, firm


def _is_place_slot(t: Token) -> bool:
    """ "in the Sahel", "to Tehran": a name in a place slot is no antecedent for "he"."""
    return t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "to", "from", "into", "across", "near", "inside")


def _analyse_mention_pronoun(ctx: ArticleContext, m: _Mention) -> None:
    doc = ctx.doc
    h = doc[m.head]
    rel, gov = h.dep_, h.head
    span = (m.start, m.end)
    cues: list[C.Cue | None] = []
    if rel in ("dobj", "nsubjpass", "nsubj") and gov.i != h.i:
        cues.append(C._verb_cue(gov, rel, span, doc))
        if rel in ("nsubj", "nsubjpass"):
            for v in gov.children:
                if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX") and not any(k.dep_ in C.SUBJ for k in v.children):
                    r = "nsubjpass" if any(k.dep_ == "auxpass" for k in v.children) or (
                        rel == "nsubjpass" and v.tag_ == "VBN") else rel
                    cues.append(C._verb_cue(v, r, span, doc))
    elif rel == "poss":
        cues.append(C.nominal_cue(gov, span, doc))
    elif rel == "pobj" and gov.lower_ == "of":
        cues.append(C.nominal_cue(gov.head, span, doc))
    m.cues = [c for c in cues if c is not None]


# --- deciding ----------------------------------------------------------------------------

_CONTEXT_RX = re.compile(
    r"\b(?:detain\w*|detention|prison\w*|jail\w*|imprison\w*|hostages?|captiv\w*|custody|"
    r"arrest\w*|sentenced|convicted|penal|swap\w*|exchange[ds]?|releas\w*|freed|POWs?|"
    r"kidnap\w*|abduct\w*|incarcerat\w*)\b", re.I)


def _detention_context(text: str) -> bool:
    """The article is about holding people: weaker cues (coming home) may count."""
    return len(_CONTEXT_RX.findall(text)) >= 3


def _decide(ctx: ArticleContext, c: NameCluster, ms: list[_Mention], pron: list[C.Cue],
            firm: list[C.Cue], context: bool, owners: list[int]) -> PersonInfo:
    roles = [m.role_info for m in ms if m.role_info and m.role_info.text]
    role_texts = [m.role for m in ms if m.role]
    block = None
    if any(r.block == HARD for r in roles):
        block = HARD
    elif any(r.block == SOFT for r in roles):
        block = SOFT
    if _is_leader(ctx, c.name) or any(_is_leader(ctx, f) for f in c.aliases):
        block = HARD
    cues = [q for m in ms if not m.modifier for q in m.cues]
    if len(name_parts(c.name)) == 1 and (not _lone_person_grounded(ctx, ms) or c.name.isupper()):
        cues = []       # a lone capitalised word (or an acronym: "FSB") with nothing saying it is a name
    strong = [q for q in cues if q.strength >= C.STRONG]
    # WEAK cues ("pardoned") only tell the status of someone held on other evidence;
    # "he", "she" point at the person last named: good enough to support, not to decide alone
    medium = [q for q in cues if q.strength == C.MEDIUM] + [q for q in firm if q.kind != C.DIED]
    only_speaks = all(m.speaks or m.modifier for m in ms) and ms
    detainee = False
    if block == HARD and _official_held(ctx, c, ms, roles, strong):
        block = SOFT       # "Deputy Defence Minister Timur Ivanov was arrested": officials can be held
    if block != HARD:
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
                      role=role)
    if detainee:
        info.mention = _profile(ctx, c, ms, cues + pron, role, owners)
    return info


def _official_held(ctx: ArticleContext, c: NameCluster, ms: list[_Mention], roles: list[RoleInfo],
                   strong: list[C.Cue]) -> bool:
    """An official (never a head of state, lawyer or relative) is held when the name itself is
    the object of an arrest or jailing, and they never speak, announce or negotiate here."""
    if any(r.block == HARD and r.kind != "official" for r in roles):
        return False
    if _is_leader(ctx, c.name) or any(_is_leader(ctx, f) for f in c.aliases):
        return False
    if any(m.speaks for m in ms):
        return False
    return any(q.direct and q.kind in (C.HELD, C.CURRENT) and ctx.doc[q.token].lower_ in _CUSTODY_VERBS
               for q in strong)


_CUSTODY_VERBS = frozenset({"arrested", "detained", "jailed", "imprisoned", "sentenced", "incarcerated",
                            "held", "kidnapped", "abducted", "captured", "seized", "remanded", "apprehended"})


def _lone_person_grounded(ctx: ArticleContext, ms: list[_Mention]) -> bool:
    """ "Abigail" alone is a person when a role names her ("a little girl, Abigail", "his
    daughter Emily") or the tagger calls some mid-sentence mention of her a person."""
    doc = ctx.doc
    for m in ms:
        t = doc[m.head]
        if not _lone_name_ok(doc, t.i, t.i + 1):
            continue
        if m.role and any(_PERSON_NOUN.match(w) or w in C.HELD_NOUNS for w in re.findall(r"\b[a-z]+\b", m.role)):
            return True
        if t.ent_type_ == "PERSON":
            return True
    return False


def _best_role(texts: list[str]) -> str | None:
    if not texts:
        return None
    # the first stated role, without the age boilerplate
    for t in texts:
        t2 = re.sub(r"\b\d+-year-old\b", "", t).strip(" ;,")
        if t2:
            return t2
    return None


_STATUS_RANK = {C.DIED: 4, C.EXCHANGED: 3, C.RELEASED: 2, C.CURRENT: 1, C.SOUGHT: 1, C.HELD: 0}


def _profile(ctx: ArticleContext, c: NameCluster, ms: list[_Mention], cues: list[C.Cue],
             role: str | None, owners: list[int]) -> PersonMention:
    evidence: list[Evidence] = []
    status, status_cue = _status(cues)
    if status_cue is not None:
        evidence.append(ctx.evidence(status_cue.start, status_cue.end, EXTRACTOR_ID, field="status"))
    pm = PersonMention(name=c.name, aliases=list(c.aliases), status=status)
    if status_cue is not None:
        pm.status_date = _status_date(ctx, status_cue)
        if pm.status_date:
            evidence.append(ctx.evidence(status_cue.start, status_cue.end, EXTRACTOR_ID, field="status_date"))
    pm.role = role
    texts = [m.role for m in ms if m.role]
    cats: list[str] = []
    for t in texts:
        for cat in categories_of(t):
            if cat not in cats:
                cats.append(cat)
    if "pow" not in cats and any(re.search(r"\bPOWs?\b|prisoners? of war", _sent_text(ctx, q.token), re.I)
                                 and re.search(r"\bPOWs?\b|prisoners? of war", t or "", re.I) for q in cues for t in texts):
        cats.append("pow")
    pm.category = cats or ["civilian"]
    if texts:
        first = next(m for m in ms if m.role)
        evidence.append(ctx.evidence(first.start, first.end, EXTRACTOR_ID, field="role"))
    pm.nationality = H.nationality(ctx, [m.role for m in ms if m.role])
    if pm.nationality:
        evidence.append(ctx.evidence(ms[0].start, ms[0].end, EXTRACTOR_ID, field="nationality"))
    held = _held_by(ctx, cues, status, [m.start for m in ms])
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
    return pm


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


def _sent_text(ctx: ArticleContext, tok: int) -> str:
    return ctx.doc[tok].sent.text


def _cue_sentences(ctx: ArticleContext, cues: list[C.Cue], ms: list[_Mention]) -> list[tuple[int, int]]:
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


def _status_date(ctx: ArticleContext, cue: C.Cue) -> str | None:
    """A date stated in the status sentence, nearest the cue word."""
    try:
        from .dates import find_dates
    except ImportError:
        return None
    sent = ctx.doc[cue.token].sent
    try:
        found = find_dates(sent.text, ctx.published)
    except Exception:  # noqa: BLE001 - an odd date must not lose the person
        return None
    if not found:
        return None
    anchor = ctx.doc[cue.token].idx - sent.start_char
    best = min(found, key=lambda d: abs(d.start - anchor))
    return best.value


def _held_by(ctx: ArticleContext, cues: list[C.Cue], status: str | None,
             near: list[int] | None = None) -> H.Hit | None:
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
            return hit
    return H.article_holder(ctx, near)
