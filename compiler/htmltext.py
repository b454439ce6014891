"""Web pages (.html/.htm) -> their main text, one paragraph a line (trafilatura)."""
from __future__ import annotations


class NoMainText(Exception):
    """trafilatura found no main text in the page."""


def html_text(data: bytes) -> str:
    import trafilatura
    text = trafilatura.extract(data, include_comments=False, include_tables=True,
                               deduplicate=False, favor_recall=True)
    if not text:
        raise NoMainText("no main text found in the page")
    return text
