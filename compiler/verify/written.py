"""Quotes checked as written, before the outline validates.

SPEC: every problem is reported in one run. When the outline breaks the schema somewhere
(a misspelt key in one figure, say), the briefing cannot be resolved, but every quote that
is itself well-formed can still be verified against its source: an author then sees the
schema error and the misquote together, not the misquote only after fixing the key.
Only errors are reported here; the warnings come with the full check once it runs.
"""
from __future__ import annotations

import re

from compiler.diagnostics import Problems
from compiler.load.sources import Catalog
from compiler.load.yamlfile import Loaded
from compiler.verify.corpus import Corpus, Miss


def verify_written_quotes(loaded: Loaded, catalog: Catalog, problems: Problems) -> None:
    sections = loaded.value.get("sections") if isinstance(loaded.value, dict) else None
    if not isinstance(sections, list):
        return
    corpus = Corpus(catalog.texts, catalog.in_reading_order)
    for i, section in enumerate(sections):
        quotes = section.get("quotes") if isinstance(section, dict) else None
        for j, quote in enumerate(quotes if isinstance(quotes, list) else []):
            text = quote.get("text") if isinstance(quote, dict) else None
            source_id = quote.get("source") if isinstance(quote, dict) else None
            if not (isinstance(text, str) and isinstance(source_id, str)
                    and source_id in catalog.sources and re.search(r"[^\W_]", text)):
                continue            # not checkable yet: the schema or resolve says why
            result = corpus.verify(text, source_id)
            if isinstance(result, Miss):
                problems.error(loaded.positions.of(("sections", i, "quotes", j, "text")), result.message)
