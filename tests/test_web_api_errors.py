"""Every API error has one JSON shape; uploads need the configured token; docs work offline.

An empty database is enough for errors and docs (unknown ids are unknown anywhere);
the upload tests ingest one made-up article through the real pipeline.
"""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from swapwatch.web.app import CONTENT_SECURITY_POLICY, create_app

TOKEN = "correct horse battery staple"

# (method, path, status, code): bad input, unknown ids, unknown routes, wrong methods.
ERRORS = [
    ("GET", "/api/exchanges/x-nope", 404, "not_found"),
    ("GET", "/api/persons/p-nope", 404, "not_found"),
    ("GET", "/api/articles/nope", 404, "not_found"),
    ("GET", "/api/nothing-here", 404, "not_found"),
    ("GET", "/api/exchanges?limit=0", 422, "invalid_request"),
    ("GET", "/api/exchanges?limit=501", 422, "invalid_request"),
    ("GET", "/api/exchanges?offset=-1", 422, "invalid_request"),
    ("GET", "/api/exchanges?since=yesterday", 422, "invalid_request"),
    ("GET", "/api/exchanges?until=2022-13-45", 422, "invalid_request"),
    ("GET", "/api/exchanges?kind=war", 422, "invalid_request"),
    ("GET", "/api/exchanges?country=" + "x" * 300, 422, "invalid_request"),
    ("GET", "/api/persons?status=lost", 422, "invalid_request"),
    ("GET", "/api/persons?category=wizard", 422, "invalid_request"),
    ("GET", "/api/persons?limit=abc", 422, "invalid_request"),
    ("GET", "/api/held?limit=0", 422, "invalid_request"),
    ("GET", "/api/articles?relevant=maybe", 422, "invalid_request"),
    ("GET", "/api/search", 422, "invalid_request"),
    ("GET", "/api/search?q=", 422, "invalid_request"),
    ("GET", "/api/search?q=%20%20", 422, "invalid_request"),
    ("GET", "/api/search?q=" + "a" * 201, 422, "invalid_request"),
    ("GET", "/api/search?q=x&limit=0", 422, "invalid_request"),
    # issue 12: every parameter bounded, none a 500
    ("GET", "/api/search?q=" + "+".join(["word"] * 9), 422, "invalid_request"),
    ("GET", "/api/persons?q=" + "+".join(["word"] * 9), 422, "invalid_request"),
    ("GET", "/api/held?limit=100000", 422, "invalid_request"),
    ("GET", "/api/exchanges?offset=9223372036854775808", 422, "invalid_request"),
    ("GET", "/api/articles?limit=9223372036854775808", 422, "invalid_request"),
    ("GET", "/api/persons?held_by=%00", 422, "invalid_request"),
    ("GET", "/api/held?held_by=Iran%00", 422, "invalid_request"),
    ("GET", "/api/exchanges?country=%00", 422, "invalid_request"),
    ("GET", "/api/persons/p-%00", 422, "invalid_request"),
    ("DELETE", "/api/exchanges", 405, "method_not_allowed"),
    ("PUT", "/api/exchanges/x-1", 405, "method_not_allowed"),
    ("POST", "/api/persons", 405, "method_not_allowed"),
    ("PATCH", "/api/persons/p-1", 405, "method_not_allowed"),
    ("POST", "/api/held", 405, "method_not_allowed"),
    ("DELETE", "/api/articles/a-1", 405, "method_not_allowed"),
    ("POST", "/api/stats", 405, "method_not_allowed"),
    ("POST", "/api/search?q=x", 405, "method_not_allowed"),
    ("POST", "/api/health", 405, "method_not_allowed"),
    ("POST", "/api/articles", 403, "forbidden"),          # no token configured: uploads are off
    ("POST", "/api/curations", 401, "unauthorized"),      # curation writes need a curator's token
    ("POST", "/api/curations/X/undo", 422, "invalid_request"),
    ("GET", "/api/curations?token=secret", 401, "unauthorized"),   # never a token in the URL
    ("GET", "/api/review?limit=0", 422, "invalid_request"),
]


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    from test_web_api import module_db_url

    yield from module_db_url.__wrapped__(tmp_path_factory, request)


@pytest.fixture(scope="module")
def client(empty_url: str):
    with TestClient(create_app(empty_url)) as c:
        yield c


def assert_error(r, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == {"error": {"status": status, "code": code, "message": r.json()["error"]["message"]}}
    assert isinstance(r.json()["error"]["message"], str) and r.json()["error"]["message"]
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("method, path, status, code", ERRORS, ids=[f"{m} {p[:40]}" for m, p, *_ in ERRORS])
def test_every_error_has_one_shape(client, method, path, status, code):
    assert_error(client.request(method, path), status, code)


def test_the_error_cases_cover_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    templates = {re.sub(r"\{[^}]+\}", "X", p) for p in spec["paths"]}
    hit = {re.sub(r"/(x|p|a)-[^/?]+$|/nope$", "/X", p.split("?")[0]) for _, p, *_ in ERRORS}
    assert templates - {"/api/health"} <= hit, templates - hit


def test_docs_list_every_route_offline(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and len(spec["paths"]) >= 10
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    html = page.text
    for path, ops in spec["paths"].items():
        assert f"<code>{path}</code>" in html, path
        for method in ops:
            assert f'id="{method}{path}'.replace("{", "").replace("}", "").replace("/", "-") in html
    assert "<script" not in html.lower() and " style=" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "everything must load from this server"


def test_health_answers_counts(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["counts"]["exchanges"] == 0


# -- upload -----------------------------------------------------------------------------

HOSTILE_TITLE = "Reporter <b>Nadia Orlova</b> detained in Minsk"
ARTICLE = {
    "title": HOSTILE_TITLE,
    "published": "2031-03-04",
    "url": "https://example.org/orlova",
    "outlet": "Test Wire",
    "text": ("Belarusian authorities detained journalist Nadia Orlova in Minsk on Tuesday, her newspaper said. "
             "Orlova, a reporter for the Test Wire, was charged with espionage and faces up to 15 years in prison. "
             "Her lawyer said she remains in detention in Minsk."),
}


@pytest.fixture(scope="module")
def writer(empty_url: str):
    with TestClient(create_app(empty_url, token=TOKEN)) as c:
        yield c


def test_upload_without_a_configured_token_is_off(client):
    r = client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(r, 403, "forbidden")


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"bearer {TOKEN}x"])
def test_upload_with_a_missing_or_wrong_token_is_refused(writer, header):
    r = writer.post("/api/articles", json=ARTICLE, headers={"Authorization": header} if header else {})
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("body, status, code", [
    (b"not json", 422, "invalid_request"),
    (b"[1, 2]", 422, "invalid_request"),
    (b'{"title": "no text"}', 422, "invalid_request"),
    (b'{"text": "   "}', 422, "invalid_request"),
    (b'{"text": "' + b"x" * (3 * 1024 * 1024) + b'"}', 413, "too_large"),
])
def test_bad_uploads_are_refused_in_the_error_shape(writer, body, status, code):
    r = writer.post("/api/articles", content=body,
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert_error(r, status, code)


def test_upload_with_the_token_ingests_the_article(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/articles", json=ARTICLE, headers=auth)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["created"] is True and created["relevant"] is True
    article = writer.get(f"/api/articles/{created['id']}").json()
    assert article["title"] == HOSTILE_TITLE            # JSON carries the text as data, unescaped
    assert article["published"] == "2031-03-04"
    assert any(u["record_name"] == "Nadia Orlova" for u in article["used"])
    found = writer.get("/api/search", params={"q": "orlova"}).json()
    assert [p["name"] for p in found["persons"]] == ["Nadia Orlova"]
    assert found["articles"][0]["id"] == created["id"]
    held = writer.get("/api/persons", params={"status": "detained"}).json()
    assert held["total"] == 1 and held["items"][0]["category"] == ["journalist"]
    again = writer.post("/api/articles", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False
