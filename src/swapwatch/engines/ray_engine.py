"""The Ray engine: reading, relevance and extraction spread over N worker actors.

The driver (the process that called ``service.ingest``) lists the inputs, keeps the one
store connection that writes, and schedules: it hands each actor at most ``queue_depth``
tasks at a time, reads before extraction (reads are cheap and are what produce
extraction work), and takes read results back strictly in input order, so the store sees
exactly the sequence the single-process engine gives it. JSON Lines streams are split
into line chunks in the driver (decoding a line costs less than shipping it twice); every
other file is read on a worker. Paths must therefore be readable on the worker nodes too.

An actor that dies (a segfault or an out-of-memory kill on one hostile input) is replaced,
and the work it held is retried one item at a time, so only the item that kills a worker
is lost, and reported like any other failure.
"""
from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..ingest.discover import discover
from ..ingest.readers import IngestFailure, RunBudget, read_paths
from ..model import Article
from ..service import BatchOutcome, Scored
from ..settings import Settings
from .worker import THREAD_ENV, ExtractFn, IngestWorker

READ_CHUNK = 32                 # files per read task
SCORE_CHUNK = 500               # JSON Lines articles per relevance task
LOCAL_OBJECT_STORE = 512 * 1024 * 1024


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'swapwatch[ray]'") from None
    return ray


@dataclass
class _Unit:
    """One piece of reading: files for a worker to read, or JSON Lines articles to judge."""

    kind: str                                   # "read" | "score"
    payload: list[Any]                          # paths, or Article | IngestFailure items
    results: list[Scored | IngestFailure] | None = None
    parts: list["_Unit"] = field(default_factory=list)   # after a crash: one unit per item

    @property
    def done(self) -> bool:
        if self.parts:
            return all(p.done for p in self.parts)
        return self.results is not None

    def output(self) -> list[Scored | IngestFailure]:
        if self.parts:
            return [item for p in self.parts for item in p.output()]
        return self.results or []

    def take(self, value: list[Any]) -> None:
        if self.kind == "read":
            self.results = value
        else:
            self.results = [item if relevance is None else (item, relevance)
                            for item, relevance in zip(self.payload, value)]

    def lost(self, reason: str) -> None:
        """The worker died on this unit: retry each item alone, or give the one item up."""
        if len(self.payload) > 1:
            self.parts = [_Unit(self.kind, [item]) for item in self.payload]
            return
        item = self.payload[0]
        if self.kind == "read":
            self.results = [IngestFailure(str(item), f"a worker died reading this input ({reason})")]
        elif isinstance(item, IngestFailure):
            self.results = [item]
        else:
            self.results = [IngestFailure(item.source or item.name or item.id,
                                          f"a worker died judging relevance ({reason})")]


@dataclass
class _Job:
    """Work for one actor call: a read unit, or an extraction batch."""

    unit: _Unit | None = None
    articles: list[Article] | None = None
    suspect: bool = False       # was on a worker that died: runs alone, so a second death names it


@dataclass
class _Task:
    slot: int
    actor: Any
    job: _Job


@dataclass
class RayStats:
    """Where the time went, for benchmarks/scale.py."""

    startup_s: float = 0.0          # cluster start (when local) and model load on every worker
    worker_busy_s: list[float] = field(default_factory=list)    # wall seconds inside tasks, per worker
    worker_cpu_s: list[float] = field(default_factory=list)     # CPU seconds inside tasks, per worker
    driver_wait_s: float = 0.0      # the driver blocked waiting for a worker
    tasks: int = 0
    workers_lost: int = 0


class RayEngine:
    """``service.Engine`` on a Ray cluster: a local one (``num_cpus=workers``) or ``address``."""

    def __init__(self, workers: int | None = None, address: str | None = None, *,
                 extract_fn: ExtractFn | None = None, queue_depth: int = 2,
                 read_chunk: int = READ_CHUNK, score_chunk: int = SCORE_CHUNK):
        ray = self._ray = _import_ray()
        start = time.perf_counter()
        self._owns_cluster = False
        if not ray.is_initialized():
            try:
                if address:
                    ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
                else:
                    ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False,
                             log_to_driver=False, logging_level=logging.ERROR,
                             object_store_memory=LOCAL_OBJECT_STORE)
            except (ConnectionError, RuntimeError, ValueError) as e:
                raise ConfigError(f"cannot start or reach the Ray cluster{' at ' + address if address else ''}: {e}") from e
            self._owns_cluster = True
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self._actor_class = ray.remote(num_cpus=1, max_restarts=0)(IngestWorker).options(
            runtime_env={"env_vars": THREAD_ENV})
        self._extract_fn = extract_fn
        self._read_settings: Settings        # set by scored(): read tasks carry it
        self._queue_depth = queue_depth
        self._read_chunk, self._score_chunk = read_chunk, score_chunk
        self._actors = [self._new_actor() for _ in range(count)]
        self._load = [0] * count                      # tasks handed to each actor, not yet back
        self._tasks: dict[Any, _Task] = {}
        self._reads: deque[_Unit] = deque()           # read units waiting for a worker
        self._extracts: deque[list[Article]] = deque()
        self._retries: deque[_Job] = deque()          # items of a job that raised, one by one
        self._suspects: deque[_Job] = deque()         # jobs that were on a worker that died
        self._alone: set[int] = set()                 # slots running a suspect job alone
        self._done: deque[BatchOutcome] = deque()
        self.stats = RayStats(worker_busy_s=[0.0] * count, worker_cpu_s=[0.0] * count)
        try:
            ray.get([a.warm.remote() for a in self._actors])
        except Exception:
            self.close()
            raise
        self.stats.startup_s = time.perf_counter() - start

    @property
    def workers(self) -> int:
        return len(self._actors)

    # -- the Engine interface ---------------------------------------------------------

    def scored(self, paths: Iterable[str | Path], settings: Settings) -> Iterator[Scored | IngestFailure]:
        self._read_settings = settings
        units = self._units(paths, settings)
        window: deque[_Unit] = deque()                # handed out, taken back in this order
        ahead = 2 * len(self._actors) + 2
        exhausted = False
        while True:
            while not exhausted and len(window) < ahead:
                unit = next(units, None)
                if unit is None:
                    exhausted = True
                    break
                window.append(unit)
                self._reads.append(unit)
            self._dispatch()
            if not window:
                return
            while not window[0].done:
                self._step(block=True)
            yield from window.popleft().output()

    def submit(self, batch: list[Article]) -> None:
        self._extracts.append(batch)
        self._dispatch()

    def finished(self, *, wait: bool) -> Iterator[BatchOutcome]:
        self._step(block=False)
        while wait and (self._extracts or self._retries or self._suspects or self._tasks):
            self._step(block=True)
        while self._done:
            yield self._done.popleft()

    def close(self) -> None:
        ray = self._ray
        for actor in self._actors:
            try:
                ray.kill(actor)
            except Exception:   # noqa: BLE001 -- already gone
                pass
        self._actors, self._tasks = [], {}
        if self._owns_cluster and ray.is_initialized():
            ray.shutdown()
            self._owns_cluster = False

    def __enter__(self) -> "RayEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- scheduling -------------------------------------------------------------------

    def _new_actor(self) -> Any:
        return self._actor_class.remote(self._extract_fn)

    def _units(self, paths: Iterable[str | Path], settings: Settings) -> Iterator[_Unit]:
        """Inputs in discovery order: files in groups for the workers, JSON Lines in article chunks."""
        files: list[str] = []
        budget = RunBudget(settings)          # what all gzip inputs may decompress to, together
        for item in discover(paths):
            if item.kind != "jsonl":
                files.append(str(item.path))
                if len(files) >= self._read_chunk:
                    yield _Unit("read", files)
                    files = []
                continue
            if files:
                yield _Unit("read", files)
                files = []
            chunk: list[Article | IngestFailure] = []
            for article in read_paths([item.path], settings, budget):
                chunk.append(article)
                if len(chunk) >= self._score_chunk:
                    yield _Unit("score", chunk)
                    chunk = []
            if chunk:
                yield _Unit("score", chunk)
        if files:
            yield _Unit("read", files)

    def _dispatch(self) -> None:
        """Give every actor work up to ``queue_depth`` tasks: pending reads first, then extraction.

        A suspect job (it was on a worker that died) waits for an idle actor and has it alone,
        so that if the worker dies again, the job is certainly the cause.
        """
        slots = sorted(range(len(self._actors)), key=lambda s: self._load[s])
        if self._suspects:
            reserved = slots.pop(0)                   # gets no new work until it is idle
            if self._load[reserved] == 0:
                self._send(reserved, self._suspects.popleft())
        for slot in slots:
            while self._load[slot] < self._queue_depth and slot not in self._alone:
                job = self._next_job()
                if job is None:
                    return
                self._send(slot, job)

    def _next_job(self) -> _Job | None:
        if self._retries:
            return self._retries.popleft()
        if self._reads:
            return _Job(unit=self._reads.popleft())
        return _Job(articles=self._extracts.popleft()) if self._extracts else None

    def _send(self, slot: int, job: _Job) -> None:
        actor = self._actors[slot]
        if job.unit is not None and job.unit.kind == "read":
            ref = actor.read.remote(job.unit.payload, self._read_settings)
        elif job.unit is not None:
            ref = actor.score.remote(job.unit.payload, self._read_settings.relevance_threshold)
        else:
            ref = actor.extract.remote(job.articles)
        self._tasks[ref] = _Task(slot, actor, job)
        self._load[slot] += 1
        if job.suspect:
            self._alone.add(slot)
        self.stats.tasks += 1

    def _step(self, *, block: bool) -> None:
        """Take back every finished task (waiting for one when ``block``), then hand out more."""
        ray = self._ray
        self._dispatch()
        if not self._tasks:
            if block:
                raise RuntimeError("ray engine: waiting with nothing handed out (a scheduling bug)")
            return
        start = time.perf_counter()
        ready, _ = ray.wait(list(self._tasks), num_returns=1, timeout=None if block else 0)
        if block:
            self.stats.driver_wait_s += time.perf_counter() - start
            more, _ = ray.wait(list(self._tasks), num_returns=len(self._tasks), timeout=0)
            ready = list(dict.fromkeys([*ready, *more]))
        for ref in ready:
            task = self._tasks.pop(ref, None)
            if task is not None:                      # None: dropped with a worker that died
                self._finish(ref, task)
        self._dispatch()

    def _finish(self, ref: Any, task: _Task) -> None:
        ray = self._ray
        self._load[task.slot] -= 1
        self._alone.discard(task.slot)
        try:
            value, busy, cpu = ray.get(ref)
        except ray.exceptions.RayActorError as e:
            self._worker_died(task, e)
            return
        except ray.exceptions.RayError as e:          # the call raised (the worker code never does)
            self._give_up_or_split(task.job, e)
            return
        self.stats.worker_busy_s[task.slot] += busy
        self.stats.worker_cpu_s[task.slot] += cpu
        if task.job.unit is not None:
            task.job.unit.take(value)
        else:
            self._done.append(value)

    def _worker_died(self, task: _Task, error: Exception) -> None:
        """Replace the actor; its one job is the cause, or each of its jobs becomes a suspect."""
        on_it = [task] + [t for t in self._tasks.values() if t.actor is task.actor]
        self._tasks = {ref: t for ref, t in self._tasks.items() if t.actor is not task.actor}
        if self._actors[task.slot] is task.actor:
            self.stats.workers_lost += 1
            try:
                self._ray.kill(task.actor)
            except Exception:   # noqa: BLE001 -- already gone
                pass
            self._actors[task.slot] = self._new_actor()
        self._load[task.slot] = 0
        self._alone.discard(task.slot)
        if len(on_it) == 1:
            self._give_up_or_split(task.job, error, suspect=True)
            return
        for other in on_it:
            self._suspects.append(_Job(other.job.unit, other.job.articles, suspect=True))

    def _give_up_or_split(self, job: _Job, error: Exception, *, suspect: bool = False) -> None:
        """A job that certainly failed: retry its items one by one, or report its only item."""
        cause = getattr(error, "cause", None)
        reason = f"{type(cause).__name__}: {cause}" if cause is not None else type(error).__name__
        if job.unit is not None:
            job.unit.lost(reason)
            retries = [_Job(unit=part, suspect=suspect) for part in job.unit.parts]
        else:
            articles = job.articles or []
            retries = [_Job(articles=[a], suspect=suspect) for a in articles] if len(articles) > 1 else []
        if suspect:
            self._suspects.extend(retries)
        else:
            self._retries.extend(retries)
        if job.unit is not None or retries:
            return
        if articles:
            self._done.append(BatchOutcome(failures=[(articles[0], f"extraction failed in a worker ({reason})")]))
