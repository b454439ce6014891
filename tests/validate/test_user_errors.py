"""The errors a user meets in files other than the outline's keys: styles, sources, CSVs,
images, encodings, chart shapes, empty text. Each is one line at the exact FILE:LINE:COL
of the fault, `brief check` exits 1, and no traceback or internal error is shown.

The fixture outline (conftest.OUTLINE) has 11 lines; figures appended to it start at line 12.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
import weasyprint

from conftest import CATALOG, OUTLINE

FIGURES = OUTLINE + "    figures:\n"                      # line 12


def errors_of(project, capsys) -> list[str]:
    code, err = project.run(capsys, "check")
    assert code == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    return [line for line in err.splitlines() if ": error: " in line]


def chart(*lines: str) -> str:
    """A chart figure after the fixture outline: `- title` on line 13, `chart:` on 15,
    then LINES from line 16."""
    return FIGURES + ("      - title: Trade\n"
                      "        source: report\n"
                      "        chart:\n" + "".join(f"          {line}\n" for line in lines))


# --- the outline's own values -----------------------------------------------------------

@pytest.mark.parametrize("name", ["../x", "a/b", ".hidden", "peru hearing"])
def test_an_output_name_that_is_not_a_plain_file_name(project, capsys, name):
    project.write("outline.yaml", OUTLINE.replace("marking:", f'output: "{name}"\nmarking:'))
    assert errors_of(project, capsys) == [
        f"outline.yaml:3:9: error: `output` must be a plain file name (letters, digits, . _ -), not {name!r}"]


@pytest.mark.parametrize("old, new, expected", [
    ('title: "Test Briefing"', 'title: ""', "outline.yaml:1:8: error: `title` must not be empty"),
    ('title: "Summary"', 'title: ""', "outline.yaml:5:12: error: `sections[0].title` must not be empty"),
    ('text: "The United States does not seek to isolate Peru."', 'text: ""',
     "outline.yaml:10:15: error: `sections[0].quotes[0].text` must not be empty"),
    ("source: report", 'source: ""', "outline.yaml:11:17: error: `sections[0].quotes[0].source` must not be empty"),
    ("    quotes:", '    points: ["Trade [@report]", ""]\n    quotes:',
     "outline.yaml:9:33: error: `sections[0].points[1]` must not be empty"),
    # white space alone is no title either: a slide and a heading with nothing in them
    ('title: "Summary"', 'title: "   "', "outline.yaml:5:12: error: `sections[0].title` must not be blank"),
    ('title: "Test Briefing"', "title: ' '", "outline.yaml:1:8: error: `title` must not be blank"),
])
def test_a_required_text_left_empty(project, capsys, old, new, expected):
    project.write("outline.yaml", OUTLINE.replace(old, new))
    assert errors_of(project, capsys) == [expected]


def test_a_figure_title_left_empty(project, capsys):
    project.write("outline.yaml", FIGURES + '      - title: ""\n        image: assets/map.png\n        alt: A map\n')
    assert errors_of(project, capsys) == ["outline.yaml:13:16: error: `sections[0].figures[0].title` must not be empty"]


def test_a_catalog_title_left_empty(project, capsys):
    project.write("sources/sources.yaml", CATALOG.replace('title: "Another Paper"', 'title: ""'))
    assert errors_of(project, capsys) == ["sources/sources.yaml:11:10: error: `other.title` must not be empty"]


# --- citation styles --------------------------------------------------------------------

def test_a_malformed_csl_file_is_an_error_at_its_own_line(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: house.csl\nmarking:"))
    project.write("house.csl", '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n'
                               '  <info><title>House</title></info>\n  <citation><layout\n')
    [line] = errors_of(project, capsys)
    assert line.startswith("house.csl:5:1: error: style `house.csl` is not well-formed XML: ")
    assert ", line" not in line.split("XML: ")[1]         # lxml's own position, said once, in front


def test_a_csl_broken_inside_a_line_points_at_the_column(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: house.csl\nmarking:"))
    project.write("house.csl", "<style><info>\n<oops")
    assert errors_of(project, capsys) == [
        "house.csl:2:6: error: style `house.csl` is not well-formed XML: Couldn't find end of Start Tag oops"]


def test_an_xml_file_that_is_no_csl_style(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: styles/house.csl\nmarking:"))
    project.write("styles/house.csl", "<?xml version='1.0'?>\n<html><body><p>A web page</p></body></html>\n")
    assert errors_of(project, capsys) == [
        "outline.yaml:3:8: error: style `styles/house.csl` is not a CSL style: its root element is <html>, "
        "not a <style> in the CSL namespace (http://purl.org/net/xbiblio/csl)"]


def test_a_style_element_outside_the_csl_namespace_is_no_style(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: house.csl\nmarking:"))
    project.write("house.csl", "<style><citation><layout><text variable='title'/></layout></citation></style>\n")
    [line] = errors_of(project, capsys)
    assert line.startswith("outline.yaml:3:8: error: style `house.csl` is not a CSL style: its root element is <style>")


# --- sources ----------------------------------------------------------------------------

def test_a_pdf_without_text_names_the_cure(project, capsys):
    weasyprint.HTML(string="<html><body></body></html>").write_pdf(project.root / "sources" / "scan.pdf")
    project.write("sources/sources.yaml", CATALOG + "scan:\n  file: scan.pdf\n  title: Scan\n")
    assert errors_of(project, capsys) == [
        "sources/sources.yaml:13:9: error: source file `sources/scan.pdf`: the PDF has no text layer "
        "(scanned?): run OCR, e.g. `ocrmypdf in.pdf out.pdf`, and use its output"]


@pytest.mark.parametrize("suffix", ["html", "htm"])
def test_a_web_page_without_main_text(project, capsys, suffix):
    project.write(f"sources/page.{suffix}", "<html><head><title>Home</title></head><body>"
                                            "<nav><a href='/'>Home</a> | <a href='/about'>About</a></nav></body></html>")
    project.write("sources/sources.yaml", CATALOG + f"page:\n  file: page.{suffix}\n  title: Page\n")
    assert errors_of(project, capsys) == [
        f"sources/sources.yaml:13:9: error: source file `sources/page.{suffix}`: no main text found in the "
        "page (only navigation and links, or nothing): save the article's text as a .txt source instead"]


# --- encodings: each at the line and column of the first byte that is not UTF-8 ---------

def test_an_outline_not_in_utf8_is_located_at_the_bad_byte(project, capsys):
    (project.root / "outline.yaml").write_bytes(OUTLINE.replace("Summary", "Resumé").encode("latin-1"))
    # line 5 is `  - title: "Resumé"`: the é is the 18th character
    assert errors_of(project, capsys) == [
        "outline.yaml:5:18: error: not UTF-8 text: byte 0xE9 cannot be read (invalid continuation byte); "
        "save the file as UTF-8"]


def test_a_catalog_not_in_utf8_is_located_at_the_bad_byte(project, capsys):
    (project.root / "sources" / "sources.yaml").write_bytes(CATALOG.replace("Ana Diaz", "Ana Díaz").encode("cp1252"))
    assert errors_of(project, capsys) == [
        "sources/sources.yaml:4:18: error: not UTF-8 text: byte 0xED cannot be read (invalid continuation "
        "byte); save the file as UTF-8"]


def test_a_source_not_in_utf8_is_located_in_the_source(project, capsys):
    (project.root / "sources" / "other.txt").write_bytes("Another paper.\n\nSeizures rose \x93sharply\x94.\n"
                                                         .encode("latin-1"))
    assert errors_of(project, capsys) == [
        "sources/other.txt:3:15: error: source file `sources/other.txt` is not UTF-8 text: byte 0x93 cannot "
        "be read (invalid start byte); save the file as UTF-8"]


def test_a_utf8_source_with_a_byte_order_mark_counts_from_after_it(project, capsys):
    (project.root / "sources" / "other.txt").write_bytes(b"\xef\xbb\xbfSeizures\nrose \xff.\n")
    [line] = errors_of(project, capsys)
    assert line.startswith("sources/other.txt:2:6: error: source file `sources/other.txt` is not UTF-8 text: byte 0xFF")


def test_a_chart_csv_not_in_utf8_is_located_in_the_csv(project, capsys):
    project.write("outline.yaml", chart("type: column", "csv: assets/trade.csv"))
    (project.root / "assets").mkdir()
    (project.root / "assets" / "trade.csv").write_bytes("Year,Trade\n2009,9\n2022 (est.)\xa0,22\n".encode("latin-1"))
    assert errors_of(project, capsys) == [
        "assets/trade.csv:3:12: error: CSV `assets/trade.csv` is not UTF-8 text: byte 0xA0 cannot be read "
        "(invalid start byte); save the file as UTF-8"]


# --- charts -----------------------------------------------------------------------------

def test_a_pie_with_two_series_points_at_the_second(project, capsys):
    project.write("outline.yaml", chart("type: pie", "categories: [Mining, Farming]", "series:",
                                        "  Exports: [60, 40]", "  Imports: [30, 70]"))
    assert errors_of(project, capsys) == [
        "outline.yaml:20:13: error: a pie chart takes exactly one series, and `Imports` is a second one"]


def test_a_pie_from_a_csv_with_two_series(project, capsys):
    project.write("outline.yaml", chart("type: pie", "csv: assets/shares.csv"))
    project.write("assets/shares.csv", "Sector,Exports,Imports\nMining,60,30\nFarming,40,70\n")
    assert errors_of(project, capsys) == [
        "outline.yaml:17:16: error: a pie chart takes exactly one series, and `Imports` is a second one"]


@pytest.mark.parametrize("y_max", ["10", "5"])
def test_y_min_not_below_y_max_points_at_y_max(project, capsys, y_max):
    project.write("outline.yaml", chart("type: column", "categories: [2009, 2022]", "y_min: 10",
                                        f"y_max: {y_max}", "series: {Trade: [9, 22]}"))
    assert errors_of(project, capsys) == [
        f"outline.yaml:19:18: error: `sections[0].figures[0].chart.y_max` must be more than `y_min` (10), "
        f"not {y_max}"]


def test_an_empty_series(project, capsys):
    project.write("outline.yaml", chart("type: column", "categories: [2009, 2022]", "series:",
                                        "  Trade: [9, 22]", "  Aid: []"))
    assert errors_of(project, capsys) == ["outline.yaml:20:18: error: series `Aid` is empty"]


def test_no_series_at_all(project, capsys):
    project.write("outline.yaml", chart("type: column", "categories: [2009, 2022]", "series: {}"))
    assert errors_of(project, capsys) == ["outline.yaml:18:19: error: `sections[0].figures[0].chart.series` must not be empty"]


def test_a_series_without_a_name(project, capsys):
    project.write("outline.yaml", chart("type: column", "categories: [2009, 2022]", "series:", "  '': [9, 22]"))
    assert errors_of(project, capsys) == [
        "outline.yaml:19:13: error: a key of `sections[0].figures[0].chart.series` must not be empty"]


@pytest.mark.parametrize("header, expected", [
    ("Year,,Aid", "assets/trade.csv:1:6: error: column 2 of the header names no series: every column after "
                  "the first needs a series name"),
    ("Year,Trade, ", "assets/trade.csv:1:12: error: column 3 of the header names no series: every column "
                     "after the first needs a series name"),
    ("Year,Trade,Trade", "assets/trade.csv:1:12: error: series `Trade` is named twice in the header "
                         "(columns 2 and 3)"),
    ("Year,Trade, Trade ", "assets/trade.csv:1:12: error: series `Trade` is named twice in the header "
                           "(columns 2 and 3)"),
])
def test_a_chart_csv_header_that_does_not_name_each_series_once(project, capsys, header, expected):
    project.write("outline.yaml", chart("type: column", "csv: assets/trade.csv"))
    project.write("assets/trade.csv", f"{header}\n2009,9,1\n2022,22,2\n")
    assert errors_of(project, capsys) == [expected]


# --- images -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, kind", [
    ("map.png", b"\x89PNG\r\n\x1a\n but the rest is not", "PNG"),
    ("map.jpg", b"GIF89a a gif named .jpg", "JPG"),
    ("map.svg", b"<svg width='10' height='10'", "SVG"),
    ("map.png", b"", "PNG"),
])
def test_an_unreadable_image(project, capsys, name, data, kind):
    project.write("outline.yaml", FIGURES + f"      - title: Map\n        image: assets/{name}\n        alt: A map\n")
    (project.root / "assets").mkdir()
    (project.root / "assets" / name).write_bytes(data)
    assert errors_of(project, capsys) == [f"outline.yaml:14:16: error: image `assets/{name}` cannot be read as {kind}"]


# --- the real command line --------------------------------------------------------------

def test_the_console_shows_the_line_and_exits_1_without_a_traceback(project):
    project.write("outline.yaml", chart("type: pie", "categories: [a, b]", "series:", "  A: [1, 2]", "  B: [3, 4]"))
    (project.root / "house.csl").write_text("<style>")
    run = subprocess.run([sys.executable, "-m", "compiler", "build"], cwd=project.root,
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[0] == ("outline.yaml:20:13: error: a pie chart takes exactly one series, "
                                          "and `B` is a second one")
    assert not (project.root / "out" / "outline.pdf").exists()
