"""Render deck: the resolved `Briefing` -> a 16:9 PowerPoint deck (python-pptx).

Slides come from the template's named layouts and fill their placeholders. Every text
is measured before it is placed (measure.py): a list or quote that does not fit at a
readable size continues on a "(cont.)" slide. Citing slides get a source line at the
bottom and the full citations in their speaker notes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..model import Briefing, Cite, Figure, Inlines, NoteRef, Quote, Section, Text, Theme
from ..notes import written_date
from . import measure
from .make_template import BODY_BOX, CAPTION_BOX, CONTENT_WIDTH, MARGIN, QUOTE_BOX, TEMPLATE, WIDTH

BODY_SIZES = (24, 22, 20)       # tried in turn; 18 only when nothing else fits
FLOOR = 18
MAX_BULLETS = 6
QUOTE_SIZES = (28, 26, 24, 22, 20, 18)
SOURCE_LINE = (MARGIN, Inches(6.62), Inches(10.9), Inches(0.5))
INSET = Inches(0.1)


@dataclass
class Page:
    """One slide to make: its layout, title, and what it cites (for the source line
    and the speaker notes)."""

    layout: str
    title: str
    cites: list[tuple[Cite, int | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def render_deck(briefing: Briefing) -> bytes:
    from .package import deterministic_bytes
    prs = Presentation(str(TEMPLATE))
    apply_theme(prs, briefing.theme)
    deck = _Deck(prs, briefing)
    deck.title_slide()
    for section in briefing.sections:
        deck.section(section)
    deck.sources()
    for number, slide in enumerate(prs.slides, 1):
        deck.furniture(slide, number)
    return deterministic_bytes(prs, briefing)


class _Deck:
    def __init__(self, prs, briefing: Briefing):
        self.prs, self.b, self.theme = prs, briefing, briefing.theme
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self.sans = briefing.theme.sans_metric
        self.serif = briefing.theme.serif_metric
        self.pages: dict[int, Page] = {}         # slide id -> what it cites

    # --- slides --------------------------------------------------------------

    def title_slide(self) -> None:
        slide = self._slide(Page("Title", self.b.title))
        _placeholder(slide, 1).text_frame.text = self.b.subtitle or ""
        byline = [written_date(self.b.date.isoformat())] + ([self.b.author] if self.b.author else [])
        _placeholder(slide, 13).text_frame.text = "\n".join(byline)
        if self.theme.logo:
            _logo(slide, self.theme.logo)

    def section(self, section: Section) -> None:
        pages = self._point_pages(section.points)
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
        box_width = QUOTE_BOX_INNER_WIDTH
        chunks = self._quote_chunks(f"“{quote.text}”", box_width)
        for i, (text, size) in enumerate(chunks):
            title = section.title if i == 0 else f"{section.title} (cont.)"
            slide = self._slide(Page("Quote", title, [(quote.cite, quote.footnote)]))
            frame = _placeholder(slide, 1).text_frame
            frame.text = text
            _size(frame, size)
            who = f"— {quote.speaker}, in " if quote.speaker else "— "
            _placeholder(slide, 13).text_frame.text = who + quote.source.title

    def figure(self, figure: Figure) -> None:
        title = f"{figure.label}. {figure.title}"
        notes = _chart_notes(figure) if figure.chart else []
        cites = [(figure.cite, figure.footnote)] if figure.cite else []
        cells = [cell for row in (figure.table.columns, *figure.table.rows) for cell in row] if figure.table else []
        cites += [(c, r.footnote) for runs in (*cells, figure.caption) for r in runs
                  if isinstance(r, NoteRef) for c in r.cites]
        if figure.table:
            from .tables import table_slides
            table_slides(self, figure, title, cites)
            return
        slide = self._slide(Page("Figure", title, cites, notes))
        caption = _placeholder(slide, 13)
        top, bottom = Inches(1.7), self._caption(caption, figure.caption)
        area = (MARGIN, top, CONTENT_WIDTH, bottom - top - Inches(0.1))
        if figure.chart:
            from .charts import add_chart
            add_chart(slide, figure.chart, area, self.theme)
        elif figure.image:
            _picture(slide, figure, area)

    def sources(self) -> None:
        entries = [_plain(e.text) for e in self.b.bibliography]
        if not entries:
            return
        by_text = {_plain(e.text): e.text for e in self.b.bibliography}
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
        """Points split into slides of at most six that fit, each with the largest size
        that fits it."""
        width, height = BODY_BOX[2] - 2 * INSET - Inches(0.35), BODY_BOX[3] - Inches(0.1)
        fits = lambda group, size: measure.text_height(  # noqa: E731
            [_plain(p) for p in group], self.sans, size, False, width, space_after_pt=8) <= height
        pages: list[list[Inlines]] = []
        for point in points:
            if pages and len(pages[-1]) < MAX_BULLETS and fits(pages[-1] + [point], BODY_SIZES[-1]):
                pages[-1].append(point)
            else:
                pages.append([point])
        return [(page, next((s for s in BODY_SIZES if fits(page, s)), FLOOR)) for page in pages]

    def _quote_chunks(self, text: str, width: int) -> list[tuple[str, int]]:
        """The quote at the largest size that fits; below the floor, split at sentences."""
        height = QUOTE_BOX_INNER_HEIGHT
        fits = lambda t, size: measure.text_height(  # noqa: E731
            [t], self.serif, size, False, width, italic=True) <= height
        for size in QUOTE_SIZES:
            if fits(text, size):
                return [(text, size)]
        chunks, current = [], ""
        for sentence in _sentences(text):
            candidate = f"{current} {sentence}".strip()
            if current and not fits(candidate + " …", FLOOR):
                chunks.append(current + " …")
                current = "… " + sentence
            else:
                current = candidate
        chunks.append(current)
        return [(c, FLOOR) for c in chunks]

    def _caption(self, placeholder, caption: Inlines) -> int:
        """Fill the caption; returns where it starts, so the chart takes the rest."""
        if not caption:
            placeholder._element.getparent().remove(placeholder._element)
            return SOURCE_LINE[1]
        text = _plain(caption)
        height = measure.text_height([text], self.sans, FLOOR, False, CAPTION_BOX[2] - 2 * INSET)
        height = int(height + Inches(0.12))
        # a placeholder given any position must be given all of it (python-pptx writes zeros)
        placeholder.left, placeholder.width = Emu(CAPTION_BOX[0]), Emu(CAPTION_BOX[2])
        placeholder.top, placeholder.height = Emu(SOURCE_LINE[1] - height), Emu(height)
        _fill(placeholder.text_frame, [caption], FLOOR, bullets=False)
        return SOURCE_LINE[1] - height

    # --- every slide -----------------------------------------------------------

    def _slide(self, page: Page):
        slide = self.prs.slides.add_slide(self.layouts[page.layout])
        if slide.shapes.title is not None:
            slide.shapes.title.text_frame.text = page.title
            _fit_title(slide.shapes.title, self.sans)
        self.pages[slide.slide_id] = page
        return slide

    def furniture(self, slide, number: int) -> None:
        page = self.pages[slide.slide_id]
        for shape in list(slide.placeholders):
            # an unfilled placeholder shows "Click to add text" to whoever edits the deck
            if shape.has_text_frame and not shape.text_frame.text.strip():
                shape._element.getparent().remove(shape._element)
        if self.b.marking:
            _label(slide, (0, Inches(0.08), WIDTH, Inches(0.36)), self.b.marking.upper(), 12,
                   PP_ALIGN.CENTER, bold=True, color=self.theme.text)
        _label(slide, (WIDTH - Inches(1.5), Inches(6.95), Inches(0.9), Inches(0.4)), str(number),
               12, PP_ALIGN.RIGHT, color=self.theme.muted)
        shorts = list(dict.fromkeys(c.short for c, _ in page.cites))
        if shorts:
            label = ("Sources: " if len(shorts) > 1 else "Source: ") + "; ".join(shorts)
            line = _label(slide, SOURCE_LINE, "", 11, PP_ALIGN.LEFT, color=self.theme.muted,
                          anchor=MSO_ANCHOR.BOTTOM)
            _fit_source_line(line, label, self.sans)
        notes = [f"[{n}] " * (n is not None) + _plain(c.full) for c, n in _unique(page.cites)]
        if notes or page.notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(notes + page.notes)


QUOTE_BOX_INNER_WIDTH = int(QUOTE_BOX[2] - 2 * INSET)
QUOTE_BOX_INNER_HEIGHT = int(QUOTE_BOX[3] - Inches(0.1))


def apply_theme(prs, theme: Theme) -> None:
    """Write the briefing's colours and fonts into the deck's theme, the one place the
    layouts take them from (dk2: titles, accents: charts, major: serif, minor: sans)."""
    part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    colours = {"dk1": theme.text, "dk2": theme.primary, "lt2": theme.light,
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
    return next(s for s in slide.placeholders if s.placeholder_format.idx == idx)


def _plain(runs) -> str:
    return "".join(r.text for r in runs if isinstance(r, Text)).strip()


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


def _size(frame, size: int) -> None:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _fit_title(title, family: str) -> None:
    width = title.width - 2 * INSET
    text = title.text_frame.text
    size = next((s for s in (34, 32, 30, 28) if measure.text_height(
        [text], family, s, True, width) <= title.height - Inches(0.1)), 28)
    _size(title.text_frame, size)


def _fit_source_line(shape, text: str, family: str) -> None:
    """11 pt, then 10 pt, then cut with an ellipsis: two lines at most (the full list is
    in the speaker notes)."""
    width, height = shape.width - 2 * INSET, shape.height - Inches(0.05)
    for size in (11, 10):
        if measure.text_height([text], family, size, False, width) <= height:
            break
    while measure.text_height([text], family, size, False, width) > height and len(text) > 20:
        text = text[: text.rfind(" ", 0, len(text) - 2)].rstrip(";,") + " …"
    frame = shape.text_frame
    frame.text = text
    _size(frame, size)


def _label(slide, box, text: str, size: int, align, bold: bool = False, color: str | None = None,
           anchor=MSO_ANCHOR.MIDDLE):
    """A small furniture text box: marking, slide number, source line."""
    shape = slide.shapes.add_textbox(*(Emu(int(v)) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = INSET
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    frame.text = text
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    for run in paragraph.runs:
        run.font.size, run.font.bold = Pt(size), bold
        if color:
            run.font.color.rgb = RGBColor.from_string(color.lstrip("#"))
    return shape


def _picture(slide, figure: Figure, area: tuple) -> None:
    """The image as large as the area allows, aspect ratio kept, centred."""
    left, top, width, height = area
    image = figure.image
    scale = min(width / image.width_px, height / image.height_px)
    w, h = int(image.width_px * scale), int(image.height_px * scale)
    slide.shapes.add_picture(_raster(image.path), Emu(left + (width - w) // 2), Emu(top + (height - h) // 2),
                             Emu(w), Emu(h))


def _raster(path):
    """A picture python-pptx can place: the file itself, or an SVG drawn to PNG."""
    if path.suffix.lower() != ".svg":
        return str(path)
    from .charts import svg_as_png
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
    slide.shapes.add_picture(picture, Emu(WIDTH - MARGIN - width), Emu(Inches(0.6)), Emu(width), Emu(height))


def _chart_notes(figure: Figure) -> list[str]:
    chart = figure.chart
    unit = f" ({chart.unit})" if chart.unit else ""
    lines = [f"Data{unit}:"]
    for name, values in chart.series:
        pairs = ", ".join(f"{c}: {v:g}" for c, v in zip(chart.categories, values))
        lines.append(f"{name}: {pairs}")
    return lines


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]

