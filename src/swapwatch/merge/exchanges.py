"""One Exchange record per real exchange, from every article that reports or recalls it.

grouping.py decides which reports are one exchange; this module merges each group:
sides by direction, counts and dates by majority with conflicts kept, kind, location.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import KINDS, ArticleExtraction, Conflict, Evidence, Exchange, Side
from . import dates
from .clusters import PersonIndex
from .grouping import MentionRef, SideRef, group_mentions, loose, mention_refs
from .ids import disambiguate, exchange_id
from .votes import Ballot, tally


# ---------------------------------------------------------------- merging one group

@dataclass
class _SideGroup:
    released_by: str | None
    received_by: str | None
    members: list[tuple[MentionRef, SideRef]] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)

    def has_mention(self, m: MentionRef) -> bool:
        return any(x is m for x, _ in self.members)

    def accepts(self, s: SideRef) -> bool:
        """Same direction, a missing party matching any, and no party releasing to itself."""
        if not (loose(self.released_by, s.released_by) and loose(self.received_by, s.received_by)):
            return False
        rb, rcv = self.released_by or s.released_by, self.received_by or s.received_by
        return rb is None or rb != rcv

    def add(self, m: MentionRef, s: SideRef) -> None:
        self.members.append((m, s))
        self.persons |= s.persons
        self.released_by = self.released_by or s.released_by
        self.received_by = self.received_by or s.received_by


def _group_sides(group: list[MentionRef]) -> list[_SideGroup]:
    """Sides by direction; a side missing a party joins the one side it fits.

    Fully stated sides go first, then sides with one party, then sides with none. A side
    joins the group sharing most of its people, else the group of its exact direction,
    else the only group it fits; two sides of one report never share a group.
    """
    def rank(t: tuple[MentionRef, int, SideRef]) -> tuple:
        m, i, s = t
        known = (s.released_by is not None) + (s.received_by is not None)
        return (-known, s.released_by or "", s.received_by or "", m.key, i)

    items = sorted(((m, i, s) for m in group for i, s in enumerate(m.sides)), key=rank)
    groups: list[_SideGroup] = []
    for m, _, s in items:
        cands = [g for g in groups if not g.has_mention(m) and g.accepts(s)]
        sharing = [g for g in cands if g.persons & s.persons]
        exact = [g for g in cands if (g.released_by, g.received_by) == (s.released_by, s.received_by)]
        if sharing:
            # most people in common, then the side more reports tell: one report's odd
            # receiver ("Bout, from a Thai jail") must not draw every half-read side to itself
            target = max(sharing, key=lambda g: (len(g.persons & s.persons), len(g.members)))
        elif exact:
            target = exact[0]
        elif len(cands) == 1 and not (s.released_by and s.received_by):
            target = cands[0]
        else:
            target = _SideGroup(s.released_by, s.received_by)
            groups.append(target)
        target.add(m, s)
    return groups


def _home_sides(groups: list[_SideGroup]) -> dict[str, int]:
    """Each person's one side: the side most articles put them on (one article may misread
    "Griner, swapped for Bout" and put both on one side); ties go to the better-stated side."""
    votes: dict[str, dict[int, set[str]]] = {}
    for gi, g in enumerate(groups):
        for m, s in g.members:
            for p in s.persons:
                votes.setdefault(p, {}).setdefault(gi, set()).add(m.article_id)
    return {p: max(by, key=lambda gi: (len(by[gi]), (groups[gi].released_by is not None)
                                        + (groups[gi].received_by is not None), -gi))
            for p, by in votes.items()}


def _count_ballots(pairs: list[tuple[MentionRef, int | None, int]]) -> list[Ballot]:
    return [Ballot(v, m.article_id, (0 if m.mention.background else 1, n_ev)) for m, v, n_ev in pairs]


RECALL_SLACK_DAYS = 7    # a report dated by its publication this close to a stated day still votes


def _date(group: list[MentionRef]) -> tuple[str | None, str | None, Conflict | None]:
    spans = [(m, m.span) for m in group if m.span]
    stated = [s for m, s in spans if not m.mention.date_from_publication]
    # A later article that only recalls the event is dated by its publication: that date is
    # no vote against the date the reports of the day state.
    spans = [(m, s) for m, s in spans if not (m.mention.date_from_publication and stated and all(
        s.lo > t.hi and not dates.compatible(s, t) and not (s.precision == t.precision == "day" and dates.near(
            s, t, RECALL_SLACK_DAYS)) for t in stated))]
    if not spans:
        return None, None, None
    finest = min(dates.PRECISION_RANK[s.precision] for _, s in spans)
    ballots = [Ballot(s.text, m.article_id, (0 if m.mention.background else 1,))
               for m, s in spans if dates.PRECISION_RANK[s.precision] == finest]
    t = tally(ballots, order=lambda v: v)
    prec = next(p for p, r in dates.PRECISION_RANK.items() if r == finest)
    return t.winner, prec, t.conflict("date")


def _kind(group: list[MentionRef], sides: list[Side]) -> str:
    special = [Ballot(m.mention.kind, m.article_id) for m in group
               if m.mention.kind in ("pow_exchange", "hostage_prisoner_exchange")]
    if special:
        return str(tally(special, order=lambda k: KINDS.index(k)).winner)
    if any(m.mention.kind == "swap" for m in group):
        return "swap"
    releasers = {s.released_by for s in sides if s.released_by}
    return "swap" if len(releasers) >= 2 else "unilateral_release"


def _location(group: list[MentionRef]) -> dict[str, str | None] | None:
    locs = [(m.article_id, m.mention.location) for m in group if m.mention.location]
    city = tally((Ballot(loc.get("city") or None, a) for a, loc in locs), order=lambda v: v).winner
    pool = [(a, loc) for a, loc in locs if city is None or loc.get("city") == city]
    country = tally((Ballot(loc.get("country") or None, a) for a, loc in pool), order=lambda v: v).winner
    if city is None and country is None:
        return None
    return {"city": city, "country": country}


def _sort_evidence(ev: set[Evidence]) -> list[Evidence]:
    return sorted(ev, key=lambda e: (e.article_id, e.start, e.end, e.extractor, e.field, e.sentence))


def build_exchange(group: list[MentionRef], names: dict[str, str]) -> tuple[Exchange, list[frozenset[str]]]:
    """Merge one group of mentions into an Exchange (id filled in by the caller).

    Also returns the person ids on each side, in the order of ``sides``.
    """
    conflicts: list[Conflict] = []
    built: list[tuple[Side, Conflict | None, frozenset[str]]] = []
    side_groups = _group_sides(group)
    home = _home_sides(side_groups)
    for gi, g in enumerate(side_groups):
        t = tally(_count_ballots([(m, s.count, len(s.evidence)) for m, s in g.members]), order=lambda v: v)
        pids = frozenset(p for p in g.persons if p in names and home.get(p, gi) == gi)
        people = sorted(names[p] for p in pids)
        ev = _sort_evidence({e for _, s in g.members for e in s.evidence})
        # "one" against three or more names: one report's singular ("an American was freed") won
        # the vote for a side others name many on; that side has no figure
        count = None if t.winner == 1 and len(people) >= 3 else t.winner
        built.append((Side(g.released_by, g.received_by, count, people, ev), t.conflict("count"), pids))
    built = _drop_shadows(built, [len({m.article_id for m, _ in g.members}) for g in side_groups])
    built.sort(key=lambda t: (t[0].released_by is None, t[0].released_by or "",
                              t[0].received_by is None, t[0].received_by or "",
                              t[0].persons, -1 if t[0].count is None else t[0].count))
    sides = []
    for i, (side, c, _) in enumerate(built):
        sides.append(side)
        if c is not None:
            conflicts.append(Conflict(field=f"sides[{i}].count", values=c.values))

    when, precision, date_conflict = _date(group)
    if date_conflict:
        conflicts.append(date_conflict)
    total = tally(_count_ballots([(m, m.mention.total, len(m.mention.evidence)) for m in group]), order=lambda v: v)
    if total.disputed:
        conflicts.append(total.conflict("total"))    # type: ignore[arg-type]
    mediators = sorted({x for m in group for x in m.mention.mediators if x})
    x = Exchange(
        id="",
        date=when,
        date_precision=precision,
        kind=_kind(group, sides),
        location=_location(group),
        mediators=mediators,
        total=total.winner,
        sides=sides,
        articles=sorted({m.article_id for m in group}),
        evidence=_sort_evidence({e for m in group for e in m.mention.evidence}),
        conflicts=conflicts,
    )
    return x, [pids for _, _, pids in built]


def _drop_shadows(built: list, support: list[int]) -> list:
    """Sides that tell a reader nothing the record does not already say: no people, no party
    and no figure; no people, a party missing, and the figure of a full side they fit ("Russia -> ?"
    beside "Russia -> United States"); or no people, one report, and a releaser that many more
    reports have sending its people elsewhere, or a receiver they have getting them from another
    party ("Russia -> Thailand" from "Bout, in a Thai jail")."""
    full = [(b[0], n) for b, n in zip(built, support) if b[0].released_by and b[0].received_by]
    keep = []
    for (side, conflict, pids), n in zip(built, support):
        if not side.persons:
            if side.released_by is None and side.received_by is None and side.count is None:
                continue
            if not (side.released_by and side.received_by) and any(
                    loose(side.released_by, f.released_by) and loose(side.received_by, f.received_by)
                    and side.count in (None, f.count) for f, _ in full):
                continue
            if side.released_by and side.received_by and n == 1 and any(
                    (f.released_by == side.released_by) != (f.received_by == side.received_by) and m >= 3
                    for f, m in full):
                continue
        keep.append((side, conflict, pids))
    return keep


def _empty(r: MentionRef) -> bool:
    """No party, person, figure, place or day: a record of it would tell a reader nothing."""
    if r.span is not None and r.span.precision == "day":
        return False
    return not r.parties and not r.persons and r.mention.total is None and not any(
        s.count is not None for s in r.sides) and not r.mention.location


def merge_exchanges(extractions: list[ArticleExtraction], people: PersonIndex) -> tuple[list[Exchange], dict[str, list[tuple[Exchange, Side]]]]:
    """Merged exchanges sorted by (date, id), and for each person id the (exchange, side) they were on."""
    refs = mention_refs(extractions, people)
    names = {c.id: c.name for c in people.clusters}
    built = []
    for group in group_mentions(refs):
        if all(_empty(r) for r in group):
            continue    # "the swap" with no party, person or count that joined no report that has them
        x, side_ids = build_exchange(group, names)
        parties = {p for s in x.sides for p in (s.released_by, s.received_by) if p}
        x.id = exchange_id(x.date, parties, set().union(*side_ids) if side_ids else set())
        built.append((x, side_ids))
    built.sort(key=lambda t: (t[0].date or "", t[0].id, t[0].articles))
    for (x, _), xid in zip(built, disambiguate([x.id for x, _ in built])):
        x.id = xid
    built.sort(key=lambda t: (t[0].date or "", t[0].id))
    on_sides: dict[str, list[tuple[Exchange, Side]]] = defaultdict(list)
    for x, side_ids in built:
        for s, pids in zip(x.sides, side_ids):
            for p in sorted(pids):
                on_sides[p].append((x, s))
    return [x for x, _ in built], on_sides
