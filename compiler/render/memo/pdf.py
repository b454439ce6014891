"""Render memo, part two: the memo's HTML -> PDF bytes (WeasyPrint).

Only local files inside the briefing folder and the compiler's own templates and theme
may be read (MemoFetcher); a refused URL fails the build. The same input gives the same
bytes: dates come from the outline (dcterms meta), the PDF identifier from the content.
The PDF is tagged and declared PDF/UA-1, so charts carry their data as alternative text.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import weasyprint

from compiler.diagnostics import BriefError, Problem
from compiler.model import Briefing
from compiler.render.memo.fetch import BRIEFING_BASE_URL, MemoFetcher, RefusedURL
from compiler.render.memo.markup import TEMPLATES
from compiler.render.memo.tagging import finish_tags

THEME = Path(__file__).resolve().parents[2] / "theme"


def render_memo_pdf(briefing: Briefing, html: str) -> bytes:
    fetcher = MemoFetcher([briefing.root, TEMPLATES, THEME], briefing_root=briefing.root)
    try:
        document = weasyprint.HTML(string=html, base_url=BRIEFING_BASE_URL, url_fetcher=fetcher)
        return finish_tags(document.write_pdf(
            pdf_identifier=hashlib.sha256(html.encode()).hexdigest()[:32].encode(),
            uncompressed_pdf=False,
            custom_metadata=True,     # <meta name="revision">: the git commit, inside git
            # Tagged PDF declared PDF/UA-1: reading order for screen readers, /Lang, and
            # each chart's <title> (its data in words) as the figure's /Alt text;
            # finish_tags adds what WeasyPrint leaves undone.
            pdf_tags=True, pdf_variant="pdf/ua-1"))
    except (RefusedURL, weasyprint.urls.FatalURLFetchingError) as e:
        # WeasyPrint wraps our refusal; the user needs our words, not its wrapper's
        reason = e if isinstance(e, RefusedURL) else (e.__cause__ or e)
        raise BriefError([Problem(None, "error", str(reason))]) from None
