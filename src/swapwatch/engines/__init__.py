"""Where an ingest's reading, relevance and extraction run: this process or a Ray cluster.

``open_engine("single")`` is today's one-process engine; ``open_engine("ray", ...)``
needs the optional extra ``swapwatch[ray]`` and is imported only when asked for.
"""
from __future__ import annotations

from ..errors import ConfigError
from ..service import Engine, SingleProcessEngine

ENGINES = ("single", "ray")


def open_engine(name: str = "single", *, workers: int | None = None, address: str | None = None) -> Engine:
    """An engine by name; close it when done (a Ray engine stops its workers and local cluster)."""
    if name == "single":
        if address or workers:
            raise ConfigError("--address and --workers need --engine ray")
        return SingleProcessEngine()
    if name == "ray":
        if workers is not None and workers < 1:
            raise ConfigError("--workers must be at least 1")
        from .ray_engine import RayEngine

        return RayEngine(workers=workers, address=address)
    raise ConfigError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "open_engine"]
