"""Native PowerPoint tables for table figures, continued on "(cont.)" slides when their
rows do not fit; every row's height is measured at the cells' column widths."""
from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Emu, Inches, Pt

from compiler.model import Figure, plain
from compiler.render.deck import measure
from compiler.render.deck.geometry import CONTENT_WIDTH, MARGIN, SOURCE_LINE

SIZE = 18               # the deck's floor: a table is read from the back of the room too
TOP = Inches(1.7)
GAP = Inches(0.15)          # between the table and the caption or source line
CELL_INSET = Inches(0.08)       # left and right
CELL_PAD = Inches(0.05)         # top and bottom


def table_slides(deck, figure: Figure, title: str, cites: list) -> None:
    from compiler.render.deck.render import Page, _placeholder
    table = figure.table
    header = [plain(c) for c in table.columns]
    rows = [[plain(c) for c in row] for row in table.rows]
    # a row with a bold run is measured bold throughout (the safe side)
    bold = [any(getattr(r, "bold", False) for cell in row for r in cell) for row in table.rows]
    widths = _column_widths([header, *rows], deck.sans)
    caption = figure.caption
    rooms = (deck.caption_top(caption) - GAP - TOP, SOURCE_LINE[1] - GAP - TOP)   # first slide, the rest
    start = 0
    for i, chunk in enumerate(_chunks(rows, bold, header, widths, deck.sans, rooms)):
        slide = deck._slide(Page("Figure", title if i == 0 else f"{title} (cont.)", cites))
        deck._caption(_placeholder(slide, 13), caption if i == 0 else ())
        inlines = [table.columns, *table.rows[start:start + len(chunk)]]
        _draw(slide, [header, *chunk], [True, *bold[start:start + len(chunk)]], inlines, widths, deck)
        start += len(chunk)


def _column_widths(rows: list[list[str]], family: str) -> list[int]:
    """Column widths (EMU) filling the content width, much as browsers lay out tables:
    each wrapping column gets its longest word, then the rest of the width is shared in
    proportion to how much more it needs to set every cell on one line."""
    count = len(rows[0])
    natural = [max(_cell_width(row[k], family, r == 0) for r, row in enumerate(rows)) for k in range(count)]
    least = [max(_cell_width(word, family, r == 0) for r, row in enumerate(rows) for word in row[k].split() or [""])
             for k in range(count)]
    if sum(natural) <= CONTENT_WIDTH:       # everything on one line: widen in proportion
        return _scaled(natural, CONTENT_WIDTH)
    # a column that fits on one line within a fair share keeps its one-line width: wrapping
    # it would cost a line in many rows for little room gained elsewhere
    keep = {k for k in range(count) if natural[k] <= CONTENT_WIDTH / count}
    room = CONTENT_WIDTH - sum(natural[k] for k in keep)
    rest = [k for k in range(count) if k not in keep]
    if sum(least[k] for k in rest) >= room:
        keep, room, rest = set(), CONTENT_WIDTH, list(range(count))
    if sum(least[k] for k in rest) >= room:     # too many columns: long words break anyway
        return _scaled(least, CONTENT_WIDTH)
    low, high = sum(least[k] for k in rest), sum(natural[k] for k in rest)
    share = (room - low) / (high - low)
    return _scaled([natural[k] if k in keep else least[k] + (natural[k] - least[k]) * share
                    for k in range(count)], CONTENT_WIDTH)


def _cell_width(text: str, family: str, bold: bool) -> float:
    return measure.text_width(text, family, SIZE, bold) * measure.EMU_PER_PT + 2 * CELL_INSET + Inches(0.02)


def _scaled(widths: list[float], total: int) -> list[int]:
    """`widths` scaled to add up to `total` exactly (the last column takes the rounding)."""
    scale = total / sum(widths)
    out = [int(w * scale) for w in widths]
    out[-1] += total - sum(out)
    return out


def _row_height(cells: list[str], widths: list[int], family: str, bold: bool = False) -> int:
    return max(measure.text_height([c], family, SIZE, bold, w - 2 * CELL_INSET) for c, w in zip(cells, widths)) \
        + int(2 * CELL_PAD)


def _chunks(rows: list[list[str]], bold: list[bool], header: list[str], widths: list[int], family: str,
            rooms: tuple[int, int]) -> list[list[list[str]]]:
    """Rows in slide-sized runs: `rooms` is the height free on the first slide (above its
    caption) and on the (cont.) slides; every slide repeats the header."""
    header_height = _row_height(header, widths, family, True)
    chunks: list[list[list[str]]] = [[]]
    used = 0
    for row, heavy in zip(rows, bold):
        height = _row_height(row, widths, family, heavy)
        room = rooms[len(chunks) > 1] - header_height
        if chunks[-1] and used + height > room:
            chunks.append([])
            used = 0
        chunks[-1].append(row)
        used += height
    return chunks


def _draw(slide, texts: list[list[str]], bold: list[bool], inlines: list, widths: list[int], deck) -> None:
    """The header row and `texts`' rows as a native table; each cell keeps its runs'
    bold and italic (`inlines`: the same cells as the model gives them)."""
    from compiler.render.deck.render import _fill
    heights = [_row_height(cells, widths, deck.sans, heavy) for cells, heavy in zip(texts, bold)]
    shape = slide.shapes.add_table(len(texts), len(widths), Emu(MARGIN), Emu(TOP),
                                   Emu(sum(widths)), Emu(sum(heights)))
    table = shape.table
    table.first_row = True
    table.horz_banding = False              # our own banding, in the theme's colours
    for k, width in enumerate(widths):
        table.columns[k].width = Emu(width)
    for r, height in enumerate(heights):
        table.rows[r].height = Emu(height)
    for r, cells in enumerate(inlines):
        for k, runs in enumerate(cells):
            cell = table.cell(r, k)
            cell.margin_left = cell.margin_right = CELL_INSET
            cell.margin_top = cell.margin_bottom = CELL_PAD
            _fill(cell.text_frame, [runs], SIZE, bullets=False)
            _style_cell(cell, header=r == 0, banded=r % 2 == 0)


def _style_cell(cell, header: bool, banded: bool) -> None:
    """Header in the deck's dark primary, rows banded with its pale fill: theme colours
    (tx2, bg2), so a briefing's own theme reaches its tables too."""
    cell.fill.solid()
    cell.fill.fore_color.theme_color = (MSO_THEME_COLOR.TEXT_2 if header else
                                        MSO_THEME_COLOR.BACKGROUND_2 if banded else MSO_THEME_COLOR.BACKGROUND_1)
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(SIZE)
            if header:
                run.font.bold = True
            run.font.color.theme_color = MSO_THEME_COLOR.BACKGROUND_1 if header else MSO_THEME_COLOR.TEXT_1
