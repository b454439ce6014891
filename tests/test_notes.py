"""Chicago notes: the first citation of a work in full, later ones short; the sources list."""
from __future__ import annotations

from pathlib import Path

from compiler.model import Location, Source
from compiler.notes import Notes, Reference, bibliography, cite, written_date


def _source(**kw) -> Source:
    base = dict(id="crs-2024", title="Peru: Country Overview and U.S. Relations",
                authors=("June S. Beittel", "Ramon Miro"), publisher="Congressional Research Service",
                number="IF12372", date="2024-01-10", url="https://crsreports.congress.gov",
                file=Path("/x"), location=Location("s.yaml", 1, 1))
    base.update(kw)
    return Source(**base)


def text(inlines) -> str:
    return "".join(r.text for r in inlines)


CRS = _source()
HERITAGE = _source(id="heritage-2001", title="Getting U.S.-Peru Relations Back on the Right Track",
                   authors=("Stephen Johnson",), publisher="The Heritage Foundation", number=None,
                   date="2001-08-13", url=None)
UNTITLED = _source(id="oped", title="[Commentary on Peru]", authors=(), publisher=None,
                   number=None, date=None, url=None)


def test_first_note_is_full_and_later_ones_short():
    notes = Notes()
    first = notes.add([Reference(CRS, "p. 2")])
    second = notes.add([Reference(CRS, "para. 6")])
    assert (first, second) == (1, 2)
    assert text(notes.footnotes[0].text) == (
        "June S. Beittel and Ramon Miro, Peru: Country Overview and U.S. Relations, IF12372 "
        "(Congressional Research Service, January 10, 2024), 2, https://crsreports.congress.gov.")
    assert text(notes.footnotes[1].text) == "Beittel and Miro, Peru: Country Overview and U.S. Relations, para. 6."


def test_titles_are_italic_except_descriptive_ones():
    notes = Notes()
    notes.add([Reference(CRS), Reference(UNTITLED)])
    runs = notes.footnotes[0].text
    assert any(r.italic and r.text.startswith("Peru: Country") for r in runs)
    assert not any(r.italic and "Commentary" in r.text for r in runs)
    assert text(runs) == ("June S. Beittel and Ramon Miro, Peru: Country Overview and U.S. Relations, "
                          "IF12372 (Congressional Research Service, January 10, 2024), "
                          "https://crsreports.congress.gov; [Commentary on Peru] (n.d.).")


def test_several_works_in_one_note_join_with_semicolons_and_keep_prefixes():
    notes = Notes()
    notes.add([Reference(HERITAGE)])
    notes.add([Reference(CRS, "pp. 1-2", "see"), Reference(HERITAGE, "para. 4")])
    assert text(notes.footnotes[1].text).startswith("see June S. Beittel and Ramon Miro")
    assert text(notes.footnotes[1].text).endswith("https://crsreports.congress.gov; Johnson, "
                                                  "Getting U.S.-Peru Relations Back on the Right Track, para. 4.")
    assert ", 1–2, https" in text(notes.footnotes[1].text)


def test_deck_cite_is_always_full_with_a_short_source_line():
    c = cite(Reference(CRS, "p. 2"))
    assert text(c.full).startswith("June S. Beittel and Ramon Miro, Peru")
    assert c.short == "Beittel and Miro, Peru: Country Overview and U.S. Relations (2024), p. 2"


def test_bibliography_sorted_by_surname_with_inverted_first_author():
    entries = bibliography([HERITAGE, UNTITLED, CRS])
    assert [e.source_id for e in entries] == ["crs-2024", "oped", "heritage-2001"]
    assert text(entries[0].text) == (
        "Beittel, June S., and Ramon Miro. Peru: Country Overview and U.S. Relations. IF12372. "
        "Congressional Research Service, January 10, 2024. https://crsreports.congress.gov.")


def test_written_dates():
    assert written_date("2026-11-22") == "November 22, 2026"
    assert written_date("2001-08") == "August 2001"
    assert written_date("2001") == "2001"
