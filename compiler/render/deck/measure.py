"""Text measured with real font metrics, so what fits when measured fits when shown.

The deck names fonts every office machine has (Calibri, Cambria); we measure with their
metric-compatible open twins (Carlito, Caladea), which have the same advance widths.
Wrapping is simulated word by word at the box's inner width, the way PowerPoint and
Impress break lines; a line is the font's own single spacing (at least `LINE_HEIGHT`
times the size): the larger of its hhea and Windows metrics, since viewers differ in
which they use.
"""
from __future__ import annotations

import functools
import logging
import subprocess

from fontTools.ttLib import TTFont
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Pt

# Carlito's head table carries a creation date fontTools calls "very low" on every load:
# not the user's business.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

LINE_HEIGHT = 1.2           # the least single spacing we assume, as a factor of the size
EMU_PER_PT = 12700


@functools.lru_cache(maxsize=None)
def _font(family: str, bold: bool, italic: bool) -> tuple[dict[int, int], int, float]:
    """(advance width by code point, units per em, line height as a factor of the size)
    of an installed font."""
    style = "Bold Italic" if bold and italic else "Bold" if bold else "Italic" if italic else "Regular"
    path = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:style={style}"],
                          capture_output=True, text=True, check=True).stdout
    font = TTFont(path, lazy=True)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in cmap.items() if glyph in metrics}
    upm, hhea, os2 = font["head"].unitsPerEm, font["hhea"], font["OS/2"]
    spacing = max(hhea.ascent - hhea.descent + hhea.lineGap, os2.usWinAscent + os2.usWinDescent)
    return widths, upm, max(LINE_HEIGHT, spacing / upm)


def line_height(family: str, bold: bool = False, italic: bool = False) -> float:
    """One line's height as a factor of the font size."""
    return _font(family, bold, italic)[2]


def text_width(text: str, family: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of one line of `text`, in points."""
    return _units(text, family, bold, italic) * size_pt / _font(family, bold, italic)[1]


@functools.lru_cache(maxsize=1 << 16)
def _units(text: str, family: str, bold: bool, italic: bool) -> int:
    """Advance width of `text` in font units: a whole number, so a line's is the sum of
    its words' and spaces' exactly (words recur: each is measured once)."""
    widths, upm, _ = _font(family, bold, italic)
    fallback = widths.get(ord("M"), upm // 2)
    return sum(widths.get(ord(c), fallback) for c in text)


def wrap(text: str, family: str, size_pt: float, width_pt: float, bold: bool = False,
         italic: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width_pt`, at spaces (a word longer than
    the line stands alone, as it would on screen)."""
    upm, space = _font(family, bold, italic)[1], _units(" ", family, bold, italic)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, line_units = "", 0
        for word in paragraph.split(" "):
            word_units = _units(word, family, bold, italic)
            if not line:
                line, line_units = word, word_units
            elif (line_units + space + word_units) * size_pt / upm > width_pt:
                lines.append(line)
                line, line_units = word, word_units
            else:
                line, line_units = f"{line} {word}", line_units + space + word_units
        lines.append(line)
    return lines


def text_height(paragraphs: list[str], font_family: str, size_pt: float, bold: bool,
                box_width_emu: int, italic: bool = False, space_after_pt: float = 0) -> int:
    """Height in EMU that `paragraphs` take when set in a box `box_width_emu` wide
    (already less its insets)."""
    width_pt = box_width_emu / EMU_PER_PT
    lines = sum(len(wrap(p, font_family, size_pt, width_pt, bold, italic)) for p in paragraphs)
    line = size_pt * line_height(font_family, bold, italic)
    points = lines * line + space_after_pt * max(0, len(paragraphs) - 1)
    return int(points * EMU_PER_PT)


def inner_width(shape) -> int:
    """A text shape's width less its left and right insets, in EMU."""
    return int(shape.width - _inset(shape, "lIns", 91440) - _inset(shape, "rIns", 91440))


def inner_height(shape) -> int:
    """A text shape's height less its top and bottom insets, in EMU."""
    return int(shape.height - _inset(shape, "tIns", 45720) - _inset(shape, "bIns", 45720))


def _inset(shape, name: str, default: int) -> int:
    """An inset as the shape has it, or as its layout's or master's placeholder does."""
    for holder in _placeholder_chain(shape):
        body_pr = holder._element.find(f".//{qn('a:bodyPr')}")
        if body_pr is not None and body_pr.get(name) is not None:
            return int(body_pr.get(name))
    return default


def _placeholder_chain(shape) -> list:
    """The shape, then the layout and master placeholders it inherits from."""
    chain = [shape]
    while getattr(chain[-1], "_base_placeholder", None) is not None:
        chain.append(chain[-1]._base_placeholder)
    return chain


# The family each office font is measured with.
METRIC_TWINS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                "Helvetica": "Liberation Sans", "Times New Roman": "Liberation Serif",
                "Courier New": "Liberation Mono", "Georgia": "Gelasio"}
SERIF_HINTS = ("serif", "times", "roman", "georgia", "garamond", "cambria", "book", "palatino")


@functools.lru_cache(maxsize=None)
def installed_families() -> frozenset[str]:
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    return frozenset(name.strip().lower() for line in out.splitlines() for name in line.split(","))


def metric_family(family: str) -> tuple[str, bool]:
    """The installed family to measure `family` with, and whether it measures true: the
    font itself or its metric-compatible twin; otherwise the closest we ship (Caladea for
    a serif, Carlito for the rest), False."""
    twin = METRIC_TWINS.get(family)
    if twin and twin.lower() in installed_families():
        return twin, True
    if family.lower() in installed_families():
        return family, True
    return ("Caladea" if any(h in family.lower() for h in SERIF_HINTS) and "sans" not in family.lower()
            else "Carlito"), False


def overflows(shape, default_size_pt: float = 18, default_family: str = "Calibri") -> bool:
    """True when the measured text of a saved deck's shape is taller than its box.
    Each run's size, weight, style and font are its own or what it inherits from its
    placeholder, layout, master and theme (the defaults given when nothing says)."""
    total = 0.0
    paragraphs = shape.text_frame.paragraphs
    for i, paragraph in enumerate(paragraphs):
        size, family, bold, italic = _paragraph_style(shape, paragraph, default_size_pt, default_family)
        family = metric_family(family)[0]
        width = inner_width(shape) - _inherited_int(shape, paragraph, "marL")   # the bullet's indent
        total += text_height([paragraph.text], family, size, bold, width, italic)
        line_pt = size * line_height(family, bold, italic)
        total += Pt(paragraph_spacing_pt(shape, paragraph, "a:spcBef", line_pt))
        if i < len(paragraphs) - 1:          # space after the last one is below the text
            total += Pt(paragraph_spacing_pt(shape, paragraph, "a:spcAft", line_pt))
    return total > inner_height(shape) + Pt(1)


def _paragraph_style(shape, paragraph, default_size: float, default_family: str) -> tuple[float, str, bool, bool]:
    """(size, family, bold, italic) to measure a paragraph with: its largest run, bold or
    italic if any run is (the safe side)."""
    inherited = _inherited_rpr(shape, paragraph)
    # each run's own properties, read without adding the empty ones python-pptx's
    # `run.font` would (measuring must not change what it measures)
    runs = [r._r.rPr for r in paragraph.runs]
    runs = [r for r in runs if r is not None]
    size = max((r.sz / 100 for r in runs if r.sz),
               default=int(inherited.get("sz", default_size * 100)) / 100)
    family = next((r.latin.typeface for r in runs if r.latin is not None and r.latin.typeface), None) \
        or inherited.get("latin") or default_family
    bold = any(r.b for r in runs) or (inherited.get("b") == "1" and not any(r.b is False for r in runs))
    italic = any(r.i for r in runs) or (inherited.get("i") == "1" and not any(r.i is False for r in runs))
    return size, _theme_font(shape, family), bold, italic


def _inherited_rpr(shape, paragraph) -> dict[str, str]:
    """sz, b, i and latin typeface a paragraph's runs inherit, nearest definition first."""
    found: dict[str, str] = {}
    for ppr in _inherited_pprs(shape, paragraph):
        rpr = ppr.find(qn("a:defRPr"))
        if rpr is None:
            continue
        for name in ("sz", "b", "i"):
            if rpr.get(name) is not None:
                found.setdefault(name, rpr.get(name))
        latin = rpr.find(qn("a:latin"))
        if latin is not None:
            found.setdefault("latin", latin.get("typeface"))
    return found


def _inherited_int(shape, paragraph, attribute: str) -> int:
    return next((int(ppr.get(attribute)) for ppr in _inherited_pprs(shape, paragraph)
                 if ppr.get(attribute) is not None), 0)


def _theme_font(shape, family: str) -> str:
    """"+mj-lt" / "+mn-lt" (the theme's major / minor font) as the font's name."""
    if not family.startswith("+m"):
        return family
    master = _master(shape)
    if master is None:
        return "Calibri"
    theme = master.part.part_related_by(RT.THEME)
    scheme = etree.fromstring(theme.blob).find(f".//{qn('a:fontScheme')}")
    which = "a:majorFont" if family.startswith("+mj") else "a:minorFont"
    return scheme.find(qn(which)).find(qn("a:latin")).get("typeface")


def _master(shape):
    return shape.part.slide_layout.slide_master if hasattr(shape.part, "slide_layout") else None


def fits(shape, default_size_pt: float = 18, default_family: str = "Calibri") -> bool:
    """True when a saved deck's text shape holds its measured text (see `overflows`)."""
    return not overflows(shape, default_size_pt, default_family)


def paragraph_spacing_pt(shape, paragraph, tag: str, line_pt: float) -> float:
    """The space before or after (`tag`: a:spcBef / a:spcAft) a paragraph really gets:
    its own, or what it inherits from its placeholder's layout and master, in points."""
    for ppr in _inherited_pprs(shape, paragraph):
        spacing = ppr.find(qn(tag))
        if spacing is None:
            continue
        points, percent = spacing.find(qn("a:spcPts")), spacing.find(qn("a:spcPct"))
        if points is not None:
            return int(points.get("val")) / 100
        return int(percent.get("val")) / 100000 * line_pt      # a share of the line
    return 0.0


def _inherited_pprs(shape, paragraph):
    """Paragraph properties from nearest to farthest: the paragraph, the shape's list
    style, its layout's and master's placeholders, then the master's text style."""
    if paragraph._p.pPr is not None:
        yield paragraph._p.pPr
    own = paragraph._p.pPr
    level = qn(f"a:lvl{(own.lvl if own is not None else 0) + 1}pPr")
    kind = shape.placeholder_format.type if shape.is_placeholder else None
    for holder in _placeholder_chain(shape):
        styles = holder._element.find(f".//{qn('a:lstStyle')}")
        if styles is not None and styles.find(level) is not None:
            yield styles.find(level)
    master = _master(shape)
    if master is not None:
        name = ("p:titleStyle" if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
                else "p:bodyStyle" if kind is not None else "p:otherStyle")
        styles = master._element.find(qn("p:txStyles"))     # LibreOffice may write none
        style = styles.find(qn(name)) if styles is not None else None
        if style is not None and style.find(level) is not None:
            yield style.find(level)



