"""Curators: the people allowed to write curations over the API and the web forms.

``add_curator`` makes a random token, shows it once and stores only its SHA-256 (a token
is 32 random bytes, so a plain hash cannot be guessed back; no slow hash is needed).
``check_token`` hashes what a request brings and compares it with every live curator's
hash in constant time. The CLI (``swapwatch curate``) needs no token: whoever can run it
can write the database file anyway.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any

from .errors import InvalidRequest, SwapwatchError

TOKEN_PREFIX = "swc_"
MAX_NAME_CHARS = 80
MAX_TOKEN_CHARS = 200
SESSION_HOURS = 12
_NAME = re.compile(r"^[^\x00-\x1f\x7f]+$")


class Unauthorized(SwapwatchError):
    code = "unauthorized"
    http_status = 401


def _now() -> datetime:
    return datetime.now(timezone.utc)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def checked_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME_CHARS or not _NAME.match(name):
        raise InvalidRequest(f"a curator's name is 1 to {MAX_NAME_CHARS} printable characters")
    return name


def add_curator(store, name: str) -> tuple[dict[str, Any], str]:
    """A new curator and their token; the token is not stored and cannot be shown again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return store.add_curator(checked_name(name), token_hash(token), _now()), token


def list_curators(store) -> list[dict[str, Any]]:
    return store.list_curators()


def revoke_curator(store, name: str) -> dict[str, Any]:
    """The curator's token stops working at once, and so do their web sessions."""
    return store.revoke_curator(checked_name(name), _now())


def check_token(store, token: str | None) -> dict[str, Any]:
    """The live curator whose token this is; Unauthorized otherwise. Every live hash is
    compared (no early exit), each in constant time."""
    token = (token or "").strip()
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise Unauthorized("a curator's token is required: 'Authorization: Bearer <token>' "
                           "(swapwatch curators add NAME makes one)")
    given = token_hash(token).encode()
    found: dict[str, Any] | None = None
    for cid, name, stored in store.live_token_hashes():
        if hmac.compare_digest(given, stored.encode()) and found is None:
            found = {"id": cid, "name": name}
    if found is None:
        raise Unauthorized("this token is not a live curator's (unknown or revoked)")
    return found


# -- web sessions ----------------------------------------------------------------------------

def sign_in(store, token: str) -> tuple[str, dict[str, Any]]:
    """A new web session for the token's curator: (the cookie's session id, {name, csrf})."""
    curator = check_token(store, token)
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    store.add_session(token_hash(session_id), curator["id"], csrf, now, now + timedelta(hours=SESSION_HOURS))
    return session_id, {"name": curator["name"], "csrf": csrf}


def session_curator(store, session_id: str | None) -> dict[str, Any] | None:
    """{id, name, csrf} of a live session, or None (no cookie, expired, signed out, revoked)."""
    if not session_id or len(session_id) > MAX_TOKEN_CHARS:
        return None
    return store.session_curator(token_hash(session_id), _now())


def sign_out(store, session_id: str | None) -> None:
    if session_id and len(session_id) <= MAX_TOKEN_CHARS:
        store.end_session(token_hash(session_id))


def same_csrf(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())
