"""Render deck: the resolved `Briefing` -> a 16:9 PowerPoint deck (python-pptx).

Slides come from the template's named layouts and fill their placeholders. Every text
is measured before it is placed (measure.py): a list or quote that does not fit at a
readable size continues on a "(cont.)" slide. Citing slides get a source line at the
bottom and the full citations in their speaker notes.
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass, field

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from compiler.render.alt import figure_alt
from compiler.limits import shortened
from compiler.model import Briefing, Cite, Figure, Inlines, NoteRef, Quote, Section, Text, Theme, plain
from compiler.resolve.citations.notes import written_date
from compiler.render.deck import access, credits, measure
from compiler.render.deck.split import Continued, split_point
from compiler import sentences
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
INSET = Inches(0.1)
LABEL_INSET = Inches(0.02)


@dataclass
class Page:
    """One slide to make: its layout, title, and what it cites (for the source line
    and the speaker notes)."""

    layout: str
    title: str
    cites: list[tuple[Cite, int | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def render_deck(briefing: Briefing) -> bytes:
    """The deck's bytes: the same for the same briefing, on every run and machine."""
    if briefing.deck_template is not None:         # the office's own template
        from compiler.render.deck.office import render_office_deck
        return render_office_deck(briefing)
    prs = Presentation(str(TEMPLATE))
    remember_part_names(prs.part.package)
    apply_theme(prs, briefing.theme)
    return slides_to_bytes(_Deck(prs, briefing), prs, briefing)


def slides_to_bytes(deck, prs, briefing: Briefing) -> bytes:
    """Every slide in order (title, sections, sources), then each slide's furniture,
    the language, and the deterministic package: the same for our template and an office's."""
    from compiler.render.deck.package import deterministic_bytes
    deck.title_slide()
    for section in briefing.sections:
        deck.section(section)
    deck.sources()
    for number, slide in enumerate(prs.slides, 1):
        deck.furniture(slide, number)
    access.set_language(prs, briefing.lang)
    return deterministic_bytes(prs, briefing)


def remember_part_names(package) -> None:
    """python-pptx names each new part (a slide's notes, a chart, its workbook) by walking
    every part of the package for the names taken: quadratic, most of a long deck's time.
    Walk once per kind of name, then remember the names handed out (this deck adds parts
    only through here and removes none), choosing as python-pptx does."""
    walk, taken = package.next_partname, {}

    def next_partname(tmpl: str):
        prefix = tmpl[: (tmpl % 42).find("42")]
        if prefix not in taken:
            name = walk(tmpl)
            taken[prefix] = {p.partname for p in package.iter_parts() if p.partname.startswith(prefix)}
        else:
            names = taken[prefix]
            name = next(PackURI(tmpl % n) for n in range(len(names) + 1, 0, -1) if tmpl % n not in names)
        taken[prefix].add(name)
        return name
    package.next_partname = next_partname


class _Deck:
    def __init__(self, prs, briefing: Briefing):
        self.prs, self.b, self.theme = prs, briefing, briefing.theme
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.sans = briefing.theme.sans_metric
        self.serif = briefing.theme.serif_metric
        self.pages: list[Page] = []         # each slide's, in order (python-pptx's slide_id is a search)
        self.title_boxes: dict[str, tuple[int, int]] = {}   # layout -> its title's inner width, height
        self.titles: set[str] = set()            # every slide's title so far: each is unique
        self.labels: dict[tuple, object] = {}       # see _label

    # --- slides --------------------------------------------------------------

    def title_slide(self) -> None:
        slide = self._slide(Page("Title", self.b.title))
        page = self.pages[-1]
        byline = [written_date(self.b.date.isoformat())] + ([self.b.author] if self.b.author else [])
        for idx, text in ((1, self.b.subtitle or ""), (13, "\n".join(byline))):
            shape = _placeholder(slide, idx)
            shape.text_frame.text = text
            if text and measure.overflows(shape):      # cut to fit; the notes keep it whole
                shape.text_frame.text = _longest_fitting(text, lambda t: _set_and_fits(shape, t))
                page.notes.append(text)
        if self.theme.logo:
            _logo(slide, self.theme.logo)
        if self.b.draft_line:         # "DRAFT — rev a1b2c3d+": under the byline, aligned with it
            left = _placeholder(slide, 13).left
            _label(slide, (left, SOURCE_LINE[1], SOURCE_LINE[2], SOURCE_LINE[3]), self.b.draft_line, 14,
                   PP_ALIGN.LEFT, bold=True, color=self.theme.accent, anchor=MSO_ANCHOR.BOTTOM)

    def section(self, section: Section) -> None:
        pages = self._point_pages(self._split_long(section.points))
        # one size for the whole section: a "(cont.)" slide set larger than its first looks odd
        size = min((s for _, s in pages), default=BODY_SIZES[0])
        for i, (points, _) in enumerate(pages or [([], size)]):
            title = section.title if i == 0 else f"{section.title} (cont.)"
            page = Page("Bullets" if points else "Section", title)
            for point in points:
                page.cites += [(c, r.footnote) for r in point if isinstance(r, NoteRef) for c in r.cites]
            slide = self._slide(page)
            body = _placeholder(slide, 1)
            if points:
                _fill(body.text_frame, points, size)
        for quote in section.quotes:
            self.quote(section, quote)
        for figure in section.figures:
            self.figure(figure)

    def quote(self, section: Section, quote: Quote) -> None:
        who = credits.attribution(quote)
        for i, (text, size) in enumerate(self._quote_chunks(quote.text, self._room_for_quote(who))):
            title = section.title if i == 0 else f"{section.title} (cont.)"
            slide = self._slide(Page("Quote", title, [(quote.cite, quote.footnote)]))
            body, attribution = _placeholder(slide, 1), _placeholder(slide, 13)
            body.text_frame.text = text
            _size(body.text_frame, size)
            attribution.text_frame.text = who
            top, height = self._stack_quote(body, attribution, text, size, who)
            _accent_bar(slide, top, height, self.theme.accent)

    def _stack_quote(self, body, attribution, text: str, size: int, who: str) -> tuple[int, int]:
        """The quote and its attribution as one block, centred in the content area, the
        attribution just under the last line; gives the quote's top and height."""
        quote_h = self._quote_height(text, size) + int(Inches(0.1))
        who_h = measure.text_height([who], self.sans, ATTRIBUTION_SIZE, False,
                                    ATTRIBUTION_BOX[2] - 2 * INSET) + int(Inches(0.1))
        gap = int(Inches(0.25))
        top = max(CONTENT_TOP, CONTENT_TOP + (CONTENT_BOTTOM - CONTENT_TOP - quote_h - gap - who_h) // 2)
        _move(body, (QUOTE_BOX[0], top, QUOTE_BOX[2], quote_h))
        _move(attribution, (ATTRIBUTION_BOX[0], top + quote_h + gap, ATTRIBUTION_BOX[2], who_h))
        return top, quote_h

    def figure(self, figure: Figure) -> None:
        title = f"{figure.label}. {figure.title}"
        notes = _chart_notes(figure) if figure.chart else []
        cites = [(figure.cite, figure.footnote)] if figure.cite else []
        cells = [cell for row in (figure.table.columns, *figure.table.rows) for cell in row] if figure.table else []
        cites += [(c, r.footnote) for runs in (*cells, figure.caption) for r in runs
                  if isinstance(r, NoteRef) for c in r.cites]
        if figure.table:
            from compiler.render.deck.tables import table_slides
            first = len(self.prs.slides)
            table_slides(self, figure, title, cites)
            for slide in list(self.prs.slides)[first:]:
                for shape in slide.shapes:
                    if shape.has_table:
                        access.describe(shape, figure_alt(figure))
            return
        slide = self._slide(Page("Figure", title, cites, notes))
        caption = _placeholder(slide, 13)
        top, bottom = Inches(1.7), self._caption(caption, figure.caption)
        area = (MARGIN, top, CONTENT_WIDTH, bottom - top - Inches(0.1))
        if figure.chart:
            from compiler.render.deck.charts import add_chart
            access.describe(add_chart(slide, figure.chart, area, self.theme), figure_alt(figure))
        elif figure.image:
            access.describe(_picture(slide, figure, area), figure_alt(figure))

    def sources(self) -> None:
        entries = [plain(e.text) for e in self.b.bibliography]
        if not entries:
            return
        by_text = {plain(e.text): e.text for e in self.b.bibliography}
        width = BODY_BOX[2] - 2 * INSET - Inches(0.4)
        pages, current = [], []
        for entry in entries:
            if current and measure.text_height(current + [entry], self.sans, FLOOR, False, width,
                                               space_after_pt=8) > BODY_BOX[3] - 2 * Inches(0.05):
                pages.append(current)
                current = []
            current.append(entry)
        pages.append(current)
        for i, page in enumerate(pages):
            slide = self._slide(Page("Sources", "Sources" if i == 0 else "Sources (cont.)"))
            _fill(_placeholder(slide, 1).text_frame, [by_text[entry] for entry in page], FLOOR)

    # --- measuring -------------------------------------------------------------

    def _point_pages(self, points: tuple[Inlines, ...]) -> list[tuple[list[Inlines], int]]:
        """Points split into the fewest slides of at most six that fit at 20 pt, as even
        in height as can be; each with the largest size that fits it."""
        if not points:
            return []
        width, height = BODY_BOX[2] - 2 * INSET - Inches(0.35), BODY_BOX[3] - Inches(0.1)
        measured = functools.lru_cache(maxsize=None)(lambda i, j, size: measure.text_height(
            [plain(p) for p in points[i:j]], self.sans, size, False, width, space_after_pt=8))
        fits = lambda i, j, size: j - i <= MAX_BULLETS and measured(i, j, size) <= height  # noqa: E731
        count, start = 0, 0
        while start < len(points):               # greedily: how many slides at least
            end = start + 1
            while end < len(points) and fits(start, end + 1, BODY_SIZES[-1]):
                end += 1
            count, start = count + 1, end
        cuts = _even_cuts(len(points), count, lambda i, j: measured(i, j, BODY_SIZES[-1]) if fits(
            i, j, BODY_SIZES[-1]) or j - i == 1 else None, longest=MAX_BULLETS)
        pages = [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]
        return [(list(points[i:j]), next((s for s in BODY_SIZES if fits(i, j, s)), FLOOR)) for i, j in pages]

    def _split_long(self, points: tuple[Inlines, ...]) -> tuple[Inlines, ...]:
        """A bullet too long for a whole slide at the floor size, in pieces that each fit
        one (split.py): it continues on "(cont.)" slides, never cut short or set smaller."""
        width, height = BODY_BOX[2] - 2 * INSET - Inches(0.35), BODY_BOX[3] - Inches(0.1)
        fits = lambda text: measure.text_height([text], self.sans, FLOOR, False, width) <= height  # noqa: E731
        return tuple(piece for point in points for piece in split_point(point, fits))

    def _quote_height(self, text: str, size: int) -> int:
        return measure.text_height([text], self.serif, size, False, QUOTE_BOX_INNER_WIDTH, italic=True)

    def _room_for_quote(self, who: str) -> int:
        """The quote's height once its attribution (however many lines) and the gap above
        it are set in the content area: the block never reaches the source line."""
        who_h = measure.text_height([who], self.sans, ATTRIBUTION_SIZE, False,
                                    ATTRIBUTION_BOX[2] - 2 * INSET) + int(Inches(0.1))
        return min(QUOTE_BOX_INNER_HEIGHT, CONTENT_BOTTOM - CONTENT_TOP - int(Inches(0.25)) - who_h
                   - int(Inches(0.1)))

    def _quote_chunks(self, text: str, room: int = 0) -> list[tuple[str, int]]:
        """The quote in curly quotes at the largest size that fits `room` (default: the
        quote box); below the floor, split at sentences into the fewest, most even slides,
        all at one size. As with quoted paragraphs, each part opens with a quote mark and
        only the last one closes."""
        room = room or QUOTE_BOX_INNER_HEIGHT
        fits = lambda t, size: self._quote_height(t, size) <= room  # noqa: E731
        units = sentences.split(text, tidy=True)
        for count in range(1, len(units) + 1):
            groups = _balanced(units, count)
            chunks = ["“" + " ".join(g) for g in groups]
            chunks[-1] += "”"
            size = next((s for s in QUOTE_SIZES if all(fits(c, s) for c in chunks)), None)
            if size is not None:
                return [(c, size) for c in chunks]
        return [("“" + u + "”" * (i == len(units) - 1), FLOOR) for i, u in enumerate(units)]

    def _caption(self, placeholder, caption: Inlines) -> int:
        """Fill the caption; returns where it starts, so the chart takes the rest."""
        if not caption:
            placeholder._element.getparent().remove(placeholder._element)
            return SOURCE_LINE[1]
        top = self.caption_top(caption)
        _move(placeholder, (CAPTION_BOX[0], top, CAPTION_BOX[2], SOURCE_LINE[1] - top))
        _fill(placeholder.text_frame, [caption], FLOOR, bullets=False)
        return top

    def caption_top(self, caption: Inlines) -> int:
        """Where a caption set just above the source line starts (the source line's top
        when there is none)."""
        if not caption:
            return SOURCE_LINE[1]
        height = measure.text_height([plain(caption)], self.sans, FLOOR, False, CAPTION_BOX[2] - 2 * INSET)
        return int(SOURCE_LINE[1] - height - Inches(0.12))

    # --- every slide -----------------------------------------------------------

    def _slide(self, page: Page):
        page.title = access.unique_title(page.title, self.titles)
        slide = self.prs.slides.add_slide(self.layouts[page.layout])
        title = slide.shapes.title
        if title is not None:
            title.text_frame.text = page.title
            if page.layout not in self.title_boxes:     # the layout's, as no slide moves its title
                self.title_boxes[page.layout] = measure.inner_width(title), measure.inner_height(title)
            sizes = TITLE_SLIDE_SIZES if page.layout == "Title" else TITLE_SIZES
            if not _fit_title(title, self.sans, sizes, self.title_boxes[page.layout]):
                page.notes.insert(0, page.title)    # cut to fit the slide: whole in the notes
        self.pages.append(page)
        return slide

    def furniture(self, slide, number: int) -> None:
        page = self.pages[number - 1]
        for element in list(slide.shapes._spTree.iterchildren(_SHAPE)):
            # an unfilled placeholder shows "Click to add text" to whoever edits the deck
            # (read with lxml: python-pptx's shape proxies cost more than the slide)
            body = element.find(qn("p:txBody"))
            if element.find(_PH) is not None and body is not None and \
                    not "".join(t.text or "" for t in body.iter(qn("a:t"))).strip():
                element.getparent().remove(element)
        # added in reading order: after the title and the body, the source line, then
        # the marking and the number
        if page.cites:
            pieces = credits.source_line([c for c, _ in page.cites])
            text, size = _fit_source_line("".join(t for t, _ in pieces), self.sans)
            line = _label(slide, SOURCE_LINE, text, size, PP_ALIGN.LEFT, color=self.theme.muted,
                          anchor=MSO_ANCHOR.BOTTOM, name="Source line")
            _italics(line, pieces, text)
        if self.b.marking:
            _label(slide, (0, Inches(0.08), WIDTH, Inches(0.36)), self.b.marking.upper(), 12,
                   PP_ALIGN.CENTER, bold=True, color=self.theme.text, made=self.labels, name="Marking")
        _label(slide, (WIDTH - Inches(1.5), Inches(6.95), Inches(0.9), Inches(0.4)), str(number),
               12, PP_ALIGN.RIGHT, color=self.theme.muted, made=self.labels, name="Slide number")
        notes = [f"[{n}] " * (n is not None) + plain(c.full) for c, n in _unique(page.cites)]
        if notes or page.notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(notes + page.notes)


QUOTE_BOX_INNER_WIDTH = int(QUOTE_BOX[2] - 2 * INSET)
ATTRIBUTION_SIZE = 20           # the Quote layout's attribution placeholder
CONTENT_TOP, CONTENT_BOTTOM = BODY_BOX[1], BODY_BOX[1] + BODY_BOX[3]
QUOTE_BOX_INNER_HEIGHT = int(QUOTE_BOX[3] - Inches(0.1))


def apply_theme(prs, theme: Theme) -> None:
    """Write the briefing's colours and fonts into the deck's theme, the one place the
    layouts take them from (dk2: titles, accents: charts, major: serif, minor: sans)."""
    part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    # lt1 as a colour, not the system's "window" colour: what the contrast check measured
    colours = {"dk1": theme.text, "lt1": "#FFFFFF", "dk2": theme.primary, "lt2": theme.light,
               **{f"accent{i + 1}": c for i, c in enumerate((theme.palette + (theme.accent,) * 6)[:6])}}
    for name, value in colours.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr")).set("val", value.lstrip("#").upper())
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.find(qn("a:majorFont")).find(qn("a:latin")).set("typeface", theme.serif)
    fonts.find(qn("a:minorFont")).find(qn("a:latin")).set("typeface", theme.sans)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- helpers ---------------------------------------------------------------------


def _placeholder(slide, idx: int):
    """The slide's placeholder `idx`, found with lxml (python-pptx's lookup runs an
    XPath query per shape, the deck's largest cost)."""
    for element in slide.shapes._spTree.iterchildren(_SHAPE):
        ph = element.find(_PH)
        if ph is not None and int(ph.get("idx", "0")) == idx:
            return slide.shapes._shape_factory(element)
    raise KeyError(idx)


_SHAPE, _PH = qn("p:sp"), f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


def _unique(cites: list[tuple[Cite, int | None]]) -> list[tuple[Cite, int | None]]:
    seen, out = set(), []
    for cite, number in cites:
        key = (cite.source_id, cite.locator, number)
        if key not in seen:
            seen.add(key)
            out.append((cite, number))
    return out


def _fill(frame, items: list[Inlines], size: int, bullets: bool = True) -> None:
    """One paragraph per item, runs keeping their bold and italic; a citation prints
    nothing here (the slide's source line carries it)."""
    frame.clear()
    for i, item in enumerate(items):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if isinstance(item, Continued):     # the rest of the bullet before: no bullet, no hanging line
            ppr = paragraph._p.get_or_add_pPr()
            ppr.set("indent", "0")
            ppr.insert(0, paragraph._p.makeelement(qn("a:buNone"), {}))
        runs = [r for r in item if isinstance(r, Text)]
        for j, run in enumerate(runs):
            text = run.text.lstrip() if j == 0 else run.text
            text = text.rstrip() if j == len(runs) - 1 else text
            r = paragraph.add_run()
            r.text = text
            r.font.size = Pt(size)
            if run.bold:
                r.font.bold = True
            if run.italic:
                r.font.italic = True
            if run.href and not run.href.startswith("#"):
                r.hyperlink.address = run.href


def _italics(shape, pieces: list[tuple[str, bool]], shown: str) -> None:
    """The label's one run split so the titles among `pieces` are italic; `shown` is
    the pieces' text, perhaps cut short with " …"."""
    first = shape.text_frame.paragraphs[0].runs[0]._r
    left, out = len(shown.removesuffix(" …")) if shown.endswith(" …") else len(shown), []
    for text, italic in pieces:
        if left <= 0:
            break
        out.append((text[:left], italic))
        left -= len(text)
    if shown.endswith(" …"):
        out.append((" …", False))
    for text, italic in out:
        run = copy.deepcopy(first)
        run.find(qn("a:t")).text = text
        if italic:
            run.find(qn("a:rPr")).set("i", "1")
        first.addprevious(run)
    first.getparent().remove(first)


def _size(frame, size: int) -> None:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _fit_title(title, family: str, sizes: tuple[int, ...] = TITLE_SIZES, box: tuple[int, int] | None = None) -> bool:
    """The largest size at which the title fits its box (wrapping if it must); a title
    too long for the smallest is cut at a word (a "(cont.)" kept). False when cut."""
    width, height = box or (measure.inner_width(title), measure.inner_height(title))
    text = title.text_frame.text
    fits = lambda t, size: measure.text_height([t], family, size, True, width) <= height  # noqa: E731
    size = next((s for s in sizes if fits(text, s)), None)
    if size is None:
        size = sizes[-1]
        head, cont = (text[:-len(_CONT)], _CONT) if text.endswith(_CONT) else (text, "")
        title.text_frame.text = _longest_fitting(head, lambda t: fits(t + cont, size)) + cont
    _size(title.text_frame, size)
    return title.text_frame.text == text


_CONT = " (cont.)"


def _longest_fitting(text: str, fits) -> str:
    """The longest cut of `text` at a word boundary, with "…", for which `fits` holds."""
    low, high = 1, len(text)            # shortened(text, low) fits, or nothing does
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(shortened(text, middle)) else (low, middle - 1)
    return shortened(text, low)


def _set_and_fits(shape, text: str) -> bool:
    shape.text_frame.text = text
    return not measure.overflows(shape)


def _fit_source_line(text: str, family: str) -> tuple[str, int]:
    """11 pt, then 10 pt, then cut with an ellipsis: two lines at most (the full list is
    in the speaker notes). Gives the text and its size."""
    width, height = SOURCE_LINE[2] - 2 * INSET, SOURCE_LINE[3] - 2 * LABEL_INSET
    two_lines = lambda t, size: measure.text_height([t], family, size, False, width) <= min(  # noqa: E731
        height, Pt(2 * size * measure.line_height(family)))
    size = 11 if two_lines(text, 11) else 10
    while not two_lines(text, size) and len(text) > 20:
        text = text[: text.rfind(" ", 0, len(text) - 2)].rstrip(";, ") + " …"
    return text, size


def _label(slide, box, text: str, size: int, align, bold: bool = False, color: str | None = None,
           anchor=MSO_ANCHOR.MIDDLE, made: dict | None = None, name: str | None = None):
    """A small furniture text box: marking, slide number, source line. The same label on
    another slide (`made`: the labels made so far, by look) is a copy of the first with
    its own shape id, name and text: what python-pptx would write, for far less work."""
    key = (box, size, align, bold, color, anchor)
    shapes = slide.shapes
    if made is not None and key in made and text and text.isprintable():
        sp = copy.deepcopy(made[key])
        shape_id = shapes._next_shape_id
        sp.nvSpPr.cNvPr.set("id", str(shape_id))
        sp.nvSpPr.cNvPr.set("name", name or f"TextBox {shape_id - 1}")     # as python-pptx names it
        sp.find(_LABEL_TEXT).text = text
        shapes._spTree.insert_element_before(sp, "p:extLst")
        return None
    shape = shapes.add_textbox(*(Emu(int(v)) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = INSET
    frame.margin_top = frame.margin_bottom = LABEL_INSET
    frame.text = text
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    for run in paragraph.runs:
        run.font.size, run.font.bold = Pt(size), bold
        if color:
            run.font.color.rgb = RGBColor.from_string(color.lstrip("#"))
    if name:
        shape.name = name
    if made is not None and text and text.isprintable() and key not in made:
        made[key] = copy.deepcopy(shape._element)
    return shape


_LABEL_TEXT = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:r')}/{qn('a:t')}"


def _accent_bar(slide, top: int, height: int, colour: str) -> None:
    """A thin bar in the accent colour left of a quote, as the memo marks its pull quotes."""
    from pptx.enum.shapes import MSO_SHAPE
    width = Inches(0.07)
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(QUOTE_BOX[0] - Inches(0.25)), Emu(top + Inches(0.08)),
                                 Emu(width), Emu(max(height - Inches(0.16), Inches(0.3))))
    bar.name = "Quote bar"
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    bar.line.fill.background()
    bar._element.remove(bar._element.find(qn("p:style")))   # flat: no theme shadow or outline
    access.describe(bar, "")


def _picture(slide, figure: Figure, area: tuple):
    """The image as large as the area allows, aspect ratio kept, centred."""
    left, top, width, height = area
    image = figure.image
    scale = min(width / image.width_px, height / image.height_px)
    w, h = int(image.width_px * scale), int(image.height_px * scale)
    return slide.shapes.add_picture(_raster(image.path), Emu(left + (width - w) // 2),
                                    Emu(top + (height - h) // 2), Emu(w), Emu(h))


def _raster(path):
    """A picture python-pptx can place: the file itself, or an SVG drawn to PNG."""
    if path.suffix.lower() != ".svg":
        return str(path)
    from compiler.render.deck.charts import svg_as_png
    return svg_as_png(path)


def _logo(slide, path) -> None:
    """The theme's logo top right of the title slide, at most 0.9 in tall."""
    from PIL import Image as PILImage
    picture = _raster(path)
    with PILImage.open(picture) as image:
        ratio = image.width / image.height
    if not isinstance(picture, str):
        picture.seek(0)             # PIL read the PNG's header; python-pptx reads it all
    height = Inches(0.9)
    width = min(int(height * ratio), Inches(3))
    height = int(width / ratio)
    logo = slide.shapes.add_picture(picture, Emu(WIDTH - MARGIN - width), Emu(Inches(0.6)), Emu(width), Emu(height))
    access.describe(logo, "Logo")       # as the memo's


def _chart_notes(figure: Figure) -> list[str]:
    chart = figure.chart
    unit = f" ({chart.unit})" if chart.unit else ""
    lines = [f"Data{unit}:"]
    for name, values in chart.series:
        pairs = ", ".join(f"{c}: {v:g}" for c, v in zip(chart.categories, values))
        lines.append(f"{name}: {pairs}")
    return lines


def _even_cuts(n: int, count: int, cost, longest: int | None = None) -> list[int]:
    """Cut n items into `count` runs, minimising the largest `cost(i, j)` of a run
    (None: the run is not allowed; no run is longer than `longest` items, which the
    cost must refuse anyway); gives the cut positions, 0 and n included."""
    reach = n if longest is None else longest

    @functools.lru_cache(maxsize=None)
    def best(start: int, left: int) -> tuple[float, tuple[int, ...]]:
        if left == 1:
            c = cost(start, n)
            return (float("inf"), ()) if c is None else (c, (n,))
        options = [(max(c, rest[0]), (j, *rest[1])) for j in range(start + 1, min(n - left + 2, start + reach + 1))
                   if (c := cost(start, j)) is not None and (rest := best(j, left - 1))[0] < float("inf")]
        return min(options, default=(float("inf"), ()))
    return [0, *best(0, count)[1]]


def _balanced(units: list[str], count: int) -> list[list[str]]:
    """`units` in order, cut into at most `count` runs of about equal length."""
    total = sum(len(u) + 1 for u in units)
    groups: list[list[str]] = [[]]
    done = 0
    for unit in units:
        boundary = total * len(groups) / count
        if groups[-1] and len(groups) < count and done + (len(unit) + 1) / 2 > boundary:
            groups.append([])
        groups[-1].append(unit)
        done += len(unit) + 1
    return groups


def _move(shape, box: tuple) -> None:
    """A placeholder's own position (python-pptx writes zeros for the parts not given)."""
    shape.left, shape.top, shape.width, shape.height = (Emu(int(v)) for v in box)
