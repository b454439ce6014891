"""Each slide's furniture on a deck made from an office's template: the marking, the slide
number and the date go into the layout's footer, slide-number and date placeholders where
it has them (in the template's own look), and into small boxes of ours where it does not;
the source line is a box of ours, set just above the template's footer row (or at the foot
of the slide), clear of the number; the content above stops short of it (`content_floor`)."""
from __future__ import annotations

import copy

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from compiler.model import plain
from compiler.resolve.citations.notes import written_date
from compiler.render.deck import credits, measure

INSET = Inches(0.1)
LABEL_INSET = Inches(0.02)
SOURCE_ROOM = Inches(0.9)       # with no footer row: the bottom of a slide, kept for the source line
LINE_HEIGHT = Inches(0.5)       # the source line's box: two lines at 11 pt
GAP = Inches(0.05)
MARGIN = Inches(0.5)
MARKING_SIZES = (12, 11, 10, 9)
FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"      # any GUID; fixed: the same bytes each build


def footer_row(layout, height: int) -> int | None:
    """The top of the layout's footer row: its date, footer and slide-number placeholders
    in the lower half of the slide (None when it has none there)."""
    tops = [int(ph.top) for ph in layout.placeholders
            if ph.placeholder_format.type in FURNITURE and ph.top is not None and ph.top > height // 2]
    return min(tops, default=None)


def content_floor(layout, height: int) -> int:
    """Where a slide's content stops: above the source line's room, which is above the
    footer row when the layout has one."""
    row = footer_row(layout, height)
    floor = int(height - SOURCE_ROOM)
    return floor if row is None else min(floor, row - 2 * GAP - int(LINE_HEIGHT))


def furniture(deck, slide, number: int) -> None:
    """Empty placeholders go; then the source line, marking, number and date (not on the
    title slide, which has it under the title); the speaker notes."""
    from compiler.render.deck.render import _italics, _unique
    page = deck.pages[number - 1]
    if page is None:            # one of the template's own slides, kept as it is
        return
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)
    width, height = int(deck.width), int(deck.height)
    number_box = _placed(slide, PP_PLACEHOLDER.SLIDE_NUMBER, str(number), "Slide number", field="slidenum")
    if page.cites:
        pieces = credits.source_line([c for c, _ in page.cites])
        row = footer_row(slide.slide_layout, height)
        if row is not None:             # just above the template's footer row
            box = [MARGIN, row - GAP - LINE_HEIGHT, width - 2 * MARGIN, LINE_HEIGHT]
        else:
            box = [MARGIN, height - Inches(0.85), width - 2 * MARGIN - Inches(1.1), LINE_HEIGHT]
            if number_box is not None and number_box[1] < box[1] + box[3] and number_box[0] < box[0] + box[2]:
                box[2] = max(int(Inches(3)), number_box[0] - Inches(0.1) - box[0])    # clear of it
        text, size = fit_line("".join(t for t, _ in pieces), deck.sans, box[2] - 2 * INSET, box[3] - 2 * LABEL_INSET)
        line = deck._label(slide, box, text, size, PP_ALIGN.LEFT, anchor=MSO_ANCHOR.BOTTOM, name="Source line")
        _italics(line, pieces, text)
    if deck.b.marking and not _marking_in_footer(slide, deck.b.marking.upper()):
        deck._label(slide, (0, Inches(0.05), width, Inches(0.34)), deck.b.marking.upper(), 12,
                    PP_ALIGN.CENTER, bold=True, name="Marking")
    if number_box is None:
        deck._label(slide, (width - MARGIN - Inches(1.0), height - Inches(0.5), Inches(1.0), Inches(0.4)),
                    str(number), 12, PP_ALIGN.RIGHT, name="Slide number")
    if page.layout != "Title":          # the title slide gives the date under the title
        date = _placed(slide, PP_PLACEHOLDER.DATE, written_date(deck.b.date.isoformat()), "Date")
        if date is not None and measure.overflows(slide.shapes[-1]):     # a narrow box: not needed
            slide.shapes._spTree.remove(slide.shapes[-1]._element)
    notes = [f"[{n}] " * (n is not None) + plain(c.full) for c, n in _unique(page.cites)]
    if notes or page.notes:
        slide.notes_slide.notes_text_frame.text = "\n".join(notes + page.notes)


def _marking_in_footer(slide, marking: str) -> bool:
    """The marking, bold, in the layout's footer placeholder at its own size, else smaller
    down to 9 pt; False (and no placeholder) when the layout has none or it will not fit."""
    if _placed(slide, PP_PLACEHOLDER.FOOTER, marking, "Marking") is None:
        return False
    shape = slide.shapes[-1]
    run = shape.text_frame.paragraphs[0].runs[0]
    run.font.bold = True
    for size in (None, *MARKING_SIZES):
        if size:
            run.font.size = Pt(size)
        if not measure.overflows(shape):
            return True
    slide.shapes._spTree.remove(shape._element)
    return False


def _placed(slide, kind, text: str, name: str, field: str | None = None) -> tuple[int, int, int, int] | None:
    """The layout's placeholder of `kind` put on the slide showing `text` (as a field
    PowerPoint and Impress keep up to date, given its type), its first paragraph's
    properties kept; its box, or None when the layout has none."""
    holder = next((ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type == kind), None)
    if holder is None:
        return None
    sp = copy.deepcopy(holder._element)
    sp.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))
    sp.nvSpPr.cNvPr.set("name", name)
    body = sp.find(qn("p:txBody"))
    paragraphs = body.findall(qn("a:p"))
    ppr = paragraphs[0].find(qn("a:pPr")) if paragraphs else None
    for paragraph in paragraphs:
        body.remove(paragraph)
    paragraph = etree.SubElement(body, qn("a:p"))
    if ppr is not None:
        paragraph.append(ppr)
    if field:
        run = etree.SubElement(paragraph, qn("a:fld"), {"id": _FIELD_ID, "type": field})
    else:
        run = etree.SubElement(paragraph, qn("a:r"))
    etree.SubElement(run, qn("a:rPr"), {"lang": "en-US"})
    etree.SubElement(run, qn("a:t")).text = text
    slide.shapes._spTree.insert_element_before(sp, "p:extLst")
    shape = slide.shapes[-1]
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


def fit_line(text: str, family: str, width: int, height: int) -> tuple[str, int]:
    """The source line at 11 pt, else 10 pt, else cut with " …": two lines at most."""
    two_lines = lambda t, size: measure.text_height([t], family, size, False, width) <= min(  # noqa: E731
        height, Pt(2 * size * measure.line_height(family)))
    size = 11 if two_lines(text, 11) else 10
    while not two_lines(text, size) and len(text) > 20:
        text = text[: text.rfind(" ", 0, len(text) - 2)].rstrip(";, ") + " …"
    return text, size
