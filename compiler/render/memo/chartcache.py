"""The chart cache: each chart's SVG kept by content hash, so a rebuild does not draw
it again (matplotlib is most of a memo's render time; even importing it costs 0.7 s, so
this module imports charts.py only to draw a chart it does not hold). Entries a build
drew are kept only once its outputs are written: a failed build leaves the cache as it
found it."""
from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from compiler.model import Briefing, Chart, Theme
from compiler.cache import read_cache, write_cache

# Bump when drawing changes, so old cached charts are not reused.
DRAWING_VERSION = "5"         # 4: alt text in the SVG title; 5: "$" is never TeX

# cache folder -> {file name: text}
_PENDING: dict[Path, dict[str, str]] = {}
# cache folder -> {file name: text}: drawn by the build's main process for the memo's (draw_ahead)
_HANDED: dict[Path, dict[str, str]] = {}


def cached_chart_svg(chart: Chart, theme: Theme, title: str, cache: Path | None) -> str:
    """`charts.chart_svg`, from `cache` when a build drew the same chart, theme and title
    with the same matplotlib. The cache is read only as plain files (never through a
    symlink): it is inlined as markup, so an entry pointing elsewhere would put another
    file into the memo."""
    if cache is None:
        return _draw(chart, theme, title)
    name = _name(chart, theme, title)
    handed = _HANDED.get(cache, {}).get(name)
    if handed is not None:
        return handed
    cached = _cached(cache, name)
    if cached is not None:
        return cached
    svg = _draw(chart, theme, title)
    _PENDING.setdefault(cache, {})[name] = svg
    return svg


def _cached(cache: Path, name: str) -> str | None:
    """The entry's SVG, or None (missing, unreadable, or not an SVG)."""
    text = read_cache(cache, name)
    return text if text is not None and text.startswith("<svg") else None


def _name(chart: Chart, theme: Theme, title: str) -> str:
    key = hashlib.sha256(repr((chart, theme, title, version("matplotlib"), DRAWING_VERSION))
                         .encode()).hexdigest()
    return f"{key}.svg"


def draw_ahead(briefing: Briefing, cache: Path) -> dict[str, str]:
    """The memo's charts the cache does not hold, drawn here (kept pending as any drawn
    chart) and returned by cache entry name, for the memo's process (`hand_over`). The
    build's main process is idle while that process imports WeasyPrint: importing
    matplotlib and drawing there, at the same time, takes both off the memo's path.
    A template that asks for other charts still draws them where it runs."""
    from compiler.theme.letterhead import for_memo
    theme = for_memo(briefing.theme)
    out = {}
    for figure in (f for section in briefing.sections for f in section.figures):
        if figure.chart is None:
            continue
        title = f"{figure.label}. {figure.title}"      # as memo.html.j2 asks for it
        name = _name(figure.chart, theme, title)
        if _cached(cache, name) is None:
            out[name] = _PENDING.setdefault(cache, {})[name] = _draw(figure.chart, theme, title)
    return out


def hand_over(cache: Path | None, drawn: dict[str, str]) -> None:
    """In the memo's process: the charts the main process drew for this build."""
    _HANDED.clear()
    if cache is not None and drawn:
        _HANDED[cache] = dict(drawn)


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
