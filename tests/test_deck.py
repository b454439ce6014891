"""The deck reopened with python-pptx: slides, source lines, notes, charts, fitting text."""
from __future__ import annotations

import zipfile

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from compiler.deck.measure import overflows
from conftest import OUTLINE

LONG_POINTS = OUTLINE.replace("    quotes:", "    points:\n" + "".join(
    f'      - "Point {n}: a bullet long enough to wrap onto a second line of the slide when set '
    f'at a readable size [@report, p. {n}]"\n' for n in range(1, 10)) + "    quotes:")

LONG_QUOTE = """\
Under the 2009 trade agreement, U.S. trade with Peru more than doubled, from $9 billion
in 2009 to over $22 billion in 2022. The United States does not seek to isolate Peru.
"""


def build(project, capsys, outline: str | None = None) -> Presentation:
    if outline:
        project.write("outline.yaml", outline)
    code, err = project.run(capsys, "build", "--only", "pptx")
    assert code == 0, err
    return Presentation(str(project.root / "out" / "outline.pptx"))


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_long_point_lists_continue_on_cont_slides(project, capsys):
    deck = build(project, capsys, LONG_POINTS)
    bullets = [s for s in deck.slides if s.slide_layout.name == "Bullets"]
    assert [s.shapes.title.text_frame.text for s in bullets] == ["Summary", "Summary (cont.)"]
    counts = [len(s.placeholders[1].text_frame.paragraphs) for s in bullets]
    assert sum(counts) == 9 and max(counts) <= 6
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                assert not overflows(shape), shape.text_frame.text[:50]


def test_source_lines_and_full_notes_on_citing_slides_only(project, capsys):
    deck = build(project, capsys)
    title, points, quote, sources = deck.slides
    assert not any(t.startswith("Source") for t in texts(title))
    line = next(t for t in texts(points) if t.startswith("Sources:"))
    assert line == "Sources: Diaz and Roe, Peru: A Test Report, 1; “Another Paper”"
    notes = points.notes_slide.notes_text_frame.text.splitlines()
    # the bullets are derived from the body: their notes carry the memo's footnote numbers
    assert notes[0].startswith("[1] Ana Diaz and Ben Roe, Peru: A Test Report, TR-1 (Test Institute, 2024), 1,")
    assert next(t for t in texts(quote) if t.startswith("Source:")) == "Source: Diaz and Roe, Peru: A Test Report, para. 3"
    assert quote.notes_slide.notes_text_frame.text.startswith("[3] Ana Diaz and Ben Roe")
    assert sources.shapes.title.text_frame.text == "Sources" and not sources.has_notes_slide


def test_every_slide_has_the_marking_and_its_number(project, capsys):
    deck = build(project, capsys)
    for n, slide in enumerate(deck.slides, 1):
        assert "UNCLASSIFIED" in texts(slide) and str(n) in texts(slide)


def test_a_long_quote_is_set_smaller_but_never_under_18_pt(project, capsys):
    project.write("sources/report.txt", project.root.joinpath("sources/report.txt").read_text() +
                  "\n" + (LONG_QUOTE * 4))
    text = " ".join([" ".join(LONG_QUOTE.split())] * 3)
    deck = build(project, capsys, OUTLINE.replace("The United States does not seek to isolate Peru.", text))
    quotes = [s for s in deck.slides if s.slide_layout.name == "Quote"]
    sizes = {r.font.size.pt for s in quotes for p in s.placeholders[1].text_frame.paragraphs for r in p.runs}
    assert min(sizes) >= 18 and max(sizes) < 28
    assert all(not overflows(s.placeholders[1]) for s in quotes)


def test_native_charts_with_theme_colours_and_data_in_the_notes(project, capsys):
    project.write("assets/theme.yaml", "palette: ['#112233', '#445566']\n")
    deck = build(project, capsys, OUTLINE + """\
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
    deck = build(project, capsys, OUTLINE + f"""\
    figures:
      - title: Box
        image: assets/box.svg
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
    deck = build(project, capsys, OUTLINE + """\
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


def test_paragraphs_get_only_the_spacing_the_renderer_measures(project, capsys):
    """8 pt after each paragraph and nothing before it, whatever the template inherits:
    the default master's 20 % before went unmeasured and pushed full slides past their
    boxes (under PowerPoint, and to within 0.02 in of the edge under Impress)."""
    from compiler.deck.measure import paragraph_spacing_pt
    deck = build(project, capsys, LONG_POINTS)
    for slide in deck.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs if shape.has_text_frame else ():
                assert paragraph_spacing_pt(shape, paragraph, "a:spcBef", 24) == 0, shape.name
                assert paragraph_spacing_pt(shape, paragraph, "a:spcAft", 24) in (0, 8), shape.name
