"""Read-only queries behind the web app: filtered pages, single records, links, stats.

Every function takes an open ``Connection`` (the caller holds one short read transaction
per request) and returns plain row mappings; turning them into records is ``swapwatch.read``'s
job. The rules that keep a request cheap on a database of 100,000 exchanges:

- filters are index predicates and ``LIMIT``/``OFFSET`` run in SQL, in an order an index
  gives (exchanges newest first by ``(date, id)``, persons in merge order, which is by name);
- a page's ids come from indexes alone, then its rows by id;
- children of a page (sides, names, evidence, article counts) come in one query per
  table for the whole page, never one per row;
- a side's display names resolve to person ids through indexed exact matches on
  ``persons.name`` and ``person_aliases.alias`` (the merge stage writes canonical names);
- the by-id fetchers that every page runs are plain SQL on the driver (see ``_fetch``).

Text search (``*_matching``) gives id subqueries that the list filters take as ``matching``.
"""
from __future__ import annotations

import json
import logging
import re
import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (Column, Connection, Engine, Integer, MetaData, String, Table, bindparam, cast, column,
                        false, func, intersect, literal_column, or_, select, table, text)
from sqlalchemy.exc import DBAPIError, OperationalError

from ..params import MAX_QUERY_WORDS
from .engine import WRITE_OPTION
from .names import name_key
from .schema import (ArticleRow, EvidenceRow, ExchangeArticleRow, ExchangeRow, PersonAliasRow, PersonArticleRow,
                     PersonRow, SidePersonRow, SideRow, StatusEventRow)

Row = Mapping[str, Any]
log = logging.getLogger(__name__)

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
    return conn.execute(query).mappings().all()


# The by-id fetchers below run on every page, for 50 ids at a time. Built with SQLAlchemy
# they cost about ten times the query itself (an IN list is coerced value by value, rows
# are wrapped twice), so they are plain SQL on the driver's cursor, portable by design:
# '?' marks (turned into '%s' for psycopg), quoted column names, JSON decoded here.

def _fetch(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return cursor.fetchall()
    finally:
        cursor.close()


def _marks(n: int) -> str:
    return ", ".join(["?"] * n)


def _json(value: Any) -> Any:
    """SQLite hands JSON columns over as text, psycopg already decoded."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _dicts(columns: Sequence[str], rows: Iterable[tuple], json_columns: Sequence[str] = ()) -> list[dict[str, Any]]:
    out = [dict(zip(columns, row)) for row in rows]
    for row in out:
        for name in json_columns:
            row[name] = _json(row[name])
    return out


def _select_list(columns: Sequence[str], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in columns)


X_COLUMNS = ("id", "position", "date", "date_precision", "kind", "location", "mediators", "total", "conflicts")
S_COLUMNS = ("exchange_id", "position", "released_by", "received_by", "count")
SP_COLUMNS = ("exchange_id", "side_position", "position", "name")
P_COLUMNS = ("id", "position", "name", "name_key", "status", "status_date", "held_by", "nationality", "category",
             "role", "charges", "sentence", "conflicts")
EV_COLUMNS = ("id", "record_type", "record_id", "side_position", "position", "field", "article_id", "start_char",
              "end_char", "sentence", "extractor")
REF_COLUMNS = ("id", "name", "title", "url", "outlet", "published")


def _count(conn: Connection, table: Table, conds: Sequence[Any]) -> int:
    """COUNT(*) straight on the table: with no filter, SQLite counts a whole index's pages."""
    return int(conn.execute(select(func.count()).select_from(table).where(*conds)).scalar() or 0)


# -- exchanges ------------------------------------------------------------------------

def exchange_conditions(*, since: str | None = None, until: str | None = None,
                        matching: Any = None) -> list[Any]:
    """WHERE terms on exchanges; ``matching`` is a condition from ``exchanges_matching``.

    Dates are ISO strings as precise as known ("2022", "2022-12", "2022-12-08"), so a
    plain string comparison works for ``until``; for ``since``, a coarser date that
    contains the start ("2022" for since 2022-06-01) counts as overlapping.
    """
    conds: list[Any] = []
    if since:   # one index range from the year on; the finer check only filters within it
        conds += [X.c.date >= since[:4], or_(X.c.date >= since, X.c.date.in_(sorted({since[:4], since[:7]})))]
    if until:
        conds.append(X.c.date <= until)
    if matching is not None:
        conds.append(matching)
    return conds


EXCHANGE_ORDER = (X.c.date.desc().nulls_last(), X.c.id.desc())


def exchange_page(conn: Connection, conds: Sequence[Any], *, country: str | None = None, kind: str | None = None,
                  limit: int, offset: int = 0, count: bool = True) -> tuple[list[Row], int]:
    """One page of exchanges, newest first (undated last), and how many match (-1: not counted).

    ``country`` is either party of any side, ``kind`` one of model.KINDS. Ids come first, from indexes alone, then the
    page's rows: a filter that matches thousands never reads and sorts thousands of rows.
    On SQLite a country page is read in order from exchange_parties' (party, date, id) key.
    """
    if country and _fts(conn):
        source = XP.join(X, X.c.id == XP.c.exchange_id) if conds else XP
        where = [XP.c.party == country, *([XP.c.kind == kind] if kind else []), *conds]
        ids_query = select(XP.c.exchange_id).select_from(source).where(*where).order_by(
            XP.c.date_key.desc(), XP.c.exchange_id.desc())
        count_query = select(func.count()).select_from(source).where(*where)
    else:
        if country:
            conds = [*conds, X.c.id.in_(select(S.c.exchange_id).where(
                or_(S.c.released_by == country, S.c.received_by == country)))]
        if kind:
            conds = [*conds, X.c.kind == kind]
        ids_query = select(X.c.id).where(*conds).order_by(*EXCHANGE_ORDER)
        count_query = select(func.count()).select_from(X).where(*conds)
    ids = list(conn.execute(ids_query.limit(limit).offset(offset)).scalars())
    return exchanges_by_ids(conn, ids), int(conn.execute(count_query).scalar() or 0) if count else -1


def exchanges_by_ids(conn: Connection, ids: Sequence[str]) -> list[Row]:
    """Exchange rows in the order of ``ids``, each with its ``article_count``."""
    if not ids:
        return []
    rows = _fetch(conn, f"SELECT {_select_list(X_COLUMNS, 'x')}, (SELECT count(*) FROM exchange_articles AS xa "
                        f"WHERE xa.exchange_id = x.id) FROM exchanges AS x WHERE x.id IN ({_marks(len(ids))})", ids)
    found = {r["id"]: r for r in _dicts((*X_COLUMNS, "article_count"), rows, ("location", "mediators", "conflicts"))}
    return [found[i] for i in ids if i in found]


def sides_of(conn: Connection, exchange_ids: Sequence[str]) -> list[Row]:
    if not exchange_ids:
        return []
    rows = _fetch(conn, f"SELECT {_select_list(S_COLUMNS)} FROM sides WHERE exchange_id IN "
                        f'({_marks(len(exchange_ids))}) ORDER BY exchange_id, "position"', exchange_ids)
    return _dicts(S_COLUMNS, rows)


SIDE_PEOPLE_COLUMNS = (*S_COLUMNS, "person_position", "name", "person_id")


def sides_with_people(conn: Connection, exchange_ids: Sequence[str]) -> list[Row]:
    """Every side of these exchanges with its named people (one row per name; name None for
    a side without any), each name resolved to a person id.

    A display name resolves to the person with exactly that name, else exactly that alias;
    several people with one name: the smallest id (the same choice every time). Both are
    reads of the (name, position, id) and (alias, person_id) indexes.
    """
    if not exchange_ids:
        return []
    rows = _fetch(conn, (
        f'SELECT {_select_list(S_COLUMNS, "s")}, sp."position", sp.name, '
        "coalesce((SELECT min(p.id) FROM persons AS p WHERE p.name = sp.name), "
        "(SELECT min(pa.person_id) FROM person_aliases AS pa WHERE pa.alias = sp.name)) "
        "FROM sides AS s LEFT JOIN side_persons AS sp "
        'ON sp.exchange_id = s.exchange_id AND sp.side_position = s."position" '
        f"WHERE s.exchange_id IN ({_marks(len(exchange_ids))}) "
        'ORDER BY s.exchange_id, s."position", sp."position"'), exchange_ids)
    return _dicts(SIDE_PEOPLE_COLUMNS, rows)


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

def person_conditions(*, status: str | None = None, held_by: str | None = None,
                      matching: Any = None) -> list[Any]:
    """WHERE terms for the person list (the category filter is person_page's: see there)."""
    conds: list[Any] = []
    if status:
        conds.append(P.c.status == status)
    if held_by:
        conds.append(P.c.held_by == held_by)
    if matching is not None:
        conds.append(matching)
    return conds


def person_page(conn: Connection, conds: Sequence[Any], *, category: str | None = None, limit: int | None,
                offset: int = 0, count: bool = True) -> tuple[list[Row], int]:
    """One page of persons in merge order (by name), and how many match (-1: not counted).

    Ids first (indexes only), then the page's rows. With ``category`` on SQLite the page
    is read in order from person_categories' (category, position, person_id) key.
    """
    if category and _fts(conn):
        source = PC.join(P, P.c.id == PC.c.person_id) if conds else PC
        where = [PC.c.category == category, *conds]
        ids_query = select(PC.c.person_id).select_from(source).where(*where).order_by(PC.c.position)
        count_query = select(func.count()).select_from(source).where(*where)
    else:
        if category:
            conds = [*conds, category_condition(conn, category)]
        ids_query = select(P.c.id).where(*conds).order_by(P.c.position)
        count_query = select(func.count()).select_from(P).where(*conds)
    ids = list(conn.execute(ids_query.limit(limit).offset(offset)).scalars())
    return persons_by_ids(conn, ids), int(conn.execute(count_query).scalar() or 0) if count else -1


def persons_by_ids(conn: Connection, ids: Sequence[str]) -> list[Row]:
    """Person rows in the order of ``ids``."""
    if not ids:
        return []
    rows = _fetch(conn, f"SELECT {_select_list(P_COLUMNS)} FROM persons WHERE id IN ({_marks(len(ids))})", ids)
    found = {r["id"]: r for r in _dicts(P_COLUMNS, rows, ("nationality", "category", "charges", "conflicts"))}
    return [found[i] for i in ids if i in found]


def aliases_of(conn: Connection, person_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not person_ids:
        return out
    rows = _fetch(conn, f"SELECT person_id, alias FROM person_aliases WHERE person_id IN ({_marks(len(person_ids))}) "
                        'ORDER BY person_id, "position"', person_ids)
    for pid, alias in rows:
        out.setdefault(pid, []).append(alias)
    return out


def person_article_stats(conn: Connection, person_ids: Sequence[str]) -> dict[str, tuple[int, Any]]:
    """Per person: how many articles name them, and the newest publication date among them."""
    if not person_ids:
        return {}
    rows = _fetch(conn, "SELECT pa.person_id, count(*), max(a.published) FROM person_articles AS pa "
                        "LEFT JOIN articles AS a ON a.id = pa.article_id "
                        f"WHERE pa.person_id IN ({_marks(len(person_ids))}) GROUP BY pa.person_id", person_ids)
    return {r[0]: (int(r[1]), r[2]) for r in rows}


def person_article_ids(conn: Connection, person_id: str) -> list[str]:
    query = select(PART.c.article_id).where(PART.c.person_id == person_id).order_by(PART.c.position)
    return list(conn.execute(query).scalars())


def history_of(conn: Connection, person_id: str) -> list[Row]:
    return _rows(conn, select(H).where(H.c.person_id == person_id).order_by(H.c.position))


def histories_of(conn: Connection, person_ids: Sequence[str]) -> dict[str, list[Row]]:
    """Every listed person's status reports (one query for a page of people)."""
    out: dict[str, list[Row]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return out
    rows = _fetch(conn, f'SELECT person_id, status, date, article_id FROM status_events WHERE person_id IN '
                        f'({_marks(len(person_ids))}) ORDER BY person_id, "position"', list(person_ids))
    for row in _dicts(("person_id", "status", "date", "article_id"), rows):
        out[row["person_id"]].append(row)
    return out


def category_condition(conn: Connection, category: str) -> Any:
    """``category`` is one of model.CATEGORIES (checked by the caller)."""
    if _pg(conn):
        return text("(persons.category)::jsonb @> CAST(:category AS jsonb)").bindparams(
            bindparam("category", json.dumps([category]), unique=True))
    return cast(P.c.category, String).like(f'%"{category}"%')


def held_persons(conn: Connection, *, held_by: str | None = None, limit: int | None = None) -> list[Row]:
    """Everyone whose latest status is detained, by holder then name."""
    conds = [P.c.status == "detained"]
    if held_by:
        conds.append(P.c.held_by == held_by)
    query = select(P).where(*conds).order_by(P.c.held_by, P.c.position).limit(limit)
    return _rows(conn, query)


def persons_by_latest_report(conn: Connection, *, held_by: str | None = None, status: str | None = None,
                             limit: int) -> list[Row]:
    """People with a status, the most recently reported first (``status_date``, ISO as precise as
    known; undated last), then in merge order: what the held feed lists."""
    conds = [P.c.status.is_not(None)]
    if held_by:
        conds.append(P.c.held_by == held_by)
    if status:
        conds.append(P.c.status == status)
    query = select(P).where(*conds).order_by(P.c.status_date.desc().nulls_last(), P.c.position).limit(limit)
    return _rows(conn, query)


def newest_ingest(conn: Connection, record_type: str, ids: Sequence[str]) -> dict[str, Any]:
    """Per exchange or person (``record_type``): when the newest of its articles was ingested,
    the moment the record last learned something (a feed entry's ``updated``)."""
    if not ids:
        return {}
    link, key = (XA, XA.c.exchange_id) if record_type == "exchange" else (PART, PART.c.person_id)
    query = (select(key, func.max(A.c.ingested_at)).select_from(link.join(A, A.c.id == link.c.article_id))
             .where(key.in_(list(ids))).group_by(key))
    return {row[0]: row[1] for row in conn.execute(query)}


# -- evidence and articles ------------------------------------------------------------

def evidence_of(conn: Connection, record_types: Sequence[str], record_ids: Sequence[str]) -> list[Row]:
    if not record_ids:
        return []
    rows = _fetch(conn, f"SELECT {_select_list(EV_COLUMNS)} FROM evidence WHERE record_type IN "
                        f"({_marks(len(record_types))}) AND record_id IN ({_marks(len(record_ids))}) "
                        'ORDER BY record_type, record_id, side_position, "position"', [*record_types, *record_ids])
    return _dicts(EV_COLUMNS, rows)


def evidence_in_article(conn: Connection, article_id: str) -> list[Row]:
    query = select(EV).where(EV.c.article_id == article_id).order_by(EV.c.start_char, EV.c.end_char, EV.c.id)
    return _rows(conn, query)


def article_refs(conn: Connection, ids: Iterable[str]) -> dict[str, Row]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    rows = _fetch(conn, f"SELECT {_select_list(REF_COLUMNS)} FROM articles WHERE id IN ({_marks(len(ids))})", ids)
    return {r["id"]: r for r in _dicts(REF_COLUMNS, rows)}


def article_texts(conn: Connection, ids: Sequence[str], *, chars: int | None = None) -> dict[str, str]:
    """The text of each article, or only its first ``chars`` characters (what a snippet reads:
    an article may hold 2,000,000)."""
    if not ids:
        return {}
    column = A.c.text if chars is None else func.substr(A.c.text, 1, int(chars))
    return {row[0]: row[1] for row in conn.execute(select(A.c.id, column).where(A.c.id.in_(list(ids))))}


def article_conditions(*, relevant: bool | None = None, matching: Any = None) -> list[Any]:
    conds: list[Any] = []
    if relevant is not None:
        conds.append(A.c.relevant.is_(relevant))
    if matching is not None:
        conds.append(matching)
    return conds


def article_page(conn: Connection, conds: Sequence[Any], *, limit: int, offset: int = 0,
                 count: bool = True) -> tuple[list[Row], int]:
    """Articles newest first (undated last), with their relevance decision; no text."""
    page = (select(*ARTICLE_META_COLUMNS).where(*conds)
            .order_by(A.c.published.desc().nulls_last(), A.c.id).limit(limit).offset(offset))
    return _rows(conn, page), _count(conn, A, conds) if count else -1


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


def released_by_exchange(conn: Connection, limit: int) -> list[Row] | None:
    """People per (dated exchange, side), oldest first, for the timeline's one bar per exchange;
    None when more than ``limit`` exchanges are dated (the chart then draws months)."""
    dated = func.length(X.c.date) >= 7
    if conn.execute(select(func.count()).select_from(X).where(dated)).scalar_one() > limit:
        return None
    named = (select(func.count()).where(SP.c.exchange_id == S.c.exchange_id, SP.c.side_position == S.c.position)
             .scalar_subquery())
    query = (select(X.c.id.label("exchange_id"), X.c.date, X.c.kind, S.c.position, S.c.released_by, S.c.received_by,
                    func.coalesce(S.c.count, named).label("people"))
             .select_from(S.join(X, X.c.id == S.c.exchange_id)).where(dated)
             .order_by(X.c.date, X.c.id, S.c.position))
    return _rows(conn, query)


def released_since(conn: Connection, day: str) -> list[Row]:
    """People released or exchanged on or after ``day`` (ISO; by their latest report), per holder."""
    query = (select(P.c.held_by.label("holder"), func.count().label("people"))
             .where(P.c.status.in_(("released", "exchanged")), P.c.status_date >= day)
             .group_by(P.c.held_by))
    return _rows(conn, query)


def held_per_holder(conn: Connection) -> list[Row]:
    query = select(P.c.held_by.label("holder"), func.count().label("people")).where(P.c.status == "detained") \
        .group_by(P.c.held_by)
    return _rows(conn, query)


def released_by_country(conn: Connection) -> list[Row]:
    named = (select(func.count()).where(SP.c.exchange_id == S.c.exchange_id, SP.c.side_position == S.c.position)
             .scalar_subquery())
    query = (select(S.c.received_by.label("country"), func.sum(func.coalesce(S.c.count, named)).label("people"))
             .group_by(S.c.received_by))
    return _rows(conn, query)


def side_person_categories(conn: Connection) -> list[Row]:
    """(released_by, categories) per named person on a side, the name resolved as on pages."""
    rows = _fetch(conn, (
        "SELECT s.released_by, p.category FROM side_persons AS sp "
        'JOIN sides AS s ON s.exchange_id = sp.exchange_id AND s."position" = sp.side_position '
        "JOIN persons AS p ON p.id = coalesce((SELECT min(p2.id) FROM persons AS p2 WHERE p2.name = sp.name), "
        "(SELECT min(pa.person_id) FROM person_aliases AS pa WHERE pa.alias = sp.name))"))
    return _dicts(("released_by", "category"), rows, ("category",))


# -- search structures ----------------------------------------------------------------
#
# Made by prepare_search (see there for why not in a migration) and then kept current by
# the database itself. SQLite: FTS5 tables whose rowids encode the record's merge
# ``position`` (times 1024 or 8192, plus which part of the record the row holds), so a
# match yields positions without reading any stored column, in the persons' list order,
# and a delete trigger removes rows by rowid range; ``person_categories`` and
# ``exchange_parties`` give the category and country filters an index in list order.
# PostgreSQL: GIN indexes over expressions that the queries repeat exactly.

SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"
SEARCH_VERSION = "search_v3"        # the newest SQLite structures; older ones are dropped and rebuilt
MAX_SEARCH_WORDS = MAX_QUERY_WORDS    # longer queries are refused before they get here
PERSON_SLOTS = 1024                 # FTS rowid = position * 1024 + (0: name, 1 + i: alias i)
EXCHANGE_SLOTS = 8192               # position * 8192 + (0: place, mediators; 1 + s: side s; 64 + 256 s + i: name i)

PC = Table("person_categories", MetaData(), Column("category", String), Column("position", Integer),
           Column("person_id", String))
XP = Table("exchange_parties", MetaData(), Column("party", String), Column("date_key", String),
           Column("kind", String), Column("exchange_id", String))

_X_POS = "(SELECT position FROM exchanges WHERE id = {r}.exchange_id) * 8192"
_P_POS = "(SELECT position FROM persons WHERE id = {r}.person_id) * 1024"
# (FTS table, columns, [(source table, rowid expression, values, WHEN condition or "")], range delete)
SQLITE_SEARCH = (
    ("search_persons", "key", (
        ("persons", "{r}.position * 1024", "{r}.name_key", ""),
        ("person_aliases", _P_POS + " + 1 + {r}.position", "{r}.alias_key", "{r}.position < 1023"),
    )),
    ("search_exchanges", "body", (
        ("exchanges", "{r}.position * 8192",
         "coalesce(json_extract({r}.location, '$.city'), '') || ' ' || "
         "coalesce(json_extract({r}.location, '$.country'), '') || ' ' || coalesce({r}.mediators, '')", ""),
        ("sides", _X_POS + " + 1 + {r}.position",
         "coalesce({r}.released_by, '') || ' ' || coalesce({r}.received_by, '')", "{r}.position < 63"),
        ("side_persons", _X_POS + " + 64 + 256 * {r}.side_position + {r}.position", "{r}.name",
         "{r}.side_position < 31 AND {r}.position < 256"),
    )),
    ("search_articles", "article_id UNINDEXED, title, text", (
        ("articles", "{r}.rowid", "{r}.id, coalesce({r}.title, ''), {r}.text", ""),
    )),
)
_RANGE_DELETE = {"persons": PERSON_SLOTS, "exchanges": EXCHANGE_SLOTS}
_SQLITE_SIDE_TABLES = ("person_categories", "exchange_parties", SEARCH_VERSION)

# PostgreSQL: (index, table, indexed expression); the queries below repeat each expression exactly.
PG_SEARCH = (
    ("ix_persons_search", "persons", "to_tsvector('simple', name_key)"),
    ("ix_person_aliases_search", "person_aliases", "to_tsvector('simple', alias_key)"),
    ("ix_exchanges_search", "exchanges",
     "to_tsvector('simple', coalesce(location::text, '') || ' ' || coalesce(mediators::text, ''))"),
    ("ix_sides_search", "sides", "to_tsvector('simple', coalesce(released_by, '') || ' ' || coalesce(received_by, ''))"),
    ("ix_side_persons_search", "side_persons", "to_tsvector('simple', name)"),
    ("ix_articles_search", "articles", "to_tsvector('simple', coalesce(title, '') || ' ' || left(text, 200000))"),
    ("ix_persons_category", "persons", "(category::jsonb) jsonb_path_ops"),
)
PG_SEARCH_LOCK = 0x5377_6171      # advisory lock held while the search indexes are made
PG_PERSON_TEXT = "to_tsvector('simple', persons.name_key)"
PG_ALIAS_TEXT = "to_tsvector('simple', person_aliases.alias_key)"
PG_EXCHANGE_TEXT = ("to_tsvector('simple', coalesce(exchanges.location::text, '') || ' ' || "
                    "coalesce(exchanges.mediators::text, ''))")
PG_SIDE_TEXT = "to_tsvector('simple', coalesce(sides.released_by, '') || ' ' || coalesce(sides.received_by, ''))"
PG_SIDE_NAME_TEXT = "to_tsvector('simple', side_persons.name)"
PG_ARTICLE_TEXT = "to_tsvector('simple', coalesce(articles.title, '') || ' ' || left(articles.text, 200000))"

_prepared: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()   # per engine, not per id()
_prepare_lock = threading.Lock()


def _fts_ddl() -> list[str]:
    out = []
    for fts, columns, sources in SQLITE_SEARCH:
        out.append(f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, tokenize='{SEARCH_TOKENIZER}')")
        names = ", ".join(c.split()[0] for c in columns.split(","))
        for source, rowid, values, when in sources:
            new_when = f" WHEN {when.format(r='new')}" if when else ""
            old_when = f" WHEN {when.format(r='old')}" if when else ""
            # OR REPLACE: rows whose positions collide (never in a merge's output) must not fail an ingest.
            insert = (f"INSERT OR REPLACE INTO {fts} (rowid, {names}) "
                      f"VALUES ({rowid.format(r='new')}, {values.format(r='new')})")
            slots = _RANGE_DELETE.get(source)
            delete = (f"DELETE FROM {fts} WHERE rowid BETWEEN old.position * {slots} "
                      f"AND old.position * {slots} + {slots - 1}") if slots else \
                f"DELETE FROM {fts} WHERE rowid = {rowid.format(r='old')}"
            own_row = f"DELETE FROM {fts} WHERE rowid = {rowid.format(r='old')}"
            out += [
                f"CREATE TRIGGER {fts}_{source}_ai AFTER INSERT ON {source}{new_when} BEGIN {insert}; END",
                f"CREATE TRIGGER {fts}_{source}_ad AFTER DELETE ON {source}{old_when} BEGIN {delete}; END",
                f"CREATE TRIGGER {fts}_{source}_au AFTER UPDATE ON {source}{new_when} BEGIN {own_row}; {insert}; END",
                f"INSERT OR REPLACE INTO {fts} (rowid, {names}) SELECT {rowid.format(r='t')}, {values.format(r='t')} "
                f"FROM {source} AS t" + (f" WHERE {when.format(r='t')}" if when else ""),
            ]
    return out


def _side_table_ddl() -> list[str]:
    categories = ("INSERT OR IGNORE INTO person_categories SELECT value, {r}.position, {r}.id "
                  "FROM json_each({r}.category) WHERE type = 'text'")
    parties = ("INSERT OR IGNORE INTO exchange_parties SELECT p.party, coalesce(x.date, ''), x.kind, x.id "
               "FROM exchanges AS x, (SELECT {r}.released_by AS party UNION SELECT {r}.received_by) AS p "
               "WHERE x.id = {r}.exchange_id AND p.party IS NOT NULL")
    unused_parties = ("DELETE FROM exchange_parties WHERE exchange_id = old.exchange_id "
                      "AND party IN (old.released_by, old.received_by) AND NOT EXISTS (SELECT 1 FROM sides AS s "
                      "WHERE s.exchange_id = old.exchange_id AND exchange_parties.party IN (s.released_by, s.received_by))")
    return [
        "CREATE TABLE person_categories (category TEXT NOT NULL, position INTEGER NOT NULL, person_id TEXT NOT NULL, "
        "PRIMARY KEY (category, position, person_id)) WITHOUT ROWID",
        "CREATE INDEX ix_person_categories_person_id ON person_categories (person_id)",
        f"CREATE TRIGGER person_categories_ai AFTER INSERT ON persons BEGIN {categories.format(r='new')}; END",
        "CREATE TRIGGER person_categories_ad AFTER DELETE ON persons BEGIN "
        "DELETE FROM person_categories WHERE person_id = old.id; END",
        "CREATE TRIGGER person_categories_au AFTER UPDATE ON persons BEGIN "
        f"DELETE FROM person_categories WHERE person_id = old.id; {categories.format(r='new')}; END",
        "INSERT OR IGNORE INTO person_categories SELECT j.value, p.position, p.id FROM persons AS p, "
        "json_each(p.category) AS j WHERE j.type = 'text'",
        "CREATE TABLE exchange_parties (party TEXT NOT NULL, date_key TEXT NOT NULL, kind TEXT NOT NULL, "
        "exchange_id TEXT NOT NULL, PRIMARY KEY (party, date_key, exchange_id)) WITHOUT ROWID",
        "CREATE INDEX ix_exchange_parties_kind ON exchange_parties (party, kind, date_key, exchange_id)",
        "CREATE INDEX ix_exchange_parties_exchange_id ON exchange_parties (exchange_id)",
        f"CREATE TRIGGER exchange_parties_ai AFTER INSERT ON sides BEGIN {parties.format(r='new')}; END",
        f"CREATE TRIGGER exchange_parties_ad AFTER DELETE ON sides BEGIN {unused_parties}; END",
        f"CREATE TRIGGER exchange_parties_au AFTER UPDATE ON sides BEGIN {unused_parties}; "
        f"{parties.format(r='new')}; END",
        "INSERT OR IGNORE INTO exchange_parties SELECT p.party, coalesce(x.date, ''), x.kind, x.id FROM exchanges AS x "
        "JOIN (SELECT exchange_id, released_by AS party FROM sides UNION SELECT exchange_id, received_by FROM sides) "
        "AS p ON p.exchange_id = x.id WHERE p.party IS NOT NULL",
        f"CREATE TABLE {SEARCH_VERSION} (made TEXT)",
    ]


def _drop_old_sqlite_structures(conn: Connection) -> None:
    """Structures of an older version of this module (or half made): dropped, then rebuilt."""
    names = ("search_persons", "search_exchanges", "search_articles", "person_categories", "exchange_parties")
    triggers = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars().all()
    for name in triggers:
        if name.startswith(names):
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'search%'")
    for name in [*names, *(t for t in tables.scalars().all() if t.startswith("search_v"))]:
        conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')


def _prepare_sqlite(engine: Engine) -> bool:
    count = (f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN {_SQLITE_SIDE_TABLES!r}")
    with engine.connect() as conn:             # a plain read first: a read-only database has them or not
        if conn.exec_driver_sql(count).scalar() == len(_SQLITE_SIDE_TABLES):
            return True
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            if conn.exec_driver_sql(count).scalar() != len(_SQLITE_SIDE_TABLES):
                _drop_old_sqlite_structures(conn)
                for statement in [*_side_table_ddl(), *_fts_ddl()]:
                    conn.exec_driver_sql(statement)
    except OperationalError as e:
        if "fts5" in str(e).lower():
            return False
        if _read_only(e):
            _say_read_only(engine)
            return False
        raise
    return True


def _read_only(e: DBAPIError) -> bool:
    """The database refused a write because it (or the connection, or the role) is read-only."""
    words = str(getattr(e, "orig", None) or e).lower()
    return any(w in words for w in ("readonly", "read-only", "read only", "permission denied"))


def _say_read_only(engine: Engine) -> None:
    log.warning("swapwatch: %s is read-only and has no search structures: text search falls back to "
                "plain LIKE matching (slower) until a writable start makes them", engine.url.render_as_string())


def _prepare_postgresql(engine: Engine) -> bool:
    names = [name for name, _, _ in PG_SEARCH]
    have_all = text("SELECT count(*) FROM pg_indexes WHERE indexname = ANY(:names)")
    with engine.connect() as conn:
        if conn.execute(have_all, {"names": names}).scalar() == len(names):
            return True
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_SEARCH_LOCK})
            for name, source, expression in PG_SEARCH:
                target = expression if expression.startswith("(") else f"({expression})"
                conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {source} USING gin ({target})")
    except DBAPIError as e:
        if not _read_only(e):
            raise
        _say_read_only(engine)
        return False
    return True


def prepare_search(engine: Engine) -> bool:
    """Make sure the search structures exist: made and filled once, then kept by the database.

    SQLite: FTS5 tables and two index tables, filled by triggers on the merged tables.
    PostgreSQL: GIN indexes over ``to_tsvector('simple', ...)`` and over categories as jsonb.
    Why here and not in a migration: FTS5's virtual and shadow tables and expression
    indexes cannot be described by the SQLAlchemy models, and the store's tests require
    models and migrated schema to agree. The web app calls this at start (queries also do,
    on first use); it is idempotent and safe when several processes start at once
    (SQLite's write lock, a PostgreSQL advisory lock). False for an SQLite without FTS5 and
    for a read-only database that lacks them (said once in the log): text search then falls
    back to LIKE and the filters to plain queries.
    """
    with _prepare_lock:
        if engine not in _prepared:
            if engine.dialect.name == "sqlite":
                _prepared[engine] = _prepare_sqlite(engine)
            elif engine.dialect.name == "postgresql":
                _prepared[engine] = _prepare_postgresql(engine)
            else:
                _prepared[engine] = True
        return _prepared[engine]


def _fts(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite" and prepare_search(conn.engine)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql" and prepare_search(conn.engine)


# -- text search ----------------------------------------------------------------------
# A query is split into words; every word must match (as a word prefix) some part of a
# record: its name or an alias; its place, mediators, parties or a name on a side.

def _words(q: str) -> list[str]:
    return re.findall(r"[^\W_]+", name_key(q))[:MAX_SEARCH_WORDS]


def _every(selects: list[Any]) -> Any:
    return selects[0] if len(selects) == 1 else intersect(*selects)


def _fts_positions(fts: str, slots: int, words: list[str]) -> Any:
    """Positions of records with every word in some row of ``fts`` (rowids only: no stored column is read)."""
    return _every([select(literal_column(f"rowid / {int(slots)}")).select_from(table(fts))
                   .where(literal_column(fts).match(f'"{w}"*')) for w in words])


def _pg_match(expression: str, word: str) -> Any:
    return text(f"{expression} @@ to_tsquery('simple', :w)").bindparams(bindparam("w", f"{word}:*", unique=True))


def persons_matching(conn: Connection, q: str) -> Any:
    """A condition on persons: the name or an alias has every word of ``q``; no words, no one."""
    words = _words(q)
    if not words:
        return false()
    if _fts(conn):
        return P.c.position.in_(_fts_positions("search_persons", PERSON_SLOTS, words))
    if _pg(conn):
        return P.c.id.in_(_every([select(P.c.id).where(_pg_match(PG_PERSON_TEXT, w)).union(
            select(PA.c.person_id).where(_pg_match(PG_ALIAS_TEXT, w))) for w in words]))
    key = " ".join(words)
    by_alias = select(PA.c.person_id).where(PA.c.alias_key.contains(key, autoescape=True))
    return or_(P.c.name_key.contains(key, autoescape=True), P.c.id.in_(by_alias))


def exchanges_matching(conn: Connection, q: str) -> Any:
    """A condition on exchanges: place, mediators, parties or named people have every word of ``q``."""
    words = _words(q)
    if not words:
        return false()
    if _fts(conn):
        return X.c.position.in_(_fts_positions("search_exchanges", EXCHANGE_SLOTS, words))
    if _pg(conn):
        return X.c.id.in_(_every([select(X.c.id).where(_pg_match(PG_EXCHANGE_TEXT, w)).union(
            select(S.c.exchange_id).where(_pg_match(PG_SIDE_TEXT, w)),
            select(SP.c.exchange_id).where(_pg_match(PG_SIDE_NAME_TEXT, w))) for w in words]))
    pattern = q.strip().lower()

    def has(col: Any) -> Any:
        return func.lower(col).contains(pattern, autoescape=True)

    by_side = select(S.c.exchange_id).where(or_(has(S.c.released_by), has(S.c.received_by)))
    by_name = select(SP.c.exchange_id).where(has(SP.c.name))
    return or_(has(cast(X.c.location, String)), has(cast(X.c.mediators, String)), X.c.id.in_(by_side),
               X.c.id.in_(by_name))


def articles_matching(conn: Connection, q: str) -> Any:
    """A condition on articles: title and text hold every word of ``q``."""
    words = _words(q)
    if not words:
        return false()
    if _fts(conn):
        return A.c.id.in_(select(column("article_id")).select_from(table("search_articles")).where(
            literal_column("search_articles").match(" ".join(f'"{w}"*' for w in words))))
    if _pg(conn):
        return text(f"{PG_ARTICLE_TEXT} @@ to_tsquery('simple', :aq)").bindparams(
            bindparam("aq", " & ".join(f"{w}:*" for w in words), unique=True))
    pattern = q.strip().lower()
    return or_(func.lower(A.c.title).contains(pattern, autoescape=True),
               func.lower(A.c.text).contains(pattern, autoescape=True))


def articles_found(conn: Connection, q: str, *, limit: int) -> list[str]:
    """Ids of up to ``limit`` articles holding every word of ``q``, the latest stored first.

    Search results need no total and no date order, so on SQLite FTS5 walks its own
    rowid order and stops at ``limit``: a word in every article costs no more than a rare one.
    """
    words = _words(q)
    if not words:
        return []
    if _fts(conn):
        query = (select(column("article_id")).select_from(table("search_articles"))
                 .where(literal_column("search_articles").match(" ".join(f'"{w}"*' for w in words)))
                 .order_by(literal_column("rowid").desc()).limit(limit))
        return list(conn.execute(query).scalars())
    query = (select(A.c.id).where(articles_matching(conn, q)).order_by(A.c.ingested_at.desc(), A.c.id.desc())
             .limit(limit))
    return list(conn.execute(query).scalars())


def _fts_walk(conn: Connection, table: str, fts: str, slots: int, word: str, *, limit: int, scan: int,
              newest_first: bool) -> list[str] | None:
    """Ids of the first ``limit`` records whose FTS rows match one word, in rowid order (rowid //
    ``slots`` is the record's merge position); None when ``scan`` rows were not enough to tell."""
    order = "DESC" if newest_first else ""
    rows = _fetch(conn, f"SELECT rowid / {slots} FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid {order} LIMIT ?",
                  [f'"{word}"*', scan])
    positions = list(dict.fromkeys(r[0] for r in rows))[:limit]
    if len(positions) < limit and len(rows) == scan:
        return None
    if not positions:
        return []
    found = dict(_fetch(conn, f'SELECT "position", id FROM {table} WHERE "position" IN '
                              f"({_marks(len(positions))})", positions))
    return [found[p] for p in positions if p in found]


def persons_found(conn: Connection, q: str, *, limit: int) -> list[Row]:
    """Up to ``limit`` persons matching ``q``, in list order, for search results (no total).

    One word on SQLite: FTS5 yields matching rowids in rowid order, which is the persons'
    merge order, so the walk stops after ``limit`` people however many match.
    """
    words = _words(q)
    if not words:
        return []
    if _fts(conn) and len(words) == 1:
        ids = _fts_walk(conn, "persons", "search_persons", PERSON_SLOTS, words[0], limit=limit, scan=limit * 8,
                        newest_first=False)
        if ids is not None:
            return persons_by_ids(conn, ids)
    return person_page(conn, [persons_matching(conn, q)], limit=limit, count=False)[0]


def exchanges_found(conn: Connection, q: str, *, limit: int) -> list[Row]:
    """Up to ``limit`` exchanges matching ``q`` for search results (no total), newest first.

    One word on SQLite: FTS5 walks its rowids backwards, i.e. the merge order reversed,
    which is date descending for merged records (the merge sorts by date, then id), and
    stops after ``limit`` exchanges however many match. Otherwise: the list's own order.
    """
    words = _words(q)
    if not words:
        return []
    if _fts(conn) and len(words) == 1:
        ids = _fts_walk(conn, "exchanges", "search_exchanges", EXCHANGE_SLOTS, words[0], limit=limit,
                        scan=limit * 16, newest_first=True)
        if ids is not None:
            return exchanges_by_ids(conn, ids)
    return exchange_page(conn, [exchanges_matching(conn, q)], limit=limit, count=False)[0]
