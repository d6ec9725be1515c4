"""Plain data passed between the pipeline stages.

articles -> (relevance) -> mentions (one ArticleExtraction per article) -> merged records.
Every stage takes and returns these types only, so each can be tested, replaced
or run on another machine (they are all JSON-serialisable via ``to_dict``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

STATUSES = ("detained", "released", "exchanged", "died_in_custody")
KINDS = ("swap", "unilateral_release", "pow_exchange", "hostage_prisoner_exchange")
# The kinds as people write them ("POW exchange", not "Pow Exchange"), for pages and tables.
KIND_NAMES = {"swap": "swap", "unilateral_release": "unilateral release", "pow_exchange": "POW exchange",
              "hostage_prisoner_exchange": "hostage and prisoner exchange"}
CATEGORIES = (
    "journalist", "politician", "activist", "human_rights", "academic", "artist", "spy",
    "military", "pow", "hacker", "criminal", "businessperson", "athlete", "teacher",
    "civilian", "other",
)
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Article:
    """One ingested article. ``id`` is a hash of the normalised text (see ingest.normalize)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    source: str = ""          # where it came from: a path, "path:line" for JSON Lines
    name: str | None = None   # a human handle: the file stem, e.g. the eval corpus id

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass(frozen=True)
class Relevance:
    score: float          # 0..1
    relevant: bool
    reasons: tuple[str, ...] = ()   # the cues that fired, for the Articles page


@dataclass
class Rejudged:
    """What one batch (or a whole run) of re-judging did: articles given the current gate's
    decision, and how many of them changed side."""

    articles: int = 0
    now_relevant: int = 0
    no_longer_relevant: int = 0

    @property
    def changed(self) -> int:
        return self.now_relevant + self.no_longer_relevant

    def add(self, other: "Rejudged") -> None:
        self.articles += other.articles
        self.now_relevant += other.now_relevant
        self.no_longer_relevant += other.no_longer_relevant


@dataclass(frozen=True)
class JudgedArticle(Article):
    """An article whose reader already judged its relevance, at ``threshold``: the web-archive
    reader scores a page's quick text to decide whether to read it fully, and hands the
    judgement over so that it is not taken twice (``relevance.relevance_of``)."""

    relevance: Relevance | None = None
    threshold: float | None = None

    @classmethod
    def of(cls, article: Article, relevance: Relevance, threshold: float) -> "JudgedArticle":
        return cls(**{name: getattr(article, name) for name in Article.__dataclass_fields__},
                   relevance=relevance, threshold=threshold)

    def plain(self) -> Article:
        """The article without the judgement (what is stored and compared)."""
        return Article(**{name: getattr(self, name) for name in Article.__dataclass_fields__})


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: article, character span, the sentence, which component."""

    article_id: str
    start: int
    end: int
    sentence: str
    extractor: str             # e.g. "swapwatch.sides.v1"
    field: str = ""            # which value it supports: "status", "count", "charges", ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PersonMention:
    """A person as one article presents them. Only people who were or are held."""

    name: str                               # fullest form seen in the article
    aliases: list[str] = field(default_factory=list)   # other surface forms in the article
    status: str | None = None               # one of STATUSES
    status_date: str | None = None          # ISO, as precise as known
    held_by: str | None = None              # canonical party name (see extract.gazetteer)
    nationality: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)  # from CATEGORIES
    role: str | None = None                 # the role text, e.g. "ballet dancer"
    charges: list[str] = field(default_factory=list)
    sentence: str | None = None             # "12 years", "life"
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SideMention:
    """One direction of transfer: who let the people go, who got them."""

    released_by: str | None = None
    received_by: str | None = None
    count: int | None = None
    persons: list[str] = field(default_factory=list)   # PersonMention.name values
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ExchangeMention:
    """One exchange or release as one article reports it (news or recalled background)."""

    date: str | None = None                 # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    date_precision: str | None = None       # one of PRECISIONS
    date_inferred: bool = False             # no publication date: read from the text alone
    date_from_publication: bool = False     # no date in the text: the publication's day or month
    kind: str = "unilateral_release"        # one of KINDS
    location: dict[str, str | None] | None = None   # {"city": ..., "country": ...}
    mediators: list[str] = field(default_factory=list)
    total: int | None = None
    sides: list[SideMention] = field(default_factory=list)
    background: bool = False                # recalled, not the article's news
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ArticleExtraction:
    """What the extractor read from one article."""

    article_id: str
    extractor_version: str
    exchanges: list[ExchangeMention] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)
    not_detainees: list[str] = field(default_factory=list)   # officials, lawyers, analysts named

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ArticleExtraction":
        def ev(items: list[dict[str, Any]]) -> list[Evidence]:
            return [Evidence(**e) for e in items]

        exchanges = []
        for x in d.get("exchanges", []):
            sides = [SideMention(**{**s, "evidence": ev(s.get("evidence", []))}) for s in x.get("sides", [])]
            exchanges.append(ExchangeMention(**{**x, "sides": sides, "evidence": ev(x.get("evidence", []))}))
        persons = [PersonMention(**{**p, "evidence": ev(p.get("evidence", []))}) for p in d.get("persons", [])]
        return cls(article_id=d["article_id"], extractor_version=d["extractor_version"],
                   exchanges=exchanges, persons=persons, not_detainees=list(d.get("not_detainees", [])))


@dataclass
class Conflict:
    """Sources disagree on a value: every value is kept with the articles that state it."""

    field: str                              # "total", "sides[0].count", "status", ...
    values: list[dict[str, Any]]            # [{"value": 24, "articles": ["a1", "a2"]}, ...]


@dataclass
class Side:
    released_by: str | None
    received_by: str | None
    count: int | None
    persons: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Exchange:
    """One real exchange, merged over every article that reports it."""

    id: str                                 # derived from content (see merge)
    date: str | None
    date_precision: str | None
    kind: str
    location: dict[str, str | None] | None
    mediators: list[str]
    total: int | None
    sides: list[Side]
    articles: list[str]                     # article ids
    evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    key: str = ""                           # stable key for curations (see merge.keys, docs/CURATION.md)
    curated: list[dict[str, Any]] = field(default_factory=list)   # [{field, value, extracted, curator, ...}]


@dataclass
class StatusEvent:
    status: str
    date: str | None
    article_id: str


@dataclass
class Person:
    """One real person who was or is held, merged over every article that names them."""

    id: str
    name: str
    aliases: list[str]
    status: str | None
    status_date: str | None
    held_by: str | None
    nationality: list[str]
    category: list[str]
    role: str | None
    charges: list[str]
    sentence: str | None
    articles: list[str]
    history: list[StatusEvent] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    key: str = ""                           # stable key for curations (see merge.keys, docs/CURATION.md)
    curated: list[dict[str, Any]] = field(default_factory=list)   # [{field, value, extracted, curator, ...}]


@dataclass
class MergedRecords:
    exchanges: list[Exchange] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)


CURATION_ACTIONS = ("set", "not_detainee", "hide", "merge_persons", "undo")
TARGET_KINDS = ("person", "exchange", "curation")


@dataclass
class Curation:
    """One entry of the append-only curation log: a person's correction of the merged records.

    ``target_key`` is a stable key (``merge.keys``), never a merged id, so the correction
    finds its record again after re-ingest and re-extraction. For ``set``, ``value`` maps
    field names to values; for ``merge_persons`` it is ``{"into": person key}``; for
    ``undo`` the target is the undone curation's id.
    """

    id: int
    action: str
    target_kind: str
    target_key: str
    field: str | None
    value: Any
    curator: str
    reason: str
    created_at: str                         # ISO timestamp, UTC
    undone_by: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
