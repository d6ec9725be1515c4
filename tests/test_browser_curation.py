"""A new curator's first session, in a real browser (Debian's chromium via Playwright), from a
fresh demo database: sign in with a token, fix a wrong status, merge two spellings the review
queue suggests are one person, split a wrongly merged exchange, mark a non-detainee; then
re-ingest everything and re-extract with a bumped extractor version: every correction holds,
and the export says who made it and why. Screenshots of /review (desktop and phone) go to
test-artifacts/screenshots/."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser_support import (DEMO_ARTICLES, DESKTOP, PHONE, chromium, horizontal_overflow, ingest_paths,
                             live_server, module_database, save_screenshot)

TIMEOUT_MS = 15_000
BIG_SWAP = "x-f8f1f4a60d3f"


@pytest.fixture(scope="module")
def fresh_demo(request, tmp_path_factory):
    with module_database(request, tmp_path_factory, "curation-browser") as url:
        ingest_paths(url, [DEMO_ARTICLES])
        yield url


@pytest.fixture(scope="module")
def token(fresh_demo):
    from swapwatch import curators
    from swapwatch.store import open_store

    store = open_store(fresh_demo)
    try:
        return curators.add_curator(store, "Ana Curator")[1]
    finally:
        store.close()


@pytest.fixture(scope="module")
def base_url(fresh_demo):
    with live_server(fresh_demo) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _signed_in(browser, base_url, token, viewport):
    context = browser.new_context(viewport=viewport, base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "Failed to load" not in m.text
            else None)
    page.goto("/review")
    expect(page.locator("form#curate-any, form.curate-form")).to_have_count(0)     # public: read-only
    page.get_by_role("link", name="Curators sign in").click()
    page.get_by_label("Curator token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/review")
    expect(page.locator(".lede")).to_contain_text("Signed in as Ana Curator")
    return context, page, errors


def _person_id(base_url_page, name: str) -> str:
    found = base_url_page.request.get("/api/persons", params={"q": name}).json()["items"]
    return next(p["id"] for p in found if p["name"] == name)


def _saved(page) -> None:
    expect(page.locator(".saved")).to_contain_text("Saved as curation #")


def test_a_new_curator_fixes_the_demo_and_every_fix_survives_reextraction(browser, base_url, token, fresh_demo,
                                                                       monkeypatch):
    context, page, errors = _signed_in(browser, base_url, token, DESKTOP)
    gorinov, savoi = _person_id(page, "Alexei Gorinov"), _person_id(page, "Savoi Wright")
    anna = _person_id(page, "Anna Dultseva")

    # the review queue puts the doubtful facts first: sources that disagree on a holder, the two
    # Dultsevs, Gorinov's lone 'detained'
    items = page.locator("#review > li")
    expect(items.nth(0)).to_contain_text("sources disagree")
    dultseva = items.filter(has_text="Anna Dultseva")
    expect(dultseva).to_contain_text("possible duplicate")
    expect(items.filter(has_text="Alexei Gorinov")).to_contain_text("weak status")
    save_screenshot(page, "desktop-review-before")

    # 1. a wrong status: Gorinov was freed after these articles
    page.get_by_role("link", name="Alexei Gorinov").first.click()
    form = page.locator("#form-status")
    form.get_by_label("Status").select_option("released")
    form.get_by_label("Since (YYYY-MM-DD)").fill("2025-01-10")
    form.get_by_label("Reason").fill("freed in January 2025 (court record)")
    form.get_by_role("button", name="Set status").click()
    _saved(page)
    expect(page.locator("#status")).to_contain_text("released")

    # 2. two spellings of one person, from the queue's suggestion
    page.goto("/review")
    item = page.locator("#review > li.problem-possible_duplicate").first
    item.get_by_label("Reason").fill("one person, two spellings")
    item.get_by_role("button", name="Merge them").click()
    _saved(page)
    expect(page.locator("#review")).not_to_contain_text("possible duplicate")

    # 3. a wrongly merged exchange: the Dultsevs' release was another event
    page.goto(f"/exchanges/{BIG_SWAP}")
    split = page.locator("#form-split-exchange")
    split.get_by_label("Artem Dultsev").check()
    split.get_by_label("Its date (optional)").fill("2024-08")
    split.get_by_label("Reason").fill("released separately")
    split.get_by_role("button", name="Split off").click()
    _saved(page)
    expect(page.locator("main")).not_to_contain_text("Artem Dultsev")

    # 4. a name that was never held
    page.goto(f"/persons/{savoi}")
    page.locator("#form-not-detainee").get_by_label("Reason").fill("not held in this story")
    page.locator("#form-not-detainee").get_by_role("button", name="Not a detainee").click()
    _saved(page)
    assert errors == [], errors

    # re-ingest everything, then re-extract with a bumped extractor version
    from swapwatch.extract import pipeline

    ingest_paths(fresh_demo, [DEMO_ARTICLES])
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", pipeline.EXTRACTOR_VERSION + ".browser-test")
    ingest_paths(fresh_demo, [DEMO_ARTICLES])

    page.goto(f"/persons/{gorinov}")
    expect(page.locator("#status .status-line")).to_contain_text("released")
    assert page.request.get(f"/persons/{anna}").status == 404
    assert page.request.get(f"/persons/{savoi}").status == 404
    artem = _person_id(page, "Artem Dultsev")
    page.goto(f"/persons/{artem}")
    expect(page.locator("#aliases")).to_contain_text("Anna Dultseva")
    swap = page.request.get(f"/api/exchanges/{BIG_SWAP}").json()
    assert "Artem Dultsev" not in {p["name"] for s in swap["sides"] for p in s["persons"]}
    others = page.request.get("/api/exchanges", params={"q": "Dultsev"}).json()["items"]
    assert [x["date"] for x in others] == ["2024-08"]
    assert not page.request.get("/api/persons", params={"q": "Savoi Wright"}).json()["items"]

    # the export says who made each correction and why
    from swapwatch.export import export_json
    from swapwatch.store import open_store

    store = open_store(fresh_demo)
    try:
        data = json.loads(export_json(store.load_merged(), store.article_names()))
    finally:
        store.close()
    curated = [c for record in [*data["exchanges"], *data["persons"]] for c in record.get("curated", [])]
    assert {c["curator"] for c in curated} == {"Ana Curator"}
    assert {c["reason"] for c in curated} >= {"freed in January 2025 (court record)", "one person, two spellings",
                                              "released separately"}
    log = page.request.get("/api/curations").json()["items"]
    assert [(c["action"], c["state"]) for c in log] == [("set", "applied"), ("merge_persons", "applied"),
                                                       ("split_exchange", "applied"), ("not_detainee", "applied")]
    assert log[3]["reason"] == "not held in this story"

    page.goto("/review")
    save_screenshot(page, "desktop-review")
    context.close()


def test_review_fits_a_phone_with_its_forms(browser, base_url, token):
    context, page, errors = _signed_in(browser, base_url, token, PHONE)
    page.goto("/review")
    expect(page.locator("#review > li").first).to_be_visible()
    assert horizontal_overflow(page) == 0
    save_screenshot(page, "phone-review")
    page.goto(f"/exchanges/{BIG_SWAP}")
    assert horizontal_overflow(page) == 0
    assert errors == [], errors
    context.close()
