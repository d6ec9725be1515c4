"""HTTP details every route shares: HEAD answered like GET, and slash redirects that never
echo the request's Host header (issue 12)."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """HEAD runs the GET route and sends its status and headers (Content-Length included)
    without the body, so every page and API read answers HEAD rather than 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {"type": "http.response.body", "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        # A copy: the server keeps its own scope, which still says HEAD.
        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _matches(app: FastAPI, scope: Scope, path: str) -> Match:
    best = Match.NONE
    for route in app.router.routes:
        match, _ = route.matches({**scope, "path": path})
        if match is Match.FULL:
            return match
        if match is Match.PARTIAL:
            best = match
    return best


def slash_redirect(app: FastAPI, request: Request) -> Response | None:
    """For a GET that no route takes: a redirect to the same path with its trailing slash
    added or dropped, where a route takes that. The Location is relative (Starlette's own
    redirect, turned off in ``create_app``, builds an absolute URL from the Host header)."""
    scope, path = request.scope, request.url.path
    if scope["method"] not in ("GET", "HEAD") or path == "/" or _matches(app, scope, path) is not Match.NONE:
        return None
    other = path[:-1] if path.endswith("/") else path + "/"
    if other.startswith(("//", "/\\")) or _matches(app, scope, other) is not Match.FULL:   # never off-site
        return None
    query = scope.get("query_string", b"").decode("latin-1")
    return RedirectResponse(other + ("?" + query if query else ""), status_code=307)
