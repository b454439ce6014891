"""PDF sources -> their text in reading order, one page per form feed.

Why this and not `page.extract_text()`: that reads a page line by line across its whole
width, so the lines of side-by-side columns interleave, figure captions land inside
sentences and running heads sit between the halves of a sentence crossing a page. Here
the text is rebuilt from the position of every character:

1. Characters with their boxes, baselines and sizes. Rotated text (printer slugs and
   notes set up the margin) is dropped.
2. Footnote calls: a run of digits or note symbols, smaller than the line beside it and
   raised above its baseline, glued to the end of a word (`Reports¹from`), is removed and
   leaves a word break (`Reports from`). Digits on the baseline are never touched, nor a
   raised digit after a digit (an exponent). A raised number starting a line (the note's
   own number at the foot of the page) is kept, as part of that line.
3. Words, then page furniture: a piece of a line in the top or bottom 12% of the page
   whose text (digits aside, so page numbers may change) recurs at the same height on
   another page, or that is only a page number, is removed.
4. Reading order by recursive cuts: a block is split at its gutters (vertical strips
   empty over the whole block, with at least two lines on each side) into columns, read
   left to right; a block without gutters is split at wide horizontal gaps into rows,
   and consecutive rows whose union still has a gutter are read as one block (so a
   paragraph gap that happens to line up across two columns does not cut them, while a
   full-width title, figure or table stays its own block, in position order).
   Each final block is a paragraph: its lines in order, separated by "\\n", paragraphs by
   a blank line. Blocks in a smaller type than the page's body at the foot of a column
   (footnotes, notes to a figure) go to the end of the page.

Line-end hyphens are kept as printed (the matcher decides whether `gov-` / `ernment` is
one word); a soft hyphen (U+00AD) is dropped inside a line and shown as `-` at its end.
Ligatures and odd spaces are left for the matcher's NFKC normalisation.

Library: pypdfium2 (PDFium, the PDF engine of Chrome; BSD-3 / Apache-2.0, already
installed as pdfplumber's renderer). pdfplumber (MIT) gives the same per-character data
through pdfminer.six, but in pure Python: 65 s for a dense 100-page two-column PDF on our
machine, against about 5 s for PDFium's per-character calls; pdfminer's own layout
analysis (LAParams) is as slow and groups text boxes with heuristics that still
interleave columns sharing baselines. PDFium is also the more tolerant parser of damaged
files. See bench/bench_extract.py.
"""
from __future__ import annotations

import ctypes
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from operator import itemgetter
from pathlib import Path

from compiler import limits


class PdfError(Exception):
    """The PDF cannot be read, or has pages without text; the message says why."""


# A character: (x0, x1, top, bottom, baseline, size, text, space before it).
# y grows downwards from the top of the page; size is the height of the glyph's box.
X0, X1, TOP, BOTTOM, BASE, SIZE, TEXT, SPACE = range(8)
# A word: [x0, x1, top, bottom, baseline, size, text]
_CALL_CHARS = frozenset("0123456789*†‡§¶,–-")   # what a footnote call may consist of
_CALL_START = frozenset("0123456789*†‡§¶")
_BLANKS = frozenset("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                    "\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff")
_MARGIN = 0.12                  # the top and bottom bands where running heads and feet live
_PAGE_NUMBER = re.compile(r"(?:page\s*)?#(?:\s*of\s*#)?|[-–—]\s*#\s*[-–—]"
                          r"|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


def pdf_text(path: Path) -> str:
    """The text of the PDF at `path`: pages in reading order, joined by form feeds."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise PdfError("it is password-protected: save a copy without the password") from None
        raise PdfError(f"cannot read it as PDF ({e})") from None
    if len(document) > limits.SOURCE_PAGES:
        count = len(document)
        document.close()
        raise PdfError(f"has {count:,} pages; the limit is {limits.SOURCE_PAGES:,} pages in one source")
    pages, textless, number = [], [], 0
    try:
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            words = _page_words(page)
            if not words and _has_images(page):
                textless.append(number)
            pages.append((words, page.get_height()))
            page.close()
    except pdfium.PdfiumError as e:
        raise PdfError(f"cannot read page {number} of it ({e})") from None
    finally:
        document.close()
    if not pages:
        raise PdfError("the PDF has no pages")
    if not any(words for words, _ in pages):       # nothing to quote, images or not
        textless = list(range(1, len(pages) + 1))
    if textless:
        raise PdfError(_textless_message(textless, len(pages)))
    furniture = _furniture(pages)
    body = _common_size_words([w for words, _ in pages for w in words])
    return "\f".join(_page_text([w for i, w in enumerate(words) if (n, i) not in furniture], body)
                     for n, (words, _) in enumerate(pages))


def _textless_message(pages: list[int], total: int) -> str:
    ocr = "run OCR, e.g. `ocrmypdf in.pdf out.pdf`, and use its output"
    if len(pages) == total:
        return f"the PDF has no text layer (scanned?): {ocr}"
    if len(pages) == 1:
        return f"page {pages[0]} has no text layer (scanned?): {ocr}"
    shown = ", ".join(map(str, pages[:20])) + (", ..." if len(pages) > 20 else "")
    return f"pages {shown} have no text layer (scanned?): {ocr}"


def _has_images(page) -> bool:
    import pypdfium2.raw as raw
    return any(True for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,)))


# --- Characters -> words -----------------------------------------------------------------

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


def _page_words(page) -> list[list]:
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


# --- Page furniture ----------------------------------------------------------------------

def _furniture(pages: list[tuple[list[list], float]]) -> set[tuple[int, int]]:
    """(page, word index) of every word of a running head or foot."""
    pieces = []                             # (page, key, top, word indexes)
    for n, (words, height) in enumerate(pages):
        for piece in _line_pieces(words):
            top = min(words[i][TOP] for i in piece)
            bottom = max(words[i][BOTTOM] for i in piece)
            if bottom <= _MARGIN * height or top >= (1 - _MARGIN) * height:
                key = re.sub(r"\d+", "#", " ".join(words[i][6] for i in piece).lower())
                pieces.append((n, key, top, piece))
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for n, key, top, _ in pieces:
        seen[key].append((n, top))
    # on at least 30% of the pages, so that a short line of body text that happens to
    # sit at the same height on two pages of a long document stays
    enough = max(2, math.ceil(0.3 * len(pages)))
    gone = set()
    for n, key, top, piece in pieces:
        repeated = len({m for m, t in seen[key] if abs(t - top) <= 3}) >= enough
        if repeated or _PAGE_NUMBER.fullmatch(key):
            gone.update((n, i) for i in piece)
    return gone


def _line_pieces(words: list[list]) -> list[list[int]]:
    """Word indexes by line (baselines within 1 pt) and piece of line (split at gaps wider
    than the type size)."""
    lines: list[list[int]] = []
    first = -1e9
    for i in sorted(range(len(words)), key=lambda i: words[i][BASE]):
        if words[i][BASE] - first <= 1.0:
            lines[-1].append(i)
        else:
            lines.append([i])
            first = words[i][BASE]
    pieces: list[list[int]] = []
    for line in lines:
        line.sort(key=lambda i: words[i][X0])
        pieces.append([line[0]])
        for i in line[1:]:
            if words[i][X0] - words[pieces[-1][-1]][X1] <= words[i][SIZE]:
                pieces[-1].append(i)
            else:
                pieces.append([i])
    return pieces


# --- Reading order -----------------------------------------------------------------------

def _page_text(words: list[list], body: float) -> str:
    """One page's text; `body` is the size of the document's body text."""
    if not words:
        return ""
    notes: list[list[list]] = []
    blocks = _order(words, body, notes)
    return "\n\n".join(_block_text(b) for b in blocks + notes if b)


def _common_size_words(words: list[list]) -> float:
    sizes: Counter = Counter()
    for w in words:
        sizes[int(w[SIZE] * 10 + 0.5)] += len(w[6])
    return sizes.most_common(1)[0][0] / 10 if sizes else 0.0


def _order(words: list[list], body: float, notes: list) -> list[list[list]]:
    """The blocks of `words`, in reading order (see the module's docstring)."""
    columns = _columns(words, body)
    if len(columns) > 1:
        parts = []
        for column in columns:
            part = _order(column, body, notes)
            # a column's trailing blocks in small type are its footnotes: to the page's end
            tail = len(part)
            while tail > 1 and _block_size(part[tail - 1]) < 0.9 * body:
                tail -= 1
            notes.extend(part[tail:])
            parts.append(part[:tail])
        if _side_heads(columns):
            return _beside(parts[0], [b for part in parts[1:] for b in part])
        return [b for part in parts for b in part]
    rows = _rows(words, body)
    if len(rows) == 1:
        return [words]
    groups: list[list[list]] = [rows[0]]
    for row in rows[1:]:
        if len(_columns(groups[-1] + row, body)) > 1:
            groups[-1] = groups[-1] + row
        else:
            groups.append(row)
    blocks = []
    for group in groups:
        blocks.extend(_order(group, body, notes) if len(group) < len(words) else [group])
    return blocks


def _side_heads(columns: list[list[list]]) -> bool:
    """Is the first column a narrow margin of headings beside the text (GAO's layout)?"""
    def chars(c):
        return sum(len(w[6]) for w in c)
    def width(c):
        return max(w[X1] for w in c) - min(w[X0] for w in c)
    rest = [w for c in columns[1:] for w in c]
    return chars(columns[0]) < 0.25 * chars(rest) and width(columns[0]) < 0.5 * width(rest)


def _beside(heads: list[list[list]], text: list[list[list]]) -> list[list[list]]:
    """Side headings placed before the text block they stand beside."""
    out, i = [], 0
    for block in text:
        first_line_bottom = min(w[BOTTOM] for w in block)
        while i < len(heads) and min(w[TOP] for w in heads[i]) < first_line_bottom:
            out.append(heads[i])
            i += 1
        out.append(block)
    return out + heads[i:]


def _block_size(block: list[list]) -> float:
    return _common_size_words(block)


def _columns(words: list[list], body: float) -> list[list[list]]:
    """`words` split at gutters: strips at least ~0.6 em wide that no word crosses,
    with words of at least two lines on each side."""
    if len(words) < 4:
        return [words]
    order = sorted(words, key=lambda w: w[X0])
    gutter = 0.5 * body
    cuts, reach = [], order[0][X1]
    for w in order[1:]:
        if w[X0] - reach >= gutter:
            cuts.append((reach + w[X0]) / 2)
        reach = max(reach, w[X1])
    if not cuts:
        return [words]
    parts: list[list[list]] = [[] for _ in range(len(cuts) + 1)]
    for w in words:
        parts[bisect_left(cuts, w[X0])].append(w)
    # a side with a single line is not a column (a heading, a row of a table)
    merged = [parts[0]]
    for part in parts[1:]:
        if _lines_count(part) < 2 or _lines_count(merged[-1]) < 2:
            merged[-1] = merged[-1] + part
        else:
            merged.append(part)
    return merged


def _lines_count(words: list[list]) -> int:
    return len({int(w[BASE] * 0.5) for w in words})


def _rows(words: list[list], body: float) -> list[list[list]]:
    """`words` split at horizontal gaps wider than a normal space between lines."""
    order = sorted(words, key=lambda w: w[TOP])
    rows, bottom = [[order[0]]], order[0][BOTTOM]
    for w in order[1:]:
        if w[TOP] - bottom >= 0.45 * max(body, w[SIZE]):
            rows.append([w])
        else:
            rows[-1].append(w)
        bottom = max(bottom, w[BOTTOM])
    return rows


def _block_text(words: list[list]) -> str:
    lines: list[list[list]] = []
    for w in sorted(words, key=lambda w: w[BASE]):
        if lines and w[BASE] - lines[-1][0][BASE] <= 0.35 * max(w[SIZE], lines[-1][0][SIZE]):
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        text = " ".join(w[6] for w in sorted(line, key=lambda w: w[X0]))
        if text.endswith("\xad"):
            text = text[:-1] + "-"
        out.append(text.replace("\xad", ""))
    return "\n".join(out)
