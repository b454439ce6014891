"""Builds `compiler/render/deck/template.pptx`, the deck's master and named layouts
(run after changing it; tests/test_template_sync.py checks the committed file is its output):

    python3 tools/make_template.py

16:9, Calibri throughout, navy titles. Layouts: Title, Section, Bullets, Quote, Figure,
Sources; each holds its placeholders' positions and text styles, so the renderer only
fills them. Colours here are the built-in theme's; a briefing's own theme is applied
when rendering (render.apply_theme).
"""
from __future__ import annotations

import copy
import datetime as dt
import io

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.shapes.connector import CT_Connector
from pptx.util import Emu, Inches, Pt

from compiler.render.deck.geometry import (
    ATTRIBUTION_BOX,
    BAND,
    BODY_BOX,
    CAPTION_BOX,
    CONTENT_WIDTH,
    MARGIN,
    HEIGHT,
    QUOTE_BOX,
    TEMPLATE,
    TITLE_BOX,
    TITLE_INSET,
    WIDTH,
)

# (layout name, index in python-pptx's default template)
TEMPLATE_DATE = dt.datetime(2024, 1, 1)
LAYOUTS = {"Title": 0, "Bullets": 1, "Section": 2, "Quote": 3, "Sources": 4, "Figure": 5}


def template_bytes() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    keep = {index: name for name, index in LAYOUTS.items()}
    for index, layout in reversed(list(enumerate(prs.slide_layouts))):
        if index not in keep:
            _drop_layout(prs, layout)
    for layout in prs.slide_layouts:
        _strip_footer_placeholders(layout)
    _style_master(prs.slide_master)
    layouts = {keep[i]: layout for i, layout in zip(sorted(keep), prs.slide_layouts)}
    for name, layout in layouts.items():
        layout._element.cSld.set("name", name)
        _LAYOUT_SETUP[name](layout)
    _no_autofit(prs.slide_master)
    from compiler.theme import built_in_theme
    from compiler.render.deck.render import apply_theme
    apply_theme(prs, built_in_theme())
    props = prs.core_properties
    props.title, props.comments, props.last_modified_by = "Briefing deck template", "", ""
    buffer = io.BytesIO()
    prs.save(buffer)
    # fixed zip dates: regenerating an unchanged template changes no byte
    from compiler.render.deck.package import rezip
    return rezip(buffer.getvalue(), TEMPLATE_DATE)


# --- master -----------------------------------------------------------------------


def _style_master(master) -> None:
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        if kind == 1:           # title
            _place(shape, TITLE_BOX)
        elif kind == 2:         # body
            _place(shape, BODY_BOX)
        else:
            shape._element.getparent().remove(shape._element)
    styles = master._element.find(qn("p:txStyles"))
    styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).set("algn", "l")
    # titles in the sans (the theme's minor font); the major font is the serif, for quotes
    _level(styles.find(qn("p:titleStyle")), 1, size=34, bold=True, color="tx2", font="+mn-lt")
    body = styles.find(qn("p:bodyStyle"))
    for level, size in ((1, 24), (2, 20), (3, 18)):
        # exactly the spacing the renderer measures: 8 pt after, none before (the
        # default template's 20 % before went unmeasured and pushed text past the box)
        _level(body, level, size=size, color="tx1", space_before=0, space_after=8)
    # a rule under every title, in the deck's dark primary (the theme's dk2 / tx2)
    rule = CT_Connector.new_cxnSp(90, "Title rule", "line", int(MARGIN), int(Inches(1.5)),
                                  int(CONTENT_WIDTH), 0, False, False)
    rule.spPr.append(_line_xml(Pt(1.25)))
    master.shapes._spTree.append(rule)
    _title_anchor_bottom(master)


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _line_xml(width: int):
    return etree.fromstring(f'<a:ln xmlns:a="{_A}" w="{int(width)}"><a:solidFill><a:schemeClr val="tx2"/>'
                            '</a:solidFill></a:ln>')


def _no_autofit(master) -> None:
    """Every text body of the master and its layouts: no autofit. We measure and place
    text ourselves; PowerPoint shrinking it on open would undo that."""
    for part in (master, *master.slide_layouts):
        for body_pr in part._element.iter(qn("a:bodyPr")):
            for child in list(body_pr):
                if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit"), qn("a:noAutofit")):
                    body_pr.remove(child)
            _insert_autofit(body_pr)


def _insert_autofit(body_pr) -> None:
    """a:noAutofit goes after a:prstTxWarp and before scene3d/sp3d/flatTx/extLst."""
    later = [qn(t) for t in ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst")]
    position = next((i for i, c in enumerate(body_pr) if c.tag in later), len(body_pr))
    body_pr.insert(position, etree.Element(qn("a:noAutofit")))


def _title_anchor_bottom(master) -> None:
    title = next(s for s in master.placeholders if s.placeholder_format.type == 1)
    body_pr = title._element.find(qn("p:txBody")).find(qn("a:bodyPr"))
    body_pr.set("anchor", "b")
    body_pr.set("tIns", str(int(TITLE_INSET)))
    body_pr.set("bIns", str(int(TITLE_INSET)))


def _level(style, level: int, size: int, bold: bool = False, color: str | None = None,
           font: str | None = None, space_before: int | None = None,
           space_after: int | None = None) -> None:
    ppr = style.find(qn(f"a:lvl{level}pPr"))
    rpr = ppr.find(qn("a:defRPr"))
    if font:
        for old in rpr.findall(qn("a:latin")):
            old.set("typeface", font)
    rpr.set("sz", str(size * 100))
    rpr.set("b", "1" if bold else "0")
    if color:
        for old in rpr.findall(qn("a:solidFill")):
            rpr.remove(old)
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr")).set("val", color)
        rpr.insert(0, fill)
    for tag, points in (("a:spcBef", space_before), ("a:spcAft", space_after)):
        if points is not None:
            _spacing(ppr, tag, points)


def _spacing(ppr, tag: str, points: int) -> None:
    """Paragraph spacing (`a:spcBef` or `a:spcAft`) as a fixed number of points."""
    for old in ppr.findall(qn(tag)):
        ppr.remove(old)
    spc = etree.Element(qn(tag))
    etree.SubElement(spc, qn("a:spcPts")).set("val", str(points * 100))
    _insert_in_order(ppr, spc)


def _insert_in_order(ppr, child) -> None:
    """a:pPr children have a fixed order: lnSpc, spcBef, spcAft, then bullets."""
    order = [qn(t) for t in ("a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx",
                             "a:buSzPct", "a:buSzPts", "a:buFontTx", "a:buFont", "a:buNone",
                             "a:buAutoNum", "a:buChar", "a:buBlip", "a:tabLst", "a:defRPr")]
    position = order.index(child.tag)
    for i, existing in enumerate(ppr):
        if existing.tag in order and order.index(existing.tag) > position:
            ppr.insert(i, child)
            return
    ppr.append(child)


# --- layouts ----------------------------------------------------------------------


def _setup_title(layout) -> None:
    layout._element.set("showMasterSp", "0")
    band = CT_Shape.new_autoshape_sp(91, "Title band", "rect", *(int(v) for v in BAND))
    band.spPr.append(etree.fromstring(f'<a:solidFill xmlns:a="{_A}"><a:schemeClr val="tx2"/></a:solidFill>'))
    band.spPr.append(etree.fromstring(f'<a:ln xmlns:a="{_A}"><a:noFill/></a:ln>'))
    band.remove(band.find(qn("p:style")))      # flat: the theme's effect style casts a shadow
    layout.shapes._spTree.insert(2, band)                   # behind the placeholders
    title, subtitle = _ph(layout, 0), _ph(layout, 1)
    _place(title, (Inches(0.8), Inches(2.2), WIDTH - Inches(1.6), Inches(1.6)))
    _text(title, size=36, bold=True, color="bg1", align="l", anchor="b", bullets=False)
    _place(subtitle, (Inches(0.8), Inches(3.85), WIDTH - Inches(1.6), Inches(0.9)))
    _text(subtitle, size=22, color="bg1", align="l", anchor="t", bullets=False)
    byline = _clone(layout, subtitle, 13, "Byline")
    _place(byline, (Inches(0.8), Inches(5.2), WIDTH - Inches(1.6), Inches(1.0)))
    _text(byline, size=20, color="tx2", align="l", anchor="t", bullets=False)


def _setup_section(layout) -> None:
    layout._element.set("showMasterSp", "0")
    # a short, heavy rule over the title marks a divider (the other slides' rule is long and thin)
    rule = CT_Connector.new_cxnSp(92, "Section rule", "line", int(MARGIN + Inches(0.1)), int(Inches(2.4)),
                                  int(Inches(1.4)), 0, False, False)
    rule.spPr.append(_line_xml(Pt(4)))
    layout.shapes._spTree.append(rule)
    _place(_ph(layout, 0), (MARGIN, Inches(2.6), CONTENT_WIDTH, Inches(1.3)))
    _text(_ph(layout, 0), size=36, bold=True, color="tx2", align="l", anchor="t")
    _place(_ph(layout, 1), (MARGIN, Inches(4.0), CONTENT_WIDTH, Inches(1.2)))
    _text(_ph(layout, 1), size=22, color="tx1", align="l", anchor="t", bullets=False)


def _setup_bullets(layout) -> None:
    _place(_ph(layout, 0), TITLE_BOX)
    _place(_ph(layout, 1), BODY_BOX)


def _setup_quote(layout) -> None:
    _place(_ph(layout, 0), TITLE_BOX)
    _remove(layout, 2)
    quote = _ph(layout, 1)
    _place(quote, QUOTE_BOX)
    _text(quote, size=28, italic=True, color="tx1", align="l", anchor="ctr", bullets=False,
          font="+mj-lt")
    attribution = _clone(layout, quote, 13, "Attribution")
    _place(attribution, ATTRIBUTION_BOX)
    _text(attribution, size=20, color="tx2", align="r", anchor="t", bullets=False)


def _setup_figure(layout) -> None:
    _place(_ph(layout, 0), TITLE_BOX)
    caption = _clone_from_master_body(layout, 13, "Caption")
    _place(caption, CAPTION_BOX)
    _text(caption, size=18, color="tx1", align="l", anchor="t", bullets=False)


def _setup_sources(layout) -> None:
    _place(_ph(layout, 0), TITLE_BOX)
    for idx in (2, 3, 4):
        _remove(layout, idx)
    body = _ph(layout, 1)
    _place(body, BODY_BOX)
    _text(body, size=18, color="tx1", align="l", anchor="t", bullets=False, hanging=Inches(0.4))


_LAYOUT_SETUP = {"Title": _setup_title, "Section": _setup_section, "Bullets": _setup_bullets,
                 "Quote": _setup_quote, "Figure": _setup_figure, "Sources": _setup_sources}


# --- placeholder plumbing ---------------------------------------------------------


def _ph(layout, idx: int):
    return next(s for s in layout.placeholders if s.placeholder_format.idx == idx)


def _place(shape, box: tuple) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(int(v)) for v in box)


def _remove(layout, idx: int) -> None:
    element = _ph(layout, idx)._element
    element.getparent().remove(element)


def _strip_footer_placeholders(layout) -> None:
    for shape in list(layout.placeholders):
        if shape.placeholder_format.type in (13, 15, 16):   # slide number, footer, date
            shape._element.getparent().remove(shape._element)


def _clone(layout, shape, idx: int, name: str):
    element = copy.deepcopy(shape._element)
    element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("name", name)
    element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(100 + idx))
    ph = element.find(qn("p:nvSpPr")).find(qn("p:nvPr")).find(qn("p:ph"))
    ph.set("type", "body")
    ph.set("idx", str(idx))
    layout.shapes._spTree.append(element)
    return _ph(layout, idx)


def _clone_from_master_body(layout, idx: int, name: str):
    master_body = next(s for s in layout.slide_master.placeholders if s.placeholder_format.type == 2)
    return _clone(layout, master_body, idx, name)


def _text(shape, size: int, color: str, align: str, anchor: str, bold: bool = False,
          italic: bool = False, bullets: bool = True, font: str | None = None,
          hanging: int | None = None) -> None:
    """The placeholder's own text style (lstStyle level 1) and anchoring."""
    tx_body = shape._element.find(qn("p:txBody"))
    if tx_body is None:
        tx_body = shape.text_frame._txBody
    body_pr = tx_body.find(qn("a:bodyPr"))
    body_pr.set("anchor", anchor)
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))     # we measure: nothing shrinks behind our back
    lst = tx_body.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    ppr = etree.SubElement(lst, qn("a:lvl1pPr"), algn=align)
    if hanging is not None:
        ppr.set("marL", str(int(hanging)))
        ppr.set("indent", str(-int(hanging)))
    elif not bullets:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
    if not bullets:
        etree.SubElement(ppr, qn("a:buNone"))
    rpr = etree.SubElement(ppr, qn("a:defRPr"), sz=str(size * 100), b="1" if bold else "0",
                           i="1" if italic else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", color)
    if font:
        etree.SubElement(rpr, qn("a:latin")).set("typeface", font)


def _drop_layout(prs, layout) -> None:
    master = prs.slide_master
    layouts = master._element.find(qn("p:sldLayoutIdLst"))
    for entry in list(layouts):
        if master.part.related_part(entry.get(qn("r:id"))) is layout.part:
            master.part.drop_rel(entry.get(qn("r:id")))
            layouts.remove(entry)


if __name__ == "__main__":
    TEMPLATE.write_bytes(template_bytes())
    print(f"wrote {TEMPLATE}")
