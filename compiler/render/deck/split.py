"""A bullet too long for a whole slide at the floor size, cut into pieces that fit: at
sentence ends first, then at clause marks (; : , and dashes), and only past those between
words; no word is cut and no text dropped. The pieces after the first are `Continued`
(set without a bullet, on "(cont.)" slides); each keeps the bullet's citations, so every
slide that shows a piece credits its sources.
"""
from __future__ import annotations

import re
from typing import Callable

from compiler.model import Inlines, NoteRef, Text
from compiler.sentences import ends_sentence

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
