"""An office's own PowerPoint template (outline `deck_template`), as resolve checks it and
the deck opens it: a .pptx or .potx read as a presentation, our layouts found in it by
name (ours, a mapping the outline gives, or the usual Office names) where they have the
placeholders we fill, and the fonts it names. The deck made from it: office_deck.py.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from compiler.validate.outline import LAYOUTS

OURS = LAYOUTS
# tried in order, by name, ignoring case, when the outline maps nothing
# (PowerPoint's names, then the ones LibreOffice Impress saves)
FALLBACKS = {
    "Title": ("Title", "Title Slide"),
    "Section": ("Section", "Section Header", "Title Only", "Title and Content", "Title, Content"),
    "Bullets": ("Bullets", "Title and Content", "Title and Text", "Title, Content"),
    "Quote": ("Quote", "Title and Content", "Title and Text", "Title, Content"),
    "Figure": ("Figure", "Title Only", "Title and Content", "Title, Content"),
    "Sources": ("Sources", "Bullets", "Title and Content", "Title and Text", "Title, Content"),
}
SUFFIXES = (".pptx", ".potx")
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


class NotATemplate(Exception):
    """The file is not a PowerPoint presentation or template python-pptx can read."""


def open_template(path: Path):
    """The template as a python-pptx presentation (a .potx read as the .pptx it is but
    for its content type)."""
    data = Path(path).read_bytes()
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        if _TEMPLATE_TYPE in source.read("[Content_Types].xml"):
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    body = source.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        body = body.replace(_TEMPLATE_TYPE, _DECK_TYPE)
                    target.writestr(info, body)
            data = out.getvalue()
        return Presentation(io.BytesIO(data))
    except Exception as e:          # a zip, XML or package error: all say "not a template"
        raise NotATemplate(str(e) or type(e).__name__) from None


def layout_names(prs) -> list[str]:
    """Every layout's name, master by master."""
    return [layout.name for master in prs.slide_masters for layout in master.slide_layouts]


def choose_layouts(prs, mapping: dict[str, str]) -> tuple[dict[str, str], list[str], list[str]]:
    """(ours -> the template's layout name, ours that have none, ours mapped onto a
    layout without the placeholders they need). A default is taken only if it has them."""
    layouts: dict[str, Any] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            layouts.setdefault(layout.name.strip().lower(), layout)
    chosen, missing, unfit = {}, [], []
    for ours in OURS:
        if ours in mapping:
            layout = layouts.get(mapping[ours].strip().lower())
            if layout is None:
                missing.append(ours)
            elif not _holds(layout, ours):
                unfit.append(ours)
            else:
                chosen[ours] = layout.name
            continue
        layout = next((layouts[w.lower()] for w in FALLBACKS[ours]
                       if w.lower() in layouts and _holds(layouts[w.lower()], ours)), None)
        if layout is None:
            missing.append(ours)
        else:
            chosen[ours] = layout.name
    return chosen, missing, unfit


def _holds(layout, ours: str) -> bool:
    """A title placeholder, and a text one for the slides whose text goes in one."""
    kinds = {ph.placeholder_format.type for ph in layout.placeholders}
    title = bool(kinds & {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})
    return title and (ours not in NEEDS_TEXT or bool(kinds & {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}))


NEEDS_TEXT = ("Bullets", "Quote", "Sources")


def template_fonts(prs) -> list[str]:
    """Every font the template's masters, layouts and themes name, in order, once."""
    names: list[str] = []
    for master in prs.slide_masters:
        parts = [master.part, *(layout.part for layout in master.slide_layouts),
                 master.part.part_related_by(RT.THEME)]
        for part in parts:
            root = part._element if hasattr(part, "_element") else etree.fromstring(part.blob)
            for latin in root.iter(qn("a:latin")):
                face = latin.get("typeface", "")
                if face and not face.startswith("+") and face not in names:
                    names.append(face)
    return names
