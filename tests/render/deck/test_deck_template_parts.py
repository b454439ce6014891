"""Decks from an office's template, continued: tables in the template's theme colours and
fonts, the marking and source line in its footer placeholders, its own slides kept."""
from __future__ import annotations

import pytest
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn
from pptx.util import Inches

from compiler.render.deck.office_theme import scheme_colours
from compiler.theme.contrast import ratio
from deck_support import assert_fits, assert_tables_fit, tables_of, through_libreoffice
from test_deck_templates import BRIEFING, office_template
from test_deck_templates import build_with as build

ROWS = "".join(f'            - ["Account {n}: a line item whose name is long enough to wrap in its cell", '
               f'{n * 11}]\n' for n in range(1, 19))
TABLE = f"""\
      - title: Budget
        source: report
        caption: "The request by account."
        table:
          columns: ["Account", "US$ millions"]
          rows:
            - ["**Development assistance** [@report, p. 2]", 55]
{ROWS}"""


@pytest.mark.parametrize("dark", [False, True], ids=["light 4:3", "dark 16:9"])
def test_a_table_takes_the_templates_theme_colours_and_body_font(project, capsys, dark):
    deck, data, _ = build(project, capsys, office_template(wide=dark, dark=dark, body_font="Georgia"
                                                           if dark else None), "", briefing=BRIEFING + TABLE)
    found = tables_of(deck)
    assert len(found) >= 2                  # continued, its header repeated
    titles = [slide.shapes.title.text for slide, _ in found]
    assert titles[0] == "Table 1. Budget" and titles[1] == "Table 1. Budget (cont.)"
    assert all(slide.slide_layout.name == "Title Only" for slide, _ in found)
    rows = [shape.table.cell(r, 0).text_frame.text for _, shape in found for r in range(1, len(shape.table.rows))]
    assert rows[0] == "Development assistance" and len(rows) == 19      # every row once, in order
    colours = scheme_colours(deck)
    for _, shape in found:
        header = shape.table.cell(0, 0)
        assert header.text_frame.text == "Account"
        assert header.fill.fore_color.theme_color == MSO_THEME_COLOR.ACCENT_1
        run = header.text_frame.paragraphs[0].runs[0]
        better = max(("bg1", MSO_THEME_COLOR.BACKGROUND_1), ("tx1", MSO_THEME_COLOR.TEXT_1),
                     key=lambda c: ratio(colours[c[0]], colours["accent1"]))[1]
        assert run.font.color.theme_color == better and run.font.bold
        body = shape.table.cell(1, 0).text_frame.paragraphs[0].runs[0]
        assert body.font.color.theme_color == MSO_THEME_COLOR.TEXT_1
        assert body._r.rPr.find(qn("a:latin")).get("typeface") == "+mn-lt"     # the theme's body font
        assert shape.table.cell(2, 0).fill.fore_color.theme_color == MSO_THEME_COLOR.BACKGROUND_1
        assert shape._element.find(f".//{qn('p:cNvPr')}").get("descr")      # alternative text
    bold = found[0][1].table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert bold.font.bold
    first = found[0][0]
    assert [s.text_frame.text for s in first.shapes if s.name == "Caption"] == ["The request by account."]
    assert "Diaz and Roe" in [s for s in first.shapes if s.name == "Source line"][0].text_frame.text
    assert_tables_fit(deck)
    assert_fits(deck)
    (project.root / "out" / "outline.pptx").unlink()
    _, again, _ = build(project, capsys, office_template(wide=dark, dark=dark, body_font="Georgia"
                                                         if dark else None), "", briefing=BRIEFING + TABLE)
    assert again == data


def placeholders(slide, kind):
    return [s for s in slide.placeholders if s.placeholder_format.type == kind]


def test_the_marking_number_and_date_go_into_the_templates_footer_row(project, capsys):
    from pptx.enum.shapes import PP_PLACEHOLDER as P
    deck, _, _ = build(project, capsys, office_template(wide=True))
    for number, slide in enumerate(deck.slides, 1):
        footer = placeholders(slide, P.FOOTER)
        assert [f.text_frame.text for f in footer] == ["UNCLASSIFIED"]
        assert footer[0].text_frame.paragraphs[0].runs[0].font.bold
        assert [s.text_frame.text for s in placeholders(slide, P.SLIDE_NUMBER)] == [str(number)]
        assert [s.text_frame.text for s in placeholders(slide, P.DATE)] == ([] if number == 1 else
                                                                           ["November 22, 2026"])
        assert not [s for s in slide.shapes if s.name in ("Marking", "Slide number") and not s.is_placeholder]
        row = min(s.top for s in slide.placeholders if s.placeholder_format.type in (P.FOOTER, P.SLIDE_NUMBER))
        for line in (s for s in slide.shapes if s.name == "Source line"):
            assert line.top + line.height <= row             # above the footer row, the whole width
            assert line.width > deck.slide_width * 0.8
            for shape in slide.shapes:
                if shape.shape_id != line.shape_id and shape.name not in ("Marking", "Date", "Slide number"):
                    assert shape.top + shape.height <= line.top, shape.name
    # the template's own look: the footer's size and colour are the layout's (none written)
    footer = placeholders(deck.slides[1], P.FOOTER)[0]
    assert footer.text_frame.paragraphs[0].runs[0].font.size is None
    assert footer._base_placeholder is not None
    assert_fits(deck)


def test_a_marking_too_long_for_the_footer_and_a_template_without_one_get_our_boxes(project, capsys):
    from pptx.enum.shapes import PP_PLACEHOLDER as P
    long = "UNCLASSIFIED//FOR OFFICIAL USE ONLY//NOT FOR RELEASE OUTSIDE THE COMMITTEE BEFORE THE HEARING"
    for template, marking in ((office_template(), long), (office_template(footers=False), "UNCLASSIFIED")):
        briefing = BRIEFING.replace('marking: "UNCLASSIFIED"', f'marking: "{marking}"')
        deck, _, _ = build(project, capsys, template, briefing=briefing)
        for number, slide in enumerate(deck.slides, 1):
            assert not placeholders(slide, P.FOOTER)
            marks = [s for s in slide.shapes if s.name == "Marking"]
            assert [m.text_frame.text for m in marks] == [marking] and marks[0].top < Inches(0.5)
            if marking == "UNCLASSIFIED":
                assert [s.text_frame.text for s in slide.shapes if s.name == "Slide number"] == [str(number)]
                assert not placeholders(slide, P.DATE)
        assert_fits(deck)


def covered_template() -> bytes:
    """A template holding a cover (Title Slide) and a closing disclaimer of its own."""
    import io

    from pptx import Presentation
    prs = Presentation(io.BytesIO(office_template(wide=True)))
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    cover.shapes.title.text = "Committee on Foreign Affairs"
    cover.placeholders[1].text_frame.text = "Majority Staff"
    notice = prs.slides.add_slide(prs.slide_layouts[1])
    notice.shapes.title.text = "Disclaimer"
    notice.placeholders[1].text_frame.text = "Prepared by staff; not an official statement of the Committee."
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_keep_template_slides_puts_its_cover_before_ours_and_the_rest_after(project, capsys):
    deck, data, _ = build(project, capsys, covered_template(), "keep_template_slides: true\n")
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[:2] == ["Committee on Foreign Affairs", "Test Briefing"]
    assert titles[-2:] == ["Sources", "Disclaimer"]
    assert len({s.slide_id for s in deck.slides}) == len(deck.slides)      # ids unique
    cover, notice = deck.slides[0], deck.slides[-1]
    for kept in (cover, notice):            # as the template has them: nothing of ours on them
        assert not [s for s in kept.shapes if s.name in ("Marking", "Source line", "Slide number")]
    assert notice.placeholders[1].text_frame.text.startswith("Prepared by staff")
    from pptx.enum.shapes import PP_PLACEHOLDER as P
    numbers = [[s.text_frame.text for s in placeholders(slide, P.SLIDE_NUMBER)] for slide in deck.slides]
    assert numbers[1] == ["2"] and numbers[-2] == [str(len(deck.slides) - 1)]   # ours count theirs
    (project.root / "out" / "outline.pptx").unlink()
    _, again, _ = build(project, capsys, covered_template(), "keep_template_slides: true\n")
    assert again == data
    deck, _, _ = build(project, capsys, covered_template())             # by default: left out
    assert "Disclaimer" not in [s.shapes.title.text for s in deck.slides]
    assert deck.slides[0].shapes.title.text == "Test Briefing"


def test_keep_template_slides_without_a_template_is_an_error_at_its_key(project, capsys):
    project.write("outline.yaml", "keep_template_slides: true\n" + BRIEFING)
    code, err = project.run(capsys, "check")
    assert code == 1
    assert "outline.yaml:1:1: error: `keep_template_slides` keeps the slides of a `deck_template`" in err


@pytest.mark.slow
def test_template_tables_as_libreoffice_draws_them(project, capsys, tmp_path):
    """Drawn by a real client: every cell's words on the slide, the table's last line above
    the caption and the source line, and no row grown past what was measured."""

    import pdfplumber
    _, data, _ = build(project, capsys, office_template(wide=True, dark=True), "", briefing=BRIEFING + TABLE)
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(data)
    from pptx import Presentation
    deck = Presentation(str(pptx))
    through_libreoffice(pptx, tmp_path)
    with pdfplumber.open(tmp_path / "deck.pdf") as pdf:
        scale = pdf.pages[0].width / (deck.slide_width / 12700)
        for page, slide in zip(pdf.pages, deck.slides):
            tables = [s for s in slide.shapes if s.has_table]
            if not tables:
                continue
            table = tables[0]
            words = page.extract_words()
            below = min(s.top for s in slide.shapes if s.name in ("Caption", "Source line")) / 12700 * scale
            top = table.top / 12700 * scale
            drawn = [w for w in words if top - 1 <= w["top"] < below]
            cells = {w for r in table.table.rows for c in r.cells for w in c.text_frame.text.split()}
            assert cells <= {w["text"] for w in drawn}
            assert max(w["bottom"] for w in drawn) <= below
            measured = (table.top + sum(r.height for r in table.table.rows)) / 12700 * scale
            assert max(w["bottom"] for w in drawn) <= measured + 2
