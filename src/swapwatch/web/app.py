"""The FastAPI application: routers, static files, security headers and one error shape.

Pages and API read the same functions in ``swapwatch.read``: a page is the API's answer rendered
by a template (the way datasette serves a page and its ``.json``).
"""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import SwapwatchError
from ..settings import load_settings

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
                    405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type"}


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
               answer_cache: bool | None = None) -> FastAPI:
    """The app over ``store`` (or a store opened from ``db``, a path or URL).

    ``answer_cache`` keeps whole API answers until the database changes (``web/cache.py``);
    default on, ``SWAPWATCH_ANSWER_CACHE=0`` turns it off (to measure the queries themselves).
    """
    from ..store import browse, open_store
    from .. import read
    from . import api, curations, docs, pages
    from .cache import CachedAnswers

    if store is None:
        store = open_store(load_settings(db).db_url)
    browse.prepare_search(store.engine)     # SQLite's search tables, made once (see there)
    app = FastAPI(title="swapwatch", summary="Prisoner exchanges, releases and the people still held, "
                  "each fact with the sentence that states it.", docs_url=None,
                  openapi_url="/api/openapi.json", redoc_url=None)
    app.state.store = store
    app.state.token = token or None

    app.add_middleware(SecurityHeaders)
    if answer_cache is None:
        answer_cache = os.environ.get("SWAPWATCH_ANSWER_CACHE", "1") != "0"
    if answer_cache:       # outermost: a kept answer already carries the security headers
        app.add_middleware(CachedAnswers, version=lambda: read.data_version(store))

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    @app.exception_handler(SwapwatchError)
    async def swapwatch_error(request: Request, exc: SwapwatchError) -> Response:
        if wants_json(request):
            return JSONResponse(error_body(exc.http_status, exc.code, exc.message), status_code=exc.http_status)
        return pages.error_page(request, exc.http_status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_ERROR_CODES.get(exc.status_code, "http_error")
        if wants_json(request):
            return JSONResponse(error_body(exc.status_code, code, str(exc.detail)), status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        # Runs outside the middleware stack: the security headers are set here.
        message = "internal error: the server could not answer this request"
        if wants_json(request):
            return JSONResponse(error_body(500, "internal_error", message), status_code=500, headers=SECURITY_HEADERS)
        response = pages.error_page(request, 500, message)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        if wants_json(request):
            return JSONResponse(error_body(422, "invalid_request", message), status_code=422)
        return pages.error_page(request, 422, message)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return pages.render(request, "api_docs.html", {"ref": docs.api_reference(app.openapi()),
                                                       "api": "/api/openapi.json", "nav": "api"})

    app.include_router(api.router, prefix="/api")
    curations.install(app)              # /api/curations, /api/review, /review, /signin, /curate
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (what ``swapwatch serve --workers N`` runs in each
    worker process): the database from SWAPWATCH_DB, the upload token from SWAPWATCH_TOKEN."""
    return create_app(os.environ.get("SWAPWATCH_DB") or None, token=os.environ.get("SWAPWATCH_TOKEN") or None)
