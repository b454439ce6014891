"""A PDF page's words -> its text in reading order (compiler/load/pdf.py step 4).

Takes a page's words (compiler/load/pdfwords.py) and the size of the document's body
text; gives the page's text, paragraphs separated by a blank line. Reading order by
recursive cuts: a block is split at its gutters (vertical strips empty over the whole
block, with at least two lines on each side) into columns, read left to right; a block
without gutters is split at wide horizontal gaps into rows, and consecutive rows whose
union still has a gutter are read as one block (so a paragraph gap that happens to line
up across two columns does not cut them, while a full-width title, figure or table stays
its own block, in position order). Each final block is a paragraph: its lines in order,
separated by "\\n". Blocks in a smaller type than the page's body at the foot of a column
(footnotes, notes to a figure) go to the end of the page. Side headings in a narrow
first column (GAO's layout) are put before the block they stand beside.

Pure geometry on word boxes, no PDF library: testable with words made by hand.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from compiler.load.pdfwords import BASE, BOTTOM, SIZE, TOP, X0, X1


def page_text(words: list[list], body: float) -> str:
    """One page's text; `body` is the size of the document's body text."""
    if not words:
        return ""
    notes: list[list[list]] = []
    blocks = _order(words, body, notes)
    return "\n\n".join(_block_text(b) for b in blocks + notes if b)


def common_size_words(words: list[list]) -> float:
    """The size most of the characters of `words` are set in (to 0.1 pt)."""
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
    return common_size_words(block)


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
