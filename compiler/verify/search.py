"""Placing a quote's pieces in a document: exactly, in the normal form, across what may be
forgiven (hyphens, footnote calls, furniture, a column break, inserted lines, alterations),
each piece after the one before and within MAX_GAP of it.

Takes a `Document` (compiler/verify/document.py) and the quote's `Piece`s
(compiler/verify/pieces.py); gives `Span`s in the normal form, with flags saying what was
forgiven (compiler/verify/forgiven.py), or None. How it is fast: a piece is first looked up
with `str.find` as it stands (and with its first letter's case swapped); only when that
fails does a small backtracking matcher run (`_match_at`, a depth-first search preferring
a plain step), and only from starts near occurrences of the piece's rarer words.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from compiler.verify.document import Document
from compiler.verify.forgiven import (
    ALTERED,
    CASE,
    COLUMN,
    HEADER,
    INSERTED,
    MARKER,
    MAX_ALTERED_WORDS,
    MAX_GAP,
    NOTES,
)
from compiler.verify.furniture import glued_marker_len, marker_len
from compiler.verify.pieces import ALTERATIONS, GLUED, WORD, WORDS, Piece

Span = tuple[int, int, int, tuple[int, ...]]     # normalised start, end, flags, lines skipped


def place(src: Document, pieces: list[Piece], k: int = 0, lo: int = 0,
           hi: int | None = None, after: int = 0, exact: bool = False) -> list[Span] | None:
    """Spans for pieces[k:], each after the one before and at most MAX_GAP away
    (`exact`: only where the normalised pieces occur as they are)."""
    hi = len(src.text) if hi is None else hi
    for s, e, flags, lines in occurrences(src, pieces[k], lo, hi, exact):
        if k and src.norm.raw_start(s) - after > MAX_GAP:
            continue
        if k + 1 == len(pieces):
            return [(s, e, flags, lines)]
        rest = place(src, pieces, k + 1, e, min(len(src.text), e + MAX_GAP + 100),
                      src.norm.raw_end(e), exact)
        if rest:
            return [(s, e, flags, lines), *rest]
    return None


def occurrences(src: Document, piece: Piece, lo: int, hi: int,
                 exact: bool = False) -> Iterator[Span]:
    """Where the piece matches with its start in [lo, hi): exact finds first."""
    tried = set()
    if not any(c in piece.pattern for c in ALTERATIONS):
        for s, flags in _exact(src, piece, lo, hi):
            tried.add(s)
            yield s, s + len(piece.pattern), flags, ()
    if exact:
        return
    for s in _starts(src, piece, lo, hi):
        if s not in tried and (found := _match_at(src, piece, s)):
            yield s, *found


def _variants(text: str, fold: int | None) -> list[tuple[str, int]]:
    if fold is None or fold >= len(text):
        return [(text, 0)]
    other = text[:fold] + text[fold].swapcase() + text[fold + 1:]
    return [(text, 0)] if other == text else [(text, 0), (other, CASE)]


def _exact(src: Document, piece: Piece, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    text = src.text
    for q, flags in _variants(piece.pattern, piece.fold):
        end = min(len(text), hi - 1 + len(q))
        i = text.find(q, lo, end)
        while i >= 0:
            if _bounded(text, i, i + len(q), piece):
                yield i, flags
            i = text.find(q, i + 1, end)


def _bounded(text: str, s: int, e: int, piece: Piece) -> bool:
    """Whether text[s:e] starts and ends on word boundaries where the quote does."""
    q = piece.pattern
    if not piece.open_start and q[0].isalnum() and not _starts_word(text, s):
        return False
    return piece.open_end or _ends_word(text, e, q[-1])


def _starts_word(text: str, s: int) -> bool:
    """Whether a word may start at s: after a non-word character or a glued footnote
    call (`embassy3Reports`)."""
    if not s or not text[s - 1].isalnum():
        return True
    d = s
    while d > max(0, s - 3) and text[d - 1].isdigit():
        d -= 1
    return d < s and glued_marker_len(text, d) == s - d


def _ends_word(text: str, n: int, last: str) -> bool:
    return (not last.isalnum() or n >= len(text) or not text[n].isalnum()
            or marker_len(text, n) > 0 or glued_marker_len(text, n) > 0)


def _match_at(src: Document, piece: Piece, start: int) -> tuple[int, int, tuple[int, ...]] | None:
    """Match the piece from `start` by depth-first search over what may be forgiven,
    preferring a plain match at each step: (end, flags, lines skipped) or None."""
    q = piece.pattern
    stack: list[_State] = [(0, start, 0, False, ())]
    seen: set[tuple[int, int, bool]] = set()
    while stack and len(seen) < 50_000:
        state = stack.pop()
        qi, ni, flags, skipped, lines = state
        if (qi, ni, skipped) in seen:
            continue
        seen.add((qi, ni, skipped))
        if qi == len(q):
            if piece.open_end or _ends_word(src.text, ni, q[-1]):
                return ni, flags, lines
            continue
        stack.extend(reversed(_steps(src, piece, state)))
    return None


# quote index, text index, flags, just skipped lines, the lines skipped so far
_State = tuple[int, int, int, bool, tuple[int, ...]]
_SKIPS = HEADER | COLUMN | INSERTED | NOTES


def _steps(src: Document, piece: Piece, state: _State) -> list[_State]:
    qi, ni, flags, skipped, lines = state
    c, text = piece.pattern[qi], src.text
    if c in ALTERATIONS:
        return [(qi + 1, e, flags | ALTERED, False, lines) for e in _alteration_ends(text, ni, c)]
    out = []
    if ni < len(text):
        if text[ni] == c:
            out.append((qi + 1, ni + 1, flags, False, lines))
        elif qi == piece.fold and text[ni].lower() == c.lower():
            out.append((qi + 1, ni + 1, flags | CASE, False, lines))
        elif c == " " and qi and (marker := glued_marker_len(text, ni)):
            out.append((qi + 1, ni + marker, flags | MARKER, False, lines))   # attitude.3An
    if qi:
        for n, flag, more in src.detours(ni, c, skipped):
            out.append((qi, n, flags | flag, bool(flag & _SKIPS), lines + more))
            if c == " " and flag & _SKIPS and text[ni - 1] != " ":
                # the line break was white space the normal form let a dash absorb ("- 3 -")
                out.append((qi + 1, n, flags | flag, True, lines + more))
    return out


def _alteration_ends(text: str, n: int, kind: str) -> list[int]:
    """Where the source text an [alteration] stands for may end: after 0-6 whole words
    (WORDS), or anywhere within 6 words (GLUED, e.g. `[t]he`, `Peru[’s]`)."""
    ends = [n]
    for _ in range(MAX_ALTERED_WORDS):
        space = text.find(" ", ends[-1], ends[-1] + 60)
        if space < 0:
            break
        ends.append(space + 1)
    if kind == WORDS:
        return ends
    limit = ends[-1] if len(ends) > MAX_ALTERED_WORDS else min(len(text), ends[-1] + 60)
    return list(range(n, limit + 1))


def _starts(src: Document, piece: Piece, lo: int, hi: int) -> list[int]:
    """Candidate starts for the slow matcher: positions in [lo, hi) where the piece's first
    characters occur, a plausible distance before an occurrence of one of its rarer words."""
    q, text = piece.pattern, src.text
    alts = sum(q.count(c) for c in ALTERATIONS)
    windows = [(max(lo, i - off - _reach(src, off, alts)), min(hi, i - off + alts + 1))
               for off, found in _anchors(src, piece, lo, hi, alts) for i in found]
    if not windows and len(q.split()) <= 3:
        windows = [(lo, hi)]
    head = q[:2] if len(q) > 1 and q[1] not in ALTERATIONS else q[:1]
    first = [w for w, _ in _variants(re.split(r"[ \x01\x02]", q, maxsplit=1)[0], piece.fold)]
    found = set()
    for a, b in _merge(windows):
        for variant, _ in _variants(head, piece.fold):
            for i in find_all(text, variant, a, b):
                if ((piece.open_start or not q[0].isalnum() or _starts_word(text, i))
                        and _first_word_fits(src, i, first)):
                    found.add(i)
    return sorted(found)


def _first_word_fits(src: Document, i: int, first: list[str]) -> bool:
    """Cheap test before the matcher: the quote's first word is at i as it stands, or
    something there (a line start, a footnote digit) may explain why not."""
    if any(src.text.startswith(w, i) for w in first):
        return True
    end = i + len(first[0]) + 1
    j = bisect_right(src.line_starts, i)
    return (j < len(src.line_starts) and src.line_starts[j] <= end) or any(
        c.isdigit() for c in src.text[i:end])


def _reach(src: Document, offset: int, alts: int) -> int:
    """How much further than in the quote a word may be from the start in the source:
    skipped lines (a page's footnotes too), hyphens and footnote markers only lengthen it;
    alterations change it."""
    return 2 * offset + 300 + 80 * alts + src.notes_chars


def _anchors(src: Document, piece: Piece, lo: int, hi: int, alts: int) -> list[tuple[int, list[int]]]:
    """Where up to three of the piece's longest words occur, each with its offset in the
    piece: several, as a word may be hyphenated in the source; rare ones (<= 64 times),
    else the first common one."""
    q = piece.pattern
    words = [(m.group(), m.start()) for m in WORD.finditer(q)
             if not (piece.fold is not None and m.start() <= piece.fold < m.end())
             and GLUED not in q[max(0, m.start() - 1):m.end() + 1]]
    rare, common = [], []
    for word, off in sorted(words, key=lambda w: -len(w[0]))[:8]:
        bounds = (max(0, lo + off - alts), hi + off + _reach(src, off, alts))
        found = find_all(src.text, word, *bounds, limit=65)
        if len(found) > 64:
            common.append((word, off, bounds))
        elif found:
            rare.append((off, found))
            if len(rare) == 3:
                break
    if rare or not common:
        return rare
    word, off, bounds = common[0]
    return [(off, find_all(src.text, word, *bounds, limit=2000))]


def find_all(text: str, sub: str, a: int, b: int, limit: int = 10_000) -> list[int]:
    """Offsets in [a, b) where `sub` starts, at most `limit` of them."""
    end = min(len(text), b - 1 + len(sub))
    out: list[int] = []
    i = text.find(sub, max(0, a), end)
    while i >= 0 and len(out) < limit:
        out.append(i)
        i = text.find(sub, i + 1, end)
    return out


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(w for w in windows if w[0] < w[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def all_places(src: Document, pieces: list[Piece]) -> list[list[Span]]:
    """Every non-overlapping placement of the quote in one source, in text order."""
    out: list[list[Span]] = []
    for s, e, flags, lines in sorted(set(occurrences(src, pieces[0], 0, len(src.text)))):
        if out and s < out[-1][-1][1]:
            continue
        rest = [] if len(pieces) == 1 else place(src, pieces, 1, e, min(len(src.text), e + MAX_GAP + 100),
                                                  src.norm.raw_end(e))
        if rest is not None:
            out.append([(s, e, flags, lines), *rest])
    return out
