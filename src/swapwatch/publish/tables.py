"""Every list as a CSV download: the records the page or the API shows for the same filters,
in the same order, flattened to one row each (lists joined with '; ').

A download walks the list's pages (from the first, whatever page was shown) up to
``MAX_DOWNLOAD_ROWS``; ``Table.truncated`` says when more matched. Each page is a read of
the read layer within the request's budget. Cells that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) get a leading apostrophe
(``export.safe_cell``).
"""
from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import read
from ..export import joined, write_csv
from .wording import who_for_whom_in_words

MAX_DOWNLOAD_ROWS = 2_000     # rows of one download; the export has everything. On the 100,000-exchange
                              # database 2,000 took 0.3-0.8 s, 5,000 up to 1.8 s and 10,000 up to 2.3 s: past
                              # the 1.5 s request budget (benchmarks/publish.py, 2 busy cores)
MEDIA_TYPE = "text/csv; charset=utf-8"

EXCHANGE_COLUMNS = ("id", "date", "date_precision", "kind", "place", "city", "country", "mediators", "total",
                    "who_for_whom", "in_words", "article_count", "conflict_count")
PERSON_COLUMNS = ("id", "name", "aliases", "status", "status_date", "since", "since_precision", "held_by",
                  "nationality", "category", "role", "charges", "sentence", "article_count", "last_reported")
HELD_COLUMNS = ("holder", *PERSON_COLUMNS, "days_since_report")
ARTICLE_COLUMNS = ("id", "name", "title", "url", "outlet", "published", "relevant", "relevance_score",
                   "relevance_reasons", "chars", "ingested_at")
SEARCH_COLUMNS = ("type", "id", "name", "date", "detail", "url")
REVIEW_COLUMNS = ("problem", "record_type", "record_id", "title", "detail", "field", "confidence", "weight",
                  "related")


@dataclass
class Table:
    name: str                           # the download's file name is swapwatch-<name>.csv
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    truncated: bool = False

    @property
    def filename(self) -> str:
        return f"swapwatch-{self.name}.csv"

    def csv(self) -> str:
        out = io.StringIO()
        write_csv(out, self.columns, self.rows)
        return out.getvalue()


def every_page(call: Callable[..., Mapping[str, Any]], bound: int = MAX_DOWNLOAD_ROWS,
               page_size: int = read.MAX_LIMIT) -> tuple[list[Any], bool]:
    """The records ``call(limit=, offset=)`` lists, page after page from the first, at most
    ``bound``; and whether more matched."""
    items: list[Any] = []
    while len(items) < bound:
        page = call(limit=min(page_size, bound - len(items)), offset=len(items))
        items += page["items"]
        if len(page["items"]) < page["limit"] or len(items) >= page["total"]:
            return items, False
    return items, True


def exchange_row(x: Mapping[str, Any]) -> dict[str, Any]:
    location = x.get("location") or {}
    return {"id": x["id"], "date": x["date"], "date_precision": x["date_precision"], "kind": x["kind"],
            "place": x["place"], "city": location.get("city"), "country": location.get("country"),
            "mediators": joined(x["mediators"]), "total": x["total"], "who_for_whom": x["who_for_whom"],
            "in_words": who_for_whom_in_words(x["sides"]), "article_count": x["article_count"],
            "conflict_count": x["conflict_count"]}


def person_row(p: Mapping[str, Any]) -> dict[str, Any]:
    row = {k: p.get(k) for k in PERSON_COLUMNS}
    for key in ("aliases", "nationality", "category", "charges"):
        row[key] = joined(p.get(key) or ())
    return row


def article_row(a: Mapping[str, Any]) -> dict[str, Any]:
    return {**{k: a.get(k) for k in ARTICLE_COLUMNS}, "relevance_reasons": joined(a.get("relevance_reasons") or ())}


def exchanges_table(store, **filters: Any) -> Table:
    items, more = every_page(lambda **page: read.list_exchanges(store, **filters, **page))
    return Table("exchanges", EXCHANGE_COLUMNS, [exchange_row(x) for x in items], more)


def persons_table(store, **filters: Any) -> Table:
    items, more = every_page(lambda **page: read.list_persons(store, **filters, **page))
    return Table("persons", PERSON_COLUMNS, [person_row(p) for p in items], more)


def articles_table(store, **filters: Any) -> Table:
    items, more = every_page(lambda **page: read.list_articles(store, **filters, **page))
    return Table("articles", ARTICLE_COLUMNS, [article_row(a) for a in items], more)


def held_table(store, *, held_by: str | None = None) -> Table:
    """Everyone still held as ``/held`` lists them (by holder, biggest group first), at most
    read.MAX_LIMIT people: the person list filtered by status detained has them all."""
    result = read.still_held(store, held_by=held_by, limit=read.MAX_LIMIT)
    rows = [{"holder": group["holder"], **person_row(p), "days_since_report": p.get("days_since_report")}
            for group in result["holders"] for p in group["persons"]]
    return Table("held", HELD_COLUMNS, rows, bool(result["truncated"]))


def search_table(store, q: str | None, *, limit: int = 20) -> Table:
    """People, then exchanges, then articles, each in the order the search gives them."""
    found = read.search(store, q, limit=limit)
    rows = [{"type": "person", "id": p["id"], "name": p["name"], "date": p["status_date"],
             "detail": " ".join(v for v in (p["status"], p["held_by"] and f"held by {p['held_by']}") if v),
             "url": None} for p in found["persons"]]
    rows += [{"type": "exchange", "id": x["id"], "name": x["title"], "date": x["date"], "detail": x["who_for_whom"],
              "url": None} for x in found["exchanges"]]
    rows += [{"type": "article", "id": a["id"], "name": a["title"] or a["name"], "date": a["published"],
              "detail": a["snippet"], "url": a["url"]} for a in found["articles"]]
    return Table("search", SEARCH_COLUMNS, rows)


def review_table(store, *, problem: str | None = None) -> Table:
    queue = read.review_queue(store, limit=read.MAX_REVIEW_LIMIT, problem=problem)
    rows = [{**{k: item.get(k) for k in REVIEW_COLUMNS}, "related": joined(item.get("related") or ())}
            for item in queue["items"]]
    return Table("review", REVIEW_COLUMNS, rows, queue["total"] > len(queue["items"]))
