"""PDF sources -> their text in reading order, one page per form feed.

Why this and not `page.extract_text()`: that reads a page line by line across its whole
width, so the lines of side-by-side columns interleave, figure captions land inside
sentences and running heads sit between the halves of a sentence crossing a page. Here
the text is rebuilt from the position of every character:

1. Characters with their boxes, baselines and sizes, rotated text dropped, and
2. footnote calls raised above a word's baseline removed (compiler/load/pdfwords.py).
3. Words, then page furniture (here): a piece of a line in the top or bottom 12% of the
   page whose text (digits aside, so page numbers may change) recurs at the same height on
   enough other pages, or that is only a page number, is removed.
4. Reading order by recursive cuts at gutters and wide gaps, a page's footnotes last
   (compiler/load/pdforder.py).

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

import math
import re
from collections import defaultdict
from pathlib import Path

from compiler import limits
from compiler.load.pdforder import common_size_words, page_text
from compiler.load.pdfwords import BASE, BOTTOM, SIZE, TOP, X0, X1, page_words


class PdfError(Exception):
    """The PDF cannot be read, or has pages without text; the message says why."""


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
            words = page_words(page)
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
    body = common_size_words([w for words, _ in pages for w in words])
    return "\f".join(page_text([w for i, w in enumerate(words) if (n, i) not in furniture], body)
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
    gone: set[tuple[int, int]] = set()
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
