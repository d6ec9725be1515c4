"""The ``swapwatch`` command: thin wrappers around library functions.

Every command takes ``--db`` (an SQLite file path or a SQLAlchemy URL); the
``SWAPWATCH_DB`` environment variable sets the same. Default: an SQLite file at
``~/.local/share/swapwatch/swapwatch.sqlite``. Only ``ingest`` and ``demo`` make a
database; every other command refuses one that is missing or not swapwatch's, in one
line, exit code 2, creating nothing. Bad option values are one line and exit code 2;
a name or id that finds nothing is one line (with the closest names) and exit code 1.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__, read, views
from .errors import SwapwatchError
from .ingest.failure import shown
from .model import CATEGORIES, KINDS, STATUSES
from .settings import DEFAULT_DB_PATH, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="swapwatch: news articles in, evidence-linked records of prisoner exchanges out.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Optional[str], typer.Option(
    "--db", envvar="SWAPWATCH_DB", show_envvar=True,
    help=f"SQLite file path or database URL (postgresql+psycopg://...). Default: {DEFAULT_DB_PATH}")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON records (the API's, see README) instead of a table.")]
LimitOption = Annotated[Optional[int], typer.Option(min=1, max=read.MAX_LIMIT,
                                                    help=f"At most this many (1..{read.MAX_LIMIT}). Default: all.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many first.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"swapwatch {__version__}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """swapwatch: news articles in, evidence-linked records of prisoner exchanges out."""


@contextmanager
def opened(db: str | None, *, create: bool = False, **overrides) -> Iterator[tuple]:
    """Open the store for one command and turn library errors into one clear line.

    Only with ``create`` (ingest) may a new database be made; it says where."""
    from .store import open_store

    try:
        settings = load_settings(db, **overrides)
        store = open_store(settings.db_url, create=create)
        if store.created:
            err.print(f"created a new database: {escape(store.url)}")
    except SwapwatchError as e:
        err.print(f"[red]error:[/red] {escape(e.message)}")
        raise typer.Exit(2)
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield settings, store
    except SwapwatchError as e:
        err.print(f"[red]error:[/red] {escape(e.message)}")
        raise typer.Exit(1 if e.http_status == 404 else 2)
    except SQLAlchemyError as e:       # a database damaged or made read-only under us: one line
        cause = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        err.print(f"[red]error:[/red] database {escape(store.url)} failed: {escape(shown(cause))}")
        raise typer.Exit(2)
    finally:
        store.close()


def read_token_file(path: Path, *, also: str | None) -> str:
    """The token in ``path``'s first line (surrounding whitespace dropped)."""
    from .errors import ConfigError

    if also:
        raise ConfigError("give the token one way: --token-file, or --token / SWAPWATCH_TOKEN, not both")
    try:
        with path.open("r", encoding="utf-8") as f:
            token = f.readline(4096).strip()
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise ConfigError(f"cannot read the token file {shown(str(path))}: {reason}") from None
    if not token:
        raise ConfigError(f"the token file {shown(str(path))} is empty")
    return token


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(paths: Annotated[Optional[list[str]], typer.Argument(
               help="Files or folders: .txt (+ .json sidecar), .html, .md, .jsonl[.gz]; or web pages' http(s) URLs.")] = None,
           urls: Annotated[Optional[Path], typer.Option("--urls", help="A file of web pages' URLs, one a line ('-': standard input).")] = None,
           db: DbOption = None,
           max_bytes: Annotated[Optional[int], typer.Option(help="Largest input file or JSON line, in bytes (default 5 MB).")] = None,
           quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
           engine: Annotated[str, typer.Option(help="Where reading and extraction run: single (this process) or ray.")] = "single",
           address: Annotated[Optional[str], typer.Option(help="Ray cluster to use (ray://host:10001 or host:6379). Default: a local one.")] = None,
           workers: Annotated[Optional[int], typer.Option(help="Ray workers (default: one per CPU of the cluster).")] = None) -> None:
    """Store articles (each once), judge relevance, extract and merge; web pages are fetched politely."""
    from .engines import open_engine
    from .fetch.pages import is_web_url
    from .service import ingest as run_ingest

    web = [p for p in paths or [] if is_web_url(p)]
    files = [Path(p) for p in paths or [] if not is_web_url(p)]
    if urls is not None:
        web += _url_list(urls)
    if not files and not web:
        err.print("[red]error:[/red] nothing to ingest: give files, folders or URLs, or --urls FILE")
        raise typer.Exit(2)
    if not files:
        return _ingest_web(web, db, max_bytes)
    try:
        runner = open_engine(engine, workers=workers, address=address)     # before any database is made
    except SwapwatchError as e:
        err.print(f"[red]error:[/red] {escape(e.message)}")
        raise typer.Exit(2)
    try:
        with opened(db, create=True, max_bytes=max_bytes) as (settings, store):
            with views.progress(paths, enabled=not quiet and err.is_terminal, console=err) as bar:
                summary = run_ingest(store, paths, settings, on_progress=bar.read, on_extract=bar.extract,
                                     engine=runner,
                                     on_failure=lambda f: err.print(f"[yellow]failed:[/yellow] {escape(f.line())}"),
                                     on_notice=lambda n: err.print(f"[yellow]cut:[/yellow] {escape(n.line())}"))
            out.print(views.summary_line(summary))
            if rejudged := views.rejudged_line(summary):
                out.print(rejudged)
            if summary.skipped:
                out.print(f"skipped {summary.skipped:,} empty JSON lines or records, or web archive records that are "
                          "not HTML pages (not failures)")
    finally:
        runner.close()
    if web:
        _ingest_web(web, db, max_bytes)
    if summary.failed:
        raise typer.Exit(1)


def _url_list(source: Path) -> list[str]:
    """The URLs of a file (or standard input for '-'): one a line, blank lines and # comments skipped."""
    from .fetch.pages import url_lines

    cap = 16 * 1024 * 1024             # 100,000 URLs of 160 characters
    try:
        if str(source) == "-":
            text = sys.stdin.read(cap + 1)
        else:
            with source.open(encoding="utf-8", errors="replace") as f:
                text = f.read(cap + 1)
    except OSError as e:
        err.print(f"[red]error:[/red] cannot read the URL list {escape(shown(str(source)))}: {escape(e.strerror or str(e))}")
        raise typer.Exit(2)
    if len(text) > cap:
        err.print(f"[red]error:[/red] the URL list {escape(shown(str(source)))} is over 16 MB: split it")
        raise typer.Exit(2)
    return url_lines(text)


def _ingest_web(urls: list[str], db: str | None, max_bytes: int | None) -> None:
    """The web pages of ``ingest``: fetched politely, one failure line each; exit 1 if any failed."""
    from .fetch.client import Fetcher
    from .fetch.options import load_fetch_options
    from .live import ingest_urls

    with opened(db, create=True, max_bytes=max_bytes) as (settings, store):
        with Fetcher(load_fetch_options(), max_bytes=settings.max_bytes) as fetcher:
            summary = ingest_urls(store, urls, settings, fetcher,
                                  on_failure=lambda f: err.print(f"[yellow]failed:[/yellow] {escape(f.line())}"),
                                  on_notice=lambda n: err.print(f"[yellow]cut:[/yellow] {escape(n.line())}"))
        out.print(f"web pages: {views.summary_line(summary)}")
        if rejudged := views.rejudged_line(summary):
            out.print(rejudged)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def exchanges(db: DbOption = None, as_json: JsonOption = False,
              since: Annotated[Optional[str], typer.Option(help="On or after this date (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
              until: Annotated[Optional[str], typer.Option(help="On or before this date (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
              country: Annotated[Optional[str], typer.Option(help="Either party of any side, e.g. Russia (any spelling).")] = None,
              kind: Annotated[Optional[str], typer.Option(help=" | ".join(KINDS))] = None,
              q: Annotated[Optional[str], typer.Option("--q", "-q", help="Words in the place, parties, mediators or names.")] = None,
              limit: LimitOption = None, offset: OffsetOption = 0) -> None:
    """List merged exchanges, newest first (undated last), each as who-for-whom; filters as on the web."""
    with opened(db) as (_, store):
        found = read.list_exchanges(store, since=since, until=until, country=country, kind=kind, q=q,
                                    limit=limit, offset=offset)
        if as_json:
            print_json(found["items"])
        else:
            out.print(views.exchanges_table(found["items"], title=f"{len(found['items'])} exchanges, newest first"))


@app.command()
def show(exchange_id: str, db: DbOption = None, as_json: JsonOption = False) -> None:
    """One exchange: sides, people, counts, conflicts and the evidence for each fact."""
    with opened(db) as (_, store):
        x = read.get_exchange(store, exchange_id)
        if as_json:
            print_json(x)
        else:
            views.print_exchange(out, x)


@app.command()
def persons(db: DbOption = None,
            status: Annotated[Optional[str], typer.Option(help=" | ".join(STATUSES))] = None,
            held_by: Annotated[Optional[str], typer.Option("--held-by", help="Holder, e.g. Russia (any spelling).")] = None,
            category: Annotated[Optional[str], typer.Option(help=" | ".join(CATEGORIES))] = None,
            q: Annotated[Optional[str], typer.Option("--q", "-q", help="Words of a name or an alias.")] = None,
            limit: LimitOption = None, offset: OffsetOption = 0, as_json: JsonOption = False) -> None:
    """List people who were or are held, by name; filters as on the web."""
    with opened(db) as (_, store):
        found = read.list_persons(store, status=status, held_by=held_by, category=category, q=q,
                                  limit=limit, offset=offset)
        if as_json:
            print_json(found["items"])
        else:
            out.print(views.persons_table(found["items"]))


@app.command()
def person(name: Annotated[str, typer.Argument(help="A name (any spelling or transliteration) or a person id.")],
           db: DbOption = None, as_json: JsonOption = False) -> None:
    """Everything known about a person (by name, any spelling or transliteration, or id), with evidence."""
    with opened(db) as (_, store):
        if name.startswith("p-") and " " not in name:
            try:
                found = {"items": [read.get_person(store, name)], "suggestions": []}
            except SwapwatchError:
                found = read.find_persons(store, name)
        else:
            found = read.find_persons(store, name)
        if not found["items"]:
            close = f"; did you mean {', '.join(found['suggestions'])}?" if found["suggestions"] else ""
            err.print(f"no person matches {name!r}{close}", markup=False, highlight=False)
            raise typer.Exit(1)
        if as_json:
            print_json(found["items"])
        else:
            for p in found["items"]:
                views.print_person(out, p)


@app.command()
def held(db: DbOption = None,
         held_by: Annotated[Optional[str], typer.Option("--held-by", help="Holder, e.g. Russia (any spelling).")] = None,
         limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many people. Default: all.")] = None,
         as_json: JsonOption = False) -> None:
    """Everyone whose latest status is detained, by holder: since when, and how old the latest report is."""
    with opened(db) as (_, store):
        result = read.still_held(store, held_by=held_by, limit=limit)
        if as_json:
            print_json(result)
        else:
            out.print(views.held_table(result))


@app.command()
def search(q: Annotated[str, typer.Argument(help="Words: names and spellings, places, parties, article text.")],
           db: DbOption = None,
           limit: Annotated[int, typer.Option(min=1, max=100, help="Results per kind.")] = 20,
           as_json: JsonOption = False) -> None:
    """People, exchanges and articles matching words, as /search finds them."""
    with opened(db) as (_, store):
        found = read.search(store, q, limit=limit)
        if as_json:
            print_json(found)
        else:
            views.print_search(out, found)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts, people released per month and per country, categories per side (the timeline's figures)."""
    with opened(db) as (_, store):
        figures = read.stats(store)
        if as_json:
            print_json(figures)
        else:
            views.print_stats(out, figures)


@app.command()
def article(article_id: Annotated[str, typer.Argument(help="An article's id (as cited everywhere), or its name.")],
            db: DbOption = None, as_json: JsonOption = False) -> None:
    """One article: metadata, relevance decision, sentences used as evidence, and its text (printed as written)."""
    with opened(db) as (_, store):
        record = read.get_article(store, store.article_id(article_id))
        if as_json:
            print_json(record)
        else:
            views.print_article(out, record)


@app.command()
def export(db: DbOption = None,
           fmt: Annotated[str, typer.Option("--format", help="json, jsonl (one record per line) or csv")] = "json",
           out_path: Annotated[Optional[Path], typer.Option("--out", help="File (json, jsonl) or folder (csv). Default: stdout / ./export")] = None) -> None:
    """Export merged records: JSON in the FORMAT.md schema, JSON Lines, or CSV files."""
    from .export import export_csv, export_json, export_jsonl

    if fmt not in ("json", "jsonl", "csv"):
        err.print("error: --format must be json, jsonl or csv")
        raise typer.Exit(2)
    with opened(db) as (_, store):
        records, names = store.load_merged(), store.article_names()
        if fmt == "csv":
            for path in export_csv(records, names, out_path or Path("export"), store.article_sources()):
                err.print(f"wrote {path}")
            return
        text = (export_json if fmt == "json" else export_jsonl)(records, names)
        if out_path:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            out_path.write_text(text, encoding="utf-8")
            err.print(f"wrote {out_path}")
        else:
            sys.stdout.write(text)


@app.command(name="articles")
def articles_cmd(db: DbOption = None,
                 relevant: Annotated[Optional[bool], typer.Option("--relevant/--irrelevant", help="Only one decision.")] = None,
                 q: Annotated[Optional[str], typer.Option("--q", "-q", help="Words of the title or text.")] = None,
                 limit: Annotated[Optional[int], typer.Option(min=1, max=read.MAX_LIMIT,
                                                              help=f"At most this many (1..{read.MAX_LIMIT}).")] = 50,
                 offset: OffsetOption = 0, as_json: JsonOption = False) -> None:
    """List ingested articles, newest first, with their relevance decision."""
    with opened(db) as (_, store):
        found = read.list_articles(store, relevant=relevant, q=q, limit=limit, offset=offset)
        if as_json:
            print_json(found["items"])
        else:
            out.print(views.articles_table(found["items"]))


@app.command(name="eval")
def eval_cmd(corpus_dirs: Annotated[list[Path], typer.Argument(help="Corpus folders (FORMAT.md layout), one or more.")],
             as_json: JsonOption = False,
             out_path: Annotated[Optional[Path], typer.Option("--out", help="Also write the scored export: a file for one corpus, a folder (<corpus>.export.json) for several.")] = None) -> None:
    """Score extraction on corpora (FORMAT.md layout): score.py's figures and relevance against labels.json."""
    from .evaluate import evaluate_corpora, write_exports
    from .evaluate.report import report_json, report_text

    try:
        results = evaluate_corpora(corpus_dirs)
        for path in write_exports(results, out_path) if out_path else []:
            err.print(f"wrote {escape(str(path))}")
    except SwapwatchError as e:
        err.print(f"[red]error:[/red] {escape(e.message)}")
        raise typer.Exit(2)
    if as_json:
        print_json(report_json(results))
    else:
        sys.stdout.write(report_text(results) + "\n")


@app.command()
def demo(db: Annotated[Optional[str], typer.Option("--db", envvar="SWAPWATCH_DB", show_envvar=True,
                                                   help="Where to build the demo database (default ./swapwatch-demo.sqlite).")] = None) -> None:
    """Build a fresh database from the bundled demo articles and show what it found."""
    from .demo import run_demo

    try:
        run_demo(out, db)
    except SwapwatchError as e:
        err.print(f"[red]error:[/red] {escape(e.message)}")
        raise typer.Exit(2)


@app.command()
def serve(db: DbOption = None,
          host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
          token: Annotated[Optional[str], typer.Option(envvar="SWAPWATCH_TOKEN", show_envvar=True,
                                                       help="Enables the write endpoints for requests bearing this token. Without it the app is read-only. "
                                                            "On the command line it shows in `ps`: prefer SWAPWATCH_TOKEN or --token-file.")] = None,
          token_file: Annotated[Optional[Path], typer.Option("--token-file", help="Read the token from this file (its first line), so it never shows in `ps`.")] = None,
          workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (use one per core).")] = 1) -> None:
    """Serve the web UI and the JSON API (/api, documented at /api/docs) over the database."""
    import os

    import uvicorn

    from .web.app import create_app

    if token_file is not None:
        try:
            token = read_token_file(token_file, also=token)
        except SwapwatchError as e:
            err.print(f"[red]error:[/red] {escape(e.message)}")
            raise typer.Exit(2)
    with opened(db) as (settings, store):
        err.print(f"serving {escape(store.url)} at http://{host}:{port}/  (API docs: /api/docs)"
                  + (f" with {workers} workers" if workers > 1 else ""))
        if workers == 1:
            uvicorn.run(create_app(store=store, token=token, serving=True), host=host, port=port, log_level="warning")
            return
        # Each worker opens its own store: the database (migrated, search prepared) and token go by environment.
        from .store.browse import prepare_search

        prepare_search(store.engine)
        os.environ["SWAPWATCH_DB"] = settings.db_url
        if token:
            os.environ["SWAPWATCH_TOKEN"] = token
        uvicorn.run("swapwatch.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")


@app.command(name="datasette-metadata")
def datasette_metadata(db: DbOption = None,
                       output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write it to this file instead of printing it.")] = None) -> None:
    """Metadata for `datasette serve DB --metadata FILE`: titles, descriptions, search tables hidden.
    With --db, the database is brought to this version's schema (its views) and named in the metadata."""
    from .datasette import database_name, datasette_metadata as metadata_for

    if db is not None:
        with opened(db) as (settings, _):
            if not settings.db_url.startswith("sqlite:"):
                err.print("[red]error:[/red] datasette serves SQLite files only")
                raise typer.Exit(2)
    text = json.dumps(metadata_for(database_name(db)), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {escape(str(output))}")


# -- curation (docs/CURATION.md) --------------------------------------------------------------

curate_app = typer.Typer(no_args_is_help=True, help="Correct the merged records; every correction survives re-ingest.")
curations_app = typer.Typer(no_args_is_help=True, help="Move a curation log between databases as JSON.")
app.add_typer(curate_app, name="curate")
app.add_typer(curations_app, name="curations")

ByOption = Annotated[str, typer.Option("--by", envvar="SWAPWATCH_CURATOR", show_envvar=True,
                                       help="Your name, recorded with the correction.")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why: recorded with the correction and exported.")]


def _curated(result: dict, as_json: bool) -> None:
    if as_json:
        print_json(result)
        return
    where = f" -> {result['record_id']}" if result.get("record_id") else ""
    detail = f" ({result['detail']})" if result.get("detail") else ""
    out.print(f"curation #{result['id']} {result['action']} {result['target_key']}: {result['state']}{where}{detail}",
              markup=False, highlight=False)


@curate_app.command("set-status")
def curate_set_status(person: Annotated[str, typer.Argument(help="A name (any spelling) or a person id.")],
                      status: Annotated[str, typer.Argument(help=f"One of: {', '.join(STATUSES)}.")],
                      by: ByOption, reason: ReasonOption,
                      date: Annotated[Optional[str], typer.Option("--date", help="When (YYYY[-MM[-DD]]).")] = None,
                      held_by: Annotated[Optional[str], typer.Option("--held-by", help="Who holds (held) them.")] = None,
                      db: DbOption = None, as_json: JsonOption = False) -> None:
    """Set a person's status (and its date, holder)."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.set_person(store, person, status=status, status_date=date, held_by=held_by,
                                   curator=by, reason=reason), as_json)


@curate_app.command("set-person")
def curate_set_person(person: Annotated[str, typer.Argument(help="A name (any spelling) or a person id.")],
                      by: ByOption, reason: ReasonOption,
                      held_by: Annotated[Optional[str], typer.Option("--held-by")] = None,
                      category: Annotated[Optional[list[str]], typer.Option("--category", help=f"Repeat; one of: {', '.join(CATEGORIES)}.")] = None,
                      charges: Annotated[Optional[list[str]], typer.Option("--charge", help="Repeat for each charge.")] = None,
                      sentence: Annotated[Optional[str], typer.Option("--sentence")] = None,
                      db: DbOption = None, as_json: JsonOption = False) -> None:
    """Set a person's holder, categories, charges or sentence."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.set_person(store, person, held_by=held_by, category=category, charges=charges,
                                   sentence=sentence, curator=by, reason=reason), as_json)


@curate_app.command("set-exchange")
def curate_set_exchange(exchange_id: str, by: ByOption, reason: ReasonOption,
                        date: Annotated[Optional[str], typer.Option("--date")] = None,
                        kind: Annotated[Optional[str], typer.Option("--kind", help=f"One of: {', '.join(KINDS)}.")] = None,
                        total: Annotated[Optional[int], typer.Option("--total", min=0)] = None,
                        city: Annotated[Optional[str], typer.Option("--city")] = None,
                        country: Annotated[Optional[str], typer.Option("--country")] = None,
                        mediators: Annotated[Optional[list[str]], typer.Option("--mediator", help="Repeat for each mediator.")] = None,
                        db: DbOption = None, as_json: JsonOption = False) -> None:
    """Set an exchange's date, kind, total, place or mediators."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.set_exchange(store, exchange_id, date=date, kind=kind, total=total, city=city,
                                     country=country, mediators=mediators, curator=by, reason=reason), as_json)


@curate_app.command("not-detainee")
def curate_not_detainee(name: str, by: ByOption, reason: ReasonOption, db: DbOption = None,
                        as_json: JsonOption = False) -> None:
    """This name was never held: drop the person and take the name off every side."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.not_detainee(store, name, curator=by, reason=reason), as_json)


@curate_app.command("merge-persons")
def curate_merge_persons(a: Annotated[str, typer.Argument(help="The person merged away.")],
                         b: Annotated[str, typer.Argument(help="The person kept (takes A's spellings).")],
                         by: ByOption, reason: ReasonOption, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Two spellings are one person."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.merge_persons(store, a, b, curator=by, reason=reason), as_json)


@curate_app.command("hide")
def curate_hide(kind: Annotated[str, typer.Argument(help="person or exchange")],
                ref: Annotated[str, typer.Argument(help="A person's name or id, or an exchange id.")],
                by: ByOption, reason: ReasonOption, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Leave a person or an exchange out."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.hide(store, kind, ref, curator=by, reason=reason), as_json)


KindArg = Annotated[str, typer.Argument(help="person or exchange")]
RefArg = Annotated[str, typer.Argument(help="A person's name or id, or an exchange id.")]
FieldArg = Annotated[str, typer.Argument(help="A field (status, total, ...), or 'record' for the whole record.")]
SideOption = Annotated[str, typer.Option("--side", help="The side: 'Russia->United States' (who let go -> who "
                                                        "received) or its position from 0.")]


@curate_app.command("confirm")
def curate_confirm(kind: KindArg, ref: RefArg, field: FieldArg, by: ByOption, reason: ReasonOption,
                   db: DbOption = None, as_json: JsonOption = False) -> None:
    """A fact (or the whole record) is right: it leaves the review queue."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.judge(store, "confirm", kind, ref, field, curator=by, reason=reason), as_json)


@curate_app.command("reject")
def curate_reject(kind: KindArg, ref: RefArg, field: FieldArg, by: ByOption, reason: ReasonOption,
                  db: DbOption = None, as_json: JsonOption = False) -> None:
    """A fact is wrong and nothing better is known: it is emptied."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.judge(store, "reject", kind, ref, field, curator=by, reason=reason), as_json)


@curate_app.command("set-side")
def curate_set_side(exchange_id: str, side: SideOption, by: ByOption, reason: ReasonOption,
                    released_by: Annotated[Optional[str], typer.Option("--released-by")] = None,
                    received_by: Annotated[Optional[str], typer.Option("--received-by")] = None,
                    count: Annotated[Optional[int], typer.Option("--count", min=0)] = None,
                    db: DbOption = None, as_json: JsonOption = False) -> None:
    """Set a side's parties or its count."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.set_side(store, exchange_id, side, released_by=released_by, received_by=received_by,
                                 count=count, curator=by, reason=reason), as_json)


@curate_app.command("add-person")
def curate_add_person(exchange_id: str, name: str, side: SideOption, by: ByOption, reason: ReasonOption,
                      db: DbOption = None, as_json: JsonOption = False) -> None:
    """Put a person on a side of an exchange."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.side_person(store, "add_person", exchange_id, side, name, curator=by, reason=reason),
                 as_json)


@curate_app.command("remove-person")
def curate_remove_person(exchange_id: str, name: str, side: SideOption, by: ByOption, reason: ReasonOption,
                         db: DbOption = None, as_json: JsonOption = False) -> None:
    """Take a person off a side of an exchange."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.side_person(store, "remove_person", exchange_id, side, name, curator=by, reason=reason),
                 as_json)


@curate_app.command("merge-exchanges")
def curate_merge_exchanges(a: Annotated[str, typer.Argument(help="The exchange merged away.")],
                           b: Annotated[str, typer.Argument(help="The exchange kept.")],
                           by: ByOption, reason: ReasonOption, db: DbOption = None,
                           as_json: JsonOption = False) -> None:
    """Two exchanges are one event."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.merge_exchanges(store, a, b, curator=by, reason=reason), as_json)


@curate_app.command("split-exchange")
def curate_split_exchange(exchange_id: str,
                          names: Annotated[list[str], typer.Option("--name", help="A person who leaves (repeat).")],
                          by: ByOption, reason: ReasonOption,
                          date: Annotated[Optional[str], typer.Option("--date", help="The other event's date.")] = None,
                          db: DbOption = None, as_json: JsonOption = False) -> None:
    """Some of an exchange's people were in another event: move them to a new exchange."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.split_exchange(store, exchange_id, names, date=date, curator=by, reason=reason), as_json)


@curate_app.command("split-person")
def curate_split_person(person: Annotated[str, typer.Argument(help="A name (any spelling) or a person id.")],
                        names: Annotated[list[str], typer.Option("--name", help="A spelling that is someone else (repeat).")],
                        by: ByOption, reason: ReasonOption, db: DbOption = None,
                        as_json: JsonOption = False) -> None:
    """Some spellings of a person are another person: move them to a new person."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.split_person(store, person, names, curator=by, reason=reason), as_json)


@curate_app.command("undo")
def curate_undo(curation_id: int, by: ByOption, reason: ReasonOption, db: DbOption = None,
                as_json: JsonOption = False) -> None:
    """Cancel an earlier curation (the extracted value comes back)."""
    from . import curate

    with opened(db) as (_, store):
        _curated(curate.undo(store, curation_id, curator=by, reason=reason), as_json)


@curate_app.command("list")
def curate_list(db: DbOption = None, as_json: JsonOption = False,
                orphaned: Annotated[bool, typer.Option("--orphaned", help="Only those whose target is gone.")] = False) -> None:
    """The curation log, oldest first, with what the last rebuild did with each."""
    from . import curate

    with opened(db) as (_, store):
        items = curate.list_curations(store, orphaned=orphaned)
    if as_json:
        print_json(items)
        return
    for c in items:
        value = json.dumps(c["value"], ensure_ascii=False)
        detail = f" ({c['detail']})" if c["detail"] else ""
        out.print(f"#{c['id']} {c['created_at']} {c['curator']}: {c['action']} {c['target_key']} {value} "
                  f"[{c['state']}{detail}] because {c['reason']}", markup=False, highlight=False)


@curations_app.command("export")
def curations_export(path: Annotated[Path, typer.Argument(help="JSON file to write ('-' for stdout).")],
                     db: DbOption = None) -> None:
    """Write the live curation log as JSON (stable keys, so it means the same elsewhere)."""
    from . import curate

    with opened(db) as (_, store):
        text = json.dumps(curate.export_curations(store), ensure_ascii=False, indent=2) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        path.write_text(text, encoding="utf-8")
        err.print(f"wrote {path}")


@curations_app.command("import")
def curations_import(path: Annotated[Path, typer.Argument(help="A file `swapwatch curations export` wrote.")],
                     db: DbOption = None) -> None:
    """Append another database's curations to this one's log and rebuild."""
    from . import curate
    from .errors import InvalidRequest

    with opened(db) as (_, store):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InvalidRequest(f"cannot read {shown(str(path))}: {e}") from None
        result = curate.import_curations(store, data)
    out.print(f"imported {result['added']} curations, skipped {result['skipped']} already here",
              markup=False, highlight=False)


@app.command()
def review(db: DbOption = None, as_json: JsonOption = False,
           limit: Annotated[int, typer.Option(min=1, max=read.MAX_REVIEW_LIMIT, help="At most this many.")] = 100,
           problem: Annotated[Optional[str], typer.Option(help="Only one kind of problem (conflict, partial_name, ...).")] = None) -> None:
    """What needs a human, most important first: conflicts, possible duplicates, weak facts, orphaned curations."""
    with opened(db) as (_, store):
        queue = read.review_queue(store, limit=limit, problem=problem)
    if as_json:
        print_json(queue)
        return
    counts = ", ".join(f"{n} {p.replace('_', ' ')}" for p, n in queue["counts"].items()) or "nothing to review"
    out.print(f"{queue['total']} to review ({counts})", markup=False, highlight=False)
    for i in queue["items"]:
        out.print(f"[{i['problem'].replace('_', ' ')}] {i['record_id']} {i['title']} "
                  f"(confidence {i['confidence']:.2f}): {i['detail']}", markup=False, highlight=False)


# -- curators: who may curate over the API and the web ----------------------------------------

curators_app = typer.Typer(no_args_is_help=True, help="Who may curate over the API and the web forms (tokens).")
app.add_typer(curators_app, name="curators")


@curators_app.command("add")
def curators_add(name: Annotated[str, typer.Argument(help="The curator's name, recorded with each curation.")],
                 db: DbOption = None, as_json: JsonOption = False) -> None:
    """Make a curator; prints their token once (only its hash is stored)."""
    from . import curators

    with opened(db) as (_, store):
        curator, token = curators.add_curator(store, name)
    if as_json:
        print_json({**curator, "token": token})
        return
    out.print(f"curator {curator['name']} added. Token (shown once, keep it secret):", markup=False, highlight=False)
    out.print(token, markup=False, highlight=False)


@curators_app.command("list")
def curators_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every curator, live or revoked (never a token)."""
    from . import curators

    with opened(db) as (_, store):
        items = curators.list_curators(store)
    if as_json:
        print_json(items)
        return
    for c in items:
        state = f"revoked {c['revoked_at']}" if c["revoked_at"] else "live"
        out.print(f"{c['name']}  added {c['created_at']}  {state}", markup=False, highlight=False)


@curators_app.command("revoke")
def curators_revoke(name: str, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Stop a curator's token (and web sessions) at once."""
    from . import curators

    with opened(db) as (_, store):
        curator = curators.revoke_curator(store, name)
    if as_json:
        print_json(curator)
        return
    out.print(f"curator {curator['name']} revoked", markup=False, highlight=False)


# -- feeds and watch mode: following the news as it happens ------------------------------------

feeds_app = typer.Typer(no_args_is_help=True, help="The feeds `swapwatch watch` polls (RSS or Atom).")
app.add_typer(feeds_app, name="feeds")


@feeds_app.command("add")
def feeds_add(url: Annotated[str, typer.Argument(help="The feed's http(s) URL (nothing is fetched now).")],
              db: DbOption = None, as_json: JsonOption = False) -> None:
    """Add a feed to watch (makes the database if there is none, and says where)."""
    from .live import add_feed

    with opened(db, create=True) as (_, store):
        feed = add_feed(store, url)
    if as_json:
        print_json(feed)
        return
    out.print(f"feed {feed['id']} added: {shown(feed['url'])}", markup=False, highlight=False)


@feeds_app.command("list")
def feeds_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every feed with its state: last success, last error, items seen."""
    with opened(db) as (_, store):
        items = store.list_feeds()
    if as_json:
        print_json(items)
        return
    for f in items:
        out.print(views.feed_lines(f), markup=False, highlight=False)


@feeds_app.command("remove")
def feeds_remove(feed: Annotated[str, typer.Argument(help="The feed's id or URL.")],
                 db: DbOption = None, as_json: JsonOption = False) -> None:
    """Stop watching a feed (the articles it brought stay)."""
    with opened(db) as (_, store):
        gone = store.remove_feed(feed)
    if as_json:
        print_json(gone)
        return
    out.print(f"feed {gone['id']} removed: {shown(gone['url'])}", markup=False, highlight=False)


@app.command()
def watch(db: DbOption = None,
          every: Annotated[str, typer.Option(help="Time between cycles: 15m, 1h, 90s (at least 1m).")] = "15m",
          once: Annotated[bool, typer.Option("--once", help="One cycle, then exit.")] = False) -> None:
    """Poll every feed (conditional GET), ingest new entries' pages; SIGTERM ends a cycle cleanly."""
    import signal
    import threading

    from .fetch.options import load_fetch_options
    from .live import parse_interval, watch as run_watch

    stop = threading.Event()
    failed = False

    def cycle_done(report) -> None:
        nonlocal failed
        failed = failed or report.summary.failed > 0
        out.print(report.line(), markup=False, highlight=False)

    with opened(db) as (settings, store):
        every_s = parse_interval(every)
        before = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            run_watch(store, settings, load_fetch_options(), every_s=every_s, once=once, stop=stop,
                      on_cycle=cycle_done,
                      on_failure=lambda f: err.print(f"[yellow]failed:[/yellow] {escape(f.line())}"),
                      on_notice=lambda n: err.print(f"[yellow]cut:[/yellow] {escape(n.line())}"))
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)
    if once and failed:
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
