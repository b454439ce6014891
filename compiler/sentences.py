"""Where a sentence ends, for bullets cut from a paragraph (resolve) and quotes and points
split across "(cont.)" slides (deck): one rule, so the memo's bullets and the deck's chunks
agree. A sentence ends after . ! or ? (and any closing quote or bracket) when the next word
starts with a capital, a digit or an opening quote, except after an abbreviation ("Gov.",
"Dr.", "e.g.") or initials ("U.S.", "J.")."""
from __future__ import annotations

import re

ABBREVIATIONS = frozenset({
    "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "gen.", "sen.", "rep.", "gov.", "jr.", "sr.",
    "p.", "pp.", "para.", "e.g.", "i.e.", "vs.", "cf.", "approx.", "est.", "etc.",
})
_END = re.compile(r"[.!?][\"”’')\]]*$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_STARTS = re.compile(r"[\"“‘'(\[]*[A-Z0-9]")
_GAP = re.compile(r"\s+")


def ends_sentence(word: str) -> bool:
    """Whether `word` (no spaces) can close a sentence."""
    bare = word.lower().lstrip("([“‘\"'").rstrip("”’\"')]")
    return (_END.search(word) is not None and bare not in ABBREVIATIONS
            and not _INITIALS.fullmatch(bare))


def breaks(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each run of spaces in `text` where one sentence ends and the next begins."""
    out = []
    for gap in _GAP.finditer(text):
        before = text[:gap.start()].rsplit(None, 1)
        if before and ends_sentence(before[-1]) and _STARTS.match(text, gap.end()):
            out.append((gap.start(), gap.end()))
    return out


def split(text: str, tidy: bool = False) -> list[str]:
    """The sentences of `text`, as written (the spaces between them dropped); `tidy`:
    each with its runs of spaces made one, and no empty sentence."""
    pieces, start = [], 0
    for a, b in breaks(text):
        pieces.append(text[start:a])
        start = b
    pieces.append(text[start:])
    return [" ".join(p.split()) for p in pieces if p.strip()] if tidy else pieces
