"""/api/docs: the OpenAPI description as one server-rendered page of the site.

FastAPI's default Swagger page loads its scripts from a CDN and starts them with an
inline script; both break offline and under the app's Content-Security-Policy. This page
is built from the same OpenAPI document (every route, its parameters and their
constraints) and rendered in the site's own layout (templates/api_docs.html), with the
machine-readable version one link away. Docstrings mark code as ``this``: it is shown as
code, never as literal backticks.
"""
from __future__ import annotations

import re
from typing import Any

Text = list[tuple[bool, str]]     # (is code, text) pieces of one paragraph

def _schema_text(schema: dict[str, Any]) -> str:
    """'integer, 1..500, default 50' and the like, from a parameter's JSON schema."""
    if "anyOf" in schema:
        kinds = [_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null"]
        text = " or ".join(k for k in kinds if k) or "any"
    elif "enum" in schema:
        text = "one of " + ", ".join(str(v) for v in schema["enum"])
    elif "const" in schema:
        text = f"exactly {schema['const']}"
    else:
        text = schema.get("type", "any")
        if schema.get("format"):
            text += f" ({schema['format']})"
    bounds = []
    for key, label in (("minimum", ">="), ("maximum", "<="), ("minLength", "length >="), ("maxLength", "length <=")):
        if key in schema:
            bounds.append(f"{label} {schema[key]}")
    if bounds:
        text += ", " + ", ".join(bounds)
    if "default" in schema and schema["default"] is not None:
        text += f", default {schema['default']}"
    return text



def pieces(text: str | None) -> Text:
    """'``country`` matches' -> [(True, 'country'), (False, ' matches')]: code apart from prose."""
    out: Text = []
    for i, part in enumerate(re.split(r"``(.+?)``", " ".join((text or "").split()))):
        if part:
            out.append((i % 2 == 1, part))
    return out


def paragraphs(text: str | None) -> list[Text]:
    return [pieces(p) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _parameters(op: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for p in op.get("parameters") or []:
        schema = p.get("schema", {})
        out.append({"name": p["name"], "where": p.get("in", ""), "required": bool(p.get("required")),
                    "schema": _schema_text(schema),
                    "meaning": pieces(p.get("description") or schema.get("description") or "")})
    return out


def api_reference(spec: dict[str, Any]) -> dict[str, Any]:
    """What the page shows, from the OpenAPI document: plain data, escaped by the template."""
    info = spec.get("info", {})
    endpoints = []
    for path, ops in sorted(spec.get("paths", {}).items()):
        for method, op in ops.items():
            endpoints.append({"anchor": f"{method}{path}".replace("/", "-").replace("{", "").replace("}", ""),
                              "method": method.upper(), "path": path, "summary": op.get("summary") or "",
                              "description": paragraphs(op.get("description")), "parameters": _parameters(op)})
    return {"title": info.get("title", "swapwatch"), "version": str(info.get("version", "")),
            "summary": info.get("summary") or "", "endpoints": endpoints}
