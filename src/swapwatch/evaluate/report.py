"""What ``swapwatch eval`` prints: score.py's report for one corpus, a table for several."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import EvalResult, mean_score
from .labels import format_relevance
from .scoring import format_report


def _relevance(key: str) -> Any:
    return lambda r: None if r.relevance is None else r.relevance[key]


# (header, how to read the figure from a result); None where the corpus has nothing to check
COLUMNS: tuple[tuple[str, Any], ...] = (
    ("score", lambda r: r.metrics["score"]),
    ("exch_F1", lambda r: r.metrics["exchanges"]["f1"]),
    ("person_F1", lambda r: r.metrics["released_persons"]["f1"]),
    ("counts", lambda r: r.metrics["counts"]["accuracy"]),
    ("dates", lambda r: r.metrics["dates"]["accuracy"]),
    ("status", lambda r: r.metrics["person_status"]["accuracy"]),
    ("rel_P", _relevance("precision")),
    ("rel_R", _relevance("recall")),
    ("rel_F1", _relevance("f1")),
)


def report_text(results: Sequence[EvalResult]) -> str:
    """One corpus: score.py's report, unchanged, then the relevance line. Several: a table."""
    if len(results) == 1:
        return format_report(results[0].metrics) + "\n" + format_relevance(results[0].relevance)
    return format_table(results)


def report_json(results: Sequence[EvalResult]) -> dict[str, Any]:
    """One corpus: score.py's --json object with a ``relevance`` key beside its own.
    Several: ``{"corpora": [{"corpus", "metrics", "relevance"}], "mean_score"}``."""
    if len(results) == 1:
        return {**results[0].metrics, "relevance": results[0].relevance}
    return {"corpora": [{"corpus": r.corpus, "metrics": r.metrics, "relevance": r.relevance} for r in results],
            "mean_score": mean_score(results)}


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def format_table(results: Sequence[EvalResult]) -> str:
    """A row per corpus and a last row with the mean of each figure over the corpora that have
    it (an accuracy with nothing to check, or relevance without labels.json, is left out). The
    false detainees column is a count, and the last row gives their total: any one is too many."""
    def cell(value: float | None, width: int) -> str:
        return f"{'-' if value is None else f'{value:.3f}':>{width}}"

    names = [r.name for r in results]
    width = max(len("corpus"), len("mean"), *(len(n) for n in names))
    headers = [h for h, _ in COLUMNS]
    header = f"{'corpus':<{width}}" + "".join(f"  {h:>9}" for h in headers) + f"  {'false_det':>9}"
    lines = [header, "-" * len(header)]
    rows = [[get(r) for _, get in COLUMNS] for r in results]
    for name, r, row in zip(names, results, rows):
        lines.append(f"{name:<{width}}" + "".join(f"  {cell(v, 9)}" for v in row)
                     + f"  {len(r.metrics['false_detainees']):>9}")
    means = [_mean([row[i] for row in rows]) for i in range(len(COLUMNS))]
    lines.append("-" * len(header))
    lines.append(f"{'mean':<{width}}" + "".join(f"  {cell(v, 9)}" for v in means)
                 + f"  {sum(len(r.metrics['false_detainees']) for r in results):>9}")
    return "\n".join(lines)
