"""One Person record per real person, from every article's mention of them."""
from __future__ import annotations

from datetime import date

from ..model import STATUSES, Conflict, Evidence, Person
from . import dates
from . import names as nm
from .clusters import PersonCluster, published_iso
from .status import ExchangeLink, Report, apply_exchanges, current, history
from .votes import Ballot, frequency_union, tally


def _reports(cluster: PersonCluster, published: dict[str, date | None]) -> list[Report]:
    out = []
    for r in cluster.refs:
        m = r.mention
        if m.status not in STATUSES:
            continue
        span = dates.parse(m.status_date)
        if span:
            out.append(Report(m.status, span.text, r.article_id))
        else:
            out.append(Report(m.status, published_iso(published, r.article_id), r.article_id, stated=False))
    return out


def _evidence(cluster: PersonCluster) -> list[Evidence]:
    ev = {e for r in cluster.refs for e in r.mention.evidence}
    return sorted(ev, key=lambda e: (e.article_id, e.start, e.end, e.extractor, e.field, e.sentence))


def _fold_charge(text: str) -> str:
    return " ".join(text.lower().split())


def build_person(cluster: PersonCluster, links: list[ExchangeLink], exchange_articles: dict[str, set[str]],
                 published: dict[str, date | None]) -> Person:
    """Merge a cluster's mentions: latest status, most-stated values, unions, conflicts."""
    mentions = [(r.article_id, r.mention) for r in sorted(cluster.refs, key=lambda r: (r.article_id, r.index))]
    conflicts: list[Conflict] = []

    held = tally(Ballot(m.held_by, a) for a, m in mentions)
    held_by = held.winner
    if held.disputed:
        conflicts.append(held.conflict("held_by"))      # type: ignore[arg-type]

    # Handed over into the receiver's custody (extradited, deported to face trial): not a release.
    freeing = [x for x in links if not (held_by and x.received_by == held_by)]
    reports = apply_exchanges(_reports(cluster, published), freeing, exchange_articles)
    latest, status_conflict = current(reports)
    if status_conflict:
        conflicts.append(status_conflict)
    if held_by is None and links:
        last = sorted(links, key=lambda x: (x.date or "", x.exchange_id))[-1]
        held_by = last.released_by

    sentence = tally(Ballot(nm.clean_display(m.sentence) if m.sentence else None, a) for a, m in mentions)
    if sentence.disputed:
        conflicts.append(sentence.conflict("sentence"))  # type: ignore[arg-type]
    role = tally((Ballot(m.role.strip() if m.role else None, a, (len(m.role or ""),)) for a, m in mentions),
                 order=lambda v: v)

    return Person(
        id=cluster.id,
        name=cluster.name,
        aliases=list(cluster.aliases),
        status=latest.status if latest else None,
        status_date=latest.date if latest else None,
        held_by=held_by,
        nationality=frequency_union((n, a) for a, m in mentions for n in m.nationality),
        category=frequency_union((c, a) for a, m in mentions for c in m.category),
        role=role.winner,
        charges=frequency_union(((c.strip(), a) for a, m in mentions for c in m.charges), fold=_fold_charge),
        sentence=sentence.winner,
        articles=cluster.articles,
        history=history(reports),
        evidence=_evidence(cluster),
        conflicts=conflicts,
    )
