"""Every raw XML edit of the deck in one place: what python-pptx has no call for, or
does too slowly for a long deck (finding a placeholder, copying a label), written on the
lxml elements underneath its shapes. The callers say what they want ("no bullet on this
paragraph", "this picture is decoration"); this module knows the DrawingML it takes.
"""
from __future__ import annotations

import copy
from typing import Iterator

from lxml import etree
from pptx.oxml.ns import qn

SHAPE = qn("p:sp")
_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_LABEL_TEXT = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:r')}/{qn('a:t')}"
# PowerPoint's "Mark as decorative" (Office 2019+): readers skip the shape.
_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_A16 = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"      # any GUID; fixed: the same bytes each build


def drop(element) -> None:
    """The element out of its parent (a shape off its slide)."""
    element.getparent().remove(element)


# --- placeholders --------------------------------------------------------------------


def _placeholder_shapes(slide) -> Iterator:
    for element in slide.shapes._spTree.iterchildren(SHAPE):
        ph = element.find(_PH)
        if ph is not None:
            yield element, ph


def placeholder(slide, idx: int):
    """The slide's placeholder `idx`, found with lxml (python-pptx's lookup runs an
    XPath query per shape, the deck's largest cost)."""
    for element, ph in _placeholder_shapes(slide):
        if int(ph.get("idx", "0")) == idx:
            return slide.shapes._shape_factory(element)
    raise KeyError(idx)


def drop_empty_placeholders(slide) -> None:
    """An unfilled placeholder shows "Click to add text" to whoever edits the deck: each
    goes (read with lxml: python-pptx's shape proxies cost more than the slide)."""
    for element, _ in list(_placeholder_shapes(slide)):
        body = element.find(qn("p:txBody"))
        if body is not None and not "".join(t.text or "" for t in body.iter(qn("a:t"))).strip():
            drop(element)


def settle_text_body(body, theirs) -> None:
    """A slide placeholder's text body given its layout placeholder's (`theirs`) insets,
    anchoring and list style."""
    for name, value in theirs.find(qn("a:bodyPr")).attrib.items():
        body.find(qn("a:bodyPr")).set(name, value)
    styles = theirs.find(qn("a:lstStyle"))
    if styles is not None:
        old = body.find(qn("a:lstStyle"))
        if old is not None:
            body.remove(old)
        body.find(qn("a:bodyPr")).addnext(copy.deepcopy(styles))


def default_font(body, face: str) -> None:
    """Every list level of a text body that names no font set in `face` ("+mj-lt": the
    theme's major font; "+mn-lt": its minor)."""
    styles = body.find(qn("a:lstStyle"))
    if styles is None:
        styles = body.find(qn("a:bodyPr")).makeelement(qn("a:lstStyle"), {})
        body.find(qn("a:bodyPr")).addnext(styles)
    for level in range(1, 10):
        ppr = styles.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            ppr = etree.SubElement(styles, qn(f"a:lvl{level}pPr"))
        rpr = ppr.find(qn("a:defRPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, qn("a:defRPr"))
        if rpr.find(qn("a:latin")) is None:
            etree.SubElement(rpr, qn("a:latin")).set("typeface", face)


def place_copy(slide, holder, text: str, name: str, field: str | None = None):
    """A copy of the layout placeholder `holder` on the slide showing `text` (as a field
    PowerPoint and Impress keep up to date, given its type), its first paragraph's
    properties kept; gives the new shape."""
    sp = copy.deepcopy(holder._element)
    sp.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))
    sp.nvSpPr.cNvPr.set("name", name)
    body = sp.find(qn("p:txBody"))
    paragraphs = body.findall(qn("a:p"))
    ppr = paragraphs[0].find(qn("a:pPr")) if paragraphs else None
    for paragraph in paragraphs:
        body.remove(paragraph)
    paragraph = etree.SubElement(body, qn("a:p"))
    if ppr is not None:
        paragraph.append(ppr)
    if field:
        run = etree.SubElement(paragraph, qn("a:fld"), {"id": _FIELD_ID, "type": field})
    else:
        run = etree.SubElement(paragraph, qn("a:r"))
    etree.SubElement(run, qn("a:rPr"), {"lang": "en-US"})
    etree.SubElement(run, qn("a:t")).text = text
    slide.shapes._spTree.insert_element_before(sp, "p:extLst")
    return slide.shapes[-1]


# --- the slide list -------------------------------------------------------------------


def slide_entries(prs) -> list:
    """The presentation's slide-list entries (`p:sldId`), in order."""
    return list(prs.slides._sldIdLst)


def surround_slides(prs, before: list, after: list) -> None:
    """Slide-list entries put back before and after the list's own, each with a slide id
    none of those has."""
    ids = prs.slides._sldIdLst
    next_id = max([255] + [int(e.get("id")) for e in ids]) + 1
    for entry in (*before, *after):
        entry.set("id", str(next_id))
        next_id += 1
    for i, entry in enumerate(before):
        ids.insert(i, entry)
    for entry in after:
        ids.append(entry)


# --- text --------------------------------------------------------------------------


def no_bullet(p, flush_left: bool = False) -> None:
    """A paragraph (`a:p`) set without a bullet or hanging line (`flush_left`: nor the
    list's left margin)."""
    ppr = p.get_or_add_pPr()
    if flush_left:
        ppr.set("marL", "0")
    ppr.set("indent", "0")
    ppr.insert(0, ppr.makeelement(qn("a:buNone"), {}))


def split_run(first, pieces: list[tuple[str, bool]]) -> None:
    """The run `first` (`a:r`) replaced by one copy per (text, italic) piece."""
    for text, italic in pieces:
        run = copy.deepcopy(first)
        run.find(qn("a:t")).text = text
        if italic:
            run.find(qn("a:rPr")).set("i", "1")
        first.addprevious(run)
    drop(first)


def theme_body_font(run) -> None:
    """A run (`a:r`) that names no font set in the theme's body font."""
    rpr = run.get_or_add_rPr()
    if rpr.find(qn("a:latin")) is None:
        rpr.append(rpr.makeelement(qn("a:latin"), {"typeface": "+mn-lt"}))


def copy_label(slide, made, text: str, name: str | None) -> None:
    """A copy of the text box `made` (an `p:sp`) on the slide with its own shape id,
    name and text: what python-pptx would write, for far less work."""
    shapes = slide.shapes
    sp = copy.deepcopy(made)
    shape_id = shapes._next_shape_id
    sp.nvSpPr.cNvPr.set("id", str(shape_id))
    sp.nvSpPr.cNvPr.set("name", name or f"TextBox {shape_id - 1}")     # as python-pptx names it
    sp.find(_LABEL_TEXT).text = text
    shapes._spTree.insert_element_before(sp, "p:extLst")


def flat(shape) -> None:
    """An autoshape without its theme style: no shadow or outline from the theme."""
    shape._element.remove(shape._element.find(qn("p:style")))


# --- accessibility -------------------------------------------------------------------


def set_alt_text(shape, text: str) -> None:
    """The shape's alternative text (`descr`); empty text marks it as decoration."""
    c_nv_pr = shape._element.find(f".//{qn('p:cNvPr')}")
    c_nv_pr.set("descr", text)
    if not text:
        ext_lst = c_nv_pr.find(qn("a:extLst"))
        if ext_lst is None:
            ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
        ext = etree.SubElement(ext_lst, qn("a:ext"), uri=_DECORATIVE_EXT)
        etree.SubElement(ext, f"{{{_A16}}}decorative", nsmap={"a16": _A16}).set("val", "1")


def set_language(prs, lang: str) -> None:
    """Every run, paragraph end and text default in every part says `lang` (charts too)."""
    for part in prs.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None:
            continue
        for run in root.iter(qn("a:r")):
            if run.find(qn("a:rPr")) is None:
                run.insert(0, run.makeelement(qn("a:rPr"), {}))
        for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
            for element in root.iter(qn(tag)):
                element.set("lang", lang)
        for element in root.iter(qn("c:lang")):
            element.set("val", lang)


# --- theme and charts ----------------------------------------------------------------


def write_theme(part, colours: dict[str, str], serif: str, sans: str) -> None:
    """A theme part's colour scheme (slot -> "#RRGGBB") and major (serif) and minor (sans)
    Latin fonts rewritten."""
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    for name, value in colours.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr")).set("val", value.lstrip("#").upper())
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.find(qn("a:majorFont")).find(qn("a:latin")).set("typeface", serif)
    fonts.find(qn("a:minorFont")).find(qn("a:latin")).set("typeface", sans)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def label_separator(labels, separator: str) -> None:
    """Data labels' separator: c:separator sits after c:showBubbleSize (and before
    c:showLeaderLines) in c:dLbls."""
    dlbls = labels._element
    element = dlbls.find(qn("c:separator"))
    if element is None:
        element = dlbls.makeelement(qn("c:separator"), {})
        anchor = dlbls.find(qn("c:showBubbleSize"))
        anchor.addnext(element)
    element.text = separator


def cross_at_max(axis) -> None:
    """The axis crossing the other at its last category (c:crosses; python-pptx only
    offers the category axis's)."""
    axis._element.find(qn("c:crosses")).set("val", "max")
