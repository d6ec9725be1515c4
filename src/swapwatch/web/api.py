"""The JSON API under /api (OpenAPI at /api/docs): thin wrappers around ``swapwatch.read``.

Reads are plain ``def`` routes, which FastAPI runs in its thread pool: database work never
holds the event loop, so one slow answer does not stall every other client (issue 12); each
runs within the request's time budget (``web/budget.py``). Every parameter has a bound
(``params``): ``limit`` at most 500, ``offset`` at most 2,000,000, text at most 200 characters
and 8 words. Answers are serialised once, straight to bytes (``FastJSON``), without FastAPI's
per-field encoding pass: the records from ``swapwatch.read`` are JSON-ready.
"""
from __future__ import annotations

import hmac
import json
import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from .. import read
from ..errors import InvalidRequest
from ..params import MAX_OFFSET, MAX_TEXT_CHARS
from ..publish import tables
from ..settings import load_settings

router = APIRouter(tags=["swapwatch"])

MAX_UPLOAD_BYTES = 2 * 1024 * 1024      # one article as JSON; bigger bodies get 413 before they are read
MAX_UPLOAD_DEPTH = 16                   # one article is one flat object; Python's parser recurses per level
MAX_QUERY_CHARS = MAX_TEXT_CHARS

Kind = Literal["swap", "unilateral_release", "pow_exchange", "hostage_prisoner_exchange"]
Status = Literal["detained", "released", "exchanged", "died_in_custody"]
Category = Literal["journalist", "politician", "activist", "human_rights", "academic", "artist", "spy", "military",
                   "pow", "hacker", "criminal", "businessperson", "athlete", "teacher", "civilian", "other"]
Limit = Annotated[int, Query(ge=1, le=read.MAX_LIMIT, description="Items per page (1..500).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS,
                                   description="Words to look for (at most 200 characters and 8 words).")]
Party = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS,
                                    description="A country, any spelling: 'Russia', 'Russian Federation', 'US'. "
                                                "None close: 404 naming the closest.")]


Format = Annotated[Literal["json", "csv"], Query(alias="format", description="json, or csv: every record the "
                   "filters match (from the first, at most 2,000; paging ignored) as a download.")]


class FastJSON(Response):
    """JSON straight from a JSON-ready dict: compact, UTF-8, no NaN."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _store(request: Request):
    return request.app.state.store


def csv_response(table: tables.Table) -> Response:
    """A download: ``Content-Disposition`` names the file; ``X-Swapwatch-Truncated`` says whether
    more records matched than it holds."""
    return Response(table.csv().encode("utf-8"), media_type=tables.MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{table.filename}"',
        "X-Swapwatch-Truncated": "true" if table.truncated else "false"})


@router.get("/health", summary="Liveness and record counts", response_class=FastJSON)
def health(request: Request) -> FastJSON:
    return FastJSON({"status": "ok", "counts": _store(request).counts()})


@router.get("/exchanges", summary="Exchanges, newest first, filtered and paginated", response_class=FastJSON)
def exchanges(request: Request,
              since: Annotated[date | None, Query(description="On or after this day (YYYY-MM-DD).")] = None,
              until: Annotated[date | None, Query(description="On or before this day (YYYY-MM-DD).")] = None,
              country: Party = None, kind: Kind | None = None, q: Text = None,
              limit: Limit = 50, offset: Offset = 0, fmt: Format = "json") -> Response:
    """``country`` matches either party of any side (who released or who received)."""
    if fmt == "csv":
        return csv_response(tables.exchanges_table(_store(request), since=since, until=until, country=country,
                                                   kind=kind, q=q))
    return FastJSON(read.list_exchanges(_store(request), since=since, until=until, country=country, kind=kind, q=q,
                                        limit=limit, offset=offset))


@router.get("/exchanges/{exchange_id}", summary="One exchange: sides, people, balance, evidence, conflicts",
            response_class=FastJSON)
def exchange(request: Request, exchange_id: str) -> FastJSON:
    return FastJSON(read.get_exchange(_store(request), exchange_id))


@router.get("/persons", summary="People who were or are held, by name, filtered and paginated",
            response_class=FastJSON)
def persons(request: Request, status: Status | None = None, held_by: Party = None, category: Category | None = None,
            q: Text = None, limit: Limit = 50, offset: Offset = 0, fmt: Format = "json") -> Response:
    if fmt == "csv":
        return csv_response(tables.persons_table(_store(request), status=status, held_by=held_by, category=category,
                                                 q=q))
    return FastJSON(read.list_persons(_store(request), status=status, held_by=held_by, category=category, q=q,
                                      limit=limit, offset=offset))


@router.get("/persons/{person_id}", summary="One person: status history, charges, exchanges, evidence",
            response_class=FastJSON)
def person(request: Request, person_id: str) -> FastJSON:
    return FastJSON(read.get_person(_store(request), person_id))


@router.get("/held", summary="Everyone whose latest status is detained, grouped by holder", response_class=FastJSON)
def held(request: Request, held_by: Party = None,
         limit: Annotated[int, Query(ge=1, le=read.MAX_LIMIT, description="At most this many people, 1..500 "
                                     "('truncated' says whether there were more; the paged list "
                                     "/api/persons?status=detained has everyone).")] = read.MAX_LIMIT,
         fmt: Format = "json") -> Response:
    if fmt == "csv":
        return csv_response(tables.held_table(_store(request), held_by=held_by))
    return FastJSON(read.still_held(_store(request), held_by=held_by, limit=limit))


@router.get("/articles", summary="Ingested articles with their relevance decision", response_class=FastJSON)
def articles(request: Request, relevant: bool | None = None, q: Text = None, limit: Limit = 50,
             offset: Offset = 0, fmt: Format = "json") -> Response:
    if fmt == "csv":
        return csv_response(tables.articles_table(_store(request), relevant=relevant, q=q))
    return FastJSON(read.list_articles(_store(request), relevant=relevant, q=q, limit=limit, offset=offset))


@router.get("/articles/{article_id}", summary="One article: metadata, text and the sentences used as evidence",
            response_class=FastJSON)
def article(request: Request, article_id: str) -> FastJSON:
    return FastJSON(read.get_article(_store(request), article_id))


@router.get("/stats", summary="People released per month and per country, categories per side",
            response_class=FastJSON)
def stats(request: Request) -> FastJSON:
    return FastJSON(read.stats(_store(request)))


@router.get("/search", summary="Search names and aliases, places and parties, article titles and text",
            response_class=FastJSON)
def search(request: Request,
           q: Annotated[str, Query(max_length=MAX_QUERY_CHARS,
                                   description="Words to look for (required; at most 200 characters and 8 words).")],
           limit: Annotated[int, Query(ge=1, le=100, description="Results per kind.")] = 20,
           fmt: Format = "json") -> Response:
    if fmt == "csv":
        return csv_response(tables.search_table(_store(request), q, limit=limit))
    return FastJSON(read.search(_store(request), q, limit=limit))


def _check_token(request: Request) -> None:
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, "uploads are off: the server was started without a token")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


_NESTING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _check_depth(body: bytes) -> None:
    """Refuse JSON nested deeper than MAX_UPLOAD_DEPTH before parsing it (a body of 100,000
    brackets would exhaust the parser's recursion). Strings are skipped as one token each, so
    an article's text costs one match."""
    if body.count(b"[") + body.count(b"{") <= MAX_UPLOAD_DEPTH:
        return
    depth = 0
    for token in _NESTING.finditer(body):
        bracket = token.group()
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > MAX_UPLOAD_DEPTH:
                raise InvalidRequest(f"the body is nested more than {MAX_UPLOAD_DEPTH} levels deep")
        elif bracket in (b"]", b"}"):
            depth -= 1


def _one_object(body: bytes) -> dict:
    """The body as one JSON object, its nesting checked first (run off the event loop: up to 2 MB)."""
    _check_depth(body)
    try:
        record = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise InvalidRequest(f"the body is not JSON: {e}") from e
    if not isinstance(record, dict):
        raise InvalidRequest("the body must be one JSON object")
    return record


async def _bounded_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and (not declared.isdigit() or int(declared) > MAX_UPLOAD_BYTES):
        raise HTTPException(413, f"the body is over the {MAX_UPLOAD_BYTES:,}-byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"the body is over the {MAX_UPLOAD_BYTES:,}-byte limit")
    return bytes(body)


@router.post("/articles", summary="Upload one article (JSON: title, text, published, url, outlet); "
             "needs the server's token", response_class=FastJSON, status_code=201)
async def upload(request: Request) -> FastJSON:
    """Off unless the server has a token (``--token`` / SWAPWATCH_TOKEN): 403 without one,
    401 for a missing or wrong ``Authorization: Bearer`` header."""
    _check_token(request)
    record = await run_in_threadpool(_one_object, await _bounded_body(request))
    from ..service import ingest_record

    store = request.app.state.store
    outcome = await run_in_threadpool(ingest_record, store, record, load_settings(store.url))
    read.forget(store)
    return FastJSON(outcome.to_dict(), status_code=201 if outcome.created else 200)
