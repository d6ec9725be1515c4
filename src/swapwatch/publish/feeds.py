"""The two Atom feeds: new exchanges and people's status changes (detentions, releases).

Entry ids are tag URIs (RFC 4151) on the site's host name: an exchange's is its record id;
a person's is their id, status and the date that status began, so a new detention or release
is a new entry while a further report of the same status only updates it. Links are absolute,
made from the site's base URL (the request's).
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from .. import __version__, read
from ..model import KIND_NAMES
from .atom import Entry, Feed
from .wording import who_for_whom_in_words

AUTHOR = "swapwatch"
TAG_DATE = "2024"               # tag URIs need a date at which the name was held; fixed, so ids stay stable
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)   # an empty feed's ``updated``


def _tag(base_url: str, specific: str) -> str:
    host = (urlsplit(base_url).hostname or "localhost").lower()
    return f"tag:{host},{TAG_DATE}:swapwatch/{quote(specific, safe='/?=&,:-_.')}"


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, str) and value:
        try:
            return _moment(datetime.fromisoformat(value))
        except ValueError:
            pass
    return EPOCH


def _quoted(evidence: Mapping[str, Any] | None) -> str:
    """The evidence sentence and where it was read: ' “...” (Outlet: Title, URL)'."""
    if not evidence:
        return ""
    article = evidence.get("article") or {}
    source = ": ".join(str(v) for v in (article.get("outlet"), article.get("title") or article.get("name")) if v)
    source += f", {article['url']}" if article.get("url") else ""
    sentence = " ".join(str(evidence.get("sentence") or "").split())
    return f" “{sentence}”" + (f" ({source})" if source else "")


def _feed(base_url: str, self_url: str, page: str, name: str, filters: Mapping[str, Any], subtitle: str,
          entries: list[Entry]) -> Feed:
    """The feed's id names its filters (sorted, the empty ones left out), whatever else the URL holds."""
    query = urlencode(sorted((k, str(v)) for k, v in filters.items() if v))
    title = "swapwatch: " + ("prisoner exchanges" if name == "exchanges.atom" else "detentions and releases")
    given = [f"{k.replace('_', ' ')} {v}" for k, v in filters.items() if v]
    title += f" ({', '.join(given)})" if given else ""
    return Feed(id=_tag(base_url, f"feeds/{name}" + (f"?{query}" if query else "")), title=title, subtitle=subtitle,
                updated=max((e.updated for e in entries), default=EPOCH), self_link=self_url,
                alternate_link=_absolute(base_url, page), author=AUTHOR, generator=f"swapwatch {__version__}",
                entries=entries)


def exchange_entry(base_url: str, x: Mapping[str, Any]) -> Entry:
    kind = KIND_NAMES.get(x["kind"], str(x["kind"]).replace("_", " "))
    facts = [f"{kind.capitalize()} on {x['date']}" if x.get("date") else f"{kind.capitalize()}, undated"]
    if x.get("place"):
        facts.append(f"in {x['place']}")
    if x.get("mediators"):
        facts.append(f"mediated by {', '.join(x['mediators'])}")
    words = who_for_whom_in_words(x["sides"])
    summary = f"{words}. {' '.join(facts)}." + _quoted(x.get("evidence"))
    return Entry(id=_tag(base_url, f"exchange/{x['id']}"), title=f"{x['date'] or 'Undated'}: {words}",
                 updated=_moment(x.get("updated")), link=_absolute(base_url, f"/exchanges/{quote(x['id'])}"),
                 summary=summary, author=AUTHOR, categories=[x["kind"]])


def status_entry(base_url: str, p: Mapping[str, Any]) -> Entry:
    status = str(p["status"]).replace("_", " ")
    since = p.get("since") or p.get("status_date")
    title = f"{p['name']}: {status}" + (f" ({since})" if since else "")
    facts = [f"{p['name']}: {status}" + (f" since {since}" if since else "")]
    if p.get("held_by"):
        facts.append(f"held by {p['held_by']}")
    if p.get("charges"):
        facts.append(f"charges: {', '.join(p['charges'])}")
    if p.get("sentence"):
        facts.append(f"sentence: {p['sentence']}")
    summary = "; ".join(facts) + "." + _quoted(p.get("evidence"))
    return Entry(id=_tag(base_url, f"person/{p['id']}/{p['status']}/{since or 'undated'}"), title=title,
                 updated=_moment(p.get("updated")), link=_absolute(base_url, f"/persons/{quote(p['id'])}"),
                 summary=summary, author=AUTHOR, categories=[str(p["status"])])


def exchanges_feed(store, base_url: str, self_url: str, **filters: Any) -> Feed:
    """The newest exchanges (the timeline's order and filters: since, until, country, kind, q)."""
    items = read.recent_exchanges(store, **filters)
    return _feed(base_url, self_url, "/", "exchanges.atom", filters,
                 "Exchanges and releases, newest first, each with the sentence that states it.",
                 [exchange_entry(base_url, x) for x in items])


def held_feed(store, base_url: str, self_url: str, **filters: Any) -> Feed:
    """People's latest status reports, newest first: detentions, releases, exchanges (held_by, status)."""
    items = read.recent_statuses(store, **filters)
    return _feed(base_url, self_url, "/held", "held.atom", filters,
                 "People detained, released or exchanged, the latest reports first, each with its sentence.",
                 [status_entry(base_url, p) for p in items])
