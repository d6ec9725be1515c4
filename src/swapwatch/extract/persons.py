"""People named in an article: who they are, and whether they were or are held.

Skeleton of the P/X contract: PERSON entities, surname coreference, and a cautious
detainee flag (officials, lawyers and relatives never count). Later versions refine
the cues, status, held_by, category, charges and sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import PersonMention
from .context import ArticleContext

EXTRACTOR_ID = "swapwatch.persons.v1"

_POSSESSIVE = re.compile(r"(?:['\u2019\u02bc]s?|\u2019)$")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|President|Secretary|Senator|Sen|Rep|Ambassador|"
                        r"Minister|General|Gen|Colonel|Col|Judge|Justice)\.?\s+")
_OFFICIAL = re.compile(r"\b(?:president|secretary|minister|ambassador|envoy|senator|spokes(?:wo)?man|"
                       r"spokesperson|director|adviser|advisor|lawyer|attorney|chancellor|prime|"
                       r"analyst|fellow|diplomat|wife|husband|sister|brother|mother|father|son|daughter)\b",
                       re.I)
_CUE = re.compile(r"\b(?:arrested|detained|jailed|imprisoned|sentenced|convicted|charged|hostage|"
                  r"prisoner|freed|released|swapped|exchanged|custody|penal colony)\b", re.I)


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
        return [p.mention for p in self.people if p.detainee and p.mention is not None]

    @property
    def not_detainees(self) -> list[str]:
        return [p.name for p in self.people if not p.detainee]

    def resolve(self, surface: str) -> PersonInfo | None:
        key = _clean(surface).lower()
        if not key:
            return None
        for p in self.people:
            if key == p.name.lower() or key in (a.lower() for a in p.aliases):
                return p
        last = key.split()[-1]
        hits = [p for p in self.people if p.name.lower().split()[-1] == last]
        return hits[0] if len(hits) == 1 else None

    def at(self, start: int, end: int) -> PersonInfo | None:
        for p in self.people:
            for s, e in p.spans:
                if s < end and start < e:
                    return p
        return None


def _clean(surface: str) -> str:
    s = surface.replace("\\", "").replace("\n", " ").strip(" \t\"'\u201c\u201d[]()")
    s = re.sub(r"\s+", " ", s)
    s = _POSSESSIVE.sub("", s)
    s = _HONORIFIC.sub("", s)
    return s.strip()


def analyze_persons(ctx: ArticleContext) -> PersonAnalysis:
    """Group PERSON mentions by surname; flag detainees only on a cue and no official role."""
    groups: dict[str, PersonInfo] = {}
    order: list[PersonInfo] = []
    ents = [e for e in ctx.doc.ents if e.label_ == "PERSON"]
    # Full names first so surnames attach to them.
    for ent in sorted(ents, key=lambda e: -len(_clean(e.text).split())):
        name = _clean(ent.text)
        if not name or not name[0].isupper():
            continue
        last = name.split()[-1].lower()
        info = groups.get(last)
        if info is None:
            info = PersonInfo(name=name)
            groups[last] = info
            order.append(info)
        elif name != info.name and name not in info.aliases:
            if len(name.split()) > len(info.name.split()):
                info.aliases.append(info.name)
                info.name = name
            else:
                info.aliases.append(name)
        info.spans.append((ent.start_char, ent.end_char))
    for info in order:
        info.spans.sort()
        _judge(ctx, info)
    order.sort(key=lambda p: p.spans[0])
    return PersonAnalysis(order)


def _judge(ctx: ArticleContext, info: PersonInfo) -> None:
    text = ctx.article.text
    official = cue = None
    for s, e in info.spans:
        window = text[max(0, s - 40):min(len(text), e + 40)]
        if _OFFICIAL.search(window):
            official = official or _OFFICIAL.search(window).group(0)
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        sent = span.sent.text if span is not None and len(span) else window
        if _CUE.search(sent):
            cue = cue or (s, e)
    info.role = official
    if cue and not official:
        info.detainee = True
        ev = ctx.evidence(cue[0], cue[1], EXTRACTOR_ID, field="name")
        info.mention = PersonMention(name=info.name, aliases=list(info.aliases), evidence=[ev])
