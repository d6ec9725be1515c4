"""A blank line ends a sentence, whatever the parser would make of a headline with no stop."""
from __future__ import annotations


def test_a_blank_line_always_starts_a_sentence():
    from swapwatch.extract.nlp import load_nlp

    doc = load_nlp()("Prisoners traded in Oman\n\nSweden freed three men on Friday.")
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert "Prisoners" in starts and "Sweden" in starts
    assert not any(s.text.startswith("Prisoners") and "Sweden" in s.text for s in doc.sents)


def test_one_line_break_is_left_to_the_parser():
    from swapwatch.extract.nlp import load_nlp

    doc = load_nlp()("Russia freed three men\non Friday, officials said.")
    assert len(list(doc.sents)) == 1


def test_a_paragraph_never_opens_with_a_one_word_sentence():
    from swapwatch.extract.nlp import load_nlp

    doc = load_nlp()("Workers freed\n\nTen Thai nationals were released on Friday. Hamas freed them.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Thai" not in starts and "Ten" in starts
