"""Quote verifier: find a quote in the text of the source it cites.

Takes source texts (id -> text as read from disk) and quote strings; gives a `Match`
(where the quote is, as offsets into the raw text, and how it matched) or a `Miss` (one
line saying why, with the closest passage and how it differs). Knows nothing of YAML.

Forgiven, because typography and text extraction change it (SPEC "Quotes are verified"):
- straight vs curly quotes, two single quotes for a double one (GPO's `‘‘…’’`, TeX's
  ``` ``…'' ```), dash variants (one class, "--" included, and the white space around a
  dash), runs of white space and line breaks, non-breaking, thin and zero-width spaces,
  soft hyphens, ligatures and other NFKC compatibility forms, in source and quote alike;
- a line break before closing punctuation (web text split at a link: `Jerí\n, was`);
- a hyphen at a line end between two lowercase letters, read either way (`attor-\nney` is
  `attorney` or `attor-ney`; `well-\nknown` is `well-known` or `wellknown`); after or
  before a digit or a capital it stays (`10-\npoint`, `non-\nFTA`);
- the case of the quote's first letter;
- footnote calls glued to a word: 1-3 digits after a lowercase word of >= 3 letters or after
  the punctuation closing a word (`government.1 Instead`, `inhabitants2 of`), also in place
  of the space after them (`Reports1from`, `attitude.3An`, `(MCAS)8can`); never digits of
  a number (`10,000`, `3.5`, `FY2024`, `H.R. 3`, `H.R.3`, `art.3 of`);
- page furniture interrupting the quote at a line end, whole lines only (what counts as
  furniture, an inserted line or a footnote call is in compiler/verify/furniture.py): in text with form
  feeds, short lines among a page's first or last EDGE_LINES lines that recur at another
  page's edge (the same, or with a number keeping step with the page: "Page 3 of 9",
  "CRS-3") or that are the page's own number; in other text, a line of <= 100 characters
  occurring twice or more;
- in text with form feeds, the footnote block closing the page where a quote is cut
  (paragraphs opening with consecutive note numbers, after a body line that stops inside a
  sentence; `trailing_notes` in compiler/verify/furniture.py), skipped whole and only to go on
  to a later page: quietly, like furniture (how="normalised", the lines in Match.skipped);
- in column-interleaved text (below), one or two whole lines of the other column skipped at
  a line end: how="column-break", with a warning;
- in other text without form feeds (web pages), up to MAX_INSERTED_LINES whole lines a
  site's template inserts between paragraphs: a labelled line ("READ MORE: …", "MIRA | …",
  "Advertisement"), link titles under a list label ("Related:", "Lee también:"), a Title
  Case line between two paragraphs: how="inserted-line", with a warning naming each line.
`...` or `…` marks an omission: the pieces must appear in order, each gap at most 600 raw
characters. `[text]` marks an alteration standing for at most 6 words of the original (or
an insertion); the text around it must match on both sides. Nothing else is forgiven and
nothing is accepted on a similarity score: similarity only describes a Miss.

Column-interleaved text is what pdftotext gives for a two-column page without -layout:
hard-wrapped lines (median <= 80 characters, at most 1 in 20 over 100, >= 10 lines, on
average >= 10 lines between blank lines) alternating between the columns. Only such
sources allow column breaks.

Locators: "p. N" when the text has form feeds (pages split at `\f`), "pp. N–M" for a
quote crossing a page break. For column-interleaved text paragraphs mean nothing, so
pages are counted at the repeated header lines (runs of them after the first three lines,
i.e. the running head of page 2, 3, ...); without such headers it is the file's "line N".
Otherwise "para. N": blocks separated by blank lines when the text has blank lines between
blocks, else each non-empty line. Counting starts at 1 and skips blank blocks.

How it is fast: each source is normalised once (`_Normalised`: single-spaced text, a map
back to raw offsets, where lines start). A quote is normalised the same way and looked up
with `str.find`; only when that fails does a small backtracking matcher run, from starts
near the quote's rarer words. For a Miss, "found in another source" means the normalised
quote occurs there as it stands (no hyphenation or column breaks forgiven), looked for only
in the sources a word index says hold all of the quote's words.
"""
from __future__ import annotations

import difflib
import re
import statistics
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from compiler.verify.furniture import (
    MAX_INSERTED_LINES,
    glued_marker_len,
    inserted_lines,
    marker_len,
    page_furniture,
    trailing_notes,
)

__all__ = ["Corpus", "Match", "Miss", "normalise"]

MAX_GAP = 600            # raw characters an omission may leave out
MAX_ALTERED_WORDS = 6    # words of the original one [alteration] may stand for
MAX_COLUMN_LINES = 2     # lines of the other column skipped at one line end
PASSAGE_CHARS = 120      # length of the closest passage shown in a Miss

# Flags recording what a match forgave.
CASE, JOINED, MARKER, HEADER, COLUMN, ALTERED, INSERTED, NOTES = 1, 2, 4, 8, 16, 32, 64, 128


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


# --- Normalisation ---------------------------------------------------------------------

_SQUOTES, _DQUOTES = "‘’‚‛′‹›ʼ`", "“”„‟″«»〃"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_SPACES = "\t\xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200b)))
_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_GONE = "\xad\u200b\u200c\u200d\u2060\ufeff" + "".join(
    chr(c) for c in [*range(0x00, 0x09), *range(0x0e, 0x1c), *range(0x1f, 0x20), 0x7f])
_TABLE = {**dict.fromkeys(_SQUOTES, "'"), **dict.fromkeys(_DQUOTES, '"'), **dict.fromkeys(_DASHES, "-"),
          **dict.fromkeys(_SPACES, " "), **dict.fromkeys(_BREAKS, "\n"), **dict.fromkeys(_GONE, "\x00")}
# Everything whose normal form differs: deleted characters (a soft hyphen at a line end
# joins the word), white space around dashes and dash runs, white space runs and line
# breaks, non-ASCII runs (NFKC). _TRIGGER finds where one may start, fast (a plain
# character class), and _SPECIAL is tried only there.
# Two single quotes are a double one (GPO's ‘‘…’’, TeX's ``…'').
_TRIGGERS = {(spaces, quotes): re.compile(r"[\x00\n\-\x80-\U0010ffff]" + "|  " * spaces + "|''" * quotes)
             for spaces in (False, True) for quotes in (False, True)}   # alternatives are slower
# A line break before closing punctuation is gone: web text split at an inline link
# ("José Jerí\n, was sworn in").
_SPECIAL = re.compile(r"(?P<gone>\x00+(?:[ \n]*\n[ \n]*)?)|(?P<dash>[ \n]+-+[ \n]*|-+[ \n]+|-{2,})"
                      r"|(?P<tight>[ \n]*\n[ \n]*(?=[,.;:!?)\]]))"
                      r"|(?P<space>[ \n]{2,}|\n)|(?P<wide>[^\x00-\x7f]+)|(?P<double>'')")


def _typeset(text: str) -> str:
    """Map quote, dash, space and line-break variants to one character each (as fast
    as str.replace: str.translate is slow on non-ASCII text)."""
    for variant, plain in _TABLE.items():
        if variant in text:
            text = text.replace(variant, plain)
    return text


@dataclass
class _Normalised:
    """Normalised text, its map back to raw offsets, and where its lines start."""

    text: str
    seg_n: array           # segments whose length changed: normalised start ...
    seg_n_end: array
    seg_r: array           # ... and raw start, end
    seg_r_end: array
    line_starts: array     # normalised offset of the first character of each line

    def raw_start(self, n: int) -> int:
        k = bisect_right(self.seg_n, n) - 1
        if k < 0:
            return n
        if n < self.seg_n_end[k]:
            return self.seg_r[k]
        return self.seg_r_end[k] + n - self.seg_n_end[k]

    def raw_end(self, n: int) -> int:
        """Raw end (exclusive) of a normalised span ending (exclusive) at n."""
        k = bisect_right(self.seg_n, n - 1) - 1
        if k >= 0 and n - 1 < self.seg_n_end[k]:
            return self.seg_r_end[k]
        return n if k < 0 else self.seg_r_end[k] + n - self.seg_n_end[k]


def _replacement(kind: str, s: str) -> tuple[str, int | None]:
    """The normal form of one special run, and where in it a new line starts (if any)."""
    if kind in ("gone", "tight"):
        return "", 0 if "\n" in s else None
    if kind == "dash":
        after = s[s.rfind("-") + 1:]
        return "-", 1 if "\n" in after else 0 if "\n" in s else None
    if kind == "space":
        return " ", 1 if "\n" in s else None
    if kind == "double":
        return '"', None
    return _typeset(unicodedata.normalize("NFKC", s)).replace("\x00", ""), None


def _normalise(raw: str) -> _Normalised:
    t = _typeset(raw)
    out: list[str] = []
    segs = [array("q") for _ in range(4)]
    starts = [0]
    pos = n = 0
    for trigger in _TRIGGERS["  " in t, "''" in t].finditer(t):
        at = trigger.start()
        while at > pos and t[at - 1] == " " and t[at] in "\n-":
            at -= 1                                  # the space before a line break or dash
        if at < pos or not (m := _SPECIAL.match(t, at)):
            continue
        a, b = m.span()
        if m.lastgroup == "wide" and a > pos and unicodedata.combining(t[a]):
            a -= 1                                   # compose with the letter before
        rep, line_at = _replacement(m.lastgroup or "", t[a:b])
        if rep == t[a:b] and line_at is None:
            continue
        out.append(t[pos:a])
        n += a - pos
        if line_at is not None:
            starts.append(n + line_at)
        if len(rep) != b - a:
            for seg, value in zip(segs, (n, n + len(rep), a, b)):
                seg.append(value)
        out.append(rep)
        n += len(rep)
        pos = b
    out.append(t[pos:])
    text = "".join(out)
    lines = array("q", sorted({s for s in starts if s < len(text) and text[s] != " "}))
    return _Normalised(text, *segs, lines)


def normalise(text: str) -> str:
    """The normal form quotes and sources are compared in (single-spaced, straight quotes,
    one dash, NFKC). Useful to show users what was compared."""
    return _normalise(text).text.strip()


# --- Sources -------------------------------------------------------------------------

class _Source:
    """One source text, normalised once, with its lines, furniture and locators."""

    def __init__(self, source_id: str, raw: str, in_reading_order: bool = False) -> None:
        self.id, self.raw = source_id, raw
        self.norm = _normalise(raw)
        self.text = self.norm.text
        self.line_starts = self.norm.line_starts
        self._line_set = set(self.line_starts)
        self.paged = "\f" in raw
        self.page: list[int] = []
        # furniture: page-aware where there are pages; repeated lines elsewhere, but not in
        # text we extracted (it has none left, and a line that merely recurs is the source's own)
        self.header = (self._furniture() if self.paged else
                       bytearray(len(self.line_starts)) if in_reading_order else self._headers())
        self.notes = self._notes() if self.paged else bytearray(len(self.line_starts))
        self.notes_chars = self._notes_chars()
        # text our extractor put in reading order has no interleaved columns to forgive:
        # skipping lines there could only drop the source's own words
        self.columns = not in_reading_order and _is_interleaved(raw)
        self.web = not (self.paged or self.columns)      # may have inserted boilerplate lines
        self._unit, self._marks = self._locator_marks()

    def lines(self) -> list[str]:
        ends = [*self.line_starts[1:], len(self.text)]
        return [self.text[a:b].strip(" ") for a, b in zip(self.line_starts, ends)]

    def _headers(self) -> bytearray:
        """Lines repeated identically (running heads, URL footers): skippable."""
        lines = self.lines()
        counts = Counter(lines)
        return bytearray(1 if 0 < len(x) <= 100 and counts[x] >= 2 else 0 for x in lines)

    def _furniture(self) -> bytearray:
        feeds = [m.start() for m in re.finditer("\f", self.raw)]
        # (a line's first character may stand for a run of raw ones, "\n\f- ": take its end)
        self.page = [bisect_right(feeds, self.norm.raw_end(s + 1) - 1) for s in self.line_starts]
        return page_furniture(self.lines(), self.page)

    def _notes(self) -> bytearray:
        """Each page's trailing footnote block (1 on its first line, 2 on the rest).
        Recognised here, in the text, rather than marked by pdftext: the extracted text,
        its locators and what `brief find` prints stay as they are, the extraction cache
        stays valid, and text files with form feeds (pdftotext's) get the same forgiveness."""
        paragraph = []
        for s in self.line_starts:          # a blank line or a form feed before the line
            k = s - 1
            while k >= 0 and self.text[k] == " ":
                k -= 1
            gap = self.raw[self.norm.raw_end(k + 1):self.norm.raw_start(s)]
            paragraph.append(k < 0 or bool(re.search(r"\n[ \t]*\n|\f", gap)))
        return trailing_notes(self.lines(), self.page, paragraph, self.header)

    def _notes_chars(self) -> int:
        """Length of the longest footnote block: how much further a quote's later words may be."""
        ends, longest, at = [*self.line_starts[1:], len(self.text)], 0, 0
        for j, kind in enumerate(self.notes):
            if kind == 1:
                at = self.line_starts[j]
            if kind and (j + 1 == len(self.notes) or self.notes[j + 1] != 2):
                longest = max(longest, ends[j] - at)
        return longest

    @cached_property
    def inserted(self) -> bytearray:
        """Inserted web lines, computed only when a quote needs them."""
        return inserted_lines(self.lines())

    def _locator_marks(self) -> tuple[str, list[int]]:
        if self.paged:
            return "p.", [0] + [m.end() for m in re.finditer("\f", self.raw)]
        if self.columns:
            heads = [self.norm.raw_start(self.line_starts[j]) for j in range(3, len(self.header))
                     if self.header[j] and not self.header[j - 1]]
            if heads:
                return "p.", [0] + heads
            return "line", [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", self.raw)]
        return "para.", _paragraph_starts(self.raw)

    def locate(self, raw_offset: int, raw_end: int | None = None) -> str:
        """"p. 3", or "pp. 2–3" for a span (raw_end exclusive) crossing a page break."""
        first = max(1, bisect_right(self._marks, raw_offset))
        last = first if raw_end is None else max(1, bisect_right(self._marks, raw_end - 1))
        if self._unit == "p." and self.paged and last > first:
            return f"pp. {first}\u2013{last}"
        return f"{self._unit} {first}"

    def starts_line(self, n: int) -> bool:
        return n in self._line_set

    def skips(self, n: int) -> list[tuple[int, int, tuple[int, ...]]]:
        """Line starts reachable from the line starting at n by skipping whole lines, with
        what was skipped: any number of furniture lines, a page's trailing footnote block
        whole (from its first line, landing on a later page: only where a quote crosses
        that page's break), in interleaved text up to two lines of the other column, in web
        text up to MAX_INSERTED_LINES inserted lines."""
        j = bisect_left(self.line_starts, n)
        out: list[tuple[int, int, tuple[int, ...]]] = []
        flags = others = inserted = 0
        notes_page = -1                  # the page whose notes are being skipped
        skipped: tuple[int, ...] = ()
        while j + 1 < len(self.line_starts):
            if self.notes[j] == 1 and notes_page < 0 and not others or (
                    self.notes[j] == 2 and notes_page == self.page[j]):
                flags |= NOTES
                notes_page = self.page[j]
            elif self.header[j]:
                flags |= HEADER
            elif self.columns and others < MAX_COLUMN_LINES:
                others += 1
                flags |= COLUMN
            elif self.web and inserted < MAX_INSERTED_LINES and self.inserted[j]:
                inserted += 1
                flags |= INSERTED
            else:
                break
            skipped += (j,)
            j += 1
            if notes_page < 0 or self.page[j] != notes_page:
                out.append((self.line_starts[j], flags, skipped))
        return out

    def detours(self, n: int, c: str, skipped: bool) -> list[tuple[int, int, tuple[int, ...]]]:
        """Source text at n the quote character c may pass over: (new n, flag, lines
        skipped). Lines are not skipped twice in a row: `skips` offers every run of them."""
        text, out = self.text, []
        if n >= len(text):
            return out
        if text[n] == "-" and c.islower() and n and text[n - 1].islower() and self.starts_line(n + 1):
            if text[n + 1:n + 2].islower():
                out.append((n + 1, JOINED, ()))         # attor-|ney; not non-|FTA, 10-|point
            if not skipped:                             # gov-|furniture|ernment
                out.extend((m, JOINED | flag, lines) for m, flag, lines in self.skips(n + 1)
                           if text[m:m + 1].islower())
        if text[n].isdigit() and (marker := marker_len(text, n)):
            out.append((n + marker, MARKER, ()))
        if not skipped and self.starts_line(n):
            out.extend(self.skips(n))
        return out


def _is_interleaved(raw: str) -> bool:
    lines = [line.strip() for line in raw.splitlines()]
    content = [line for line in lines if line]
    if len(content) < 10:
        return False
    blocks = sum(1 for prev, line in zip([""] + lines, lines) if line and not prev)
    long = sum(len(line) > 100 for line in content)      # a web page's paragraph lines
    return (statistics.median(map(len, content)) <= 80 and len(content) >= 10 * blocks
            and long * 20 <= len(content))


def _paragraph_starts(raw: str) -> list[int]:
    """Raw offsets where paragraphs start: blank-line blocks if the text has blank lines
    between blocks, else every non-empty line."""
    lines = raw.splitlines(keepends=True)
    blank = [not line.strip() for line in lines]
    content = [i for i, is_blank in enumerate(blank) if not is_blank]
    blocks = bool(content) and any(blank[content[0]:content[-1]])
    starts, offset, prev_blank = [], 0, True
    for line, is_blank in zip(lines, blank):
        if not is_blank and (prev_blank or not blocks):
            starts.append(offset + len(line) - len(line.lstrip()))
        prev_blank, offset = is_blank, offset + len(line)
    return starts


# --- Quotes ---------------------------------------------------------------------------

WORDS, GLUED = "\x01", "\x02"   # alteration stand-ins: whole words / glued to a word
_ALTERATIONS = (WORDS, GLUED)
_OMISSION = re.compile(r" ?\[?\.(?: ?\.){2,}\]? ?")
_BRACKET = r"\[[^\[\]]*\]"
_WORD = re.compile(r"[^\W_]{2,}")
_INDEX_WORD = re.compile(r"[^\W\d_]{4,}")
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class _Piece:
    """One stretch of a quote between omissions, normalised."""

    pattern: str                # WORDS / GLUED stand for [alterations]
    fold: int | None = None     # index of the quote's first letter: its case is forgiven
    open_start: bool = False    # a dropped [alteration] was glued on: no word boundary
    open_end: bool = False
    altered: bool = False


def _parse(quote: str) -> list[_Piece] | str:
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


def _piece(text: str) -> _Piece | None:
    open_start = open_end = altered = False
    while m := re.match(_BRACKET + " ?", text):         # leading [alteration]: nothing to check
        open_start, altered, text = not m.group().endswith(" "), True, text[m.end():]
    while m := re.search(" ?" + _BRACKET + "$", text):
        open_end, altered, text = not m.group().startswith(" "), True, text[:m.start()]
    if not text.strip():
        return None
    pattern = re.sub("(?<= )" + _BRACKET + " ", WORDS, text)
    pattern = re.sub(_BRACKET, GLUED, pattern)
    return _Piece(pattern, None, open_start, open_end, altered or pattern != text)


# --- Matching -------------------------------------------------------------------------

Span = tuple[int, int, int, tuple[int, ...]]     # normalised start, end, flags, lines skipped


def _place(src: _Source, pieces: list[_Piece], k: int = 0, lo: int = 0,
           hi: int | None = None, after: int = 0, exact: bool = False) -> list[Span] | None:
    """Spans for pieces[k:], each after the one before and at most MAX_GAP away
    (`exact`: only where the normalised pieces occur as they are)."""
    hi = len(src.text) if hi is None else hi
    for s, e, flags, lines in _occurrences(src, pieces[k], lo, hi, exact):
        if k and src.norm.raw_start(s) - after > MAX_GAP:
            continue
        if k + 1 == len(pieces):
            return [(s, e, flags, lines)]
        rest = _place(src, pieces, k + 1, e, min(len(src.text), e + MAX_GAP + 100),
                      src.norm.raw_end(e), exact)
        if rest:
            return [(s, e, flags, lines), *rest]
    return None


def _occurrences(src: _Source, piece: _Piece, lo: int, hi: int,
                 exact: bool = False) -> Iterator[Span]:
    """Where the piece matches with its start in [lo, hi): exact finds first."""
    tried = set()
    if not any(c in piece.pattern for c in _ALTERATIONS):
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


def _exact(src: _Source, piece: _Piece, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    text = src.text
    for q, flags in _variants(piece.pattern, piece.fold):
        end = min(len(text), hi - 1 + len(q))
        i = text.find(q, lo, end)
        while i >= 0:
            if _bounded(text, i, i + len(q), piece):
                yield i, flags
            i = text.find(q, i + 1, end)


def _bounded(text: str, s: int, e: int, piece: _Piece) -> bool:
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


def _match_at(src: _Source, piece: _Piece, start: int) -> tuple[int, int, tuple[int, ...]] | None:
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


def _steps(src: _Source, piece: _Piece, state: _State) -> list[_State]:
    qi, ni, flags, skipped, lines = state
    c, text = piece.pattern[qi], src.text
    if c in _ALTERATIONS:
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


def _starts(src: _Source, piece: _Piece, lo: int, hi: int) -> list[int]:
    """Candidate starts for the slow matcher: positions in [lo, hi) where the piece's first
    characters occur, a plausible distance before an occurrence of one of its rarer words."""
    q, text = piece.pattern, src.text
    alts = sum(q.count(c) for c in _ALTERATIONS)
    windows = [(max(lo, i - off - _reach(src, off, alts)), min(hi, i - off + alts + 1))
               for off, found in _anchors(src, piece, lo, hi, alts) for i in found]
    if not windows and len(q.split()) <= 3:
        windows = [(lo, hi)]
    head = q[:2] if len(q) > 1 and q[1] not in _ALTERATIONS else q[:1]
    first = [w for w, _ in _variants(re.match(r"[^ \x01\x02]*", q).group(), piece.fold)]
    found = set()
    for a, b in _merge(windows):
        for variant, _ in _variants(head, piece.fold):
            for i in _find_all(text, variant, a, b):
                if ((piece.open_start or not q[0].isalnum() or _starts_word(text, i))
                        and _first_word_fits(src, i, first)):
                    found.add(i)
    return sorted(found)


def _first_word_fits(src: _Source, i: int, first: list[str]) -> bool:
    """Cheap test before the matcher: the quote's first word is at i as it stands, or
    something there (a line start, a footnote digit) may explain why not."""
    if any(src.text.startswith(w, i) for w in first):
        return True
    end = i + len(first[0]) + 1
    j = bisect_right(src.line_starts, i)
    return (j < len(src.line_starts) and src.line_starts[j] <= end) or any(
        c.isdigit() for c in src.text[i:end])


def _reach(src: _Source, offset: int, alts: int) -> int:
    """How much further than in the quote a word may be from the start in the source:
    skipped lines (a page's footnotes too), hyphens and footnote markers only lengthen it;
    alterations change it."""
    return 2 * offset + 300 + 80 * alts + src.notes_chars


def _anchors(src: _Source, piece: _Piece, lo: int, hi: int, alts: int) -> list[tuple[int, list[int]]]:
    """Where up to three of the piece's longest words occur, each with its offset in the
    piece: several, as a word may be hyphenated in the source; rare ones (<= 64 times),
    else the first common one."""
    q = piece.pattern
    words = [(m.group(), m.start()) for m in _WORD.finditer(q)
             if not (piece.fold is not None and m.start() <= piece.fold < m.end())
             and GLUED not in q[max(0, m.start() - 1):m.end() + 1]]
    rare, common = [], []
    for word, off in sorted(words, key=lambda w: -len(w[0]))[:8]:
        bounds = (max(0, lo + off - alts), hi + off + _reach(src, off, alts))
        found = _find_all(src.text, word, *bounds, limit=65)
        if len(found) > 64:
            common.append((word, off, bounds))
        elif found:
            rare.append((off, found))
            if len(rare) == 3:
                break
    if rare or not common:
        return rare
    word, off, bounds = common[0]
    return [(off, _find_all(src.text, word, *bounds, limit=2000))]


def _find_all(text: str, sub: str, a: int, b: int, limit: int = 10_000) -> list[int]:
    """Offsets in [a, b) where `sub` starts, at most `limit` of them."""
    end, out = min(len(text), b - 1 + len(sub)), []
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


# --- Results ---------------------------------------------------------------------------

def _match(src: _Source, quote: str, pieces: list[_Piece], spans: list[Span]) -> Match:
    flags, lines = 0, []
    for _, _, f, skipped in spans:
        flags |= f
        lines.extend(skipped)
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
            warnings.append(f'matched across an inserted line "{_clip(texts[j], 60)}" in `{src.id}` '
                            f"({locator}): check the passage reads as quoted")
    ends = [*src.line_starts[1:], len(src.text)]
    skipped = tuple((src.norm.raw_start(src.line_starts[j]), src.norm.raw_start(ends[j])) for j in lines)
    return Match(src.id, start, end, raw, how, locator, tuple(warnings), skipped)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _closest(src: _Source, pieces: list[_Piece]) -> tuple[str, str, str] | None:
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
    words = {m.group(): m for m in _WORD.finditer(qtext)}.values()
    for m in sorted(words, key=lambda m: -len(m.group()))[:12]:
        found = _find_all(text, m.group(), 0, len(text), limit=31)
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
        quoted = _clip(qtext[qt[i1][1]:qt[i2 - 1][2]]) if i2 > i1 else ""
        source = _clip(stext[st[j1][1]:st[j2 - 1][2]]) if j2 > j1 else ""
        said.append(f'"{source}" -> "{quoted}"' if tag == "replace"
                    else f'extra "{quoted}"' if tag == "delete" else f'missing "{source}"')
    if len(ops) > 3:
        said.append(f"and {len(ops) - 3} more")
    first = None
    if ops:
        j = min(ops[0][3], len(st) - 1)
        first = st[j][1]
    return ", ".join(said) or "spacing or punctuation", first


def _clip(text: str, limit: int = 40) -> str:
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


# --- The corpus --------------------------------------------------------------------------

class Corpus:
    """Every source of a briefing, normalised and indexed once."""

    def __init__(self, texts: Mapping[str, str], in_reading_order: Collection[str] = ()) -> None:
        """`in_reading_order`: ids of texts extracted from PDF or HTML by compiler/load/pdf.py
        and htmltext.py, whose columns are already one after another."""
        self._sources = {sid: _Source(sid, raw, sid in in_reading_order) for sid, raw in texts.items()}
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
        pieces = _parse(quote)
        if isinstance(pieces, str):
            return Miss(source_id, pieces)
        spans = _place(src, pieces)
        if spans:
            return _match(src, quote, pieces, spans)
        return self._miss(src, pieces)

    def find(self, text: str) -> list[Match]:
        """Every place `text` occurs, as a quote would be verified, across all sources."""
        pieces = _parse(text)
        if isinstance(pieces, str):
            return []
        out = []
        for src in self._holding(pieces):
            out.extend(_match(src, text, pieces, spans) for spans in _all_places(src, pieces))
        return out

    def locate(self, source_id: str, offset: int) -> str:
        """The locator ("p. 2", "para. 4") of a raw offset in a source."""
        return self._sources[source_id].locate(offset)

    def _holding(self, pieces: list[_Piece], but: str = "") -> list[_Source]:
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

    def _miss(self, src: _Source, pieces: list[_Piece]) -> Miss:
        found_in = None
        for other in self._holding(pieces, but=src.id):
            spans = _place(other, pieces, exact=True)
            if spans:
                found_in = (other.id, other.locate(other.norm.raw_start(spans[0][0])))
                break
        closest, message = None, f"quote not found in `{src.id}`"
        if len(pieces) > 1 and all(next(_occurrences(src, p, 0, len(src.text)), None) for p in pieces):
            message += (f"; every piece around the omissions is there, but not in order "
                        f"within {MAX_GAP} characters of each other")
        elif near := _closest(src, pieces):
            closest, locator, diffs = near
            message += f'; closest passage ({locator}): "{closest}"; differs: {diffs}'
        else:
            message += "; no passage comes close"
        if found_in:
            message += f"; found in `{found_in[0]}`, {found_in[1]}: did you cite the wrong source?"
        return Miss(src.id, message, closest, found_in)


def _all_places(src: _Source, pieces: list[_Piece]) -> list[list[Span]]:
    """Every non-overlapping placement of the quote in one source, in text order."""
    out: list[list[Span]] = []
    for s, e, flags, lines in sorted(set(_occurrences(src, pieces[0], 0, len(src.text)))):
        if out and s < out[-1][-1][1]:
            continue
        rest = [] if len(pieces) == 1 else _place(src, pieces, 1, e, min(len(src.text), e + MAX_GAP + 100),
                                                  src.norm.raw_end(e))
        if rest is not None:
            out.append([(s, e, flags, lines), *rest])
    return out
