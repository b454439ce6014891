"""What ties a figure to its source: the reference its numbers come from (with `evidence`,
the passage verified and located) and every number of a chart found in that passage."""
from __future__ import annotations

import re

from compiler.numbers import shown
from compiler.resolve.citations import notes
from compiler.resolve.context import Context
from compiler.resolve.quotes import verify_passage


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# "$9 billion" stands for 9 in a chart in US$ billions, "$800,000" for 0.8 in millions.
_SCALES = (1, 1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9)


def numbers_in_evidence(chart, evidence: str, at: tuple, ctx: Context) -> None:
    """Every number in the chart must appear in its evidence passage: that is what ties
    the figure to its source."""
    found = [float(n.replace(",", "")) for n in _NUMBER.findall(evidence)]
    for name, values in chart.series:
        for category, value in zip(chart.categories, values):
            if not any(abs(abs(value) * scale - n) <= 1e-9 * max(1.0, n) for n in found for scale in _SCALES):
                # a CSV chart has no `series` key: the location falls back to `chart`
                ctx.problems.error(ctx.positions.of(at + ("chart", "series", name)),
                                   f"{shown(value, places=6, spoken=True)} ({name}, {category}) is not in the "
                                   f"figure's evidence passage")


def figure_reference(figure, at: tuple, ctx: Context) -> notes.Reference | None:
    """Where the figure's numbers come from; with `evidence`, verified and located."""
    if not figure.source:
        return None
    if figure.evidence:
        verified = verify_passage(figure.evidence, figure.source, at + ("evidence",), "evidence", ctx)
        return verified[0] if verified else None
    source = ctx.catalog.sources.get(figure.source)
    if source is None:
        ctx.problems.error(ctx.positions.of(at + ("source",)),
                           f"unknown source `{figure.source}`{ctx.suggest(figure.source)}")
        return None
    return notes.Reference(source)
