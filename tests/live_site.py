"""A small web site on 127.0.0.1 for the live-ingest tests: feeds, article pages and every
misbehaviour a polite client must survive (a slow page, a 500, a 429 with Retry-After, a
redirect loop, a 50 MB page, a path robots.txt forbids). Every request is logged, so tests
assert on what was (not) fetched. The articles are invented, written for these tests."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = {
    "a1": ("Fishermen freed after eight months in coastal jail", "2025-02-03",
           "The authorities of Veloria released three fishermen from Sandport on Monday after holding them "
           "for eight months on charges of illegal fishing. Their families met them at the harbour. "
           "A lawyer for the men said they had been detained without trial since June."),
    "a2": ("Journalist returns home after prisoner release", "2025-02-04",
           "Reporter Mara Ilvento was released from prison in Drossia on Tuesday and flew home the same "
           "evening. She had been held for a year on spying charges that her newspaper called invented. "
           "Diplomats from both countries had negotiated her release for months."),
    "a3": ("Aid worker released by armed group", "2025-02-05",
           "An aid worker kidnapped in the northern hills was released by the armed group that had held "
           "him for six weeks, the charity he works for said on Wednesday. He is in good health."),
    "a4": ("Two students freed on bail", "2025-02-06",
           "Two students arrested during a protest in the capital were freed on bail on Thursday, their "
           "lawyer said, while charges of public disorder remain against them."),
    "slow": ("Teacher released after appeal", "2025-02-07",
             "A teacher jailed for a social media post was released after an appeals court cut his "
             "sentence to time served, his family said on Friday."),
}


def article_html(key: str, *, dated: bool = True) -> bytes:
    title, published, text = ARTICLES[key]
    meta = f'<meta property="article:published_time" content="{published}">' if dated else ""
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in text.split(". ") if sentence.strip())
    return (f"<!doctype html><html lang='en'><head><title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Example News</footer></body></html>").encode()


def rss(items: list[str], base: str, title: str = "Example News: world") -> bytes:
    entries = "".join(
        f"<item><title>{ARTICLES[k][0]}</title><link>{base}/articles/{k}.html</link>"
        f"<guid>{base}/articles/{k}.html</guid><pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate></item>"
        for k in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link><description>invented news</description>{entries}</channel></rss>").encode()


def atom(items: list[str], base: str) -> bytes:
    entries = "".join(
        f"<entry><title>{ARTICLES[k][0]}</title><link href='{base}/articles/{k}.html'/>"
        f"<id>urn:example:{k}</id><updated>2025-02-05T09:00:00Z</updated></entry>" for k in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Example News: rights</title><id>urn:example:feed</id><updated>2025-02-05T09:00:00Z</updated>"
            f"{entries}</feed>").encode()


@dataclass
class Reply:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class Site:
    """Routes (path -> a function of the request's headers giving a Reply) and the request log."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[dict[str, str]], Reply]] = {}
        self.log: list[tuple[str, dict[str, str], int]] = []     # (path, request headers, status answered)
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                route = site.routes.get(self.path.split("?")[0])
                reply = route(headers) if route else Reply(404, b"not here", {"Content-Type": "text/plain"})
                with site._lock:
                    site.log.append((self.path, headers, reply.status))
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if isinstance(reply.body, bytes):
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    chunks = [reply.body] if isinstance(reply.body, bytes) else reply.body()
                    for chunk in chunks:
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass            # the client stopped reading (the size cap): fine

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "Site":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def requests_for(self, path: str) -> list[tuple[str, dict[str, str], int]]:
        with self._lock:
            return [r for r in self.log if r[0] == path]

    def count(self, path: str) -> int:
        return len(self.requests_for(path))

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", **kw) -> None:
        self.routes[path] = lambda h: Reply(200, body, {"Content-Type": content_type}, **kw)

    def feed(self, path: str, body: Callable[[], bytes] | bytes, *, etag: Callable[[], str] | str | None = None,
             content_type: str = "application/rss+xml") -> None:
        """A feed answering If-None-Match with 304 while its ETag holds."""
        def reply(headers: dict[str, str]) -> Reply:
            tag = etag() if callable(etag) else etag
            if tag and headers.get("if-none-match") == tag:
                return Reply(304, b"", {"ETag": tag})
            data = body() if callable(body) else body
            return Reply(200, data, {"Content-Type": content_type, **({"ETag": tag} if tag else {}),
                                     "Last-Modified": "Mon, 03 Feb 2025 10:00:00 GMT"})
        self.routes[path] = reply


def standard_site() -> Site:
    """The fixture site: robots.txt, five article pages and the misbehaving paths."""
    site = Site()
    site.page("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    for key in ARTICLES:
        site.page(f"/articles/{key}.html", article_html(key))
    site.routes["/articles/slow.html"] = lambda h: Reply(200, article_html("slow"), {"Content-Type": "text/html"},
                                                          delay=site.slow_delay)
    site.slow_delay = 3.0
    site.page("/undated.html", article_html("a4", dated=False))
    site.page("/private/secret.html", article_html("a1"))
    site.routes["/error.html"] = lambda h: Reply(500, b"boom", {"Content-Type": "text/plain"})
    busy = {"n": 0}

    def too_many(headers: dict[str, str]) -> Reply:
        busy["n"] += 1
        if busy["n"] == 1:
            return Reply(429, b"slow down", {"Retry-After": "1", "Content-Type": "text/plain"})
        return Reply(200, article_html("a3"), {"Content-Type": "text/html"})

    site.routes["/busy.html"] = too_many
    site.routes["/patience.html"] = lambda h: Reply(429, b"", {"Retry-After": "3600"})
    site.routes["/loop/a"] = lambda h: Reply(302, b"", {"Location": "/loop/b"})
    site.routes["/loop/b"] = lambda h: Reply(302, b"", {"Location": "/loop/a"})
    site.routes["/moved.html"] = lambda h: Reply(301, b"", {"Location": "/articles/a2.html"})

    def huge() -> Iterator[bytes]:
        chunk = b"<p>" + b"filler words about nothing in particular " * 1500 + b"</p>\n"
        sent = 0
        yield b"<!doctype html><html><head><title>Huge</title></head><body><article>"
        while sent < 50 * 1024 * 1024:
            yield chunk
            sent += len(chunk)
        yield b"</article></body></html>"

    site.routes["/huge.html"] = lambda h: Reply(200, huge, {"Content-Type": "text/html"})
    site.page("/picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
    return site
