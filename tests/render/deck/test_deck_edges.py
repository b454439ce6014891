"""Deck layout edge cases: a bullet longer than a slide, a quote with a long attribution,
how a quote is attributed, and source lines that group places by work. Fast checks with
python-pptx; the slow ones render the slides through LibreOffice and read the PDF back."""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from compiler.render.deck import render_deck
from deck_support import fits, through_libreoffice
from compiler.render.deck.measure import text_width
from compiler.render.deck.credits import attribution, short_title, source_line
from compiler.render.deck.geometry import SOURCE_LINE
from compiler.model import Cite, Location, NoteRef, Quote, Section, Source, Text
from deck_fixture import sample_briefing

LONG_BULLET = " ".join(
    f"Sentence {n} of a briefing point that a staffer pasted whole from the memo, which says "
    f"far more than any slide can hold at a readable size and goes on past one slide." for n in range(1, 13))
CLAUSES = "; ".join(f"clause {n} of one long sentence without a full stop anywhere in it, as lists "
                    f"of conditions in legislation often are" for n in range(1, 26)) + "."
LONG_SPEAKER = ("Ambassador Jane Q. Doe, Special Representative for Andean Affairs, Bureau of Western "
                "Hemisphere Affairs, U.S. Department of State, testifying before the Subcommittee on "
                "the Western Hemisphere, Committee on Foreign Affairs")
CRS_TITLE = "Peru: Country Overview and U.S. Relations"
HERITAGE_TITLE = "Getting U.S.-Peru Relations Back on the Right Track"


def _source(id_: str, title: str, authors=(), publisher=None) -> Source:
    return Source(id=id_, title=title, authors=tuple(authors), publisher=publisher, number=None,
                  date="2024", url=None, file=Path("/x"), location=Location("sources.yaml", 1, 1))


def _cite(source_id: str, title: str, short: str, locator: str | None = None, italic: bool = True) -> Cite:
    return Cite(source_id, locator, (Text("A. Author, "), Text(title, italic=italic), Text(".")), short, title)


CRS = _source("crs", CRS_TITLE, ["June S. Beittel", "Ramon Miro"], "Congressional Research Service")
CRS_CITE = _cite("crs", CRS_TITLE, f"Beittel and Miro, {CRS_TITLE}, 2", "p. 2")


def _deck(tmp_path, *sections: Section) -> Presentation:
    briefing = dataclasses.replace(sample_briefing(tmp_path), sections=sections)
    return Presentation(io.BytesIO(render_deck(briefing)))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text


def _body(slide):
    return next(s for s in slide.placeholders if s.placeholder_format.idx == 1)


def _long_bullet_deck(tmp_path, text: str = LONG_BULLET) -> Presentation:
    point = (Text(text), NoteRef((CRS_CITE,), 1))
    after = (Text("The next bullet stays whole."),)
    return _deck(tmp_path, Section("long", "Long", (), ((Text("A short first bullet."),), point, after),
                                   False, (), ()))


# --- a bullet too long for a slide ------------------------------------------------


def test_a_bullet_too_long_for_a_slide_continues_at_sentence_ends_never_below_18_pt(tmp_path):
    deck = _long_bullet_deck(tmp_path)
    slides = [s for s in deck.slides if _title(s).startswith("Long")]
    assert [_title(s) for s in slides][:2] == ["Long", "Long (cont.)"] and len(slides) >= 2
    paragraphs = [p for s in slides for p in _body(s).text_frame.paragraphs]
    texts = [p.text for p in paragraphs]
    pieces = [t for t in texts if t not in ("A short first bullet.", "The next bullet stays whole.")]
    assert len(pieces) >= 2 and " ".join(pieces) == LONG_BULLET        # nothing cut, nothing lost
    assert all(piece.endswith(".") for piece in pieces)                 # cut at sentence ends
    assert {r.font.size.pt for p in paragraphs for r in p.runs} >= {18} and \
        min(r.font.size.pt for p in paragraphs for r in p.runs) >= 18
    for slide in slides:
        assert fits(_body(slide))
        if any(p.text in pieces for p in _body(slide).text_frame.paragraphs):
            # every slide showing a piece credits the bullet's source
            assert any(sh.name == "Source line" and "Beittel and Miro" in sh.text_frame.text for sh in slide.shapes)
    continued = [p for p in paragraphs if p.text in pieces[1:]]
    assert all(p._p.pPr.find(qn("a:buNone")) is not None for p in continued)   # no second bullet
    first = next(p for p in paragraphs if p.text == pieces[0])
    assert first._p.pPr is None or first._p.pPr.find(qn("a:buNone")) is None


def test_a_sentence_too_long_for_a_slide_is_split_at_its_clauses(tmp_path):
    deck = _long_bullet_deck(tmp_path, CLAUSES)
    slides = [s for s in deck.slides if _title(s).startswith("Long")]
    texts = [p.text for s in slides for p in _body(s).text_frame.paragraphs]
    pieces = [t for t in texts if t.startswith("clause")]
    assert len(pieces) >= 2 and " ".join(pieces) == CLAUSES
    assert all(piece.endswith(";") for piece in pieces[:-1])
    assert all(fits(_body(s)) for s in slides)


# --- quotes --------------------------------------------------------------------------


def _quote_deck(tmp_path, speaker: str | None, source: Source = CRS, text: str | None = None) -> Presentation:
    quote = Quote(text=text or ("Members of Congress may consider U.S. options to further strengthen bilateral "
                                "ties, support Peru's democratic institutions and anti-corruption capacity, and "
                                "review security assistance. ") * 3,
                  source=source, speaker=speaker, cite=CRS_CITE, footnote=1, match="exact",
                  location=Location("outline.yaml", 1, 1))
    return _deck(tmp_path, Section("q", "Quoted", (), (), False, (quote,), ()))


def test_an_attribution_of_three_lines_never_reaches_the_source_line(tmp_path):
    deck = _quote_deck(tmp_path, LONG_SPEAKER)
    for slide in [s for s in deck.slides if s.slide_layout.name == "Quote"]:
        quote, who = _body(slide), next(s for s in slide.placeholders if s.placeholder_format.idx == 13)
        assert who.text_frame.text.startswith("— Ambassador Jane Q. Doe, ")
        lines = len(text_lines(who))
        assert lines >= 3
        assert quote.top + quote.height <= who.top
        assert who.top + who.height <= SOURCE_LINE[1]
        assert fits(quote) and fits(who)


def text_lines(shape) -> list[str]:
    from compiler.render.deck.measure import inner_width, wrap
    return wrap(shape.text_frame.text, "Carlito", 20, inner_width(shape) / 12700)


def test_a_quote_is_attributed_to_a_person_or_a_body_with_a_short_title():
    quote = lambda source, speaker=None: Quote("x", source, speaker, CRS_CITE, 1, "exact",  # noqa: E731
                                               Location("o", 1, 1))
    assert attribution(quote(CRS)) == "— June S. Beittel and Ramon Miro, CRS"
    assert attribution(quote(CRS, "Javier Morales")) == "— Javier Morales, June S. Beittel and Ramon Miro, CRS"
    heritage = _source("h", HERITAGE_TITLE, ["Johnson, Stephen"], "The Heritage Foundation")
    assert attribution(quote(heritage)) == "— Stephen Johnson, The Heritage Foundation"
    body_only = _source("b", "World Report 2024: Events of 2023", publisher="Human Rights Watch")
    assert attribution(quote(body_only)) == "— Human Rights Watch, World Report 2024"
    nobody = _source("n", "[Commentary on Peru's outmigration trap and its congressional pact]")
    assert attribution(quote(nobody)) == "— [Commentary on Peru's outmigration trap]"
    many = _source("m", "Report", ["A One", "B Two", "C Three", "D Four"])
    assert attribution(quote(many)) == "— A One et al., Report"


def test_short_titles():
    assert short_title(CRS_TITLE) == "Peru"
    assert short_title(HERITAGE_TITLE) == "Getting U.S.-Peru Relations Back"
    assert short_title("A Partnership at a Crossroads") == "A Partnership at a Crossroads"
    assert short_title("[Analysis of Peru's criminal nexus and U.S. strategy]") == "[Analysis of Peru's criminal nexus]"


# --- source lines ----------------------------------------------------------------------


GROUPED = [
    _cite("crs", CRS_TITLE, f"Beittel and Miro, {CRS_TITLE}, 4", "p. 4"),
    _cite("heritage", HERITAGE_TITLE, f"Johnson, {HERITAGE_TITLE}, 3", "p. 3"),
    _cite("crs", CRS_TITLE, f"Beittel and Miro, {CRS_TITLE}, 1–2", "pp. 1-2"),
    _cite("crs", CRS_TITLE, f"Beittel and Miro, {CRS_TITLE}, 4", "p. 4"),
    _cite("oped", "A Partnership at a Crossroads", "“A Partnership at a Crossroads,” para. 8", "para. 8", False),
    _cite("oped", "A Partnership at a Crossroads", "“A Partnership at a Crossroads,” para. 3", "para. 3", False),
]


def test_a_source_line_gives_each_work_once_with_its_places():
    pieces = source_line(GROUPED)
    assert "".join(t for t, _ in pieces) == ("Sources: Beittel and Miro, Peru, 1–2, 4; Johnson, Getting U.S.-Peru "
                                            "Relations Back, 3; “A Partnership at a Crossroads,” paras. 3, 8")
    assert [t for t, italic in pieces if italic] == ["Peru", "Getting U.S.-Peru Relations Back"]


def test_the_grouped_source_line_fits_on_one_line_with_italic_titles_and_full_notes(tmp_path):
    point = (Text("Trade grew"), NoteRef(tuple(GROUPED), 3))
    deck = _deck(tmp_path, Section("s", "Trade", (), (point,), False, (), ()))
    slide = deck.slides[1]
    [line] = [sh for sh in slide.shapes if sh.name == "Source line"]
    runs = line.text_frame.paragraphs[0].runs
    assert [r.text for r in runs if r.font.italic] == ["Peru", "Getting U.S.-Peru Relations Back"]
    width = (SOURCE_LINE[2] - 2 * Inches(0.1)) / 12700
    assert text_width(line.text_frame.text, "Carlito", runs[0].font.size.pt) <= width      # one line
    assert runs[0].font.size.pt == 11
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    assert len(notes) == 5                       # every place cited, in full, in the notes


# --- through LibreOffice -------------------------------------------------------------------


def _through_libreoffice(tmp_path, deck: Presentation) -> Path:
    pptx = tmp_path / "edges.pptx"
    deck.save(str(pptx))
    return through_libreoffice(pptx, tmp_path)


@pytest.mark.slow
def test_edge_case_slides_as_libreoffice_draws_them(tmp_path):
    """A long bullet, a long attribution and a grouped source line, drawn by a real client:
    every word of the bullet is on some page at 18 pt or more, the attribution ends above
    the source line, and the source line is one line."""
    point = (Text(LONG_BULLET), NoteRef((CRS_CITE,), 1))
    grouped = (Text("Trade grew"), NoteRef(tuple(GROUPED), 3))
    quote = Quote(text="The United States does not seek to isolate Peru.", source=CRS, speaker=LONG_SPEAKER,
                  cite=CRS_CITE, footnote=2, match="exact", location=Location("o", 1, 1))
    deck = _deck(tmp_path, Section("long", "Long", (), (point, grouped), False, (quote,), ()))
    titles = [_title(s) for s in deck.slides]
    pdf = _through_libreoffice(tmp_path, deck)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(titles)
        scale = doc.pages[0].width / (Emu(deck.slide_width).inches * 72)
        source_top = SOURCE_LINE[1] / 12700 * scale
        body_words: list[str] = []
        for number, (page, title) in enumerate(zip(doc.pages, titles)):
            words = page.extract_words(extra_attrs=["size"])
            if title.startswith("Long") and "Quote" not in deck.slides[number].slide_layout.name:
                body = [w for w in words if Inches(1.6) / 12700 * scale < w["top"] < source_top]
                assert all(w["size"] >= 18 * scale - 0.5 for w in body), title
                body_words += [w["text"] for w in body]
            if deck.slides[number].slide_layout.name == "Quote":
                who = [w for w in words if w["text"] in ("Hemisphere,", "Affairs") and w["top"] > 200 * scale]
                assert who and max(w["bottom"] for w in who) < source_top, "attribution runs into the source line"
            line = [w for w in words if w["top"] >= source_top - 2 and w["size"] < 11.5 * scale]
            if any(w["text"] == "Sources:" for w in line):
                assert len({round(w["top"]) for w in line}) == 1, "the grouped source line wraps"
    text = " ".join(body_words)
    for word in LONG_BULLET.split():
        assert word in text
