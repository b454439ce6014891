"""What makes the deck readable with a screen reader, as PowerPoint's accessibility
checker asks: alternative text on every chart, table and picture (the memo's words), a
unique title on every slide, shapes in reading order, and the text's language.
"""
from __future__ import annotations

from compiler.render.deck import oxml


def describe(shape, text: str) -> None:
    """The shape's alternative text (`descr`); empty text marks it as decoration."""
    oxml.set_alt_text(shape, text)


def unique_title(title: str, taken: set[str]) -> str:
    """`title`, numbered when an earlier slide has it ("Migration (2)"; a second
    continuation "Migration (cont. 2)"), so slide lists and screen readers tell them apart."""
    candidate, n = title, 2
    while candidate in taken:
        candidate = (title.removesuffix(" (cont.)") + f" (cont. {n})" if title.endswith(" (cont.)")
                     else f"{title} ({n})")
        n += 1
    taken.add(candidate)
    return candidate


def set_language(prs, lang: str) -> None:
    """Every run, paragraph end and text default in every part says `lang`, so spelling
    and screen readers use the briefing's language (charts too)."""
    oxml.set_language(prs, lang)
