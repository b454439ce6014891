"""What the quote verifier forgives, and how far: the limits and the flags a match keeps.

Forgiven, because typography and text extraction change it (SPEC "Quotes are verified"):
- straight vs curly quotes, two single quotes for a double one (GPO's `‘‘…’’`, TeX's
  ``` ``…'' ```), dash variants (one class, "--" included, and the white space around a
  dash), runs of white space and line breaks, non-breaking, thin and zero-width spaces,
  soft hyphens, ligatures and other NFKC compatibility forms, in source and quote alike
  (compiler/verify/normalise.py);
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
- in column-interleaved text (compiler/verify/document.py), one or two whole lines of the
  other column skipped at a line end: how="column-break", with a warning;
- in other text without form feeds (web pages), up to MAX_INSERTED_LINES whole lines a
  site's template inserts between paragraphs: a labelled line ("READ MORE: …", "MIRA | …",
  "Advertisement"), link titles under a list label ("Related:", "Lee también:"), a Title
  Case line between two paragraphs: how="inserted-line", with a warning naming each line.
`...` or `…` marks an omission: the pieces must appear in order, each gap at most 600 raw
characters. `[text]` marks an alteration standing for at most 6 words of the original (or
an insertion); the text around it must match on both sides. Nothing else is forgiven and
nothing is accepted on a similarity score: similarity only describes a Miss.

One module holds these so that the document (which lines may be skipped), the search
(which steps it may take) and the result (how a match is described) agree on them.
"""
from __future__ import annotations

MAX_GAP = 600            # raw characters an omission may leave out
MAX_ALTERED_WORDS = 6    # words of the original one [alteration] may stand for
MAX_COLUMN_LINES = 2     # lines of the other column skipped at one line end

# Flags recording what a match forgave.
CASE, JOINED, MARKER, HEADER, COLUMN, ALTERED, INSERTED, NOTES = 1, 2, 4, 8, 16, 32, 64, 128
