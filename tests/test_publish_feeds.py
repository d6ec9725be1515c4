"""Atom feeds: well-formed (feedparser and RFC 4287's rules checked here), linked from the pages,
filtered like their pages, and safe with hostile article text."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

import feedparser
import pytest
from fastapi.testclient import TestClient

from swapwatch.publish import atom
from swapwatch.web.app import create_app

NS = {"a": atom.ATOM_NS}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
BASE = "http://testserver"
HOSTILE = {
    "title": 'Iran frees <script>alert("t")</script> researcher \x07 in “swap” & more',
    "outlet": 'Evil\x1bWire <b>"x"</b>', "url": 'https://example.org/a?x="1"&y=<2>', "published": "2024-03-05",
    "text": ('Iran released the French researcher Claire Dubois <script>alert("x")</script> on Friday in exchange '
             "for the Iranian engineer Reza Tahmasbi, who had been held by France, officials said. "
             '"It is a relief," her brother said & added <b>thanks</b>. Dubois had been detained in Tehran in 2022 '
             "and sentenced to five years on espionage charges."),
}


@pytest.fixture(scope="module")
def client(demo_db) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db)) as c:
        yield c


def one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(f"a:{tag}", NS)
    assert len(found) == 1, f"{parent.tag} has {len(found)} <{tag}>"
    return found[0]


def check_atom(body: bytes) -> ET.Element:
    """RFC 4287's rules for a feed, checked one by one; returns the root."""
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(body)
    assert root.tag == f"{{{atom.ATOM_NS}}}feed"
    for tag in ("id", "title", "updated"):
        assert one(root, tag).text
    assert RFC3339.match(one(root, "updated").text)
    links = root.findall("a:link", NS)
    assert [x.get("href") for x in links if x.get("rel") == "self"][0].startswith(BASE + "/feeds/")
    feed_author = root.findall("a:author/a:name", NS)
    ids = []
    entries = root.findall("a:entry", NS)
    for entry in entries:
        ids.append(one(entry, "id").text)
        assert one(entry, "title").text
        assert RFC3339.match(one(entry, "updated").text)
        alternate = [x for x in entry.findall("a:link", NS) if x.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href").startswith(BASE + "/")
        assert entry.findall("a:author/a:name", NS) or feed_author
        assert one(entry, "summary").text
    assert all(i and i.startswith("tag:testserver,2024:swapwatch/") for i in ids)
    assert len(set(ids)) == len(ids), "entry ids must be unique"
    assert len(parsed.entries) == len(entries)
    return root


def entry_links(root: ET.Element) -> list[str]:
    return [one(e, "link").get("href") for e in root.findall("a:entry", NS)]


def test_exchanges_feed_lists_the_newest_exchanges(client):
    r = client.get("/feeds/exchanges.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    root = check_atom(r.content)
    newest = client.get("/api/exchanges?limit=50").json()["items"]
    assert entry_links(root) == [f"{BASE}/exchanges/{x['id']}" for x in newest] and len(newest) >= 8
    first = root.find("a:entry", NS)
    assert " released " in one(first, "title").text and "“" in one(first, "summary").text   # who-for-whom, a sentence
    assert client.get(entry_links(root)[0].removeprefix(BASE)).status_code == 200
    updated = [one(e, "updated").text for e in root.findall("a:entry", NS)]
    assert one(root, "updated").text == max(updated)


def test_held_feed_lists_status_changes(client):
    root = check_atom(client.get("/feeds/held.atom").content)
    titles = [one(e, "title").text for e in root.findall("a:entry", NS)]
    assert any(": detained" in t for t in titles) and any(": exchanged" in t for t in titles)
    ids = [one(e, "id").text for e in root.findall("a:entry", NS)]
    assert all(re.search(r"/person/p-[0-9a-f]+/(detained|released|exchanged|died_in_custody)/", i) for i in ids)
    for link in entry_links(root)[:3]:
        assert client.get(link.removeprefix(BASE)).status_code == 200
    detained = check_atom(client.get("/feeds/held.atom?status=detained&held_by=Rusia").content)
    people = {p["id"] for p in client.get("/api/persons?status=detained&held_by=Russia&limit=500").json()["items"]}
    links = entry_links(detained)
    assert links and {link.rsplit("/", 1)[1] for link in links} <= people


def test_feeds_take_their_pages_filters(client):
    root = check_atom(client.get("/feeds/exchanges.atom?country=Russia&kind=swap").content)
    expected = client.get("/api/exchanges?country=Russia&kind=swap&limit=50").json()["items"]
    assert entry_links(root) == [f"{BASE}/exchanges/{x['id']}" for x in expected]
    assert "country Russia" in one(root, "title").text
    assert one(root, "id").text.endswith("feeds/exchanges.atom?country=Russia&kind=swap")
    reordered = ET.fromstring(client.get("/feeds/exchanges.atom?kind=swap&_=1&country=Russia").content)
    assert one(reordered, "id").text == one(root, "id").text
    assert client.get("/feeds/exchanges.atom?kind=nonsense").status_code == 422
    assert client.get("/feeds/exchanges.atom?country=Atlantis").status_code == 404
    assert client.get("/feeds/held.atom?q=" + "x" * 500).status_code == 200       # unknown parameters are ignored


def test_feed_ids_are_stable_and_links_follow_the_host(client):
    a = check_atom(client.get("/feeds/exchanges.atom").content)
    b = check_atom(client.get("/feeds/exchanges.atom").content)
    assert ET.tostring(a) == ET.tostring(b)
    other = client.get("/feeds/exchanges.atom", headers={"host": "news.example.org"}).content
    root = ET.fromstring(other)
    assert all(link.startswith("http://news.example.org/exchanges/") for link in entry_links(root))


@pytest.mark.parametrize("page", ["/", "/persons", "/held", "/articles", "/search?q=Russia", "/exchanges/nope"])
def test_pages_link_their_feeds(client, page):
    html = client.get(page).text
    for feed in ("/feeds/exchanges.atom", "/feeds/held.atom"):
        assert f'<link rel="alternate" type="application/atom+xml"' in html and f'href="{feed}"' in html


def test_hostile_article_text_stays_text(db_url):
    from swapwatch.service import ingest_record
    from swapwatch.settings import load_settings
    from swapwatch.store import open_store

    with open_store(db_url, create=True) as store:
        assert ingest_record(store, HOSTILE, load_settings(db_url)).to_dict()["relevant"]
        with TestClient(create_app(store=store)) as c:
            for path in ("/feeds/exchanges.atom", "/feeds/held.atom"):
                body = c.get(path).content
                assert b"\x07" not in body and b"\x1b" not in body and b"<script" not in body
                root = check_atom(body)
                summaries = " ".join(one(e, "summary").text for e in root.findall("a:entry", NS))
                assert re.search(r'<script>alert\("[xt]"\)</script>', summaries)  # shown as text, escaped in the XML
                assert 'EvilWire <b>"x"</b>' in summaries                       # the control character dropped


def test_render_drops_what_xml_forbids_and_escapes_the_rest():
    bad = "a\x00b\x01c\x0bd\x1fe\ufffef\ud800g <&>\"' \t\n"
    moment = datetime(2024, 8, 1, 12, 30, tzinfo=timezone.utc)
    feed = atom.Feed(id="tag:x,2024:f" + bad, title=bad, updated=moment, self_link="http://x/?a=1&b=" + bad,
                     alternate_link="http://x/", author=bad,
                     entries=[atom.Entry(id="tag:x,2024:e", title=bad, updated=moment, link="http://x/e?" + bad,
                                         summary=bad, author=bad, categories=[bad])])
    body = atom.render(feed)
    root = check_atom_unhosted(body)
    clean = "abcdefg <&>\"' \t\n"
    assert one(root, "title").text == clean and one(one(root, "entry"), "summary").text == clean
    assert one(root, "updated").text == "2024-08-01T12:30:00Z"
    assert atom.xml_text("x" * 10_000, limit=10) == "x" * 9 + "…"


def check_atom_unhosted(body: bytes) -> ET.Element:
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return ET.fromstring(body)
