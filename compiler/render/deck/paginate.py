"""What goes on each slide, decided without python-pptx: the pages of a deck (`Page`), a
section's points cut into slide-sized runs, a long bullet cut into "(cont.)" pieces, a
quote cut at sentences, the sources in runs, what a slide cites and what its speaker
notes say. Whether something fits is asked of a function the caller gives (measure.py
for our template, the office template's own placeholders for an office's).

A bullet too long for a whole slide at the floor size is cut into pieces that fit: at
sentence ends first, then at clause marks (; : , and dashes), and only past those between
words; no word is cut and no text dropped. The pieces after the first are `Continued`
(set without a bullet, on "(cont.)" slides); each keeps the bullet's citations, so every
slide that shows a piece credits its sources.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence, TypeVar

from compiler import sentences
from compiler.limits import shortened
from compiler.model import Cite, Figure, Inlines, NoteRef, Text, plain
from compiler.sentences import ends_sentence

T = TypeVar("T")
CONT = " (cont.)"

_SENTENCE = re.compile(r"(?<=[.!?])[”’\"')\]]*\s+(?=[“‘\"'(\[]*[A-Z0-9])")
_CLAUSE = re.compile(r"(?<=[;:,])\s+|\s+(?=[—–]\s)|(?<=[—–])\s+")
_WORD = re.compile(r"\s+")

class Continued(tuple):
    """A piece of a bullet that began on an earlier slide."""


def split_point(point: Inlines, fits: Callable[[str], bool]) -> list[Inlines]:
    """`point` as it is when `fits` its text; else the fewest pieces that each fit,
    cut at the strongest boundary that will do."""
    text = "".join(r.text for r in point if isinstance(r, Text))
    if fits(text.strip()):
        return [point]
    spans = _pieces(text, 0, len(text), fits)
    refs = tuple(r for r in point if isinstance(r, NoteRef))
    out: list[Inlines] = []
    for i, (start, end) in enumerate(spans):
        piece = tuple(_slice(point, start, end)) + refs
        out.append(piece if i == 0 else Continued(piece))
    return out


def _pieces(text: str, start: int, end: int, fits) -> list[tuple[int, int]]:
    """Greedy from the start: each piece as long as fits, cut at sentence ends if any
    sentence end gives a piece that fits, else at clauses, else between words."""
    pieces = []
    while start < end:
        if fits(text[start:end].strip()):
            pieces.append((start, end))
            break
        cut = None
        for pattern in (_SENTENCE, _CLAUSE, _WORD):
            cuts = [m.end() for m in pattern.finditer(text, start, end) if m.start() > start
                    and (pattern is not _SENTENCE or ends_sentence(text[start:m.start()].split()[-1]))]
            good = [c for c in cuts if fits(text[start:c].strip())]
            if good:
                cut = max(good)
                break
        if cut is None:                       # one word wider than a slide: it stands alone
            m = _WORD.search(text, start + 1, end)
            cut = m.end() if m else end
        pieces.append((start, cut))
        start = cut
    return pieces


def _slice(point: Inlines, start: int, end: int):
    """The Text runs of `point` between two offsets of its text, styles kept, trimmed."""
    at = 0
    runs = []
    for run in point:
        if not isinstance(run, Text):
            continue
        a, b = max(start, at), min(end, at + len(run.text))
        if a < b:
            runs.append(Text(run.text[a - at:b - at], run.bold, run.italic, run.code, run.href))
        at += len(run.text)
    if runs:
        runs[0] = Text(runs[0].text.lstrip(), runs[0].bold, runs[0].italic, runs[0].code, runs[0].href)
        runs[-1] = Text(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic, runs[-1].code, runs[-1].href)
    return [r for r in runs if r.text]


@dataclass
class Page:
    """One slide to make: its layout, title, and what it cites (for the source line
    and the speaker notes)."""

    layout: str
    title: str
    cites: list[tuple[Cite, int | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def titled(title: str, i: int) -> str:
    """The title of a run's i-th slide: "(cont.)" after the first."""
    return title if i == 0 else f"{title}{CONT}"


def point_cites(points: Sequence[Inlines]) -> list[tuple[Cite, int | None]]:
    """What the points cite, in order, with their footnote numbers."""
    return [(c, r.footnote) for point in points for r in point if isinstance(r, NoteRef) for c in r.cites]


def figure_cites(figure: Figure) -> list[tuple[Cite, int | None]]:
    """What a figure's slide cites: its source, then its table cells and caption."""
    cites: list[tuple[Cite, int | None]] = [(figure.cite, figure.footnote)] if figure.cite else []
    table = figure.table
    cells = [cell for row in (table.columns, *table.rows) for cell in row] if table else []
    return cites + point_cites((*cells, figure.caption))


def unique_cites(cites: list[tuple[Cite, int | None]]) -> list[tuple[Cite, int | None]]:
    """Each (work, place, footnote) once, in the order first cited."""
    seen, out = set(), []
    for cite, number in cites:
        key = (cite.source_id, cite.locator, number)
        if key not in seen:
            seen.add(key)
            out.append((cite, number))
    return out


def speaker_notes(page: Page) -> list[str]:
    """A slide's speaker notes, a line each: every citation in full, then the page's own notes."""
    return [f"[{n}] " * (n is not None) + plain(c.full) for c, n in unique_cites(page.cites)] + page.notes


def chart_notes(figure: Figure) -> list[str]:
    """A chart's numbers, for the speaker notes."""
    chart = figure.chart
    if chart is None:
        return []
    unit = f" ({chart.unit})" if chart.unit else ""
    lines = [f"Data{unit}:"]
    for name, values in chart.series:
        pairs = ", ".join(f"{c}: {v:g}" for c, v in zip(chart.categories, values))
        lines.append(f"{name}: {pairs}")
    return lines


def greedy_runs(items: Sequence[T], fits: Callable[[list[T]], bool]) -> list[list[T]]:
    """`items` in order, in runs each as long as `fits` allows (one item at least)."""
    runs: list[list[T]] = []
    current: list[T] = []
    for item in items:
        if current and not fits(current + [item]):
            runs.append(current)
            current = []
        current.append(item)
    if current:
        runs.append(current)
    return runs


def point_pages(points: Sequence[Inlines], height: Callable[[int, int, int], int], room: int,
                sizes: tuple[int, ...], floor: int, most: int) -> list[tuple[list[Inlines], int]]:
    """Points split into the fewest slides of at most `most` that fit `room` at the
    smallest of `sizes` (`height(i, j, size)`: points i to j's height), as even in height
    as can be; each with the largest size that fits it (else `floor`)."""
    if not points:
        return []
    measured = functools.lru_cache(maxsize=None)(height)
    fits = lambda i, j, size: j - i <= most and measured(i, j, size) <= room  # noqa: E731
    count, start = 0, 0
    while start < len(points):               # greedily: how many slides at least
        end = start + 1
        while end < len(points) and fits(start, end + 1, sizes[-1]):
            end += 1
        count, start = count + 1, end
    cuts = even_cuts(len(points), count, lambda i, j: measured(i, j, sizes[-1]) if fits(
        i, j, sizes[-1]) or j - i == 1 else None, longest=most)
    pages = [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]
    return [(list(points[i:j]), next((s for s in sizes if fits(i, j, s)), floor)) for i, j in pages]


def even_cuts(n: int, count: int, cost: Callable[[int, int], float | None],
              longest: int | None = None) -> list[int]:
    """Cut n items into `count` runs, minimising the largest `cost(i, j)` of a run
    (None: the run is not allowed; no run is longer than `longest` items, which the
    cost must refuse anyway); gives the cut positions, 0 and n included."""
    reach = n if longest is None else longest

    @functools.lru_cache(maxsize=None)
    def best(start: int, left: int) -> tuple[float, tuple[int, ...]]:
        if left == 1:
            c = cost(start, n)
            return (float("inf"), ()) if c is None else (c, (n,))
        options = [(max(c, rest[0]), (j, *rest[1])) for j in range(start + 1, min(n - left + 2, start + reach + 1))
                   if (c := cost(start, j)) is not None and (rest := best(j, left - 1))[0] < float("inf")]
        return min(options, default=(float("inf"), ()))
    return [0, *best(0, count)[1]]


def balanced(units: list[str], count: int) -> list[list[str]]:
    """`units` in order, cut into at most `count` runs of about equal length."""
    total = sum(len(u) + 1 for u in units)
    groups: list[list[str]] = [[]]
    done = 0
    for unit in units:
        boundary = total * len(groups) / count
        if groups[-1] and len(groups) < count and done + (len(unit) + 1) / 2 > boundary:
            groups.append([])
        groups[-1].append(unit)
        done += len(unit) + 1
    return groups


def quote_chunks(text: str, sizes: tuple[int, ...], floor: int,
                 fits: Callable[[str, int], bool]) -> list[tuple[str, int]]:
    """The quote in curly quotes at the largest of `sizes` at which it `fits`; else split
    at sentences into the fewest, most even slides, all at one size (each sentence alone
    at `floor` when nothing does). As with quoted paragraphs, each part opens with a
    quote mark and only the last one closes."""
    units = sentences.split(text, tidy=True)
    for count in range(1, len(units) + 1):
        chunks = ["“" + " ".join(g) for g in balanced(units, count)]
        chunks[-1] += "”"
        size = next((s for s in sizes if all(fits(c, s) for c in chunks)), None)
        if size is not None:
            return [(c, size) for c in chunks]
    return [("“" + u + "”" * (i == len(units) - 1), floor) for i, u in enumerate(units)]


def longest_fitting(text: str, fits: Callable[[str], bool]) -> str:
    """The longest cut of `text` at a word boundary, with "…", for which `fits` holds."""
    low, high = 1, len(text)            # shortened(text, low) fits, or nothing does
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(shortened(text, middle)) else (low, middle - 1)
    return shortened(text, low)

