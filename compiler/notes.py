"""Resolve stage, part three: citations -> numbered footnotes, deck source lines, sources list.

Chicago notes style: the first note citing a work gives it in full (author, title,
number, publisher, date, locator, URL); later notes are short (surnames or short
title, locator). `Notes` numbers footnotes once, in memo reading order, so the memo's
footnote N and the deck's "[N]" in speaker notes are the same note.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .model import BibliographyEntry, Cite, Footnote, Inlines, Source, Text

_MONTHS = ("January February March April May June July August September October "
           "November December").split()


@dataclass(frozen=True)
class Reference:
    """A work and where in it: the unit a note is made of."""

    source: Source
    locator: str | None = None
    prefix: str = ""


@dataclass
class Notes:
    """Numbers footnotes in the order they are added and remembers which works
    have had their full note."""

    footnotes: list[Footnote] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)     # source ids, first-cited order

    def add(self, refs: list[Reference]) -> int:
        """Footnote for `refs` (one note, several works joined by semicolons)."""
        runs: list[Text] = []
        for i, ref in enumerate(refs):
            if i:
                runs.append(Text("; "))
            if ref.prefix:
                runs.append(Text(ref.prefix + " "))
            first = ref.source.id not in self.cited
            runs.extend(full_note(ref.source, ref.locator) if first else short_note(ref.source, ref.locator))
            if first:
                self.cited.append(ref.source.id)
        runs.append(Text("."))
        number = len(self.footnotes) + 1
        self.footnotes.append(Footnote(number, _join(runs)))
        return number


def cite(ref: Reference) -> Cite:
    """What the deck shows of one reference: full note for the speaker notes,
    short form for the slide's source line."""
    full = ([Text(ref.prefix + " ")] if ref.prefix else []) + full_note(ref.source, ref.locator) + [Text(".")]
    return Cite(ref.source.id, ref.locator, _join(full), source_line(ref.source, ref.locator))


def full_note(source: Source, locator: str | None) -> list[Text]:
    runs: list[Text] = []
    if source.authors:
        runs.append(Text(_names(source.authors) + ", "))
    runs.append(_title(source))
    if source.number:
        runs.append(Text(", " + source.number))
    published = ", ".join(p for p in (source.publisher, written_date(source.date) or "n.d.") if p)
    runs.append(Text(f" ({published})"))
    if locator:
        runs.append(Text(", " + _locator(locator)))
    if source.url:
        runs.append(Text(", "))
        runs.append(Text(source.url, href=source.url))
    return runs


def short_note(source: Source, locator: str | None) -> list[Text]:
    runs: list[Text] = []
    if source.authors:
        runs.append(Text(_surnames(source.authors) + ", "))
    runs.append(_title(source, short=True))
    if locator:
        runs.append(Text(", " + _locator(locator)))
    return runs


def source_line(source: Source, locator: str | None) -> str:
    """Plain short form for a slide: "Beittel and Miro, Peru: Country Overview… (2024), p. 2"."""
    lead = _surnames(source.authors) if source.authors else source.publisher
    text = f"{lead}, {short_title(source.title)}" if lead else short_title(source.title)
    if source.date:
        text += f" ({source.date[:4]})"
    return text + (f", {locator}" if locator else "")


def bibliography(sources: list[Source]) -> tuple[BibliographyEntry, ...]:
    """The sources list: every cited work once, by first author's surname or title."""
    ordered = sorted(sources, key=_sort_key)
    return tuple(BibliographyEntry(s.id, _join(_bibliography_entry(s))) for s in ordered)


def _bibliography_entry(source: Source) -> list[Text]:
    runs: list[Text] = []
    if source.authors:
        runs.append(Text(_inverted_names(source.authors) + ". "))
    runs.append(_title(source))
    runs.append(Text(". "))
    tail = [p for p in (source.number, ", ".join(
        p for p in (source.publisher, written_date(source.date) or "n.d.") if p)) if p]
    runs.append(Text(". ".join(tail) + "."))
    if source.url:
        runs.append(Text(" "))
        runs.append(Text(source.url, href=source.url))
        runs.append(Text("."))
    return runs


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


def short_title(title: str) -> str:
    """The main title before a colon, when that alone says enough (two words or more)."""
    main = title.split(":")[0].strip()
    return main if len(main.split()) >= 2 and main != title else title


def _title(source: Source, short: bool = False) -> Text:
    title = short_title(source.title) if short else source.title
    # A descriptive title in brackets is the editor's, not the work's: not italic.
    return Text(title, italic=not title.startswith("["))


def _names(authors: tuple[str, ...]) -> str:
    if len(authors) > 3:
        return f"{authors[0]} et al."
    if len(authors) == 3:
        return f"{authors[0]}, {authors[1]}, and {authors[2]}"
    return " and ".join(authors)


def _surnames(authors: tuple[str, ...]) -> str:
    return _names(tuple(_surname(a) for a in authors))


def _surname(name: str) -> str:
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
        words.pop()
    return words[-1] if words else name


def _inverted_names(authors: tuple[str, ...]) -> str:
    first = authors[0]
    surname = _surname(first)
    given = first[: first.rfind(surname)].strip().rstrip(",")
    head = f"{surname}, {given}" if given else surname
    rest = list(authors[1:])
    if not rest:
        return head
    if len(rest) == 1:
        return f"{head}, and {rest[0]}"
    return f"{head}, " + ", ".join(rest[:-1]) + f", and {rest[-1]}"


def _locator(locator: str) -> str:
    """Chicago notes give page numbers bare: "p. 4" -> "4", "pp. 4-6" -> "4–6"."""
    m = re.fullmatch(r"pp?\.\s*(.+)", locator.strip())
    if m:
        return m.group(1).replace("-", "–")
    return locator.strip()


def _sort_key(source: Source) -> tuple[str, str]:
    lead = _surname(source.authors[0]) if source.authors else source.title.lstrip("[“\"")
    return (lead.casefold(), source.title.casefold())


def _join(runs: list[Text]) -> Inlines:
    """Merge neighbouring plain runs so renderers see whole phrases."""
    out: list[Text] = []
    for run in runs:
        if out and (out[-1].italic, out[-1].href) == (run.italic, run.href) and not run.href:
            out[-1] = Text(out[-1].text + run.text, italic=run.italic)
        else:
            out.append(run)
    return tuple(out)
