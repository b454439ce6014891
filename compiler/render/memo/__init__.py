"""The memo renderer: a resolved `Briefing` in, the memo's HTML and then its PDF out.

    render_memo_html(briefing) -> str        Jinja2 templates, reviewable HTML
    render_memo_pdf(briefing, html) -> bytes WeasyPrint, local files only, same bytes per input

Like nbconvert's PDF exporter, the PDF is the HTML plus one step; both read only the
frozen `Briefing` and never re-number anything.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = ["MemoFetcher", "RefusedURL", "render_memo_html", "render_memo_pdf"]
_HOME = {"MemoFetcher": "fetch", "RefusedURL": "fetch", "render_memo_html": "markup",
         "render_memo_pdf": "pdf"}


def __getattr__(name: str) -> Any:
    """The renderer's names, imported when first asked for: importing WeasyPrint takes
    half a second, and a build's main process, which only needs the chart cache of this
    package (chartcache), must not pay it before handing the briefing to the memo's."""
    if name in _HOME:
        return getattr(importlib.import_module(f"compiler.render.memo.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
