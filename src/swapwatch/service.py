"""The main job: files -> stored articles -> extractions -> merged records.

The CLI, the demo and the eval command all call ``ingest``; it never stops on one bad
input: every failure is counted and reported, and the rest goes on.

Where the work runs is an ``Engine``: reading, relevance and extraction happen inside it
(in this process for ``SingleProcessEngine``, on a Ray cluster for
``swapwatch.engines.ray_engine.RayEngine``), while storing and merging always stay here,
in the one process that writes. Both engines get the same read batches and the same
extraction batches, so their results are identical.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import InvalidRequest, SwapwatchError
from .ingest.failure import Known
from .ingest.readers import IngestFailure, Notice, Skipped, read_paths
from .model import Article, ArticleExtraction, JudgedArticle, Rejudged, Relevance
from .relevance import relevance_of, score_relevance
from .settings import Settings

EXTRACT_BATCH = 16                            # articles parsed together (spaCy's nlp.pipe)
REJUDGE_BATCH = 500                           # stored articles re-judged per read and per write transaction
ProgressHook = Callable[[int], None]          # called with the number of inputs just handled
ExtractHook = Callable[[int, int], None]      # articles just queued for extraction, articles just extracted
FailureHook = Callable[[IngestFailure], None]
NoticeHook = Callable[[Notice], None]
StoredHook = Callable[[Article, bool], None]   # an article just stored; whether it was new
Scored = tuple[Article, Relevance]


@dataclass
class IngestSummary:
    ingested: int = 0          # new articles stored
    duplicates: int = 0        # already stored (same normalised text)
    irrelevant: int = 0        # new articles judged not relevant (stored, not parsed)
    extracted: int = 0         # articles run through the extractor
    failed: int = 0
    skipped: int = 0           # empty lines and empty records of JSON Lines: counted, not failures
    failures: list[IngestFailure] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)   # read, but a limit cut part of it
    rejudged: Rejudged = field(default_factory=Rejudged)  # stored articles judged again by a newer gate

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicates + self.failed

    def to_dict(self) -> dict[str, int]:
        return {"ingested": self.ingested, "duplicates": self.duplicates, "irrelevant": self.irrelevant,
                "extracted": self.extracted, "failed": self.failed, "skipped": self.skipped,
                "rejudged": self.rejudged.articles, "now_relevant": self.rejudged.now_relevant,
                "no_longer_relevant": self.rejudged.no_longer_relevant}


@dataclass
class BatchOutcome:
    """One extraction batch done: what was read, and the articles that could not be (with why)."""

    extractions: list[ArticleExtraction] = field(default_factory=list)
    failures: list[tuple[Article, str]] = field(default_factory=list)


class Engine(Protocol):
    """Where reading, relevance and extraction run. Storing and merging stay with the caller."""

    def scored(self, paths: Iterable[str | Path], settings: Settings) -> Iterator[Scored | IngestFailure]:
        """Every input read and judged, in input order (the order decides which duplicate is kept)."""
        ...

    def submit(self, batch: list[Article]) -> None:
        """Queue one extraction batch (articles as stored); its outcome comes from ``finished``."""
        ...

    def finished(self, *, wait: bool) -> Iterator[BatchOutcome]:
        """Outcomes of submitted batches that are done; with ``wait``, of every submitted batch."""
        ...

    def close(self) -> None:
        ...


def _extract_batch(articles: list[Article]) -> list[ArticleExtraction]:
    from .extract.pipeline import extract_articles  # heavy: spaCy loads on first use only

    return list(extract_articles(articles))


def _extract_one(article: Article) -> ArticleExtraction:
    from .extract.pipeline import extract_article

    return extract_article(article)


def extract_safely(articles: list[Article]) -> BatchOutcome:
    """One batch through the extractor; when the batch fails, one article at a time, so only
    the article that fails is lost (and reported). Runs wherever the engine runs it."""
    outcome = BatchOutcome()
    try:
        outcome.extractions = _extract_batch(articles)
    except Exception:
        for article in articles:
            try:
                outcome.extractions.append(_extract_one(article))
            except Exception as e:  # one article must never stop the run
                outcome.failures.append((article, f"extraction failed: {type(e).__name__}: {e}"))
    return outcome


def score_items(items: Iterable[Article | IngestFailure], threshold: float) -> Iterator[Scored | IngestFailure]:
    """Articles with their relevance (the reader's when it judged the article already, see
    ``relevance_of``); failures passed through in place."""
    for item in items:
        if isinstance(item, IngestFailure):
            yield item
        else:
            relevance = relevance_of(item, threshold=threshold)
            yield (item.plain() if isinstance(item, JudgedArticle) else item), relevance


class SingleProcessEngine:
    """Everything in this process, one step after the other (the default engine)."""

    def __init__(self) -> None:
        self._done: list[BatchOutcome] = []

    def scored(self, paths: Iterable[str | Path], settings: Settings) -> Iterator[Scored | IngestFailure]:
        return score_items(read_paths(paths, settings, read_ahead=True), settings.relevance_threshold)

    def submit(self, batch: list[Article]) -> None:
        self._done.append(extract_safely(batch))

    def finished(self, *, wait: bool) -> Iterator[BatchOutcome]:
        while self._done:
            yield self._done.pop(0)

    def close(self) -> None:
        self._done.clear()


def _batches(items: Iterable[Scored | IngestFailure], size: int) -> Iterator[list[Scored | IngestFailure]]:
    batch: list[Scored | IngestFailure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Extractions:
    """Feeds pending articles to the engine in fixed batches and stores what comes back."""

    def __init__(self, store, engine: Engine, fail: FailureHook, skip: set[str],
                 on_extract: ExtractHook | None = None, on_notice: NoticeHook | None = None):
        self.store, self.engine, self.fail, self.skip = store, engine, fail, skip
        self.on_extract = on_extract or (lambda queued, done: None)
        self.on_notice = on_notice or (lambda note: None)
        self.in_flight: set[str] = set()
        self.saved = 0

    def submit_pending(self) -> None:
        """Every relevant article without a current extraction, sorted by id, in batches of
        EXTRACT_BATCH (the same batches whichever engine runs them); also what makes a re-run
        finish the work of an interrupted one."""
        from .extract.pipeline import EXTRACTOR_VERSION

        pending = [i for i in self.store.pending_extraction_ids(EXTRACTOR_VERSION)
                   if i not in self.skip and i not in self.in_flight]
        if pending:
            self.on_extract(len(pending), 0)
        for start in range(0, len(pending), EXTRACT_BATCH):
            articles = [a for a in (self.store.article(i) for i in pending[start:start + EXTRACT_BATCH])
                        if a is not None]
            if articles:
                self._tell_cuts(articles)
                self.in_flight.update(a.id for a in articles)
                self.engine.submit(articles)
                self.collect(wait=False)      # store each finished batch at once (a kill loses little)

    def _tell_cuts(self, articles: list[Article]) -> None:
        """A Notice for each article the extractor will read only in part (its caps)."""
        from .extract.pipeline import text_cut

        for article in articles:
            reason = text_cut(article)
            if reason:
                self.on_notice(Notice(article.source or article.name or article.id, reason))

    def collect(self, *, wait: bool) -> None:
        for outcome in self.engine.finished(wait=wait):
            self.on_extract(0, len(outcome.failures) + len(outcome.extractions))
            for article, reason in outcome.failures:
                self.in_flight.discard(article.id)
                self.skip.add(article.id)
                self.fail(IngestFailure(article.source or article.name or article.id, reason))
            for extraction in outcome.extractions:
                self.in_flight.discard(extraction.article_id)
                if self.store.save_extraction(extraction):     # False: a concurrent run stored it first
                    self.saved += 1


def rejudge_stale(store, settings: Settings, *, batch: int = REJUDGE_BATCH) -> Rejudged:
    """Judge again, from their stored title and text, the articles a gate other than the
    current one judged (``relevance.COMPONENT``; NULL: stored before gates said which).

    A newer gate must reach the stored corpus, not only what arrives after it: an article it
    finds relevant is then extracted as pending, one it finds irrelevant leaves the merge.
    Streamed a page at a time (keyset on id), so a large store never sits in memory; the
    gate is plain Python (no spaCy), fast enough to run on every ingest.
    """
    from .relevance import COMPONENT

    done, after = Rejudged(), None
    while page := store.judged_by_another_gate(COMPONENT, after=after, limit=batch):
        decisions = [(article.id, score_relevance(article, threshold=settings.relevance_threshold))
                     for article in page]
        done.add(store.rejudge(COMPONENT, decisions))
        after = page[-1].id
    return done


def ingest(store, paths: Iterable[str | Path], settings: Settings, *,
           on_progress: ProgressHook | None = None,
           on_failure: FailureHook | None = None,
           engine: Engine | None = None,
           on_extract: ExtractHook | None = None,
           on_notice: NoticeHook | None = None) -> IngestSummary:
    """Read every input under ``paths``, store new articles, extract the relevant ones, re-merge.

    ``on_progress`` hears of inputs read, ``on_extract`` of articles queued for and done by
    the extractor (most of the time goes there), so a progress bar can show both. ``engine`` says where reading and extraction run (default: this process); the caller
    keeps ownership of an engine it passes in (this function does not close it).
    """
    engine = engine or SingleProcessEngine()
    return ingest_scored(store, engine.scored(paths, settings), settings, engine=engine, on_progress=on_progress,
                         on_failure=on_failure, on_extract=on_extract, on_notice=on_notice)


def ingest_articles(store, items: Iterable[Article | IngestFailure], settings: Settings, *,
                    on_stored: StoredHook | None = None, **hooks: Any) -> IngestSummary:
    """``ingest`` for articles read elsewhere (web pages, feeds): the same relevance, storing,
    dedupe, extraction and merge. ``on_stored`` hears of each article once it is stored (and
    whether it was new), so a caller can record what it fetched only once it is safe."""
    return ingest_scored(store, score_items(items, settings.relevance_threshold), settings,
                         on_stored=on_stored, always_merge=False, **hooks)


def ingest_scored(store, scored: Iterable[Scored | IngestFailure], settings: Settings, *,
                  on_progress: ProgressHook | None = None,
                  on_failure: FailureHook | None = None,
                  engine: Engine | None = None,
                  on_extract: ExtractHook | None = None,
                  on_notice: NoticeHook | None = None,
                  on_stored: StoredHook | None = None, always_merge: bool = True) -> IngestSummary:
    """The ingest job after reading: re-judge what an older relevance gate judged
    (``rejudge_stale``), store in batches of ``settings.batch_size``, extract, re-merge
    (without ``always_merge``, only when an article or an extraction was stored: a watch cycle
    that found nothing new leaves the merged records as they are)."""
    summary = IngestSummary()

    def fail(failure: IngestFailure) -> None:
        summary.failed += 1
        summary.failures.append(failure)
        if on_failure:
            on_failure(failure)

    def notice(note: Notice) -> None:
        summary.notices.append(note)
        if on_notice:
            on_notice(note)

    engine = engine or SingleProcessEngine()
    extractions = _Extractions(store, engine, fail, skip=set(),   # skip: failed in this run, report once
                               on_extract=on_extract, on_notice=notice)
    summary.rejudged = rejudge_stale(store, settings)
    extractions.submit_pending()          # the newly relevant, even when no input arrives
    for batch in _batches(scored, settings.batch_size):
        articles: list[Scored] = []
        for item in batch:
            if isinstance(item, Skipped):
                summary.skipped += item.count
            elif isinstance(item, Known):
                summary.duplicates += 1
            elif isinstance(item, Notice):
                notice(item)
            elif isinstance(item, IngestFailure):
                fail(item)
            else:
                articles.append(item)
        stored = store.add_articles(articles) if articles else []
        for (article, relevance), is_new in zip(articles, stored):
            if on_stored:
                on_stored(article, is_new)
            if not is_new:
                summary.duplicates += 1
                continue
            summary.ingested += 1
            if not relevance.relevant:
                summary.irrelevant += 1
        if on_progress:
            on_progress(len(batch))
        extractions.submit_pending()
        extractions.collect(wait=False)
    extractions.collect(wait=True)
    summary.extracted = extractions.saved
    if always_merge or summary.ingested or summary.extracted or summary.rejudged.changed:
        refresh_merged(store)
    return summary


@dataclass
class RecordOutcome:
    """One article given as a record, stored (``created``: not a duplicate) and judged."""

    article: Article
    relevance: Relevance
    created: bool
    warnings: list[str] = field(default_factory=list)   # what was given but not used, and why

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.article.id, "created": self.created, "relevant": self.relevance.relevant,
                "relevance_score": self.relevance.score, "relevance_reasons": list(self.relevance.reasons),
                "warnings": list(self.warnings)}


def _unread_published(given: Any, article: Article) -> list[str]:
    """A warning when the record gave a ``published`` that could not be read as a date (an
    empty one is no date given)."""
    if given is None or article.published is not None or (isinstance(given, str) and not given.strip()):
        return []
    from .ingest.failure import shown

    value = shown(given if isinstance(given, str) else json.dumps(given, default=str))
    value = value if len(value) <= 80 else value[:77] + "..."
    return [f"published {value!r} is not a date swapwatch reads (YYYY-MM-DD, an ISO date-time or an "
            "RFC 2822 date such as 'Tue, 05 Dec 2023 10:00:00 GMT'): the article is stored without one"]


_record_lock = threading.Lock()


def ingest_record(store, record: Mapping[str, Any], settings: Settings, *, source: str = "api upload") -> RecordOutcome:
    """One article given as a JSON record (the fields of a JSON Lines input: title, text,
    published, url, outlet, language): the ``ingest`` job for one item, with the same
    assembly (``ingest.records``), relevance, extraction and merge.

    One at a time per process: a merge rebuilds every record. A record that cannot be an
    article is ``InvalidRequest``; a stored article whose extraction fails is a
    ``SwapwatchError`` coded ``extraction_failed``.
    """
    from .ingest.failure import Reject
    from .ingest.records import build_article, pick_meta, record_text

    meta = pick_meta(record)
    try:
        article = build_article(record_text(record), source=source, name=None, meta=meta, settings=settings)
    except Reject as e:
        raise InvalidRequest(f"article rejected: {e.reason}") from e
    warnings = _unread_published(meta.get("published"), article)
    relevance = score_relevance(article, threshold=settings.relevance_threshold)
    if relevance.relevant:
        from .extract.pipeline import text_cut

        warnings += [cut] if (cut := text_cut(article)) else []
    with _record_lock:
        created = store.add_article(article, relevance)
        if created and relevance.relevant:
            failures: list[str] = []
            extract_pending(store, on_failure=lambda f: failures.append(f.reason))
            refresh_merged(store)
            if failures:
                raise SwapwatchError(f"stored, but extraction failed: {failures[0]}", code="extraction_failed")
    return RecordOutcome(article, relevance, created, warnings)


def extract_pending(store, *, on_failure: FailureHook | None = None, skip: set[str] | None = None,
                    engine: Engine | None = None) -> int:
    """Extract every relevant article that has no extraction from the current extractor version.

    Also what makes a re-run finish the work of an interrupted one.
    """
    extractions = _Extractions(store, engine or SingleProcessEngine(), on_failure or (lambda f: None),
                               skip if skip is not None else set())
    extractions.submit_pending()
    extractions.collect(wait=True)
    return extractions.saved


def refresh_merged(store) -> None:
    """Rebuild the merged records from every stored extraction (order-independent), then apply
    the curation log, under the store's merge lock, so two ingests finishing at once cannot
    interleave their rebuilds and a hand correction survives every rebuild."""
    from .merge import merge
    from .merge.curation import apply_curations

    store.rebuild_merged(merge, apply_curations)
