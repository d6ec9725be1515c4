"""Finding the people an article names: entities, names the tagger missed, surnames.

The small spaCy model mislabels names (a surname as a place or an organisation), so a run
of proper nouns is also a person when the clause treats it as one (the object of
"released", "a journalist named ..."). Outlets, places, organisations, headline words and
transcript speaker labels are never people.
"""
from __future__ import annotations

import re
from typing import Any

from . import cues as C
from .context import ArticleContext
from .mention_cues import Mention, analyse_mention
from .names import (_PARTICLES, GIVEN_NAME_TITLES, NameCluster, clean_surface, fix_case, looks_like_name, name_parts,
                    strip_titles)
from .roles import PERSON_NOUN, TITLE_WORDS

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
olympic olympics team club church cathedral hall room oval roosevelt family families patrol
guard protection exclusive breaking analysis opinion explainer update updates live watch listen
editorial factbox covid coronavirus pandemic intelligence story assessment report strategy review survey
headquarters hq command directorate bureau commission prize prizes award awards medal index two three four five six seven eight nine ten eleven twelve legend legends icon great consensus declaration accord accords charter antisemitism islamophobia
""".split())


# Prefixes of ships' names ("MV Louise Michel", "HMS ...").
_VESSEL_PREFIXES = frozenset({"mv", "ms", "my", "hms", "uss", "ss", "rv", "fv", "hmcs", "ins"})

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
city earring killing hour show podcast episode documentary
""".split())


SPEAKER_LINE = re.compile(
    r"(?m)^[ \t]*(?:THE [A-Z][A-Z .'\-]+|(?:MR|MS|MRS|DR|SEN|SENATOR|REP|GOV|ADM|GEN|AMB|SECRETARY|"
    r"PRESIDENT|AMBASSADOR|ADMIRAL|GENERAL)\.? [A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]+)*|Q|"
    r"SENIOR ADMINISTRATION OFFICIAL(?: \w+)?|MODERATOR|OPERATOR)\s*:")


def collect_mentions(ctx: ArticleContext, excluded: list[tuple[int, int]]) -> list[Mention]:
    """Every name mention: PERSON entities (titles and possessives stripped), then proper-noun
    runs the tagger missed when their clause treats them as people. ``excluded`` spans
    (transcript speaker labels) never yield a mention."""
    doc = ctx.doc
    out: list[Mention] = []
    headlines = headline_spans(ctx.article.text)
    runs = _propn_runs(doc)
    run_of = {i: r for r in runs for i in range(*r)}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        a, b = _grow(doc, ent.start, ent.end, run_of)
        if _capitalised_function_word_before(doc, a, headlines):
            a -= 1      # "Ohad Ben Ami and Or Levy": a given name that is an English word
        m = _mention_from_tokens(ctx, a, b, excluded, extend=True)
        if m is not None and len(m.name.split()) == 1 and any(s <= m.start < e for s, e in headlines):
            continue
        if m is not None:
            out.append(m)
    person_tokens = {i for m in out for i in token_range(doc, m.start, m.end)}
    for a, b in runs:
        if any(i in person_tokens for i in range(a, b)):
            continue
        if any(s <= doc[a].idx < e for s, e in headlines):
            continue
        m = _mention_from_tokens(ctx, a, b, excluded, extend=False)
        if m is None:
            continue
        if _syntax_says_person(doc, m) or is_leader(ctx, m.name):
            out.append(m)
            continue
        # the tagger missed a name that the clause treats as a person: held, freed, speaking
        words = m.name.split()
        if any(w.lower().strip(".") in TITLE_WORDS or "." in w.rstrip(".") or (w.isupper() and len(w) > 1)
               for w in words):
            continue   # "U.S. Marine", "FSB Colonel": titles and acronyms, not a name
        analyse_mention(ctx, m)
        strong = any(q.strength >= C.STRONG for q in m.cues)
        if len(words) >= 2 and (m.cues or m.speaks):
            out.append(m)
        elif strong and doc[m.head].ent_type_ in ("", "PERSON") and lone_name_ok(doc, a, b):
            out.append(m)
    out.sort(key=lambda m: m.start)
    dedup: list[Mention] = []
    for m in out:
        if dedup and m.start < dedup[-1].end:
            continue
        dedup.append(m)
    _share_surnames(doc, dedup)
    return dedup


# Words before "A and B Surname" that say A shares B's surname.
_FAMILY_WORDS = frozenset({"twins", "twin", "siblings", "brothers", "sisters", "couple", "spouses", "husband",
                           "wife", "parents", "sons", "daughters", "cousins", "family", "children", "brother",
                           "sister", "mother", "father", "son", "daughter"})


def _capitalised_function_word_before(doc: Doc, a: int, headlines: list[tuple[int, int]]) -> bool:
    """A capitalised "Or", "On" or "In" mid-sentence, after a lowercase word or a comma and
    right before a person's name, is the name's first word: the word itself is never capitalised
    there."""
    if a < 2:
        return False
    w, before = doc[a - 1], doc[a - 2]
    return (w.is_alpha and w.text[:1].isupper() and w.text[1:].islower() and w.tag_ in ("CC", "IN", "DT", "RB")
            and not w.is_sent_start and w.whitespace_ and (before.is_lower or before.text == ",")
            and not any(s <= w.idx < e for s, e in headlines))


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _share_surnames(doc: Doc, mentions: list[Mention]) -> None:
    """"the twins Emma and Yuli Cunio", "Craig and Lindsay Foreman, a British couple": the lone
    given name takes the surname of the full name it is joined to, only when the text says they
    are family and the word is nobody else's given name or surname ("Brittney and Paul Whelan"
    beside "Brittney Griner", "Putin and Joe Biden" stay as they are)."""
    text = doc.text
    full = [m.name.split() for m in mentions if len(m.name.split()) >= 2]
    for m, n in zip(mentions, mentions[1:]):
        words = n.name.split()
        if len(m.name.split()) != 1 or len(words) < 2 or text[m.end:n.start] != " and ":
            continue
        given = m.name
        if any(given in (f[0], f[-1]) for f in full):
            continue        # someone else's given name or surname ("Brittney and Paul Whelan")
        first, last = _token_at(doc, m.start), _token_at(doc, n.end - 1)
        if first is None or last is None:
            continue
        sent = first.sent
        near = {t.lower_ for t in doc[max(sent.start, first.i - 3):first.i]} | {
            t.lower_ for t in doc[last.i + 1:min(sent.end, last.i + 7)]}
        if near & _FAMILY_WORDS:
            m.name = f"{given} {words[-1]}"


def _grow(doc: Doc, a: int, b: int, run_of: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """A PERSON entity the tagger cut short ("Antonio Campo" in "Efraín Antonio Campo Flores")
    takes the whole run of name words around it, titles and organisations excepted."""
    runs = {run_of[i] for i in range(a, b) if i in run_of}
    if len(runs) != 1:
        return a, b
    ra, rb = runs.pop()
    if rb - ra > 7:
        return a, b
    # leftwards only mid-sentence and never over a role word: "Oligarch Ihor Kolomoisky"
    if any(doc[k].is_sent_start or doc[k].lower_ in TITLE_WORDS or PERSON_NOUN.match(doc[k].text)
           for k in range(ra, a)):
        ra = a
    extra = [doc[i] for i in list(range(ra, a)) + list(range(b, rb))]
    if any(_is_title_token(t) or t.ent_type_ in ("GPE", "NORP", "ORG", "FAC", "LOC") and t.ent_iob_ == "B"
           and t.ent_type_ != "PERSON" for t in extra if not t.is_space and t.text != "-"):
        return a, b
    return min(a, ra), max(b, rb)


_SMALL_WORDS = frozenset({"of", "the", "on", "and", "in", "for", "to", "a", "from", "with", "by", "at"})


def headline_spans(text: str) -> list[tuple[int, int]]:
    """Lines in Title Case (headlines, section titles): capitals there do not mark names."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][\w'’-]*", line)
        if 2 <= len(words) <= 25 and not re.search(r"[.!?:;,]\s*$", line.strip()):
            caps = sum(1 for w in words if w[0].isupper())
            small = sum(1 for w in words if w.lower() in _SMALL_WORDS)
            if caps >= 0.8 * (len(words) - small) and caps >= 2:
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def token_range(doc: Doc, start: int, end: int) -> range:
    """Token indices covering the character span."""
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
                if u.lower_ in _PARTICLES and j + 1 < n and (
                        doc[j + 1].tag_ in ("NNP", "NNPS") and _is_name_token(doc[j + 1])
                        or doc[j + 1].text == "-" and j + 2 < n and doc[j + 2].tag_ in ("NNP", "NNPS")):
                    j += 1            # "Flores de Freitas", "Mahmoud al-Subaihi", "Tamim bin Hamad"
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
                         extend: bool) -> Mention | None:
    """The mention tokens a..b make, cleaned ("Secretary Blinken's" -> "Blinken", title kept
    apart), or None when they are no name (an outlet, a party, a headline phrase)."""
    doc = ctx.doc
    # "Aung San Suu Kyi's Birthday": a possessive ends the name, whatever the tagger joined to it
    b = next((k for k in range(a + 1, b) if doc[k].tag_ == "POS" or doc[k].lower_ in ("'s", "’s")), b)
    # drop trailing possessives/punctuation and leading determiners/titles
    while b > a and (doc[b - 1].tag_ == "POS" or doc[b - 1].is_punct or doc[b - 1].is_space
                     or doc[b - 1].lower_ in ("'s", "’s") or (b - a > 2 and doc[b - 1].lower_ in _HEADLINE_VERBS)
                     or (doc[b - 1].text == "Continue" and b < len(doc) and doc[b].lower_ == "reading")):
        b -= 1      # ... and a feed's "Continue reading" link after the last name
    titles: list[str] = []
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ in ("the", "a", "an", "free")
                     or _is_title_token(doc[a])):      # "Free Ihar Losik!" is a slogan about Ihar Losik
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
                and doc[a - 1].lower_ != "free" \
                and "\n\n" not in doc[a - 1].whitespace_ and not doc[a - 1].ent_type_ in ("GPE", "NORP") \
                and not (doc[a - 1].ent_type_ == "ORG" and doc[a - 1].ent_iob_ != "B") \
                and not (doc[a - 1].ent_type_ == "ORG" and is_party(ctx, doc[a - 1].text)):
            a -= 1
            if b - a >= 3:
                break
    while b - a >= 3 and ctx.gazetteer is not None and doc[a].text[:1].isupper() \
            and ctx.gazetteer.is_demonym(doc[a].text) and not _has_demonym(ctx, doc[a + 1:b].text):
        titles.append(doc[a].text)      # "the Britons Aiden X and Shaun Y": a nationality, then the name
        a += 1
    start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    if any(s <= start < e for s, e in excluded):
        return None
    raw = ctx.article.text[start:end]
    name = fix_case(clean_surface(raw))
    name, more_titles = strip_titles(name)
    if more_titles:
        titles.append(more_titles)
    name, described = strip_descriptors(name)
    if described:
        titles.append(described)
    if not name or not looks_like_name(name) or len(name.replace(".", "").replace(" ", "")) <= 1:
        return None    # "(C)" in a photo caption: a position, not an initial
    if name.lower() in OUTLETS or name.lower().removeprefix("the ") in OUTLETS:
        return None
    words = [w.strip(".").lower() for w in name.split()]
    if all(w in NOT_NAME_WORDS or w in TITLE_WORDS for w in words) or words[-1] in NOT_NAME_WORDS \
            or words[-1] in ORG_TAIL:
        return None
    if headline_fragment(name):
        return None     # "Intelligence Chief", "Navalny Begins", "Death Penalty"
    if len(words) > 1 and words[-1] in _ROLE_TAIL:
        return None    # "US Marine", "Air National Guardsman": a role noun heads no name
    if any("." in w.rstrip(".") for w in name.split()):
        return None    # "U.S. Border Patrol": dotted acronyms are not part of names
    if len(words) > 1 and any(w in _NEVER_IN_NAME for w in words):
        return None    # "Daughter Held Hostage", "Say Family": headline words, not a name
    if is_party(ctx, name) or _has_demonym(ctx, name):
        return None
    if words[0] in _VESSEL_PREFIXES and len(words) > 1:
        return None    # "MV Louise Michel": a ship
    if _byline(ctx.article.text, doc, a, end) or _credit(ctx.article.text, start):
        return None
    if _vocative(doc, a, b):
        return None
    # the head is the token whose head lies outside the name
    head = b - 1
    for i in range(a, b):
        if not (a <= doc[i].head.i < b) or doc[i].head.i == i:
            head = i
            break
    # possessive "’s" often hangs off the name: keep the name token as head
    return Mention(start=start, end=end, name=name, head=head, title=" ".join(titles))


_ADDRESS_NEXT = frozenset({"you", "i", "we", "do", "does", "did", "is", "are", "can", "could", "what", "how",
                           "why", "when", "go", "yes", "thank"})


def _vocative(doc: Doc, a: int, b: int) -> bool:
    """ "... you'd have to ask the Iranians, Robin." or "Robin, you asked ...": a reporter
    addressed by first name in a briefing, not a person in the story."""
    if b - a != 1:
        return False
    at_end = a > 0 and doc[a - 1].text == "," and (b >= len(doc) or doc[b].text in (".", "?", "!"))
    at_start = doc[a].is_sent_start and b + 1 < len(doc) and doc[b].text == "," \
        and doc[b + 1].lower_ in _ADDRESS_NEXT
    return at_end or at_start


def _credit(text: str, start: int) -> bool:
    """"© Agency NAME": who holds a photo's copyright, not a person in the story."""
    return text[max(0, start - 4):start].rstrip().endswith(("©", "(c)", "(C)"))


def _byline(text: str, doc: Doc, a: int, end: int) -> bool:
    """"... high-profile prisoner | Tom Dart": a name after a bar that ends its line signs the piece."""
    rest = text[end:end + 200].lstrip(" \t")
    return a > 0 and doc[a - 1].text == "|" and (not rest or rest[0] in "\r\n")


# Verbs a Title Case headline glues to a name: "Brittney Griner Released From ...".
_HEADLINE_VERBS = (C.DETAIN_VERBS | C.RELEASE_VERBS | C.EXCHANGE_VERBS | C.DIE_VERBS | C.COME_VERBS
                   | C.REMAIN_VERBS | frozenset({"says", "said", "speaks", "calls", "urges", "wins", "meets",
                                                 "lands", "arrives", "leaves", "joins", "thanks", "tells",
                                                 "faces", "gets", "appeals", "denies", "pleads", "sues"}))


# Role nouns that never end a name: the phrase they head is a description ("US Marine",
# "Defense Attorneys"); surnames that are also role words (Singer, Judge, Farmer) are left out.
_ROLE_TAIL = frozenset("""
marine marines guardsman guardsmen officer officers official officials attorney attorneys lawyer
lawyers soldier soldiers trooper troopers sergeant corporal private spokesman spokeswoman
spokesperson journalist journalists reporter reporters correspondent correspondents activist
activists detainee detainees hostage hostages prisoner prisoners citizen citizens veteran veterans
serviceman servicemen servicewoman agent agents operative operatives diplomat diplomats
commander commanders fighters leaders members defenders volunteers mercenaries
""".split())


# Headline verbs a Title Case headline joins to the name before them ("Navalny Begins").
_HEADLINE_VERBS = frozenset("""begins starts ends opens faces wins loses gets calls urges warns vows seeks asks
plans meets speaks slams hails denies admits pleads returns arrives leaves lands""".split())

# Words that describe a person before the name in a Title Case headline ("Tennis Legend Becker",
# "Media Mogul Jimmy Lai", "Istanbul Mayor Imamoglu", "Imprisoned Narges Mohammadi").
_DESCRIPTORS = C.CAPTIVE_ADJ | frozenset("""legend legends great icon mogul magnate killer hero star superstar
archaeologist councilwoman councilman bishop archbishop cleric imam rabbi priest nun monk tycoon billionaire
influencer""".split())


def headline_fragment(name: str) -> bool:
    """Words of a Title Case headline taken for a name: a title, a headline's verb or a phrasal
    verb's particle at its end ("Intelligence Chief", "Navalny Begins", "Forced Down"), or a word
    no name holds ("Death Penalty")."""
    words = [w.strip(".").lower() for w in name.split()]
    return len(words) > 1 and (words[-1] in _ROLE_TAIL or words[-1] in _OFFICE_TAIL or words[-1] in _HEADLINE_VERBS
                               or words[-1] in _PARTICLE_TAIL or any(w in _NEVER_IN_NAME for w in words))


# The particle of a phrasal verb ends no name: "Whose Flight Was Forced Down", "Locked Up".
_PARTICLE_TAIL = frozenset("down up out off away".split())


# Offices that end no name (unlike "King", "Judge" or "Major", which are surnames too).
_OFFICE_TAIL = frozenset("""chief head minister secretary president director envoy ambassador chairman
chairwoman governor commander adviser advisor deputy coordinator ceo spokesman spokeswoman spokesperson""".split())


def strip_descriptors(name: str) -> tuple[str, str]:
    """Cut what describes the person off the front of a name: up to the last describing word
    among its first three, when at least one word is left after it."""
    words = name.split()
    if words and words[-1].strip(".").lower() in ORG_TAIL:
        return name, ""     # "Marine Corps": an organisation, not a described person
    cut, strong = 0, False
    for k, w in enumerate(words[:3]):
        lw = w.strip(".").lower()
        title = lw in TITLE_WORDS and (k == 0 or not w.endswith(".") and lw not in GIVEN_NAME_TITLES)
        if not w[:1].isupper():
            break       # a lower-case word is no part of a name to cut from
        if k < len(words) - 1 and (lw in _DESCRIPTORS or title or PERSON_NOUN.match(lw)):
            cut, strong = k + 1, lw in _DESCRIPTORS or title     # (not "St." in "Joseph St. Clair")
    rest = [w.strip(".").lower() for w in words[cut:]]
    if cut and (any(w in _NEVER_IN_NAME or w in NOT_NAME_WORDS or w in C.CAPTIVE_ADJ for w in rest)
                or len(rest) == 1 and not strong):
        return name, ""     # "Actress Detained", "Man Utd": no name is left
    return " ".join(words[cut:]), " ".join(words[:cut])


# Words that never sit inside a multi-word name: "Daughter Held Hostage", "Say Family".
_NEVER_IN_NAME = (C.HELD_NOUNS | frozenset({"ally", "allies", "story", "national", "guardsman", "guardsmen", "wall", "held", "freed",
                                           "released", "jailed", "detained", "arrested", "sentenced",
                                           "swapped", "daughter", "son", "mother", "father",
                                           "wife", "husband", "family", "families", "brother", "sister",
                                           "says", "say", "said", "killed", "dies", "died", "dead",
                                           "killing", "murder", "death", "trial", "case"}))


def _is_title_token(t: Token) -> bool:
    w = t.text.strip(".").lower()
    return w in TITLE_WORDS and t.text[:1].isupper() and w not in ("the", "his", "her", "their")


def lone_name_ok(doc: Doc, a: int, b: int) -> bool:
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


def is_party(ctx: ArticleContext, name: str) -> bool:
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


def is_leader(ctx: ArticleContext, name: str) -> bool:
    """A head of state or government the gazetteer knows ("Putin"): a person, never held here."""
    gz = ctx.gazetteer
    if gz is None:
        return False
    try:
        return any(pm.kind == "leader" for pm in gz.find_parties(name))
    except Exception:  # noqa: BLE001
        return False


def _syntax_says_person(doc: Doc, m: Mention) -> bool:
    """The tagger missed (or mislabelled) a name; the syntax around it says person."""
    h = doc[m.head]
    words = m.name.split()
    # role noun right before the name ("journalist Evan X", "husband Aviv")
    for c in h.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < doc[m.head].i and PERSON_NOUN.match(c.text) \
                and c.idx < m.start:
            return True
    # apposition with a person noun ("X, an FSB operative"; "his lawyer, X")
    for c in h.children:
        if c.dep_ == "appos" and PERSON_NOUN.match(c.text):
            return True
        if c.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") for g in c.children):
            return True
    if h.dep_ == "appos" and PERSON_NOUN.match(h.head.text):
        return True
    if h.dep_ == "oprd" and h.head.lower_ in ("named", "called"):
        return True
    if len(words) >= 2 and _listed_with_a_person(h):
        return True
    if 2 <= len(words) <= 4 and _bullet_lead(doc, m):
        return True
    if len(words) >= 2:
        a = C.anchor(h)
        gov = a.head
        if a.dep_ in ("dobj", "nsubjpass") and (gov.lower_ in C.DETAIN_VERBS or gov.lower_ in C.RELEASE_VERBS
                                                or gov.lower_ in C.EXCHANGE_VERBS):
            return True
        if a.dep_ == "pobj" and gov.lower_ == "for" and gov.head.lower_ in C.EXCHANGE_VERBS:
            return True
        if a.dep_ == "dobj" and gov.lower_ in C.INCLUDE_VERBS and C.verb_cue(gov, "dobj", (m.start, m.end), doc):
            return True
        if a.dep_ == "poss" and a.head.lower_ in C.RELEASE_NOUNS | C.DETAIN_NOUNS:
            return True
        if a.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lower_ in C.RELEASE_NOUNS | C.DETAIN_NOUNS:
            return True
    return False


_BULLET_RX = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022\u2013\u2014]|\d{1,2}[.)])[ \t]+$")


def _bullet_lead(doc: Doc, m: Mention) -> bool:
    """ "- Dieter Voronin, a German-Russian convicted of treason.": a list item that opens
    with a name and a comma, as explainers list the people freed. A place or an
    organisation the tagger knows is not one."""
    text = doc.text
    if not _BULLET_RX.search(text[max(0, m.start - 12):m.start]) or text[m.end:m.end + 1] != ",":
        return False
    return not any(t.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "FAC", "EVENT", "PRODUCT")
                   for t in doc.char_span(m.start, m.end, alignment_mode="expand") or [])


def _listed_with_a_person(h: Token) -> bool:
    """ "Vladimir Kara-Murza, Ilya Yashin and Oleg Orlov": a full name in one list with a name
    the tagger knows as a person is a person too, whatever label the tagger gave it."""
    t = h
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
        if t.ent_type_ == "PERSON":
            return True
    return any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in h.children)


def merge_lone_mentions(doc: Doc, clusters: list[NameCluster], excluded: list[tuple[int, int]]
                        ) -> list[NameCluster]:
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
        covered_tokens.update(token_range(doc, s, e))
    for t in doc:
        if t.i in covered_tokens or t.tag_ not in ("NNP", "NNPS") or not t.text[:1].isupper():
            continue
        key = name_parts(clean_surface(t.text))
        if len(key) != 1:
            continue
        c = keys.get(key[0])
        if c is None:
            continue
        # part of a longer proper name ("the Navalny Foundation", "Paul Whelan") is not a lone surname
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        prv = doc[t.i - 1] if t.i > 0 else None
        if nxt is not None and nxt.tag_ in ("NNP", "NNPS") and nxt.text[:1].isupper():
            continue
        if prv is not None and prv.tag_ in ("NNP", "NNPS") and prv.text[:1].isupper() and not _is_title_token(prv):
            continue
        if any(s <= t.idx < e for s, e in excluded):
            continue
        c.spans.append((t.idx, t.idx + len(t.text)))
        c.spans.sort()
    return clusters


def mention_at(doc: Doc, s: int, e: int, name: str) -> Mention | None:
    """A mention for a span found by surname matching (no entity behind it)."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root.i
    return Mention(start=s, end=e, name=name, head=head)
