"""Role text around a name: titles and appositions ("US Secretary of State Marco Rubio",
"Gorinov's lawyer, Denis Sedov", "Vadim Krasikov, an FSB operative who ...").

Who a person is decides whether they can be a detainee, so this text is read before any
cue. The short form is what users see; the full form keeps relative clauses ("a former
diplomat who is now a senior fellow") because they can make a role an official one.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import cues as C
from .roles import TITLE_WORDS

if TYPE_CHECKING:
    from .context import ArticleContext
    from .mention_cues import Mention

Token = Any
Doc = Any

_DASH_APPOS = re.compile(r"^\s*(?:,|\u2014|\u2013|--| - )\s*(?:a|an|the|his|her|their)\b",
                         re.I)


def _hyphen_joined(c: Token) -> Token:
    """The last word of an apposition the tokenizer cut at a hyphen: the parser makes "a co",
    "-" and "founder" three appositions of the name; the role is the whole "a co-founder of ..."."""
    doc, k = c.doc, c.i
    while k + 2 < len(doc) and not doc[k].whitespace_ and doc[k + 1].text == "-" and not doc[k + 1].whitespace_ \
            and doc[k + 2].head.i == c.head.i and doc[k + 2].dep_ == "appos":
        k += 2
    return doc[k]


def role_text(ctx: "ArticleContext", m: "Mention") -> tuple[str, str]:
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
    if pre and pre[0].i > 0 and doc[pre[0].i - 1].lower_ in C.TAKE_VERBS and pre[0].lower_ in C.HELD_NOUNS:
        pre = []        # "had been taken hostage Vivian X" (a summary run into its text): the verb's word
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
    before = doc[a - 1] if a > 0 else None
    if not pre and before is not None and before.lower_ in ("freed", "released") and before.dep_ == "amod" \
            and before.head.i == h.i:
        # "Rebels in the north freed Ann Vale": the parser makes the verb a modifier of the name
        m.held_noun, m.held_token, m.held_freed = True, before.i, True
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
    # (a name the parser hangs on the name before it, "A, B and C", is a list, not a role)
    if h.dep_ == "appos" and h.head.pos_ in ("NOUN", "PROPN") and h.head.i < h.i and h.head.ent_type_ != "PERSON":
        head = h.head
        if head.lower_ in C.HELD_NOUNS:
            m.held_noun, m.held_token = True, head.i
        toks = [t for t in head.subtree if t.i < a and (t.i <= head.i or _in_prep(t, head))]
        t = text_of(toks)
        if t:
            short.append(t)
            full.append(t)
    copular = _copular_role(h)
    if copular is not None:
        # "a film-maker, activist and sister of the writer": every conjoined noun, no clause
        inner = {t.i for k in copular.subtree if k.dep_ in ("prep", "relcl", "acl") for t in k.subtree}
        t = text_of([x for x in copular.subtree if x.i not in inner])
        if t:
            short.append(t)
            full.append(text_of(list(copular.subtree)))
    if h.dep_ == "oprd" and h.head.lower_ in ("named", "called"):
        noun = h.head.head
        t = text_of([x for x in noun.subtree if x.i < h.head.i])
        if t:
            short.append(t)
            full.append(t)
    # apposition after the name: "X, an FSB operative who ...", "Liat Beinin—a high school teacher"
    for c in h.children:
        if c.dep_ == "appos" and c.i > h.i and _is_role_appos(c):
            first, c = c, _hyphen_joined(c)
            if c.lower_ in C.HELD_NOUNS:
                m.held_noun, m.held_token = True, c.i
            toks = [t for t in doc[first.left_edge.i:c.right_edge.i + 1] if t.i < c.i + 20] if c is not first \
                else sorted((t for t in c.subtree if t.i < c.i + 20), key=lambda t: t.i)
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
        if t.lower_ in _HELD_PARTICIPLES and t.i < t.head.i <= a and "\n" not in t.whitespace_:
            j -= 1     # "Jailed ... leader X" even where the tagger reads "Jailed" as a verb or a name
            continue
        if "\n\n" in t.whitespace_ or (t.text.isupper() and len(t.text) > 1 and t.text.isalpha()
                                        and t.text not in _ACRONYMS_OK and (not t.ent_type_ or len(t.text) > 4)):
            break
        if t.lower_ in ("home", "back", "today", "tonight", "now") or t.text.rstrip(".").lower() in _HONORIFICS \
                or t.text in ("Q", "And", "But", "So", "Or"):
            break
        if t.pos_ == "PROPN" and not (t.lower_ in TITLE_WORDS or t.text.isupper()
                                      or t.ent_type_ in ("NORP", "GPE", "ORG")
                                      or t.text.endswith(".")):
            break   # another name ("Trevor" before "Reed"), not a role
        if t.text == "-" and (t.whitespace_ or doc[t.i - 1].whitespace_):
            break     # a spaced dash ends the phrase: "sentenced to death - Amr Saleh"
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


_BE = frozenset({"is", "was", "are", "were", "'s", "\u2019s", "be", "been"})


def _copular_role(h: Token) -> Token | None:
    """The noun a copula equates with the name: "His lawyer is X", "X is his lawyer".

    A held noun ("X is one of the hostages") is left to the cues, and a negated copula
    ("X is not a diplomat") says nothing of what X is."""
    cop = h.head
    if cop.lower_ not in _BE or cop.pos_ not in ("AUX", "VERB") or h.dep_ not in ("attr", "nsubj"):
        return None
    if any(c.dep_ == "neg" for c in cop.children):
        return None
    other = "nsubj" if h.dep_ == "attr" else "attr"
    for c in cop.children:
        if c.dep_ == other and c.pos_ == "NOUN" and c.lower_ not in C.HELD_NOUNS:
            return c
    return None
