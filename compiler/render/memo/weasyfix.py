"""WeasyPrint 70's footnote area, each note laid out once per place rather than once per
note added to its page.

Each time WeasyPrint adds a note to a page (`LayoutContext._update_footnote_area`) it
deep-copies the page's footnote area and lays the whole of it out again, every note so
far included, to learn its height: a page of k notes costs k(k+1)/2 note layouts, and
the page's final layout of its notes k more. A note is laid out by
`block._in_flow_layout`, whose result depends only on its arguments (the note, where it
starts, the margins before it, the area's width) and on a little of the layout context
(the page number, a forced break, floats on the page). We remember each note's result
under exactly those inputs, in a memo for the page being laid out, and give back a
copy of it when they recur: the notes already on the page are reused and only the new
one is laid out. Every result given back is one WeasyPrint computed from the same
inputs, so the pages are the same to the byte.

A note whose layout touched anything else (floats, positioned boxes, running elements,
content broken to another page, footnotes) is never reused. `apply()` is called by the
memo's renderer, not on import; it checks that the WeasyPrint installed is the one this
was written against and raises `UnsupportedWeasyPrint` (an internal error: a bug report,
not the user's mistake) if it is not.
"""
from __future__ import annotations

import inspect
from math import inf

SUPPORTED_MAJOR = "70"       # weasyprint.__version__ "70.x"
UPDATE_SIGNATURE = "(self)"
IN_FLOW_SIGNATURE = ("(context, box, index, child, new_children, page_is_empty, absolute_boxes, "
                     "fixed_boxes, adjoining_margins, bottom_space, position_y, skip_stack, "
                     "first_letter_style, first_line_style, discard, next_page, max_lines)")


class UnsupportedWeasyPrint(RuntimeError):
    """The installed WeasyPrint is not the one the footnote patch was written for."""


def apply() -> None:
    """Patch WeasyPrint's footnote area layout (once per process); raise
    `UnsupportedWeasyPrint` if its version or the patched functions differ."""
    import weasyprint
    from weasyprint import layout
    from weasyprint.layout import block
    update, in_flow = layout.LayoutContext._update_footnote_area, block._in_flow_layout
    check(weasyprint.__version__, update, in_flow)      # the wrappers keep the signatures
    if _applied:
        return
    block._in_flow_layout = _reusing(in_flow)
    layout.LayoutContext._update_footnote_area = _measuring(update)
    _applied.append(True)


_applied: list[bool] = []       # once per process


def check(version: str, update, in_flow) -> None:
    """Refuse a WeasyPrint other than 70.x, or one whose patched functions changed shape."""
    found = {"_update_footnote_area": (str(inspect.signature(update)), UPDATE_SIGNATURE),
             "_in_flow_layout": (str(inspect.signature(in_flow)), IN_FLOW_SIGNATURE)}
    if version.split(".")[0] != SUPPORTED_MAJOR:
        raise UnsupportedWeasyPrint(f"WeasyPrint {version} is installed; the footnote patch "
                                    f"(compiler/render/memo/weasyfix.py) is for WeasyPrint {SUPPORTED_MAJOR}.x")
    for name, (signature, expected) in found.items():
        if signature != expected:
            raise UnsupportedWeasyPrint(f"WeasyPrint {version}'s {name} is not the one the footnote "
                                        f"patch (compiler/render/memo/weasyfix.py) was written for: "
                                        f"{name}{signature}")


def _measuring(update):
    """`_update_footnote_area` that starts a memo of the notes' layouts for each page's
    footnote area. The area carries a token its copies share (a box's copy shares its
    attributes); the layout context holds the memo of the latest area only, so it is
    dropped when the next page starts."""
    def _update_footnote_area(self):
        area = self.current_footnote_area
        token = area.__dict__.get("_weasyfix_page")
        if token is None or self.__dict__.get("_weasyfix", (None,))[0] is not token:
            token = area.__dict__["_weasyfix_page"] = object()
            self.__dict__["_weasyfix"] = (token, {})
        return update(self)
    _update_footnote_area.weasyfix, _update_footnote_area.__wrapped__ = True, update
    return _update_footnote_area


def _reusing(in_flow):
    """`_in_flow_layout` that, for a note of the footnote area being measured, gives back
    WeasyPrint's own earlier result for the same inputs."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    def _in_flow_layout(context, box, index, child, new_children, page_is_empty, absolute_boxes,
                        fixed_boxes, adjoining_margins, bottom_space, position_y, skip_stack,
                        first_letter_style, first_line_style, discard, next_page, max_lines):
        memo = None
        if type(box) is FootnoteAreaBox:
            token, notes = context.__dict__.get("_weasyfix", (None, None))
            memo = notes if token is not None and box.__dict__.get("_weasyfix_page") is token else None
        key = None
        if (memo is not None and bottom_space == -inf
                and skip_stack is None and first_letter_style is None and first_line_style is None
                and child.element is not None and not box.top_margin_collapses()):
            key = (index, child.element, child.element_tag, type(child), box.width, box.content_box_x(),
                   position_y, tuple(adjoining_margins), bool(new_children), page_is_empty, discard,
                   max_lines, tuple(next_page.items()), context.current_page, context.forced_break,
                   context.in_column, _shapes(context))
            found = memo.get(key)
            if found is not None:
                new_child, position_y, margins, next_page, max_lines = found
                new_children.append(new_child.deepcopy())    # the page's own layout moves it
                return False, False, None, position_y, list(margins), dict(next_page), new_children, max_lines
            before = _side_effects(context, absolute_boxes, fixed_boxes)
        result = in_flow(context, box, index, child, new_children, page_is_empty, absolute_boxes,
                         fixed_boxes, adjoining_margins, bottom_space, position_y, skip_stack,
                         first_letter_style, first_line_style, discard, next_page, max_lines)
        if key is not None:
            abort, stop, resume_at, position_y, margins, next_page, children, max_lines = result
            if (not abort and not stop and resume_at is None and children and children[-1] is not None
                    and _side_effects(context, absolute_boxes, fixed_boxes) == before):
                memo[key] = (children[-1].deepcopy(), position_y, tuple(margins), tuple(next_page.items()), max_lines)
        return result
    _in_flow_layout.weasyfix, _in_flow_layout.__wrapped__ = True, in_flow
    return _in_flow_layout


def _shapes(context) -> tuple:
    """The floats the note's lines would flow around."""
    return tuple((id(s), s.position_x, s.position_y, s.margin_width(), s.margin_height())
                 for s in context.excluded_shapes)


def _side_effects(context, absolute_boxes, fixed_boxes) -> tuple:
    """What a note's layout could leave behind besides the laid-out note: a result that
    changed any of these is not reused."""
    running = sum(len(boxes) for pages in context.running_elements.values() for boxes in pages.values())
    return (len(context.excluded_shapes), len(context.broken_out_of_flow), running,
            len(absolute_boxes or ()), len(fixed_boxes or ()), len(context.footnotes),
            len(context.current_page_footnotes), len(context.reported_footnotes))
