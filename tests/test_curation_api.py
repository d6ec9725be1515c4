"""Curation over HTTP, on the backend under test (SQLite file or a real PostgreSQL server):
every action through ``POST /api/curations``, undo, the open log and review queue; who may
write (no token, a revoked token, a token in the query string, a wrong CSRF token, no
session); the web forms shown only to a signed-in curator."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from swapwatch import curators
from swapwatch.web.app import create_app

DEMO = Path(__file__).resolve().parents[1] / "examples" / "articles"
BIG_SWAP, ORLOV, VENEZUELA = "x-f8f1f4a60d3f", "x-87b75d0a8bc0", "x-e7e0bc726693"
GORINOV = "p-424da2d8beed"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    from browser_support import ingest_paths, module_database

    with module_database(request, tmp_path_factory, "curation-api") as url:
        ingest_paths(url, [DEMO])
        yield url


@pytest.fixture(scope="module")
def site(demo_url: str):
    """The app, a live curator's token and a revoked one's."""
    from swapwatch.store import open_store

    store = open_store(demo_url)
    _, token = curators.add_curator(store, "Ana Curator")
    _, revoked = curators.add_curator(store, "Old Hand")
    curators.revoke_curator(store, "Old Hand")
    with TestClient(create_app(store=store)) as client:
        yield client, token, revoked, store
    store.close()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _log_size(client) -> int:
    return client.get("/api/curations").json()["total"]


def _error(r, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    assert r.json()["error"]["status"] == status and r.json()["error"]["code"] == code
    return r.json()["error"]["message"]


ACTIONS = [
    {"action": "set_person", "person": "Alexei Gorinov", "status": "released", "status_date": "2025-01-10"},
    {"action": "set_exchange", "exchange": VENEZUELA, "total": 11, "mediators": ["Qatar"]},
    {"action": "confirm", "kind": "person", "ref": "Ilya Yashin", "field": "status"},
    {"action": "set_side", "exchange": BIG_SWAP, "side": "Belarus->Russia", "received_by": "Germany", "count": 16},
    {"action": "add_person", "exchange": BIG_SWAP, "side": "Belarus->Germany", "name": "Rico Krieger"},
    {"action": "remove_person", "exchange": VENEZUELA, "side": "Venezuela->United States", "name": "Savoi Wright"},
    {"action": "merge_exchanges", "exchange": ORLOV, "into": BIG_SWAP},
    {"action": "reject", "kind": "exchange", "ref": BIG_SWAP, "field": "total"},
    {"action": "split_exchange", "exchange": BIG_SWAP, "names": ["Anna Dultseva", "Artem Dultsev"]},
    {"action": "merge_persons", "person": "Anna Dultseva", "into": "Artem Dultsev"},
    {"action": "split_person", "person": "Vadim Krassikov", "names": ["Krasikov"]},
    {"action": "not_detainee", "person": "Alex Saab"},
    {"action": "hide", "kind": "exchange", "ref": "x-7a08bfe44d4b"},
]


def test_every_action_through_the_api_then_undo(site):
    client, token, _, store = site
    start = _log_size(client)
    written = []
    for body in ACTIONS:
        r = client.post("/api/curations", json={**body, "reason": f"api test: {body['action']}"},
                         headers=_bearer(token))
        assert r.status_code == 201, (body, r.text)
        assert r.json()["state"] == "applied" and r.json()["curator"] == "Ana Curator", r.json()
        written.append(r.json())
    assert _log_size(client) == start + len(ACTIONS)
    gorinov = client.get(f"/api/persons/{GORINOV}").json()
    assert gorinov["status"] == "released"
    swap = client.get(f"/api/exchanges/{BIG_SWAP}").json()
    names = {p["name"] for s in swap["sides"] for p in s["persons"]}
    assert "Oleg Orlov" in names and "Rico Krieger" in names and "Anna Dultseva" not in names
    assert swap["total"] is None
    assert client.get("/api/exchanges/x-7a08bfe44d4b").status_code == 404
    assert not client.get("/api/persons", params={"q": "Alex Saab"}).json()["items"]
    listed = {c["id"]: c for c in client.get("/api/curations").json()["items"]}
    assert all(listed[w["id"]]["state"] == "applied" for w in written)

    undo = client.post(f"/api/curations/{written[0]['id']}/undo", json={"reason": "api test: undo"},
                       headers=_bearer(token))
    assert undo.status_code == 201 and undo.json()["action"] == "undo"
    assert client.get(f"/api/persons/{GORINOV}").json()["status"] == "detained"
    assert client.get("/api/curations", params={"state": "undone"}).json()["items"][0]["id"] == written[0]["id"]
    again = client.post(f"/api/curations/{written[0]['id']}/undo", json={"reason": "twice"}, headers=_bearer(token))
    assert "already undone" in _error(again, 422, "invalid_request")


@pytest.mark.parametrize("case", ["no header", "wrong scheme", "unknown token", "revoked token", "token in query",
                                  "token in query too"])
def test_writes_need_a_live_curators_token_in_the_header(site, case):
    client, token, revoked, _ = site
    before = _log_size(client)
    body = {"action": "set_person", "person": "Ilya Yashin", "status": "detained", "reason": "should not land"}
    headers, params = {
        "no header": ({}, {}), "wrong scheme": ({"Authorization": f"Basic {token}"}, {}),
        "unknown token": (_bearer("swc_" + "x" * 43), {}), "revoked token": (_bearer(revoked), {}),
        "token in query": ({}, {"token": token}), "token in query too": (_bearer(token), {"token": token}),
    }[case]
    message = _error(client.post("/api/curations", json=body, headers=headers, params=params), 401, "unauthorized")
    assert ("URL" in message) == case.startswith("token in query")
    _error(client.post("/api/curations/1/undo", json={"reason": "r"}, headers=headers, params=params),
           401, "unauthorized")
    assert _log_size(client) == before


@pytest.mark.parametrize("body, message", [
    ({"action": "set_person", "person": "Ilya Yashin", "status": "released", "reason": "x" * 1001}, "at most 1000"),
    ({"action": "set_person", "person": "Ilya Yashin", "held_by": "y" * 201, "reason": "r"}, "at most 200"),
    ({"action": "split_exchange", "exchange": BIG_SWAP, "names": ["n"] * 51, "reason": "r"}, "at most 50"),
    ({"action": "set_person", "person": "Ilya Yashin", "status": "lost", "reason": "r"}, "status must be one of"),
    ({"action": "fly", "reason": "r"}, "action must be one of"),
    ({"action": "set_person", "person": ["a"], "reason": "r"}, "must be a string"),
    ({"action": "set_person", "person": "Ilya Yashin", "status": "released"}, "reason is required"),
])
def test_bad_curations_are_422_in_the_one_error_shape(site, body, message):
    client, token, _, _ = site
    before = _log_size(client)
    assert message in _error(client.post("/api/curations", json=body, headers=_bearer(token)), 422, "invalid_request")
    assert _log_size(client) == before


def test_a_body_over_the_limit_is_413(site):
    client, token, _, _ = site
    r = client.post("/api/curations", content=b"{" + b" " * 70_000 + b"}", headers=_bearer(token))
    _error(r, 413, "too_large")


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_forms_only_for_a_signed_in_curator_with_the_sessions_csrf_token(site, demo_url):
    _, token, revoked, store = site
    with TestClient(create_app(store=store)) as client:
        public = client.get(f"/persons/{GORINOV}").text
        assert "<form" in public and 'action="/curate"' not in public and "csrf" not in public
        assert 'id="confidence"' not in public
        form = {"action": "set_person", "person": GORINOV, "status": "exchanged", "reason": "web test",
                "next": f"/persons/{GORINOV}"}
        assert client.post("/curate", data={**form, "csrf": "x"}, follow_redirects=False).status_code == 401
        assert client.post("/signin", data={"token": revoked}, follow_redirects=False).status_code == 401
        assert client.post("/signin", data={"token": "nope"}, follow_redirects=False).status_code == 401
        signed = client.post("/signin", data={"token": token}, follow_redirects=False)
        assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
        assert "samesite=strict" in signed.headers["set-cookie"].lower()
        page = client.get(f"/persons/{GORINOV}").text
        assert 'action="/curate"' in page and "Ana Curator" in page and 'id="confidence"' in page
        csrf = _csrf(page)
        before = _log_size(client)
        assert client.post("/curate", data={**form, "csrf": csrf[:-2] + "xx"}, follow_redirects=False).status_code == 403
        assert client.post("/curate", data=form, follow_redirects=False).status_code == 403
        assert client.post("/curate", data={**form, "csrf": csrf}, params={"token": token},
                           follow_redirects=False).status_code == 401
        assert _log_size(client) == before
        done = client.post("/curate", data={**form, "csrf": csrf, "next": "//evil.example/"}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"].startswith("/review?curated=")
        assert client.get(f"/api/persons/{GORINOV}").json()["status"] == "exchanged"
        assert _log_size(client) == before + 1
        assert client.get("/api/curations").json()["items"][-1]["curator"] == "Ana Curator"
        for path in (f"/exchanges/{VENEZUELA}", "/review"):
            assert 'action="/curate"' in client.get(path).text, path
        assert client.post("/signout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
        client.cookies.clear()
        assert 'action="/curate"' not in client.get(f"/persons/{GORINOV}").text

        # revoking a curator ends their web sessions at once
        _, second = curators.add_curator(store, "Short Stay")
        client.post("/signin", data={"token": second}, follow_redirects=False)
        csrf = _csrf(client.get("/review").text)
        curators.revoke_curator(store, "Short Stay")
        assert client.post("/curate", data={**form, "csrf": csrf}, follow_redirects=False).status_code == 401
        assert _log_size(client) == before + 1


def test_review_and_curation_pages_escape_what_they_show(site):
    client, token, _, _ = site
    evil = "<script>alert(1)</script>"
    r = client.post("/api/curations", json={"action": "set_person", "person": "Ilya Yashin", "held_by": evil,
                                            "reason": evil}, headers=_bearer(token))
    assert r.status_code == 201
    client.post("/signin", data={"token": token})
    for path in ("/review", "/persons/p-9070250aa01c", "/signin"):
        html = client.get(path).text
        assert evil not in html, path
    assert "&lt;script&gt;" in client.get("/persons/p-9070250aa01c").text
    assert client.get("/api/review").json()["items"]


def test_curators_through_the_cli_token_shown_once_hash_stored_revoke_stops_it(site, demo_url):
    import json

    from sqlalchemy import select
    from typer.testing import CliRunner

    from swapwatch.cli import app
    from swapwatch.store.schema import CuratorRow

    client, _, _, store = site
    runner = CliRunner()
    added = runner.invoke(app, ["curators", "add", "Cli Curator", "--db", demo_url])
    assert added.exit_code == 0, added.output
    token = added.output.strip().splitlines()[-1]
    assert token.startswith("swc_") and len(token) > 40
    with store.session() as s:
        hashes = list(s.scalars(select(CuratorRow.token_hash).where(CuratorRow.name == "Cli Curator")))
    assert hashes == [curators.token_hash(token)] and token not in hashes[0]
    again = runner.invoke(app, ["curators", "add", "Cli Curator", "--db", demo_url])
    assert again.exit_code == 2 and "exists" in again.output
    listed = json.loads(runner.invoke(app, ["curators", "list", "--json", "--db", demo_url]).output)
    assert {"Cli Curator", "Ana Curator"} <= {c["name"] for c in listed}
    assert all(set(c) == {"id", "name", "created_at", "revoked_at"} for c in listed)      # never a token

    body = {"action": "confirm", "kind": "person", "ref": "Oleg Orlov", "field": "record", "reason": "cli curator"}
    ok = client.post("/api/curations", json=body, headers=_bearer(token))
    assert ok.status_code == 201 and ok.json()["curator"] == "Cli Curator"
    assert runner.invoke(app, ["curators", "revoke", "Cli Curator", "--db", demo_url]).exit_code == 0
    _error(client.post("/api/curations", json=body, headers=_bearer(token)), 401, "unauthorized")
    missing = runner.invoke(app, ["curators", "revoke", "Nobody At All", "--db", demo_url])
    assert missing.exit_code == 1 and "no live curator" in missing.output


def test_a_curated_value_is_never_overwritten_by_a_later_extraction(site, demo_url, tmp_path: Path):
    """A curator holds Gorinov detained (a release report they know to be false); a later article
    reports his release: the extraction changes, the curated value does not."""
    import json

    from browser_support import ingest_paths
    from swapwatch.export import export_json
    from swapwatch.store import open_store

    client, token, _, _ = site
    r = client.post("/api/curations", json={"action": "set_person", "person": "Alexei Gorinov", "status": "detained",
                                            "held_by": "Russia", "reason": "still in the colony (lawyer, 2025)"},
                    headers=_bearer(token))
    assert r.status_code == 201
    before = client.get(f"/api/persons/{GORINOV}").json()
    later = tmp_path / "gorinov-later.txt"
    later.write_text("Alexei Gorinov, the Moscow municipal deputy jailed for criticising the war in Ukraine, was "
                     "released from prison on Monday, his lawyer said.\n", encoding="utf-8")
    later.with_suffix(".json").write_text(json.dumps({"title": "Moscow councillor Alexei Gorinov freed",
                                                      "published": "2025-03-03"}), encoding="utf-8")
    ingest_paths(demo_url, [later])
    after = client.get(f"/api/persons/{GORINOV}").json()
    assert after["article_count"] == before["article_count"] + 1      # the new article joined this person
    assert (after["status"], after["held_by"]) == ("detained", "Russia")
    assert next(c for c in client.get("/api/curations").json()["items"] if c["id"] == r.json()["id"])["state"] == \
        "applied"
    with open_store(demo_url) as store:
        exported = json.loads(export_json(store.load_merged(), store.article_names()))
    status = next(c for p in exported["persons"] if p["id"] == GORINOV for c in p["curated"] if c["field"] == "status")
    assert status["value"] == "detained" and status["extracted"] == "released"   # what the later article says


def test_the_cli_the_api_and_the_page_show_one_review_queue(site, demo_url):
    import json

    from typer.testing import CliRunner

    from swapwatch.cli import app

    client, _, _, _ = site
    cli = json.loads(CliRunner().invoke(app, ["review", "--json", "--limit", "50", "--db", demo_url]).output)
    api = client.get("/api/review", params={"limit": 50}).json()
    assert cli == api and api["items"]
    page = client.get("/review", params={"limit": 50}).text
    positions = [page.index(f'/{i["record_type"]}s/{i["record_id"]}"') for i in api["items"]
                 if i["record_type"] in ("person", "exchange")]
    assert positions == sorted(positions)                   # the page lists them in the queue's order
    assert client.get("/review", params={"problem": "bogus"}).status_code == 422
