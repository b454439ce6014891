"""Text and pictures on a slide: placeholders found and filled, runs set with their bold,
italic and links, titles sized to fit, small furniture labels, the quote's accent bar, and
pictures (an SVG drawn to PNG) placed in an area, aspect ratio kept."""
from __future__ import annotations

import copy
import io
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from compiler.model import Figure, Inlines, Text
from compiler.render.deck import access, measure, oxml
from compiler.render.deck.geometry import MARGIN, QUOTE_BOX, WIDTH
from compiler.render.deck.paginate import CONT, Continued, longest_fitting

INSET = Inches(0.1)
LABEL_INSET = Inches(0.02)


def text_placeholder(slide, subtitle: bool = False):
    """The slide's text placeholder: its subtitle on a title slide, else its body or
    content placeholder with the lowest index (None when it has none)."""
    kinds = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) if subtitle else \
        (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    found = [s for s in slide.placeholders if s.placeholder_format.type in kinds]
    found.sort(key=lambda s: (kinds.index(s.placeholder_format.type), s.placeholder_format.idx))
    return found[0] if found else None


def fill(frame, items: list[Inlines], size: int, bullets: bool = True) -> None:
    """One paragraph per item, runs keeping their bold and italic; a citation prints
    nothing here (the slide's source line carries it)."""
    frame.clear()
    for i, item in enumerate(items):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if isinstance(item, Continued):     # the rest of the bullet before: no bullet, no hanging line
            oxml.no_bullet(paragraph._p)
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


def italics(shape, pieces: list[tuple[str, bool]], shown: str) -> None:
    """The label's one run split so the titles among `pieces` are italic; `shown` is
    the pieces' text, perhaps cut short with " …"."""
    left, out = len(shown.removesuffix(" …")) if shown.endswith(" …") else len(shown), []
    for text, italic in pieces:
        if left <= 0:
            break
        out.append((text[:left], italic))
        left -= len(text)
    if shown.endswith(" …"):
        out.append((" …", False))
    oxml.split_run(shape.text_frame.paragraphs[0].runs[0]._r, out)


def set_size(frame, size: int) -> None:
    """Every run of the frame at `size` points."""
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def fit_title(title, family: str, sizes: tuple[int, ...], box: tuple[int, int] | None = None) -> bool:
    """The largest size at which the title fits its box (wrapping if it must); a title
    too long for the smallest is cut at a word (a "(cont.)" kept). False when cut."""
    width, height = box or (measure.inner_width(title), measure.inner_height(title))
    text = title.text_frame.text
    fits = lambda t, size: measure.text_height([t], family, size, True, width) <= height  # noqa: E731
    size = next((s for s in sizes if fits(text, s)), None)
    if size is None:
        size = sizes[-1]
        head, cont = (text[:-len(CONT)], CONT) if text.endswith(CONT) else (text, "")
        title.text_frame.text = longest_fitting(head, lambda t: fits(t + cont, size)) + cont
    set_size(title.text_frame, size)
    return title.text_frame.text == text


def set_and_fits(shape, text: str, size: int | None = None) -> bool:
    """Whether the shape holds `text` (at `size`, else as it inherits), left showing it."""
    shape.text_frame.text = text
    if size is not None:
        set_size(shape.text_frame, size)
    return not measure.overflows(shape)


def label(slide, box, text: str, size: int, align, bold: bool = False, color: str | None = None,
          anchor=MSO_ANCHOR.MIDDLE, made: dict | None = None, name: str | None = None):
    """A small furniture text box: marking, slide number, source line. The same label on
    another slide (`made`: the labels made so far, by look) is a copy of the first with
    its own shape id, name and text: what python-pptx would write, for far less work
    (then None is given, not the shape)."""
    key = (box, size, align, bold, color, anchor)
    if made is not None and key in made and text and text.isprintable():
        oxml.copy_label(slide, made[key], text, name)
        return None
    shape = slide.shapes.add_textbox(*(Emu(int(v)) for v in box))
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


def accent_bar(slide, top: int, height: int, colour: str) -> None:
    """A thin bar in the accent colour left of a quote, as the memo marks its pull quotes."""
    width = Inches(0.07)
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(QUOTE_BOX[0] - Inches(0.25)), Emu(top + Inches(0.08)),
                                 Emu(width), Emu(max(height - Inches(0.16), Inches(0.3))))
    bar.name = "Quote bar"
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    bar.line.fill.background()
    oxml.flat(bar)
    access.describe(bar, "")


def picture(slide, figure: Figure, area: tuple):
    """The image as large as the area allows, aspect ratio kept, centred."""
    left, top, width, height = area
    image = figure.image
    assert image is not None, "a picture slide for a figure without an image"
    scale = min(width / image.width_px, height / image.height_px)
    w, h = int(image.width_px * scale), int(image.height_px * scale)
    return slide.shapes.add_picture(raster(image.path), Emu(left + (width - w) // 2),
                                    Emu(top + (height - h) // 2), Emu(w), Emu(h))


def raster(path):
    """A picture python-pptx can place: the file itself, or an SVG drawn to PNG."""
    if path.suffix.lower() != ".svg":
        return str(path)
    return svg_as_png(path)


def svg_as_png(path: Path, width_px: int = 2400) -> io.BytesIO:
    """An SVG picture drawn to PNG (python-pptx places raster pictures only), sharp at
    projector sizes. Nothing the SVG links to is fetched: the fence holds here too."""
    import cairosvg
    # unsafe=False: cairosvg then loads no external file and expands no XML entity
    png = cairosvg.svg2png(bytestring=path.read_bytes(), output_width=width_px, unsafe=False)
    return io.BytesIO(png)


def logo(slide, path) -> None:
    """The theme's logo top right of the title slide, at most 0.9 in tall."""
    from PIL import Image as PILImage
    picture = raster(path)
    with PILImage.open(picture) as image:
        ratio = image.width / image.height
    if not isinstance(picture, str):
        picture.seek(0)             # PIL read the PNG's header; python-pptx reads it all
    height = int(Inches(0.9))
    width = min(int(height * ratio), Inches(3))
    height = int(width / ratio)
    shape = slide.shapes.add_picture(picture, Emu(WIDTH - MARGIN - width), Emu(Inches(0.6)), Emu(width), Emu(height))
    access.describe(shape, "Logo")       # as the memo's


def move(shape, box: tuple) -> None:
    """A placeholder's own position (python-pptx writes zeros for the parts not given)."""
    shape.left, shape.top, shape.width, shape.height = (Emu(int(v)) for v in box)
