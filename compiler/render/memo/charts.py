"""Charts: a resolved `Chart` and the `Theme` in, a self-contained vector SVG string out.

Drawn with matplotlib's object API (no pyplot global state) and its SVG backend.
Text stays text (`svg.fonttype: none`) so the PDF embeds the theme's sans and the
numbers remain searchable; ids are salted and the date left out so the same chart
gives the same bytes on every run. The SVG carries a <title> with the data written
out: the text alternative screen readers and tagged PDFs use.
"""
from __future__ import annotations

import io
import re
import warnings
from html import escape
from typing import Any, Callable, Literal

import matplotlib

matplotlib.use("Agg")  # no display; must precede any backend import

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import numpy as np  # noqa: E402

from compiler.render.alt import chart_words  # noqa: E402
from compiler.diagnostics import BriefError, Problem  # noqa: E402
from compiler.model import Chart, Theme  # noqa: E402
from compiler.numbers import shown  # noqa: E402

WIDTH_IN = 6.5          # the memo's column: US Letter less two 1 in margins
FONT_PT = 9.0

CHART_TYPES = ("column", "bar", "line", "pie")


def chart_svg(chart: Chart, theme: Theme, title: str) -> str:
    """The chart as an SVG document (no XML prolog), sized for the memo's column."""
    if chart.type not in CHART_TYPES:
        raise ValueError(f"unknown chart type {chart.type!r}")  # the resolver validates
    # Salt ids with the content: two charts in one HTML page must not share ids.
    try:
        # matplotlib's warnings (a glyph missing from its metric font, a tight layout it
        # could not apply) concern its own measuring, not the chart the user gets
        with warnings.catch_warnings(), matplotlib.rc_context(_rc(theme, salt=f"{title}|{chart!r}")):
            warnings.simplefilter("ignore")
            fig = Figure(figsize=(WIDTH_IN, _height_in(chart)))
            FigureCanvasSVG(fig)
            _DRAW[chart.type](fig, chart, theme)
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    except (ValueError, ArithmeticError, RuntimeError, np.linalg.LinAlgError) as e:
        # the resolver refuses what it knows matplotlib cannot draw; this is the boundary
        # for what it does not know
        raise BriefError([Problem(None, "error", f"the chart “{title}” cannot be drawn "
                                  f"(matplotlib: {' '.join(str(e).split())[:120]})")]) from None
    return _tidy(buf.getvalue(), title, describe(chart))


def describe(chart: Chart) -> str:
    """The data in words: the chart's text alternative (the deck's `descr` says the same)."""
    return chart_words(chart)


# --- style -----------------------------------------------------------------


def _rc(theme: Theme, salt: str) -> dict:
    """matplotlib settings: theme font and greys, no chart junk, stable output."""
    return {
        "svg.fonttype": "none",
        "text.parse_math": False,       # "$9 and $10" is money, not TeX
        "svg.hashsalt": f"briefing:{salt}",
        "font.family": [theme.sans_metric, "DejaVu Sans"],
        "font.size": FONT_PT,
        "text.color": theme.text,
        "axes.edgecolor": theme.rule,
        "axes.labelcolor": theme.muted,
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "grid.color": theme.light,
        "grid.linewidth": 0.8,
        "xtick.color": theme.rule,
        "ytick.color": theme.rule,
        "xtick.labelcolor": theme.muted,
        "ytick.labelcolor": theme.muted,
        "legend.frameon": False,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "savefig.facecolor": "none",
        "savefig.bbox": None,
    }


def _height_in(chart: Chart) -> float:
    if chart.type == "bar":  # one row per category and series
        rows = len(chart.categories) * max(1, len(chart.series))
        return min(7.0, max(2.2, 0.9 + 0.28 * rows))
    return 3.0


def _colors(theme: Theme, n: int) -> list[str]:
    """Palette in order, repeated if a chart has more series than colours."""
    return [theme.palette[i % len(theme.palette)] for i in range(n)]




# --- the four chart types ----------------------------------------------------


def _draw_bars(fig: Figure, chart: Chart, theme: Theme) -> None:
    """Column (vertical) or bar (horizontal) chart; series side by side, or stacked."""
    horizontal = chart.type == "bar"
    ax = fig.add_subplot()
    n = len(chart.series)
    width = 0.6 if n == 1 or chart.stacked else 0.8 / n
    positions = range(len(chart.categories))
    base = [0.0] * len(chart.categories)
    for i, ((name, values), color) in enumerate(zip(chart.series, _colors(theme, n))):
        offsets = list(positions) if chart.stacked else [p + (i - (n - 1) / 2) * width for p in positions]
        draw = ax.barh if horizontal else ax.bar
        stack: dict[str, Any] = {"left" if horizontal else "bottom": base} if chart.stacked else {}
        bars = draw(offsets, values, width * 0.92, color=color, label=name, **stack)
        if chart.labelled:
            ax.bar_label(bars, labels=[shown(v) for v in values], padding=0 if chart.stacked else 2,
                         label_type="center" if chart.stacked else "edge",
                         fontsize=FONT_PT - 0.5, color="white" if chart.stacked else theme.text)
        base = [b + v for b, v in zip(base, values)]
    _category_axis(ax, chart, horizontal)
    _value_axis(ax, chart, theme, horizontal)
    # The zero line is the baseline bars grow from, also when some are negative.
    (ax.axvline if horizontal else ax.axhline)(0, color=theme.rule, linewidth=0.8)
    ax.spines["left" if horizontal else "bottom"].set_visible(False)
    _legend(ax, chart)
    fig.tight_layout(pad=0.4)


def _draw_line(fig: Figure, chart: Chart, theme: Theme) -> None:
    ax = fig.add_subplot()
    positions = list(range(len(chart.categories)))
    for (name, values), color in zip(chart.series, _colors(theme, len(chart.series))):
        ax.plot(positions, values, color=color, linewidth=2, marker="o",
                markersize=3.5, label=name)
        _label_points(ax, chart, positions, values, color)
    _category_axis(ax, chart, horizontal=False)
    _value_axis(ax, chart, theme, horizontal=False)
    ax.margins(x=0.04, y=0.12)  # room for labels above peaks and below troughs
    if all(v >= 0 for _name, values in chart.series for v in values) and chart.y_min is None:
        ax.set_ylim(bottom=0)  # an axis from zero does not exaggerate change
    _legend(ax, chart)
    fig.tight_layout(pad=0.4)


def _label_points(ax: Axes, chart: Chart, xs: list[int], ys: tuple[float, ...],
                  color: str) -> None:
    """Every value when few, otherwise only the last: the number readers ask for."""
    if chart.labels is False:
        return
    indices = range(len(ys)) if chart.labelled else [len(ys) - 1]
    for i in indices:
        below = _is_trough(ys, i)
        ax.annotate(shown(ys[i]), (xs[i], ys[i]), xytext=(0, -6 if below else 5),
                    textcoords="offset points", ha="center",
                    va="top" if below else "bottom", fontsize=FONT_PT - 0.5, color=color)


def _is_trough(ys: tuple[float, ...], i: int) -> bool:
    """Lower than its neighbours: a label above would sit on the line climbing out."""
    neighbours = [ys[j] for j in (i - 1, i + 1) if 0 <= j < len(ys)]
    return bool(neighbours) and all(ys[i] < n for n in neighbours)


def _draw_pie(fig: Figure, chart: Chart, theme: Theme) -> None:
    """One series as slices, labelled with category, value and share."""
    ax = fig.add_subplot()
    _name, values = chart.series[0]
    total = sum(values) or 1.0
    labels = [f"{c}\n{shown(v)} ({v / total:.0%})" for c, v in zip(chart.categories, values)]
    ax.pie(values, labels=labels, colors=_colors(theme, len(values)), startangle=90,
           counterclock=False, labeldistance=1.15, wedgeprops={"linewidth": 1.2, "edgecolor": "white"},
           textprops={"fontsize": FONT_PT, "color": theme.text})
    ax.set_aspect("equal")
    if chart.unit:
        ax.set_xlabel(chart.unit)
    fig.tight_layout(pad=0.4)


_DRAW: dict[str, Callable[[Figure, Chart, Theme], None]] = {
    "column": _draw_bars, "bar": _draw_bars, "line": _draw_line, "pie": _draw_pie,
}


# --- axes --------------------------------------------------------------------


def _category_axis(ax: Axes, chart: Chart, horizontal: bool) -> None:
    positions = range(len(chart.categories))
    if horizontal:
        ax.set_yticks(positions, chart.categories)
        ax.invert_yaxis()  # first category on top, as read
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(positions, chart.categories)
        ax.tick_params(axis="x", length=0)


def _value_axis(ax: Axes, chart: Chart, theme: Theme, horizontal: bool) -> None:
    """Light gridlines instead of a value spine; the unit names the axis."""
    axis: Literal["x", "y"] = "x" if horizontal else "y"
    ax.grid(True, axis=axis, color=theme.light, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis=axis, length=0)
    ax.spines["bottom" if horizontal else "left"].set_visible(False)
    (ax.xaxis if horizontal else ax.yaxis).set_major_formatter(
        lambda v, _pos: shown(v))
    if chart.unit and horizontal:
        ax.set_xlabel(chart.unit)
    elif chart.unit:
        # level, above the axis: rotated text reads badly and breaks text extraction
        ax.set_title(chart.unit, loc="left", fontsize=FONT_PT, color=theme.muted, pad=10)
    ax.margins(x=0.08) if horizontal else ax.margins(y=0.08)  # room for value labels past the longest bar
    if chart.y_min is not None or chart.y_max is not None:
        (ax.set_xlim if horizontal else ax.set_ylim)(chart.y_min, chart.y_max)


def _legend(ax: Axes, chart: Chart) -> None:
    if len(chart.series) > 1:
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1.0), ncols=len(chart.series),
                  handlelength=1.0, columnspacing=1.2, borderaxespad=0.2)


# --- the SVG text ------------------------------------------------------------


def _tidy(svg: str, title: str, desc: str) -> str:
    """Drop the prolog and metadata, drop matplotlib's group ids (they would collide
    between two charts inlined in one HTML page), add the <title>."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'<g id="[^"]*"', "<g", svg)
    # A tagged PDF takes its /Alt text from <title> only, so the data goes there too.
    alt = f"<title>{escape(title)}. {escape(desc)}</title>"
    svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1)[:-1] + ' role="img">' + alt, svg,
                 count=1)
    return svg
