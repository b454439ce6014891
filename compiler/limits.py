"""The compiler's documented limits: what a briefing may hold, so no input makes a build
run for hours or exhaust memory (each is checked where the data is read, and passing one
is an error at the line that asked for it, naming the limit: README, Guarantees), and what
the output formats allow, with text shortened to fit, so that no library's limit reaches
the user as a crash."""
from __future__ import annotations

TABLE_ROWS = 300            # rows in one table (outline or CSV): about ten memo pages
CHART_CATEGORIES = 200      # categories along one chart's axis
CHART_POINTS = 2_000        # numbers drawn in one chart (categories x series)
CHART_MAGNITUDE = 1e15      # the largest number (either sign) a chart or an axis bound holds
SOURCE_PAGES = 1_000        # pages of one PDF source
SOURCE_MEGABYTES = 50       # size of one source file, a CSV or an image file
IMAGE_PIXELS = 40_000_000   # pixels in one picture (e.g. 8,000 x 5,000)
IMAGE_SIDE = 20_000         # pixels along either side of a picture (SVG: its declared size)

SOURCE_BYTES = SOURCE_MEGABYTES * 1024 * 1024

# python-pptx refuses a core property (title, subject, author, keywords) over 255
# characters: the limit Office itself keeps to for document properties.
CORE_PROPERTY_CHARS = 255


def too_big(path) -> bool:
    """True when the file at `path` is over SOURCE_MEGABYTES (checked before it is read)."""
    import os
    try:
        return os.path.getsize(path) > SOURCE_BYTES
    except OSError:
        return False


def shortened(text: str, limit: int) -> str:
    """`text` if it is at most `limit` characters; else cut at the last word boundary
    that leaves room for "…" (mid-word only when one word is longer than the limit)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
