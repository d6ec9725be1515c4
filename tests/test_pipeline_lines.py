"""Wire datelines, accented ones too, never run into the lead sentence (sentences invented)."""
from __future__ import annotations

import pytest

from swapwatch.extract.pipeline import parse


@pytest.mark.parametrize("text,first_word", [
    ("BOGOTÁ, Nov 9 (Andes Wire) - Colombia's rebels freed a farmer on Thursday.", "Colombia"),
    ("SÃO PAULO, May 2 - Brazil freed three fishermen on Monday.", "Brazil"),
])
def test_lead_sentence_starts_on_its_own(text, first_word):
    doc = parse(text)
    tok = next(t for t in doc if t.text == first_word)
    assert tok.is_sent_start
    assert all(t.head.sent == tok.sent for t in tok.sent), "the lead borrows heads from the line before"
