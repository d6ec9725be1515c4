"""A large web archive read in a second process while this one judges and stores its pages.

Why: a web archive's page costs ~0.7 ms more to read than a JSON line (finding the record,
decompressing it, checking and parsing the HTML: see benchmarks/README.md), work that has
to be done before the page can be judged and that no reader can skip. On a machine with a
spare core that work overlaps with judging and storing: ``warc.read_pages`` runs in a child
process and hands its ``Page``s (and failure lines) over in batches through a pipe, whose
buffer bounds what waits in memory; this process judges them (``warc.judge_pages``), as
``read_warc`` does in one process: the same results in the same order.

The child is started with ``spawn``: it inherits no database connection, thread or lock of
this process, only the path, the settings and what the run's gzip inputs have decompressed so
far; it gives back what it decompressed, so the per-run cap holds across files. Whatever
ends the reading (a Reject, running out of memory, a bug) comes back as what it was and is
reported for the file, as when the archive is read in this process. When the consumer stops
early (Ctrl-C, an error while storing), the child is ended with it.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..settings import Settings
from .failure import Reject
from .formats import Result, RunBudget

_BATCH_ITEMS = 32                  # results per message: amortises the pipe, bounds what is held
_BATCH_CHARS = 4 * 1024 * 1024     # ... and no more characters of markup than this per message


def worth_reading_ahead(path: Path, settings: Settings) -> bool:
    """Whether ``path`` is large enough, and the machine has a core to spare, for a second process."""
    if settings.read_ahead_bytes <= 0 or (os.cpu_count() or 1) < 2:
        return False
    try:
        return path.stat().st_size >= settings.read_ahead_bytes
    except OSError:
        return False      # the reader in this process reports it


def _child(conn: Any, path: str, settings: Settings, used: int) -> None:
    """Run in the child: every result of ``read_pages`` sent in batches, then how it ended."""
    from .warc import read_pages

    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C reaches the whole group: the parent ends the child

    budget = RunBudget(settings)
    budget.used = used
    batch: list[Result] = []
    chars = 0
    try:
        try:
            for item in read_pages(Path(path), settings, budget):
                batch.append(item)
                chars += len(getattr(item, "markup", ""))
                if len(batch) >= _BATCH_ITEMS or chars >= _BATCH_CHARS:
                    conn.send(("items", batch))
                    batch, chars = [], 0
            ending: tuple[Any, ...] = ("done",)
        except Reject as e:
            ending = ("reject", e.reason)
        except MemoryError:
            ending = ("memory",)    # what was read before it is still sent, if the pipe takes it
        except Exception as e:      # noqa: BLE001 -- told to the parent, which reports it for the file
            ending = ("error", f"{type(e).__name__}: {e}")
        if batch:
            conn.send(("items", batch))
        conn.send((*ending, budget.used))
    except (BrokenPipeError, EOFError, OSError):
        pass        # the parent stopped listening: nothing to tell
    finally:
        conn.close()


def read_warc_ahead(path: Path, settings: Settings, budget: RunBudget) -> Iterator[Result]:
    """``read_warc(path, settings, budget)``, its pages read in a child process."""
    from .warc import judge_pages

    return judge_pages(_pages_from_child(path, settings, budget), settings)


def _pages_from_child(path: Path, settings: Settings, budget: RunBudget) -> Iterator[Any]:
    """``read_pages(path, settings, budget)``, run in a child process.

    Raises what ``read_pages`` would have raised (a Reject, MemoryError), after yielding every
    result read before it; a bug in the child comes back as a Reject whose reason is the line
    ``readers.guarded`` writes for a bug in this process."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, str(path), settings, budget.used),
                            name="swapwatch-warc-reader", daemon=True)
    child.start()
    sender.close()          # the child holds the only sending end: its exit ends recv() with EOFError
    try:
        while True:
            try:
                kind, *rest = receiver.recv()
            except EOFError:
                child.join()
                raise Reject(f"the reading process ended (exit code {child.exitcode}) before the end "
                             "of the archive; the records before it were read") from None
            if kind == "items":
                yield from rest[0]
                continue
            budget.used = rest[-1]
            if kind == "reject":
                raise Reject(rest[0])
            if kind == "memory":
                raise MemoryError()
            if kind == "error":
                raise Reject(f"unexpected error: {rest[0]}")
            return
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():        # the consumer stopped early: the child may be blocked sending
            child.terminate()
            child.join()
