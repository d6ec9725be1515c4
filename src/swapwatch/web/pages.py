"""Server-rendered pages (Jinja2). Autoescaping is on for every template: article text is untrusted.

Each page calls one function of ``swapwatch.read`` (the same function its ``/api`` twin returns,
and the CLI prints) and renders the record. The only HTML built in Python is the article text with its used spans marked,
and it is made of ``markupsafe.escape``d pieces joined as ``Markup``; nothing from an article
is ever marked safe as it stands.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from functools import partial
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from .. import read
from ..errors import InvalidRequest, NotFound
from ..params import MAX_OFFSET, MAX_TEXT_CHARS
from ..merge import dates
from ..model import CATEGORIES, KIND_NAMES, KINDS, STATUSES
from ..publish import tables
from .chart import Chart, render_chart
from .api import csv_response
from .publish import PageFormat

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500        # the API's own limit
SEARCH_LIMIT = 20
HELD_LIMIT = 500           # people on the still-held page at most; beyond that it points to the paged list


def label(value: Any) -> str:
    """'hostage_prisoner_exchange' -> 'hostage prisoner exchange'."""
    return str(value).replace("_", " ") if value is not None else ""


def safe_href(url: Any) -> str | None:
    """An article's own URL as a link target only when it is plain http(s): never javascript: or data:."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") and "//" in url[:8] else None


def people(n: Any) -> str:
    if n is None:
        return "unknown number"
    return f"{n} person" if n == 1 else f"{n} people"


def ago(days: Any) -> str:
    """How long ago a report was, in words a reader takes in at a glance."""
    if days is None:
        return "no dated report"
    days = int(days)
    if days <= 0:
        return "today"
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''} ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


# How people write the categories where the plain label is not it (kinds: model.KIND_NAMES).
CATEGORY_NAMES = {"pow": "POW", "human_rights": "human rights"}


def kind_name(kind: Any) -> str:
    """'pow_exchange' -> 'POW exchange' (the JSON keeps the code)."""
    return KIND_NAMES.get(str(kind), label(kind))


def category_name(category: Any) -> str:
    return CATEGORY_NAMES.get(str(category), label(category))


def capital(text: Any) -> str:
    """The first letter upper case, the rest as it is ('POW exchange' stays, 'swap' -> 'Swap')."""
    text = str(text or "")
    return text[:1].upper() + text[1:]


# The relevance cues whose names are shorthand, in words; the others read as they are.
CUE_WORDS = {"headline detention": "a detention in the headline", "headline release": "a release in the headline",
             "time held": "how long someone was held", "detained": "someone detained",
             "sentenced": "someone sentenced", "in detention": "someone in detention"}
AGAINST_WORDS = {"metaphor": "words used as a figure of speech (“holding the budget hostage”)",
                 "policy": "it reads like a policy text (orders, sanctions)",
                 "not yet happened": "some of it has not happened yet"}

READ_WORDS = {"text:quick": "the page's text as a quick reading found it (the full HTML reader was not run, "
                            "since nothing in it pointed to a detention)"}


def reasons_in_words(reasons: Iterable[str] | None) -> dict[str, list[str]]:
    """The relevance codes (kept as they are in the JSON) as a reader's lists: what counted
    for the article, what counted against it, and cues left out because they were said of the
    future, as a demand or as a condition ('-blocked:in detention'); and ``read``, how the text
    was read when that is not the usual way ('text:quick', a web-archive page's quick text)."""
    out: dict[str, list[str]] = {"for": [], "against": [], "left_out": [], "read": []}
    for code in reasons or ():
        code = str(code)
        if code.startswith("text:"):
            out["read"].append(READ_WORDS.get(code, code))
        elif code.startswith("-blocked:"):
            cue = code.removeprefix("-blocked:")
            out["left_out"].append(CUE_WORDS.get(cue, cue))
        elif code.startswith("-"):
            name = code[1:]
            out["against"].append(AGAINST_WORDS.get(name, name))
        else:
            out["for"].append(CUE_WORDS.get(code, code))
    return out


def unique_evidence(items: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Each sentence of each article once, with every fact it supports.

    The merge keeps one evidence row per fact and per source mention, so a side's count and
    its people often cite the same sentence several times; a reader needs it once.
    """
    kept: dict[tuple[Any, Any], dict[str, Any]] = {}
    for ev in items or ():
        article = ev.get("article") or {}
        key = (article.get("id"), " ".join(str(ev.get("sentence") or "").split()))
        item = kept.setdefault(key, {"sentence": ev.get("sentence"), "article": article, "start": ev.get("start"),
                                     "fields": []})
        field = label(ev.get("field")) if ev.get("field") else None
        if field and field not in item["fields"]:
            item["fields"].append(field)
    return list(kept.values())


def when(value: Any) -> str:
    """A date as people write it, at the precision it is known: '20 December 2023',
    'March 2023', '2023'. Anything that is not such a date is shown as it stands."""
    span = dates.parse(value) if value else None
    if span is None:
        return str(value or "")
    day = span.lo
    if span.precision == "day":
        return f"{day.day} {calendar.month_name[day.month]} {day.year}"
    if span.precision == "month":
        return f"{calendar.month_name[day.month]} {day.year}"
    return str(day.year)


def arrows(text: Any) -> str:
    """The library's plain 'A -> B' written with a real arrow for reading."""
    return str(text or "").replace(" -> ", " → ")


def with_field(evidence: Iterable[Mapping[str, Any]] | None, *fields: str) -> list[Mapping[str, Any]]:
    """The evidence rows that support one of ``fields``."""
    return [e for e in evidence or () if e.get("field") in fields]


def used_sentences(used: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The evidence of one article grouped by sentence, in reading order (headline first).

    One sentence often supports many facts (a status, a holder, a side's count): the page shows
    it once, with each record it supports (and which of its facts) and a link to its first marked span.
    """
    groups: dict[str, dict[str, Any]] = {}
    for ev in sorted(used, key=lambda e: (int(e["start"]), int(e["end"]))):
        group = groups.setdefault(ev["sentence"], {"sentence": ev["sentence"], "start": int(ev["start"]), "uses": {}})
        record = (ev.get("record_type"), ev.get("record_id"))
        use = group["uses"].setdefault(record, {"record_type": record[0], "record_id": record[1],
                                                "record_name": ev.get("record_name") or record[1], "fields": []})
        field = label(ev.get("field") or "fact")
        if field not in use["fields"]:
            use["fields"].append(field)
    return [{**g, "uses": list(g["uses"].values())} for g in groups.values()]


def short_name(name: Any) -> str:
    """An exchange's handle up to its first colon ('2024-08-01 swap'); the full name goes in a tooltip."""
    return str(name or "").split(": ", 1)[0]


def conflicts_for(conflicts: Iterable[Mapping[str, Any]] | None, *fields: str) -> list[Mapping[str, Any]]:
    """The disagreements about one of ``fields`` ("date", "total", "sides[0].count", ...)."""
    return [c for c in conflicts or () if c.get("field") in fields]


EXCHANGE_FACTS = ("date", "kind", "location", "total")   # shown on the exchange page with their disagreements


def unplaced_conflicts(conflicts: Iterable[Mapping[str, Any]] | None, sides: int) -> list[Mapping[str, Any]]:
    """The disagreements the exchange page has no fact row for (its facts and side counts have one)."""
    placed = {*EXCHANGE_FACTS, *(f"sides[{i}].count" for i in range(sides))}
    return [c for c in conflicts or () if c.get("field") not in placed]


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(label=label, when=when, kind_name=kind_name, category_name=category_name,
                       capital=capital, reasons_in_words=reasons_in_words, unique_evidence=unique_evidence, safe_href=safe_href, people=people, ago=ago, with_field=with_field, arrows=arrows,
                       short_name=short_name, conflicts_for=conflicts_for,
                       unplaced_conflicts=unplaced_conflicts)
    env.globals.update(KINDS=KINDS, STATUSES=STATUSES, CATEGORIES=CATEGORIES)
    return env


TEMPLATES = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)


# -- marked article text ------------------------------------------------------------


def mark_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with every span ``(start, end, anchor)`` wrapped in ``<mark>``.

    Overlapping spans are cut at every boundary, so marks never nest; the piece that begins at
    a span's start carries ``id=anchor`` (the evidence links point there).
    """
    n = len(text)
    kept = [(max(0, s), min(n, e), a) for s, e, a in spans if s < e and s < n and e > 0]
    if not kept:
        return escape(text)
    bounds = sorted({0, n, *(s for s, _, _ in kept), *(e for _, e, _ in kept)})
    anchors: dict[int, str] = {}
    for s, _, a in sorted(kept):
        anchors.setdefault(s, a)
    pieces: list[Markup] = []
    for lo, hi in zip(bounds, bounds[1:]):
        chunk = escape(text[lo:hi])
        if not any(s <= lo and hi <= e for s, e, _ in kept):
            pieces.append(chunk)
        elif lo in anchors:
            pieces.append(Markup('<mark id="{}">{}</mark>').format(anchors[lo], chunk))
        else:
            pieces.append(Markup("<mark>{}</mark>").format(chunk))
    return Markup("").join(pieces)


def marked_article(article: Mapping[str, Any]) -> tuple[Markup, Markup]:
    """The headline and the text, each with the used spans marked.

    A negative start is a span in the headline (the extractor read the title first; see
    ``extract.pipeline.headline_prefix``): position = start + len(title) + 2.
    """
    title = " ".join(str(article.get("title") or "").split())
    text = str(article.get("text") or "")
    body, head = [], []
    for ev in article.get("used") or ():
        start, end = int(ev["start"]), int(ev["end"])
        if start >= 0:
            body.append((start, end, f"ev-{start}"))
        elif title:
            shift = len(title) + 2
            head.append((start + shift, end + shift, f"ev-{start}"))
    return mark_spans(title, head), mark_spans(text, body)


_last_chart: list[tuple[Any, Chart]] = []


def chart_of(stats: Mapping[str, Any]) -> Chart:
    """The chart for these statistics, drawn once per stats object (read.stats hands out the same
    object until the database changes; a big database draws thousands of bars)."""
    cached = _last_chart[:1]
    if cached and cached[0][0] is stats:
        return cached[0][1]
    chart = render_chart(stats.get("released_per_exchange"), stats.get("released_per_month") or ())
    _last_chart[:] = [(stats, chart)]      # keeps ``stats`` alive, so its identity cannot be reused
    return chart


# -- query parameters and pagination ------------------------------------------------


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(value: str | None, name: str, problems: list[str]) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        problems.append(f"{name} {value!r} is not a date like 2024-08-01; it was left out.")
        return None


def _choice(value: str | None, allowed: Iterable[str], name: str, problems: list[str]) -> str | None:
    value = _clean(value)
    value = value.lower() if value else None
    if value is None or value in allowed:
        return value
    problems.append(f"{name} {value!r} is not one of the known values; it was left out.")
    return None


def listed(call, filters: Mapping[str, Any], problems: list[str], limit: int, offset: int) -> dict[str, Any]:
    """A list view's page; a country or holder that matches nothing is a notice (naming the
    closest) over an empty list, as the CLI and the API say it (exit 1, 404)."""
    try:
        return call(**filters, limit=limit, offset=offset)
    except NotFound as e:
        if e.code != "no_match":
            raise
        problems.append(e.message)
        return {"items": [], "total": 0, "limit": limit, "offset": offset}


def pager(request: Request, result: Mapping[str, Any]) -> dict[str, Any]:
    """Where this page sits in the list, and links to the pages before and after (filters kept)."""
    total, limit, offset = int(result["total"]), int(result["limit"]), int(result["offset"])

    def url(new_offset: int) -> str:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset" and v != ""]
        if new_offset > 0:
            params.append(("offset", str(new_offset)))
        return request.url.path + ("?" + urlencode(params) if params else "")

    return {"first": offset + 1 if total and offset < total else 0, "last": min(total, offset + limit),
            "total": total,
            "prev": url(max(0, offset - limit)) if offset > 0 else None,
            "next": url(offset + limit) if offset + limit < total else None}


def _api_link(request: Request, path: str) -> str:
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if v != ""])
    return path + ("?" + query if query else "")


def download_link(request: Request) -> str:
    """This list as CSV: its filters kept, paging dropped (a download starts at the first record)."""
    params = [(k, v) for k, v in request.query_params.multi_items()
              if v != "" and k not in ("offset", "limit", "format")]
    return request.url.path + "?" + urlencode([*params, ("format", "csv")])


# -- pages ----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def timeline(request: Request, since: str | None = None, until: str | None = None, country: str | None = None,
             kind: str | None = None, q: str | None = None, offset: int = Query(0, ge=0, le=MAX_OFFSET),
             limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE), fmt: PageFormat = "html") -> Response:
    store = request.app.state.store
    problems: list[str] = []
    filters = {"since": _date(since, "since", problems), "until": _date(until, "until", problems),
               "country": _clean(country), "kind": _choice(kind, KINDS, "kind", problems), "q": _clean(q)}
    if fmt == "csv":
        return csv_response(tables.exchanges_table(store, **filters))
    result = listed(partial(read.list_exchanges, store), filters, problems, limit, offset)
    stats = read.stats(store)
    return render(request, "timeline.html", {
        "result": result, "filters": filters, "problems": problems, "pager": pager(request, result),
        "chart": chart_of(stats),
        "countries": [row["country"] for row in stats.get("released_per_country", []) if row.get("country")],
        "counts": stats.get("counts", {}), "api": _api_link(request, "/api/exchanges"), "nav": "timeline",
        "download": download_link(request)})


@router.get("/exchanges/{exchange_id}", response_class=HTMLResponse)
def exchange(request: Request, exchange_id: str) -> HTMLResponse:
    x = read.get_exchange(request.app.state.store, exchange_id)
    return render(request, "exchange.html", {"x": x, "api": f"/api/exchanges/{exchange_id}", "nav": "timeline"})


@router.get("/persons", response_class=HTMLResponse)
def persons(request: Request, status: str | None = None, held_by: str | None = None, category: str | None = None,
            q: str | None = None, offset: int = Query(0, ge=0, le=MAX_OFFSET),
             limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE), fmt: PageFormat = "html") -> Response:
    problems: list[str] = []
    filters = {"status": _choice(status, STATUSES, "status", problems), "held_by": _clean(held_by),
               "category": _choice(category, CATEGORIES, "category", problems), "q": _clean(q)}
    if fmt == "csv":
        return csv_response(tables.persons_table(request.app.state.store, **filters))
    result = listed(partial(read.list_persons, request.app.state.store), filters, problems, limit, offset)
    return render(request, "persons.html", {
        "result": result, "filters": filters, "problems": problems, "pager": pager(request, result),
        "api": _api_link(request, "/api/persons"), "nav": "persons",
        "download": download_link(request)})


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person(request: Request, person_id: str) -> HTMLResponse:
    p = read.get_person(request.app.state.store, person_id)
    return render(request, "person.html", {"p": p, "api": f"/api/persons/{person_id}", "nav": "persons"})


@router.get("/held", response_class=HTMLResponse)
def held(request: Request, held_by: str | None = None, fmt: PageFormat = "html") -> Response:
    store, holder, problems = request.app.state.store, _clean(held_by), []
    if fmt == "csv":
        return csv_response(tables.held_table(store, held_by=holder))
    try:
        result = read.still_held(store, held_by=holder, limit=HELD_LIMIT)
    except NotFound as e:
        if e.code != "no_match":
            raise
        problems.append(e.message)
        result = {"holders": [], "total": 0, "truncated": False, "today": date.today().isoformat(), "summary": []}
    everyone = result["total"]
    if everyone >= HELD_LIMIT:      # a page of thousands helps no one: say how many, offer the paged list
        everyone = read.list_persons(store, status="detained", held_by=holder, limit=1)["total"]
    return render(request, "held.html", {"result": result, "held_by": holder, "everyone": everyone,
                                         "problems": problems, "api": _api_link(request, "/api/held"), "nav": "held",
                                         "download": download_link(request)})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str | None = None, fmt: PageFormat = "html") -> Response:
    """A query the search refuses (too long, too many words) is a 422 with the form, the
    query as far as it may go, and why; everything else as ``read.search`` gives it."""
    query, problems, result = _clean(q), [], None
    if fmt == "csv":
        return csv_response(tables.search_table(request.app.state.store, query, limit=SEARCH_LIMIT))
    if query:
        try:
            result = read.search(request.app.state.store, query, limit=SEARCH_LIMIT)
        except InvalidRequest as e:
            problems.append(e.message)
            query = query[:MAX_TEXT_CHARS]
    return render(request, "search.html", {"q": query, "result": result, "problems": problems,
                                           "api": _api_link(request, "/api/search") if result else None,
                                           "download": download_link(request) if result else None,
                                           "nav": "search"}, status_code=422 if problems else 200)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, relevant: str | None = None, q: str | None = None,
             offset: int = Query(0, ge=0, le=MAX_OFFSET),
             limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE), fmt: PageFormat = "html") -> Response:
    problems: list[str] = []
    choice = _choice(relevant, ("yes", "no"), "relevant", problems)
    flag = {"yes": True, "no": False}.get(choice or "")
    if fmt == "csv":
        return csv_response(tables.articles_table(request.app.state.store, relevant=flag, q=_clean(q)))
    result = read.list_articles(request.app.state.store, relevant=flag, q=_clean(q), limit=limit, offset=offset)
    return render(request, "articles.html", {
        "result": result, "filters": {"relevant": choice, "q": _clean(q)}, "problems": problems,
        "pager": pager(request, result), "api": _api_link(request, "/api/articles"), "nav": "articles",
        "download": download_link(request)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    a = read.get_article(request.app.state.store, article_id)
    headline, text = marked_article(a)
    return render(request, "article.html", {"a": a, "headline": headline, "text": text,
                                            "sentences": used_sentences(a.get("used") or ()),
                                            "api": f"/api/articles/{article_id}", "nav": "articles"})
