"""One read layer (issue 10, part 1): for the same filters, the CLI's ``--json``, the API and the
data a page's template receives are the same records in the same order, for every view.

On the demo database, on the backend under test (SQLite; PostgreSQL with
SWAPWATCH_TEST_BACKEND=postgresql). The page data is captured where the page hands it to its
template (``pages.render``), so what is compared is what the reader sees.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Callable

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import BACKEND
from swapwatch.cli import app
from swapwatch.store import open_store
from swapwatch.web import pages
from swapwatch.web.app import create_app


class Reader:
    """The three ways in, over one database."""

    def __init__(self, db: str, client: TestClient):
        self.db, self.client, self.runner = db, client, CliRunner()

    def cli(self, *args: str) -> Any:
        result = self.runner.invoke(app, [*args, "--db", self.db, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    def api(self, path: str) -> Any:
        response = self.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    def page(self, path: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
        """What the page's template got (JSON round trip: the same types the other two give)."""
        seen: dict[str, Any] = {}
        real = pages.render

        def capture(request, template, context, status_code=200):
            seen.update(context)
            return real(request, template, context, status_code)

        monkeypatch.setattr(pages, "render", capture)
        response = self.client.get(path)
        monkeypatch.setattr(pages, "render", real)
        assert response.status_code == 200, response.text
        return json.loads(json.dumps({k: v for k, v in seen.items() if k in ("result", "x", "p", "a", "counts")}))


@pytest.fixture(scope="module")
def reader(demo_db: str) -> Iterator[Reader]:
    from swapwatch.settings import db_url_from

    store = open_store(db_url_from(demo_db), create=False)
    with TestClient(create_app(store=store, answer_cache=False)) as client:
        yield Reader(demo_db, client)
    store.close()


# (CLI arguments, API path, page path) for one list view and one set of filters: the same filters
# written as each interface takes them, misspelt countries and holders included.
LISTS = [
    (["exchanges"], "/api/exchanges?limit=500", "/?limit=500"),
    (["exchanges", "--country", "Rusia", "--limit", "500"], "/api/exchanges?country=Rusia&limit=500",
     "/?country=Rusia&limit=500"),
    (["exchanges", "--country", "US", "--kind", "swap", "--limit", "500"],
     "/api/exchanges?country=US&kind=swap&limit=500", "/?country=US&kind=swap&limit=500"),
    (["exchanges", "--since", "2022-06-01", "--until", "2024-08-31", "--limit", "500"],
     "/api/exchanges?since=2022-06-01&until=2024-08-31&limit=500", "/?since=2022-06-01&until=2024-08-31&limit=500"),
    (["exchanges", "--kind", "pow_exchange", "--limit", "500"], "/api/exchanges?kind=pow_exchange&limit=500",
     "/?kind=pow_exchange&limit=500"),
    (["exchanges", "--q", "Griner", "--limit", "500"], "/api/exchanges?q=Griner&limit=500", "/?q=Griner&limit=500"),
    (["exchanges", "--limit", "3", "--offset", "2"], "/api/exchanges?limit=3&offset=2", "/?limit=3&offset=2"),
    (["persons", "--limit", "500"], "/api/persons?limit=500", "/persons?limit=500"),
    (["persons", "--status", "exchanged", "--limit", "500"], "/api/persons?status=exchanged&limit=500",
     "/persons?status=exchanged&limit=500"),
    (["persons", "--held-by", "Russian Federation", "--limit", "500"],
     "/api/persons?held_by=Russian%20Federation&limit=500", "/persons?held_by=Russian%20Federation&limit=500"),
    (["persons", "--category", "journalist", "--limit", "500"], "/api/persons?category=journalist&limit=500",
     "/persons?category=journalist&limit=500"),
    (["persons", "--q", "Krasikov", "--limit", "500"], "/api/persons?q=Krasikov&limit=500",
     "/persons?q=Krasikov&limit=500"),
    (["persons", "--limit", "4", "--offset", "5"], "/api/persons?limit=4&offset=5", "/persons?limit=4&offset=5"),
    (["articles", "--limit", "500"], "/api/articles?limit=500", "/articles?limit=500"),
    (["articles", "--irrelevant", "--limit", "500"], "/api/articles?relevant=false&limit=500",
     "/articles?relevant=no&limit=500"),
    (["articles", "--q", "prisoner", "--limit", "5", "--offset", "1"], "/api/articles?q=prisoner&limit=5&offset=1",
     "/articles?q=prisoner&limit=5&offset=1"),
]


@pytest.mark.parametrize("cli, api, page", LISTS, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_lists_are_the_same_records_in_the_same_order(reader, monkeypatch, cli, api, page):
    from_api = reader.api(api)
    from_cli = reader.cli(*cli)
    from_page = reader.page(page, monkeypatch)["result"]
    assert from_cli == from_api["items"] == from_page["items"]
    assert from_api["total"] == from_page["total"] >= len(from_cli)
    if cli[0] == "exchanges" or cli[0] == "articles":       # newest first, undated last
        key = "date" if cli[0] == "exchanges" else "published"
        dated = [r[key] for r in from_cli if r[key]]
        assert dated == sorted(dated, reverse=True)
        assert all(r[key] for r in from_cli[:len(dated)])


def test_the_filters_filter(reader):
    """The parity above is not three empty lists: every list filter keeps some records, not all."""
    for cli, _, _ in LISTS:
        if len(cli) > 1 and "--offset" not in cli and cli[1] != "--limit":
            some, every = reader.cli(*cli), reader.cli(cli[0], "--limit", "500")
            assert 0 < len(some) < len(every), cli


Pick = Callable[[Reader], str]


def _first(kind: str) -> Pick:
    return lambda r: r.api(f"/api/{kind}?limit=1")["items"][0]["id"]


# (CLI command, API path, page path, the page's context key) for one record; {id} is filled in.
DETAILS = [
    (["show", "{id}"], "/api/exchanges/{id}", "/exchanges/{id}", "x", _first("exchanges")),
    (["show", "{id}"], "/api/exchanges/{id}", "/exchanges/{id}", "x",
     lambda r: max(r.api("/api/exchanges?limit=500")["items"], key=lambda x: len(x["sides"]))["id"]),
    (["person", "{id}"], "/api/persons/{id}", "/persons/{id}", "p", _first("persons")),
    (["person", "{id}"], "/api/persons/{id}", "/persons/{id}", "p",
     lambda r: r.api("/api/persons?q=Krasikov")["items"][0]["id"]),
    (["article", "{id}"], "/api/articles/{id}", "/articles/{id}", "a", _first("articles")),
    (["held", "--limit", "500"], "/api/held?limit=500", "/held", "result", None),
    (["held", "--held-by", "Rusia", "--limit", "500"], "/api/held?held_by=Rusia&limit=500", "/held?held_by=Rusia",
     "result", None),
    (["search", "Gershkovich"], "/api/search?q=Gershkovich", "/search?q=Gershkovich", "result", None),
    (["search", "Russia"], "/api/search?q=Russia", "/search?q=Russia", "result", None),
]


@pytest.mark.parametrize("cli, api, page, key, pick", DETAILS, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_one_record_is_the_same_everywhere(reader, monkeypatch, cli, api, page, key, pick):
    ident = pick(reader) if pick else ""
    from_api = reader.api(api.format(id=ident))
    from_cli = reader.cli(*(a.format(id=ident) for a in cli))
    if cli[0] == "person":           # a name may name several people: the command prints a list
        assert len(from_cli) == 1
        from_cli = from_cli[0]
    from_page = reader.page(page.format(id=ident), monkeypatch)[key]
    assert from_cli == from_api == from_page
    if cli[0] == "held":
        assert from_api["total"] > 0 and all(p["status"] == "detained" for g in from_api["holders"]
                                             for p in g["persons"])


def test_stats_are_the_same_everywhere(reader, monkeypatch):
    from_api = reader.api("/api/stats")
    assert reader.cli("stats") == from_api
    assert reader.page("/", monkeypatch)["counts"] == from_api["counts"]


def test_a_name_that_matches_nothing_is_said_the_same_everywhere(reader, monkeypatch):
    cli = CliRunner().invoke(app, ["exchanges", "--country", "Narnia", "--db", reader.db])
    assert cli.exit_code == 1
    message = cli.output.strip().removeprefix("error: ")
    api = reader.client.get("/api/exchanges?country=Narnia")
    assert api.status_code == 404
    assert api.json()["error"] == {"status": 404, "code": "no_match", "message": message}
    page = reader.client.get("/?country=Narnia")
    assert page.status_code == 200 and "no party to an exchange matches" in page.text
    held = reader.client.get("/api/held?held_by=Narnia")
    assert held.status_code == 404 and held.json()["error"]["code"] == "no_match"
