"""The articles whose extraction the version test fingerprints: the dev corpora and the demo."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
FINGERPRINT_FILE = ROOT / "tests" / "data" / "extractor_fingerprint.json"


def fingerprint_folders() -> list[Path]:
    return [DEV / c / "articles" for c in ("seeds", "whitehouse", "rss-2022", "rss-2023a", "rss-2023b")] + [
        ROOT / "examples" / "articles"]
