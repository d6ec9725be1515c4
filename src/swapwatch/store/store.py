"""The Store: the one place that reads and writes the database.

Every method is one transaction. Callers get plain model objects (``model.py``), never
ORM rows, so nothing outside this package depends on the schema.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Engine, bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from ..errors import InvalidRequest, NotFound, StoreError
from ..model import (KINDS, STATUSES, Article, Curation, ArticleExtraction, Exchange, MergedRecords, Person, Rejudged,
                     Relevance)
from ..params import choice, iso_date
from . import inserts
from .curators import CuratorMethods
from .feeds import FeedMethods
from .engine import WRITE_OPTION, check_database, check_sqlite_file, make_engine, migrate, parse_url, safe_url
from .names import match_names, name_key, suggest_names
from .retry import with_retries
from .rows import ExchangeParts, PersonParts, article_from_row, article_meta, article_row, merged_rows, relevance_fields
from .schema import (MERGED_TABLES, ArticleRow, CurationRow, CurationStateRow, EvidenceRow, ExchangeArticleRow, ExchangeRow, ExtractionRow,
                     PersonAliasRow, PersonArticleRow, PersonRow, SidePersonRow, SideRow, StatusEventRow)

_ARTICLE_META = [c for c in ArticleRow.__table__.c if c.key != "text"]
PG_MERGE_LOCK = 0x5377_4d72          # advisory lock id held while the merged tables are replaced
T = TypeVar("T")
MergeFn = Callable[[list[ArticleExtraction], dict[str, date | None]], MergedRecords]
# Applies the curation log to merged records: (records, log) -> (curated records, one state per curation).
CurateFn = Callable[[MergedRecords, list[Curation]], tuple[MergedRecords, Sequence[Any]]]


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _curation(row: CurationRow) -> Curation:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=timezone.utc)
    return Curation(id=row.id, action=row.action, target_kind=row.target_kind, target_key=row.target_key,
                    field=row.field, value=row.value, curator=row.curator, reason=row.reason,
                    created_at=created.isoformat(timespec="seconds"), undone_by=row.undone_by)


def _exchange_order(x: Exchange) -> tuple[Any, ...]:
    return (x.date is None, x.date or "", x.id)


def _person_order(p: Person) -> tuple[Any, ...]:
    return (name_key(p.name), p.name, p.id)


@dataclass
class PersonLookup:
    """What a name finds: the people it names, best first, or else the names that come close."""

    found: list[Person] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def _judged_by_another_gate(version: str) -> ColumnElement[bool]:
    return or_(ArticleRow.relevance_version.is_(None), ArticleRow.relevance_version != version)


def open_store(url: str, *, create: bool = True) -> "Store":
    """Open the swapwatch database at ``url``, migrating it to the newest schema.

    With ``create`` a database that does not exist yet (or is empty) is made, and
    ``Store.created`` says so; without it, only an existing swapwatch database opens and
    nothing is made (no file, no folder): commands that only read must not leave an
    empty database behind. Anything else (a text file, another application's tables) is
    refused either way, untouched, with a ``StoreError`` coded ``no_database``.
    """
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        check_sqlite_file(parsed, create=create)
    engine = make_engine(url)
    try:
        check_database(engine, create=create)
        created = migrate(engine)
    except DatabaseError as e:
        engine.dispose()
        raise StoreError(f"cannot open database {safe_url(parsed)}: {e.orig}",
                         code="store_unavailable") from e
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, created=created)


class Store(CuratorMethods, FeedMethods):
    """Articles, extractions and merged records in one SQL database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine, *, created: bool = False):
        self.engine = engine
        self.created = created              # this open made the database (open_store(create=True))
        self.url = safe_url(engine.url)     # never shows a password
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._versioned_relevance = False   # seen articles.relevance_version (migration 0009)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error."""
        with Session(self._writer if write else self.engine, expire_on_commit=False) as s, s.begin():
            yield s

    def _write(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one write transaction, re-run when it lost a race with another writer."""
        def attempt() -> T:
            with self.session(write=True) as s:
                return work(s)

        return with_retries(attempt)

    # -- articles -----------------------------------------------------------------

    def add_article(self, article: Article, relevance: Relevance) -> bool:
        """Store one article; False when one with the same id is there already."""
        return self.add_articles([(article, relevance)])[0]

    def add_articles(self, items: Sequence[tuple[Article, Relevance]]) -> list[bool]:
        """Store a batch in one transaction; per item, whether it was new (first copy in the batch wins)."""
        now = _utcnow()
        first: dict[str, dict[str, Any]] = {}
        for article, relevance in items:
            first.setdefault(article.id, article_row(article, relevance, now))
        # Rows in key order: two writers inserting overlapping batches then lock keys in the
        # same order and wait for each other instead of deadlocking (PostgreSQL).
        rows = [first[key] for key in sorted(first)]
        inserted = self._write(lambda s: inserts.insert_new(s, ArticleRow.__table__, self._fit_articles(s, rows), "id"))
        out = []
        for article, _ in items:
            out.append(article.id in inserted)
            inserted.discard(article.id)
        return out

    def _fit_articles(self, s: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` without ``relevance_version`` for a database kept at a revision before 0009
        (the upgrade tests write into one); once the column is seen it is not looked for again."""
        if not self._versioned_relevance:
            from sqlalchemy import inspect

            columns = {c["name"] for c in inspect(s.connection()).get_columns("articles")}
            self._versioned_relevance = "relevance_version" in columns
            if not self._versioned_relevance:
                return [{k: v for k, v in row.items() if k != "relevance_version"} for row in rows]
        return rows

    def has_article(self, article_id: str) -> bool:
        with self.session() as s:
            return inserts.exists(s, ArticleRow.__table__, "id", article_id)

    def article(self, article_id: str) -> Article | None:
        with self.session() as s:
            row = s.get(ArticleRow, article_id)
            return article_from_row(row) if row is not None else None

    def article_id(self, ref: str) -> str:
        """The id of the article ``ref`` names: its id, the start of its id (8 characters or
        more) or its name (the file it came from), when only one article has it."""
        ref = (ref or "").strip()
        with self.session() as s:
            if ref and inserts.exists(s, ArticleRow.__table__, "id", ref):
                return ref
            ids = list(s.scalars(select(ArticleRow.id).where(ArticleRow.name == ref).limit(2))) if ref else []
            if not ids and len(ref) >= 8:
                ids = list(s.scalars(select(ArticleRow.id).where(ArticleRow.id.startswith(ref, autoescape=True))
                                     .limit(2)))
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise NotFound(f"more than one article is named {ref!r}; give its id (swapwatch articles lists them)",
                           code="ambiguous")
        raise NotFound(f"no article with id or name {ref!r} (swapwatch articles lists them)")

    def articles(self, *, relevant: bool | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Metadata and relevance, newest first (no text), JSON-ready."""
        query = select(*_ARTICLE_META)
        if relevant is not None:
            query = query.where(ArticleRow.relevant == relevant)
        query = query.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id).offset(offset).limit(limit)
        with self.session() as s:
            return [article_meta(row) for row in s.execute(query)]

    def published_dates(self) -> dict[str, date | None]:
        with self.session() as s:
            return self._published_dates(s)

    @staticmethod
    def _published_dates(s: Session) -> dict[str, date | None]:
        return {row.id: row.published for row in s.execute(select(ArticleRow.id, ArticleRow.published))}

    def article_names(self) -> dict[str, str]:
        with self.session() as s:
            return {row.id: row.name or row.id for row in s.execute(select(ArticleRow.id, ArticleRow.name))}

    def article_sources(self) -> dict[str, dict[str, str | None]]:
        """Each article's name, title and URL by id: what the CSV export cites."""
        query = select(ArticleRow.id, ArticleRow.name, ArticleRow.title, ArticleRow.url)
        with self.session() as s:
            return {row.id: {"name": row.name or row.id, "title": row.title, "url": row.url}
                    for row in s.execute(query)}

    # -- relevance re-judging ---------------------------------------------------------

    def judged_by_another_gate(self, version: str, *, after: str | None, limit: int) -> list[Article]:
        """Up to ``limit`` articles (id, title and text only: what the gate reads) whose
        decision was not taken by gate ``version``, by id after ``after``: one page of a
        stream that never holds more than ``limit`` texts."""
        query = select(ArticleRow.id, ArticleRow.title, ArticleRow.text).where(_judged_by_another_gate(version))
        if after is not None:
            query = query.where(ArticleRow.id > after)
        with self.session() as s:
            rows = s.execute(query.order_by(ArticleRow.id).limit(limit)).all()
        return [Article(id=row.id, title=row.title, text=row.text) for row in rows]

    def rejudge(self, version: str, decisions: Sequence[tuple[str, Relevance]]) -> Rejudged:
        """Store gate ``version``'s decisions, in one transaction, for the articles still judged
        by another gate: a concurrent run that re-judged one first keeps it and its count.
        Rows are locked in id order (PostgreSQL), as ``add_articles`` writes them."""
        def work(s: Session) -> Rejudged:
            ids = sorted(article_id for article_id, _ in decisions)
            still_stale = (select(ArticleRow.id, ArticleRow.relevant)
                           .where(ArticleRow.id.in_(ids), _judged_by_another_gate(version))
                           .order_by(ArticleRow.id).with_for_update())
            before = {row.id: row.relevant for row in s.execute(still_stale)}
            rows = [{"key": article_id, **relevance_fields(relevance, version)}
                    for article_id, relevance in decisions if article_id in before]
            if rows:
                s.execute(update(ArticleRow.__table__).where(ArticleRow.__table__.c.id == bindparam("key")), rows)
            now = {row["key"]: row["relevant"] for row in rows}
            return Rejudged(articles=len(rows),
                            now_relevant=sum(1 for i, rel in now.items() if rel and not before[i]),
                            no_longer_relevant=sum(1 for i, rel in now.items() if not rel and before[i]))

        return self._write(work)

    # -- extractions --------------------------------------------------------------

    def save_extraction(self, extraction: ArticleExtraction) -> bool:
        """Store (or replace an older version's) what the extractor read from one stored article.

        False when an extraction by the same version is there already: another ingest running
        at the same time did the same work and stored it first, so it is that run's to count.
        """
        row = {"article_id": extraction.article_id, "extractor_version": extraction.extractor_version,
               "payload": extraction.to_dict(), "created_at": _utcnow()}

        def work(s: Session) -> bool:
            if not inserts.exists(s, ArticleRow.__table__, "id", extraction.article_id):
                raise NotFound(f"no stored article {extraction.article_id!r} for this extraction")
            return inserts.upsert_changed(s, ExtractionRow.__table__, row, "article_id", "extractor_version")

        return self._write(work)

    def extractions(self) -> list[ArticleExtraction]:
        with self.session() as s:
            return self._extractions(s)

    @staticmethod
    def _extractions(s: Session) -> list[ArticleExtraction]:
        """The extractions of articles judged relevant now: one whose article a newer gate
        judged irrelevant stays stored (it is reused if the gate changes its mind) but no
        longer feeds the merge."""
        payloads = s.scalars(select(ExtractionRow.payload).join(ArticleRow, ArticleRow.id == ExtractionRow.article_id)
                             .where(ArticleRow.relevant.is_(True)).order_by(ExtractionRow.article_id))
        return [ArticleExtraction.from_dict(p) for p in payloads]

    def pending_extraction_ids(self, version: str) -> list[str]:
        """Relevant articles with no extraction by ``version`` (none yet, or an older one)."""
        done = select(ExtractionRow.article_id).where(ExtractionRow.article_id == ArticleRow.id,
                                                      ExtractionRow.extractor_version == version)
        query = select(ArticleRow.id).where(ArticleRow.relevant.is_(True), ~done.exists()).order_by(ArticleRow.id)
        with self.session() as s:
            return list(s.scalars(query))

    # -- merged records -----------------------------------------------------------

    def replace_merged(self, records: MergedRecords) -> None:
        """Swap in a new set of merged records in one transaction (readers see old or new).

        Prefer ``rebuild_merged``: records computed outside the lock may already be stale.
        """
        def work(s: Session) -> None:
            self._lock_merged(s)
            self._replace_merged(s, records)

        self._write(work)

    def rebuild_merged(self, merge_fn: MergeFn, curate_fn: CurateFn | None = None) -> MergedRecords:
        """Merge every stored extraction with ``merge_fn`` and swap the result in, under one lock.

        Reading the extractions and replacing the merged rows happen in one transaction that
        holds the merge lock (SQLite: the write lock from ``BEGIN IMMEDIATE``; PostgreSQL: an
        advisory lock), so two ingests never collide on keys and the last rebuild to commit
        has seen every extraction committed before it started: a stale merge never wins.
        With ``curate_fn`` the curation log, read in the same transaction, is applied to the
        merged records before they are stored, and what happened to each curation is kept.
        """
        def work(s: Session) -> MergedRecords:
            self._lock_merged(s)
            records = merge_fn(self._extractions(s), self._published_dates(s))
            states: Sequence[Any] = ()
            if curate_fn is not None:
                records, states = curate_fn(records, self._curations(s))
            self._replace_merged(s, records)
            if curate_fn is not None:       # the states describe the last curated rebuild
                s.execute(delete(CurationStateRow))
                if states:
                    s.execute(insert(CurationStateRow), [st.to_dict() for st in states])
            return records

        return self._write(work)

    @staticmethod
    def _has_links(s: Session) -> bool:
        """Whether the schema has migration 0008's link columns; a store kept at an older
        revision (the upgrade tests write into one) is written without them."""
        from sqlalchemy import inspect

        return any(c["name"] == "person_id" for c in inspect(s.connection()).get_columns("side_persons"))

    @staticmethod
    def _lock_merged(s: Session) -> None:
        if s.connection().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MERGE_LOCK})

    @staticmethod
    def _replace_merged(s: Session, records: MergedRecords) -> None:
        rows = merged_rows(records)
        if not Store._has_links(s):
            rows.drop_links()
        # Parents first: side names and evidence refer to persons and exchanges (migration 0008).
        targets = ((ExchangeRow, rows.exchanges), (SideRow, rows.sides), (PersonRow, rows.persons),
                   (SidePersonRow, rows.side_persons), (ExchangeArticleRow, rows.exchange_articles),
                   (PersonAliasRow, rows.aliases), (StatusEventRow, rows.history),
                   (PersonArticleRow, rows.person_articles), (EvidenceRow, rows.evidence))
        for table in MERGED_TABLES:
            s.execute(delete(table))
        for table, items in targets:
            if items:
                s.execute(insert(table), items)

    # -- curations (docs/CURATION.md) ----------------------------------------------------

    def add_curation(self, *, action: str, target_kind: str, target_key: str, field: str | None, value: Any,
                     curator: str, reason: str, undoes: int | None = None,
                     created_at: datetime | None = None) -> Curation:
        """Append one curation to the log (with ``undoes``, mark that one undone by it), in one
        transaction; the caller rebuilds the merged records to apply it."""
        def work(s: Session) -> Curation:
            if undoes is not None:
                target = s.get(CurationRow, undoes, with_for_update=True)
                if target is None:
                    raise NotFound(f"no curation #{undoes} (swapwatch curate list shows them)")
                if target.action == "undo":
                    raise InvalidRequest(f"curation #{undoes} is an undo; undo is not undone (curate again)")
                if target.undone_by is not None:
                    raise InvalidRequest(f"curation #{undoes} was already undone by #{target.undone_by}")
            row = CurationRow(action=action, target_kind=target_kind, target_key=target_key, field=field,
                              value=value, curator=curator, reason=reason, created_at=created_at or _utcnow())
            s.add(row)
            s.flush()
            if undoes is not None:
                s.execute(update(CurationRow).where(CurationRow.id == undoes).values(undone_by=row.id))
            return _curation(row)

        return self._write(work)

    def curations(self) -> list[Curation]:
        """The whole log, oldest first."""
        with self.session() as s:
            return self._curations(s)

    @staticmethod
    def _curations(s: Session) -> list[Curation]:
        return [_curation(r) for r in s.scalars(select(CurationRow).order_by(CurationRow.id))]

    def curation_states(self) -> dict[int, dict[str, Any]]:
        """What the last rebuild did with each curation, by curation id."""
        with self.session() as s:
            return {r.curation_id: {"state": r.state, "record_id": r.record_id, "detail": r.detail}
                    for r in s.scalars(select(CurationStateRow))}

    def load_merged(self) -> MergedRecords:
        """Every merged record, in the order the merge stage gave them."""
        with self.session() as s:
            return MergedRecords(exchanges=self._load_exchanges(s), persons=self._load_persons(s))

    def exchanges(self, *, since: str | None = None, until: str | None = None, country: str | None = None,
                  kind: str | None = None, q: str | None = None, newest_first: bool = False) -> list[Exchange]:
        """Exchanges by date (undated last), then id; ``newest_first`` as the web lists them.

        The filters are the web's (/api/exchanges): ``since``/``until`` ISO dates (as precise
        as known), ``country`` either party of any side (a stored name: see ``party``),
        ``kind`` one of model.KINDS, ``q`` words in the place, parties, mediators or names.
        """
        from . import browse

        since, until, kind = iso_date("since", since), iso_date("until", until), choice("kind", kind, KINDS)
        q = (q or "").strip() or None
        with self.session() as s:
            conds = browse.exchange_conditions(since=since, until=until,
                                               matching=browse.exchanges_matching(s.connection(), q) if q else None)
            if country:
                conds.append(ExchangeRow.id.in_(select(SideRow.exchange_id).where(
                    or_(SideRow.released_by == country, SideRow.received_by == country))))
            if kind:
                conds.append(ExchangeRow.kind == kind)
            found = sorted(self._load_exchanges(s, *conds), key=_exchange_order)
        if newest_first:    # undated stay last, as on the web
            dated = [x for x in found if x.date is not None]
            found = dated[::-1] + [x for x in found if x.date is None][::-1]
        return found

    def exchange(self, exchange_id: str) -> Exchange:
        with self.session() as s:
            found = self._load_exchanges(s, ExchangeRow.id == exchange_id)
        if not found:
            raise NotFound(f"no exchange with id {exchange_id!r}")
        return found[0]

    def persons(self, *, status: str | None = None, held_by: str | None = None) -> list[Person]:
        """People, optionally only one status or one holder (case-insensitive), by name."""
        conds: list[ColumnElement[bool]] = []
        status = choice("status", status, STATUSES)
        if status:
            conds.append(PersonRow.status == status)
        if held_by:
            conds.append(func.lower(PersonRow.held_by) == held_by.strip().lower())
        with self.session() as s:
            return sorted(self._load_persons(s, *conds), key=_person_order)

    def find_persons(self, name: str) -> list[Person]:
        """People ``name`` names (see ``lookup_persons``), best first."""
        return self.lookup_persons(name).found

    def lookup_persons(self, name: str) -> PersonLookup:
        """People whose name or an alias contains ``name``, ignoring case, accents and
        punctuation, or is another spelling or transliteration of it (``names.match_names``:
        Krashikov finds Krasikov); when nobody matches, the names that come closest.

        Exact matches come first, then names that start with the query, then the rest
        that contain it, then other spellings, closest first.
        """
        key = name_key(name)
        if not key:
            return PersonLookup()
        by_alias = select(PersonAliasRow.person_id).where(PersonAliasRow.alias_key.contains(key, autoescape=True))
        cond = or_(PersonRow.name_key.contains(key, autoescape=True), PersonRow.id.in_(by_alias))
        with self.session() as s:
            spellings: dict[str, list[str]] = {}
            names: dict[str, str] = {}
            for pid, display, folded in s.execute(select(PersonRow.id, PersonRow.name, PersonRow.name_key)):
                spellings[pid], names[pid] = [folded], display
            for pid, folded in s.execute(select(PersonAliasRow.person_id, PersonAliasRow.alias_key)):
                spellings.setdefault(pid, []).append(folded)
            scores = dict(match_names(name, spellings, keyed=True))
            found = self._load_persons(s, or_(cond, PersonRow.id.in_(sorted(scores))) if scores else cond)
        if not found:
            return PersonLookup(suggestions=[names[i] for i in suggest_names(name, spellings, keyed=True)])

        def rank(p: Person) -> tuple[Any, ...]:
            keys = [name_key(n) for n in [p.name, *p.aliases]]
            closeness = 0 if key in keys else 1 if any(k.startswith(key) for k in keys) else \
                2 if any(key in k for k in keys) else 3
            return (closeness, -scores.get(p.id, 0.0) if closeness == 3 else 0.0, *_person_order(p))

        return PersonLookup(found=sorted(found, key=rank))

    def counts(self) -> dict[str, int]:
        with self.session() as s:
            def count(query: Any) -> int:
                return int(s.scalar(query) or 0)

            return {
                "articles": count(select(func.count()).select_from(ArticleRow)),
                "relevant": count(select(func.count()).select_from(ArticleRow).where(ArticleRow.relevant.is_(True))),
                "extractions": count(select(func.count()).select_from(ExtractionRow)),
                "exchanges": count(select(func.count()).select_from(ExchangeRow)),
                "persons": count(select(func.count()).select_from(PersonRow)),
            }

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- loading ------------------------------------------------------------------

    @staticmethod
    def _rows(s: Session, table: Any, *conds: ColumnElement[bool]) -> Sequence[Mapping[str, Any]]:
        return s.connection().execute(select(table.__table__).where(*conds)).mappings().all()

    def _load_exchanges(self, s: Session, *conds: ColumnElement[bool]) -> list[Exchange]:
        ids = select(ExchangeRow.id).where(*conds)
        parts = ExchangeParts(
            exchanges=self._rows(s, ExchangeRow, *conds),
            sides=self._rows(s, SideRow, SideRow.exchange_id.in_(ids)),
            side_persons=self._rows(s, SidePersonRow, SidePersonRow.exchange_id.in_(ids)),
            articles=self._rows(s, ExchangeArticleRow, ExchangeArticleRow.exchange_id.in_(ids)),
            evidence=self._rows(s, EvidenceRow, EvidenceRow.record_type.in_(("exchange", "side")),
                                EvidenceRow.record_id.in_(ids)),
        )
        return parts.assemble()

    def _load_persons(self, s: Session, *conds: ColumnElement[bool]) -> list[Person]:
        ids = select(PersonRow.id).where(*conds)
        parts = PersonParts(
            persons=self._rows(s, PersonRow, *conds),
            aliases=self._rows(s, PersonAliasRow, PersonAliasRow.person_id.in_(ids)),
            history=self._rows(s, StatusEventRow, StatusEventRow.person_id.in_(ids)),
            articles=self._rows(s, PersonArticleRow, PersonArticleRow.person_id.in_(ids)),
            evidence=self._rows(s, EvidenceRow, EvidenceRow.record_type == "person", EvidenceRow.record_id.in_(ids)),
        )
        return parts.assemble()
