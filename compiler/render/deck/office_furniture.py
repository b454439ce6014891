"""Each slide's furniture on a deck made from an office's template: the marking, the slide
number and the date go into the layout's footer, slide-number and date placeholders where
it has them (in the template's own look), and into small boxes of ours where it does not;
the source line is a box of ours, set just above the template's footer row (or at the foot
of the slide), clear of the number; the content above stops short of it (`content_floor`)."""
from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from compiler.resolve.citations.notes import written_date
from compiler.render.deck import credits, measure, oxml
from compiler.render.deck.paginate import speaker_notes
from compiler.render.deck.shapes import italics

INSET = Inches(0.1)
LABEL_INSET = Inches(0.02)
SOURCE_ROOM = Inches(0.9)       # with no footer row: the bottom of a slide, kept for the source line
LINE_HEIGHT = Inches(0.5)       # the source line's box: two lines at 11 pt
GAP = Inches(0.05)
MARGIN = Inches(0.5)
MARKING_SIZES = (12, 11, 10, 9)
FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


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
    page = deck.pages[number - 1]
    if page is None:            # one of the template's own slides, kept as it is
        return
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            oxml.drop(shape._element)
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
        text, size = measure.fit_source_line("".join(t for t, _ in pieces), deck.sans, box[2] - 2 * INSET,
                                             box[3] - 2 * LABEL_INSET)
        line = deck.label(slide, box, text, size, PP_ALIGN.LEFT, anchor=MSO_ANCHOR.BOTTOM, name="Source line")
        italics(line, pieces, text)
    if deck.b.marking and not _marking_in_footer(slide, deck.b.marking.upper()):
        deck.label(slide, (0, Inches(0.05), width, Inches(0.34)), deck.b.marking.upper(), 12,
                    PP_ALIGN.CENTER, bold=True, name="Marking")
    if number_box is None:
        deck.label(slide, (width - MARGIN - Inches(1.0), height - Inches(0.5), Inches(1.0), Inches(0.4)),
                    str(number), 12, PP_ALIGN.RIGHT, name="Slide number")
    if page.layout != "Title":          # the title slide gives the date under the title
        date = _placed(slide, PP_PLACEHOLDER.DATE, written_date(deck.b.date.isoformat()) or "", "Date")
        if date is not None and measure.overflows(slide.shapes[-1]):     # a narrow box: not needed
            oxml.drop(slide.shapes[-1]._element)
    notes = speaker_notes(page)
    if notes:
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)


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
    oxml.drop(shape._element)
    return False


def _placed(slide, kind, text: str, name: str, field: str | None = None) -> tuple[int, int, int, int] | None:
    """The layout's placeholder of `kind` put on the slide showing `text` (as a field
    PowerPoint and Impress keep up to date, given its type), its first paragraph's
    properties kept; its box, or None when the layout has none."""
    holder = next((ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type == kind), None)
    if holder is None:
        return None
    shape = oxml.place_copy(slide, holder, text, name, field)
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)

