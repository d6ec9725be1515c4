"""The Atom feeds under /feeds (``publish/feeds.py``), and the ``?format=csv`` parameter of the
list pages (the download itself is ``api.csv_response``). Feeds take the same filters as their
pages, checked the way the API checks them (422 for a bad value), within the request's budget."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..publish import atom, feeds
from .api import Kind, Party, Status, Text

router = APIRouter(include_in_schema=False)

PageFormat = Annotated[Literal["html", "csv"], Query(alias="format")]   # a list page's ?format=csv


def _atom(feed: atom.Feed) -> Response:
    return Response(atom.render(feed), media_type=atom.MEDIA_TYPE)


@router.get("/feeds/exchanges.atom")
def exchanges_feed(request: Request, since: date | None = None, until: date | None = None, country: Party = None,
                   kind: Kind | None = None, q: Text = None) -> Response:
    return _atom(feeds.exchanges_feed(request.app.state.store, str(request.base_url), str(request.url),
                                      since=since and since.isoformat(), until=until and until.isoformat(),
                                      country=country, kind=kind, q=q))


@router.get("/feeds/held.atom")
def held_feed(request: Request, held_by: Party = None, status: Status | None = None) -> Response:
    return _atom(feeds.held_feed(request.app.state.store, str(request.base_url), str(request.url),
                                 held_by=held_by, status=status))
