"""robots.txt, read once per host (again after ``robots_ttl_s``) with urllib.robotparser,
through the same polite client.

What a missing or unreadable file means follows robotparser and the common crawlers: 404 and
other 4xx allow everything, 401/403 forbid everything, and a 5xx, 429 or timeout is a transient
failure of the page asked for (not cached: asked again next time), never a guess either way.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

from .options import ROBOTS_AGENT

if TYPE_CHECKING:
    from .client import Fetcher


class RobotsCache:
    def __init__(self, fetcher: "Fetcher"):
        self._fetcher = fetcher
        self._rules: dict[str, tuple[RobotFileParser, float]] = {}     # host -> (rules, read at)

    def allowed(self, url: str) -> bool:
        from .client import host_of

        host = host_of(url)
        rules, read_at = self._rules.get(host, (None, 0.0))
        if rules is None or time.monotonic() - read_at > self._fetcher.options.robots_ttl_s:
            rules = self._load(host)
            self._rules[host] = (rules, time.monotonic())
        return rules.can_fetch(ROBOTS_AGENT, url)

    def _load(self, host: str) -> RobotFileParser:
        from .client import FetchError

        rules = RobotFileParser(f"{host}/robots.txt")
        try:
            fetched = self._fetcher.get(f"{host}/robots.txt", obey_robots=False,
                                        max_bytes=self._fetcher.options.max_robots_bytes)
        except FetchError as e:
            if e.transient and not self._fetcher.stop.is_set():
                raise FetchError(f"robots.txt of {host} could not be read: {e.reason}", transient=True) from None
            if e.transient:
                raise
            rules.disallow_all = e.status in (401, 403)
            rules.allow_all = not rules.disallow_all
            return rules
        rules.parse(fetched.body.decode("utf-8", "replace").splitlines())
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._fetcher.set_crawl_delay(host, float(delay))
        return rules
