"""Which person mentions, across articles, are one real person; and who is vetoed.

Full names are linked when their phonetic keys are compatible (see names.py); a lone
surname joins the one full-named person with that surname; a lone first name joins
only a person some article linked it to. People that more articles name as officials
than as detainees are dropped: listing an official as a prisoner is the worst error.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from ..model import ArticleExtraction, PersonMention
from . import names as nm
from .ids import disambiguate, person_id
from .votes import Ballot, tally


@dataclass
class MentionRef:
    """One article's PersonMention, with where it came from."""

    article_id: str
    index: int
    mention: PersonMention
    synthetic: bool = False     # made from a side name that the article did not list as a person

    @cached_property
    def surfaces(self) -> list[str]:
        return [s for s in (nm.clean_display(x) for x in [self.mention.name, *self.mention.aliases]) if s]

    @cached_property
    def folded(self) -> set[str]:
        return {nm.fold(s) for s in self.surfaces}

    @cached_property
    def full_keys(self) -> set[tuple[str, ...]]:
        return {k for k in (nm.key(s) for s in self.surfaces) if len(k) >= 2}

    @cached_property
    def single_keys(self) -> set[str]:
        return {k[0] for k in (nm.key(s) for s in self.surfaces) if len(k) == 1}


@dataclass
class PersonCluster:
    refs: list[MentionRef]
    name: str = ""
    id: str = ""
    aliases: list[str] = field(default_factory=list)

    @cached_property
    def full_keys(self) -> set[tuple[str, ...]]:
        return set().union(*(r.full_keys for r in self.refs))

    @cached_property
    def single_keys(self) -> set[str]:
        return set().union(*(r.single_keys for r in self.refs))

    @property
    def articles(self) -> list[str]:
        return sorted({r.article_id for r in self.refs})


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _blocks(k: tuple[str, ...]) -> set[tuple[str, str]]:
    """Blocking keys: initial of the first name with the initial of each later word (and, for a
    longer name, of the second word with each later one: "Van Kham" meets "Chau Van Kham")."""
    return {(k[0][:1], t[:1]) for t in k[1:]} | {(k[1][:1], t[:1]) for t in k[2:]}


class KeyIndex:
    """Full-name keys, searchable for compatible keys without comparing every pair."""

    def __init__(self) -> None:
        self._by_block: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)

    def add(self, k: tuple[str, ...]) -> None:
        for b in _blocks(k):
            self._by_block[b].add(k)

    def compatible(self, k: tuple[str, ...]) -> set[tuple[str, ...]]:
        cands: set[tuple[str, ...]] = set()
        for b in _blocks(k):
            cands |= self._by_block.get(b, set())
        return {c for c in cands if nm.keys_compatible(k, c)}


# ---------------------------------------------------------------- mentions

def resolve_in_article(refs: list[MentionRef], surface: str) -> MentionRef | None:
    """The person of this article that a surface form (e.g. a side's name) refers to."""
    f = nm.fold(surface)
    if not f:
        return None
    exact = [r for r in refs if f in r.folded]
    if exact:
        return exact[0]
    k = nm.key(surface)
    if len(k) == 1:
        hits = [r for r in refs if any(len(fk) >= 2 and k[0] in fk[1:] for fk in r.full_keys)
                or k[0] in r.single_keys]
    else:
        hits = [r for r in refs if any(nm.keys_compatible(k, fk) for fk in r.full_keys)]
    return hits[0] if len(hits) == 1 else None


def collect_refs(extractions: list[ArticleExtraction]) -> dict[str, list[MentionRef]]:
    """Person mentions per article, plus one for each side name the article left out of ``persons``."""
    out: dict[str, list[MentionRef]] = {}
    for ex in extractions:
        refs = [MentionRef(ex.article_id, i, p) for i, p in enumerate(ex.persons) if nm.fold(p.name)]
        for xm in ex.exchanges:
            for side in xm.sides:
                for name in side.persons:
                    if nm.fold(name) and resolve_in_article(refs, name) is None:
                        refs.append(MentionRef(ex.article_id, len(refs),
                                               PersonMention(name=nm.clean_display(name),
                                                             evidence=list(side.evidence)),
                                               synthetic=True))
        out[ex.article_id] = refs
    return out


# ---------------------------------------------------------------- clustering

def cluster_refs(refs: list[MentionRef]) -> list[list[MentionRef]]:
    """Group mentions into people. Deterministic for a given (sorted) list of refs."""
    full = [r for r in refs if r.full_keys]
    single = [r for r in refs if not r.full_keys]
    uf = _UnionFind(len(full))

    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, r in enumerate(full):
        for k in r.full_keys:
            by_key[k].append(i)
    for idxs in by_key.values():
        for i in idxs[1:]:
            uf.union(idxs[0], i)

    # Keys the same article uses for two different people must not be linked directly.
    apart: set[frozenset[tuple[str, ...]]] = set()
    per_article: dict[str, list[MentionRef]] = defaultdict(list)
    for r in full:
        per_article[r.article_id].append(r)
    for rs in per_article.values():
        for a in range(len(rs)):
            for b in range(a + 1, len(rs)):
                for ka in rs[a].full_keys:
                    for kb in rs[b].full_keys:
                        if ka != kb:
                            apart.add(frozenset((ka, kb)))

    index = KeyIndex()
    for k in by_key:
        index.add(k)
    for k in sorted(by_key):
        for other in sorted(index.compatible(k)):
            if other != k and frozenset((k, other)) not in apart:
                uf.union(by_key[k][0], by_key[other][0])

    groups: dict[int, list[MentionRef]] = defaultdict(list)
    for i, r in enumerate(full):
        groups[uf.find(i)].append(r)
    clusters = [groups[g] for g in sorted(groups)]

    # Lone words: a surname joins the single person with that surname, a linked first name
    # joins the person an article linked it to; otherwise the word stays a person of its own.
    surname_of: dict[str, set[int]] = defaultdict(set)
    linked_of: dict[str, set[int]] = defaultdict(set)
    for ci, c in enumerate(clusters):
        for r in c:
            for fk in r.full_keys:
                for t in fk[1:]:
                    surname_of[t].add(ci)
            for sk in r.single_keys:
                linked_of[sk].add(ci)
    lone: dict[str, list[MentionRef]] = defaultdict(list)
    for r in single:
        name_key = nm.key(r.mention.name)
        k = name_key[0] if name_key else nm.fold(r.mention.name)
        cands = surname_of.get(k, set()) | linked_of.get(k, set())
        if not cands:
            cands = _near_surnames(k, surname_of)
        same_article = {ci for ci in cands if any(x.article_id == r.article_id for x in clusters[ci])}
        if len(same_article) == 1:
            cands = same_article
        if len(cands) == 1:
            clusters[next(iter(cands))].append(r)
        else:
            lone[k].append(r)
    clusters.extend(lone[k] for k in sorted(lone))
    return clusters


def _near_surnames(k: str, surname_of: dict[str, set[int]]) -> set[int]:
    """People whose surname is a close spelling of a lone word (Yaroshenko/Yarashenko)."""
    if len(k) < nm.LONE_MIN_LENGTH:
        return set()
    hits = process.extract(k, list(surname_of), scorer=JaroWinkler.similarity,
                           score_cutoff=nm.LONE_SURNAME_THRESHOLD, limit=None)
    out: set[int] = set()
    for other, _, _ in hits:
        if nm.surnames_close(k, other):
            out |= surname_of[other]
    return out


# ---------------------------------------------------------------- veto

class OfficialIndex:
    """Names that articles give as officials, lawyers, relatives or analysts."""

    def __init__(self, extractions: list[ArticleExtraction]) -> None:
        self._full: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._single: dict[str, set[str]] = defaultdict(set)
        self._index = KeyIndex()
        for ex in extractions:
            for n in ex.not_detainees:
                k = nm.key(n)
                if len(k) >= 2:
                    self._full[k].add(ex.article_id)
                elif k:
                    self._single[k[0]].add(ex.article_id)
        for k in self._full:
            self._index.add(k)

    def articles_naming(self, cluster: PersonCluster) -> set[str]:
        """Articles that name this person as a non-detainee (lone words only match lone words).

        Across articles a compatible spelling is enough. Within an article that also gives
        the person detainee evidence, only the very same name counts: the extractor has
        already told apart the two people there (a father held, his namesake son quoted).
        """
        own: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for r in cluster.refs:
            own[r.article_id] |= {nm.key(s) for s in r.surfaces}
        out: set[str] = set()
        keys = cluster.full_keys
        for k in keys:
            for other in self._index.compatible(k):
                out |= {a for a in self._full[other] if a not in own or other in own[a]}
        if not keys:
            for sk in cluster.single_keys:
                out |= {a for a in self._single.get(sk, set()) if a not in own or (sk,) in own[a]}
        return out


def vetoed(cluster: PersonCluster, officials: OfficialIndex) -> bool:
    """More articles name this person as an official (lawyer, analyst...) than as a detainee.

    An article that lists the person both ways counts only as naming an official.
    """
    o = officials.articles_naming(cluster)
    d = {r.article_id for r in cluster.refs} - o
    return len(o) > len(d)


# ---------------------------------------------------------------- naming

def display_name(cluster: PersonCluster) -> str:
    """The spelling most articles use; ties go to the fuller form, then lexical order."""
    refs = cluster.refs
    full = [r for r in refs if nm.is_full(r.mention.name)]
    def strength(s: str) -> tuple[int, int, int]:
        return (0 if s.isupper() else 1, len(nm.tokens(s)), len(s))    # headline capitals lose ties

    ballots = [Ballot(nm.clean_display(r.mention.name), r.article_id, strength(nm.clean_display(r.mention.name)))
               for r in (full or refs)]
    winner = tally(ballots, order=lambda v: v).winner
    return str(winner or nm.clean_display(refs[0].mention.name))


def aliases_of(cluster: PersonCluster, name: str) -> list[str]:
    seen: dict[str, str] = {nm.fold(name): name}
    for r in sorted(cluster.refs, key=lambda r: (r.article_id, r.index)):
        for s in r.surfaces:
            f = nm.fold(s)
            if f and (f not in seen or (seen[f] != name and s < seen[f])):
                seen[f] = s
    return sorted((s for f, s in seen.items() if s != name and f != nm.fold(name)),
                  key=lambda s: (nm.fold(s), s))


@dataclass
class PersonIndex:
    """Kept people and how each article's names map to them."""

    clusters: list[PersonCluster]
    by_ref: dict[tuple[str, int], PersonCluster]
    refs: dict[str, list[MentionRef]]

    def resolve(self, article_id: str, surface: str) -> PersonCluster | None:
        """The kept person an article's surface name refers to (None if vetoed or unknown)."""
        r = resolve_in_article(self.refs.get(article_id, []), surface)
        return self.by_ref.get((r.article_id, r.index)) if r else None


def build_index(extractions: list[ArticleExtraction]) -> PersonIndex:
    """Cluster, veto and name the people of sorted extractions."""
    refs = collect_refs(extractions)
    officials = OfficialIndex(extractions)
    flat = [r for a in sorted(refs) for r in refs[a]]
    kept: list[PersonCluster] = []
    for group in cluster_refs(flat):
        c = PersonCluster(refs=group)
        if not vetoed(c, officials):
            c.name = display_name(c)
            c.aliases = aliases_of(c, c.name)
            kept.append(c)
    kept.sort(key=lambda c: (person_id(c.name), c.name, c.articles))
    for c, pid in zip(kept, disambiguate([person_id(c.name) for c in kept])):
        c.id = pid
    by_ref = {(r.article_id, r.index): c for c in kept for r in c.refs}
    return PersonIndex(clusters=kept, by_ref=by_ref, refs=refs)


def published_iso(published: dict[str, date | None], article_id: str) -> str | None:
    d = published.get(article_id)
    return d.isoformat() if d else None

