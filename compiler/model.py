"""The resolved briefing: what the resolve stage gives and both renderers read.

Everything here is frozen and fully resolved: footnotes are numbered, figures are
numbered, quotes are verified, citations are formatted. A renderer only lays out;
it never re-parses Markdown, re-numbers or re-verifies.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Union

MAX_LABELLED = 16      # data points a chart labels by default


@dataclass(frozen=True)
class Location:
    """Where something was written: FILE:LINE:COL, 1-based."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" + (f":{self.col}" if self.col else "")   # col 0: none


# --- rich text -------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A run of text with its inline styling; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Cite:
    """One work cited at one place, with everything a renderer shows of it."""

    source_id: str
    locator: str | None
    full: tuple[Text, ...]      # full Chicago note for this work + locator (speaker notes)
    short: str                  # plain short form for a slide's source line
    title: str = ""             # the work's title as the catalog gives it (to shorten and group)


@dataclass(frozen=True)
class NoteRef:
    """A citation in running text. In the memo it is footnote `footnote`;
    in the deck (where points are not part of the memo) `footnote` may be None.
    With an author-date style it is no footnote but `in_text`, printed in the line."""

    cites: tuple[Cite, ...]
    footnote: int | None
    in_text: Inlines = ()


Inline = Union[Text, NoteRef]
Inlines = tuple[Inline, ...]


def merged(runs) -> Inlines:
    """Neighbouring text runs of one style (bold, italic, code, link) joined, empty ones
    dropped, so renderers see whole phrases; a note call is never merged."""
    out: list[Inline] = []
    for run in runs:
        if isinstance(run, Text) and not run.text:
            continue
        last = out[-1] if out else None
        if isinstance(run, Text) and isinstance(last, Text) and \
                (last.bold, last.italic, last.code, last.href) == (run.bold, run.italic, run.code, run.href):
            out[-1] = Text(last.text + run.text, run.bold, run.italic, run.code, run.href)
        else:
            out.append(run)
    return tuple(out)


def plain(runs: Inlines) -> str:
    """The words of `runs` without their styling (a note call prints nothing)."""
    return "".join(r.text for r in runs if isinstance(r, Text)).strip()


@dataclass(frozen=True)
class Paragraph:
    inlines: Inlines


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inlines, ...]
    ordered: bool = False


Block = Union[Paragraph, BulletList]


# --- sources and notes -----------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A catalog entry whose text file was read."""

    id: str
    title: str
    authors: tuple[str, ...]
    publisher: str | None
    number: str | None
    date: str | None            # as written: YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None
    file: Path                  # absolute path of the source text
    location: Location          # where the catalog entry was written
    reliability: str | None = None   # "unverified": quoting it warns (an error with --strict)
    type: str | None = None          # CSL item type (report, webpage, article-journal, ...)
    container: str | None = None     # CSL container-title: journal, newspaper, website
    accessed: str | None = None      # YYYY[-MM[-DD]]


@dataclass(frozen=True)
class Footnote:
    """Memo footnote N: numbered once across the memo, in reading order."""

    number: int
    text: Inlines               # Chicago note: full on first citation of a work, short later


@dataclass(frozen=True)
class BibliographyEntry:
    source_id: str
    text: Inlines               # Chicago bibliography form


# --- content ---------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    text: str                   # as written in the outline (omissions/alterations kept)
    source: Source
    speaker: str | None
    cite: Cite
    footnote: int | None        # None with an author-date style: see in_text
    match: str                  # how it matched: exact | normalised | omission | column-break | inserted-line
    location: Location
    in_text: Inlines = ()   # author-date styles: "(Beittel and Miro 2024, 2)"


@dataclass(frozen=True)
class Chart:
    type: str                   # column | bar | line | pie
    unit: str | None
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    stacked: bool = False       # column/bar series stacked
    labels: bool | None = None  # data labels; None: the renderer decides (few points: on)
    y_min: float | None = None  # value axis bounds; None: automatic
    y_max: float | None = None

    @property
    def labelled(self) -> bool:
        """Value labels as the outline says; by default only on few points, above
        MAX_LABELLED they are clutter. Memo and deck ask the same question here."""
        if self.labels is not None:
            return self.labels
        return len(self.categories) * len(self.series) <= MAX_LABELLED


@dataclass(frozen=True)
class Image:
    path: Path                  # absolute, inside the briefing folder
    format: str                 # png | jpg | svg
    width_px: int
    height_px: int


@dataclass(frozen=True)
class Table:
    columns: tuple[Inlines, ...]            # header cells
    rows: tuple[tuple[Inlines, ...], ...]   # each as long as `columns`


@dataclass(frozen=True)
class Figure:
    id: str
    number: int                 # "Figure N" (or "Table N") in both outputs
    title: str
    content: Chart | Image | Table   # exactly one; a table is numbered apart: "Table N"
    caption: Inlines
    cite: Cite | None           # where the numbers/picture come from
    footnote: int | None        # memo footnote for the source note
    location: Location
    in_text: Inlines = ()   # author-date styles: the source in the text, no footnote
    alt: str | None = None      # a picture's alternative text as written ("": decoration)

    @property
    def chart(self) -> Chart | None:
        return self.content if isinstance(self.content, Chart) else None

    @property
    def image(self) -> Image | None:
        return self.content if isinstance(self.content, Image) else None

    @property
    def table(self) -> Table | None:
        return self.content if isinstance(self.content, Table) else None

    @property
    def label(self) -> str:
        """ "Figure 2" or "Table 1": how both outputs name it."""
        return f"{'Table' if self.table else 'Figure'} {self.number}"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: tuple[Block, ...]
    points: tuple[Inlines, ...] # the slide's bullets
    points_derived: bool        # True when derived from the body (no `points:` given)
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class MemoHeader:
    to: str | None
    from_: str | None
    re: str


@dataclass(frozen=True)
class Theme:
    """Colours, fonts and logo shared by the memo and the deck."""

    primary: str                # hex "#RRGGBB"
    accent: str
    text: str
    muted: str                  # greys: source lines, captions
    rule: str
    light: str                  # pale fill
    palette: tuple[str, ...]    # chart series, colour-blind-safe order
    serif: str                  # font name the deck names (e.g. Cambria)
    serif_metric: str           # installed metric-compatible font (e.g. Caladea)
    sans: str
    sans_metric: str
    logo: Path | None
    letterhead_name: str | None = None          # the memo's letterhead: the office's name
    letterhead_address: tuple[str, ...] = ()    # and the lines under it
    letterhead_header: str | None = None        # the memo's first page's header text
    letterhead_footer: str | None = None        # every memo page's footer text
    memo_style: tuple[tuple[str, str], ...] = ()    # fields the memo takes from the letterhead
    shared: str | None = None                   # the shared theme's folder, as shown (outline `theme`)
    shared_root: Path | None = None             # and where it is (symlinks resolved)
    deck_template: Path | None = None           # a theme's deck template (admitted), and where set
    deck_template_at: Location | None = None
    deck_template_shown: str | None = None
    layouts: tuple[tuple[str, str], ...] = ()   # the theme's layout mapping


@dataclass(frozen=True)
class DeckTemplate:
    """The office's PowerPoint template and which of its layouts each of ours uses."""

    path: Path                          # resolved, inside the briefing folder
    layouts: tuple[tuple[str, str], ...]    # (ours, the template's layout name)
    warnings: tuple[str, ...] = ()      # fonts measured with a stand-in
    keep_slides: bool = False           # outline `keep_template_slides`: its own slides around ours


@dataclass(frozen=True)
class Provenance:
    """Where one quote, evidence passage or citation comes from: the audit trail."""

    kind: str                   # quote | evidence | citation
    location: Location          # where the outline wrote it
    source_id: str
    locator: str | None         # as written, or where the matcher found the passage
    start: int | None           # character offsets in the source text (verified passages)
    end: int | None
    how: str                    # exact | normalised | omission | column-break | inserted-line | cited
    text: str                   # the words quoted, or the citation as written


@dataclass(frozen=True)
class Revision:
    """The git commit a build was made from (gitrev.stamp); `dirty`: uncommitted changes."""

    commit: str                 # short hash
    dirty: bool

    def __str__(self) -> str:
        return self.commit + ("+" if self.dirty else "")


@dataclass(frozen=True)
class Briefing:
    title: str
    subtitle: str | None
    date: dt.date
    author: str | None
    marking: str | None
    output: str                 # output basename
    memo: MemoHeader
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    bibliography: tuple[BibliographyEntry, ...]
    theme: Theme
    root: Path                  # the briefing folder: nothing outside it is read
    timestamp: int              # fixed build time (epoch seconds) for deterministic outputs
    provenance: tuple[Provenance, ...] = ()
    lang: str = "en"            # BCP 47: the PDF's /Lang, the deck's text language
    draft: bool = False         # outline `draft: true`
    revision: Revision | None = None   # set by `brief build` inside a git repository
    deck_template: DeckTemplate | None = None   # outline `deck_template`: the office's own

    @property
    def draft_line(self) -> str | None:
        """ "DRAFT — rev a1b2c3d+" on the memo's footer and the title slide, when the tree
        has uncommitted changes or the outline says `draft: true`; "DRAFT" outside git."""
        if self.draft and self.revision is None:
            return "DRAFT"
        if self.revision and (self.draft or self.revision.dirty):
            return f"DRAFT — rev {self.revision}"
        return None

    @property
    def short_title(self) -> str:
        return self.title

    @property
    def keywords(self) -> tuple[str, ...]:
        return tuple(s.title for s in self.sections)
