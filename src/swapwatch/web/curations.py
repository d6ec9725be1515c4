"""Curation over HTTP: the open log and review queue, writes with a curator's token, and the
server-rendered forms (sign in, curate, sign out) that work without JavaScript.

- ``/api/curations`` (GET, open): the log with each curation's state; ``/api/review`` (GET,
  open): the review queue. POST ``/api/curations`` and ``/api/curations/{id}/undo`` need a live
  curator's token in ``Authorization: Bearer``; a ``token`` in the query string is refused
  (401) on every route here, since URLs end up in logs and browser history.
- The web forms need a signed-in session (``/signin`` takes a token and sets an HttpOnly,
  SameSite=Strict cookie naming a server-side session) and that session's CSRF token in a
  hidden field. The public site stays read-only: without a session no form is shown and
  ``/curate`` answers 401.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from .. import curate, curators, read
from ..errors import InvalidRequest
from ..merge.confidence import WEIGHTS
from ..publish import tables
from ..read.review import forget_review
from .api import FastJSON, Format, csv_response
from .pages import TEMPLATES, download_link, render
from .publish import PageFormat

MAX_BODY_BYTES = 64 * 1024      # a curation is a few short fields
COOKIE = "swapwatch_session"
LIST_FIELDS = {"names", "category", "charges", "nationality", "mediators"}

api = APIRouter(tags=["curation"])
pages = APIRouter(include_in_schema=False)


def _store(request: Request):
    return request.app.state.store


def refuse_token_in_query(request: Request) -> None:
    if any(k.lower() in ("token", "access_token") for k in request.query_params):
        raise HTTPException(401, "never put a token in the URL (it ends up in logs and history): "
                                 "send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})


def _bearer_curator(request: Request) -> dict[str, Any]:
    refuse_token_in_query(request)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "a curator's token is required: 'Authorization: Bearer <token>' "
                                 "(swapwatch curators add NAME makes one)", headers={"WWW-Authenticate": "Bearer"})
    return curators.check_token(_store(request), token)


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise HTTPException(413, f"the body is over the {MAX_BODY_BYTES:,}-byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise HTTPException(413, f"the body is over the {MAX_BODY_BYTES:,}-byte limit")
    return bytes(body)


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await _body(request) or b"{}")
    except (ValueError, UnicodeDecodeError) as e:
        raise InvalidRequest(f"the body is not JSON: {e}") from e
    if not isinstance(data, dict):
        raise InvalidRequest("the body must be one JSON object")
    return data


def _written(store) -> None:
    read.forget(store)
    forget_review(store)


# -- the API ------------------------------------------------------------------------------------

@api.get("/curations", summary="The curation log, oldest first, with what the last rebuild did with each",
         response_class=FastJSON)
def list_curations(request: Request, state: str | None = Query(None, max_length=20, description="applied, orphaned or undone"),
                   limit: int = Query(500, ge=1, le=read.MAX_LIMIT), offset: int = Query(0, ge=0)) -> FastJSON:
    refuse_token_in_query(request)
    items = curate.list_curations(_store(request))
    if state:
        items = [i for i in items if i["state"] == state]
    return FastJSON({"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset})


@api.post("/curations", summary="Write one curation (needs a curator's token): "
          "{action, reason, ...the action's fields}", response_class=FastJSON, status_code=201)
async def add_curation(request: Request) -> FastJSON:
    curator = _bearer_curator(request)
    data = await _json_body(request)
    action = data.pop("action", None)
    if not isinstance(action, str):
        raise InvalidRequest(f"action is required: one of {', '.join(curate.PERFORMABLE)}")
    store = _store(request)
    result = await run_in_threadpool(curate.perform, store, action, data, curator=curator["name"])
    _written(store)
    return FastJSON(result, status_code=201)


@api.post("/curations/{curation_id}/undo", summary="Undo one curation (needs a curator's token): {reason}",
          response_class=FastJSON, status_code=201)
async def undo_curation(request: Request, curation_id: int) -> FastJSON:
    curator = _bearer_curator(request)
    data = await _json_body(request)
    store = _store(request)
    result = await run_in_threadpool(curate.perform, store, "undo", {**data, "curation": curation_id},
                                     curator=curator["name"])
    _written(store)
    return FastJSON(result, status_code=201)


@api.get("/review", summary="What needs a human, most important first", response_class=FastJSON)
def review(request: Request, limit: int = Query(100, ge=1, le=read.MAX_REVIEW_LIMIT),
           problem: str | None = Query(None, max_length=40, description=", ".join(WEIGHTS)),
           fmt: Format = "json") -> Response:
    refuse_token_in_query(request)
    if fmt == "csv":
        return csv_response(tables.review_table(_store(request), problem=problem))
    return FastJSON(read.review_queue(_store(request), limit=limit, problem=problem))


# -- sessions and the forms -------------------------------------------------------------------------

def signed_in(request: Request) -> dict[str, Any] | None:
    """The signed-in curator ({id, name, csrf}) of this request, looked up once per request."""
    if not hasattr(request.state, "curator"):
        request.state.curator = curators.session_curator(_store(request), request.cookies.get(COOKIE))
    return request.state.curator


def curations_for(request: Request, record_id: str) -> list[dict[str, Any]]:
    """The curations the last rebuild applied to this record (shown to signed-in curators)."""
    if signed_in(request) is None:
        return []
    return [c for c in curate.list_curations(_store(request)) if c["record_id"] == record_id]


async def _form(request: Request) -> dict[str, Any]:
    fields = parse_qs((await _body(request)).decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: (v if k in LIST_FIELDS else v[-1]) for k, v in fields.items()}


def _back(target: Any) -> str:
    """Where to go after a form: a path on this site, never another site."""
    target = str(target or "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target or len(target) > 500:
        return "/review"
    return target


def _checked_session(request: Request, form: dict[str, Any]) -> dict[str, Any]:
    refuse_token_in_query(request)
    curator = signed_in(request)
    if curator is None:
        raise HTTPException(401, "sign in as a curator first (/signin)")
    if not curators.same_csrf(curator["csrf"], form.get("csrf")):
        raise HTTPException(403, "the form's CSRF token does not match this session: reload the page and try again")
    return curator


@pages.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> HTMLResponse:
    return render(request, "signin.html", {"nav": "review", "curator": signed_in(request)})


@pages.post("/signin")
async def signin(request: Request) -> Response:
    refuse_token_in_query(request)
    form = await _form(request)
    session_id, who = curators.sign_in(_store(request), str(form.get("token") or ""))
    response = RedirectResponse(_back(form.get("next")), status_code=303)
    response.set_cookie(COOKIE, session_id, max_age=curators.SESSION_HOURS * 3600, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response


@pages.post("/signout")
async def signout(request: Request) -> Response:
    _checked_session(request, await _form(request))
    curators.sign_out(_store(request), request.cookies.get(COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@pages.post("/curate")
async def curate_form(request: Request) -> Response:
    form = await _form(request)
    curator = _checked_session(request, form)
    store = _store(request)
    action = str(form.pop("action", ""))
    back = _back(form.pop("next", None))
    for key in ("csrf",):
        form.pop(key, None)
    result = await run_in_threadpool(curate.perform, store, action, form, curator=curator["name"])
    _written(store)
    if result.get("state") == "orphaned":
        raise InvalidRequest(f"curation #{result['id']} was stored but could not be applied: {result.get('detail')}")
    if result.get("record_id") and back.startswith(("/exchanges/", "/persons/")) and result["action"] in (
            "merge_persons", "merge_exchanges"):
        back = ("/persons/" if result["action"] == "merge_persons" else "/exchanges/") + result["record_id"]
    sep = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{sep}{urlencode({'curated': result['id']})}", status_code=303)


@pages.get("/review", response_class=HTMLResponse)
def review_page(request: Request, limit: int = Query(100, ge=1, le=read.MAX_REVIEW_LIMIT),
                problem: str | None = Query(None, max_length=40), fmt: PageFormat = "html") -> Response:
    if fmt == "csv":
        return csv_response(tables.review_table(_store(request), problem=problem or None))
    queue = read.review_queue(_store(request), limit=limit, problem=problem or None)
    return render(request, "review.html", {"queue": queue, "problem": problem, "problems": list(WEIGHTS),
                                           "api": "/api/review", "nav": "review",
                                           "download": download_link(request)})


def confidence_for(request: Request, record_id: str) -> float | None:
    """A record's confidence (``merge.confidence``), shown to signed-in curators."""
    return read.confidence_of(_store(request), record_id) if signed_in(request) is not None else None


def install(app: FastAPI) -> None:
    """Add the curation routes to ``app``; give every template ``signed_in``, ``curations_for``
    and ``confidence_for``."""
    TEMPLATES.env.globals.update(signed_in=signed_in, curations_for=curations_for, confidence_for=confidence_for)
    app.include_router(api, prefix="/api")
    app.include_router(pages)
