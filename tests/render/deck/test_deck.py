"""The deck reopened with python-pptx: slides, source lines, notes, charts, fitting text.

Built two ways: from a small outline through the whole pipeline (conftest's project), and
from a hand-built resolved `Briefing` (deck_fixture.py) rendered directly."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from compiler.render.deck import render_deck, text_height
from deck_support import fits, through_libreoffice
from compiler.render.deck.measure import line_height, overflows
from conftest import OUTLINE, build
from deck_fixture import LONG_QUOTE as FIXTURE_QUOTE, sample_briefing
from conftest import TESTS

LONG_POINTS = OUTLINE.replace("    quotes:", "    points:\n" + "".join(
    f'      - "Point {n}: a bullet long enough to wrap onto a second line of the slide when set '
    f'at a readable size [@report, p. {n}]"\n' for n in range(1, 10)) + "    quotes:")

LONG_QUOTE = """\
Under the 2009 trade agreement, U.S. trade with Peru more than doubled, from $9 billion
in 2009 to over $22 billion in 2022. The United States does not seek to isolate Peru.
"""


def deck_of(project, capsys, outline: str | None = None) -> Presentation:
    """The deck of `brief build --only pptx` (after writing `outline`, if given)."""
    build(project, capsys, "--only", "pptx", outline=outline or None)
    return Presentation(str(project.out("pptx")))


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_long_point_lists_continue_on_cont_slides(project, capsys):
    deck = deck_of(project, capsys, LONG_POINTS)
    bullets = [s for s in deck.slides if s.slide_layout.name == "Bullets"]
    assert [s.shapes.title.text_frame.text for s in bullets] == ["Summary", "Summary (cont.)"]
    counts = [len(s.placeholders[1].text_frame.paragraphs) for s in bullets]
    assert sum(counts) == 9 and max(counts) <= 6
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                assert not overflows(shape), shape.text_frame.text[:50]


def test_source_lines_and_full_notes_on_citing_slides_only(project, capsys):
    deck = deck_of(project, capsys)
    title, points, quote, sources = deck.slides
    assert not any(t.startswith("Source") for t in texts(title))
    line = next(t for t in texts(points) if t.startswith("Sources:"))
    assert line == "Sources: Diaz and Roe, Peru, 1; “Another Paper”"      # short titles, each work once
    notes = points.notes_slide.notes_text_frame.text.splitlines()
    # the bullets are derived from the body: their notes carry the memo's footnote numbers
    assert notes[0].startswith("[1] Ana Diaz and Ben Roe, Peru: A Test Report, TR-1 (Test Institute, 2024), 1,")
    assert next(t for t in texts(quote) if t.startswith("Source:")) == "Source: Diaz and Roe, Peru, para. 3"
    assert quote.notes_slide.notes_text_frame.text.startswith("[3] Ana Diaz and Ben Roe")
    assert sources.shapes.title.text_frame.text == "Sources" and not sources.has_notes_slide


def test_every_slide_has_the_marking_and_its_number(project, capsys):
    deck = deck_of(project, capsys)
    for n, slide in enumerate(deck.slides, 1):
        assert "UNCLASSIFIED" in texts(slide) and str(n) in texts(slide)


def test_a_long_quote_is_set_smaller_but_never_under_18_pt(project, capsys):
    project.write("sources/report.txt", project.root.joinpath("sources/report.txt").read_text() +
                  "\n" + (LONG_QUOTE * 4))
    text = " ".join([" ".join(LONG_QUOTE.split())] * 3)
    deck = deck_of(project, capsys, OUTLINE.replace("The United States does not seek to isolate Peru.", text))
    quotes = [s for s in deck.slides if s.slide_layout.name == "Quote"]
    sizes = {r.font.size.pt for s in quotes for p in s.placeholders[1].text_frame.paragraphs for r in p.runs}
    assert min(sizes) >= 18 and max(sizes) < 28
    assert all(not overflows(s.placeholders[1]) for s in quotes)


def test_native_charts_with_theme_colours_and_data_in_the_notes(project, capsys):
    project.write("assets/theme.yaml", "palette: ['#112233', '#445566']\n")
    deck = deck_of(project, capsys, OUTLINE + """\
    figures:
      - title: Trade
        source: report
        chart: {type: column, stacked: true, unit: "US$ billions", categories: [2009, 2022],
                series: {Exports: [4, 10], Imports: [5, 12]}}
      - title: Shares
        source: report
        chart: {type: pie, categories: [A, B], series: {Share: [30, 70]}}
""")
    figures = [s for s in deck.slides if s.slide_layout.name == "Figure"]
    assert [s.shapes.title.text_frame.text for s in figures] == ["Figure 1. Trade", "Figure 2. Shares"]
    stacked = next(sh.chart for sh in figures[0].shapes if sh.has_chart)
    assert stacked.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert [(s.name, tuple(s.values)) for s in stacked.plots[0].series] == [("Exports", (4.0, 10.0)),
                                                                           ("Imports", (5.0, 12.0))]
    assert str(stacked.plots[0].series[0].format.fill.fore_color.rgb) == "112233"
    assert stacked.value_axis.axis_title.text_frame.text == "US$ billions"
    assert "Exports: 2009: 4, 2022: 10" in figures[0].notes_slide.notes_text_frame.text
    assert next(sh.chart for sh in figures[1].shapes if sh.has_chart).chart_type == XL_CHART_TYPE.PIE
    with zipfile.ZipFile(project.root / "out" / "outline.pptx") as package:
        assert any(n.startswith("ppt/embeddings/") for n in package.namelist())   # editable data
        assert b'<a:srgbClr val="112233"/>' in package.read("ppt/theme/theme1.xml")


def test_long_table_continues_and_pictures_keep_their_shape(project, capsys):
    project.write("assets/box.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
                                    '<rect width="400" height="100" fill="#1F3A5F"/></svg>')
    rows = "".join(f'            - ["Row {n}", "{n * 10}"]\n' for n in range(1, 25))
    deck = deck_of(project, capsys, OUTLINE + f"""\
    figures:
      - title: Box
        image: assets/box.svg
        alt: "A navy box"
      - title: Long table
        table:
          columns: [Name, Value]
          rows:
{rows}""")
    picture_slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Figure 1. Box")
    [picture] = [sh for sh in picture_slide.shapes if sh.shape_type == 13]
    assert abs(picture.width / picture.height - 4.0) < 0.01
    tables = [s for s in deck.slides if s.shapes.title.text_frame.text.startswith("Table 1. Long table")]
    assert len(tables) >= 2 and tables[1].shapes.title.text_frame.text == "Table 1. Long table (cont.)"
    shown = [sh.table for s in tables for sh in s.shapes if sh.has_table]
    assert sum(len(t.rows) - 1 for t in shown) == 24
    assert all(t.cell(0, 0).text == "Name" for t in shown)            # the header on every slide
    for table_shape in (sh for s in tables for sh in s.shapes if sh.has_table):
        assert table_shape.top + table_shape.height <= Inches(6.6)


def test_table_cell_citations_give_the_slide_its_source_line(project, capsys):
    deck = deck_of(project, capsys, OUTLINE + """\
    figures:
      - title: Budget
        table:
          columns: [Account, Amount]
          rows:
            - ["Development [@other]", 55]
""")
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Table 1. Budget")
    assert "Source: “Another Paper”" in texts(slide)
    sources = deck.slides[-1]
    runs = [r for p in sources.placeholders[1].text_frame.paragraphs for r in p.runs]
    assert any(r.font.italic and r.text == "Peru: A Test Report" for r in runs)   # titles stay italic


def test_table_columns_follow_what_they_hold_and_cells_keep_emphasis(project, capsys):
    deck = deck_of(project, capsys, OUTLINE + """\
    figures:
      - title: Claims
        table:
          columns: [Claim, Made by, What the report says]
          rows:
            - ["Castillo impeached and removed in 2017, a claim repeated twice", "Op-ed", "Elected April 2021; impeached December 7, 2022 after a failed self-coup"]
            - ["Exports to the U.S. hitting $101 billion by 2023", "Analysis", "*Total* two-way trade over $22 billion in **2022**"]
""")
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Table 1. Claims")
    [table] = [sh.table for sh in slide.shapes if sh.has_table]
    widths = [c.width for c in table.columns]
    assert sum(widths) == Inches(13.333) - 2 * Inches(0.6)           # the content width exactly
    assert widths[1] < widths[0] / 2 and widths[1] < widths[2] / 2   # a short column stays narrow
    assert len(table.cell(1, 1).text_frame.paragraphs) == 1
    runs = table.cell(2, 2).text_frame.paragraphs[0].runs
    assert [(r.text, r.font.italic, r.font.bold) for r in runs if r.text.strip() in ("Total", "2022")] == [
        ("Total", True, None), ("2022", None, True)]
    assert all(r.font.bold for r in table.cell(0, 0).text_frame.paragraphs[0].runs)   # the header
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            assert not overflows(shape)


def test_paragraphs_get_only_the_spacing_the_renderer_measures(project, capsys):
    """8 pt after each paragraph and nothing before it, whatever the template inherits:
    the default master's 20 % before went unmeasured and pushed full slides past their
    boxes (under PowerPoint, and to within 0.02 in of the edge under Impress)."""
    from compiler.render.deck.measure import paragraph_spacing_pt
    deck = deck_of(project, capsys, LONG_POINTS)
    for slide in deck.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs if shape.has_text_frame else ():
                assert paragraph_spacing_pt(shape, paragraph, "a:spcBef", 24) == 0, shape.name
                assert paragraph_spacing_pt(shape, paragraph, "a:spcAft", 24) in (0, 8), shape.name


# --- a hand-built Briefing rendered directly (tests/deck_fixture.py) --------------------



@pytest.fixture(scope="module")
def fixture_deck(tmp_path_factory):
    root = tmp_path_factory.mktemp("briefing")
    briefing = sample_briefing(root)
    data = render_deck(briefing)
    return briefing, data, Presentation(io.BytesIO(data))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _source_line(slide) -> str | None:
    return next((t for t in texts(slide) if t.startswith(("Source: ", "Sources: "))), None)


def test_fixture_slide_sequence(fixture_deck):
    _, _, deck = fixture_deck
    sequence = [(s.slide_layout.name, _title(s)) for s in deck.slides]
    quote_slides = [s for s in sequence if s[0] == "Quote" and s[1].startswith("Migration")]
    # a title an earlier slide has is numbered: every slide's title is unique
    assert sequence[:5] == [("Title", "Peru at a Crossroads"), ("Bullets", "Summary"), ("Quote", "Summary (2)"),
                            ("Bullets", "Migration"), ("Bullets", "Migration (cont.)")]
    assert quote_slides[0] == ("Quote", "Migration (2)") and len(quote_slides) >= 2
    assert [t for _, t in quote_slides[1:]] == [f"Migration (cont. {n})" for n in range(2, len(quote_slides) + 1)]
    assert len(set(t for _, t in sequence)) == len(sequence)
    assert sequence[-4:] == [("Section", "Trade and the Economy"),
                             ("Figure", "Figure 1. U.S.-Peru trade, 2009 and 2022"),
                             ("Figure", "Figure 2. Peru's exports by sector"), ("Sources", "Sources")]


def test_fixture_title_slide(fixture_deck):
    _, _, deck = fixture_deck
    shown = texts(deck.slides[0])
    assert "Migration, Crime and Democratic Erosion" in shown
    assert "November 22, 2026\nSubcommittee Staff" in shown


def test_fixture_points_keep_emphasis_and_drop_note_refs(fixture_deck):
    _, _, deck = fixture_deck
    body = deck.slides[1].placeholders[1].text_frame
    assert [p.text for p in body.paragraphs] == ["Four of six presidents removed since 2018",
                                                 "Outmigration at a thirty-year high",
                                                 "Trade more than doubled under the 2009 agreement"]
    runs = {r.text: r for p in body.paragraphs for r in p.runs}
    assert runs["removed"].font.bold and runs["thirty-year high"].font.italic


def test_fixture_long_points_continue_at_most_six_per_slide(fixture_deck):
    _, _, deck = fixture_deck
    bullets = [s for s in deck.slides if _title(s).startswith("Migration") and s.slide_layout.name == "Bullets"]
    counts = [len(s.placeholders[1].text_frame.paragraphs) for s in bullets]
    assert sum(counts) == 9 and max(counts) <= 6 and len(counts) == 2


def test_fixture_source_lines_only_on_citing_slides(fixture_deck):
    _, _, deck = fixture_deck
    lines = {n: _source_line(s) for n, s in enumerate(deck.slides, 1)}
    assert lines[1] is None and lines[len(deck.slides)] is None        # title, sources
    assert lines[2] == ("Sources: Beittel and Miro, Peru: Country Overview, 1; Ramos, Outmigration, para. 2; "
                        "Beittel and Miro, Peru: Country Overview, 2")
    assert lines[3] == "Source: Beittel and Miro, Peru: Country Overview, 2"
    assert lines[4] == lines[5] == "Source: Beittel and Miro, Peru: Country Overview, 1"   # deduplicated
    section = next(s for s in deck.slides if s.slide_layout.name == "Section")
    assert _source_line(section) is None
    for slide in deck.slides:
        line = next((sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == _source_line(slide)), None)
        if line is not None:
            assert line.left < Inches(1) and line.top > Inches(6.4)      # bottom left
            assert all(10 <= r.font.size.pt <= 12 for p in line.text_frame.paragraphs for r in p.runs)
            assert line.text_frame.paragraphs[0].runs[0].font.color.rgb != RGBColor(0, 0, 0)


def test_fixture_notes_hold_the_full_citations(fixture_deck):
    _, _, deck = fixture_deck
    summary = deck.slides[1].notes_slide.notes_text_frame.text.splitlines()
    assert summary == [
        "[1] June S. Beittel and Ramon Miro, Peru: Country Overview and U.S. Relations, IF12372 "
        "(Congressional Research Service, 2024), 1.",
        "[2] Lucia Ramos, Outmigration and the Andean Economy (Lima Policy Institute, 2023), para. 2.",
        "[3] June S. Beittel and Ramon Miro, Peru: Country Overview and U.S. Relations, IF12372 "
        "(Congressional Research Service, 2024), 2."]
    quote = deck.slides[2].notes_slide.notes_text_frame.text
    assert quote.startswith("[4] June S. Beittel")
    migration = deck.slides[3].notes_slide.notes_text_frame.text     # footnote None: no number
    assert migration.startswith("June S. Beittel") and migration.count("\n") == 0
    assert not deck.slides[0].has_notes_slide
    assert not any(_title(s) == "Notes" for s in deck.slides)


def test_fixture_quotes_are_curly_attributed_and_split_at_sentences(fixture_deck):
    _, _, deck = fixture_deck
    quotes = [s for s in deck.slides if s.slide_layout.name == "Quote"]
    first = quotes[0].placeholders[1].text_frame
    assert first.text == "“The United States does not seek to isolate Peru.”"
    assert {r.font.size.pt for p in first.paragraphs for r in p.runs} == {28}
    assert quotes[0].placeholders[13].text_frame.text.startswith("— Ambassador Jane Doe, ")
    bars = [sh for sh in quotes[0].shapes if sh.name == "Quote bar"]     # the accent rule beside it
    assert len(bars) == 1 and bars[0].fill.fore_color.rgb == RGBColor.from_string(briefing_accent())
    assert quotes[1].placeholders[13].text_frame.text == "— Lucia Ramos, CRS"   # the author and the body, not the title alone
    long = [s.placeholders[1].text_frame.text for s in quotes[1:]]
    assert long[0].startswith("“Under the 2009") and long[-1].endswith("as a whole.”")
    assert all(t.startswith("“") for t in long) and not any(t.endswith("”") for t in long[:-1])
    assert max(map(len, long)) < 1.6 * min(map(len, long))              # evenly split
    words = " ".join(t.strip("“”") for t in long).split()
    assert words == FIXTURE_QUOTE.split()                       # nothing lost, nothing added
    sizes = {r.font.size.pt for s in quotes[1:] for p in s.placeholders[1].text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1 and min(sizes) >= 18


def test_fixture_native_charts_read_back(fixture_deck):
    briefing, _, deck = fixture_deck
    figures = [s for s in deck.slides if s.slide_layout.name == "Figure"]
    column, pie = (next(sh.chart for sh in s.shapes if sh.has_chart) for s in figures)
    assert column.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED and pie.chart_type == XL_CHART_TYPE.PIE
    assert tuple(column.plots[0].categories) == ("2009", "2022")
    assert [(s.name, tuple(s.values)) for s in column.plots[0].series] == [("Exports", (4.0, 10.0)),
                                                                          ("Imports", (5.0, 12.0))]
    assert tuple(pie.plots[0].categories) == ("Mining", "Agriculture", "Other")
    assert tuple(pie.plots[0].series[0].values) == (60.0, 25.0, 15.0)
    palette = [c.lstrip("#") for c in briefing.theme.palette]
    assert [str(s.format.fill.fore_color.rgb) for s in column.plots[0].series] == palette[:2]
    assert [str(p.format.fill.fore_color.rgb) for p in pie.plots[0].series[0].points] == palette[:3]
    assert column.value_axis.axis_title.text_frame.text == "US$ billions"
    assert column.plots[0].has_data_labels
    notes = figures[0].notes_slide.notes_text_frame.text
    assert "Data (US$ billions):" in notes and "Imports: 2009: 5, 2022: 12" in notes
    assert "Trade more than doubled under the 2009 agreement." in texts(figures[0])


def test_fixture_marking_and_number_on_every_slide(fixture_deck):
    _, _, deck = fixture_deck
    for n, slide in enumerate(deck.slides, 1):
        marking = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == "UNCLASSIFIED")
        assert marking.top < Inches(0.5) and marking.text_frame.paragraphs[0].runs[0].font.bold
        number = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == str(n))
        assert number.left > Inches(11) and number.top > Inches(6.8)


def test_fixture_text_fits_and_body_stays_readable(fixture_deck):
    _, _, deck = fixture_deck
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            assert fits(shape), (n, shape.name, shape.text_frame.text[:50])
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
            furniture = shape.top > Inches(6.5) or shape.top < Inches(0.45)
            sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
            if not furniture:
                assert all(size >= 18 for size in sizes), (n, shape.name, sizes)


def test_text_height_wraps_at_the_box_width():
    one_line = text_height(["Four of six presidents"], "Carlito", 20, False, Inches(10))
    assert one_line == int(20 * line_height("Carlito") * 12700) and 1.2 <= line_height("Carlito") < 1.25
    wrapped = text_height(["Four of six presidents " * 10], "Carlito", 20, False, Inches(3))
    assert wrapped > 5 * one_line
    assert text_height(["Bold"], "Carlito", 20, True, Inches(0.4)) == one_line     # a long word stands alone


def test_no_powerpoint_autofit(fixture_deck):
    _, data, _ = fixture_deck
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                assert b"normAutofit" not in package.read(name), name


def test_fixture_core_properties(fixture_deck):
    briefing, _, deck = fixture_deck
    props = deck.core_properties
    assert props.title == briefing.title and props.author == "Subcommittee Staff" and props.revision == 1
    assert props.created.date() == briefing.date and props.modified == props.created


_RENDER = """\
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from deck_fixture import sample_briefing
from compiler.render.deck import render_deck
sys.stdout.buffer.write(render_deck(sample_briefing(Path({root!r}))))
"""


def test_fixture_bytes_identical_across_processes(tmp_path):
    script = _RENDER.format(tests=str(TESTS), root=str(tmp_path))
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, env=env,
                           cwd=TESTS.parent).stdout for _ in range(2)]
    assert runs[0] == runs[1] and runs[0][:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(runs[0])) as package:
        assert {i.date_time for i in package.infolist()} == {(2026, 11, 22, 0, 0, 0)}
        workbooks = [n for n in package.namelist() if n.endswith(".xlsx")]
        assert len(workbooks) == 2
        for name in workbooks:
            with zipfile.ZipFile(io.BytesIO(package.read(name))) as book:
                assert b"2026-11-22T00:00:00Z" in book.read("docProps/core.xml")


@pytest.mark.slow
def test_fixture_opens_in_libreoffice(fixture_deck, tmp_path):
    _, data, deck = fixture_deck
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(data)
    converted = through_libreoffice(pptx, tmp_path)
    pages = subprocess.run(["pdfinfo", str(converted)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)", pages, re.M).group(1)) == len(deck.slides)


def _render_section(tmp_path, section) -> Presentation:
    """The fixture briefing with one section swapped in for all of its own."""
    import dataclasses
    briefing = dataclasses.replace(sample_briefing(tmp_path), sections=(section,))
    return Presentation(io.BytesIO(render_deck(briefing)))


def test_a_long_source_line_shrinks_then_is_cut_keeping_every_cite_in_the_notes(tmp_path):
    from compiler.model import Cite, NoteRef, Section, Text
    cites = tuple(Cite(f"s{n}", None, (Text(f"Full reference number {n}."),),
                       f"Author {n}, A Rather Long Report Title About Peru, number {n}") for n in range(15))
    point = (Text("Many sources say so"), NoteRef(cites, 7))
    deck = _render_section(tmp_path, Section("s", "Crowded", (), (point,), False, (), ()))
    slide = next(s for s in deck.slides if _title(s) == "Crowded")
    line = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("Sources: "))
    assert line.text_frame.text.endswith(" …") and "Author 0," in line.text_frame.text
    assert {r.font.size.pt for p in line.text_frame.paragraphs for r in p.runs} == {10}
    assert fits(line)
    assert text_height([line.text_frame.text], "Carlito", 10, False, Inches(10.7)) <= Pt(2 * 10 * 1.25)
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    assert notes == [f"[7] Full reference number {n}." for n in range(15)]


def test_a_long_title_shrinks_then_wraps_within_its_box(tmp_path):
    from compiler.model import Section, Text
    title = "Peru's Congress, Its Courts and the Electoral Authorities Ahead of the 2026 General Elections"
    deck = _render_section(tmp_path, Section("s", title, (), ((Text("One point"),),), False, (), ()))
    shape = next(s for s in deck.slides if _title(s) == title).shapes.title
    size = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}.pop()
    assert 28 <= size < 34 and fits(shape)


def test_quotes_split_at_sentences_not_at_abbreviations():
    from compiler.sentences import split
    text = "U.S. aid rose, Dr. Vance said. It fell (p. 4) later! “Why?” Nobody knows."
    assert split(text, tidy=True) == ["U.S. aid rose, Dr. Vance said.", "It fell (p. 4) later!", "“Why?”", "Nobody knows."]


def briefing_accent() -> str:
    from compiler.theme import built_in_theme
    return built_in_theme().accent.lstrip("#").upper()
