"""Figures on a deck made from an office's template (outline `deck_template`): a chart,
image or table in the Figure layout's content area, the caption at its foot, in the
template's theme colours and body font; a table whose rows do not fit continues on
"(cont.)" slides, its header repeated, every row measured at its column widths."""
from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from compiler.render.alt import figure_alt
from compiler.model import Figure, plain
from compiler.render.deck import access, measure, oxml, tables
from compiler.render.deck.charts import add_chart
from compiler.render.deck.office_furniture import content_floor
from compiler.render.deck.office_theme import scheme_colours
from compiler.render.deck.paginate import Page, chart_notes, figure_cites
from compiler.render.deck.shapes import picture, text_placeholder
from compiler.theme.contrast import luminance, ratio

FLOOR = 18
INSET = Inches(0.1)
GAP = Inches(0.1)           # between the figure and its caption


def figure_slides(deck, figure: Figure) -> None:
    """The figure's slide (a table's, as many as its rows take)."""
    title = f"{figure.label}. {figure.title}"
    cites = figure_cites(figure)
    slide = deck.new_slide(Page("Figure", title, cites, chart_notes(figure)))
    whole = figure_area(deck, slide)
    area = _caption(deck, slide, figure, whole)
    if figure.table:
        return _table(deck, figure, title, cites, slide, area, whole[3])
    if figure.chart:
        access.describe(add_chart(slide, figure.chart, area, deck.chart_theme), figure_alt(figure))
    elif figure.image:
        access.describe(picture(slide, figure, area), figure_alt(figure))


def figure_area(deck, slide) -> tuple[int, int, int, int]:
    """The layout's content placeholder's box (the placeholder goes), else the slide
    below the title, clear of the source line."""
    body = text_placeholder(slide)
    if body is not None:
        box = int(body.left), int(body.top), int(body.width), int(body.height)
        oxml.drop(body._element)
        return box
    title = slide.shapes.title
    margin = int(Inches(0.5))
    top = int(title.top + title.height + Inches(0.15)) if title is not None else margin
    left = int(title.left) if title is not None else margin
    width = int(title.width) if title is not None else int(deck.width - 2 * margin)
    return left, top, width, content_floor(slide.slide_layout, int(deck.height)) - top


def _caption(deck, slide, figure: Figure, area: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The caption at the foot of `area`, in a box of ours; gives the area above it."""
    left, top, width, height = area
    caption = plain(figure.caption)
    if not caption:
        return area
    tall = measure.text_height([caption], deck.sans, FLOOR, False, width - 2 * INSET) + Inches(0.1)
    deck.label(slide, (left, top + height - tall, width, tall), caption, FLOOR, PP_ALIGN.LEFT,
                anchor=MSO_ANCHOR.BOTTOM, name="Caption")
    return left, top, width, int(height - tall - GAP)


def _table(deck, figure: Figure, title: str, cites: list, slide, first: tuple[int, int, int, int],
           height: int) -> None:
    """The table in the area left on the first slide (`first`), then on "(cont.)" slides
    in the whole content area (`height` tall)."""
    table = figure.table
    assert table is not None, "table slides for a figure without a table"
    header = [plain(c) for c in table.columns]
    rows = [[plain(c) for c in row] for row in table.rows]
    bold = [any(getattr(r, "bold", False) for cell in row for r in cell) for row in table.rows]
    left, top, width, _ = first
    widths = tables.column_widths([header, *rows], deck.sans, width)
    style = _cell_style(scheme_colours(deck.prs))
    start = 0
    for i, chunk in enumerate(tables.row_runs(rows, bold, header, widths, deck.sans, (first[3], height))):
        if i:
            slide = deck.new_slide(Page("Figure", f"{title} (cont.)", cites))
            left, top = figure_area(deck, slide)[:2]
        inlines = [table.columns, *table.rows[start:start + len(chunk)]]
        shape = tables.draw(slide, [header, *chunk], [True, *bold[start:start + len(chunk)]], inlines, widths,
                             deck, at=(left, top), style=style)
        access.describe(shape, figure_alt(figure))
        start += len(chunk)


def _cell_style(colours: dict[str, str]):
    """Header cells filled with the template's first accent, its text in whichever of the
    template's text and background colours reads better on it; rows on the template's
    background, every other one a shade of it: all theme colours, so the cells follow
    the template."""
    header_text = (MSO_THEME_COLOR.BACKGROUND_1 if ratio(colours["bg1"], colours["accent1"])
                   >= ratio(colours["tx1"], colours["accent1"]) else MSO_THEME_COLOR.TEXT_1)
    dark = luminance(colours["bg1"]) < 0.4
    shade = 0.12 if dark else -0.08         # lighter on a dark background, darker on a light one

    def style(cell, header: bool, banded: bool) -> None:
        cell.fill.solid()
        colour = cell.fill.fore_color
        if header:
            colour.theme_color = MSO_THEME_COLOR.ACCENT_1
        else:
            colour.theme_color = MSO_THEME_COLOR.BACKGROUND_1
            if banded:
                colour.brightness = shade
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(tables.SIZE)
                if header:
                    run.font.bold = True
                run.font.color.theme_color = header_text if header else MSO_THEME_COLOR.TEXT_1
                oxml.theme_body_font(run._r)
    return style

