"""Server-rendered pages (Jinja2). Autoescaping is on for every template: article text is untrusted."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

TEMPLATES = Jinja2Templates(env=Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                                            autoescape=True))
router = APIRouter(include_in_schema=False)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)
