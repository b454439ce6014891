"""The chart cache: each chart's SVG kept by content hash, so a rebuild does not draw
it again (matplotlib is most of a memo's render time; even importing it costs 0.7 s, so
this module imports charts.py only to draw a chart it does not hold). Entries a build
drew are kept only once its outputs are written: a failed build leaves the cache as it
found it."""
from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from compiler.model import Chart, Theme
from compiler.cache import read_cache, write_cache

# Bump when drawing changes, so old cached charts are not reused.
DRAWING_VERSION = "5"         # 4: alt text in the SVG title; 5: "$" is never TeX

# cache folder -> {file name: text}
_PENDING: dict[Path, dict[str, str]] = {}


def cached_chart_svg(chart: Chart, theme: Theme, title: str, cache: Path | None) -> str:
    """`charts.chart_svg`, from `cache` when a build drew the same chart, theme and title
    with the same matplotlib. The cache is read only as plain files (never through a
    symlink): it is inlined as markup, so an entry pointing elsewhere would put another
    file into the memo."""
    if cache is None:
        return _draw(chart, theme, title)
    key = hashlib.sha256(repr((chart, theme, title, version("matplotlib"), DRAWING_VERSION))
                         .encode()).hexdigest()
    cached = read_cache(cache, f"{key}.svg")
    if cached is not None and cached.startswith("<svg"):
        return cached
    svg = _draw(chart, theme, title)
    _PENDING.setdefault(cache, {})[f"{key}.svg"] = svg
    return svg


def _draw(chart: Chart, theme: Theme, title: str) -> str:
    from compiler.render.memo.charts import chart_svg
    return chart_svg(chart, theme, title)


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
