"""The memo renderer: a resolved `Briefing` in, the memo's HTML and then its PDF out.

    render_memo_html(briefing) -> str        Jinja2 templates, reviewable HTML
    render_memo_pdf(briefing, html) -> bytes WeasyPrint, local files only, same bytes per input

Like nbconvert's PDF exporter, the PDF is the HTML plus one step; both read only the
frozen `Briefing` and never re-number anything.
"""
from __future__ import annotations

from compiler.render.memo.fetch import MemoFetcher, RefusedURL
from compiler.render.memo.markup import render_memo_html
from compiler.render.memo.pdf import render_memo_pdf

__all__ = ["MemoFetcher", "RefusedURL", "render_memo_html", "render_memo_pdf"]
