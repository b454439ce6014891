"""The slide sequence: the resolved `Briefing` -> a 16:9 PowerPoint deck (python-pptx).

Every deck is a title slide, each section's bullets, quotes and figures, then the sources,
and then each slide's furniture (source line, marking, number, speaker notes), the
language and the deterministic package (`slides_to_bytes`): the same for our template
(`Deck`, here) and an office's (office_deck.py). On ours, slides come from the
template's named layouts and fill their placeholders; every text is measured before it
is placed (measure.py), and a list or quote that does not fit at a readable size
continues on a "(cont.)" slide (paginate.py decides where).
"""
from __future__ import annotations

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from compiler.render.alt import figure_alt
from compiler.model import Briefing, Figure, Inlines, Quote, Section, Theme, plain
from compiler.resolve.citations.notes import written_date
from compiler.render.deck import access, credits, measure, oxml, shapes
from compiler.render.deck.charts import add_chart
from compiler.render.deck.office_deck import open_office_deck
from compiler.render.deck.package import deterministic_bytes, remember_part_names
from compiler.render.deck.paginate import (Page, figure_cites, chart_notes, greedy_runs, longest_fitting,
                                           point_cites, point_pages, quote_chunks, speaker_notes, split_point,
                                           titled)
from compiler.render.deck.shapes import INSET, LABEL_INSET, fill, label, move
from compiler.render.deck.tables import table_slides
from compiler.render.deck.geometry import (
    ATTRIBUTION_BOX,
    BODY_BOX,
    CAPTION_BOX,
    CONTENT_WIDTH,
    MARGIN,
    QUOTE_BOX,
    SOURCE_LINE,
    TEMPLATE,
    WIDTH,
)

BODY_SIZES = (24, 22, 20)       # tried in turn; 18 only when nothing else fits
FLOOR = 18
MAX_BULLETS = 6
TITLE_SIZES = (34, 32, 30, 28)
TITLE_SLIDE_SIZES = (36, 34, 32, 30, 28)
QUOTE_SIZES = (28, 26, 24, 22, 20, 18)
QUOTE_BOX_INNER_WIDTH = int(QUOTE_BOX[2] - 2 * INSET)
ATTRIBUTION_SIZE = 20           # the Quote layout's attribution placeholder
CONTENT_TOP, CONTENT_BOTTOM = BODY_BOX[1], BODY_BOX[1] + BODY_BOX[3]
QUOTE_BOX_INNER_HEIGHT = int(QUOTE_BOX[3] - Inches(0.1))


def render_deck(briefing: Briefing) -> bytes:
    """The deck's bytes: the same for the same briefing, on every run and machine."""
    if briefing.deck_template is not None:         # the office's own template
        prs, deck = open_office_deck(briefing, briefing.deck_template)
        return slides_to_bytes(deck, prs, briefing)
    prs = Presentation(str(TEMPLATE))
    remember_part_names(prs.part.package)
    apply_theme(prs, briefing.theme)
    return slides_to_bytes(Deck(prs, briefing), prs, briefing)


def slides_to_bytes(deck, prs, briefing: Briefing) -> bytes:
    """Every slide in order (title, sections, sources), then each slide's furniture,
    the language, and the deterministic package: the same for our template and an office's."""
    deck.title_slide()
    for section in briefing.sections:
        deck.bullets(section)
        for quote in section.quotes:
            deck.quote(section, quote)
        for figure in section.figures:
            deck.figure(figure)
    deck.sources()
    for number, slide in enumerate(prs.slides, 1):
        deck.furniture(slide, number)
    access.set_language(prs, briefing.lang)
    return deterministic_bytes(prs, briefing)


def apply_theme(prs, theme: Theme) -> None:
    """Write the briefing's colours and fonts into the deck's theme, the one place the
    layouts take them from (dk2: titles, accents: charts, major: serif, minor: sans)."""
    part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    # lt1 as a colour, not the system's "window" colour: what the contrast check measured
    colours = {"dk1": theme.text, "lt1": "#FFFFFF", "dk2": theme.primary, "lt2": theme.light,
               **{f"accent{i + 1}": c for i, c in enumerate((theme.palette + (theme.accent,) * 6)[:6])}}
    oxml.write_theme(part, colours, theme.serif, theme.sans)


class Deck:
    """The slides of a deck on our own template, made in order."""

    def __init__(self, prs, briefing: Briefing):
        self.prs, self.b, self.theme = prs, briefing, briefing.theme
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.sans = briefing.theme.sans_metric
        self.serif = briefing.theme.serif_metric
        self.pages: list[Page] = []         # each slide's, in order (python-pptx's slide_id is a search)
        self.title_boxes: dict[str, tuple[int, int]] = {}   # layout -> its title's inner width, height
        self.titles: set[str] = set()            # every slide's title so far: each is unique
        self.labels: dict[tuple, object] = {}       # see shapes.label

    # --- slides --------------------------------------------------------------

    def title_slide(self) -> None:
        slide = self.new_slide(Page("Title", self.b.title))
        page = self.pages[-1]
        byline = [written_date(self.b.date.isoformat()) or ""] + ([self.b.author] if self.b.author else [])
        for idx, text in ((1, self.b.subtitle or ""), (13, "\n".join(byline))):
            shape = oxml.placeholder(slide, idx)
            shape.text_frame.text = text
            if text and measure.overflows(shape):      # cut to fit; the notes keep it whole
                shape.text_frame.text = longest_fitting(text, lambda t: shapes.set_and_fits(shape, t))
                page.notes.append(text)
        if self.theme.logo:
            shapes.logo(slide, self.theme.logo)
        if self.b.draft_line:         # "DRAFT — rev a1b2c3d+": under the byline, aligned with it
            left = oxml.placeholder(slide, 13).left
            label(slide, (left, SOURCE_LINE[1], SOURCE_LINE[2], SOURCE_LINE[3]), self.b.draft_line, 14,
                  PP_ALIGN.LEFT, bold=True, color=self.theme.accent, anchor=MSO_ANCHOR.BOTTOM)

    def bullets(self, section: Section) -> None:
        """The section's points on as many slides as they take (a section slide when none)."""
        pages = self._point_pages(self._split_long(section.points))
        # one size for the whole section: a "(cont.)" slide set larger than its first looks odd
        size = min((s for _, s in pages), default=BODY_SIZES[0])
        for i, (points, _) in enumerate(pages or [([], size)]):
            slide = self.new_slide(Page("Bullets" if points else "Section", titled(section.title, i),
                                        point_cites(points)))
            body = oxml.placeholder(slide, 1)
            if points:
                fill(body.text_frame, points, size)

    def quote(self, section: Section, quote: Quote) -> None:
        who = credits.attribution(quote)
        room = self._room_for_quote(who) or QUOTE_BOX_INNER_HEIGHT
        chunks = quote_chunks(quote.text, QUOTE_SIZES, FLOOR, lambda t, size: self._quote_height(t, size) <= room)
        for i, (text, size) in enumerate(chunks):
            slide = self.new_slide(Page("Quote", titled(section.title, i), [(quote.cite, quote.footnote)]))
            body, attribution = oxml.placeholder(slide, 1), oxml.placeholder(slide, 13)
            body.text_frame.text = text
            shapes.set_size(body.text_frame, size)
            attribution.text_frame.text = who
            top, height = self._stack_quote(body, attribution, text, size, who)
            shapes.accent_bar(slide, top, height, self.theme.accent)

    def _stack_quote(self, body, attribution, text: str, size: int, who: str) -> tuple[int, int]:
        """The quote and its attribution as one block, centred in the content area, the
        attribution just under the last line; gives the quote's top and height."""
        quote_h = self._quote_height(text, size) + int(Inches(0.1))
        who_h = self._attribution_height(who)
        gap = int(Inches(0.25))
        top = max(CONTENT_TOP, CONTENT_TOP + (CONTENT_BOTTOM - CONTENT_TOP - quote_h - gap - who_h) // 2)
        move(body, (QUOTE_BOX[0], top, QUOTE_BOX[2], quote_h))
        move(attribution, (ATTRIBUTION_BOX[0], top + quote_h + gap, ATTRIBUTION_BOX[2], who_h))
        return top, quote_h

    def figure(self, figure: Figure) -> None:
        title = f"{figure.label}. {figure.title}"
        cites = figure_cites(figure)
        if figure.table:
            first = len(self.prs.slides)
            table_slides(self, figure, title, cites)
            for slide in list(self.prs.slides)[first:]:
                for shape in slide.shapes:
                    if shape.has_table:
                        access.describe(shape, figure_alt(figure))
            return
        slide = self.new_slide(Page("Figure", title, cites, chart_notes(figure)))
        top, bottom = Inches(1.7), self.caption(oxml.placeholder(slide, 13), figure.caption)
        area = (MARGIN, top, CONTENT_WIDTH, bottom - top - Inches(0.1))
        if figure.chart:
            access.describe(add_chart(slide, figure.chart, area, self.theme), figure_alt(figure))
        elif figure.image:
            access.describe(shapes.picture(slide, figure, area), figure_alt(figure))

    def sources(self) -> None:
        entries = [plain(e.text) for e in self.b.bibliography]
        by_text = {plain(e.text): e.text for e in self.b.bibliography}
        width = BODY_BOX[2] - 2 * INSET - Inches(0.4)
        room = BODY_BOX[3] - 2 * Inches(0.05)
        pages = greedy_runs(entries, lambda run: measure.text_height(
            run, self.sans, FLOOR, False, width, space_after_pt=8) <= room)
        for i, page in enumerate(pages):
            slide = self.new_slide(Page("Sources", titled("Sources", i)))
            fill(oxml.placeholder(slide, 1).text_frame, [by_text[entry] for entry in page], FLOOR)

    # --- measuring -------------------------------------------------------------

    def _point_pages(self, points: tuple[Inlines, ...]) -> list[tuple[list[Inlines], int]]:
        """Points split into the fewest slides of at most six that fit at 20 pt, as even
        in height as can be; each with the largest size that fits it."""
        width, height = BODY_BOX[2] - 2 * INSET - Inches(0.35), BODY_BOX[3] - Inches(0.1)
        return point_pages(points, lambda i, j, size: measure.text_height(
            [plain(p) for p in points[i:j]], self.sans, size, False, width, space_after_pt=8),
            height, BODY_SIZES, FLOOR, MAX_BULLETS)

    def _split_long(self, points: tuple[Inlines, ...]) -> tuple[Inlines, ...]:
        """A bullet too long for a whole slide at the floor size, in pieces that each fit
        one (paginate.split_point): it continues on "(cont.)" slides, never cut short or set smaller."""
        width, height = BODY_BOX[2] - 2 * INSET - Inches(0.35), BODY_BOX[3] - Inches(0.1)
        fits = lambda text: measure.text_height([text], self.sans, FLOOR, False, width) <= height  # noqa: E731
        return tuple(piece for point in points for piece in split_point(point, fits))

    def _quote_height(self, text: str, size: int) -> int:
        return measure.text_height([text], self.serif, size, False, QUOTE_BOX_INNER_WIDTH, italic=True)

    def _attribution_height(self, who: str) -> int:
        return measure.text_height([who], self.sans, ATTRIBUTION_SIZE, False,
                                   ATTRIBUTION_BOX[2] - 2 * INSET) + int(Inches(0.1))

    def _room_for_quote(self, who: str) -> int:
        """The quote's height once its attribution (however many lines) and the gap above
        it are set in the content area: the block never reaches the source line."""
        return min(QUOTE_BOX_INNER_HEIGHT, CONTENT_BOTTOM - CONTENT_TOP - int(Inches(0.25))
                   - self._attribution_height(who) - int(Inches(0.1)))

    def caption(self, placeholder, caption: Inlines) -> int:
        """Fill the caption; returns where it starts, so the chart takes the rest."""
        if not caption:
            oxml.drop(placeholder._element)
            return SOURCE_LINE[1]
        top = self.caption_top(caption)
        move(placeholder, (CAPTION_BOX[0], top, CAPTION_BOX[2], SOURCE_LINE[1] - top))
        fill(placeholder.text_frame, [caption], FLOOR, bullets=False)
        return top

    def caption_top(self, caption: Inlines) -> int:
        """Where a caption set just above the source line starts (the source line's top
        when there is none)."""
        if not caption:
            return SOURCE_LINE[1]
        height = measure.text_height([plain(caption)], self.sans, FLOOR, False, CAPTION_BOX[2] - 2 * INSET)
        return int(SOURCE_LINE[1] - height - Inches(0.12))

    # --- every slide -----------------------------------------------------------

    def new_slide(self, page: Page):
        """A slide of the page's layout with its title set to fit (whole in the notes when cut)."""
        page.title = access.unique_title(page.title, self.titles)
        slide = self.prs.slides.add_slide(self.layouts[page.layout])
        title = slide.shapes.title
        if title is not None:
            title.text_frame.text = page.title
            if page.layout not in self.title_boxes:     # the layout's, as no slide moves its title
                self.title_boxes[page.layout] = measure.inner_width(title), measure.inner_height(title)
            sizes = TITLE_SLIDE_SIZES if page.layout == "Title" else TITLE_SIZES
            if not shapes.fit_title(title, self.sans, sizes, self.title_boxes[page.layout]):
                page.notes.insert(0, page.title)    # cut to fit the slide: whole in the notes
        self.pages.append(page)
        return slide

    def furniture(self, slide, number: int) -> None:
        page = self.pages[number - 1]
        oxml.drop_empty_placeholders(slide)
        # added in reading order: after the title and the body, the source line, then
        # the marking and the number
        if page.cites:
            pieces = credits.source_line([c for c, _ in page.cites])
            text, size = measure.fit_source_line("".join(t for t, _ in pieces), self.sans,
                                                 SOURCE_LINE[2] - 2 * INSET, SOURCE_LINE[3] - 2 * LABEL_INSET)
            line = label(slide, SOURCE_LINE, text, size, PP_ALIGN.LEFT, color=self.theme.muted,
                         anchor=MSO_ANCHOR.BOTTOM, name="Source line")
            shapes.italics(line, pieces, text)
        if self.b.marking:
            label(slide, (0, Inches(0.08), WIDTH, Inches(0.36)), self.b.marking.upper(), 12,
                  PP_ALIGN.CENTER, bold=True, color=self.theme.text, made=self.labels, name="Marking")
        label(slide, (WIDTH - Inches(1.5), Inches(6.95), Inches(0.9), Inches(0.4)), str(number),
              12, PP_ALIGN.RIGHT, color=self.theme.muted, made=self.labels, name="Slide number")
        notes = speaker_notes(page)
        if notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(notes)
