"""How records look in a terminal: Rich tables and panels, every value escaped.

Article-derived text is untrusted: it goes through ``rich.markup.escape`` (or ``Text``)
so a name like ``[bold]x[/bold]`` prints as written.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .model import Exchange, MergedRecords, Person, Side


def exchange_dict(x: Exchange, names: dict[str, str]) -> dict[str, Any]:
    from .export import export_dict

    return export_dict(MergedRecords(exchanges=[x]), names)["exchanges"][0]


def person_dict(p: Person, names: dict[str, str]) -> dict[str, Any]:
    from .export import export_dict

    return export_dict(MergedRecords(persons=[p]), names)["persons"][0]


def party(name: str | None) -> str:
    return name or "unknown party"


def side_line(side: Side) -> str:
    """'Russia -> United States: Ksenia Karelina (1)'."""
    who = ", ".join(side.persons) if side.persons else "unnamed"
    count = f" ({side.count})" if side.count is not None else ""
    return f"{party(side.released_by)} -> {party(side.received_by)}: {who}{count}"


def who_for_whom(x: Exchange) -> str:
    """Every side of an exchange on one line, separated by ' | '."""
    return " | ".join(side_line(side) for side in x.sides) or "no sides recorded"


def exchanges_table(items: Sequence[Exchange]) -> Table:
    table = Table(title=f"{len(items)} exchanges", show_lines=False)
    for col in ("id", "date", "kind", "who for whom", "sources"):
        table.add_column(col, overflow="fold")
    for x in items:
        table.add_row(x.id, x.date or "?", x.kind, Text(who_for_whom(x)), str(len(x.articles)))
    return table


def persons_table(items: Sequence[Person]) -> Table:
    table = Table(title=f"{len(items)} people")
    for col in ("name", "status", "since", "held by", "category", "sentence", "charges"):
        table.add_column(col, overflow="fold")
    for p in items:
        table.add_row(Text(p.name), p.status or "?", p.status_date or "", Text(p.held_by or ""),
                      ", ".join(p.category), Text(p.sentence or ""), Text("; ".join(p.charges)))
    return table


def articles_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} articles")
    for col in ("id", "published", "relevant", "score", "title / source"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["id"], str(r.get("published") or ""), "yes" if r.get("relevant") else "no",
                      f"{r.get('relevance_score') or 0:.2f}", Text(r.get("title") or r.get("name") or r.get("source") or ""))
    return table


def _evidence_lines(console: Console, evidence, names: dict[str, str], limit: int = 12) -> None:
    for ev in sorted(evidence, key=lambda e: (e.field, e.article_id, e.start))[:limit]:
        line = Text(f"  [{ev.field or 'fact'}] ", style="dim")
        line.append(f"{names.get(ev.article_id, ev.article_id)}@{ev.start}: ", style="cyan")
        line.append(ev.sentence[:300])
        console.print(line)
    if len(evidence) > limit:
        console.print(Text(f"  ... {len(evidence) - limit} more (use --json)", style="dim"))


def print_exchange(console: Console, x: Exchange, names: dict[str, str]) -> None:
    console.print(Text(f"{x.id}  {x.date or '?'} ({x.date_precision or '?'})  {x.kind}", style="bold"))
    if x.location:
        place = ", ".join(v for v in (x.location.get("city"), x.location.get("country")) if v)
        console.print(Text(f"place: {place}"))
    if x.mediators:
        console.print(Text("mediators: " + ", ".join(x.mediators)))
    if x.total is not None:
        console.print(Text(f"total: {x.total}"))
    for side in x.sides:
        console.print(Text(f"side: {side_line(side)}"))
    for c in x.conflicts:
        vals = "; ".join(f"{v['value']} ({', '.join(names.get(a, a) for a in v['articles'])})" for v in c.values)
        console.print(Text(f"conflict on {c.field}: {vals}", style="yellow"))
    console.print(Text("sources: " + ", ".join(sorted(names.get(a, a) for a in x.articles))))
    console.print(Text("evidence:", style="bold"))
    _evidence_lines(console, x.evidence + [e for s in x.sides for e in s.evidence], names)


def print_person(console: Console, p: Person, names: dict[str, str]) -> None:
    console.print(Text(f"{p.name}  [{p.status or '?'}{' since ' + p.status_date if p.status_date else ''}]", style="bold"))
    for label, value in (("also spelled", ", ".join(p.aliases)), ("held by", p.held_by),
                         ("nationality", ", ".join(p.nationality)), ("category", ", ".join(p.category)),
                         ("role", p.role), ("charges", "; ".join(p.charges)), ("sentence", p.sentence)):
        if value:
            console.print(Text(f"{label}: {value}"))
    for h in p.history:
        console.print(Text(f"  {h.date or '?'}: {h.status} ({names.get(h.article_id, h.article_id)})", style="dim"))
    for c in p.conflicts:
        vals = "; ".join(f"{v['value']} ({', '.join(names.get(a, a) for a in v['articles'])})" for v in c.values)
        console.print(Text(f"conflict on {c.field}: {vals}", style="yellow"))
    console.print(Text("evidence:", style="bold"))
    _evidence_lines(console, p.evidence, names)


def summary_line(summary) -> str:
    s = summary.to_dict()
    return (f"ingested {s['ingested']}, duplicates {s['duplicates']}, irrelevant {s['irrelevant']}, "
            f"extracted {s['extracted']}, failed {s['failed']}")


@contextmanager
def progress(paths: Sequence[Path], *, enabled: bool, console: Console) -> Iterator[Callable[[int], None]]:
    """A progress bar over inputs when writing to a terminal; a no-op otherwise."""
    if not enabled:
        yield lambda n: None
        return
    from .ingest.readers import count_inputs

    total = count_inputs(paths)
    columns = [TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        yield lambda n: bar.advance(task, n)
