"""Text measured with real font metrics, so what fits when measured fits when shown.

The deck names fonts every office machine has (Calibri, Cambria); we measure with their
metric-compatible open twins (Carlito, Caladea), which have the same advance widths.
Wrapping is simulated word by word at the box's inner width, the way PowerPoint and
Impress break lines; a line is `LINE_HEIGHT` times the font size.
"""
from __future__ import annotations

import functools
import logging
import subprocess

from fontTools.ttLib import TTFont
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Pt

# Carlito's head table carries a creation date fontTools calls "very low" on every load:
# not the user's business.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

LINE_HEIGHT = 1.2           # PowerPoint's single spacing for Calibri/Cambria, as a factor of size
EMU_PER_PT = 12700


@functools.lru_cache(maxsize=None)
def _font(family: str, bold: bool, italic: bool) -> tuple[dict[int, int], int]:
    """(advance width by code point, units per em) of an installed font."""
    style = "Bold Italic" if bold and italic else "Bold" if bold else "Italic" if italic else "Regular"
    path = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:style={style}"],
                          capture_output=True, text=True, check=True).stdout
    font = TTFont(path, lazy=True)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in cmap.items() if glyph in metrics}
    return widths, font["head"].unitsPerEm


def text_width(text: str, family: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of one line of `text`, in points."""
    widths, upm = _font(family, bold, italic)
    fallback = widths.get(ord("M"), upm // 2)
    return sum(widths.get(ord(c), fallback) for c in text) * size_pt / upm


def wrap(text: str, family: str, size_pt: float, width_pt: float, bold: bool = False,
         italic: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width_pt`, at spaces (a word longer than
    the line stands alone, as it would on screen)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, family, size_pt, bold, italic) > width_pt:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def text_height(paragraphs: list[str], font_family: str, size_pt: float, bold: bool,
                box_width_emu: int, italic: bool = False, space_after_pt: float = 0) -> int:
    """Height in EMU that `paragraphs` take when set in a box `box_width_emu` wide
    (already less its insets)."""
    width_pt = box_width_emu / EMU_PER_PT
    lines = sum(len(wrap(p, font_family, size_pt, width_pt, bold, italic)) for p in paragraphs)
    points = lines * size_pt * LINE_HEIGHT + space_after_pt * max(0, len(paragraphs) - 1)
    return int(points * EMU_PER_PT)


def inner_width(shape) -> int:
    """A text shape's width less its left and right insets, in EMU."""
    frame = shape.text_frame
    return int(shape.width - (frame.margin_left or 0) - (frame.margin_right or 0))


def inner_height(shape) -> int:
    frame = shape.text_frame
    return int(shape.height - (frame.margin_top or 0) - (frame.margin_bottom or 0))


# The family each office font is measured with.
METRIC_TWINS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                "Georgia": "Gelasio"}


def overflows(shape, default_size_pt: float = 18, default_family: str = "Calibri") -> bool:
    """True when the measured text of a saved deck's shape is taller than its box.
    Sizes and fonts are read from each run (falling back to the defaults given)."""
    frame = shape.text_frame
    total = 0.0
    paragraphs = frame.paragraphs
    for i, paragraph in enumerate(paragraphs):
        runs = paragraph.runs or []
        text = "".join(r.text for r in runs)
        size = max((r.font.size.pt for r in runs if r.font.size), default=default_size_pt)
        family = next((r.font.name for r in runs if r.font.name), default_family)
        bold = any(r.font.bold for r in runs)
        italic = any(r.font.italic for r in runs)
        total += text_height([text], METRIC_TWINS.get(family, family), size, bold,
                             inner_width(shape), italic)
        line_pt = size * LINE_HEIGHT
        total += Pt(paragraph_spacing_pt(shape, paragraph, "a:spcBef", line_pt))
        if i < len(paragraphs) - 1:          # space after the last one is below the text
            total += Pt(paragraph_spacing_pt(shape, paragraph, "a:spcAft", line_pt))
    return total > inner_height(shape) + Pt(1)


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
    level = qn(f"a:lvl{paragraph.level + 1}pPr")
    chain, kind = [shape], None
    if shape.is_placeholder:
        kind = shape.placeholder_format.type
        while getattr(chain[-1], "_base_placeholder", None) is not None:
            chain.append(chain[-1]._base_placeholder)
    for holder in chain:
        styles = holder._element.find(f".//{qn('a:lstStyle')}")
        if styles is not None and styles.find(level) is not None:
            yield styles.find(level)
    master = shape.part.slide_layout.slide_master if hasattr(shape.part, "slide_layout") else None
    if master is not None:
        name = ("p:titleStyle" if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
                else "p:bodyStyle" if kind is not None else "p:otherStyle")
        style = master._element.find(qn("p:txStyles")).find(qn(name))
        if style is not None and style.find(level) is not None:
            yield style.find(level)



