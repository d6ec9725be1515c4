"""A person's status over time: every report kept, the latest one shown.

Reports are dated by what they state (status_date) or else by the article's publication
date; reports whose dates may be the same moment are settled by precedence, with the
disagreement kept as a Conflict. An exchange the person was part of also dates a status:
one article may only know "a release" where another says what was given in return.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Conflict, StatusEvent
from . import dates

PRECEDENCE = {"died_in_custody": 3, "exchanged": 2, "released": 1, "detained": 0}
SWAP_KINDS = ("swap", "pow_exchange", "hostage_prisoner_exchange")


@dataclass
class Report:
    status: str
    date: str | None
    article_id: str
    stated: bool = True         # False: dated by the article's publication, not by the text

    @property
    def span(self) -> dates.Span | None:
        return dates.parse(self.date)


@dataclass(frozen=True)
class ExchangeLink:
    """The person was on a side of a merged exchange."""

    exchange_id: str
    date: str | None
    kind: str
    released_by: str | None
    received_by: str | None
    articles: tuple[str, ...]     # articles that put this person on the side, sorted

    @property
    def status(self) -> str:
        return "exchanged" if self.kind in SWAP_KINDS else "released"


def apply_exchanges(reports: list[Report], links: list[ExchangeLink], exchange_articles: dict[str, set[str]]
                    ) -> list[Report]:
    """Restate releases as what the merged exchange says they were, and date the exchange itself."""
    out = [Report(r.status, r.date, r.article_id, r.stated) for r in reports]
    for link in sorted(links, key=lambda x: (x.date or "", x.exchange_id)):
        xs = dates.parse(link.date)
        covered = False
        for r in out:
            if r.status not in ("released", "exchanged"):
                continue
            rs = r.span
            compatible = xs is not None and rs is not None and dates.compatible(xs, rs)
            if not (compatible or r.article_id in exchange_articles.get(link.exchange_id, set())):
                continue
            r.status = link.status
            if xs is not None and not r.stated:
                r.date, r.stated = xs.text, True
            covered = covered or compatible or rs is None or xs is None or r.date == xs.text
        if not covered:
            out.append(Report(link.status, xs.text if xs else link.date, link.articles[0]))
    freed = [dates.parse(link.date) for link in links]
    for r in out:
        rs = r.span
        if r.status == "detained" and not r.stated and rs is not None and any(
                xs is not None and xs.hi <= rs.lo for xs in freed):
            # "Yashin, who spent two years in a penal colony" in a report after his release tells
            # of the time before it: no current status (a new detention is told with its date)
            r.date = None
    return out


def current(reports: list[Report]) -> tuple[Report | None, Conflict | None]:
    """The latest report; reports that may share its moment are settled by precedence."""
    if not reports:
        return None, None
    dated = [(r, r.span) for r in reports]
    spans = [s for _, s in dated if s is not None]
    if spans:
        latest_lo = max(s.lo for s in spans)
        cands = [r for r, s in dated if s is not None and s.hi >= latest_lo]
    else:
        cands = list(reports)
    statuses = sorted({r.status for r in cands}, key=lambda s: -PRECEDENCE.get(s, -1))
    winner_status = statuses[0]
    best = [r for r in cands if r.status == winner_status]
    best.sort(key=lambda r: (-(r.span.lo.toordinal() if r.span else 0),
                             dates.PRECISION_RANK.get(r.span.precision, 3) if r.span else 3, r.article_id))
    conflict = None
    if len(statuses) > 1:
        conflict = Conflict(field="status", values=[
            {"value": s, "articles": sorted({r.article_id for r in cands if r.status == s})} for s in statuses])
    return best[0], conflict


def history(reports: list[Report]) -> list[StatusEvent]:
    seen = {(r.status, r.date, r.article_id) for r in reports}
    return [StatusEvent(status=s, date=d, article_id=a)
            for s, d, a in sorted(seen, key=lambda t: (t[1] or "", t[2], t[0]))]
