"""The database tables, declared once for SQLAlchemy and mirrored by the Alembic migrations.

Portable types only (no SQLite- or PostgreSQL-only columns) so the same schema runs on
both: free text is ``Text``, short labels are unbounded ``String`` (no length that one
backend enforces and the other ignores), lists and dicts are ``sqlalchemy.JSON``.

Merged records (exchanges, persons and everything hanging off them) are derived data,
rebuilt wholesale from the extractions after every ingest; their ``position`` columns
keep the order the merge stage gave, so a round trip returns the same lists. Their
article ids are plain indexed strings, not foreign keys: a rebuild must not depend on
the order in which rows of two different kinds are written.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, ForeignKeyConstraint, Index, Integer,
                        MetaData, String, Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so later migrations (and batch mode on SQLite) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    """One ingested article, with the relevance decision of the gate that judged it last
    (when it arrived, or again when a newer gate re-judged it: ``relevance_version``)."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String, primary_key=True)          # content hash
    name: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String)
    source: Mapped[str] = mapped_column(Text, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    chars: Mapped[int] = mapped_column(Integer, nullable=False)
    relevance_score: Mapped[float] = mapped_column(Float, nullable=False)
    relevant: Mapped[bool] = mapped_column(Boolean, nullable=False, index=True)
    relevance_reasons: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    # The gate that took the decision (relevance.COMPONENT); NULL: an older gate, before 0009.
    relevance_version: Mapped[str | None] = mapped_column(String, index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ExtractionRow(Base):
    """The extractor's reading of one article (``ArticleExtraction.to_dict()``)."""

    __tablename__ = "extractions"

    article_id: Mapped[str] = mapped_column(String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    extractor_version: Mapped[str] = mapped_column(String, nullable=False, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ExchangeRow(Base):
    __tablename__ = "exchanges"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    date: Mapped[str | None] = mapped_column(String, index=True)        # ISO, as precise as known
    date_precision: Mapped[str | None] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, nullable=False, index=True)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    mediators: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    total: Mapped[int | None] = mapped_column(Integer)
    conflicts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    key: Mapped[str | None] = mapped_column(Text)                      # stable key (migration 0004)
    curated: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)  # curated values, who and why


class SideRow(Base):
    """One direction of transfer within an exchange, in the merge stage's order."""

    __tablename__ = "sides"

    exchange_id: Mapped[str] = mapped_column(String, ForeignKey("exchanges.id", ondelete="CASCADE"),
                                             primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    released_by: Mapped[str | None] = mapped_column(String, index=True)
    received_by: Mapped[str | None] = mapped_column(String, index=True)
    count: Mapped[int | None] = mapped_column(Integer)


class SidePersonRow(Base):
    """A display name on a side, as the merge stage gives it, and the person it names
    (``person_id``, migration 0008: a foreign key a database browser follows; resolved when
    the merged rows are written, by ``rows.side_person_ids``; None when no person has the name)."""

    __tablename__ = "side_persons"
    __table_args__ = (
        ForeignKeyConstraint(["exchange_id", "side_position"], ["sides.exchange_id", "sides.position"],
                             ondelete="CASCADE"),
    )

    exchange_id: Mapped[str] = mapped_column(String, primary_key=True)
    side_position: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    person_id: Mapped[str | None] = mapped_column(String, ForeignKey("persons.id"), index=True)


class PersonRow(Base):
    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    name_key: Mapped[str] = mapped_column(Text, nullable=False)        # folded for search
    status: Mapped[str | None] = mapped_column(String, index=True)
    status_date: Mapped[str | None] = mapped_column(String)
    held_by: Mapped[str | None] = mapped_column(String, index=True)
    nationality: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    category: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    role: Mapped[str | None] = mapped_column(Text)
    charges: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    sentence: Mapped[str | None] = mapped_column(Text)
    conflicts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    key: Mapped[str | None] = mapped_column(Text)                      # stable key (migration 0004)
    curated: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)  # curated values, who and why


class PersonAliasRow(Base):
    __tablename__ = "person_aliases"

    person_id: Mapped[str] = mapped_column(String, ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(Text, nullable=False)
    alias_key: Mapped[str] = mapped_column(Text, nullable=False)       # folded for search


class StatusEventRow(Base):
    """One step of a person's history: a status an article reported, and when."""

    __tablename__ = "status_events"

    person_id: Mapped[str] = mapped_column(String, ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String, nullable=False)
    date: Mapped[str | None] = mapped_column(String)
    article_id: Mapped[str] = mapped_column(String, nullable=False, index=True)


class EvidenceRow(Base):
    """Where a merged value was read. ``record_type`` is exchange, side or person;
    for a side, ``record_id`` is the exchange id and ``side_position`` says which side.
    ``exchange_id`` or ``person_id`` (migration 0008) repeat ``record_id`` as a foreign key
    to the record's table, for database browsers; ``article_id`` stays a plain string (see
    the module's docstring)."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_type: Mapped[str] = mapped_column(String, nullable=False)
    record_id: Mapped[str] = mapped_column(String, nullable=False)
    side_position: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    field: Mapped[str] = mapped_column(String, nullable=False)
    article_id: Mapped[str] = mapped_column(String, nullable=False, index=True)
    start_char: Mapped[int] = mapped_column(Integer, nullable=False)
    end_char: Mapped[int] = mapped_column(Integer, nullable=False)
    sentence: Mapped[str] = mapped_column(Text, nullable=False)
    extractor: Mapped[str] = mapped_column(String, nullable=False)
    exchange_id: Mapped[str | None] = mapped_column(String, ForeignKey("exchanges.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(String, ForeignKey("persons.id"), index=True)


class ExchangeArticleRow(Base):
    __tablename__ = "exchange_articles"

    exchange_id: Mapped[str] = mapped_column(String, ForeignKey("exchanges.id", ondelete="CASCADE"),
                                             primary_key=True)
    article_id: Mapped[str] = mapped_column(String, primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class PersonArticleRow(Base):
    __tablename__ = "person_articles"

    person_id: Mapped[str] = mapped_column(String, ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[str] = mapped_column(String, primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class CurationRow(Base):
    """The append-only curation log (docs/CURATION.md). Rows are never deleted or edited,
    but for ``undone_by``, set once when a later ``undo`` row cancels this one."""

    __tablename__ = "curations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String, nullable=False)
    target_kind: Mapped[str] = mapped_column(String, nullable=False)
    target_key: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    field: Mapped[str | None] = mapped_column(String)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    curator: Mapped[str] = mapped_column(String, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    undone_by: Mapped[int | None] = mapped_column(Integer)


class CurationStateRow(Base):
    """Derived: what the last merged rebuild did with each curation (applied, orphaned, undone)."""

    __tablename__ = "curation_states"

    curation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String, nullable=False)
    record_id: Mapped[str | None] = mapped_column(String)
    detail: Mapped[str | None] = mapped_column(Text)


class CuratorRow(Base):
    """Someone allowed to curate over the API and the web (migration 0005): only the token's hash
    is kept; a revoked curator stays listed (the log names them) but can no longer write."""

    __tablename__ = "curators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String, nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CuratorSessionRow(Base):
    """A web sign-in: the hash of the cookie's session id, its curator and its CSRF token."""

    __tablename__ = "curator_sessions"

    id_hash: Mapped[str] = mapped_column(String, primary_key=True)
    curator_id: Mapped[int] = mapped_column(Integer, nullable=False)
    csrf: Mapped[str] = mapped_column(String, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class FeedRow(Base):
    """A feed that ``swapwatch watch`` polls (migration 0006), and how its last polls went.
    ``etag``/``last_modified`` are kept only once every new entry of a poll was handled, so a
    cycle cut short asks for the whole feed again next time (its seen entries are skipped)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url_key: Mapped[str] = mapped_column(String, nullable=False, unique=True)   # sha256 of the URL
    url: Mapped[str] = mapped_column(Text, nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)   # polls failed in a row
    last_item_error: Mapped[str | None] = mapped_column(Text)     # "URL: reason" of an entry's page
    last_item_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FeedEntryRow(Base):
    """A feed entry handled once and for all: its page stored (``article_id``) or refused for
    good (``reason``). Transient failures are not recorded here: the next cycle tries again."""

    __tablename__ = "feed_entries"

    key: Mapped[str] = mapped_column(String, primary_key=True)        # sha256 of feed id + entry id
    feed_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    article_id: Mapped[str | None] = mapped_column(String)
    reason: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class WebPageRow(Base):
    """A URL fetched and stored as an article (by ``ingest URL`` or ``watch``): never fetched again."""

    __tablename__ = "web_pages"

    url_key: Mapped[str] = mapped_column(String, primary_key=True)    # sha256 of the URL
    url: Mapped[str] = mapped_column(Text, nullable=False)
    article_id: Mapped[str] = mapped_column(String, nullable=False)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


# Children first: the order in which replace_merged clears the derived tables.
MERGED_TABLES = (EvidenceRow, SidePersonRow, SideRow, ExchangeArticleRow, StatusEventRow, PersonAliasRow,
                 PersonArticleRow, ExchangeRow, PersonRow)


# Indexes for the web app's ordered, filtered pages (migrations 0002, 0003; queries in store/browse.py).
# Text search structures (FTS5 tables, GIN expression indexes) are made by browse.prepare_search.
Index("ix_exchanges_date_id", ExchangeRow.date, ExchangeRow.id)
Index("ix_exchanges_position_date_id", ExchangeRow.position, ExchangeRow.date, ExchangeRow.id)
Index("ix_persons_position", PersonRow.position)
Index("ix_persons_status_position", PersonRow.status, PersonRow.position)
Index("ix_persons_held_by_position", PersonRow.held_by, PersonRow.position)
Index("ix_persons_name_position_id", PersonRow.name, PersonRow.position, PersonRow.id)
Index("ix_person_aliases_alias_person_id", PersonAliasRow.alias, PersonAliasRow.person_id)
Index("ix_side_persons_name", SidePersonRow.name)
Index("ix_sides_released_by_exchange_id", SideRow.released_by, SideRow.exchange_id)
Index("ix_sides_received_by_exchange_id", SideRow.received_by, SideRow.exchange_id)
Index("ix_articles_published_id", ArticleRow.published, ArticleRow.id)
