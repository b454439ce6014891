"""Where things sit on a 16:9 slide (left, top, width, height, in EMU): shared by the
template builder, which puts the layouts' placeholders there, and the renderer, which
measures text against the same boxes."""
from __future__ import annotations

from pathlib import Path

from pptx.util import Inches

TEMPLATE = Path(__file__).with_name("template.pptx")
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_WIDTH = WIDTH - 2 * MARGIN

TITLE_BOX = (MARGIN, Inches(0.45), CONTENT_WIDTH, Inches(1.0))     # two lines at 28 pt; ends above the rule
TITLE_INSET = Inches(0.02)      # the title's top and bottom insets
BODY_BOX = (MARGIN, Inches(1.65), CONTENT_WIDTH, Inches(4.85))
CAPTION_BOX = (MARGIN, Inches(5.75), CONTENT_WIDTH, Inches(0.8))
QUOTE_BOX = (Inches(1.3), Inches(1.75), WIDTH - Inches(2.6), Inches(3.75))
ATTRIBUTION_BOX = (Inches(1.3), Inches(5.6), WIDTH - Inches(2.6), Inches(0.9))
BAND = (0, Inches(2.0), WIDTH, Inches(2.9))
SOURCE_LINE = (MARGIN, Inches(6.62), Inches(10.9), Inches(0.5))   # bottom left, clear of the number
