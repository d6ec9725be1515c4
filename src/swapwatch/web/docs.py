"""/api/docs: the OpenAPI description as one server-rendered page.

FastAPI's default Swagger page loads its scripts from a CDN and starts them with an
inline script; both break offline and under the app's Content-Security-Policy. This page
is plain HTML built from the same OpenAPI document (every route, its parameters and
their constraints), with the machine-readable version one link away.
"""
from __future__ import annotations

from html import escape
from typing import Any

STYLESHEET = "/static/swapwatch.css"      # the site's own assets (web/static)
ICON = "/static/favicon.svg"


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


def _parameters(op: dict[str, Any]) -> str:
    """One list item per parameter (a list, not a table: it wraps at phone width)."""
    params = op.get("parameters") or []
    if not params:
        return '<p class="params">No parameters.</p>'
    items = []
    for p in params:
        schema = p.get("schema", {})
        required = "required" if p.get("required") else "optional"
        meaning = p.get("description") or schema.get("description") or ""
        items.append(f'<li><code>{escape(p["name"])}</code> <span class="where">({escape(p.get("in", ""))}, '
                     f'{required})</span>: {escape(_schema_text(schema))}'
                     + (f". {escape(meaning)}" if meaning else "") + "</li>")
    return f'<ul class="params">{"".join(items)}</ul>'


def _endpoint(anchor: str, method: str, path: str, op: dict[str, Any]) -> str:
    description = escape(op.get("description") or "").replace("\n", "<br>")
    return (f'<section class="endpoint" id="{escape(anchor)}"><h2><span class="method">{escape(method.upper())}'
            f'</span> <code>{escape(path)}</code></h2><p class="summary">{escape(op.get("summary") or "")}</p>'
            f'<p>{description}</p>{_parameters(op)}</section>')


def render_docs(spec: dict[str, Any]) -> str:
    """The whole page; every value from the spec is escaped."""
    info = spec.get("info", {})
    title = escape(info.get("title", "swapwatch"))
    index, sections = [], []
    for path, ops in sorted(spec.get("paths", {}).items()):
        for method, op in ops.items():
            anchor = f"{method}{path}".replace("/", "-").replace("{", "").replace("}", "")
            index.append(f'<li><a href="#{escape(anchor)}"><span class="method">{escape(method.upper())}</span> '
                         f'{escape(path)}</a> {escape(op.get("summary") or "")}</li>')
            sections.append(_endpoint(anchor, method, path, op))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>API · {title}</title><link rel="stylesheet" href="{STYLESHEET}">'
        f'<link rel="icon" href="{ICON}" type="image/svg+xml"></head>'
        f'<body><main id="api-docs"><h1>{title} API <small>{escape(str(info.get("version", "")))}</small></h1>'
        f'<p>{escape(info.get("summary") or "")}</p>'
        '<p>Every answer is JSON. Errors have one shape: <code>{"error": {"status", "code", "message"}}</code>. '
        'The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a>.</p>'
        f'<nav><ul id="endpoints">{"".join(index)}</ul></nav>{"".join(sections)}</main></body></html>')
