"""Third-party chatter kept off the user's terminal.

matplotlib, Pillow, fontTools, bibtexparser, cairosvg and WeasyPrint print warnings
(Python warnings or log records) that mean nothing to someone writing a briefing:
"Glyph 8722 missing from font" (the PDF draws chart text with its own fonts), a
BibTeX parser's own report of a block we report at its line, Pillow's decompression
bomb warning (our own, lower, image limit is checked first). What a user must know is
reported by the compiler itself, located; the rest is silenced while a command runs.
"""
from __future__ import annotations

import logging
import warnings
from contextlib import contextmanager
from typing import Iterator

CHATTY = ("matplotlib", "PIL", "fontTools", "bibtexparser", "cairosvg", "weasyprint", "pdfminer",
          "pdfplumber", "trafilatura", "htmldate", "citeproc", "pptx")


@contextmanager
def quiet_third_parties() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in CHATTY]
    saved = [(lg, lg.handlers[:], lg.propagate) for lg in loggers]
    with warnings.catch_warnings():
        for name in CHATTY:
            warnings.filterwarnings("ignore", module=rf"{name}(\.|$)")
        warnings.filterwarnings("ignore", category=UserWarning, message=r"Glyph \d+ .*missing from")
        for lg in loggers:
            lg.handlers, lg.propagate = [logging.NullHandler()], False
        try:
            yield
        finally:
            for lg, handlers, propagate in saved:
                lg.handlers, lg.propagate = handlers, propagate
