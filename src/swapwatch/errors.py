"""One base exception with a stable code and an HTTP status, translated at the edges."""
from __future__ import annotations


class SwapwatchError(Exception):
    code = "swapwatch_error"
    http_status = 500

    def __init__(self, message: str, *, code: str | None = None, http_status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if http_status:
            self.http_status = http_status

    def to_dict(self) -> dict[str, object]:
        return {"error": {"code": self.code, "message": self.message, "status": self.http_status}}


class ConfigError(SwapwatchError):
    code = "config_error"
    http_status = 500


class IngestError(SwapwatchError):
    """One input could not be read; the run goes on and reports it."""

    code = "ingest_error"
    http_status = 422


class NotFound(SwapwatchError):
    code = "not_found"
    http_status = 404


class StoreError(SwapwatchError):
    code = "store_error"
    http_status = 500


class InvalidRequest(SwapwatchError):
    """A filter or option value that is not allowed (a misspelt status, a malformed date)."""

    code = "invalid_request"
    http_status = 422


class OverBudget(SwapwatchError):
    """A request ran past its time budget, or waited past it for a turn: asked again in a
    moment it may well be answered (HTTP 503 with Retry-After)."""

    code = "over_budget"
    http_status = 503
