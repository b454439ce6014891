"""Source texts: a catalog entry's file -> the text quotes are verified against.

.txt and .md are read as they are. .pdf gives each page's text (pdfplumber), pages
joined by form feeds so the matcher's locators are real page numbers. .html gives the
main text of the page (trafilatura: navigation, footers and ads left out), one
paragraph a line. Extraction is slow, so its result is cached under the output
folder's `.cache/`, keyed by the file's content hash: a rebuild reads the cache.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import limits
from .paths import read_cache, write_cache

# Bump when extraction changes, so old cache entries are not reused.
EXTRACTOR_VERSION = "1"
READABLE = (".txt", ".md", ".pdf", ".html", ".htm")


class ExtractionError(Exception):
    """The file could not be turned into text; the message says why."""


@dataclass(frozen=True)
class Cache:
    folder: Path
    writable: bool          # `brief check` reads the cache but writes nothing

    def get(self, key: str) -> str | None:
        return read_cache(self.folder, f"{key}.txt")      # a plain file: never a symlink

    def put(self, key: str, text: str) -> None:
        if not self.writable:
            return
        write_cache(self.folder, f"{key}.txt", text)


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
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > limits.SOURCE_PAGES:
                raise ExtractionError(f"has {len(pdf.pages):,} pages; the limit is "
                                      f"{limits.SOURCE_PAGES:,} pages in one source")
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as e:
        # pdfminer signals a damaged file with a handful of exception types
        raise ExtractionError(f"cannot read it as PDF ({e})") from None
    if not any(p.strip() for p in pages):
        raise ExtractionError("the PDF has no text layer (a scan?); add a .txt of it instead")
    return "\f".join(pages)


def _html_text(data: bytes) -> str:
    import trafilatura
    text = trafilatura.extract(data, include_comments=False, include_tables=True,
                               deduplicate=False, favor_recall=True)
    if not text:
        raise ExtractionError("no main text found in the page")
    return text
