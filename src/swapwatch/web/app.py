"""The FastAPI application: routers, static files, security headers and one error shape.

Pages and API read the same functions in ``swapwatch.read``: a page is the API's answer rendered
by a template (the way datasette serves a page and its ``.json``).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import SwapwatchError
from ..settings import Settings, load_settings

STATIC = Path(__file__).parent / "static"

# Article text is untrusted: no inline script or style may run, nothing loads from elsewhere.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


HTTP_ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                    405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
                    503: "over_budget"}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (unless a route set its own).

    A plain ASGI wrapper: Starlette's ``@app.middleware("http")`` runs each request through
    an extra task and response stream, which cost more than a whole indexed API answer.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_body(status: int, code: str, message: str) -> dict:
    """The one JSON error shape of the API."""
    return {"error": {"status": status, "code": code, "message": message}}


def create_app(db: str | None = None, *, store=None, token: str | None = None,
               answer_cache: bool | None = None, settings: Settings | None = None, serving: bool = False) -> FastAPI:
    """The app over ``store`` (or a store opened from ``db``, a path or URL).

    ``answer_cache`` keeps whole API answers until the database changes (``web/cache.py``);
    default on, ``SWAPWATCH_ANSWER_CACHE=0`` turns it off (to measure the queries themselves).
    ``settings`` (default: ``load_settings``) give each request's time budget and the turns
    (``web/budget.py``). ``serving`` (what ``swapwatch serve`` asks for) tunes this process
    for serving (``budget.tune_for_serving``) and computes the statistics in the background at
    once: on a big database they take seconds, more than a request's budget.
    """
    from ..store import browse, open_store
    from .. import read
    from . import api, curations, docs, pages, publish
    from .budget import RequestBudget, busy_headers, tune_for_serving, warm_up
    from .cache import CachedAnswers, QueryNames
    from .http import HeadAsGet, slash_redirect

    settings = settings or load_settings(db if store is None else store.url)
    if store is None:
        store = open_store(settings.db_url)
    browse.prepare_search(store.engine)     # the search structures, made once where writable (see there)
    # redirect_slashes off: Starlette's redirect echoes the Host header; slash_redirect's is relative.
    app = FastAPI(title="swapwatch", summary="Prisoner exchanges, releases and the people still held, "
                  "each fact with the sentence that states it.", docs_url=None,
                  openapi_url="/api/openapi.json", redoc_url=None, redirect_slashes=False)
    app.state.store = store
    app.state.token = token or None

    app.add_middleware(RequestBudget, seconds=settings.request_budget_s, slots=settings.request_slots)
    app.add_middleware(SecurityHeaders)
    if answer_cache is None:
        answer_cache = os.environ.get("SWAPWATCH_ANSWER_CACHE", "1") != "0"
    if answer_cache:       # outside the budget: a kept answer already carries the security headers
        app.add_middleware(CachedAnswers, version=lambda: read.data_version(store),
                           query_names=QueryNames(app.openapi))
    app.add_middleware(HeadAsGet)           # outermost: the cache and the routes see a GET

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    async def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        # Rendering is CPU work: in the thread pool, not on the event loop every client waits on.
        return await run_in_threadpool(pages.error_page, request, status, message)

    @app.exception_handler(SwapwatchError)
    async def swapwatch_error(request: Request, exc: SwapwatchError) -> Response:
        headers = busy_headers() if exc.http_status == 503 else None
        if wants_json(request):
            return JSONResponse(error_body(exc.http_status, exc.code, exc.message), status_code=exc.http_status,
                                headers=headers)
        response = await error_page(request, exc.http_status, exc.message)
        response.headers.update(headers or {})
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and (redirect := slash_redirect(app, request)) is not None:
            return redirect
        code = HTTP_ERROR_CODES.get(exc.status_code, "http_error")
        if wants_json(request):
            return JSONResponse(error_body(exc.status_code, code, str(exc.detail)), status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return await error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        # Runs outside the middleware stack: the security headers are set here.
        message = "internal error: the server could not answer this request"
        if wants_json(request):
            return JSONResponse(error_body(500, "internal_error", message), status_code=500, headers=SECURITY_HEADERS)
        response = await error_page(request, 500, message)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        if wants_json(request):
            return JSONResponse(error_body(422, "invalid_request", message), status_code=422)
        return await error_page(request, 422, message)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return pages.render(request, "api_docs.html", {"ref": docs.api_reference(app.openapi()),
                                                       "api": "/api/openapi.json", "nav": "api"})

    app.include_router(api.router, prefix="/api")
    curations.install(app)              # /api/curations, /api/review, /review, /signin, /curate
    app.include_router(publish.router)     # /feeds/*.atom
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if serving:                             # with every route in place: the OpenAPI is made from them
        tune_for_serving()
        threading.Thread(target=warm_up, args=(store, app.openapi), name="swapwatch-warm-up", daemon=True).start()
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (what ``swapwatch serve --workers N`` runs in each
    worker process): the database from SWAPWATCH_DB, the upload token from SWAPWATCH_TOKEN."""
    return create_app(os.environ.get("SWAPWATCH_DB") or None, token=os.environ.get("SWAPWATCH_TOKEN") or None,
                      serving=True)
