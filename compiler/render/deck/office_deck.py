"""The deck from an office's own PowerPoint template (outline `deck_template`).

The slides come from the template's layouts (office.py finds them) and keep its masters,
theme colours, fonts and background graphics. Text goes into the layouts' placeholders
and is measured there, in a second copy of the template, with the fonts and sizes the
placeholders inherit (measure.overflows), so it never overflows, never goes below 18 pt,
and continues on "(cont.)" slides, whatever the slide size. Figures: office_figures.py;
furniture: office_furniture.py; the template's own slides: office_keep.py.
"""
from __future__ import annotations

from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from compiler.model import Briefing, DeckTemplate, Figure, Inlines, Quote, Section, Text
from compiler.resolve.citations.notes import written_date
from compiler.render.deck import access, credits, measure, office_keep, oxml, shapes
from compiler.render.deck.office import OURS, open_template
from compiler.render.deck.office_figures import figure_slides
from compiler.render.deck.office_furniture import content_floor, furniture
from compiler.render.deck.office_theme import chart_theme
from compiler.render.deck.package import remember_part_names
from compiler.render.deck.paginate import (Page, greedy_runs, longest_fitting, point_cites, quote_chunks,
                                           split_point, titled)
from compiler.render.deck.shapes import fill, set_and_fits, text_placeholder

BODY_SIZES = (24, 22, 20)
FLOOR = 18
MAX_BULLETS = 6
TITLE_SIZES = (34, 32, 30, 28, 26, 24)
TITLE_SLIDE_SIZES = (40, 36, 34, 32, 30, 28)
QUOTE_SIZES = (28, 26, 24, 22, 20, 18)
SUBTITLE_SIZES = (24, 22, 20, 18)
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)


def open_office_deck(briefing: Briefing, template: DeckTemplate) -> tuple[Any, OfficeDeck]:
    """The template opened for the briefing's slides (its own set aside, or dropped), and
    the deck to make them with."""
    prs = open_template(template.path)
    kept = office_keep.set_aside(prs, template.keep_slides, dict(template.layouts)["Title"])
    remember_part_names(prs.part.package)
    return prs, OfficeDeck(prs, open_template(template.path), briefing, template, kept)


def _layout(prs, name: str):
    """The first layout of that name, in master order (as `choose_layouts` found it)."""
    return next(layout for master in prs.slide_masters for layout in master.slide_layouts
                if layout.name == name)


class OfficeDeck:
    """The slides of a deck on an office's template, made in order (see builder.py)."""

    def __init__(self, prs, scratch, briefing: Briefing, template: DeckTemplate,
                 kept: tuple[list, list] = ([], [])):
        self.prs, self.b, self.theme = prs, briefing, briefing.theme
        self.kept = kept                # the template's own slides, to go before and after ours
        names = dict(template.layouts)
        self.layouts = {ours: _layout(prs, names[ours]) for ours in OURS}
        self.spare = {ours: _layout(scratch, names[ours]) for ours in OURS}
        self.scratch = scratch                      # a second copy to measure in
        self.trial: dict[str, Any] = {}
        self.width, self.height = prs.slide_width, prs.slide_height
        self.pages: list[Page | None] = []
        self.titles: set[str] = set()
        self.sans = self._body_family()
        self.chart_theme = chart_theme(prs, briefing.theme)

    def _body_family(self) -> str:
        """The metric family of the template's body text (its minor theme font)."""
        slide = self._trial("Bullets")
        return measure.metric_family(measure.theme_font(slide.shapes[0], "+mn-lt"))[0] if len(slide.shapes) \
            else "Carlito"

    # --- measuring in the spare copy ----------------------------------------------

    def _trial(self, ours: str):
        if ours not in self.trial:
            self.trial[ours] = self.scratch.slides.add_slide(self.spare[ours])
            settle(self.trial[ours])
        return self.trial[ours]

    def _fits(self, ours: str, items: list, size: int, bullets: bool = True, extra: tuple = ()) -> bool:
        body = text_placeholder(self._trial(ours))
        fill(body.text_frame, items, size, bullets)
        _extra(body, extra)
        return not measure.overflows(body)

    # --- slides --------------------------------------------------------------------

    def title_slide(self) -> None:
        slide = self.new_slide(Page("Title", self.b.title))
        lines = [self.b.subtitle] if self.b.subtitle else []
        lines += [written_date(self.b.date.isoformat()) or ""] + ([self.b.author] if self.b.author else [])
        if self.b.draft_line:
            lines.append(self.b.draft_line)
        body = text_placeholder(slide, subtitle=True)
        text = "\n".join(lines)
        if body is None:            # a title layout with no subtitle: our own box under the title
            body = self._byline_box(slide, text)
        body.text_frame.text = text
        for size in SUBTITLE_SIZES:
            _sized(body, size)
            if not measure.overflows(body):
                return
        body.text_frame.text = longest_fitting(text, lambda t: set_and_fits(body, t, FLOOR))
        _sized(body, FLOOR)
        page = self.pages[-1]
        assert page is not None
        page.notes.append(text)

    def _byline_box(self, slide, text: str):
        title = slide.shapes.title
        top = int(title.top + title.height + Inches(0.2))
        box = (int(title.left), top, int(title.width),
               max(int(Inches(1)), content_floor(slide.slide_layout, int(self.height)) - top))
        return self.label(slide, box, text, SUBTITLE_SIZES[0], PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP,
                          name="Byline")

    def bullets(self, section: Section) -> None:
        """The section's points on as many slides as they take (a section slide when none)."""
        points = [piece for point in section.points
                  for piece in split_point(point, lambda t: self._fits("Bullets", [_text(t)], FLOOR))]
        pages = greedy_runs(points, lambda run: len(run) <= MAX_BULLETS and self._fits("Bullets", run, FLOOR))
        size = next((s for s in BODY_SIZES if all(self._fits("Bullets", p, s) for p in pages)), FLOOR)
        for i, chunk in enumerate(pages or [[]]):
            slide = self.new_slide(Page("Bullets" if chunk else "Section", titled(section.title, i),
                                        point_cites(chunk)))
            if chunk:
                fill(text_placeholder(slide).text_frame, chunk, size)

    def quote(self, section: Section, quote: Quote) -> None:
        who = credits.attribution(quote)
        fits = lambda t, s: self._fits("Quote", [_text(t)], s, False, (who, min(s, 20)))  # noqa: E731
        for i, (text, size) in enumerate(quote_chunks(quote.text, QUOTE_SIZES, FLOOR, fits)):
            slide = self.new_slide(Page("Quote", titled(section.title, i), [(quote.cite, quote.footnote)]))
            body = text_placeholder(slide)
            fill(body.text_frame, [_text(text)], size, bullets=False)
            _extra(body, (who, min(size, 20)))

    def figure(self, figure: Figure) -> None:
        figure_slides(self, figure)

    def sources(self) -> None:
        entries = [e.text for e in self.b.bibliography]
        for i, page in enumerate(greedy_runs(entries, lambda run: self._fits("Sources", run, FLOOR))):
            slide = self.new_slide(Page("Sources", titled("Sources", i)))
            fill(text_placeholder(slide).text_frame, page, FLOOR)
        # our last slide made: the template's kept slides around ours (pages: None for them)
        before, after = self.kept
        office_keep.put_back(self.prs, before, after)
        self.pages = [None] * len(before) + self.pages + [None] * len(after)

    # --- every slide -------------------------------------------------------------

    def new_slide(self, page: Page):
        """A slide of the page's layout, settled, with its title set to fit (whole in the
        notes when cut)."""
        page.title = access.unique_title(page.title, self.titles)
        slide = self.prs.slides.add_slide(self.layouts[page.layout])
        settle(slide)
        title = slide.shapes.title
        if title is not None:
            text = page.title
            title.text_frame.text = text
            sizes = TITLE_SLIDE_SIZES if page.layout == "Title" else TITLE_SIZES
            size = next((s for s in sizes if _sized(title, s) and not measure.overflows(title)), None)
            if size is None:
                title.text_frame.text = longest_fitting(text, lambda t: set_and_fits(title, t, sizes[-1]))
                _sized(title, sizes[-1])
                page.notes.insert(0, text)
        self.pages.append(page)
        return slide

    def furniture(self, slide, number: int) -> None:
        furniture(self, slide, number)

    def label(self, slide, box, text: str, size: int, align, bold: bool = False, anchor=MSO_ANCHOR.MIDDLE,
              name: str | None = None):
        """Our own text box in the template's text colour and body font."""
        return shapes.label(slide, tuple(int(v) for v in box), text, size, align, bold=bold, anchor=anchor,
                            name=name)


def settle(slide) -> None:
    """Each placeholder of a new slide made as its layout's of the same kind. LibreOffice
    saves a layout's title and body both with index 0, and python-pptx (finding by index)
    would give the body the title's box and insets: there, the slide gets the right box,
    insets and list style written out. A placeholder whose font nothing names is set in
    the theme's (PowerPoint's own default; what LibreOffice shows). A body reaching into
    the source line's room stops above it."""
    own = [ph for ph in slide.slide_layout.placeholders]
    for shape in slide.placeholders:
        kind = _kind(shape)
        match = next((ph for ph in own if _kind(ph) == kind and ph.placeholder_format.idx
                      == shape.placeholder_format.idx), None) or next((ph for ph in own if _kind(ph) == kind), None)
        base = shape._base_placeholder
        if match is not None and (base is None or base._element is not match._element):
            shape.left, shape.top, shape.width, shape.height = match.left, match.top, match.width, match.height
            body, theirs = shape._element.txBody, match._element.txBody
            if body is not None and theirs is not None:
                oxml.settle_text_body(body, theirs)
        floor = content_floor(slide.slide_layout, slide.part.package.presentation_part.presentation.slide_height)
        if kind == "body" and shape.top + shape.height > floor:    # the source line goes below
            shape.left, shape.top, shape.width, shape.height = (shape.left, shape.top, shape.width,
                                                                max(int(Inches(1)), floor - shape.top))
        if shape.has_text_frame and not _named_font(shape):
            oxml.default_font(shape._element.txBody, "+mj-lt" if kind == "title" else "+mn-lt")


def _kind(shape) -> str:
    kind = shape.placeholder_format.type
    return ("title" if kind in _TITLES else "body" if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
            else str(kind))


def _named_font(shape) -> bool:
    """True when the placeholder's text inherits a font from somewhere (its own list
    style, its layout's and master's placeholders, the master's text styles)."""
    return "latin" in measure.inherited_rpr(shape, shape.text_frame.paragraphs[0])


def _text(text: str) -> Inlines:
    return (Text(text),)


def _extra(body, extra: tuple) -> None:
    """A quote (given `extra`: its attribution and size) in italics, unbulleted, and its
    attribution as its own paragraph, right-aligned."""
    if not extra:
        return
    text, size = extra
    for run in body.text_frame.paragraphs[0].runs:
        run.font.italic = True
    paragraph = body.text_frame.add_paragraph()
    paragraph.alignment = PP_ALIGN.RIGHT
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    for paragraph in body.text_frame.paragraphs:      # a quote, not a list
        oxml.no_bullet(paragraph._p, flush_left=True)


def _sized(shape, size: int) -> bool:
    shapes.set_size(shape.text_frame, size)
    return True
