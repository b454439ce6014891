"""One source's text as the quote verifier reads it: lines, furniture, columns, locators.

Takes a source's raw text (and whether our extractor already put it in reading order);
gives a `Document`: the text in the normal form (compiler/verify/normalise.py), its lines,
which of them may be passed over inside a quote (page furniture, a page's trailing
footnote block, a line of the other column, a web page's inserted line: what counts as
each is in compiler/verify/furniture.py), and the locator of any raw offset. The search
(compiler/verify/search.py) asks it where a quote may step over source text (`skips`,
`detours`); it knows nothing of quotes.

Column-interleaved text is what pdftotext gives for a two-column page without -layout:
hard-wrapped lines (median <= 80 characters, at most 1 in 20 over 100, >= 10 lines, on
average >= 10 lines between blank lines) alternating between the columns. Only such
sources allow column breaks.

Locators: "p. N" when the text has form feeds (pages split at `\\f`), "pp. N–M" for a
quote crossing a page break. For column-interleaved text paragraphs mean nothing, so
pages are counted at the repeated header lines (runs of them after the first three lines,
i.e. the running head of page 2, 3, ...); without such headers it is the file's "line N".
Otherwise "para. N": blocks separated by blank lines when the text has blank lines between
blocks, else each non-empty line. Counting starts at 1 and skips blank blocks.
"""
from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cached_property

from compiler.verify.forgiven import (
    COLUMN,
    HEADER,
    INSERTED,
    JOINED,
    MARKER,
    MAX_COLUMN_LINES,
    NOTES,
)
from compiler.verify.furniture import (
    MAX_INSERTED_LINES,
    inserted_lines,
    marker_len,
    page_furniture,
    trailing_notes,
)
from compiler.verify.normalise import normal_form


class Document:
    """One source text, normalised once, with its lines, furniture and locators."""

    def __init__(self, source_id: str, raw: str, in_reading_order: bool = False) -> None:
        self.id, self.raw = source_id, raw
        self.norm = normal_form(raw)
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
        self.columns = not in_reading_order and is_interleaved(raw)
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
        Recognised here, in the text, rather than marked by load/pdf.py: the extracted text,
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
        text = self.text
        out: list[tuple[int, int, tuple[int, ...]]] = []
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


def is_interleaved(raw: str) -> bool:
    """Whether `raw` reads as column-interleaved text (see the module's docstring)."""
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
