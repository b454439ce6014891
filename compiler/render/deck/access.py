"""What makes the deck readable with a screen reader, as PowerPoint's accessibility
checker asks: alternative text on every chart, table and picture (the memo's words), a
unique title on every slide, shapes in reading order, and the text's language.
"""
from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

# PowerPoint's "Mark as decorative" (Office 2019+): readers skip the shape.
_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_A16 = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def describe(shape, text: str) -> None:
    """The shape's alternative text (`descr`); empty text marks it as decoration."""
    c_nv_pr = shape._element.find(f".//{qn('p:cNvPr')}")
    c_nv_pr.set("descr", text)
    if not text:
        ext_lst = c_nv_pr.find(qn("a:extLst"))
        if ext_lst is None:
            ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
        ext = etree.SubElement(ext_lst, qn("a:ext"), uri=_DECORATIVE_EXT)
        etree.SubElement(ext, f"{{{_A16}}}decorative", nsmap={"a16": _A16}).set("val", "1")


def unique_title(title: str, taken: set[str]) -> str:
    """`title`, numbered when an earlier slide has it ("Migration (2)"; a second
    continuation "Migration (cont. 2)"), so slide lists and screen readers tell them apart."""
    candidate, n = title, 2
    while candidate in taken:
        candidate = (title.removesuffix(" (cont.)") + f" (cont. {n})" if title.endswith(" (cont.)")
                     else f"{title} ({n})")
        n += 1
    taken.add(candidate)
    return candidate


def set_language(prs, lang: str) -> None:
    """Every run, paragraph end and text default in every part says `lang`, so spelling
    and screen readers use the briefing's language (charts too)."""
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
