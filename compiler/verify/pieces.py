"""A quote as the verifier looks for it: its pieces between omissions, and its alterations.

Takes the quote as the user wrote it; gives its `Piece`s, normalised
(compiler/verify/normalise.py), or one line saying why it cannot be verified. `...` or `…`
marks an omission and splits the quote into pieces, which must appear in order; `[text]`
marks an alteration, kept in a piece's pattern as one stand-in character (WORDS for a
bracket standing between words, GLUED for one glued to a word, `[t]he`, `Peru[’s]`); a
bracket at a piece's edge is dropped, there being nothing of the source to check there.
The case of the quote's first letter is marked as forgiven (`fold`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from compiler.verify.normalise import normalise

WORDS, GLUED = "\x01", "\x02"   # alteration stand-ins: whole words / glued to a word
ALTERATIONS = (WORDS, GLUED)
_OMISSION = re.compile(r" ?\[?\.(?: ?\.){2,}\]? ?")
_BRACKET = r"\[[^\[\]]*\]"
WORD = re.compile(r"[^\W_]{2,}")             # a word to look up: two or more letters or digits


@dataclass(frozen=True)
class Piece:
    """One stretch of a quote between omissions, normalised."""

    pattern: str                # WORDS / GLUED stand for [alterations]
    fold: int | None = None     # index of the quote's first letter: its case is forgiven
    open_start: bool = False    # a dropped [alteration] was glued on: no word boundary
    open_end: bool = False
    altered: bool = False


def parse_quote(quote: str) -> list[Piece] | str:
    """The pieces of a quote, or why it cannot be verified."""
    text = normalise(quote)
    if not text:
        return "quote is empty"
    pieces = [p for p in map(_piece, _split_omissions(text)) if p]
    if not pieces:
        return "quote is only [alterations] and omissions: nothing of the source to check"
    first = re.match(r"[^\w\x01\x02]*[^\W\d_]", pieces[0].pattern)   # after punctuation only
    if first:
        pieces[0] = replace(pieces[0], fold=first.end() - 1)
    return pieces


def _split_omissions(text: str) -> list[str]:
    parts, pos = [], 0
    for m in _OMISSION.finditer(text):
        head = text[pos:m.start()]
        if m.group().count(".") >= 4 and m.group()[0] == ".":
            head += "."                              # "end.... Next": a period, then "..."
        parts.append(head)
        pos = m.end()
    return [part.strip() for part in [*parts, text[pos:]]]


def _piece(text: str) -> Piece | None:
    open_start = open_end = altered = False
    while m := re.match(_BRACKET + " ?", text):         # leading [alteration]: nothing to check
        open_start, altered, text = not m.group().endswith(" "), True, text[m.end():]
    while m := re.search(" ?" + _BRACKET + "$", text):
        open_end, altered, text = not m.group().startswith(" "), True, text[:m.start()]
    if not text.strip():
        return None
    pattern = re.sub("(?<= )" + _BRACKET + " ", WORDS, text)
    pattern = re.sub(_BRACKET, GLUED, pattern)
    return Piece(pattern, None, open_start, open_end, altered or pattern != text)
