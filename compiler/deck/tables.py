"""Native PowerPoint tables for table figures, continued on "(cont.)" slides when their
rows do not fit; every row's height is measured at the cells' column widths."""
from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Emu, Inches, Pt

from ..model import Figure
from . import measure
from .geometry import CONTENT_WIDTH, MARGIN, SOURCE_LINE

SIZE = 18               # the deck's floor: a table is read from the back of the room too
TOP = Inches(1.7)
GAP = Inches(0.15)          # between the table and the caption or source line
CELL_INSET = Inches(0.08)


def table_slides(deck, figure: Figure, title: str, cites: list) -> None:
    from .render import Page, _placeholder, _plain
    table = figure.table
    widths = _column_widths(table, deck.sans)
    header = [_plain(c) for c in table.columns]
    rows = [[_plain(c) for c in row] for row in table.rows]
    caption = figure.caption
    rooms = (deck.caption_top(caption) - GAP - TOP, SOURCE_LINE[1] - GAP - TOP)   # first slide, the rest
    for i, chunk in enumerate(_chunks(rows, header, widths, deck.sans, rooms)):
        slide = deck._slide(Page("Figure", title if i == 0 else f"{title} (cont.)", cites))
        deck._caption(_placeholder(slide, 13), caption if i == 0 else ())
        _draw(slide, header, chunk, widths, deck)


def _column_widths(table, family: str) -> list[int]:
    """Share the width by how much each column has to say (at least a fifth of fair)."""
    from .render import _plain
    columns = len(table.columns)
    demand = [max(measure.text_width(_plain(row[k]), family, SIZE) for row in (table.columns, *table.rows))
              for k in range(columns)]
    fair = CONTENT_WIDTH / columns
    raw = [max(fair / 5, d) for d in demand]
    scale = CONTENT_WIDTH / sum(raw)
    return [int(r * scale) for r in raw]


def _row_height(cells: list[str], widths: list[int], family: str, bold: bool = False) -> int:
    return max(measure.text_height([c], family, SIZE, bold, w - 2 * CELL_INSET) for c, w in zip(cells, widths)) \
        + int(2 * Inches(0.05))


def _chunks(rows: list[list[str]], header: list[str], widths: list[int], family: str,
            rooms: tuple[int, int]) -> list[list[list[str]]]:
    """Rows in slide-sized runs: `rooms` is the height free on the first slide (above its
    caption) and on the (cont.) slides; every slide repeats the header."""
    header_height = _row_height(header, widths, family, True)
    chunks: list[list[list[str]]] = [[]]
    used = 0
    for row in rows:
        height = _row_height(row, widths, family)
        room = rooms[len(chunks) > 1] - header_height
        if chunks[-1] and used + height > room:
            chunks.append([])
            used = 0
        chunks[-1].append(row)
        used += height
    return chunks


def _draw(slide, header: list[str], rows: list[list[str]], widths: list[int], deck) -> None:
    heights = [_row_height(header, widths, deck.sans, True)] + [_row_height(r, widths, deck.sans) for r in rows]
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Emu(MARGIN), Emu(TOP),
                                   Emu(sum(widths)), Emu(sum(heights)))
    table = shape.table
    for k, width in enumerate(widths):
        table.columns[k].width = Emu(width)
    for r, height in enumerate(heights):
        table.rows[r].height = Emu(height)
    for r, cells in enumerate([header] + rows):
        for k, text in enumerate(cells):
            cell = table.cell(r, k)
            cell.margin_left = cell.margin_right = CELL_INSET
            cell.margin_top = cell.margin_bottom = Inches(0.05)
            cell.text = text
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
            run.font.bold = header
            run.font.color.theme_color = MSO_THEME_COLOR.BACKGROUND_1 if header else MSO_THEME_COLOR.TEXT_1
