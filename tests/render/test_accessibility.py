"""Accessible outputs, read back the way assistive software reads them.

The memo's PDF: tagged and declared PDF/UA-1, its language, title shown in the title bar,
headings in order, tables with header cells, figures with alternative text, and the page
furniture (marking, running head, page numbers) kept out of the structure tree. The deck:
alternative text on every chart, table and picture (the memo's words), a unique title on
every slide, shapes in reading order, the language set, and theme colours that meet WCAG
2.1 contrast. Run on the sample and on an outline with every figure kind.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import yaml
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import CATALOG, OTHER, OUTLINE, REPORT, build_in_process, errors_of, shared_folder
from conftest import REPO

ROOT = REPO

KINDS_OUTLINE = """\
title: "Every Figure Kind"
subtitle: "Charts, pictures and tables"
date: 2026-11-22
author: "Committee Staff"
lang: en-US
marking: "UNCLASSIFIED"
memo: {to: "Members", from: "Staff"}
sections:
  - title: "Summary"
    body: |
      Peru's congress has removed four presidents [@report, p. 1].

      - Seizures rose [@other].
      - Trade more than doubled [@report].
    quotes:
      - text: "The United States does not seek to isolate Peru."
        source: report
    figures:
      - id: trade
        title: "U.S.-Peru trade"
        chart: {type: column, unit: "US$ billions", categories: [2009, 2022], series: {Trade: [9, 22]}}
        source: report
      - title: "Two series"
        chart: {type: line, categories: [2020, 2021], series: {North: [1, 2], South: [3, -4]}}
        source: report
      - title: "The map"
        image: map.png
        alt: "A map of Peru with Lima marked on the coast"
      - title: "An ornament"
        image: ornament.svg
        alt: ""
  - title: "Details"
    body: |
      The table lists the figures [@report].
    figures:
      - title: "Trade by year"
        table:
          columns: ["Year", "US$ billions"]
          rows:
            - ["2009", "9 [@report]"]
            - ["2022", "22"]
"""

MAP_ALT = "A map of Peru with Lima marked on the coast"


def _make_kinds(folder: Path) -> None:
    for name, text in (("sources/report.txt", REPORT), ("sources/other.txt", OTHER),
                       ("sources/sources.yaml", CATALOG), ("outline.yaml", KINDS_OUTLINE)):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    Image.new("RGB", (400, 200), "#1F3A5F").save(folder / "map.png")
    (folder / "ornament.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" '
                                         'height="10"><rect width="40" height="10" fill="#B5472B"/></svg>')
    build_in_process(folder)


@pytest.fixture(scope="module", params=["sample", "kinds"])
def built(request, tmp_path_factory):
    """(pdf, pptx, kind) for the sample and for the every-kind outline, each built once per
    session."""
    if request.param == "sample":
        folder = request.getfixturevalue("sample_folder")
    else:
        folder = shared_folder(tmp_path_factory, "kinds", _make_kinds)
    pdf = next((folder / "out").glob("*.pdf"))
    return pdf, pdf.with_suffix(".pptx"), request.param


# --- the memo -------------------------------------------------------------------


def _elements(pdf: pikepdf.Pdf):
    """Every structure element reachable from the root, in reading order."""
    def walk(node):
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                yield from walk(kid)
    root = pdf.Root.StructTreeRoot.K
    for top in (root if isinstance(root, pikepdf.Array) else [root]):
        yield from walk(top)


def test_memo_is_declared_pdf_ua_1_with_language_title_and_metadata(built):
    path, _, kind = built
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == ("en-US" if kind == "kinds" else "en")
        assert root.ViewerPreferences.DisplayDocTitle is True
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        info = pdf.docinfo
        assert str(info.Title) == ("Every Figure Kind" if kind == "kinds" else "Peru at a Crossroads")
        for key in ("/Author", "/Subject", "/Keywords"):
            assert str(info[key]).strip(), key
        assert str(meta["dc:title"]) == str(info.Title)


def test_memo_headings_in_order_h1_title_then_h2_sections(built):
    path, _, _ = built
    outline = yaml.safe_load((path.parent.parent / "outline.yaml").read_text(encoding="utf-8"))
    headings = []
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            for element in _walk(page.structure_tree):
                if element["type"] in ("H1", "H2", "H3", "H4", "H5", "H6"):
                    ids = {i for e in _walk([element]) for i in e.get("mcids") or ()}
                    headings.append((element["type"], "".join(c["text"] for c in page.chars
                                                              if c.get("mcid") in ids)))
    assert headings == [("H1", outline["title"])] + [("H2", s["title"]) for s in outline["sections"]] \
        + [("H2", "Sources")]


def _walk(elements):
    for element in elements:
        yield element
        yield from _walk(element.get("children") or ())


def test_memo_lists_and_quotes_are_tagged_as_such(built):
    path, _, _ = built
    with pikepdf.open(path) as pdf:
        roles = [str(e.S) for e in _elements(pdf)]
    assert "/L" in roles and "/LI" in roles and "/LBody" in roles
    assert "/BlockQuote" in roles


def test_every_memo_figure_has_alternative_text_in_words(built):
    path, _, kind = built
    with pikepdf.open(path) as pdf:
        alts = [str(e.Alt) if "/Alt" in e else None for e in _elements(pdf) if str(e.S) == "/Figure"]
    assert alts and all(alts), alts
    if kind == "kinds":
        assert alts == [
            "Figure 1. U.S.-Peru trade. Column chart, US$ billions: 2009, 9; 2022, 22.",
            "Figure 2. Two series. Line chart. North: 2020, 1; 2021, 2. South: 2020, 3; 2021, -4.",
            MAP_ALT,                      # the ornament (alt: "") is decoration, not a figure
        ]
    else:
        assert any(a.startswith("Six key figures: 34 million inhabitants") for a in alts)
        assert "Figure 2. U.S.-Peru two-way trade, 2009 and 2022. Column chart, US$ billions: " \
               "2009, 9; 2022, 22." in alts


def test_memo_tables_have_header_cells_that_data_cells_point_to(built):
    path, _, _ = built
    with pikepdf.open(path) as pdf:
        tables = [e for e in _elements(pdf) if str(e.S) == "/Table"]
        assert len(tables) == 2                     # the TO/FROM/DATE/RE header and one data table
        for table in tables:
            cells = [e for e in _elements_under(table) if str(e.S) in ("/TH", "/TD")]
            ids = {str(c.ID) for c in cells if str(c.S) == "/TH"}
            data = [c for c in cells if str(c.S) == "/TD"]
            assert ids and data
            for cell in data:       # every data cell names the header cell(s) it belongs to
                assert {str(h) for h in cell.A.Headers} & ids
        routing, data_table = tables
        scopes = lambda table: {str(c.A.Scope) for c in _elements_under(table) if str(c.S) == "/TH"}  # noqa: E731
        assert scopes(routing) == {"/Row"} and scopes(data_table) == {"/Column"}


def _elements_under(node):
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements_under(kid)


def test_every_footnote_call_links_to_its_note_on_the_same_page(built):
    path, _, _ = built
    with pikepdf.open(path) as pdf:
        names = list(pdf.Root.Names.Dests.Names)
        dests = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        calls = 0
        for n, page in enumerate(pdf.pages):
            for annot in page.get("/Annots", []):
                target = str(annot.get("/Dest", ""))
                if target.startswith("note-"):
                    calls += 1
                    assert pages[dests[target][0].objgen] == n, target        # the note is on this page
                    assert str(annot.Contents) == target                     # what a reader announces
        link_elements = [e for e in _elements(pdf) if str(e.S) == "/Link"]
        assert calls and len(link_elements) >= calls


def test_footnotes_are_note_elements_with_ids(built):
    path, _, _ = built
    with pikepdf.open(path) as pdf:
        notes = [e for e in _elements(pdf) if str(e.S) == "/Note"]
        calls = sum(1 for page in pdf.pages for a in page.get("/Annots", [])
                    if str(a.get("/Dest", "")).startswith("note-"))
    assert notes and len(notes) == calls
    assert [str(n.ID) for n in notes] == [f"note-{i}" for i in range(1, len(notes) + 1)]


def test_running_head_marking_and_page_numbers_are_outside_the_structure_tree(built):
    path, _, _ = built
    with pdfplumber.open(path) as doc:
        for number, page in enumerate(doc.pages, 1):
            tagged = {i for e in _walk(page.structure_tree) for i in e.get("mcids") or ()}
            margin = [c for c in page.chars if c["top"] < 72 or c["bottom"] > page.height - 72]
            body = [c for c in page.chars if 72 <= c["top"] and c["bottom"] <= page.height - 72]
            assert f"Page {number} of" in "".join(c["text"] for c in margin)
            assert not [c for c in margin if c.get("mcid") in tagged], f"page {number}"
            assert {c.get("tag") for c in margin} == {"Artifact"}, f"page {number}"
            assert all(c.get("mcid") in tagged for c in body if c["text"].strip()), f"page {number}"


def test_memo_passes_a_pdf_ua_checker(built):
    """pdfua (PyPI) checks the machine-checkable part of PDF/UA-1 it covers; veraPDF,
    the reference checker, is Java and in neither PyPI nor Debian."""
    pdfua = pytest.importorskip("pdfua")
    report = pdfua.validate(str(built[0]))
    errors = [f for f in report.findings if f.severity.name == "ERROR"]
    assert not errors, errors


# --- the outline's keys ---------------------------------------------------------


def _errors(project, capsys, outline: str) -> list[str]:
    return errors_of(project, capsys, outline=outline)


def test_a_picture_without_alt_is_an_error_at_the_figure(project, capsys):
    Image.new("RGB", (40, 20), "#1F3A5F").save(project.root / "map.png")
    [line] = _errors(project, capsys, OUTLINE + "    figures:\n      - title: Map\n        image: map.png\n")
    assert line.startswith("outline.yaml:13:9: error: `sections[0].figures[0]` a picture needs `alt`: "
                           "what it shows, in words")


def test_alt_on_a_chart_is_an_error(project, capsys):
    [line] = _errors(project, capsys, OUTLINE + (
        "    figures:\n      - title: Trade\n        alt: Trade\n        source: report\n"
        "        chart: {type: column, categories: [a], series: {s: [1]}}\n"))
    assert line.startswith("outline.yaml:13:9: error: `sections[0].figures[0]` `alt` is for pictures")


def test_a_bad_language_tag_is_an_error_at_its_line(project, capsys):
    [line] = _errors(project, capsys, OUTLINE.replace("date: 2026-11-22\n", "date: 2026-11-22\nlang: English\n"))
    assert line == ("outline.yaml:3:7: error: `lang` must be a language tag such as en, en-US or es, "
                    "not 'English'")


# --- the deck -------------------------------------------------------------------

GRAPHICS = (3, 13, 19)          # chart, picture, table (MSO_SHAPE_TYPE)


def _descr(shape) -> str | None:
    return shape._element.find(f".//{qn('p:cNvPr')}").get("descr")


def test_every_deck_chart_table_and_picture_has_the_memos_alternative_text(built):
    pdf_path, pptx, kind = built
    deck = Presentation(str(pptx))
    graphics = [sh for s in deck.slides for sh in s.shapes if sh.shape_type in GRAPHICS]
    described = [_descr(sh) for sh in graphics]
    assert graphics and all(d is not None for d in described)
    with pikepdf.open(pdf_path) as pdf:
        memo = {str(e.Alt) for e in _elements(pdf) if str(e.S) == "/Figure"}
    assert memo <= set(described)                    # the same words in both outputs
    tables = [_descr(sh) for sh in graphics if sh.shape_type == 19]
    assert tables and all(t.startswith("Table 1. ") and "columns: " in t for t in tables)
    if kind == "kinds":
        [ornament] = [sh for sh in graphics if _descr(sh) == ""]
        assert b"decorative" in etree.tostring(ornament._element)  # PowerPoint's "Mark as decorative"


def test_every_slide_has_a_unique_title_in_its_title_placeholder(built):
    deck = Presentation(str(built[1]))
    titles = []
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder and title.text_frame.text.strip()
        titles.append(title.text_frame.text)
    assert len(set(titles)) == len(titles), titles
    assert any(t.endswith("(cont.)") for t in titles) or built[2] == "kinds"


def test_shapes_are_in_reading_order_title_body_source_line(built):
    deck = Presentation(str(built[1]))
    checked = 0
    for slide in deck.slides:
        shapes = list(slide.shapes)
        assert shapes[0] == slide.shapes.title
        names = [sh.name for sh in shapes]
        furniture = [i for i, n in enumerate(names) if n in ("Marking", "Slide number")]
        assert furniture == list(range(len(shapes) - len(furniture), len(shapes)))   # last
        if "Source line" in names:
            source = names.index("Source line")
            assert source == min(furniture) - 1          # after everything the slide says
            checked += 1
    assert checked


def test_the_deck_text_is_in_the_briefings_language(built):
    _, pptx, kind = built
    deck = Presentation(str(pptx))
    expected = "en-US" if kind == "kinds" else "en"
    langs = {rpr.get("lang") for slide in deck.slides for rpr in slide._element.iter(qn("a:rPr"))}
    assert langs == {expected}
    default = deck.part._element.find(qn("p:defaultTextStyle")).find(f".//{qn('a:defRPr')}")
    assert default.get("lang") == expected


def test_deck_text_colours_meet_wcag_contrast_on_the_slide(built):
    """Explicit run colours (source lines, numbers, marking) against the white slide."""
    from compiler.theme.contrast import ratio
    deck = Presentation(str(built[1]))
    seen = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if run.font.color and run.font.color.type is not None and run.font.color.type == 1:
                        colour = f"#{run.font.color.rgb}"
                        size = run.font.size.pt if run.font.size else 18
                        assert ratio(colour, "#FFFFFF") >= (3 if size >= 18 else 4.5), (shape.name, colour)
                        seen.add(shape.name)
    assert {"Source line", "Slide number", "Marking"} <= seen


# --- the theme's colours --------------------------------------------------------


def test_the_built_in_theme_meets_wcag_contrast_for_every_pair():
    from compiler.theme.contrast import PAIRS, ratio
    colours = yaml.safe_load((ROOT / "compiler/theme/theme.yaml").read_text())["colors"]
    colours["white"] = "#FFFFFF"
    for pair in PAIRS:
        value = ratio(colours[pair.text], colours[pair.background])
        assert value >= pair.needed, (pair.what, value)
    assert ratio(colours["muted"], "#FFFFFF") >= 4.5        # the grey source lines, at 10-11 pt
    assert ratio("#777777", "#FFFFFF") < 4.5 < ratio("#767676", "#FFFFFF")   # the formula's known edge


def test_a_faint_theme_override_is_a_warning_naming_the_pair(project, capsys):
    project.write("assets/theme.yaml", "colors:\n  muted: \"#AAAAAA\"\n")
    code, err = project.run(capsys, "check")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert warnings == ["assets/theme.yaml:2:10: warning: colour pair `muted` #AAAAAA on `white` #FFFFFF has "
                        "contrast 2.32:1, below the 4.5:1 WCAG 2.1 asks for source lines, slide numbers, "
                        "running heads and chart labels"]
    code, err = project.run(capsys, "check", "--strict")
    assert code == 1 and "contrast 2.32:1" in err
