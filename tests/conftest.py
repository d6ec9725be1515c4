"""Shared fixtures: where ../shared is, a fresh database per test."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "dev"


def require_shared() -> Path:
    """The shared corpora sit beside the checkout in CI; a user's fresh clone may lack them."""
    if not DEV.is_dir():
        pytest.skip(f"needs the shared evaluation corpora at {DEV} (absent in this checkout)")
    return SHARED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def store(db_path: Path):
    from swapwatch.store import open_store

    s = open_store(f"sqlite:///{db_path}")
    yield s
    s.close()
