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

import json
import re
import threading

from sqlalchemy import (Column, Connection, Engine, MetaData, String, Table, and_, bindparam, cast, column,
                        false, func, intersect, literal_column, or_, select, table, text)
from sqlalchemy.exc import OperationalError

from .engine import WRITE_OPTION
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


def _count(conn: Connection, table: Table, conds: Sequence[Any]) -> int:
    """COUNT(*) straight on the table: with no filter, SQLite counts a whole index's pages."""
    return int(conn.execute(select(func.count()).select_from(table).where(*conds)).scalar() or 0)


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


def exchange_page(conn: Connection, conds: Sequence[Any], *, limit: int, offset: int = 0,
                  count: bool = True) -> tuple[list[Row], int]:
    """One page of exchanges, newest first (undated last), and how many match in all (-1: not counted)."""
    page = select(X).where(*conds).order_by(X.c.date.desc().nulls_last(), X.c.id.desc()).limit(limit).offset(offset)
    return _rows(conn, page), _count(conn, X, conds) if count else -1


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

def person_conditions(conn: Connection, *, status: str | None = None, held_by: str | None = None,
                      category: str | None = None, matching: Any = None) -> list[Any]:
    """WHERE terms for the person list. ``category`` is one of model.CATEGORIES (checked by the
    caller): an index lookup in person_categories (SQLite) or the jsonb GIN index (PostgreSQL)."""
    conds: list[Any] = []
    if status:
        conds.append(P.c.status == status)
    if held_by:
        conds.append(P.c.held_by == held_by)
    if category:
        if _fts(conn):
            conds.append(P.c.id.in_(select(PC.c.person_id).where(PC.c.category == category)))
        elif _pg(conn):
            conds.append(text("(persons.category)::jsonb @> CAST(:category AS jsonb)").bindparams(
                bindparam("category", json.dumps([category]), unique=True)))
        else:
            conds.append(cast(P.c.category, String).like(f'%"{category}"%'))
    if matching is not None:
        conds.append(P.c.id.in_(matching))
    return conds


def person_page(conn: Connection, conds: Sequence[Any], *, limit: int | None, offset: int = 0,
                count: bool = True) -> tuple[list[Row], int]:
    """One page of persons by folded name, and how many match in all (-1 when not counted)."""
    page = select(P).where(*conds).order_by(P.c.name_key, P.c.id).limit(limit).offset(offset)
    total = _count(conn, P, conds) if count else -1
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
#
# Made by prepare_search (see there for why not in a migration). SQLite: FTS5 tables filled
# by triggers; each FTS rowid derives from its source row's rowid (x2 or x4 plus a source
# number) so a delete trigger removes one FTS row by rowid, never by a scan. PostgreSQL:
# GIN indexes over expressions that the queries repeat exactly.
# A query is split into words; every word must match (as a prefix) one row of a record.

SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"
MAX_SEARCH_WORDS = 8
SQLITE_SEARCH = (
    ("search_persons", "person_id UNINDEXED, key", (
        ("persons", "{r}.rowid * 2", "{r}.id, {r}.name_key"),
        ("person_aliases", "{r}.rowid * 2 + 1", "{r}.person_id, {r}.alias_key"),
    )),
    ("search_exchanges", "exchange_id UNINDEXED, body", (
        ("exchanges", "{r}.rowid * 4",
         "{r}.id, coalesce(json_extract({r}.location, '$.city'), '') || ' ' || "
         "coalesce(json_extract({r}.location, '$.country'), '') || ' ' || coalesce({r}.mediators, '')"),
        ("sides", "{r}.rowid * 4 + 1",
         "{r}.exchange_id, coalesce({r}.released_by, '') || ' ' || coalesce({r}.received_by, '')"),
        ("side_persons", "{r}.rowid * 4 + 2", "{r}.exchange_id, {r}.name"),
    )),
    ("search_articles", "article_id UNINDEXED, title, text", (
        ("articles", "{r}.rowid", "{r}.id, coalesce({r}.title, ''), {r}.text"),
    )),
)
PC = Table("person_categories", MetaData(), Column("category", String), Column("name_key", String),
           Column("person_id", String))
_SEARCH_PERSONS = table("search_persons", column("person_id"))
_SEARCH_EXCHANGES = table("search_exchanges", column("exchange_id"))
_SEARCH_ARTICLES = table("search_articles", column("article_id"))
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
PG_EXCHANGE_TEXT = "to_tsvector('simple', coalesce(exchanges.location::text, '') || ' ' || coalesce(exchanges.mediators::text, ''))"
PG_SIDE_TEXT = "to_tsvector('simple', coalesce(sides.released_by, '') || ' ' || coalesce(sides.received_by, ''))"
PG_SIDE_NAME_TEXT = "to_tsvector('simple', side_persons.name)"
PG_ARTICLE_TEXT = "to_tsvector('simple', coalesce(articles.title, '') || ' ' || left(articles.text, 200000))"

_prepared: dict[int, bool] = {}
_prepare_lock = threading.Lock()


def _names(columns: str) -> str:
    return ", ".join(c.split()[0] for c in columns.split(","))


def _sqlite_search_ddl() -> list[str]:
    statements = [
        "CREATE TABLE person_categories (category TEXT NOT NULL, name_key TEXT NOT NULL, person_id TEXT NOT NULL, "
        "PRIMARY KEY (category, name_key, person_id)) WITHOUT ROWID",
        "CREATE INDEX ix_person_categories_person_id ON person_categories (person_id)",
        "CREATE TRIGGER person_categories_ai AFTER INSERT ON persons BEGIN "
        "INSERT OR IGNORE INTO person_categories SELECT value, new.name_key, new.id FROM json_each(new.category) "
        "WHERE type = 'text'; END",
        "CREATE TRIGGER person_categories_ad AFTER DELETE ON persons BEGIN "
        "DELETE FROM person_categories WHERE person_id = old.id; END",
        "CREATE TRIGGER person_categories_au AFTER UPDATE ON persons BEGIN "
        "DELETE FROM person_categories WHERE person_id = old.id; "
        "INSERT OR IGNORE INTO person_categories SELECT value, new.name_key, new.id FROM json_each(new.category) "
        "WHERE type = 'text'; END",
        "INSERT OR IGNORE INTO person_categories SELECT j.value, p.name_key, p.id FROM persons AS p, "
        "json_each(p.category) AS j WHERE j.type = 'text'",
    ]
    for fts, columns, sources in SQLITE_SEARCH:
        statements.append(f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, tokenize='{SEARCH_TOKENIZER}')")
        names = _names(columns)
        for source, rowid, values in sources:
            new_row = f"VALUES ({rowid.format(r='new')}, {values.format(r='new')})"
            statements += [
                f"CREATE TRIGGER {fts}_{source}_ai AFTER INSERT ON {source} BEGIN "
                f"INSERT INTO {fts} (rowid, {names}) {new_row}; END",
                f"CREATE TRIGGER {fts}_{source}_ad AFTER DELETE ON {source} BEGIN "
                f"DELETE FROM {fts} WHERE rowid = {rowid.format(r='old')}; END",
                f"CREATE TRIGGER {fts}_{source}_au AFTER UPDATE ON {source} BEGIN "
                f"DELETE FROM {fts} WHERE rowid = {rowid.format(r='old')}; INSERT INTO {fts} (rowid, {names}) "
                f"{new_row}; END",
                f"INSERT INTO {fts} (rowid, {names}) SELECT {rowid.format(r='t')}, {values.format(r='t')} "
                f"FROM {source} AS t",
            ]
    return statements


def _prepare_sqlite(engine: Engine) -> bool:
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            have = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name IN ('search_persons', "
                                        "'search_exchanges', 'search_articles', 'person_categories')").scalar()
            if have != 4:
                for statement in _sqlite_search_ddl():
                    conn.exec_driver_sql(statement)
    except OperationalError as e:
        if "fts5" not in str(e).lower():
            raise
        return False
    return True


def _prepare_postgresql(engine: Engine) -> None:
    names = [name for name, _, _ in PG_SEARCH]
    with engine.begin() as conn:
        have = conn.execute(text("SELECT count(*) FROM pg_indexes WHERE indexname = ANY(:names)"),
                            {"names": names}).scalar()
        if have == len(names):
            return
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_SEARCH_LOCK})
        for name, source, expression in PG_SEARCH:
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {source} USING gin ({_gin(expression)})")


def _gin(expression: str) -> str:
    """'(expr) opclass' stays as is; a bare expression gets the parentheses an index needs."""
    return expression if expression.startswith("(") else f"({expression})"


def prepare_search(engine: Engine) -> bool:
    """Make sure the search structures exist: made and filled once, then kept by the database.

    SQLite: FTS5 tables filled by triggers, and ``person_categories`` (one row per
    category and person, for an indexed category filter). PostgreSQL: GIN indexes over
    ``to_tsvector('simple', ...)`` and over the category list as jsonb. Why here and not in
    a migration: neither FTS5's virtual and shadow tables nor expression indexes can be
    described by the SQLAlchemy models, and the store's tests require models and migrated
    schema to agree. The web app calls this at start (and the queries on first use); it is
    idempotent and safe when several processes start at once (SQLite's write lock, a
    PostgreSQL advisory lock). Returns False only for an SQLite without FTS5 (LIKE then).
    """
    key = id(engine)
    with _prepare_lock:
        if key not in _prepared:
            if engine.dialect.name == "sqlite":
                _prepared[key] = _prepare_sqlite(engine)
            else:
                if engine.dialect.name == "postgresql":
                    _prepare_postgresql(engine)
                _prepared[key] = True
        return _prepared[key]


def _words(q: str) -> list[str]:
    return re.findall(r"[^\W_]+", name_key(q))[:MAX_SEARCH_WORDS]


def _fts(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite" and prepare_search(conn.engine)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql" and prepare_search(conn.engine)


def _every(selects: list[Any]) -> Any:
    return selects[0] if len(selects) == 1 else intersect(*selects)


def _pg_match(expression: str, word: str) -> Any:
    return text(f"{expression} @@ to_tsquery('simple', :w)").bindparams(bindparam("w", f"{word}:*", unique=True))


def persons_matching(conn: Connection, q: str) -> Any:
    """Ids of persons whose name or an alias has every word of ``q`` (as word prefixes); no words, no one."""
    words = _words(q)
    if not words:
        return select(P.c.id).where(false())
    if _fts(conn):
        return _every([select(_SEARCH_PERSONS.c.person_id).where(literal_column("search_persons").match(f'"{w}"*'))
                       for w in words])
    if _pg(conn):
        return _every([select(P.c.id).where(_pg_match(PG_PERSON_TEXT, w)).union(
            select(PA.c.person_id).where(_pg_match(PG_ALIAS_TEXT, w))) for w in words])
    key = " ".join(words)
    by_alias = select(PA.c.person_id).where(PA.c.alias_key.contains(key, autoescape=True))
    return select(P.c.id).where(or_(P.c.name_key.contains(key, autoescape=True), P.c.id.in_(by_alias)))


def exchanges_matching(conn: Connection, q: str) -> Any:
    """Ids of exchanges whose place, mediators, parties or named people have every word of ``q``."""
    words = _words(q)
    if not words:
        return select(X.c.id).where(false())
    if _fts(conn):
        return _every([select(_SEARCH_EXCHANGES.c.exchange_id)
                       .where(literal_column("search_exchanges").match(f'"{w}"*')) for w in words])
    if _pg(conn):
        return _every([select(X.c.id).where(_pg_match(PG_EXCHANGE_TEXT, w)).union(
            select(S.c.exchange_id).where(_pg_match(PG_SIDE_TEXT, w)),
            select(SP.c.exchange_id).where(_pg_match(PG_SIDE_NAME_TEXT, w))) for w in words])
    pattern = q.strip().lower()
    by_side = select(S.c.exchange_id).where(or_(func.lower(S.c.released_by).contains(pattern, autoescape=True),
                                                func.lower(S.c.received_by).contains(pattern, autoescape=True)))
    by_name = select(SP.c.exchange_id).where(func.lower(SP.c.name).contains(pattern, autoescape=True))
    own = select(X.c.id).where(or_(func.lower(cast(X.c.location, String)).contains(pattern, autoescape=True),
                                   func.lower(cast(X.c.mediators, String)).contains(pattern, autoescape=True)))
    return own.union(by_side, by_name)


def articles_matching(conn: Connection, q: str) -> Any:
    """Ids of articles whose title and text hold every word of ``q``."""
    words = _words(q)
    if not words:
        return select(A.c.id).where(false())
    if _fts(conn):
        return select(_SEARCH_ARTICLES.c.article_id).where(
            literal_column("search_articles").match(" ".join(f'"{w}"*' for w in words)))
    if _pg(conn):
        return select(A.c.id).where(text(f"{PG_ARTICLE_TEXT} @@ to_tsquery('simple', :aq)").bindparams(
            bindparam("aq", " & ".join(f"{w}:*" for w in words), unique=True)))
    pattern = q.strip().lower()
    return select(A.c.id).where(or_(func.lower(A.c.title).contains(pattern, autoescape=True),
                                    func.lower(A.c.text).contains(pattern, autoescape=True)))
