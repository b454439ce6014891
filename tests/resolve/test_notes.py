"""Citations through citeproc-py and CSL: Chicago notes by default (first note full,
later ones short, no Ibid.), other styles by name or file, locators, the sources list."""
from __future__ import annotations

from pathlib import Path

import pytest

from compiler.model import Location, Source
from compiler.resolve.citations.notes import Notes, Reference, UnknownStyle, load_style, written_date
from conftest import REPO


def _source(**kw) -> Source:
    base = dict(id="crs-2024", title="Peru: Country Overview and U.S. Relations",
                authors=("June S. Beittel", "Ramon Miro"), publisher="Congressional Research Service",
                number="IF12372", date="2024-01-10", url="https://crsreports.congress.gov",
                file=Path("/x"), location=Location("s.yaml", 1, 1))
    base.update(kw)
    return Source(**base)


CRS = _source()
HERITAGE = _source(id="heritage-2001", title="Getting U.S.-Peru Relations Back on the Right Track",
                   authors=("Stephen Johnson",), publisher="The Heritage Foundation", number=None,
                   date="2001-08-13", url=None)
OTHER_JOHNSON = _source(id="johnson-2010", title="Andean Security after Fujimori", authors=("Mary Johnson",),
                        publisher="Andean Institute", number=None, date="2010", url=None)
UNTITLED = _source(id="oped", title="[Commentary on Peru's outmigration trap]", authors=(), publisher=None,
                   number=None, date=None, url=None)
OPED = _source(id="crossroads", title="A Partnership at a Crossroads", authors=(), publisher=None,
               number=None, date=None, url=None)
ALL = {s.id: s for s in (CRS, HERITAGE, OTHER_JOHNSON, UNTITLED, OPED)}


def text(inlines) -> str:
    return "".join(r.text for r in inlines)


def notes(style: str | None = None) -> Notes:
    return Notes(load_style(style, Path(".")), ALL)


def test_first_note_is_full_and_later_ones_short_without_ibid():
    n = notes()
    calls = [n.add([Reference(CRS, "p. 2")]), n.add([Reference(CRS, "para. 6")]), n.add([Reference(CRS, "p. 3")])]
    assert [c.footnote for c in calls] == [1, 2, 3]
    assert text(n.footnotes[0].text) == (
        "June S. Beittel and Ramon Miro, Peru: Country Overview and U.S. Relations, no. IF12372 "
        "(Congressional Research Service, 2024), 2, https://crsreports.congress.gov.")
    assert text(n.footnotes[1].text) == "Beittel and Miro, Peru: Country Overview and U.S. Relations, para. 6."
    assert text(n.footnotes[2].text) == "Beittel and Miro, Peru: Country Overview and U.S. Relations, 3."
    assert any(r.italic and r.text.startswith("Peru: Country") for r in n.footnotes[0].text)
    assert any(r.href == "https://crsreports.congress.gov" for r in n.footnotes[0].text)


def test_same_surname_stays_distinguishable_by_short_title():
    n = notes()
    n.add([Reference(HERITAGE)])
    n.add([Reference(OTHER_JOHNSON)])
    n.add([Reference(HERITAGE, "p. 4")])
    n.add([Reference(OTHER_JOHNSON, "p. 9")])
    assert text(n.footnotes[2].text) == "Johnson, Getting U.S.-Peru Relations Back on the Right Track, 4."
    assert text(n.footnotes[3].text) == "Johnson, Andean Security After Fujimori, 9."


def test_several_works_in_one_note_and_prefixes():
    n = notes()
    n.add([Reference(HERITAGE)])
    n.add([Reference(CRS, "pp. 1-2", "see"), Reference(HERITAGE, "sec. 4")])
    note = text(n.footnotes[1].text)
    assert note.startswith("see June S. Beittel and Ramon Miro, Peru")
    assert ", 1–2, https://crsreports.congress.gov; Johnson, Getting U.S.-Peru Relations Back on the Right Track, sec. 4." in note


def test_authorless_works_print_their_title_once():
    n = notes()
    n.add([Reference(OPED, "para. 2")])
    n.add([Reference(UNTITLED)])
    assert text(n.footnotes[0].text) == "“A Partnership at a Crossroads,” para. 2."
    # a [descriptive title] is the editor's: neither quoted nor re-cased
    assert text(n.footnotes[1].text) == "[Commentary on Peru's outmigration trap]."


def test_deck_cite_is_full_with_the_styles_short_form_for_the_source_line():
    c = notes().cite(Reference(CRS, "p. 2"))
    assert text(c.full).startswith("June S. Beittel and Ramon Miro, Peru")
    assert c.short == "Beittel and Miro, Peru: Country Overview and U.S. Relations, 2"


def test_bibliography_alphabetical_with_inverted_first_author_and_nocite():
    n = notes()
    n.add([Reference(HERITAGE)])
    n.add([Reference(OPED)])
    n.add([Reference(CRS)])
    entries = n.bibliography(["oped"])
    assert [e.source_id for e in entries] == ["crs-2024", "oped", "heritage-2001", "crossroads"]
    assert text(entries[0].text) == (
        "Beittel, June S., and Ramon Miro. Peru: Country Overview and U.S. Relations. No. IF12372. "
        "Congressional Research Service, 2024. https://crsreports.congress.gov.")


def test_author_date_style_puts_citations_in_the_text():
    n = notes("apa")
    call = n.add([Reference(CRS, "p. 4")])
    assert call.footnote is None and not n.footnotes
    assert text(call.in_text) == "(Beittel & Miro, 2024, p. 4)"
    assert text(n.bibliography()[0].text).startswith("Beittel, J. S., & Miro, R. (2024).")


def test_unknown_style_lists_names():
    with pytest.raises(UnknownStyle) as e:
        load_style("chicago-note", Path("."))
    assert "unknown citation style `chicago-note`; did you mean: chicago-notes" in str(e.value)


def test_written_dates():
    assert written_date("2026-11-22") == "November 22, 2026"
    assert written_date("2001-08") == "August 2001"
    assert written_date("2001") == "2001"


def test_every_note_keeps_its_own_place_in_the_work():
    # one rendering serves every page of a work: each note must still show its own page
    n = notes()
    for place in ("p. 7", "p. 12", "p. 7", "pp. 4-6", "para. 12", "p. 3"):
        n.add([Reference(CRS, place)])
    assert [text(f.text).rsplit(", ", 1)[-1] for f in n.footnotes[1:]] == ["12.", "7.", "4–6.", "para. 12.", "3."]
    assert text(n.footnotes[0].text).endswith(", 7, https://crsreports.congress.gov.")
    assert [n.cite(Reference(CRS, p)).short.rsplit(", ", 1)[-1] for p in ("p. 12", "p. 30", "para. 2")] == \
        ["12", "30", "para. 2"]


def test_a_work_whose_number_looks_like_a_page_keeps_both():
    numbered = _source(id="numbered", number="4096307158")
    n = Notes(load_style(None, Path(".")), {"numbered": numbered})
    n.add([Reference(numbered, "p. 5")])
    n.add([Reference(numbered, "p. 9")])
    assert "no. 4096307158 (Congressional Research Service, 2024), 5," in text(n.footnotes[0].text)
    assert text(n.footnotes[1].text).endswith(", 9.")


def test_a_second_build_in_one_process_formats_no_citation_again(monkeypatch):
    """`brief watch` rebuilds in one process: unchanged citations come from memory."""
    import citeproc

    from compiler import pipeline
    sample = str(REPO / "outline.yaml")
    first = pipeline.check(sample).briefing
    calls = []
    for name in ("cite", "bibliography"):
        original = getattr(citeproc.CitationStylesBibliography, name)

        def counted(self, *args, _original=original, _name=name):
            calls.append(_name)
            return _original(self, *args)
        monkeypatch.setattr(citeproc.CitationStylesBibliography, name, counted)
    second = pipeline.check(sample).briefing
    assert len(second.footnotes) > 50
    assert second.footnotes == first.footnotes
    assert second.bibliography == first.bibliography
    assert second.sections == first.sections           # the deck's notes and source lines
    assert calls == []


def test_a_changed_catalog_entry_is_formatted_afresh():
    before = notes()
    before.add([Reference(CRS, "p. 2")])
    renamed = _source(title="Peru: A New Title")
    after = Notes(load_style(None, Path(".")), {**ALL, renamed.id: renamed})
    after.add([Reference(renamed, "p. 2")])
    assert "Peru: Country Overview" in text(before.footnotes[0].text)
    assert "Peru: A New Title" in text(after.footnotes[0].text)
    assert text(after.bibliography()[0].text) != text(before.bibliography()[0].text)
