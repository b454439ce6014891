"""A PDF page's characters -> its words, with footnote calls taken out (compiler/load/pdf.py
steps 1 and 2).

Takes a pypdfium2 page; gives its words, each [x0, x1, top, bottom, baseline, size, text]
(y grows downwards from the top of the page), in baseline then x order:

1. Characters with their boxes, baselines and sizes. Rotated text (printer slugs and
   notes set up the margin) is dropped.
2. Footnote calls: a run of digits or note symbols, smaller than the line beside it and
   raised above its baseline, glued to the end of a word (`Reports¹from`), is removed and
   leaves a word break (`Reports from`). Digits on the baseline are never touched, nor a
   raised digit after a digit (an exponent). A raised number starting a line (the note's
   own number at the foot of the page) is kept, as part of that line.

Words are split at a gap wider than a third of the type size, at a space the PDF has,
and where a footnote call was. Apart from reading order (compiler/load/pdforder.py) since
this is the part that talks to PDFium, character by character, and the part most of the
time goes to.
"""
from __future__ import annotations

import ctypes
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from operator import itemgetter

# A character: (x0, x1, top, bottom, baseline, size, text, space before it).
# y grows downwards from the top of the page; size is the height of the glyph's box.
X0, X1, TOP, BOTTOM, BASE, SIZE, TEXT, SPACE = range(8)
# A word: [x0, x1, top, bottom, baseline, size, text]
_CALL_CHARS = frozenset("0123456789*†‡§¶,–-")   # what a footnote call may consist of
_CALL_START = frozenset("0123456789*†‡§¶")
_BLANKS = frozenset("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                    "\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff")


def _page_chars(page) -> list[tuple]:
    import pypdfium2.raw as raw
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = textpage.get_text_range(0, count) if count > 0 else ""
        if len(text) != count:          # characters outside the BMP: one call each
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
        height = page.get_height()
        box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        loose_box, origin, angle_of = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin, raw.FPDFText_GetCharAngle
        chars, space = [], True
        last_x, last_y, upright, turned = -1e9, None, True, 2 * math.pi - 0.01
        for i, ch in enumerate(text):
            if ch <= " " or ch in _BLANKS:
                space = True
                continue
            origin(handle, i, x, y)
            ox, oy = x.value, y.value
            # the angle costs a call: a character further along the same baseline as the
            # last one is written horizontally, so ask only where a run of text starts
            if oy != last_y or ox < last_x:
                angle = angle_of(handle, i)
                upright = not 0.01 < angle < turned
            last_x, last_y = ox, oy
            if not upright:                 # rotated: slugs up the margin, stamps
                space = True
                continue
            loose_box(handle, i, box)
            top, bottom = box.top, box.bottom
            if top <= bottom:
                continue
            if ch in "\x02\ufffe":         # PDFium's marks for a hyphen ending a line
                ch = "-"
            chars.append((box.left, box.right, height - top, height - bottom,
                          height - oy, top - bottom, ch, space))
            space = False
        return chars
    finally:
        textpage.close()


def _bands(chars: list[tuple]) -> list[list[tuple]]:
    """Characters grouped by baseline (one band may hold lines of several columns)."""
    bands: list[list[tuple]] = []
    band: list[tuple] = []
    first = -1e9
    for c in sorted(chars, key=itemgetter(BASE)):
        limit = 0.1 * c[SIZE]
        if c[BASE] - first <= (limit if limit > 1.0 else 1.0):
            band.append(c)
        else:
            band = [c]
            bands.append(band)
            first = c[BASE]
    for band in bands:
        band.sort()
    return bands


def _runs(band: list[tuple]) -> list[list[tuple]]:
    """A band's characters in runs without gaps (x order)."""
    runs: list[list[tuple]] = []
    for c in band:
        if runs and c[X0] - runs[-1][-1][X1] <= 0.25 * c[SIZE] and not (c[SPACE] and c[X0] - runs[-1][-1][X1] > 0.05 * c[SIZE]):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def page_words(page) -> list[list]:
    """The words of a pypdfium2 page, footnote calls removed (see the module's docstring)."""
    bands = _bands(_page_chars(page))
    breaks: dict[int, list[float]] = defaultdict(list)   # band index -> x where a call was
    moved: dict[int, list[tuple]] = defaultdict(list)    # band index -> (char, baseline) moved in
    gone: dict[int, tuple[int, tuple]] = {}              # id() of a removed char -> (band, char)
    for j, band in enumerate(bands):
        if not any(c[TEXT] in _CALL_START for c in band):     # fast: most bands have none
            continue
        for run in _runs(band):
            if len(run) <= 7 and run[0][TEXT] in _CALL_START and all(c[TEXT] in _CALL_CHARS for c in run):
                _raised(bands, j, run, breaks, moved, gone)
    words = []
    touched = {j for j, _ in gone.values()}
    for j, band in enumerate(bands):
        if j in moved:
            band = sorted([c for c in band if id(c) not in gone] +
                          [c[:BASE] + (base,) + c[SIZE:] for c, base in moved[j]])
        elif j in touched:
            band = [c for c in band if id(c) not in gone]
        words.extend(_words(band, sorted(breaks[j]) if j in breaks else []))
    return words


def _raised(bands, j, run, breaks, moved, gone) -> None:
    """If `run` (in band j) is a footnote call raised above a later band's line, remove it
    (leaving a word break there); if it is the number leading a note, move it into the line."""
    base = run[0][BASE]
    for k in range(j + 1, len(bands)):
        line = bands[k]
        rise = line[0][BASE] - base
        if rise > 1.0 * line[0][SIZE] + 2:
            return
        x1s = [c[X1] for c in line]
        i = bisect_left(x1s, run[0][X0] - 0.4 * line[0][SIZE])
        left = next((c for c in line[max(0, i - 2):i + 3] if abs(c[X1] - run[0][X0]) <= max(1.0, 0.3 * c[SIZE])), None)
        neighbour = left
        if neighbour is None:
            x0s = [c[X0] for c in line]
            i = bisect_right(x0s, run[-1][X1] - 1.0)
            neighbour = next((c for c in line[i:i + 2] if c[X0] - run[-1][X1] <= 0.5 * c[SIZE]), None)
        if neighbour is None:
            continue
        size = neighbour[SIZE]
        if not (0.15 * size <= rise <= 0.75 * size and max(c[SIZE] for c in run) <= 0.92 * size):
            continue
        gone.update((id(c), (j, c)) for c in run)
        if left is not None and not left[TEXT].isdigit():
            breaks[k].append(run[0][X0])
        else:                       # a note's own number, or an exponent: keep it
            moved[k].extend((c, neighbour[BASE]) for c in run)
            if left is None:        # the note's number is a word of its own: "3 An ..."
                breaks[k].append(run[-1][X1] - 0.55)
        return


def _words(band: list[tuple], breaks: list[float]) -> list[list]:
    """A band's characters (x order) joined into words: split at a gap wider than a
    third of the type size, at a space the PDF has, and where a footnote call was."""
    words: list[list] = []
    b, nb = 0, len(breaks)
    w = None
    for x0, x1, top, bottom, base, size, text, space in band:
        ended = False
        while b < nb and breaks[b] <= x0 - 0.5:
            b += 1
            ended = True
        if w is not None and not ended:
            gap = x0 - w[1]
            if -size < gap <= 0.3 * size and not (space and gap > 0.05 * size):
                if x1 > w[1]:
                    w[1] = x1
                if top < w[2]:
                    w[2] = top
                if bottom > w[3]:
                    w[3] = bottom
                if size > w[5]:
                    w[5] = size
                w[6].append(text)
                continue
        w = [x0, x1, top, bottom, base, size, [text]]
        words.append(w)
    for w in words:
        w[6] = "".join(w[6])
    return words
