"""Run the extraction components on one article and reconcile their answers.

nlp -> ArticleContext -> analyze_persons -> analyze_exchanges -> reconcile:
a detainee on a side of an exchange is "exchanged" (on a unilateral release
"released", on a hand-over "to face justice" still "detained" by the receiver), dated
to the event; held_by defaults to the side's released_by. Someone the person analysis
did not flag is promoted only when the clause itself makes them the one let go, and
never when a title or role (official, lawyer, relative, analyst) says otherwise.
"""
from __future__ import annotations

import logging
from functools import lru_cache
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..model import Article, ArticleExtraction, Evidence, ExchangeMention, PersonMention
from .context import ArticleContext
from .exchanges import analyze_exchanges
from .persons import PersonAnalysis, analyze_persons
from .roles import classify_role
from .scope import frames_case, ordinary_article, person_in_frame
from .sides import SideReading

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "swapwatch.extract.v12"
STATUS_ID = "swapwatch.status.v1"
MAX_CHARS = 1_000_000          # the parser never sees more than this
CHUNK_CHARS = 100_000          # longer texts are parsed paragraph-chunk by chunk
# ... in pieces of about this size: the model's memory grows with the tokens it reads at once
# (below), so a 1M-character text read in 100k pieces peaked at 2.6 GB; in 20k pieces, ~400 MB.
PIECE_CHARS = 20_000
# spaCy's tok2vec keeps every layer's activations of one call alive until the call ends:
# ~15 KB per token (305 MB for 19,685 tokens), so eight long briefings parsed together took
# 2 GB. Docs are fed to the model in groups of at most this many tokens (a longer doc alone).
TOKENS_PER_CALL = 10_000
FOCUS_CHARS = 150_000          # beyond this, paragraphs with no cue at all are blanked, not parsed
WRAP_MIN_LINE = 40             # a single newline after a line this long is a soft wrap
# The components compare each cue with every token of its sentence, so a "sentence" of
# thousands of words with no end mark (a hostile or broken text) costs minutes. A run of
# this many tokens with no . ! ? in it is cut into sentences; real ones end sooner (the
# longest run in 7,770 White House texts and 30,000 news items: 605 tokens).
MAX_SENTENCE_TOKENS = 1_000
# The components also compare cues with each other across the article, so the work grows
# faster than the text once every other word is about custody. Past this many cue words
# (real articles: at most 658 in 7,770 White House texts and 100,000 news items) the rest
# of the text is blanked, with a warning: a hostile text costs seconds, not hours.
MAX_CUES = 1_000
# Each name costs the person components a pass over its sentence (~2 ms in a 1,000-token
# one), so a text that is a list of 100,000 names took minutes. Past this many capitalised
# runs ("Anna Petrova", "White House"; real texts: at most 876 in 7,770 White House
# documents) the rest of the text is cut, as for MAX_CUES (guard).
MAX_NAMES = 5_000
_UP, _LOW = "A-Z\u00c0-\u00de\u0400-\u042f", "a-z\u00df-\u00ff\u0430-\u044f"      # Latin-1, Cyrillic too
_NAME_RUN = re.compile(rf"\b[{_UP}][{_LOW}]+(?:[ -][{_UP}][{_LOW}]+)+")

_PARA = re.compile(r"\n[ \t]*\n")


def unwrap(text: str) -> str:
    """Soft line wraps become spaces (same length, so every offset stays valid).

    Statements and wire copy are often hard-wrapped at ~72 characters; a newline inside
    "Jose Luis\\nZambrano" would split the name for the tagger. A newline after a short
    line (a headline, a dateline, a list item) is kept.
    """
    out = list(text)
    line_start = 0
    n = len(text)
    for i, ch in enumerate(text):
        if ch != "\n":
            continue
        prev_nl = i > 0 and text[i - 1] == "\n"
        next_nl = i + 1 < n and text[i + 1] == "\n"
        if not prev_nl and not next_nl and i - line_start >= WRAP_MIN_LINE \
                and i + 1 < n and not text[i + 1] in " \t\u2022*-":
            out[i] = " "
        line_start = i + 1
    return "".join(out)


# "KYIV, Jan 31 (Reuters) - ", "JERUSALEM, Nov 25 -": a wire dateline before the first sentence.
_DATELINE = re.compile(r"(?:^|\n)[ \t]*[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de .'\u2019-]{2,40}"    # "BOGOTÁ" too
                       r"(?:,[^\n\-\u2013\u2014]{0,30})?"
                       r"(?:\([A-Za-z .]{2,30}\))?\s*[-\u2013\u2014]+\s+(?=[A-Z\"\u201c])")


def _make_doc(nlp, text: str):
    """A Doc whose sentences never cross a paragraph break, a kept line break or a dateline."""
    doc = nlp.make_doc(text)
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
        elif "\n" in prev.text_with_ws[len(prev.text):] and not tok.is_space:
            tok.is_sent_start = True
    for m in _DATELINE.finditer(text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            span[0].is_sent_start = True
    _cap_sentences(doc)
    return doc


_ENDS = (".", "!", "?", "\u2026")


def _cap_sentences(doc, limit: int = MAX_SENTENCE_TOKENS) -> None:
    """Start a sentence after ``limit`` tokens that hold no sentence end (see MAX_SENTENCE_TOKENS).

    Ordinary text never reaches the cut, so its parse is unchanged (the loop costs ~3 us a
    token, well under 1% of extracting the article).
    """
    if len(doc) <= limit:
        return
    run = 0
    for tok in doc:
        if tok.is_sent_start:
            run = 0
        run += 1
        if run > limit and not tok.is_space:
            tok.is_sent_start = True
            run = 1
        if tok.text.endswith(_ENDS):
            run = 0


_CUE = re.compile(r"releas|free|freed|swap|exchang|trade|hostage|prison|detain|detention|jail|arrest|"
                  r"sentenc|custody|captiv|kidnap|abduct|convict|charged|home|return|pardon|clemency|"
                  r"commut|extradit|deport|captur|held|hold", re.I)


def focus(text: str) -> str:
    """Blank (same length) every paragraph that has no word about holding or freeing people.

    Used only on very long texts, where parsing everything would take minutes: the first
    paragraphs (headline, lead) are always kept. (Tried at 20k, 30k and 40k characters: the whitehouse
    dev score fell from 0.993 to 0.988, so it stays for the very long texts only.)
    """
    out: list[str] = []
    pos = 0
    kept = 0
    for m in _PARA.finditer(text + "\n\n"):
        para = text[pos:m.start()]
        sep = text[m.start():m.end()] if m.start() < len(text) else ""
        if kept < 3 or _CUE.search(para):
            out.append(para)
        else:
            out.append(re.sub(r"[^\n]", " ", para))
        out.append(sep)
        kept += 1
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    result = "".join(out)[:len(text)]
    return result if len(result) == len(text) else text


def _cue_cap_at(text: str, limit: int) -> int | None:
    """Where the cue word after the first ``limit`` ones starts, if there is one."""
    for count, m in enumerate(_CUE.finditer(text), 1):
        if count > limit:
            return m.start()
    return None


def _nth_start(pattern: re.Pattern[str], text: str, limit: int) -> int | None:
    """Where the match after the first ``limit`` ones starts, if there is one."""
    for count, m in enumerate(pattern.finditer(text), 1):
        if count > limit:
            return m.start()
    return None


def _cut(text: str, max_chars: int, max_cues: int, max_names: int = MAX_NAMES) -> tuple[int, str, str] | None:
    """(where the caps cut ``text``, why, the cap's name) or None for an ordinary text."""
    cuts = [(max_chars, f"over {max_chars} characters", "MAX_CHARS")] if len(text) > max_chars else []
    if (at := _cue_cap_at(text[:max_chars], max_cues)) is not None:
        cuts.append((at, f"over {max_cues} custody cue words", "MAX_CUES"))
    if (at := _nth_start(_NAME_RUN, text[:max_chars], max_names)) is not None:
        cuts.append((at, f"over {max_names} capitalised names", "MAX_NAMES"))
    return min(cuts) if cuts else None


def guard(text: str, *, max_chars: int | None = None, max_cues: int | None = None) -> str:
    """The article text the components read: cut at the parser's cap and at the cue cap,
    with a warning. Ordinary articles come back unchanged.

    The components also scan the text itself with patterns (dates, numbers, holders), so
    the caps must apply to it and not only to what the parser reads. Cutting the end keeps
    every offset before the cut an offset into the whole article.
    """
    found = _cut(text, MAX_CHARS if max_chars is None else max_chars, MAX_CUES if max_cues is None else max_cues)
    if found is None:
        return text
    cut, why, _ = found
    log.warning("article text cut at character %d of %d: %s", cut, len(text), why)
    return text[:cut]


def text_cut(article: Article) -> str | None:
    """What the extractor will leave unread of ``article`` and why (the cap named), or None:
    for the run's output, which the extractor (maybe on another machine) cannot print to."""
    text = headline_prefix(article) + (article.text or "")
    found = _cut(text, MAX_CHARS, MAX_CUES)
    if found is None:
        return None
    cut, why, cap = found
    return (f"the extractor read only the first {cut:,} of {len(text):,} characters: {why}, "
            f"the limit swapwatch.extract.pipeline.{cap}")


def prepare(text: str, *, max_chars: int = MAX_CHARS, focus_chars: int = FOCUS_CHARS) -> str:
    """The text the parser reads: capped, soft wraps undone, a Title Case headline in
    sentence case, long texts focused (same length: every offset stays an offset into the
    article). The cue cap is guard()'s."""
    text = sentence_case_headline(unwrap(text[:max_chars]))
    return focus(text) if len(text) > focus_chars else text


_WORD = re.compile(r"[A-Za-z][a-z'’]*")
_HEADLINE_MAX = 300


def sentence_case_headline(text: str) -> str:
    """"Griner Lands in U.S. After Being Released in Russia Prisoner Swap" -> the common
    words lower-cased, names kept: the tagger reads "Lands", "Being Released" and "Prisoner
    Swap" in a Title Case headline as parts of one long name. Same length, so offsets hold;
    only words of the language's common-word table are touched (names and places never)."""
    end = text.find("\n")
    end = len(text) if end == -1 else end
    if not 0 < end <= _HEADLINE_MAX:
        return text
    common = headline_common_words()
    # Title Case when the words a sentence writes in lower case are capitalised here.
    inner = [w for w in _WORD.findall(text[:end])[1:] if w.lower() in common and len(w) > 2]
    if len(inner) < 2 or sum(w[0].isupper() for w in inner) < 0.75 * len(inner):
        return text
    out = list(text[:end])
    for m in _WORD.finditer(text, 0, end):
        w = m.group(0)
        if m.start() > 0 and w[0].isupper() and w[1:].islower() and w.lower() in common:
            out[m.start()] = w[0].lower()
    return "".join(out) + text[end:]


@lru_cache(maxsize=1)
def headline_common_words() -> frozenset[str]:
    """Words a sentence writes in lower case: function words, headline words, and the cue and
    trigger word tables (never names or places)."""
    from . import cues
    from .triggers import NOUN_CLASS, _VERBS

    return (FUNCTION_WORDS | HEADLINE_WORDS | frozenset(NOUN_CLASS) | frozenset(_VERBS) | cues.DETAIN_VERBS
            | cues.RELEASE_VERBS | cues.EXCHANGE_VERBS | cues.DIE_VERBS | cues.COME_VERBS | cues.REMAIN_VERBS
            | cues.HOME_VERBS | cues.HELD_NOUNS | cues.CUSTODY_NOUNS | cues.DETAIN_NOUNS | cues.RELEASE_NOUNS
            | cues.SPEECH_VERBS | DOCUMENT_WORDS)


# Things a party "releases" that are no people ("Hamas Releases Video Purporting to Show ...").
DOCUMENT_WORDS = frozenset("""statement statements report reports video videos footage photo photos images
letter letters album film document documents transcript recording recordings audio tape tapes clip clips
plan plans strategy findings study survey data details list names funds assets""".split())


FUNCTION_WORDS = frozenset("""a an the in on at of for to from with by after before over under into as
and or but amid among against about during since until despite while than then who what why how when
where which that this these those his her their its our is are was were be been being has have had
will would could should may might can says said say back home out up off""".split())
HEADLINE_WORDS = frozenset("""prisoner prisoners swap swaps deal talks war release released freed frees
hostage hostages detainee detainees jailed sentenced lands landed arrives arrived returns leaves joins
star spy journalist reporter soldier soldiers troops years year new first second top ally allies aide
critic critics rival foe loyalist supporter supporters story
two three four five six seven eight nine ten dozens hundreds""".split())


def parse(text: str, nlp=None, *, max_chars: int = MAX_CHARS, chunk_chars: int = CHUNK_CHARS,
          focus_chars: int = FOCUS_CHARS):
    """Parse an article's text (capped, unwrapped, chunked when long) with the shared model.

    The Doc's text has the same length as the (capped) article text, so every character
    offset in it is an offset into the article.
    """
    from spacy.tokens import Doc

    from .nlp import load_nlp

    nlp = nlp or load_nlp()
    text = prepare(text, max_chars=max_chars, focus_chars=focus_chars)
    if len(text) <= chunk_chars:
        return _run(nlp, [_make_doc(nlp, text)])[0]
    docs = []
    for piece in _chunks(text, min(chunk_chars, PIECE_CHARS)):
        piece_doc = _run(nlp, [_make_doc(nlp, piece)])[0]
        piece_doc.tensor = piece_doc.tensor[:0]    # the components never read it: half the memory
        docs.append(piece_doc)
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    del docs
    if doc.text != text:    # never silently shift offsets (nor parse 1M characters at once)
        raise RuntimeError("the parsed pieces of a long text did not join back into it")
    return doc


def _run(nlp, docs: Iterable, *, batch_size: int = 8, max_tokens: int = TOKENS_PER_CALL) -> list:
    """The docs parsed, in order (see _parsed)."""
    return list(_parsed(nlp, docs, batch_size=batch_size, max_tokens=max_tokens))


def _parsed(nlp, docs: Iterable, *, batch_size: int = 8, max_tokens: int = TOKENS_PER_CALL) -> Iterator:
    """The docs parsed, in order, at most ``batch_size`` docs and ``max_tokens`` tokens per
    model call (one longer doc alone): memory follows the tokens of one call (TOKENS_PER_CALL).
    Lazy: a caller that reads each doc before the next holds one call's docs at a time."""
    group: list = []
    tokens = 0
    for doc in docs:
        if group and (len(group) >= batch_size or tokens + len(doc) > max_tokens):
            yield from list(nlp.pipe(group, batch_size=len(group)))
            group, tokens = [], 0
        group.append(doc)
        tokens += len(doc)
    if group:
        yield from list(nlp.pipe(group, batch_size=len(group)))


def _chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Cut at paragraph breaks into pieces of about ``size`` (a paragraph is never cut
    unless it alone is longer than that; then after a sentence, or else between words)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + size // 2, end)
            if cut != -1:
                end = cut + 2
            elif (space := text.rfind(" ", start + size // 2, end)) != -1:
                end = space + 1     # no sentence end at all (a list of names): between words
        yield text[start:end]
        start = end


def headline_prefix(article: Article) -> str:
    """The headline to read before the text, when the text does not already open with it.

    Feeds often put the news in the title ("Russia frees X in swap for Y") and only a
    summary in the text. The title is parsed as a first paragraph; evidence found in it
    gets negative offsets (offset + len(prefix) is the position in the headline), so every
    non-negative offset still points into ``article.text``.
    """
    title = " ".join((article.title or "").split())
    if not title or len(title) > 400:
        return ""
    head = " ".join((article.text or "")[:len(title) + 800].split()).casefold()
    if title.casefold()[:60] in head:
        return ""
    return title + "\n\n"


def extract_article(article: Article, nlp=None) -> ArticleExtraction:
    """Everything the extractor reads from one article (never raises on odd text)."""
    prefix = headline_prefix(article)
    if not (article.text or "").strip() and not prefix:
        return ArticleExtraction(article_id=article.id, extractor_version=EXTRACTOR_VERSION)
    from .gazetteer import get_gazetteer

    work = _guarded(article, prefix)
    doc = parse(work.text, nlp)
    ctx = ArticleContext(article=work, doc=doc, gazetteer=get_gazetteer())
    extraction = extract_from_context(ctx)
    if prefix:
        _shift_evidence(extraction, -len(prefix))
    return extraction


def _guarded(article: Article, prefix: str) -> Article:
    """The article the components read: headline first when needed, caps applied (guard)."""
    text = prefix + (article.text or "")
    guarded = guard(text)
    return replace(article, text=guarded) if prefix or guarded != text else article


def _shift_evidence(ex: ArticleExtraction, delta: int) -> None:
    def moved(items: list[Evidence]) -> list[Evidence]:
        return [replace(e, start=e.start + delta, end=e.end + delta) for e in items]

    for x in ex.exchanges:
        x.evidence = moved(x.evidence)
        for s in x.sides:
            s.evidence = moved(s.evidence)
    for p in ex.persons:
        p.evidence = moved(p.evidence)


def extract_articles(articles: Iterable[Article], nlp=None, batch_size: int = 16) -> Iterator[ArticleExtraction]:
    """Many articles, parsed in batches with ``nlp.pipe`` (faster on many short texts); the
    same result, in the same order, as calling ``extract_article`` on each."""
    from itertools import islice

    from .gazetteer import get_gazetteer
    from .nlp import load_nlp

    nlp = nlp or load_nlp()
    it = iter(articles)
    while True:
        batch = list(islice(it, batch_size))
        if not batch:
            return
        prefixes = [headline_prefix(a) for a in batch]
        short = [i for i, a in enumerate(batch)
                 if (prefixes[i] + (a.text or "")).strip() and len(prefixes[i] + (a.text or "")) <= CHUNK_CHARS]
        works = {i: _guarded(batch[i], prefixes[i]) for i in short}
        # Parsed lazily, each doc read before the next: a batch of long briefings never sits
        # in memory at once (16 docs of 20k tokens held together were ~1 GB).
        docs = _parsed(nlp, (_make_doc(nlp, prepare(works[i].text)) for i in short))
        for i, a in enumerate(batch):
            if i not in works:
                yield extract_article(a, nlp)
                continue
            work = works[i]
            ctx = ArticleContext(article=work, doc=next(docs), gazetteer=get_gazetteer())
            extraction = extract_from_context(ctx)
            del ctx
            if prefixes[i]:
                _shift_evidence(extraction, -len(prefixes[i]))
            yield extraction


def extract_from_context(ctx: ArticleContext) -> ArticleExtraction:
    """Persons, then exchanges, then the reconciliation, on an already parsed article.

    A clemency list, or a case of ordinary justice (bail, house arrest, release without charge,
    an extradition) about a country's own suspects and convicts, is out of scope
    (scope.py): nothing is read from it.
    """
    if _out_of_scope(ctx):
        return ArticleExtraction(article_id=ctx.article.id, extractor_version=EXTRACTOR_VERSION)
    try:
        persons = analyze_persons(ctx)
    except Exception:   # noqa: BLE001 -- one failing component must not lose the exchanges
        log.exception("person analysis failed on article %s; exchanges are read without it", ctx.article.id)
        persons = PersonAnalysis([])
    try:
        xa = analyze_exchanges(ctx, persons)
        people = reconcile(ctx, persons, xa.mentions, xa.side_readings)
    except Exception:   # noqa: BLE001 -- odd text (e.g. a 400-digit "number") must not lose the people
        log.exception("exchange analysis failed on article %s; its people are kept without exchanges",
                      ctx.article.id)
        return ArticleExtraction(article_id=ctx.article.id, extractor_version=EXTRACTOR_VERSION,
                                 persons=[_copy_mention(m) for m in persons.persons],
                                 not_detainees=list(persons.not_detainees))
    people = _in_frame(ctx, people, {n for x in xa.mentions for sd in x.sides for n in sd.persons})
    promoted = {p.name for p in people}
    not_detainees = [n for n in persons.not_detainees if n not in promoted]
    return ArticleExtraction(article_id=ctx.article.id, extractor_version=EXTRACTOR_VERSION,
                             exchanges=xa.mentions, persons=people, not_detainees=not_detainees)


def _out_of_scope(ctx: ArticleContext) -> bool:
    sents = [s for s in ctx.doc.sents if not s.text.isspace()][:4]
    if not sents:
        return False
    headline = sents[0].text
    return ordinary_article(headline, " ".join(s.text for s in sents[1:]))


def _in_frame(ctx: ArticleContext, people: list[PersonMention], on_sides: set[str]) -> list[PersonMention]:
    """The people named on a side of an exchange the article reports, and those whose case it
    frames as swapwatch's kind (scope.person_in_frame), judged on the headline and the
    sentences that tell of each person."""
    gazetteer = ctx.gazetteer
    # the whole text is read only when someone has a named holder, the one test that needs it
    article_framed = any(p.held_by for p in people if p.name not in on_sides) and frames_case(ctx.doc.text)
    kept = []
    for p in people:
        if p.name in on_sides:
            kept.append(p)
            continue
        texts = [ctx.headline, *{e.sentence for e in p.evidence}]
        if not p.evidence:     # named only where no sentence was kept: the opening judges
            texts += ctx.lede(4)
        places = {c for t in texts for m in _IN_PLACE.finditer(t) if (c := gazetteer.country(m.group(1)))}
        nonstate = bool(p.held_by) and gazetteer.kind(p.held_by) == "group"
        if person_in_frame(p.status, p.held_by, p.nationality, nonstate, p.category, p.charges, texts, places,
                           article_framed):
            kept.append(p)
    # "sentenced the former prime minister to 14 years and his wife to seven": one sentence,
    # one fate, one case; who shares it with someone in frame is in it too
    told = ("status", "sentence", "role")
    framed = {(p.status, e.sentence) for p in kept for e in p.evidence if e.field in told}
    return [p for p in people if p in kept or any(
        (p.status, e.sentence) in framed for e in p.evidence if e.field in told)]


_IN_PLACE = re.compile(r"\bin (?:the )?([A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2})")


def _rank(mention: ExchangeMention) -> tuple[int, str]:
    return (0 if mention.background else 1, mention.date or "")


def reconcile(ctx: ArticleContext, persons: PersonAnalysis, mentions: list[ExchangeMention],
              sides: list[list[SideReading]]) -> list[PersonMention]:
    """Statuses from the exchanges; promotion of people the clause itself says were let go."""
    out: dict[str, PersonMention] = {}
    for m in persons.persons:
        out[m.name] = _copy_mention(m)
    # Latest event last, so its status wins.
    order = sorted(range(len(mentions)), key=lambda i: _rank(mentions[i]))
    for i in order:
        x = mentions[i]
        for s, sm in zip(sides[i], x.sides):
            status = "released" if x.kind == "unilateral_release" else "exchanged"
            held_by = s.released_by
            if s.transfer:
                status, held_by = "detained", s.received_by
            names = list(s.persons) + [n for n, _, _ in s.new_names]
            if s.unplaced and not s.transfer:
                # "A and B were freed in a swap": exchanged, though on which side is unknown
                names += s.unplaced
                held_by = None
            for name in names:
                info = persons.resolve(name)
                key = info.name if info is not None else name
                if info is not None and not info.detainee and info.role and classify_role(info.role).block \
                        and name not in s.vouched:
                    continue    # an official, lawyer, relative or analyst: never a detainee
                pm = out.get(key)
                if pm is None:
                    pm = PersonMention(name=key, aliases=list(info.aliases) if info is not None else [])
                    out[key] = pm
                if pm.status == "died_in_custody":
                    continue
                pm.status = status
                pm.status_date = x.date
                if held_by and (pm.held_by is None or s.transfer or s.released_src in ("agent", "from")
                                or pm.held_by == s.received_by):
                    # "The United States released Petrov": who let them go held them (and no
                    # one is handed over to the party that held them).
                    pm.held_by = held_by
                elif pm.held_by is not None and pm.held_by == s.received_by and status != "detained":
                    pm.held_by = None   # "Russia freed X in exchange for Bout": not held by Russia
                span = _span_for(sm, name)
                if span is not None:
                    pm.evidence.append(Evidence(ctx.article.id, span[0], span[1], span[2], STATUS_ID, "status"))
    return list(out.values())


def _span_for(side_mention, name: str):
    for e in side_mention.evidence:
        if e.field == "persons":
            return (e.start, e.end, e.sentence)
    return None


def _copy_mention(m: PersonMention) -> PersonMention:
    return PersonMention(name=m.name, aliases=list(m.aliases), status=m.status, status_date=m.status_date,
                         held_by=m.held_by, nationality=list(m.nationality), category=list(m.category),
                         role=m.role, charges=list(m.charges), sentence=m.sentence, evidence=list(m.evidence))
