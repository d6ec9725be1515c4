"""A folder of hostile files through the whole ingest job, into the backend under test.

PostgreSQL refuses NUL in text and no database takes a lone surrogate: whatever the input
smuggles in (JSON escapes, YAML escapes, file names with undecodable bytes), the job
stores the good articles, extracts them, and reports each bad input once.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from swapwatch import service
from swapwatch.export import export_json
from swapwatch.settings import load_settings

SWAP = ("Russia released {name} on Friday in a prisoner swap with the United States, "
        "which freed Viktor Orlov in return. {odd}")


def hostile_folder(root: Path) -> tuple[Path, int, int]:
    """(folder, articles expected, failures expected)."""
    folder = root / "in"
    folder.mkdir()
    lines = [
        {"id": "nul\u0000id", "title": "Freed\u0000 in swap", "outlet": "Wire\u001b[31m",
         "text": SWAP.format(name="Anna Kovalenko", odd="Zero\u0000width\u200b and\u202e bidi.")},
        {"id": "surrogate", "title": "Lone \ud800 half", "url": "https://example.org/\udfff",
         "text": SWAP.format(name="Pavel Sidorov", odd="A lone \udc80 surrogate.")},
    ]
    body = [json.dumps(line) for line in lines]
    body.append('{"id": ' + "9" * 5000 + ', "text": "too many digits"}')      # bad: one failure
    body.append("[" * 5000)                                                  # bad: one failure
    body.append(json.dumps({"text": SWAP.format(name="Lena Marchenko", odd="\u0007Bell.")}))
    (folder / "feed.jsonl").write_text("\n".join(body) + "\n", encoding="ascii")
    (folder / "front.md").write_text('---\ntitle: "Escaped \\0 NUL and \\x1b"\ndate: 2024-13-45\n---\n'
                                     + SWAP.format(name="Omar Haddad", odd=""), encoding="utf-8")
    (folder / "date.md").write_text('---\ntitle: "Escaped \\0 NUL"\n---\n'
                                    + SWAP.format(name="Omar Haddad", odd="Once more."), encoding="utf-8")
    (folder / "page.html").write_bytes("<html><body><article><p>{}</p></article></body></html>".format(
        SWAP.format(name="Mira Saleh", odd="Control \u0001 char.")).encode("utf-16"))
    with open(os.path.join(os.fsencode(folder), b"undecodable-\xff-name.txt"), "wb") as f:
        f.write(SWAP.format(name="Ilya Petrenko", odd="").encode("utf-8"))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)                   # bad
    (folder / "utf16-no-bom.txt").write_bytes("Plain words here.".encode("utf-16-le"))   # bad
    (folder / "deep.html").write_text("<div>" * 5000, encoding="utf-8")           # bad
    # articles: 3 JSON lines, 2 Markdown (2024-13-45 is just no date), the page, the odd name;
    # failures: 2 JSON lines, binary, UTF-16 without BOM, deep HTML.
    return folder, 7, 5


def test_hostile_folder_is_stored_extracted_and_reported(tmp_path: Path, db_url: str, store) -> None:
    folder, articles, failures = hostile_folder(tmp_path)
    summary = service.ingest(store, [folder], load_settings(db_url))
    reasons = {Path(f.source.split(":")[0]).name: f.reason for f in summary.failures}
    assert (summary.ingested, summary.failed) == (articles, failures), reasons
    assert "looks like UTF-16 without a byte-order mark" in reasons["utf16-no-bom.txt"]
    assert "nested over 250 deep" in reasons["deep.html"]
    assert set(reasons) == {"feed.jsonl", "binary.txt", "utf16-no-bom.txt", "deep.html"}
    stored = store.articles(limit=100)
    assert len(stored) == articles
    names = {r["name"] for r in stored}
    assert {"nulid", "surrogate", "undecodable-\ufffd-name"} <= names
    for row in stored:
        article = store.article(row["id"])
        assert "\x00" not in article.text + (article.title or "") + (article.outlet or "")
        article.text.encode("utf-8")
    assert not store.pending_extraction_ids(_version())          # every relevant article extracted
    export = export_json(store.load_merged(), store.article_names())
    assert "Anna Kovalenko" in export and "Pavel Sidorov" in export
    again = service.ingest(store, [folder], load_settings(db_url))   # a re-run stores nothing twice
    assert (again.ingested, again.duplicates, again.failed) == (0, articles, failures)


def _version() -> str:
    from swapwatch.extract.pipeline import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION
