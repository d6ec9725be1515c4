"""The web app: a read-only JSON API under /api and server-rendered pages over the same data."""
