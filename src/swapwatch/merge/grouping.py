"""Which exchange reports, across articles, are one real exchange.

Reports are linked pairwise (dates agree at the coarser precision, parties overlap,
nothing contradicts), strongest links first; two groups join only when every pair
across them is compatible, so a vague "in February" recall cannot chain two different
February swaps together. Candidates are found through the period, party and people a
report is filed under, so the work grows with the size of each month, not the corpus.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import ArticleExtraction, Evidence, ExchangeMention, SideMention
from . import dates
from .clusters import PersonIndex

SHARED_PERSON = 10      # a named person in both reports: the same event
SHARED_PERSON_DAYS = 7  # ... even when their dates are this far apart (one person is not freed twice a week)
SAME_DAY = 2
NEAR_DAY = -1           # day-precise dates one or two days apart
ALIGNED_SIDE = 1
SAME_COUNT = 1
COUNTS_DIFFER = -2
KINDS_DIFFER = -1       # one report says a release by one side, the other an exchange: never a link by itself
CROSSED_SIDES = -2      # same releaser, different receivers (or the reverse), nothing aligned
LINK_MIN = 0            # weakest pair that starts a merge
KEEP_MIN = -1           # weakest pair allowed inside a merged group


@dataclass
class SideRef:
    released_by: str | None
    received_by: str | None
    count: int | None
    persons: frozenset[str]          # person cluster ids
    evidence: list[Evidence]


@dataclass
class MentionRef:
    """One article's ExchangeMention with its people resolved to merged persons."""

    article_id: str
    index: int
    mention: ExchangeMention
    span: dates.Span | None
    sides: list[SideRef]
    parties: frozenset[str] = field(default_factory=frozenset)
    persons: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.index)


def _side_ref(article_id: str, side: SideMention, people: PersonIndex) -> SideRef:
    ids = set()
    for n in side.persons:
        c = people.resolve(article_id, n)
        if c is not None:
            ids.add(c.id)
    return SideRef(side.released_by or None, side.received_by or None, side.count, frozenset(ids),
                   list(side.evidence))


def mention_refs(extractions: list[ArticleExtraction], people: PersonIndex) -> list[MentionRef]:
    out = []
    for ex in extractions:
        for i, m in enumerate(ex.exchanges):
            sides = [_side_ref(ex.article_id, s, people) for s in m.sides]
            persons = frozenset().union(*(s.persons for s in sides)) if sides else frozenset()
            # One person on two sides of one report is a misreading: which side is unknown, so
            # the person links the report to others but stands on neither side.
            twice = {p for p in persons if sum(p in s.persons for s in sides) > 1}
            if twice:
                sides = [SideRef(s.released_by, s.received_by, s.count, s.persons - twice, s.evidence) for s in sides]
            parties = frozenset(p for s in sides for p in (s.released_by, s.received_by) if p)
            out.append(MentionRef(ex.article_id, i, m, dates.parse(m.date), sides, parties, persons))
    return out


# ---------------------------------------------------------------- pairwise evidence

def _clearly_different(a: int, b: int) -> bool:
    return abs(a - b) > max(2, 0.1 * max(a, b))


def loose(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _aligned(a: SideRef, b: SideRef) -> bool:
    """Same direction, a missing party matching any."""
    return loose(a.released_by, b.released_by) and loose(a.received_by, b.received_by)


def _strictly_aligned(a: SideRef, b: SideRef) -> bool:
    """Same direction with at least one party stated on both."""
    if not _aligned(a, b):
        return False
    return (a.released_by is not None and a.released_by == b.released_by) or (
        a.received_by is not None and a.received_by == b.received_by)


def _crossed(a: SideRef, b: SideRef) -> bool:
    """Same releaser to different receivers, or different releasers to the same receiver."""
    if a.released_by and a.released_by == b.released_by:
        return bool(a.received_by and b.received_by and a.received_by != b.received_by)
    if a.received_by and a.received_by == b.received_by:
        return bool(a.released_by and b.released_by and a.released_by != b.released_by)
    return False


def _closed(side: SideRef, m: MentionRef) -> bool:
    """Every person on this side is named (a one-for-one swap, or a count all named)."""
    if not side.persons:
        return False
    if side.count is not None:
        return len(side.persons) >= side.count
    total = m.mention.total
    named = sum(len(s.persons) for s in m.sides)
    return total is not None and named >= total


def _recalls(later: MentionRef, earlier: MentionRef) -> bool:
    """A later article's undated mention of the same person's release ('Griner, freed in a swap,
    returned to the court') recalls the event dated by an earlier one: it is that event."""
    return bool(later.mention.date_from_publication and not earlier.mention.date_from_publication
                and later.span and earlier.span and earlier.span.hi <= later.span.hi)


def _halves(a: MentionRef, b: MentionRef) -> bool:
    """Each report read one half of a side: one its releaser only, the other its receiver only,
    with the same figure or none."""
    def half(x: SideRef, y: SideRef) -> bool:
        return bool(x.released_by and not x.received_by and y.received_by and not y.released_by) and (
            x.count is None or y.count is None or x.count == y.count)
    return all(len(r.sides) == 1 for r in (a, b)) and (half(a.sides[0], b.sides[0]) or half(b.sides[0], a.sides[0]))


def _both_days(a: MentionRef, b: MentionRef) -> bool:
    return bool(a.span and b.span and a.span.precision == "day" and b.span.precision == "day")


def _kinds_differ(a: MentionRef, b: MentionRef) -> bool:
    """One report says one side let people go, the other says an exchange."""
    if a.mention.background or b.mention.background:
        return False    # a recall names the kind loosely
    one = {a.mention.kind, b.mention.kind}
    return "unilateral_release" in one and len(one) == 2


def _mirrored(a: SideRef, b: SideRef, half_read: bool = False) -> bool:
    """The two halves of one swap: A let go to B, B let go to A. With ``half_read`` (a swap is
    told), a side with one party read is enough: "Iran let five go" is the half of "the US freed
    five to Iran"."""
    def half(x: SideRef, y: SideRef) -> bool:
        return bool(x.released_by and x.released_by == y.received_by and loose(x.received_by, y.released_by)
                    and (x.received_by or y.released_by))
    if half_read:
        return half(a, b) or half(b, a)
    return bool(a.released_by and a.received_by and a.released_by == b.received_by
                and a.received_by == b.released_by)


def _stated(side: SideRef) -> bool:
    return side.released_by is not None and side.received_by is not None


def _same_releaser(a: MentionRef, b: MentionRef) -> bool:
    return any(sa.released_by is not None and sa.released_by == sb.released_by
               for sa in a.sides for sb in b.sides)


def _same_figure(a: MentionRef, b: MentionRef) -> bool:
    """The same figure of two or more on aligned sides (or as totals)."""
    figures = [(sa.count, sb.count) for sa in a.sides for sb in b.sides if _aligned(sa, sb)]
    figures.append((a.mention.total, b.mention.total))
    return any(x is not None and x == y and x >= 2 for x, y in figures)


ROUND_KINDS = ("hostage_prisoner_exchange", "pow_exchange")


def _rounds(r: MentionRef) -> bool:
    """An exchange of a kind that comes in rounds, dated by its own text (not the article's day)."""
    return r.mention.kind in ROUND_KINDS and not r.mention.date_from_publication and not r.mention.background


def _bare(r: MentionRef) -> bool:
    """A report with a date and a kind and nothing else ("their return home after the prisoner
    swap"): it cannot contradict a group, only sit in one; the others must agree among themselves."""
    return not r.parties and not r.persons and not any(s.count for s in r.sides)


def _no_conflict(a: MentionRef, b: MentionRef) -> bool:
    """Nothing contradicts: dates compatible and, where both name parties, one in common."""
    if a.span is not None and b.span is not None and not dates.compatible(a.span, b.span):
        return False
    return not (a.parties and b.parties and not a.parties & b.parties)


def relate(a: MentionRef, b: MentionRef, ignore_dates: bool = False) -> int | None:
    """How strongly two mentions look like one exchange; None when they cannot be."""
    if a.article_id == b.article_id:
        return None
    shared = a.persons & b.persons
    if ignore_dates:
        pass
    elif a.span is None or b.span is None:
        if not shared:
            return None
    elif not dates.compatible(a.span, b.span) and not (shared and (
            dates.near(a.span, b.span, SHARED_PERSON_DAYS) or _recalls(a, b) or _recalls(b, a))):
        return None
    if not shared and not (a.parties and b.parties) and not _both_days(a, b) \
            and not (a.mention.background or b.mention.background):
        # Two news reports naming no party: nothing says they are one event unless their
        # dates are both the same day, so they never link by themselves; inside a group
        # that another report ties together (a shared person) they may sit side by side.
        return KEEP_MIN
    kinds = KINDS_DIFFER if not shared and _kinds_differ(a, b) else 0
    if a.parties and b.parties and not (a.parties & b.parties):
        # "Russia freed X" and "X flew home to the US": only a shared person links them.
        if not (shared and any(_aligned(sa, sb) for sa in a.sides for sb in b.sides)):
            # "Iran freed five" and "five flew home to the US": the two halves of one side may
            # sit in one group that others tie together, but they make no link themselves
            return KEEP_MIN if not shared and _halves(a, b) else None
    if shared:
        return SHARED_PERSON * len(shared)
    swap_told = "unilateral_release" not in (a.mention.kind, b.mention.kind)
    if a.sides and b.sides and not any(_aligned(sa, sb) or _mirrored(sa, sb, swap_told)
                                       for sa in a.sides for sb in b.sides):
        return None     # "Burkina Faso freed a Romanian" and "Romania released X": nothing lines up
    if a.mention.kind == b.mention.kind == "unilateral_release" and not _same_releaser(a, b) \
            and not _both_days(a, b) and not _same_figure(a, b):
        return None     # two Americans freed in one month, by whom unknown: not one event by that alone
    for sa in a.sides:
        for sb in b.sides:
            if _strictly_aligned(sa, sb) and _closed(sa, a) and _closed(sb, b) and not (sa.persons & sb.persons):
                return None
    # "Mali freed 46 troops" and "Ukraine and Russia swapped POWs" in one month: only a
    # strong match (same day, same side, same figure) outweighs the different kinds.
    score = kinds
    other_day = False
    if a.span and b.span and a.span.precision == "day" and b.span.precision == "day":
        other_day = a.span.lo != b.span.lo
        if other_day and _rounds(a) and _rounds(b):
            return None     # a truce's or a war's exchanges come in rounds: another stated day, another round
        score += NEAR_DAY if other_day else SAME_DAY
    strict = [(sa, sb) for sa in a.sides for sb in b.sides if _strictly_aligned(sa, sb)]
    if strict:
        score += ALIGNED_SIDE
    elif any(_crossed(sa, sb) for sa in a.sides for sb in b.sides):
        score += CROSSED_SIDES
    counted = [(sa, sb) for sa, sb in strict if sa.count is not None and sb.count is not None]
    if any(sa.count == sb.count and _stated(sa) and _stated(sb) for sa, sb in counted):
        # "Iran freed five to the US" in both: a figure on a half-read side ("Iran -> ?: 58")
        # is some other group the report counted, not a second version of this one
        counted = [(sa, sb) for sa, sb in counted if _stated(sa) and _stated(sb)]
    pairs = [(sa.count, sb.count) for sa, sb in counted]
    if a.mention.total is not None and b.mention.total is not None and not any(x == y for x, y in pairs):
        # a total is one report's sum of its sides or a figure it read; where a side's figure
        # agrees ("Iran freed five Americans" in both), a differing total says nothing more
        pairs.append((a.mention.total, b.mention.total))
    # One person's story ("a freed American speaks") counts one of a larger release: no conflict,
    # unless the two are dated to different days (daily rounds of a truce free one, then sixteen).
    if not other_day:
        pairs = [(x, y) for x, y in pairs if x is None or y is None or min(x, y) > 1]
    # On another day, any other figure means another event (daily releases of a truce, say).
    if any(_clearly_different(x, y) or (other_day and x != y) for x, y in pairs):
        score += COUNTS_DIFFER
    elif any(x == y for x, y in pairs):
        score += SAME_COUNT
    return score


# ---------------------------------------------------------------- grouping

def _periods(r: MentionRef) -> set[tuple]:
    """The month (or year) a report is filed under."""
    if r.span is None:
        return set()
    if r.span.precision == "year":
        return {("y", r.span.lo.year)}
    return {("m", r.span.lo.year, r.span.lo.month)}


def _probe_periods(r: MentionRef) -> set[tuple]:
    """The periods whose reports may be compatible with this one."""
    if r.span is None:
        return set()
    y = r.span.lo.year
    if r.span.precision == "year":
        return {("y", y)} | {("m", y, m) for m in range(1, 13)}
    keys = {("y", y), ("m", y, r.span.lo.month)}
    if r.span.precision == "day":     # DAY_SLACK may cross into the next or previous month
        for delta in (-dates.DAY_SLACK, dates.DAY_SLACK):
            d = r.span.lo.fromordinal(r.span.lo.toordinal() + delta)
            keys.add(("m", d.year, d.month))
    return keys


def _time_keys(r: MentionRef) -> set[tuple]:
    """Where a report is filed for finding candidates: period with each party, and its people."""
    keys: set[tuple] = {("p", p) for p in r.persons}
    for t in _periods(r):
        keys.add((t, "*"))
        keys |= {(t, p) for p in r.parties} if r.parties else {(t, "-")}
    return keys


def _probe_keys(r: MentionRef) -> set[tuple]:
    """Filed keys of the reports that may be compatible: same period, a shared party or none."""
    keys: set[tuple] = {("p", p) for p in r.persons}
    for t in _probe_periods(r):
        keys |= {(t, p) for p in r.parties} | {(t, "-")} if r.parties else {(t, "*")}
    return keys


def _best_attested(tied: list[int], groups: list[list[int]]) -> list[int]:
    """Of groups a coarse report fits equally well, the one told by at least twice as many
    reports as any other: "Griner freed in December" is the swap thirty reports date to the
    8th, not the stray report that put it on the 2nd."""
    if len(tied) < 2:
        return tied
    sizes = sorted(((len(groups[gi]), gi) for gi in tied), reverse=True)
    return [sizes[0][1]] if sizes[0][0] >= 2 * sizes[1][0] else tied


def group_mentions(refs: list[MentionRef]) -> list[list[MentionRef]]:
    """Group mentions into exchanges; deterministic for refs sorted by (article, index).

    Day-precise reports are grouped first. A coarser report (month, year, undated) then
    joins the one group it fits best; when two groups fit equally well it is ambiguous
    and stays apart. Coarse reports left over are grouped among themselves.
    """
    cache: dict[tuple[int, int], int | None] = {}

    def rel(i: int, j: int) -> int | None:
        k = (i, j) if i < j else (j, i)
        if k not in cache:
            cache[k] = relate(refs[k[0]], refs[k[1]])
        return cache[k]

    def fits(i: int, group: list[int]) -> int | None:
        best = None
        named = any(refs[i].persons & refs[x].persons for x in group)
        for x in group:
            s = rel(i, x)
            if s is None or s < KEEP_MIN:
                if named and not (refs[i].persons & refs[x].persons) and _no_conflict(refs[i], refs[x]):
                    # "Nurse freed in Haiti" (no name, the 9th) sits in the group of the named
                    # report that this one shares a person with: no link to it is needed
                    continue
                return recalled(i, group)
            best = s if best is None else max(best, s)
        return best if best is not None and best >= LINK_MIN else recalled(i, group)

    def recalled(i: int, group: list[int]) -> int | None:
        """A later undated report of a person's release ("Reed, freed in a swap, was hurt in
        Ukraine") joins the event it recalls, though the event's other reports are dated long
        before it and do not name that person: it must agree with them on all but the date."""
        r = refs[i]
        if not r.mention.date_from_publication:
            return None
        if not any(r.persons & refs[x].persons and _recalls(r, refs[x]) for x in group):
            return None
        for x in group:
            if r.persons & refs[x].persons:
                s = relate(r, refs[x], ignore_dates=True)
                if s is None or s < KEEP_MIN:
                    return None
            elif r.parties and refs[x].parties and not r.parties & refs[x].parties:
                return None
        return SHARED_PERSON * max(len(r.persons & refs[x].persons) for x in group)

    def candidate_pairs(idxs: list[int]) -> set[tuple[int, int]]:
        filed: dict[tuple, list[int]] = defaultdict(list)
        for i in idxs:
            for k in _time_keys(refs[i]):
                filed[k].append(i)
        pairs = set()
        for i in idxs:
            for k in _probe_keys(refs[i]):
                for j in filed.get(k, ()):
                    if i < j:
                        pairs.add((i, j))
        return pairs

    def agglomerate(idxs: list[int]) -> list[list[int]]:
        links = sorted((-s, i, j) for i, j in candidate_pairs(idxs)
                       if (s := rel(i, j)) is not None and s >= LINK_MIN)
        members = {i: [i] for i in idxs}
        root = {i: i for i in idxs}
        for _, i, j in links:
            ri, rj = root[i], root[j]
            if ri == rj:
                continue
            if any(((s := rel(x, y)) is None or s < KEEP_MIN) and not (_bare(refs[x]) or _bare(refs[y]))
                   for x in members[ri] for y in members[rj]):
                continue
            keep, gone = min(ri, rj), max(ri, rj)
            members[keep].extend(members.pop(gone))
            for x in members[keep]:
                root[x] = keep
        return [sorted(members[k]) for k in sorted(members)]

    def attach(idxs: list[int], groups: list[list[int]]) -> list[int]:
        """Add each report to the one group it fits best; return the ambiguous or unfitting ones."""
        filed: dict[tuple, set[int]] = defaultdict(set)
        for gi, g in enumerate(groups):
            for x in g:
                for k in _time_keys(refs[x]):
                    filed[k].add(gi)
        left = []
        for i in idxs:
            cands = sorted(set().union(*(filed.get(k, set()) for k in _probe_keys(refs[i]))))
            scored = [(s, gi) for gi in cands if (s := fits(i, groups[gi])) is not None]
            best = max((s for s, _ in scored), default=None)
            winners = _best_attested([gi for s, gi in scored if s == best], groups)
            if len(winners) == 1:
                groups[winners[0]].append(i)
                for k in _time_keys(refs[i]):
                    filed[k].add(winners[0])
            else:
                left.append(i)
        return left

    def tier(p: str | None) -> list[int]:
        return [i for i, r in enumerate(refs) if (r.span.precision if r.span else None) == p]

    groups = agglomerate(tier("day"))
    for precision in ("month", "year", None):
        groups += agglomerate(attach(tier(precision), groups))
    return [[refs[i] for i in sorted(g)] for g in sorted(groups, key=min)]
