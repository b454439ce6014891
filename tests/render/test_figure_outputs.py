"""Figures in both outputs at once: every chart kind vector in the memo and native in the
deck, the same colours, pictures of each format, a table that breaks across pages, the logo."""
from __future__ import annotations

import pdfplumber
import pytest
from PIL import Image
from pptx import Presentation

from compiler.theme import built_in_theme
from conftest import OUTLINE, build

KINDS = {
    "column": "{type: column, categories: [2009, 2022], series: {Trade: [9, 22]}}",
    "bar": "{type: bar, categories: [North, South], series: {Aid: [55, 41.3]}}",
    "line": "{type: line, categories: [2020, 2021, 2022], series: {Growth: [-11, 13.3, 2.7]}}",
    "pie": "{type: pie, categories: [Loans, Grants], series: {Share: [30, 70]}}",
    "stacked": "{type: column, stacked: true, categories: [2009, 2022], series: {A: [4, 10], B: [5, 12]}}",
}
DECK_TYPES = {"column": "COLUMN_CLUSTERED", "bar": "BAR_CLUSTERED", "line": "LINE_MARKERS",
              "pie": "PIE", "stacked": "COLUMN_STACKED"}


def both(project, capsys, outline: str) -> tuple[str, Presentation]:
    """(memo path, deck) of `brief build` of `outline`."""
    build(project, capsys, outline=outline)
    return str(project.out("pdf")), Presentation(str(project.out("pptx")))


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_chart_kind_in_both_outputs(project, capsys, kind):
    pdf, deck = both(project, capsys, OUTLINE + f"""\
    figures:
      - title: The chart
        source: report
        chart: {KINDS[kind]}
""")
    with pdfplumber.open(pdf) as doc:
        page = next(p for p in doc.pages if "Figure 1. The chart" in (p.extract_text() or ""))
        assert not page.images, "the memo's chart must be vector"
        words = {w["text"] for w in page.extract_words()}
    [slide] = [s for s in deck.slides if s.shapes.title.text_frame.text == "Figure 1. The chart"]
    [chart] = [sh.chart for sh in slide.shapes if sh.has_chart]
    assert chart.chart_type.name == DECK_TYPES[kind]
    plot = chart.plots[0]
    assert set(plot.categories) <= words                  # the same categories, as text, in both
    expected = {name: values for name, values in _series(KINDS[kind])}
    assert {s.name: list(s.values) for s in plot.series} == expected


def _series(spec: str):
    import yaml
    data = yaml.safe_load(spec)
    return [(k, [float(v) for v in vs]) for k, vs in data["series"].items()]


def test_the_same_colours_in_both_outputs(project, capsys, tmp_path):
    theme = built_in_theme()
    pdf, deck = both(project, capsys, OUTLINE + f"""\
    figures:
      - title: The chart
        source: report
        chart: {KINDS["stacked"]}
""")
    from compiler import pipeline
    from compiler.render.memo import render_memo_html
    html = render_memo_html(pipeline.check(str(project.outline)).briefing)
    [chart] = [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]
    deck_colours = [f"#{s.format.fill.fore_color.rgb}" for s in chart.plots[0].series]
    assert deck_colours == list(theme.palette[:2])
    for colour in deck_colours:
        assert f"fill: {colour.lower()}" in html.lower()


def test_pictures_of_each_format_keep_their_shape(project, capsys):
    Image.new("RGB", (300, 100), "#1F3A5F").save(project.root / "wide.png")
    Image.new("RGB", (100, 200), "#B5472B").save(project.root / "tall.jpg")
    project.write("square.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 50">'
                                '<rect width="50" height="50" fill="#0072B2"/></svg>')
    pdf, deck = both(project, capsys, OUTLINE + """\
    figures:
      - {title: Wide, image: wide.png, alt: "A wide navy band"}
      - {title: Tall, image: tall.jpg, alt: "A tall column"}
      - {title: Square, image: square.svg, alt: ""}
""")
    with pdfplumber.open(pdf) as doc:
        images = [img for page in doc.pages for img in page.images]
        assert len(images) == 2          # png and jpg as pictures; the svg is drawn as vector
        wide = next(i for i in images if i["srcsize"] == (300, 100))
        assert abs((wide["x1"] - wide["x0"]) / (wide["bottom"] - wide["top"]) - 3) < 0.05
    ratios = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:
                ratios[slide.shapes.title.text_frame.text] = shape.width / shape.height
    assert ratios["Figure 1. Wide"] == pytest.approx(3, rel=0.01)
    assert ratios["Figure 2. Tall"] == pytest.approx(0.5, rel=0.01)
    assert ratios["Figure 3. Square"] == pytest.approx(1, rel=0.01)


def test_a_long_table_repeats_its_header_on_every_page(project, capsys):
    rows = "".join(f'            - ["Row {n}", "{n * 10}"]\n' for n in range(1, 80))
    pdf, _ = both(project, capsys, OUTLINE + f"""\
    figures:
      - title: Long table
        table:
          columns: [Name, Value]
          rows:
{rows}""")
    with pdfplumber.open(pdf) as doc:
        pages = [p.extract_text() or "" for p in doc.pages if "Row " in (p.extract_text() or "")]
    assert len(pages) >= 2
    assert all("Name Value" in page for page in pages)
    assert "Row 79 790" in pages[-1]


def test_the_logo_on_the_memo_and_the_title_slide(project, capsys):
    Image.new("RGB", (200, 100), "#1F3A5F").save(project.root / "logo.png")
    project.write("assets/theme.yaml", "logo: logo.png\n")
    pdf, deck = both(project, capsys, OUTLINE)
    with pdfplumber.open(pdf) as doc:
        assert [i["srcsize"] for i in doc.pages[0].images] == [(200, 100)]
    pictures = [s for s in deck.slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].width / pictures[0].height == pytest.approx(2, rel=0.01)
