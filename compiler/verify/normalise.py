"""The normal form quotes and sources are compared in, and its map back to raw offsets.

Takes a raw text; gives it single-spaced, with straight quotes, one dash, no soft hyphens
or zero-width characters, NFKC compatibility forms folded (the variants listed in
compiler/verify/forgiven.py), together with a map from each normalised offset back to the
raw text and where each line starts. Each source is normalised once, so that a quote
normalised the same way can be looked up with `str.find`, and a match found in the normal
form is reported (offsets, locators, the passage) in the raw text the user has.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass

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
class Normalised:
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


def normal_form(raw: str) -> Normalised:
    """`raw` in the normal form, with its map back to raw offsets and where its lines start."""
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
    seg_n, seg_n_end, seg_r, seg_r_end = segs
    return Normalised(text, seg_n, seg_n_end, seg_r, seg_r_end, lines)


def normalise(text: str) -> str:
    """The normal form quotes and sources are compared in (single-spaced, straight quotes,
    one dash, NFKC). Useful to show users what was compared."""
    return normal_form(text).text.strip()
