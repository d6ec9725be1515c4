"""What every extraction component reads: the article, its parsed text, the gazetteer."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import Article, Evidence

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


@dataclass
class ArticleContext:
    article: Article
    doc: Any                 # spacy.tokens.Doc over article.text (same character offsets)
    gazetteer: "Gazetteer"

    @property
    def published(self) -> date | None:
        return self.article.published

    @property
    def headline(self) -> str:
        """The article's first short line, or else its title."""
        end = headline_end(self.doc.text)
        return self.doc.text[:end] if end else (self.article.title or "")

    def lede(self, sentences: int = 3) -> list[str]:
        """The text of the article's first sentences (the headline among them)."""
        return [s.text for s in islice(self.doc.sents, sentences)]

    def evidence(self, start: int, end: int, extractor: str, field: str = "") -> Evidence:
        """Evidence for the character span [start, end): the sentence that contains it."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        sent = span.sent if span is not None and len(span) else None
        text = sent.text.strip() if sent is not None else self.article.text[start:end]
        return Evidence(article_id=self.article.id, start=start, end=end, sentence=text,
                        extractor=extractor, field=field)


HEADLINE_MAX = 300   # a first line longer than this is body text, not a headline


def headline_end(text: str) -> int:
    """Where the headline ends: the end of a short first line followed by more text; 0 if none."""
    end = text.find("\n")
    return end if 0 < end <= HEADLINE_MAX else 0
