"""The memo's letterhead (`letterhead:` in the theme): the office's name and address lines,
the first page's header and every page's footer text, and the colour and font of the
memo's headings and body text. The deck is not touched: it follows the theme, or the
office's own template."""
from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator

from compiler.diagnostics import Problems
from compiler.model import Theme
from compiler.validate.base import SpecModel
from compiler.load.yamlfile import Loaded
from compiler.theme import contrast


def _hex(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"must be a colour written #RRGGBB, not {value!r}")
    return value.upper()


Colour = Annotated[str, AfterValidator(_hex)]


class Face(SpecModel):
    color: Colour | None = None
    """A colour written #RRGGBB."""
    font: str | None = None
    """A font family; one that is not installed is set in its metric-compatible twin."""


class Letterhead(SpecModel):
    name: str
    """The office's name, at the top of the memo's first page."""
    address: list[str] = []
    """Lines under the name: street, city, telephone, web address."""
    header: str | None = None
    """Text at the top left of the memo's first page (where later pages have the title)."""
    footer: str | None = None
    """Text at the bottom left of every page of the memo."""
    heading: Face | None = None
    """Colour and font of the memo's headings, title, MEMORANDUM and small print."""
    body: Face | None = None
    """Colour and font of the memo's body text."""


def memo_style(letterhead: Letterhead | None, loaded: Loaded, problems: Problems | None) -> tuple:
    """The theme's values the memo takes from the letterhead, as (field, value) pairs; a
    faint colour or a font that is not installed is a warning at its key."""
    if letterhead is None:
        return ()
    from compiler.render.deck.measure import metric_family
    out: list[tuple[str, str]] = []
    for part, colour, font, metric in (("heading", "primary", "sans", "sans_metric"),
                                       ("body", "text", "serif", "serif_metric")):
        face = getattr(letterhead, part)
        if face is None:
            continue
        if face.color:
            value = face.color
            out.append((colour, value))
            if problems is not None and contrast.ratio(value, contrast.WHITE) < 4.5:
                problems.warning(loaded.positions.of(("letterhead", part, "color")),
                                 f"letterhead {part} colour {value} has contrast "
                                 f"{contrast.ratio(value, contrast.WHITE):.2f}:1 on white, below the 4.5:1 "
                                 "WCAG 2.1 asks for text")
        if face.font:
            stand_in, true = metric_family(face.font)
            out += [(font, face.font), (metric, stand_in)]
            if not true and problems is not None:
                problems.warning(loaded.positions.of(("letterhead", part, "font")),
                                 f"letterhead font {face.font} is not installed and has no metric-compatible "
                                 f"twin here: the memo's {part} text is set in {stand_in}")
    return tuple(out)


def for_memo(theme: Theme) -> Theme:
    """The theme as the memo uses it: the letterhead's colours and fonts laid over it."""
    import dataclasses
    fields: dict[str, Any] = dict(theme.memo_style)
    return dataclasses.replace(theme, **fields) if theme.memo_style else theme
