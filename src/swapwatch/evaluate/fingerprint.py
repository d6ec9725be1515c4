"""What the extractor reads from a fixed set of articles, as one hash, tied to its version.

Stored extractions are redone only when ``EXTRACTOR_VERSION`` changes (see
``service.extract_pending``), so a change of behaviour without a version bump would leave
old and new readings side by side in users' databases. ``tests/test_extractor_version.py``
recomputes this hash over the dev corpora and the demo and fails when it moved while the
version stayed; ``scripts/fingerprint.py`` records a new one after a bump.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from ..ingest.readers import read_paths
from ..model import Article
from ..settings import load_settings


def corpus_articles(folders: Iterable[Path]) -> list[Article]:
    """Every article of the folders, read as ingest reads them, in a stable order."""
    settings = load_settings("sqlite:///:memory:")
    articles = [a for a in read_paths(sorted(folders), settings) if isinstance(a, Article)]
    return sorted(articles, key=lambda a: (a.name or "", a.id))


def extraction_fingerprint(articles: Iterable[Article]) -> str:
    """SHA-256 over each article's extraction (canonical JSON), relevant or not."""
    from ..extract.pipeline import extract_articles

    articles = list(articles)
    digest = hashlib.sha256()
    for article, ex in zip(articles, extract_articles(articles)):
        row = {"article": article.name or article.id, "extraction": ex.to_dict()}
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
