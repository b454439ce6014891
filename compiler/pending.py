"""Cache entries a build made (chart SVGs), kept only once its outputs are written: a
failed build leaves the cache as it found it. Apart from charts.py so that keeping them
costs no matplotlib import."""
from __future__ import annotations

from pathlib import Path

from .paths import write_cache

# cache folder -> {file name: text}
_PENDING: dict[Path, dict[str, str]] = {}


def add(cache: Path, name: str, text: str) -> None:
    _PENDING.setdefault(cache, {})[name] = text


def forget_pending_charts() -> None:
    """A build begins: drop what an earlier, failed build drew but never kept."""
    _PENDING.clear()


def pending_charts() -> dict[Path, dict[str, str]]:
    """What this process drew and has not kept (the memo process hands it back)."""
    return {cache: dict(entries) for cache, entries in _PENDING.items()}


def adopt_pending_charts(drawn: dict[Path, dict[str, str]]) -> None:
    """Charts another process drew for this build: kept with this build's own."""
    for cache, entries in drawn.items():
        _PENDING.setdefault(cache, {}).update(entries)


def keep_pending_charts() -> None:
    """The build's outputs are written: keep the charts it drew for the next build."""
    for cache, entries in _PENDING.items():
        for name, text in entries.items():
            write_cache(cache, name, text)
    _PENDING.clear()
