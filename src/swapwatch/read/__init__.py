"""The read layer: one function per view, one filter set, one record shape.

The CLI (``--json`` and its tables), the API and the pages all call these functions, so the
same filters give the same records in the same order everywhere. Filters are checked and
names folded once (``filters``); records are shaped once (``shape``) and documented in the
README ("JSON records").
"""
from __future__ import annotations

from ..errors import InvalidRequest, NotFound
from .cache import data_version
from .filters import MAX_LIMIT, Filters
from .recent import FEED_SIZE, recent_exchanges, recent_statuses
from .review import MAX_REVIEW_LIMIT, confidence_of, review_queue
from .shape import side_line, snippet, status_since, who_for_whom
from .views import (MAX_CHART_EXCHANGES, find_persons, forget, get_article, get_exchange, get_person, holder_summary,
                    list_articles, list_exchanges, list_persons, reading, search, stats, still_held)

__all__ = ["InvalidRequest", "NotFound", "MAX_LIMIT", "MAX_CHART_EXCHANGES", "Filters", "data_version", "find_persons",
           "forget", "get_article", "get_exchange", "get_person", "holder_summary", "list_articles", "list_exchanges",
           "list_persons", "reading", "search", "side_line", "snippet", "stats", "status_since", "still_held",
           "who_for_whom", "MAX_REVIEW_LIMIT", "confidence_of", "review_queue", "FEED_SIZE", "recent_exchanges",
           "recent_statuses"]
