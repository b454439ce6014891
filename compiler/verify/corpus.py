"""Quote verifier: find a quote in the text of the source it cites.

Takes source texts (id -> text as read from disk) and quote strings; gives a `Match`
(where the quote is, as offsets into the raw text, and how it matched) or a `Miss` (one
line saying why, with the closest passage and how it differs). Knows nothing of YAML.
`Corpus` is the public entry: it reads each source once into a `Document`
(compiler/verify/document.py), parses the quote into pieces (pieces.py), places them
(search.py) and, when that fails, says why (diagnose.py). What is forgiven is listed in
compiler/verify/forgiven.py.

For a Miss, "found in another source" means the normalised quote occurs there as it
stands (no hyphenation or column breaks forgiven), looked for only in the sources a word
index says hold all of the quote's words.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from compiler.verify.diagnose import clip, closest_passage
from compiler.verify.document import Document
from compiler.verify.forgiven import COLUMN, INSERTED, MAX_GAP
from compiler.verify.pieces import GLUED, Piece, parse_quote
from compiler.verify.search import Span, all_places, occurrences, place

__all__ = ["Corpus", "Match", "Miss"]

_INDEX_WORD = re.compile(r"[^\W\d_]{4,}")     # a word the index holds: four or more letters


@dataclass(frozen=True)
class Match:
    """Where a quote is. Offsets index the raw source text: `raw[start:end]` (end
    exclusive) spans the whole quote, omissions and skipped lines included; `pieces` the
    text of each piece between omissions; `skipped` the whole lines passed over (furniture,
    the other column, inserted lines). `how`: "column-break" if any line of another column
    was skipped, else "inserted-line" if a web page's inserted line was, else "omission" if
    the quote has `...`, else "normalised" if anything else was forgiven (typography, case,
    hyphenation, a marker, furniture, an [alteration]), else "exact" (the same characters,
    white space aside)."""

    source_id: str
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    how: str
    locator: str
    warnings: tuple[str, ...] = ()
    skipped: tuple[tuple[int, int], ...] = ()     # raw spans of whole lines passed over

    def passage(self, raw: str) -> str:
        """The matched text without the lines passed over: pasted as a quote, it verifies."""
        kept, at = [], self.start
        for a, b in self.skipped:
            kept.append(raw[at:a])
            at = b
        return " ".join(" ".join([*kept, raw[at:self.end]]).split())


@dataclass(frozen=True)
class Miss:
    """Why a quote was not found: `message` is one line, ready for `FILE:LINE:COL: error:`."""

    source_id: str
    message: str
    closest: str | None = None
    found_in: tuple[str, str] | None = None       # (source id, locator)


def _match(src: Document, quote: str, pieces: list[Piece], spans: list[Span]) -> Match:
    """The Match of a quote placed at `spans`: raw offsets, how it matched, where, warnings."""
    flags = 0
    lines: list[int] = []
    for _, _, f, more in spans:
        flags |= f
        lines.extend(more)
    raw = tuple((src.norm.raw_start(s), src.norm.raw_end(e)) for s, e, _, _ in spans)
    start, end = raw[0][0], raw[-1][1]
    locator = src.locate(start, end)
    if flags & COLUMN:
        how = "column-break"
    elif flags & INSERTED:
        how = "inserted-line"
    elif len(pieces) > 1:
        how = "omission"
    elif flags or src.raw[start:end].split() != quote.split():
        how = "normalised"
    else:
        how = "exact"
    warnings = [f"matched across a column break in `{src.id}` ({locator}): "
                "check the passage reads as quoted"] if flags & COLUMN else []
    texts = src.lines() if lines else []
    for j in lines:
        if not src.header[j] and not src.notes[j] and not src.columns:
            warnings.append(f'matched across an inserted line "{clip(texts[j], 60)}" in `{src.id}` '
                            f"({locator}): check the passage reads as quoted")
    ends = [*src.line_starts[1:], len(src.text)]
    skipped = tuple((src.norm.raw_start(src.line_starts[j]), src.norm.raw_start(ends[j])) for j in lines)
    return Match(src.id, start, end, raw, how, locator, tuple(warnings), skipped)


class Corpus:
    """Every source of a briefing, normalised and indexed once."""

    def __init__(self, texts: Mapping[str, str], in_reading_order: Collection[str] = ()) -> None:
        """`in_reading_order`: ids of texts extracted from PDF or HTML by compiler/load/pdf.py
        and compiler/load/html.py, whose columns are already one after another."""
        self._sources = {sid: Document(sid, raw, sid in in_reading_order) for sid, raw in texts.items()}
        self._holders: dict[str, set[str]] = {}        # word -> ids of sources with it
        for sid, src in self._sources.items():
            tokens = set(src.text.split())
            tokens |= {t.replace("-", "") for t in tokens if "-" in t}     # gov-|ernment
            for word in set(_INDEX_WORD.findall(" ".join(tokens))):
                self._holders.setdefault(word, set()).add(sid)

    def verify(self, quote: str, source_id: str) -> Match | Miss:
        """Find `quote` in the source `source_id`, forgiving only typography."""
        src = self._sources.get(source_id)
        if src is None:
            return Miss(source_id, f"unknown source `{source_id}`")
        pieces = parse_quote(quote)
        if isinstance(pieces, str):
            return Miss(source_id, pieces)
        spans = place(src, pieces)
        if spans:
            return _match(src, quote, pieces, spans)
        return self._miss(src, pieces)

    def find(self, text: str) -> list[Match]:
        """Every place `text` occurs, as a quote would be verified, across all sources."""
        pieces = parse_quote(text)
        if isinstance(pieces, str):
            return []
        out: list[Match] = []
        for src in self._holding(pieces):
            out.extend(_match(src, text, pieces, spans) for spans in all_places(src, pieces))
        return out

    def locate(self, source_id: str, offset: int) -> str:
        """The locator ("p. 2", "para. 4") of a raw offset in a source."""
        return self._sources[source_id].locate(offset)

    def _holding(self, pieces: list[Piece], but: str = "") -> list[Document]:
        """Sources (other than `but`) containing every whole word of the quote."""
        words = set()
        for p in pieces:
            for m in _INDEX_WORD.finditer(p.pattern):
                edges = p.pattern[max(0, m.start() - 1):m.end() + 1]
                near_fold = p.fold is not None and m.start() <= p.fold < m.end()
                open_edge = (p.open_start and m.start() == 0) or (p.open_end and m.end() == len(p.pattern))
                if not (near_fold or open_edge or GLUED in edges):
                    words.add(m.group())
        holders = [self._holders.get(w, set()) for w in words]
        ids = set.intersection(*holders) if holders else set(self._sources)
        return [src for sid, src in self._sources.items() if sid in ids and sid != but]

    def _miss(self, src: Document, pieces: list[Piece]) -> Miss:
        found_in = None
        for other in self._holding(pieces, but=src.id):
            spans = place(other, pieces, exact=True)
            if spans:
                found_in = (other.id, other.locate(other.norm.raw_start(spans[0][0])))
                break
        closest, message = None, f"quote not found in `{src.id}`"
        if len(pieces) > 1 and all(next(occurrences(src, p, 0, len(src.text)), None) for p in pieces):
            message += (f"; every piece around the omissions is there, but not in order "
                        f"within {MAX_GAP} characters of each other")
        elif near := closest_passage(src, pieces):
            closest, locator, diffs = near
            message += f'; closest passage ({locator}): "{closest}"; differs: {diffs}'
        else:
            message += "; no passage comes close"
        if found_in:
            message += f"; found in `{found_in[0]}`, {found_in[1]}: did you cite the wrong source?"
        return Miss(src.id, message, closest, found_in)
