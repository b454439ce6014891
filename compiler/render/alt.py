"""Alternative text: the words a screen reader gives for a figure, the same in both outputs.

A chart is told from its title, kind and data ("Figure 2. Trade. Column chart, US$
billions: 2009, 9; 2022, 22."); a table from its title, size and header (its cells are
read as a table); a picture by the outline's `alt:` ("" marks decoration, which readers
skip).
"""
from __future__ import annotations

from compiler.model import Chart, Figure, plain
from compiler.numbers import shown


def figure_alt(figure: Figure) -> str:
    """What the figure shows, in words (empty for a decorative picture)."""
    if figure.chart:
        return f"{figure.label}. {figure.title}. {chart_words(figure.chart)}"
    if figure.table:
        header = ", ".join(plain(cell) for cell in figure.table.columns)
        rows = len(figure.table.rows)
        return f"{figure.label}. {figure.title}. Table of {rows} row{'s' * (rows != 1)}; columns: {header}."
    return (figure.alt or "").strip()


def decorative(figure: Figure) -> bool:
    """A picture the outline marked as decoration (`alt: ""`)."""
    return figure.image is not None and not (figure.alt or "").strip()


def chart_words(chart: Chart) -> str:
    """The chart's kind, unit and every value: "Column chart, US$ billions: 2009, 9; 2022, 22."
    With several series each is named ("... . Exports: 2009, 5; 2022, 10.")."""
    kind = f"{chart.type.capitalize()} chart" + (", stacked" if chart.stacked else "") + \
        (f", {chart.unit}" if chart.unit else "")
    pairs = lambda values: "; ".join(f"{c}, {shown(v, spoken=True)}" for c, v in zip(chart.categories, values))  # noqa: E731
    if len(chart.series) == 1:
        return f"{kind}: {pairs(chart.series[0][1])}."
    return " ".join([f"{kind}."] + [f"{name}: {pairs(values)}." for name, values in chart.series])
