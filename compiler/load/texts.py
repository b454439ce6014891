"""Source texts: a catalog entry's file -> the text quotes are verified against.

.txt and .md are read as they are. .pdf gives each page's text in reading order, page
furniture and footnote calls removed (load/pdf.py), pages joined by form feeds so the
matcher's locators are real page numbers. .html gives the main text of the page
(htmltext.py: navigation, footers and ads left out), one paragraph a line. Extraction is
slow, so its result is cached under the output folder's `.cache/`, keyed by the file's
content hash and EXTRACTOR_VERSION: a rebuild reads the cache.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from compiler.cache import Cache

# Bump when extraction changes, so old cache entries are not reused.
EXTRACTOR_VERSION = "2"
READABLE = (".txt", ".md", ".pdf", ".html", ".htm")
EXTRACTED = (".pdf", ".html", ".htm")       # turned into text here, in reading order


class ExtractionError(Exception):
    """The file could not be turned into text; the message says why."""


def source_text(path: Path, cache: Cache | None) -> str:
    """The text of the source file at `path`."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return path.read_text(encoding="utf-8-sig")
    data = path.read_bytes()
    key = f"{hashlib.sha256(data).hexdigest()}-{suffix[1:]}-v{EXTRACTOR_VERSION}"
    cached = cache.get(key) if cache else None
    if cached is not None:
        return cached
    text = _pdf_text(path) if suffix == ".pdf" else _html_text(data)
    if cache:
        cache.put(key, text)
    return text


def _pdf_text(path: Path) -> str:
    from compiler.load.pdf import PdfError, pdf_text
    try:
        return pdf_text(path)
    except PdfError as e:
        raise ExtractionError(str(e)) from None


def _html_text(data: bytes) -> str:
    from compiler.load.html import NoMainText, html_text
    try:
        return html_text(data)
    except NoMainText as e:
        raise ExtractionError(str(e)) from None
