"""Native PowerPoint tables for table figures, continued on "(cont.)" slides when their
rows do not fit; every row's height is measured at the cells' column widths."""
from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from ..model import Figure
from . import measure
from .make_template import CONTENT_WIDTH, MARGIN

SIZE = 18               # the deck's floor: a table is read from the back of the room too
TOP = Inches(1.7)
BOTTOM = Inches(6.5)
CELL_INSET = Inches(0.08)


def table_slides(deck, figure: Figure, title: str, cites: list) -> None:
    from .render import Page, _placeholder, _plain
    table = figure.table
    widths = _column_widths(table, deck.sans)
    header = [_plain(c) for c in table.columns]
    rows = [[_plain(c) for c in row] for row in table.rows]
    caption = figure.caption
    for i, chunk in enumerate(_chunks(rows, header, widths, deck.sans)):
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


def _chunks(rows: list[list[str]], header: list[str], widths: list[int], family: str) -> list[list[list[str]]]:
    room = BOTTOM - TOP - Inches(0.9) - _row_height(header, widths, family, True)
    chunks: list[list[list[str]]] = [[]]
    used = 0
    for row in rows:
        height = _row_height(row, widths, family)
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
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(SIZE)
                    run.font.bold = r == 0
                    if r == 0:
                        run.font.color.rgb = RGBColor.from_string("FFFFFF")
