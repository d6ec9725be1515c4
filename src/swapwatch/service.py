"""The main job: files -> stored articles -> extractions -> merged records.

The CLI, the demo and the eval command all call ``ingest``; it never stops on one bad
input: every failure is counted and reported, and the rest goes on.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ingest.readers import IngestFailure, read_paths
from .model import Article, ArticleExtraction, Relevance
from .relevance import score_relevance
from .settings import Settings

EXTRACT_BATCH = 16                            # articles parsed together (spaCy's nlp.pipe)
ProgressHook = Callable[[int], None]          # called with the number of inputs just handled
FailureHook = Callable[[IngestFailure], None]


@dataclass
class IngestSummary:
    ingested: int = 0          # new articles stored
    duplicates: int = 0        # already stored (same normalised text)
    irrelevant: int = 0        # new articles judged not relevant (stored, not parsed)
    extracted: int = 0         # articles run through the extractor
    failed: int = 0
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicates + self.failed

    def to_dict(self) -> dict[str, int]:
        return {"ingested": self.ingested, "duplicates": self.duplicates, "irrelevant": self.irrelevant,
                "extracted": self.extracted, "failed": self.failed}


def _batches(items: Iterable[Article | IngestFailure], size: int) -> Iterator[list[Article | IngestFailure]]:
    batch: list[Article | IngestFailure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_batch(articles: list[Article]) -> list[ArticleExtraction]:
    from .extract.pipeline import extract_articles  # heavy: spaCy loads on first use only

    return list(extract_articles(articles))


def _extract_one(article: Article) -> ArticleExtraction:
    from .extract.pipeline import extract_article

    return extract_article(article)


def ingest(store, paths: Iterable[str | Path], settings: Settings, *,
           on_progress: ProgressHook | None = None,
           on_failure: FailureHook | None = None) -> IngestSummary:
    """Read every input under ``paths``, store new articles, extract the relevant ones, re-merge."""
    summary = IngestSummary()

    def fail(failure: IngestFailure) -> None:
        summary.failed += 1
        summary.failures.append(failure)
        if on_failure:
            on_failure(failure)

    given_up: set[str] = set()   # articles whose extraction failed in this run: report once
    for batch in _batches(read_paths(paths, settings), settings.batch_size):
        articles: list[tuple[Article, Relevance]] = []
        for item in batch:
            if isinstance(item, IngestFailure):
                fail(item)
            else:
                articles.append((item, score_relevance(item, threshold=settings.relevance_threshold)))
        stored = store.add_articles(articles) if articles else []
        for (article, relevance), is_new in zip(articles, stored):
            if not is_new:
                summary.duplicates += 1
                continue
            summary.ingested += 1
            if not relevance.relevant:
                summary.irrelevant += 1
        if on_progress:
            on_progress(len(batch))
        summary.extracted += extract_pending(store, on_failure=fail, skip=given_up)
    refresh_merged(store)
    return summary


def extract_pending(store, *, on_failure: FailureHook | None = None, skip: set[str] | None = None) -> int:
    """Extract every relevant article that has no extraction from the current extractor version.

    Also what makes a re-run finish the work of an interrupted one.
    """
    from .extract.pipeline import EXTRACTOR_VERSION

    skip = skip if skip is not None else set()
    pending = [i for i in store.pending_extraction_ids(EXTRACTOR_VERSION) if i not in skip]
    done = 0
    for start in range(0, len(pending), EXTRACT_BATCH):
        articles = [a for a in (store.article(i) for i in pending[start:start + EXTRACT_BATCH]) if a is not None]
        try:
            extractions = _extract_batch(articles)
        except Exception:
            extractions = []          # find the article that failed: one at a time
            for article in articles:
                try:
                    extractions.append(_extract_one(article))
                except Exception as e:  # one article must never stop the run
                    skip.add(article.id)
                    if on_failure:
                        where = article.source or article.name or article.id
                        on_failure(IngestFailure(where, f"extraction failed: {type(e).__name__}: {e}"))
        for extraction in extractions:
            store.save_extraction(extraction)
            done += 1
    return done


def refresh_merged(store) -> None:
    """Rebuild the merged records from every stored extraction (order-independent)."""
    from .merge import merge

    store.replace_merged(merge(store.extractions(), store.published_dates()))
