"""Figures on a deck made from an office's template (outline `deck_template`): a chart,
image or table in the Figure layout's content area, the caption at its foot, in the
template's theme colours and body font; a table whose rows do not fit continues on
"(cont.)" slides, its header repeated, every row measured at its column widths."""
from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from compiler.render.alt import figure_alt
from compiler.model import Figure, NoteRef, plain
from compiler.render.deck import access, measure, tables
from compiler.render.deck.office_furniture import content_floor
from compiler.render.deck.office_theme import scheme_colours
from compiler.theme.contrast import _luminance, ratio

FLOOR = 18
INSET = Inches(0.1)
GAP = Inches(0.1)           # between the figure and its caption


def figure_slides(deck, figure: Figure) -> None:
    from compiler.render.deck.render import Page, _chart_notes, _picture
    title = f"{figure.label}. {figure.title}"
    cites = [(figure.cite, figure.footnote)] if figure.cite else []
    cells = [cell for row in (figure.table.columns, *figure.table.rows) for cell in row] if figure.table else []
    cites += [(c, r.footnote) for runs in (*cells, figure.caption) for r in runs
              if isinstance(r, NoteRef) for c in r.cites]
    slide = deck._slide(Page("Figure", title, cites, _chart_notes(figure) if figure.chart else []))
    whole = figure_area(deck, slide)
    area = _caption(deck, slide, figure, whole)
    if figure.table:
        return _table(deck, figure, title, cites, slide, area, whole[3])
    if figure.chart:
        from compiler.render.deck.charts import add_chart
        access.describe(add_chart(slide, figure.chart, area, deck.chart_theme), figure_alt(figure))
    elif figure.image:
        access.describe(_picture(slide, figure, area), figure_alt(figure))


def figure_area(deck, slide) -> tuple[int, int, int, int]:
    """The layout's content placeholder's box (the placeholder goes), else the slide
    below the title, clear of the source line."""
    from compiler.render.deck.office import _body
    body = _body(slide)
    if body is not None:
        box = (body.left, body.top, body.width, body.height)
        body._element.getparent().remove(body._element)
        return tuple(int(v) for v in box)
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
    deck._label(slide, (left, top + height - tall, width, tall), caption, FLOOR, PP_ALIGN.LEFT,
                anchor=MSO_ANCHOR.BOTTOM, name="Caption")
    return left, top, width, int(height - tall - GAP)


def _table(deck, figure: Figure, title: str, cites: list, slide, first: tuple[int, int, int, int],
           height: int) -> None:
    """The table in the area left on the first slide (`first`), then on "(cont.)" slides
    in the whole content area (`height` tall)."""
    from compiler.render.deck.render import Page
    table = figure.table
    header = [plain(c) for c in table.columns]
    rows = [[plain(c) for c in row] for row in table.rows]
    bold = [any(getattr(r, "bold", False) for cell in row for r in cell) for row in table.rows]
    left, top, width, _ = first
    widths = tables._column_widths([header, *rows], deck.sans, width)
    style = _cell_style(scheme_colours(deck.prs))
    start = 0
    for i, chunk in enumerate(tables._chunks(rows, bold, header, widths, deck.sans, (first[3], height))):
        if i:
            slide = deck._slide(Page("Figure", f"{title} (cont.)", cites))
            left, top = figure_area(deck, slide)[:2]
        inlines = [table.columns, *table.rows[start:start + len(chunk)]]
        shape = tables._draw(slide, [header, *chunk], [True, *bold[start:start + len(chunk)]], inlines, widths,
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
    dark = _luminance(colours["bg1"]) < 0.4
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
                rpr = run._r.get_or_add_rPr()
                if rpr.find(qn("a:latin")) is None:
                    rpr.append(rpr.makeelement(qn("a:latin"), {"typeface": "+mn-lt"}))
    return style

