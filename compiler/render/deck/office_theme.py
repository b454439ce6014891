"""The colours and fonts of an office's template, read from its theme XML: for the charts
and tables of a deck made from it (outline `deck_template`)."""
from __future__ import annotations

import dataclasses

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from compiler.model import Theme


def scheme_colours(prs) -> dict[str, str]:
    """The first master's colour scheme as "#RRGGBB" by slot (dk1 … accent6), with tx1,
    bg1, tx2 and bg2 as its colour map assigns them."""
    master = prs.slide_masters[0]
    root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    scheme = root.find(f".//{qn('a:clrScheme')}")

    def colour(slot: str) -> str:
        el = scheme.find(qn(f"a:{slot}")) if scheme is not None else None
        rgb = el.find(qn("a:srgbClr")) if el is not None else None
        sys = el.find(qn("a:sysClr")) if el is not None else None
        value = rgb.get("val") if rgb is not None else sys.get("lastClr") if sys is not None else None
        return "#" + (value or ("FFFFFF" if slot.startswith("lt") else "000000")).upper()
    slots = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)))
    out = {slot: colour(slot) for slot in slots}
    mapping = master._element.find(qn("p:clrMap"))        # which slots text and background use
    for role, default in (("tx1", "dk1"), ("bg1", "lt1"), ("tx2", "dk2"), ("bg2", "lt2")):
        out[role] = out[mapping.get(role, default) if mapping is not None else default]
    return out


def minor_font(prs) -> str | None:
    """The theme's body (minor) Latin font, as the template names it."""
    root = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    minor = root.find(f".//{qn('a:minorFont')}/{qn('a:latin')}")
    return minor.get("typeface") if minor is not None else None


def chart_theme(prs, theme: Theme) -> Theme:
    """Our theme with the template's colours and body font, for charts: series in its
    accents 1-6; labels, gridlines and axis in its text colour faded towards its background."""
    colours = scheme_colours(prs)
    text, back = colours["tx1"], colours["bg1"]
    return dataclasses.replace(
        theme, palette=tuple(colours[f"accent{i}"] for i in range(1, 7)), text=text,
        muted=mix(text, back, 0.3), rule=mix(text, back, 0.55), light=mix(text, back, 0.8),
        sans=minor_font(prs) or theme.sans)


def mix(a: str, b: str, share: float) -> str:
    """`a` moved `share` of the way towards `b`."""
    pa, pb = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(pa, pb))
