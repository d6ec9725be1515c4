"""Read-only queries behind the web app: filtered pages, single records, links, stats.

Every function takes an open ``Connection`` (the caller holds one short read transaction
per request) and returns plain row mappings; turning them into JSON is ``web/data.py``'s
job. The rules that keep a request cheap on a database of 100,000 exchanges:

- filters are index predicates and ``LIMIT``/``OFFSET`` run in SQL, in an order an index
  gives (exchanges newest first by ``(date, id)``, persons by ``(name_key, id)``);
- children of a page (sides, names, evidence, article counts) come in one query per
  table for the whole page, never one per row;
- a side's display names resolve to person ids through indexed exact matches on
  ``persons.name`` and ``person_aliases.alias`` (the merge stage writes canonical names).

Text search (``*_matching``) gives id subqueries that the list filters take as ``matching``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Select, String, and_, cast, func, or_, select

from .names import name_key
from .schema import (ArticleRow, EvidenceRow, ExchangeArticleRow, ExchangeRow, PersonAliasRow, PersonArticleRow,
                     PersonRow, SidePersonRow, SideRow, StatusEventRow)

Row = Mapping[str, Any]

X = ExchangeRow.__table__
S = SideRow.__table__
SP = SidePersonRow.__table__
P = PersonRow.__table__
PA = PersonAliasRow.__table__
H = StatusEventRow.__table__
EV = EvidenceRow.__table__
A = ArticleRow.__table__
XA = ExchangeArticleRow.__table__
PART = PersonArticleRow.__table__

ARTICLE_REF_COLUMNS = (A.c.id, A.c.name, A.c.title, A.c.url, A.c.outlet, A.c.published)
ARTICLE_META_COLUMNS = (*ARTICLE_REF_COLUMNS, A.c.relevant, A.c.relevance_score, A.c.relevance_reasons, A.c.chars,
                        A.c.ingested_at)


def _rows(conn: Connection, query: Any) -> list[Row]:
    return list(conn.execute(query).mappings())


def _count(conn: Connection, query: Select) -> int:
    return int(conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar() or 0)


# -- exchanges ------------------------------------------------------------------------

def exchange_conditions(*, since: str | None = None, until: str | None = None, country: str | None = None,
                        kind: str | None = None, matching: Any = None) -> list[Any]:
    """WHERE terms for the exchange list; ``matching`` is an id subquery from text search.

    Dates are ISO strings as precise as known ("2022", "2022-12", "2022-12-08"), so a
    plain string comparison works for ``until``; for ``since``, a coarser date that
    contains the start ("2022" for since 2022-06-01) counts as overlapping.
    """
    conds: list[Any] = []
    if since:
        conds.append(or_(X.c.date >= since, X.c.date.in_(sorted({since[:4], since[:7]}))))
    if until:
        conds.append(X.c.date <= until)
    if country:
        parties = select(S.c.exchange_id).where(or_(S.c.released_by == country, S.c.received_by == country))
        conds.append(X.c.id.in_(parties))
    if kind:
        conds.append(X.c.kind == kind)
    if matching is not None:
        conds.append(X.c.id.in_(matching))
    return conds


def exchange_page(conn: Connection, conds: Sequence[Any], *, limit: int, offset: int) -> tuple[list[Row], int]:
    """One page of exchanges, newest first (undated last), and how many match in all."""
    base = select(X).where(*conds)
    page = base.order_by(X.c.date.desc().nulls_last(), X.c.id.desc()).limit(limit).offset(offset)
    return _rows(conn, page), _count(conn, select(X.c.id).where(*conds))


def exchanges_by_ids(conn: Connection, ids: Sequence[str]) -> list[Row]:
    if not ids:
        return []
    return _rows(conn, select(X).where(X.c.id.in_(list(ids))))


def sides_of(conn: Connection, exchange_ids: Sequence[str]) -> list[Row]:
    if not exchange_ids:
        return []
    return _rows(conn, select(S).where(S.c.exchange_id.in_(list(exchange_ids)))
                 .order_by(S.c.exchange_id, S.c.position))


def side_names_of(conn: Connection, exchange_ids: Sequence[str]) -> list[Row]:
    if not exchange_ids:
        return []
    return _rows(conn, select(SP).where(SP.c.exchange_id.in_(list(exchange_ids)))
                 .order_by(SP.c.exchange_id, SP.c.side_position, SP.c.position))


def exchange_article_counts(conn: Connection, exchange_ids: Sequence[str]) -> dict[str, int]:
    if not exchange_ids:
        return {}
    query = (select(XA.c.exchange_id, func.count()).where(XA.c.exchange_id.in_(list(exchange_ids)))
             .group_by(XA.c.exchange_id))
    return {row[0]: int(row[1]) for row in conn.execute(query)}


def exchange_article_ids(conn: Connection, exchange_id: str) -> list[str]:
    query = select(XA.c.article_id).where(XA.c.exchange_id == exchange_id).order_by(XA.c.position)
    return list(conn.execute(query).scalars())


def exchange_ids_with_names(conn: Connection, names: Iterable[str]) -> list[str]:
    """Exchanges with a side naming any of ``names`` (a person's name and aliases), newest first."""
    names = sorted(set(names))
    if not names:
        return []
    ids = select(SP.c.exchange_id).where(SP.c.name.in_(names))
    query = select(X.c.id).where(X.c.id.in_(ids)).order_by(X.c.date.desc().nulls_last(), X.c.id.desc())
    return list(conn.execute(query).scalars())


# -- persons --------------------------------------------------------------------------

def person_conditions(*, status: str | None = None, held_by: str | None = None, category: str | None = None,
                      matching: Any = None) -> list[Any]:
    """WHERE terms for the person list. ``category`` is one of model.CATEGORIES (checked by the
    caller), so it can sit inside a LIKE pattern over the JSON list as it is."""
    conds: list[Any] = []
    if status:
        conds.append(P.c.status == status)
    if held_by:
        conds.append(P.c.held_by == held_by)
    if category:
        conds.append(cast(P.c.category, String).like(f'%"{category}"%'))
    if matching is not None:
        conds.append(P.c.id.in_(matching))
    return conds


def person_page(conn: Connection, conds: Sequence[Any], *, limit: int | None, offset: int = 0,
                count: bool = True) -> tuple[list[Row], int]:
    """One page of persons by folded name, and how many match in all (-1 when not counted)."""
    page = select(P).where(*conds).order_by(P.c.name_key, P.c.id).limit(limit).offset(offset)
    total = _count(conn, select(P.c.id).where(*conds)) if count else -1
    return _rows(conn, page), total


def persons_by_ids(conn: Connection, ids: Sequence[str]) -> list[Row]:
    if not ids:
        return []
    return _rows(conn, select(P).where(P.c.id.in_(list(ids))))


def aliases_of(conn: Connection, person_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not person_ids:
        return out
    query = select(PA.c.person_id, PA.c.alias).where(PA.c.person_id.in_(list(person_ids))).order_by(
        PA.c.person_id, PA.c.position)
    for pid, alias in conn.execute(query):
        out.setdefault(pid, []).append(alias)
    return out


def person_article_stats(conn: Connection, person_ids: Sequence[str]) -> dict[str, tuple[int, Any]]:
    """Per person: how many articles name them, and the newest publication date among them."""
    if not person_ids:
        return {}
    query = (select(PART.c.person_id, func.count(), func.max(A.c.published))
             .select_from(PART.outerjoin(A, A.c.id == PART.c.article_id))
             .where(PART.c.person_id.in_(list(person_ids))).group_by(PART.c.person_id))
    return {row[0]: (int(row[1]), row[2]) for row in conn.execute(query)}


def person_article_ids(conn: Connection, person_id: str) -> list[str]:
    query = select(PART.c.article_id).where(PART.c.person_id == person_id).order_by(PART.c.position)
    return list(conn.execute(query).scalars())


def history_of(conn: Connection, person_id: str) -> list[Row]:
    return _rows(conn, select(H).where(H.c.person_id == person_id).order_by(H.c.position))


def person_ids_for_names(conn: Connection, names: Iterable[str]) -> dict[str, Row]:
    """Display name -> the person row it names: an exact name first, else an exact alias.

    Two people with one name: the first by merge order wins (the same choice every time).
    """
    names = sorted(set(names))
    out: dict[str, Row] = {}
    if not names:
        return out
    for row in _rows(conn, select(P).where(P.c.name.in_(names)).order_by(P.c.position)):
        out.setdefault(row["name"], row)
    missing = [n for n in names if n not in out]
    if missing:
        query = (select(PA.c.alias, P).select_from(PA.join(P, P.c.id == PA.c.person_id))
                 .where(PA.c.alias.in_(missing)).order_by(P.c.position))
        for row in _rows(conn, query):
            out.setdefault(row["alias"], row)
    return out


def held_persons(conn: Connection, *, held_by: str | None = None, limit: int | None = None) -> list[Row]:
    """Everyone whose latest status is detained, by holder then name."""
    conds = [P.c.status == "detained"]
    if held_by:
        conds.append(P.c.held_by == held_by)
    query = select(P).where(*conds).order_by(P.c.held_by, P.c.name_key, P.c.id).limit(limit)
    return _rows(conn, query)


# -- evidence and articles ------------------------------------------------------------

def evidence_of(conn: Connection, record_types: Sequence[str], record_ids: Sequence[str]) -> list[Row]:
    if not record_ids:
        return []
    query = (select(EV).where(EV.c.record_type.in_(list(record_types)), EV.c.record_id.in_(list(record_ids)))
             .order_by(EV.c.record_type, EV.c.record_id, EV.c.side_position, EV.c.position))
    return _rows(conn, query)


def evidence_in_article(conn: Connection, article_id: str) -> list[Row]:
    query = select(EV).where(EV.c.article_id == article_id).order_by(EV.c.start_char, EV.c.end_char, EV.c.id)
    return _rows(conn, query)


def article_refs(conn: Connection, ids: Iterable[str]) -> dict[str, Row]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {row["id"]: row for row in _rows(conn, select(*ARTICLE_REF_COLUMNS).where(A.c.id.in_(ids)))}


def article_texts(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    if not ids:
        return {}
    return {row[0]: row[1] for row in conn.execute(select(A.c.id, A.c.text).where(A.c.id.in_(list(ids))))}


def article_conditions(*, relevant: bool | None = None, matching: Any = None) -> list[Any]:
    conds: list[Any] = []
    if relevant is not None:
        conds.append(A.c.relevant.is_(relevant))
    if matching is not None:
        conds.append(A.c.id.in_(matching))
    return conds


def article_page(conn: Connection, conds: Sequence[Any], *, limit: int, offset: int) -> tuple[list[Row], int]:
    """Articles newest first (undated last), with their relevance decision; no text."""
    page = (select(*ARTICLE_META_COLUMNS).where(*conds)
            .order_by(A.c.published.desc().nulls_last(), A.c.id).limit(limit).offset(offset))
    return _rows(conn, page), _count(conn, select(A.c.id).where(*conds))


def article_with_text(conn: Connection, article_id: str) -> Row | None:
    return conn.execute(select(*ARTICLE_META_COLUMNS, A.c.text).where(A.c.id == article_id)).mappings().first()


# -- statistics -----------------------------------------------------------------------

def released_by_month(conn: Connection) -> list[Row]:
    """People per (month, receiving country): a side's count, else its number of named people."""
    named = (select(func.count()).where(SP.c.exchange_id == S.c.exchange_id, SP.c.side_position == S.c.position)
             .scalar_subquery())
    people = func.coalesce(S.c.count, named)
    month = func.substr(X.c.date, 1, 7)
    query = (select(month.label("month"), S.c.received_by.label("country"), func.sum(people).label("people"))
             .select_from(S.join(X, X.c.id == S.c.exchange_id)).where(func.length(X.c.date) >= 7)
             .group_by(month, S.c.received_by).order_by(month, S.c.received_by))
    return _rows(conn, query)


def released_by_country(conn: Connection) -> list[Row]:
    named = (select(func.count()).where(SP.c.exchange_id == S.c.exchange_id, SP.c.side_position == S.c.position)
             .scalar_subquery())
    query = (select(S.c.received_by.label("country"), func.sum(func.coalesce(S.c.count, named)).label("people"))
             .group_by(S.c.received_by))
    return _rows(conn, query)


def side_person_categories(conn: Connection) -> list[Row]:
    """(released_by, category JSON list) per named person on a side, matched by exact name."""
    query = (select(S.c.released_by, P.c.category)
             .select_from(SP.join(S, and_(S.c.exchange_id == SP.c.exchange_id, S.c.position == SP.c.side_position))
                          .join(P, P.c.name == SP.c.name)))
    return _rows(conn, query)


# -- text search ----------------------------------------------------------------------

def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def persons_matching(conn: Connection, q: str) -> Any:
    """Ids of persons whose name or an alias contains the folded query."""
    key = name_key(q)
    if not key:
        return None
    by_alias = select(PA.c.person_id).where(PA.c.alias_key.like(_like(key), escape="\\"))
    return select(P.c.id).where(or_(P.c.name_key.like(_like(key), escape="\\"), P.c.id.in_(by_alias)))


def exchanges_matching(conn: Connection, q: str) -> Any:
    """Ids of exchanges whose parties, place, mediators or named people contain the query."""
    pattern = _like(q.strip().lower())
    by_side = select(S.c.exchange_id).where(or_(func.lower(S.c.released_by).like(pattern, escape="\\"),
                                                func.lower(S.c.received_by).like(pattern, escape="\\")))
    by_name = select(SP.c.exchange_id).where(func.lower(SP.c.name).like(pattern, escape="\\"))
    own = select(X.c.id).where(or_(func.lower(cast(X.c.location, String)).like(pattern, escape="\\"),
                                   func.lower(cast(X.c.mediators, String)).like(pattern, escape="\\")))
    return own.union(by_side, by_name)


def articles_matching(conn: Connection, q: str) -> Any:
    pattern = _like(q.strip().lower())
    return select(A.c.id).where(or_(func.lower(A.c.title).like(pattern, escape="\\"),
                                    func.lower(A.c.text).like(pattern, escape="\\")))
