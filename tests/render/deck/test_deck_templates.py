"""The deck from an office's own PowerPoint template (`deck_template`): templates made here
with python-pptx (its default template has the Office layout names), reopened decks."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches

from compiler.render.deck.measure import overflows
from deck_support import assert_fits, through_libreoffice
from conftest import OUTLINE, build
from conftest import TESTS
from deck_fixture import office_template

BRIEFING = OUTLINE.replace("    quotes:", "    points:\n" + "".join(
    f'      - "Point {n}: a bullet long enough to wrap onto a second line of the slide when set '
    f'at a readable size [@report, p. {n}]"\n' for n in range(1, 10)) + "    quotes:") + """\
      - text: "Under the 2009 trade agreement, U.S. trade with Peru more than doubled, from $9 billion in 2009 to over $22 billion in 2022. The United States does not seek to isolate Peru."
        source: report
    figures:
      - title: Trade
        source: report
        caption: "Trade more than doubled under the 2009 agreement."
        chart: {type: column, unit: "US$ billions", categories: [2009, 2022],
                series: {Exports: [4, 10], Imports: [5, 12]}}
"""


def build_with(project, capsys, template: bytes, extra: str = "", name: str = "office.pptx",
               briefing: str = BRIEFING):
    """(deck, its bytes, stderr) of `brief build --only pptx` with `template` as the deck template."""
    (project.root / "assets").mkdir(exist_ok=True)
    (project.root / "assets" / name).write_bytes(template)
    err = build(project, capsys, "--only", "pptx", outline=f"deck_template: assets/{name}\n{extra}" + briefing)
    path = project.out("pptx")
    return Presentation(str(path)), path.read_bytes(), err


def layout_names(deck) -> list[str]:
    return [slide.slide_layout.name for slide in deck.slides]


@pytest.mark.parametrize("wide", [False, True], ids=["4:3", "16:9"])
def test_office_layout_names_are_found_and_the_slide_size_is_the_templates(project, capsys, wide):
    deck, _, _ = build_with(project, capsys, office_template(wide=wide))
    assert (deck.slide_width, deck.slide_height) == ((Inches(13.333) // 1 if wide else Inches(10)), Inches(7.5))
    names = layout_names(deck)
    assert names[0] == "Title Slide"
    assert "Title and Content" in names and "Title Only" in names
    assert names[-1] == "Title and Content"          # Sources
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == "Test Briefing" and "Summary (cont.)" in titles and titles[-1] == "Sources"
    # every slide from the template's one master; the text in its placeholders
    template = Presentation(io.BytesIO(office_template(wide=wide)))
    assert len(deck.slide_masters) == 1
    assert [l.name for l in deck.slide_layouts] == [l.name for l in template.slide_layouts]
    bullets = [s for s in deck.slides if s.slide_layout.name == "Title and Content"][0]
    assert any(p.is_placeholder and "Point 1" in p.text_frame.text for p in bullets.shapes)
    assert any(s.has_chart for s in deck.slides[-2].shapes)
    assert_fits(deck)


def test_a_dark_template_with_another_body_font_keeps_its_look(project, capsys):
    deck, _, err = build_with(project, capsys, office_template(wide=True, dark=True, body_font="Times New Roman"))
    theme = etree.fromstring(deck.slide_masters[0].part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{qn('a:minorFont')}").find(qn("a:latin")).get("typeface") == "Times New Roman"
    assert theme.find(f".//{qn('a:lt1')}/{qn('a:srgbClr')}").get("val") == "14213D"
    assert deck.slide_masters[0].background.fill.fore_color.rgb == __import__("pptx").dml.color.RGBColor(
        0x14, 0x21, 0x3D)
    # our own boxes take the template's text colour, not ours (dark on navy would vanish)
    line = [s for s in deck.slides[1].shapes if s.name == "Source line"][0]
    assert all(run.font.color.type is None for run in line.text_frame.paragraphs[0].runs)
    assert "Times New Roman" not in err             # measured with its twin, Liberation Serif
    # the chart in the template's accents and body font, keeping our data
    accents = [theme.find(f".//{qn(f'a:accent{i}')}/{qn('a:srgbClr')}").get("val") for i in (1, 2)]
    chart = next(sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart)
    assert [str(series.format.fill.fore_color.rgb) for series in chart.plots[0].series] == accents
    assert chart.font.name == "Times New Roman"
    assert [list(series.values) for series in chart.plots[0].series] == [[4, 10], [5, 12]]
    assert_fits(deck)


def test_the_slide_number_goes_into_the_templates_placeholder_clear_of_the_source_line(project, capsys):
    from pptx.enum.shapes import PP_PLACEHOLDER
    deck, _, _ = build_with(project, capsys, office_template())
    for number, slide in enumerate(deck.slides, 1):
        holders = [s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        assert [h.text_frame.text for h in holders] == [str(number)]
        assert holders[0]._element.find(f".//{qn('a:fld')}").get("type") == "slidenum"   # kept up to date
        assert not [s for s in slide.shapes if s.name == "Slide number" and not s.is_placeholder]
        for line in (s for s in slide.shapes if s.name == "Source line"):
            assert line.left + line.width <= holders[0].left or line.top + line.height <= holders[0].top


def test_a_body_reaching_the_slides_foot_stops_above_the_source_line(project, capsys):
    deck, _, _ = build_with(project, capsys, office_template(deep=True))
    lines = 0
    for slide in deck.slides:
        for line in (s for s in slide.shapes if s.name == "Source line"):
            for body in (s for s in slide.placeholders if s.placeholder_format.idx == 1):
                assert body.top + body.height <= line.top
                lines += 1
    assert lines >= 3
    assert_fits(deck)


def test_a_font_with_no_twin_is_measured_with_a_warning(project, capsys):
    deck, _, err = build_with(project, capsys, office_template(body_font="Frutiger Next"))
    assert "outline.yaml:1:16: warning:" in err and "Frutiger Next" in err
    assert_fits(deck)


def test_a_template_with_our_layout_names_and_a_potx(project, capsys):
    renames = {"Title Slide": "Title", "Title and Content": "Bullets", "Section Header": "Section",
               "Two Content": "Quote", "Title Only": "Figure", "Content with Caption": "Sources"}
    data = office_template(renames=renames, slides=2)
    source = zipfile.ZipFile(io.BytesIO(data))        # saved as a template (.potx)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"presentation.main+xml", b"template.main+xml")
            target.writestr(info, body)
    deck, _, _ = build_with(project, capsys, out.getvalue(), name="office.potx")
    names = layout_names(deck)
    assert names[0] == "Title" and "Quote" in names and "Figure" in names and names[-1] == "Sources"
    assert "Template cover" not in [s.shapes.title.text for s in deck.slides]
    assert_fits(deck)


def test_layouts_map_ours_onto_the_templates(project, capsys):
    deck, _, _ = build_with(project, capsys, office_template(), 'layouts: {Quote: "Two Content", Figure: "Blank title"}\n'
                       .replace("Blank title", "Title and Content"))
    names = layout_names(deck)
    assert "Two Content" in names                     # the quote
    assert "Title Only" not in names                  # the figure went where it was told
    assert_fits(deck)


def test_a_title_layout_without_a_subtitle_still_shows_the_date_and_author(project, capsys):
    deck, _, _ = build_with(project, capsys, office_template(), 'author: "Subcommittee Staff"\nlayouts: {Title: "Title Only"}\n')
    cover = deck.slides[0]
    assert cover.slide_layout.name == "Title Only"
    byline = [s for s in cover.shapes if s.name == "Byline"][0]
    assert byline.text_frame.text == "November 22, 2026\nSubcommittee Staff"
    assert not overflows(byline)


def test_a_layout_without_the_placeholders_a_slide_needs_is_an_error(project, capsys):
    (project.root / "assets").mkdir()
    (project.root / "assets" / "office.pptx").write_bytes(office_template())
    project.write("outline.yaml", 'deck_template: assets/office.pptx\nlayouts: {Quote: "Title Only"}\n' + BRIEFING)
    code, err = project.run(capsys, "build")
    assert code == 1
    assert 'outline.yaml:2:18: error: layout "Title Only" of `assets/office.pptx` has no place for our Quote' in err


def test_a_missing_layout_is_an_error_at_its_key_listing_the_templates(project, capsys):
    (project.root / "assets").mkdir()
    (project.root / "assets" / "office.pptx").write_bytes(office_template())
    project.write("outline.yaml", 'deck_template: assets/office.pptx\nlayouts:\n  Bullets: "Agenda"\n' + BRIEFING)
    code, err = project.run(capsys, "build")
    assert code == 1
    assert 'outline.yaml:3:12: error: deck template `assets/office.pptx` has no layout "Agenda"' in err
    assert '"Title and Content"' in err and '"Blank"' in err
    assert not (project.root / "out").exists()


def test_a_misspelt_layout_of_ours_is_an_error_at_its_key(project, capsys):
    project.write("outline.yaml", 'deck_template: assets/office.pptx\nlayouts: {Bulets: "Title and Content"}\n'
                  + BRIEFING)
    code, err = project.run(capsys, "check")
    assert code == 1
    assert "outline.yaml:2:11: error: `layouts.Bulets` must be one of 'Title', 'Section', 'Bullets'" in err
    assert "did you mean `Bullets`?" in err


def test_a_template_without_a_title_layout_is_an_error_at_deck_template(project, capsys):
    (project.root / "assets").mkdir()
    (project.root / "assets" / "office.pptx").write_bytes(office_template(renames={"Title Slide": "Cover"}))
    project.write("outline.yaml", "deck_template: assets/office.pptx\n" + BRIEFING)
    code, err = project.run(capsys, "build")
    assert code == 1
    assert "outline.yaml:1:16: error:" in err and "no layout for our Title slides" in err and '"Cover"' in err


@pytest.mark.parametrize("written, why", [("../office.pptx", "is outside the briefing folder"),
                                          ("assets/none.pptx", "does not exist"),
                                          ("outline.yaml", "must be a pptx, potx file")])
def test_the_template_goes_through_the_folder_fence(project, capsys, written, why):
    project.write("outline.yaml", f"deck_template: {written}\n" + BRIEFING)
    code, err = project.run(capsys, "build")
    assert code == 1 and f"outline.yaml:1:16: error: deck template `{written}` {why}" in err


def test_not_a_presentation_is_a_located_error(project, capsys):
    project.write("assets/office.pptx", "not a zip")
    project.write("outline.yaml", "deck_template: assets/office.pptx\n" + BRIEFING)
    code, err = project.run(capsys, "build")
    assert code == 1 and "outline.yaml:1:16: error: deck template `assets/office.pptx` is not a PowerPoint" in err


def test_byte_identical_on_rebuild_and_rebuilt_when_the_template_changes(project, capsys):
    _, first, _ = build_with(project, capsys, office_template(wide=True))
    (project.root / "out" / "outline.pptx").unlink()
    _, again, _ = build_with(project, capsys, office_template(wide=True))
    assert first == again
    _, dark, _ = build_with(project, capsys, office_template(wide=True, dark=True))
    assert dark != first


@pytest.mark.slow
@pytest.mark.parametrize("which", ["4:3", "16:9 dark", "impress"])
def test_template_decks_as_libreoffice_draws_them(project, capsys, tmp_path, which):
    """Drawn by a real client: every word of the body text is inside its placeholder, at
    18 pt or more, and every point is on some slide."""

    import pdfplumber
    from pptx.enum.shapes import PP_PLACEHOLDER
    template = (TESTS / "data" / "impress-template.pptx").read_bytes() if which == "impress" \
        else office_template(wide=which != "4:3", dark=which != "4:3", body_font="Times New Roman")
    _, data, _ = build_with(project, capsys, template)
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(data)
    deck = Presentation(str(pptx))
    through_libreoffice(pptx, tmp_path)
    seen = []
    with pdfplumber.open(tmp_path / "deck.pdf") as pdf:
        assert len(pdf.pages) == len(deck.slides)
        scale = pdf.pages[0].width / (deck.slide_width / 12700)
        for page, slide in zip(pdf.pages, deck.slides):
            words = page.extract_words(extra_attrs=["size"])
            for shape in slide.placeholders:
                if shape == slide.shapes.title or not shape.text_frame.text.strip():
                    continue
                # the footer row (marking, date, number) is small print: inside its box at any size
                small = shape.placeholder_format.type in (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER,
                                                          PP_PLACEHOLDER.DATE)
                top, bottom = shape.top / 12700 * scale, (shape.top + shape.height) / 12700 * scale
                left, right = shape.left / 12700 * scale, (shape.left + shape.width) / 12700 * scale
                inside = [w for w in words if left - 1 <= w["x0"] and w["x1"] <= right + 1
                          and top - 1 <= w["top"] < bottom + 1 and (small or w["size"] >= 17.5 * scale)]
                assert inside, shape.text_frame.text[:40]
                assert max(w["bottom"] for w in inside) <= bottom + 2, shape.text_frame.text[:40]
                words_out = set(shape.text_frame.text.split()) - {w["text"] for w in inside}
                assert not words_out, words_out
                if not small:
                    seen += [w["text"] for w in inside]
    assert all(f"{n}:" in seen for n in range(1, 10))


def test_a_template_saved_by_libreoffice_impress(project, capsys):
    """tests/data/impress-template.pptx: the 16:9 template above, opened and saved again by
    LibreOffice Impress, which names its layouts its own way ("Title, Content")."""
    data = (TESTS / "data" / "impress-template.pptx").read_bytes()
    deck, _, _ = build_with(project, capsys, data)
    template = Presentation(io.BytesIO(data))
    assert (deck.slide_width, deck.slide_height) == (template.slide_width, template.slide_height)
    names = layout_names(deck)
    assert names[0] == "Title Slide" and "Title, Content" in names and "Title Only" in names
    assert_fits(deck)
