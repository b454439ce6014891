"""The template's own slides (outline `keep_template_slides`): left out of the deck by
default; kept, they stand around ours as the template has them: its leading cover slides
(a title layout: ours for the Title slide, or one with a centred title or a subtitle)
before our title slide, every other one (a disclaimer, a closing slide) after our Sources.
They are kept as they are: no marking, number or source line of ours is added to them."""
from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.packuri import PackURI

from compiler.render.deck import oxml


def set_aside(prs, keep: bool, title_layout: str) -> tuple[list, list]:
    """The template's slides out of the slide list; dropped, or (kept) given back as the
    slide-list entries to go before ours and after them."""
    entries = oxml.slide_entries(prs)
    for entry in entries:
        oxml.drop(entry)
        if not keep:
            prs.part.drop_rel(entry.rId)
    if not keep:
        return [], []
    for i, entry in enumerate(entries, 1):      # python-pptx names a new slide by the list's length
        prs.part.related_slide(entry.rId).part.partname = PackURI(f"/ppt/slides/template-slide{i}.xml")
    covers = 0
    while covers < len(entries) and _is_cover(prs.part.related_slide(entries[covers].rId), title_layout):
        covers += 1
    return entries[:covers], entries[covers:]


def _is_cover(slide, title_layout: str) -> bool:
    layout = slide.slide_layout
    kinds = {ph.placeholder_format.type for ph in layout.placeholders}
    return layout.name == title_layout or bool(kinds & {PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE})


def put_back(prs, before: list, after: list) -> None:
    """The kept slides around ours, each with a slide id none of ours has (ours were
    numbered while they were out of the list); the slide parts named in their order."""
    oxml.surround_slides(prs, before, after)
    for n, entry in enumerate(oxml.slide_entries(prs), 1):      # every slide part named by its place
        prs.part.related_slide(entry.rId).part.partname = PackURI(f"/ppt/slides/slide{n}.xml")
