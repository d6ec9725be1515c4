"""Search keys for names: case, accents and punctuation fold away; letters and digits stay."""
from __future__ import annotations

import pytest

from swapwatch.store.names import name_key


@pytest.mark.parametrize("raw, key", [
    ("Zoë Lindqvist", "zoe lindqvist"),
    ("ZOE  LINDQVIST", "zoe lindqvist"),
    ("Łukasz Ødegård", "lukasz odegard"),
    ("Jiří Dušek", "jiri dusek"),
    ("Straße", "strasse"),
    ("Ana-María O'Neill", "ana maria o neill"),
    ("  Dr. Ilić, Jr. ", "dr ilic jr"),
    ("Ébène Æsir", "ebene aesir"),
    ("Кирилл Петров", "кирилл петров"),
    ("Agent 007", "agent 007"),
    ("", ""),
    ("...", ""),
])
def test_name_key(raw: str, key: str):
    assert name_key(raw) == key


@pytest.mark.parametrize("a, b", [("Jiří Dušek", "JIRI DUSEK"), ("Łukasz", "lukasz"), ("O'Neill", "o neill")])
def test_same_person_same_key(a: str, b: str):
    assert name_key(a) == name_key(b)
