"""The deck from the office's own PowerPoint template (outline `deck_template`).

The slides come from the template's layouts, found by name (ours, a mapping the outline
gives, or the usual Office names), and keep its masters, theme colours, fonts and
background graphics. Text goes into the layouts' placeholders and is measured there, with
the fonts and sizes the placeholders inherit (measure.overflows), so it never overflows,
never goes below 18 pt, and continues on "(cont.)" slides, whatever the slide size.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from compiler.model import Briefing, Figure, Inlines, NoteRef, Quote, Section
from compiler.resolve.citations.notes import written_date
from compiler.validate.outline import LAYOUTS
from compiler.render.deck import access, credits, measure, office_keep
from compiler.render.deck.office_furniture import content_floor
from compiler.render.deck.office_theme import chart_theme
from compiler.render.deck.split import split_point
from compiler import sentences

OURS = LAYOUTS
# tried in order, by name, ignoring case, when the outline maps nothing
# (PowerPoint's names, then the ones LibreOffice Impress saves)
FALLBACKS = {
    "Title": ("Title", "Title Slide"),
    "Section": ("Section", "Section Header", "Title Only", "Title and Content", "Title, Content"),
    "Bullets": ("Bullets", "Title and Content", "Title and Text", "Title, Content"),
    "Quote": ("Quote", "Title and Content", "Title and Text", "Title, Content"),
    "Figure": ("Figure", "Title Only", "Title and Content", "Title, Content"),
    "Sources": ("Sources", "Bullets", "Title and Content", "Title and Text", "Title, Content"),
}
SUFFIXES = (".pptx", ".potx")
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


class NotATemplate(Exception):
    """The file is not a PowerPoint presentation or template python-pptx can read."""


def open_template(path: Path):
    """The template as a python-pptx presentation (a .potx read as the .pptx it is but
    for its content type)."""
    data = Path(path).read_bytes()
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        if _TEMPLATE_TYPE in source.read("[Content_Types].xml"):
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    body = source.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        body = body.replace(_TEMPLATE_TYPE, _DECK_TYPE)
                    target.writestr(info, body)
            data = out.getvalue()
        return Presentation(io.BytesIO(data))
    except Exception as e:          # a zip, XML or package error: all say "not a template"
        raise NotATemplate(str(e) or type(e).__name__) from None


def layout_names(prs) -> list[str]:
    return [layout.name for master in prs.slide_masters for layout in master.slide_layouts]


def choose_layouts(prs, mapping: dict[str, str]) -> tuple[dict[str, str], list[str], list[str]]:
    """(ours -> the template's layout name, ours that have none, ours mapped onto a
    layout without the placeholders they need). A default is taken only if it has them."""
    layouts: dict[str, object] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            layouts.setdefault(layout.name.strip().lower(), layout)
    chosen, missing, unfit = {}, [], []
    for ours in OURS:
        if ours in mapping:
            layout = layouts.get(mapping[ours].strip().lower())
            if layout is None:
                missing.append(ours)
            elif not _holds(layout, ours):
                unfit.append(ours)
            else:
                chosen[ours] = layout.name
            continue
        layout = next((layouts[w.lower()] for w in FALLBACKS[ours]
                       if w.lower() in layouts and _holds(layouts[w.lower()], ours)), None)
        if layout is None:
            missing.append(ours)
        else:
            chosen[ours] = layout.name
    return chosen, missing, unfit


def _holds(layout, ours: str) -> bool:
    """A title placeholder, and a text one for the slides whose text goes in one."""
    kinds = {ph.placeholder_format.type for ph in layout.placeholders}
    title = bool(kinds & {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})
    return title and (ours not in NEEDS_TEXT or bool(kinds & {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}))


NEEDS_TEXT = ("Bullets", "Quote", "Sources")


def template_fonts(prs) -> list[str]:
    """Every font the template's masters, layouts and themes name, in order, once."""
    names: list[str] = []
    for master in prs.slide_masters:
        parts = [master.part, *(layout.part for layout in master.slide_layouts),
                 master.part.part_related_by(RT.THEME)]
        for part in parts:
            root = part._element if hasattr(part, "_element") else etree.fromstring(part.blob)
            for latin in root.iter(qn("a:latin")):
                face = latin.get("typeface", "")
                if face and not face.startswith("+") and face not in names:
                    names.append(face)
    return names


# --- rendering -----------------------------------------------------------------

BODY_SIZES = (24, 22, 20)
FLOOR = 18
MAX_BULLETS = 6
TITLE_SIZES = (34, 32, 30, 28, 26, 24)
TITLE_SLIDE_SIZES = (40, 36, 34, 32, 30, 28)
QUOTE_SIZES = (28, 26, 24, 22, 20, 18)
SUBTITLE_SIZES = (24, 22, 20, 18)
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)


def render_office_deck(briefing: Briefing) -> bytes:
    from compiler.render.deck.render import remember_part_names, slides_to_bytes
    template = briefing.deck_template
    prs = open_template(template.path)
    kept = office_keep.set_aside(prs, template.keep_slides, dict(template.layouts)["Title"])
    remember_part_names(prs.part.package)
    return slides_to_bytes(_OfficeDeck(prs, open_template(template.path), briefing, kept), prs, briefing)


def _layout(prs, name: str):
    """The first layout of that name, in master order (as `choose_layouts` found it)."""
    return next(layout for master in prs.slide_masters for layout in master.slide_layouts
                if layout.name == name)


class _OfficeDeck:
    def __init__(self, prs, scratch, briefing: Briefing, kept: tuple[list, list] = ([], [])):
        self.prs, self.b, self.theme = prs, briefing, briefing.theme
        self.kept = kept                # the template's own slides, to go before and after ours
        names = dict(briefing.deck_template.layouts)
        self.layouts = {ours: _layout(prs, names[ours]) for ours in OURS}
        self.spare = {ours: _layout(scratch, names[ours]) for ours in OURS}
        self.scratch, self.trial = scratch, {}      # a second copy to measure in
        self.width, self.height = prs.slide_width, prs.slide_height
        self.pages: list = []
        self.titles: set[str] = set()
        self.sans = self._body_family()
        self.chart_theme = chart_theme(prs, briefing.theme)

    def _body_family(self) -> str:
        """The metric family of the template's body text (its minor theme font)."""
        from compiler.render.deck.measure import _theme_font
        slide = self._trial("Bullets")
        return measure.metric_family(_theme_font(slide.shapes[0], "+mn-lt"))[0] if len(slide.shapes) \
            else "Carlito"

    # --- measuring in the spare copy ----------------------------------------------

    def _trial(self, ours: str):
        if ours not in self.trial:
            self.trial[ours] = self.scratch.slides.add_slide(self.spare[ours])
            settle(self.trial[ours])
        return self.trial[ours]

    def _fits(self, ours: str, items: list, size: int, bullets: bool = True, extra: tuple = ()) -> bool:
        from compiler.render.deck.render import _fill
        body = _body(self._trial(ours))
        _fill(body.text_frame, items, size, bullets)
        _extra(body, extra)
        return not measure.overflows(body)

    # --- slides --------------------------------------------------------------------

    def title_slide(self) -> None:
        from compiler.render.deck.render import Page, _longest_fitting
        slide = self._slide(Page("Title", self.b.title))
        lines = [self.b.subtitle] if self.b.subtitle else []
        lines += [written_date(self.b.date.isoformat())] + ([self.b.author] if self.b.author else [])
        if self.b.draft_line:
            lines.append(self.b.draft_line)
        body = _body(slide, subtitle=True)
        text = "\n".join(lines)
        if body is None:            # a title layout with no subtitle: our own box under the title
            body = self._byline_box(slide, text)
        body.text_frame.text = text
        for size in SUBTITLE_SIZES:
            _sized(body, size)
            if not measure.overflows(body):
                return
        body.text_frame.text = _longest_fitting(text, lambda t: _set_fits(body, t, FLOOR))
        _sized(body, FLOOR)
        self.pages[-1].notes.append(text)

    def _byline_box(self, slide, text: str):
        title = slide.shapes.title
        top = int(title.top + title.height + Inches(0.2))
        box = (int(title.left), top, int(title.width), max(int(Inches(1)), content_floor(slide.slide_layout, int(self.height)) - top))
        return self._label(slide, box, text, SUBTITLE_SIZES[0], PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP,
                           name="Byline")

    def section(self, section: Section) -> None:
        from compiler.render.deck.render import Page, _fill
        points = [piece for point in section.points
                  for piece in split_point(point, lambda t: self._fits("Bullets", [_text(t)], FLOOR))]
        pages, current = [], []
        for point in points:
            if current and (len(current) == MAX_BULLETS or not self._fits("Bullets", current + [point], FLOOR)):
                pages.append(current)
                current = []
            current.append(point)
        if current:
            pages.append(current)
        size = next((s for s in BODY_SIZES if all(self._fits("Bullets", p, s) for p in pages)), FLOOR)
        for i, chunk in enumerate(pages or [[]]):
            title = section.title if i == 0 else f"{section.title} (cont.)"
            page = Page("Bullets" if chunk else "Section", title)
            for point in chunk:
                page.cites += [(c, r.footnote) for r in point if isinstance(r, NoteRef) for c in r.cites]
            slide = self._slide(page)
            if chunk:
                _fill(_body(slide).text_frame, chunk, size)
        for quote in section.quotes:
            self.quote(section, quote)
        for figure in section.figures:
            self.figure(figure)

    def quote(self, section: Section, quote: Quote) -> None:
        from compiler.render.deck.render import _balanced, _fill, Page
        who = credits.attribution(quote)
        fits = lambda t, s: self._fits("Quote", [_text(t)], s, False, (who, min(s, 20)))  # noqa: E731
        units = sentences.split(quote.text, tidy=True)
        chunks, size = None, FLOOR
        for count in range(1, len(units) + 1):
            parts = ["“" + " ".join(g) for g in _balanced(units, count)]
            parts[-1] += "”"
            size = next((s for s in QUOTE_SIZES if all(fits(p, s) for p in parts)), None)
            if size is not None:
                chunks = parts
                break
        if chunks is None:
            chunks, size = ["“" + u + "”" * (i == len(units) - 1) for i, u in enumerate(units)], FLOOR
        for i, text in enumerate(chunks):
            title = section.title if i == 0 else f"{section.title} (cont.)"
            slide = self._slide(Page("Quote", title, [(quote.cite, quote.footnote)]))
            body = _body(slide)
            _fill(body.text_frame, [_text(text)], size, bullets=False)
            _extra(body, (who, min(size, 20)))

    def figure(self, figure: Figure) -> None:
        from compiler.render.deck.office_figures import figure_slides
        figure_slides(self, figure)

    def sources(self) -> None:
        from compiler.render.deck.render import _fill, Page
        entries = [e.text for e in self.b.bibliography]
        pages, current = [], []
        for entry in entries:
            if current and not self._fits("Sources", current + [entry], FLOOR):
                pages.append(current)
                current = []
            current.append(entry)
        if current:
            pages.append(current)
        for i, page in enumerate(pages):
            slide = self._slide(Page("Sources", "Sources" if i == 0 else "Sources (cont.)"))
            _fill(_body(slide).text_frame, page, FLOOR)
        # our last slide made: the template's kept slides around ours (pages: None for them)
        before, after = self.kept
        office_keep.put_back(self.prs, before, after)
        self.pages = [None] * len(before) + self.pages + [None] * len(after)

    # --- every slide -------------------------------------------------------------

    def _slide(self, page):
        from compiler.render.deck.render import _longest_fitting
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
                title.text_frame.text = _longest_fitting(text, lambda t: _set_fits(title, t, sizes[-1]))
                _sized(title, sizes[-1])
                page.notes.insert(0, text)
        self.pages.append(page)
        return slide

    def furniture(self, slide, number: int) -> None:
        from compiler.render.deck.office_furniture import furniture
        furniture(self, slide, number)

    def _label(self, slide, box, text: str, size: int, align, bold: bool = False, anchor=MSO_ANCHOR.MIDDLE,
               name: str | None = None):
        """Our own text box in the template's text colour and body font."""
        from compiler.render.deck.render import _label
        return _label(slide, tuple(int(v) for v in box), text, size, align, bold=bold, anchor=anchor, name=name)


def settle(slide) -> None:
    """Each placeholder of a new slide made as its layout's of the same kind. LibreOffice
    saves a layout's title and body both with index 0, and python-pptx (finding by index)
    would give the body the title's box and insets: there, the slide gets the right box,
    insets and list style written out. A placeholder whose font nothing names is set in
    the theme's (PowerPoint's own default; what LibreOffice shows). A body reaching into
    the source line's room stops above it."""
    import copy
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
                for name, value in theirs.find(qn("a:bodyPr")).attrib.items():
                    body.find(qn("a:bodyPr")).set(name, value)
                styles = theirs.find(qn("a:lstStyle"))
                if styles is not None:
                    old = body.find(qn("a:lstStyle"))
                    if old is not None:
                        body.remove(old)
                    body.find(qn("a:bodyPr")).addnext(copy.deepcopy(styles))
        floor = content_floor(slide.slide_layout, slide.part.package.presentation_part.presentation.slide_height)
        if kind == "body" and shape.top + shape.height > floor:    # the source line goes below
            shape.left, shape.top, shape.width, shape.height = (shape.left, shape.top, shape.width,
                                                                max(int(Inches(1)), floor - shape.top))
        if shape.has_text_frame and not _named_font(shape):
            body = shape._element.txBody
            styles = body.find(qn("a:lstStyle"))
            if styles is None:
                styles = body.find(qn("a:bodyPr")).makeelement(qn("a:lstStyle"), {})
                body.find(qn("a:bodyPr")).addnext(styles)
            face = "+mj-lt" if kind == "title" else "+mn-lt"
            for level in range(1, 10):
                ppr = styles.find(qn(f"a:lvl{level}pPr"))
                if ppr is None:
                    ppr = etree.SubElement(styles, qn(f"a:lvl{level}pPr"))
                rpr = ppr.find(qn("a:defRPr"))
                if rpr is None:
                    rpr = etree.SubElement(ppr, qn("a:defRPr"))
                if rpr.find(qn("a:latin")) is None:
                    etree.SubElement(rpr, qn("a:latin")).set("typeface", face)


def _kind(shape) -> str:
    kind = shape.placeholder_format.type
    return ("title" if kind in _TITLES else "body" if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
            else str(kind))


def _named_font(shape) -> bool:
    """True when the placeholder's text inherits a font from somewhere (its own list
    style, its layout's and master's placeholders, the master's text styles)."""
    from compiler.render.deck.measure import _inherited_rpr
    return "latin" in _inherited_rpr(shape, shape.text_frame.paragraphs[0])


def _text(text: str) -> Inlines:
    from compiler.model import Text
    return (Text(text),)


def _body(slide, subtitle: bool = False):
    """The slide's text placeholder: its subtitle on a title slide, else its body or
    content placeholder with the lowest index (None when it has none)."""
    kinds = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) if subtitle else \
        (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    found = [s for s in slide.placeholders if s.placeholder_format.type in kinds]
    found.sort(key=lambda s: (kinds.index(s.placeholder_format.type), s.placeholder_format.idx))
    return found[0] if found else None


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
        ppr = paragraph._p.get_or_add_pPr()
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        ppr.insert(0, ppr.makeelement(qn("a:buNone"), {}))


def _sized(shape, size: int) -> bool:
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
    return True


def _set_fits(shape, text: str, size: int) -> bool:
    shape.text_frame.text = text
    _sized(shape, size)
    return not measure.overflows(shape)

