"""The JSON API under /api (OpenAPI at /api/docs)."""
from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(tags=["swapwatch"])


@router.get("/health", summary="Liveness and record counts")
def health(request: Request) -> dict:
    return {"status": "ok", "counts": request.app.state.store.counts()}
