"""``swapwatch demo``: a fresh database from the bundled articles, and a tour of what it holds."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from .errors import SwapwatchError
from .settings import db_url_from, load_settings

DEMO_DB = Path("swapwatch-demo.sqlite")


def demo_articles_dir() -> Path:
    """examples/articles in a source checkout (the demo ships with the repository)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "articles"
        if candidate.is_dir():
            return candidate
    raise SwapwatchError("the demo articles (examples/articles) are not next to this installation; "
                         "run the demo from a checkout of the swapwatch repository", code="no_demo")


def _fresh_sqlite(db: str | None) -> str:
    """The demo starts from nothing; it only deletes a file it would have made itself."""
    target = Path(db).expanduser() if db and "://" not in db else DEMO_DB
    if db and "://" in db:
        return db
    if target.exists():
        if not target.name.endswith("demo.sqlite"):
            raise SwapwatchError(f"{target} exists and is not a demo database; pick another --db", code="exists")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    return str(target.resolve())


def run_demo(console: Console, db: str | None = None) -> None:
    from .service import ingest
    from .store import open_store
    from . import read
    from .views import persons_table

    articles = demo_articles_dir()
    target = _fresh_sqlite(db)
    settings = load_settings(target)
    store = open_store(settings.db_url)
    try:
        summary = ingest(store, [articles], settings)
        console.print(Text(f"Ingested {summary.ingested} demo articles from {articles} "
                           f"({summary.irrelevant} judged irrelevant, {summary.failed} failed).", style="bold"))
        console.print()
        console.print(Text("Timeline of exchanges, newest first (who was released by whom, for whom):",
                           style="bold underline"))
        for x in read.list_exchanges(store, limit=None)["items"]:
            console.print(Text(f"{x['date'] or '?':10}  {x['kind']:18}  ", style="cyan") + Text(x["who_for_whom"]))
            for c in read.get_exchange(store, x["id"])["conflicts"] if x["conflict_count"] else ():
                vals = " vs ".join(str(v["value"]) for v in c["values"])
                console.print(Text(f"{'':32}sources disagree on {c['field']}: {vals}", style="yellow"))
        console.print()
        console.print(Text("People still held (latest report: detained):", style="bold underline"))
        console.print(persons_table(read.list_persons(store, status="detained", limit=None)["items"]))
        url = db_url_from(target)
        console.print()
        console.print(Text(f"Database: {url}", style="bold"))
        console.print(Text(f"Query it:  swapwatch exchanges --db {target}\n"
                           f"           swapwatch persons --status detained --db {target}\n"
                           f"           swapwatch show EXCHANGE_ID --db {target}\n"
                           f"           swapwatch export --format json --db {target}"))
    finally:
        store.close()
