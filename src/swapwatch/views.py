"""How records look in a terminal: Rich tables and panels, every value escaped.

Every function takes the records of ``swapwatch.read`` (what ``--json`` prints), so a table
shows the same records, in the same order, as the JSON, the API and the pages.

Article-derived text is untrusted: it goes through ``rich.markup.escape`` (or ``Text``)
so a name like ``[bold]x[/bold]`` prints as written. Articles are cited by their id
everywhere (the id ``swapwatch articles`` lists and ``swapwatch article ID`` opens).
Tables wrap at word boundaries: ids, dates and choices keep one line; words are kept
whole (``_words`` turns ``hostage_prisoner_exchange`` into three).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Column, Table
from rich.text import Text

from .read.shape import side_line


def _words(value: str | None) -> Text:
    """A choice such as ``unilateral_release`` as words a table can wrap between."""
    return Text((value or "").replace("_", " "))


class WordTable(Table):
    """A table that wraps between words, never inside one, where the width allows.

    Rich narrows the widest columns first, splitting words (``businessperson``). Here every
    column gets at least its longest word and the rest of the width goes where text is
    longest; when even that does not fit, the table drops its edges and padding; a word
    wider than everything left is the only thing ever folded.
    """

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        def plain(cell: Any) -> str:
            return cell.plain if isinstance(cell, Text) else str(cell)

        def texts(column: Column) -> list[str]:
            return [column.header if isinstance(column.header, str) else "", *map(plain, column._cells)]

        longest = [max((len(w) for t in texts(c) for w in t.split()), default=1) for c in self.columns]
        natural = [max((len(t) for t in texts(c)), default=1) for c in self.columns]
        lean = dict(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 0))
        for style in (None, lean):
            if style:
                for key, value in style.items():
                    setattr(self, key, value)
            overhead = self._extra_width + sum(self._padding_width(i) for i in range(len(self.columns)))
            room = options.max_width - overhead
            if sum(natural) <= room:
                break
            if sum(longest) <= room:
                spare = room - sum(longest)
                wants = [n - m for n, m in zip(natural, longest)]
                total = sum(wants) or 1
                widths = [m + spare * w // total for m, w in zip(longest, wants)]
                for column, width in zip(self.columns, widths):
                    column.width = width
                break
        yield from super().__rich_console__(console, options)

    def _padding_width(self, index: int) -> int:
        top, right, bottom, left = self.padding
        if not self.pad_edge:
            left = 0 if index == 0 else left
            right = 0 if index == len(self.columns) - 1 else right
        return left + right


def _table(title: str, columns: Sequence[tuple[str, bool]]) -> Table:
    """A table whose (name, one_line) columns wrap at word boundaries; one-line columns never wrap."""
    table = WordTable(title=title)
    for name, one_line in columns:
        table.add_column(name, no_wrap=one_line, overflow="fold")    # fold: only a word wider than its column
    return table


def exchanges_table(items: Sequence[dict[str, Any]], title: str | None = None) -> Table:
    table = _table(title or f"{len(items)} exchanges",
                   (("id", True), ("date", True), ("kind", False), ("who for whom", False), ("sources", True)))
    for x in items:
        table.add_row(x["id"], x["date"] or "?", _words(x["kind"]), Text(x["who_for_whom"]), str(x["article_count"]))
    return table


def persons_table(items: Sequence[dict[str, Any]], title: str | None = None) -> Table:
    table = _table(title or f"{len(items)} people",
                   (("name", False), ("status", False), ("since", True), ("held by", False),
                    ("category", False), ("sentence", False), ("charges", False)))
    for p in items:
        table.add_row(Text(p["name"]), _words(p["status"] or "?"), p["since"] or p["status_date"] or "",
                      Text(p["held_by"] or ""), ", ".join(p["category"]), Text(p["sentence"] or ""),
                      Text("; ".join(p["charges"])))
    return table


def held_table(result: dict[str, Any]) -> Table:
    """``read.still_held``: everyone detained, by holder, since when and how old the latest report is."""
    more = " (more: use --limit)" if result["truncated"] else ""
    table = _table(f"{result['total']} people still held{more}",
                   (("held by", False), ("name", False), ("since", True), ("last report", True), ("category", False)))
    for group in result["holders"]:
        for p in group["persons"]:
            days = p.get("days_since_report")
            table.add_row(Text(group["holder"] or "not stated"), Text(p["name"]), p["since"] or "",
                          "" if days is None else f"{days} days ago", ", ".join(p["category"]))
    return table


def articles_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = _table(f"{len(rows)} articles", (("id", True), ("published", True), ("relevant", True), ("score", True),
                                             ("title / source", False)))
    for r in rows:
        table.add_row(r["id"], str(r.get("published") or ""), "yes" if r.get("relevant") else "no",
                      f"{r.get('relevance_score') or 0:.2f}", Text(r.get("title") or r.get("name") or r.get("source") or ""))
    return table


def _evidence_lines(console: Console, evidence: Sequence[dict[str, Any]], limit: int = 12) -> None:
    """Evidence cited as ``ARTICLE_ID@start`` (``swapwatch article ARTICLE_ID`` opens it)."""
    for ev in sorted(evidence, key=lambda e: (e["field"] or "", e["article"]["id"], e["start"]))[:limit]:
        line = Text(f"  [{ev['field'] or 'fact'}] ", style="dim")
        line.append(f"{ev['article']['id']}@{ev['start']}: ", style="cyan")
        line.append((ev["sentence"] or "")[:300])
        console.print(line)
    if len(evidence) > limit:
        console.print(Text(f"  ... {len(evidence) - limit} more (use --json)", style="dim"))


def _conflict_lines(console: Console, conflicts: Sequence[dict[str, Any]]) -> None:
    for c in conflicts:
        vals = "; ".join(f"{v['value']} ({', '.join(a['id'] for a in v['articles'])})" for v in c["values"])
        console.print(Text(f"conflict on {c['field']}: {vals}", style="yellow"))


def print_exchange(console: Console, x: dict[str, Any]) -> None:
    """One exchange (``read.get_exchange``)."""
    console.print(Text(f"{x['id']}  {x['date'] or '?'} ({x['date_precision'] or '?'})  {x['kind']}", style="bold"))
    if x["place"]:
        console.print(Text(f"place: {x['place']}"))
    if x["mediators"]:
        console.print(Text("mediators: " + ", ".join(x["mediators"])))
    if x["total"] is not None:
        console.print(Text(f"total: {x['total']}"))
    for side in x["sides"]:
        console.print(Text(f"side: {side_line(side)}"))
    _conflict_lines(console, x["conflicts"])
    console.print(Text("sources: " + ", ".join(sorted(a["id"] for a in x["articles"]))))
    console.print(Text("evidence:", style="bold"))
    _evidence_lines(console, x["evidence"] + [e for s in x["sides"] for e in s["evidence"]])


def print_person(console: Console, p: dict[str, Any]) -> None:
    """One person (``read.get_person``)."""
    since = p["since"] or p["status_date"]
    console.print(Text(f"{p['name']}  [{p['status'] or '?'}{' since ' + since if since else ''}]", style="bold"))
    for label, value in (("also spelled", ", ".join(p["aliases"])), ("held by", p["held_by"]),
                         ("nationality", ", ".join(p["nationality"])), ("category", ", ".join(p["category"])),
                         ("role", p["role"]), ("charges", "; ".join(p["charges"])), ("sentence", p["sentence"])):
        if value:
            console.print(Text(f"{label}: {value}"))
    for h in p["history"]:
        console.print(Text(f"  {h['date'] or '?'}: {h['status']} ({h['article']['id']})", style="dim"))
    for x in p["exchanges"]:
        console.print(Text(f"exchange: {x['id']}  {x['title']}"))
    _conflict_lines(console, p["conflicts"])
    console.print(Text("evidence:", style="bold"))
    _evidence_lines(console, p["evidence"])


def print_search(console: Console, found: dict[str, Any]) -> None:
    """``read.search``: people, exchanges and articles matching the words."""
    console.print(persons_table(found["persons"], title=f"{len(found['persons'])} people"))
    console.print(exchanges_table(found["exchanges"]))
    table = _table(f"{len(found['articles'])} articles", (("id", True), ("title / snippet", False)))
    for a in found["articles"]:
        table.add_row(a["id"], Text(f"{a['title'] or a['name'] or ''}: {a['snippet']}"))
    console.print(table)


def print_stats(console: Console, stats: dict[str, Any]) -> None:
    """``read.stats``: the counts and the people released per receiving country."""
    console.print(Text(", ".join(f"{k} {v}" for k, v in stats["counts"].items())))
    table = _table("people released, by receiving country", (("country", False), ("people", True)))
    for row in stats["released_per_country"]:
        table.add_row(Text(row["country"] or "not stated"), str(row["people"]))
    console.print(table)


def print_article(console: Console, a: dict[str, Any]) -> None:
    """One article (``read.get_article``'s record): metadata, relevance decision, the
    sentences used as evidence, then the text. All of it is untrusted: printed as Text,
    so markup in it shows as written and is never interpreted."""
    console.print(Text(a["title"] or a["name"] or a["id"], style="bold"))
    for label, value in (("id", a["id"]), ("name", a["name"]), ("url", a["url"]), ("outlet", a["outlet"]),
                         ("published", a["published"]), ("ingested", a["ingested_at"]),
                         ("characters", a["chars"])):
        if value not in (None, ""):
            console.print(Text(f"{label}: {value}"))
    decision = "relevant" if a["relevant"] else "not relevant"
    reasons = "; ".join(a["relevance_reasons"])
    console.print(Text(f"relevance: {decision} (score {a['relevance_score'] or 0:.2f})"
                       + (f": {reasons}" if reasons else "")))
    if a["used"]:
        console.print(Text(f"used as evidence ({len(a['used'])}):", style="bold"))
        for u in a["used"][:20]:
            line = Text(f"  [{u['field'] or 'fact'}] ", style="dim")
            who = u["record_name"] if u["record_type"] == "person" and u["record_name"] else u["record_id"]
            line.append(f"{who} @{u['start']}", style="cyan")
            console.print(line)
        if len(a["used"]) > 20:
            console.print(Text(f"  ... {len(a['used']) - 20} more (use --json)", style="dim"))
    console.print(Text("text:", style="bold"))
    console.print(Text(a["text"] or ""))


def summary_line(summary) -> str:
    s = summary.to_dict()
    return (f"ingested {s['ingested']}, duplicates {s['duplicates']}, irrelevant {s['irrelevant']}, "
            f"extracted {s['extracted']}, failed {s['failed']}")


def rejudged_line(summary) -> str | None:
    """What re-judging the stored corpus with a newer relevance gate did; None when nothing was."""
    from .relevance import COMPONENT

    done = summary.rejudged
    if not done.articles:
        return None
    return (f"re-judged {done.articles:,} article{'s' if done.articles != 1 else ''} with {COMPONENT}: "
            f"{done.now_relevant:,} now relevant, "
            f"{done.no_longer_relevant:,} no longer")


class RateColumn(ProgressColumn):
    """Items per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "-/s", style="progress.data.speed")


class IngestProgress:
    """Two bars: inputs read (total counted up front) and articles extracted (total known as
    articles are queued), each with its rate and the time left: extraction is most of a run."""

    def __init__(self, bar: Progress | None, total_inputs: int | None):
        self.bar = bar
        if bar is not None:
            self._read = bar.add_task("reading   ", total=total_inputs)
            self._extract = bar.add_task("extracting", total=0, visible=False)

    def read(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self._read, n)

    def extract(self, queued: int, done: int) -> None:
        if self.bar is None:
            return
        task = self.bar.tasks[self._extract]
        self.bar.update(self._extract, total=(task.total or 0) + queued, advance=done, visible=True)


@contextmanager
def progress(paths: Sequence[Path], *, enabled: bool, console: Console) -> Iterator[IngestProgress]:
    """Progress bars over reading and extraction when writing to a terminal; a no-op otherwise."""
    if not enabled:
        yield IngestProgress(None, None)
        return
    from .ingest.readers import count_inputs

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        yield IngestProgress(bar, count_inputs(paths))


def feed_lines(feed: dict[str, Any]) -> str:
    """One feed of ``feeds list``: its id, URL and title, then its state, each error on its own line."""
    from .ingest.failure import shown

    title = f"  {shown(feed['title'])}" if feed.get("title") else ""
    refused = f" ({feed['items_refused']} refused)" if feed["items_refused"] else ""
    seen = feed["items_seen"]
    lines = [f"{feed['id']}  {shown(feed['url'])}{title}",
             f"    last success {feed['last_success_at'] or 'never'}, {seen} item{'s' if seen != 1 else ''} seen{refused}"]
    if feed["last_error"]:
        when = (f"{feed['last_error_at']} ({feed['failures_in_a_row']} in a row)" if feed["failures_in_a_row"]
                else f"{feed['last_error_at']} (since recovered)")
        lines.append(f"    last error {when}: {shown(feed['last_error'])}")
    if feed["last_item_error"]:
        lines.append(f"    last item error {feed['last_item_error_at']}: {shown(feed['last_item_error'])}")
    return "\n".join(lines)
