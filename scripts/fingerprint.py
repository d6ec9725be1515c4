#!/usr/bin/env python3
"""Record the extractor's fingerprint after a version bump (tests/data/extractor_fingerprint.json).

usage: .venv/bin/python scripts/fingerprint.py          # print the current hash
       .venv/bin/python scripts/fingerprint.py --write  # record it with the current EXTRACTOR_VERSION
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fingerprint_corpus import FINGERPRINT_FILE, fingerprint_folders  # noqa: E402

from swapwatch.evaluate.fingerprint import corpus_articles, extraction_fingerprint  # noqa: E402
from swapwatch.extract.pipeline import EXTRACTOR_VERSION  # noqa: E402


def main(argv: list[str]) -> int:
    folders = fingerprint_folders()
    sha = extraction_fingerprint(corpus_articles(folders))
    print(f"{EXTRACTOR_VERSION} {sha}")
    if "--write" in argv:
        FINGERPRINT_FILE.write_text(json.dumps({"version": EXTRACTOR_VERSION, "sha256": sha,
                                                "folders": [str(f.relative_to(ROOT.parent)) for f in folders]},
                                               indent=2) + "\n", encoding="utf-8")
        print(f"wrote {FINGERPRINT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
