"""Why a quote was not found: the passage of its source most like it, and how they differ.

Takes a `Document` and the quote's `Piece`s that could not be placed; gives the closest
passage (about PASSAGE_CHARS of it, cut around the first difference), its locator and the
word-level differences ("source" -> "quote", extra, missing), for the one line a Miss says.
Similarity only describes a miss, never accepts a quote: words of the quote vote for
where it would start in the source, and difflib aligns the best window with it.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

from compiler.verify.document import Document
from compiler.verify.pieces import WORD, Piece
from compiler.verify.search import find_all

PASSAGE_CHARS = 120      # length of the closest passage shown in a Miss
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def closest_passage(src: Document, pieces: list[Piece]) -> tuple[str, str, str] | None:
    """The passage of the source most like the quote: (passage, locator, differences).
    Words vote for where the quote would start; difflib aligns the best window."""
    qtext = " ".join(re.sub(r"[\x01\x02]", " ", p.pattern) for p in pieces).strip()
    best = _likely_start(src.text, qtext)
    if best is None:
        return None
    w0 = max(0, best - 100)
    window = src.text[w0:best + 2 * len(qtext) + 250]
    qt, wt = _tokens(qtext), _tokens(window)
    if qt and wt and qt[0][0] not in {t for t, _, _ in wt}:
        qt[0] = (qt[0][0][:1].swapcase() + qt[0][0][1:], *qt[0][1:])   # first letter's case
    blocks = [b for b in difflib.SequenceMatcher(None, [t for t, _, _ in qt], [t for t, _, _ in wt],
                                                 autojunk=False).get_matching_blocks() if b.size]
    if sum(b.size for b in blocks) < max(2, len(qt) / 2):
        return None                                   # nothing close enough to show
    j0 = max(0, blocks[0].b - blocks[0].a)
    j1 = min(len(wt), blocks[-1].b + blocks[-1].size + len(qt) - blocks[-1].a - blocks[-1].size)
    span = wt[j0:j1]
    a, b = w0 + span[0][1], w0 + span[-1][2]
    diffs, first = _differences(qt, qtext, span, window)
    passage = _excerpt(src.text, a, b, w0 + first if first is not None else a)
    return passage, src.locate(src.norm.raw_start(a)), diffs


def _likely_start(text: str, qtext: str) -> int | None:
    """Where in text the quote most likely starts: each of its longer, not too common
    words votes for a 50-character bucket; the best run of three buckets wins."""
    votes: Counter[int] = Counter()
    words = {m.group(): m for m in WORD.finditer(qtext)}.values()
    for m in sorted(words, key=lambda m: -len(m.group()))[:12]:
        found = find_all(text, m.group(), 0, len(text), limit=31)
        for i in found if len(found) <= 30 else ():       # a common word says nothing
            votes[(i - m.start()) // 50] += len(m.group())
    if not votes:
        return None
    return max(votes, key=lambda b: (votes[b - 1] + votes[b] + votes[b + 1], -b)) * 50


def _differences(qt: list, qtext: str, st: list, stext: str) -> tuple[str, int | None]:
    """Word-level differences, source -> quote, and where in stext the first one is."""
    ops = [op for op in difflib.SequenceMatcher(None, [t for t, _, _ in qt], [t for t, _, _ in st],
                                                autojunk=False).get_opcodes() if op[0] != "equal"]
    said = []
    for tag, i1, i2, j1, j2 in ops[:3]:
        quoted = clip(qtext[qt[i1][1]:qt[i2 - 1][2]]) if i2 > i1 else ""
        source = clip(stext[st[j1][1]:st[j2 - 1][2]]) if j2 > j1 else ""
        said.append(f'"{source}" -> "{quoted}"' if tag == "replace"
                    else f'extra "{quoted}"' if tag == "delete" else f'missing "{source}"')
    if len(ops) > 3:
        said.append(f"and {len(ops) - 3} more")
    first = None
    if ops:
        j = min(ops[0][3], len(st) - 1)
        first = st[j][1]
    return ", ".join(said) or "spacing or punctuation", first


def clip(text: str, limit: int = 40) -> str:
    """`text`, cut to `limit` characters with an ellipsis if longer."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _excerpt(text: str, a: int, b: int, focus: int) -> str:
    """text[a:b] cut to about PASSAGE_CHARS around `focus`, with ellipses where cut."""
    if b - a > PASSAGE_CHARS:
        a = max(a, min(focus - PASSAGE_CHARS // 3, b - PASSAGE_CHARS))
        b = a + PASSAGE_CHARS
        while a > 0 and text[a - 1].isalnum() and text[a].isalnum():
            a += 1
        while b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
            b -= 1
    left = "…" if a > 0 else ""
    right = "…" if b < len(text.rstrip()) else ""
    return f"{left}{text[a:b].strip()}{right}"
