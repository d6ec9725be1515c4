"""What one Ray worker does: read and judge inputs, extract batches, the model loaded once.

A plain class (no Ray import here): ``ray_engine`` turns it into an actor, so each worker
process loads spaCy once and keeps it for every batch it is given.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..ingest.readers import IngestFailure, read_paths
from ..model import Article, Relevance
from ..relevance import relevance_of
from ..service import BatchOutcome, Scored, extract_safely, score_items
from ..settings import Settings

ExtractFn = Callable[[list[Article]], BatchOutcome]

# One thread per worker: Ray runs one worker per CPU, and BLAS/OpenMP pools on top of that
# only fight each other for the same cores.
THREAD_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "BLIS_NUM_THREADS": "1", "VECLIB_MAXIMUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1"}

Timed = tuple[Any, float, float]   # a result, the wall seconds and the CPU seconds it took


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


class IngestWorker:
    """The work of one Ray actor; every method returns its result and the time it took."""

    def __init__(self, extract_fn: ExtractFn | None = None):
        self._extract = extract_fn or extract_safely

    def warm(self) -> Timed:
        """Load the model and the gazetteer now, so the first batch is not the slow one."""
        start = _clock()
        from ..extract.gazetteer import get_gazetteer
        from ..extract.nlp import load_nlp

        load_nlp()
        get_gazetteer()
        return (None, *_since(start))

    def read(self, paths: list[str], settings: Settings) -> Timed:
        """Each path read (as the driver's discover found it) and each article judged, in order."""
        start = _clock()
        out: list[Scored | IngestFailure] = []
        for path in paths:
            out.extend(score_items(read_paths([path], settings), settings.relevance_threshold))
        return (out, *_since(start))

    def score(self, items: list[Article | IngestFailure], threshold: float) -> Timed:
        """Relevance for each article (None for a failure), in order; the articles stay with the driver."""
        start = _clock()
        out: list[Relevance | None] = [None if isinstance(item, IngestFailure)
                                       else relevance_of(item, threshold=threshold) for item in items]
        return (out, *_since(start))

    def extract(self, articles: list[Article]) -> Timed:
        start = _clock()
        return (self._extract(articles), *_since(start))
