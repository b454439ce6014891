"""Colour contrast of the theme's text, as WCAG 2.1 (1.4.3) measures it.

Every pair of text colour and background the memo and the deck print, with the size it is
printed at: 4.5:1 for text, 3:1 for large text (18 pt, or 14 pt bold) and for the quote
bar, a graphic that carries meaning (1.4.11). Both outputs print on white.
"""
from __future__ import annotations

from dataclasses import dataclass

from compiler.model import Theme

WHITE = "#FFFFFF"


@dataclass(frozen=True)
class Pair:
    what: str               # where the pair is printed, in the user's words
    text: str               # theme key of the text colour ("white": the page)
    background: str         # theme key of the background
    large: bool             # 18 pt and over (14 pt bold): 3:1 is enough

    @property
    def needed(self) -> float:
        return 3.0 if self.large else 4.5


PAIRS = (
    Pair("body text, quotes, captions and the marking", "text", "white", False),
    Pair("source lines, slide numbers, running heads and chart labels", "muted", "white", False),
    Pair("memo headings and figure titles", "primary", "white", False),
    Pair("memo table header cells", "primary", "light", False),
    Pair("table rows on the pale band", "text", "light", False),
    Pair("the title slide's band and deck table headers", "white", "primary", True),
    Pair("the quote bar", "accent", "white", True),
)


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours, 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def failing(theme: Theme) -> list[tuple[Pair, str, str, float]]:
    """The pairs that fall short: (pair, text colour, background, ratio)."""
    out = []
    for pair in PAIRS:
        text, background = _colour(theme, pair.text), _colour(theme, pair.background)
        value = ratio(text, background)
        if value < pair.needed:
            out.append((pair, text, background, value))
    return out


def message(pair: Pair, text: str, background: str, value: float) -> str:
    return (f"colour pair `{pair.text}` {text} on `{pair.background}` {background} has contrast "
            f"{value:.2f}:1, below the {pair.needed:g}:1 WCAG 2.1 asks for {pair.what}")


def _colour(theme: Theme, key: str) -> str:
    return WHITE if key == "white" else getattr(theme, key)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
