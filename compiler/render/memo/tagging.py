"""Render memo, part three: what PDF/UA asks of the tagged PDF that WeasyPrint 70 leaves
undone, finished on the PDF itself (pikepdf).

- Page furniture (the marking, the running head, "Page N of M") is drawn in margin boxes
  that WeasyPrint marks as content of structure elements it keeps out of the tree (it can
  only make them artifacts in PDF 2.0): here they become /Artifact /Pagination.
- Header cells get /Scope: /Row in a row that has data cells (TO, FROM, DATE, RE),
  /Column otherwise.
- Footnotes, which WeasyPrint tags as plain spans at the foot of each page, become /Note
  elements with an /ID (their calls already link to them).

The same input gives the same bytes (the file's /ID is a hash of its content).
"""
from __future__ import annotations

import io
import re
import zlib

import pikepdf

_MARKED = re.compile(rb"/\w+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def finish_tags(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        reachable = _reachable(pdf.Root.StructTreeRoot)
        _furniture_as_artifacts(pdf, reachable)
        notes = 0
        for element in _elements(pdf.Root.StructTreeRoot):
            role = str(element.get("/S"))
            if role == "/TH":
                _scope(element)
            elif role == "/NonStruct" and _is_footnote_area(element):
                for note in element.K:
                    notes += 1
                    note.S = pikepdf.Name.Note
                    note.ID = pikepdf.String(f"note-{notes}")
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _elements(node):
    """Structure elements from `node` down, in reading order."""
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _reachable(root) -> set[tuple[int, int]]:
    return {e.objgen for e in _elements(root)}


def _furniture_as_artifacts(pdf: pikepdf.Pdf, reachable: set) -> None:
    """Marked content whose element is not in the tree is the margin boxes' text: mark it
    /Artifact in the page's content and drop it from the parent tree."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        key = page.get("/StructParents")
        if key is None or int(key) not in parents or not isinstance(page.obj.get("/Contents"), pikepdf.Stream):
            continue
        mcids = parents[int(key)]
        orphans = {i for i, ref in enumerate(mcids)
                   if isinstance(ref, pikepdf.Dictionary) and ref.objgen not in reachable}
        if not orphans:
            continue
        content = page.obj.Contents.read_bytes()
        content = _MARKED.sub(lambda m: b"/Artifact <</Type /Pagination>> BDC"
                              if int(m.group(1)) in orphans else m.group(0), content)
        page.obj.Contents.write(zlib.compress(content), filter=pikepdf.Name.FlateDecode)
        for i in orphans:
            mcids[i] = None             # a null entry: no element owns this content


def _scope(cell) -> None:
    row = cell.get("/P")
    kids = row.get("/K") if row is not None else None
    roles = [str(k.get("/S")) for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
             if isinstance(k, pikepdf.Dictionary)]
    attributes = cell.get("/A")
    if not isinstance(attributes, pikepdf.Dictionary):
        attributes = cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
    attributes.Scope = pikepdf.Name.Row if "/TD" in roles else pikepdf.Name.Column


def _is_footnote_area(element) -> bool:
    """The footnote area is a page-level box: a NonStruct right under the Document whose
    children are all spans (one per note)."""
    parent = element.get("/P")
    kids = element.get("/K")
    return (parent is not None and str(parent.get("/S")) == "/Document" and isinstance(kids, pikepdf.Array)
            and len(kids) > 0 and all(isinstance(k, pikepdf.Dictionary) and str(k.get("/S")) == "/Span"
                                      for k in kids))
