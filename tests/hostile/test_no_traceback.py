"""Kind 3: values that pass a first look but used to end in a Python traceback."""
from __future__ import annotations

import json
import struct
import zlib

import pytest

from conftest import OUTLINE
from kit import CHART, hostile  # noqa: F401 (fixture)


@pytest.mark.parametrize("escaped, name", [("\\e", "U+001B (ESC)"), ("\\b", "U+0008 (backspace)"),
                                           ("\\0", "U+0000 (NUL)")])
def test_control_characters_in_text_are_located(hostile, capsys, escaped, name):
    hostile.write("outline.yaml", OUTLINE.replace('"Test Briefing"', f'"Test {escaped}Briefing"'))
    assert hostile.fails(capsys, "build") == [
        f"outline.yaml:1:14: error: `title` holds the control character {name}, which no PDF or "
        "deck can show; remove it"]


def test_control_characters_in_the_catalog_are_located(hostile, capsys):
    catalog = hostile.root / "sources/sources.yaml"
    catalog.write_text(catalog.read_text().replace('"Another Paper"', '"Another \\x1b Paper"'))
    [line] = hostile.fails(capsys, "check")
    assert line.startswith("sources/sources.yaml:11:19: error: `other.title` holds the control character U+001B")


def test_control_characters_in_a_csv_table_are_located(hostile, capsys):
    hostile.write("t.csv", "a,b\n1,ok\n2,bad\x1b\n")
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        table:\n          csv: t.csv\n")
    [line] = hostile.fails(capsys, "build")
    assert line.startswith("t.csv:3:1: error: a cell holds a control character")


def test_a_raw_nul_byte_in_the_yaml_file_is_located(hostile, capsys):
    (hostile.root / "outline.yaml").write_bytes(OUTLINE.encode().replace(b"Test Briefing", b"Test\0Briefing"))
    assert hostile.fails(capsys, "check") == [
        "outline.yaml:1:13: error: invalid YAML: the control character U+0000 is not allowed in a YAML file"]


def test_a_date_past_2107_is_located(hostile, capsys):
    hostile.write("outline.yaml", OUTLINE.replace("2026-11-22", "2150-11-22"))
    assert hostile.fails(capsys, "build") == [
        "outline.yaml:2:7: error: `date` must be no later than 2107-12-31 (the last date a deck, "
        "a zip file, can store), not 2150-11-22"]


@pytest.mark.parametrize("epoch", ["400000000000", "5000000000"])
def test_source_date_epoch_past_what_a_deck_stores_is_an_error(hostile, capsys, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert hostile.fails(capsys, "build") == [
        f"error: SOURCE_DATE_EPOCH={epoch} is later than 2107-12-31, the last date a deck "
        "(a zip file) can store"]


def test_a_date_in_2107_builds(hostile, capsys):
    hostile.write("outline.yaml", OUTLINE.replace("2026-11-22", "2107-12-31"))
    hostile.builds(capsys)


def test_5000_levels_of_nesting_are_refused(hostile, capsys):
    hostile.write("outline.yaml", OUTLINE + "nocite: " + "[" * 5000 + "]" * 5000 + "\n")
    [line] = hostile.fails(capsys, "check")
    assert line.startswith("outline.yaml:12:")
    assert line.endswith("error: lists and mappings nested more than 64 deep; an outline needs a handful of levels")


@pytest.mark.parametrize("bound", [".inf", "-.inf", ".nan"])
def test_infinite_or_nan_axis_bounds_are_located(hostile, capsys, bound):
    hostile.write("outline.yaml", CHART + f"          y_max: {bound}\n")
    [line] = hostile.fails(capsys, "build")
    assert line.startswith("outline.yaml:20:18: error: `sections[0].figures[0].chart.y_max` must be a finite number")


def test_long_titles_and_keywords_build(hostile, capsys):
    long = "S" * 300
    hostile.write("outline.yaml", OUTLINE.replace('"Test Briefing"', f'"{"T" * 300}"')
                  .replace('title: "Summary"', f'title: "{long}"') + 'author: "' + "A" * 300 + '"\n')
    hostile.builds(capsys)


def _csl(author) -> str:
    return json.dumps([{"id": "report", "title": "Peru", "author": author, "custom": {"file": "report.txt"}},
                       {"id": "other", "title": "O", "custom": {"file": "other.txt"}}])


@pytest.mark.parametrize("author, message", [
    ([{"family": ["Diaz"]}], "malformed CSL-JSON name: a mapping of text parts (family, given, literal, ...)"),
    ([{"given": {"a": 1}}], "malformed CSL-JSON name: a mapping of text parts (family, given, literal, ...)"),
    ({"family": "Diaz"}, "malformed CSL-JSON `author`: a list of names"),
    ([" "], "`report.author[0]` must not be blank"),
])
def test_malformed_csl_json_names_are_located(hostile, capsys, author, message):
    hostile.write("sources/c.json", _csl(author))
    hostile.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/c.json\nmarking:"))
    [line] = hostile.fails(capsys, "check")
    assert line.startswith("sources/c.json:1:") and line.endswith(f"error: {message}")


def test_a_text_author_in_csl_json_is_one_name(hostile, capsys):
    hostile.write("sources/c.json", _csl("Ana Diaz"))
    hostile.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/c.json\nmarking:"))
    assert hostile.run(capsys, "check")[0] == 0


def test_malformed_csl_json_date_is_located(hostile, capsys):
    hostile.write("sources/c.json", json.dumps([
        {"id": "report", "title": "Peru", "issued": {"date-parts": [["soon"]]}, "custom": {"file": "report.txt"}},
        {"id": "other", "title": "O", "custom": {"file": "other.txt"}}]))
    hostile.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/c.json\nmarking:"))
    [line] = hostile.fails(capsys, "check")
    assert line.endswith('error: malformed CSL-JSON date in `issued`: write {"date-parts": [[YYYY, M, D]]}')


def test_a_csl_style_without_citation_is_located(hostile, capsys):
    hostile.write("s.csl", '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="note" '
                  'version="1.0"><info><title>x</title><id>x</id></info><bibliography><layout>'
                  '<text variable="title"/></layout></bibliography></style>')
    hostile.write("outline.yaml", OUTLINE.replace("marking:", "style: s.csl\nmarking:"))
    assert hostile.fails(capsys, "check") == [
        "outline.yaml:3:8: error: style `s.csl` has no <citation> with a <layout>: it cannot format a citation"]


def _png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("name, data, size", [
    ("a.png", _png_declaring(100_000, 100_000), "100,000 x 100,000"),
    ("b.png", _png_declaring(9_000, 9_000), "9,000 x 9,000"),
    ("c.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="99999999" height="10"/>', "99,999,999 x 10"),
    ("d.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e9 1e9"/>', "1,000,000,000 x 1,000,000,000"),
])
def test_an_absurd_image_size_is_located(hostile, capsys, name, data, size):
    (hostile.root / name).write_bytes(data)
    hostile.write("outline.yaml", OUTLINE + f"    figures:\n      - title: T\n        image: {name}\n        alt: A picture\n")
    assert hostile.fails(capsys, "build") == [
        f"outline.yaml:14:16: error: image `{name}` is {size} pixels; the limit is 20,000 pixels "
        "a side and 40,000,000 in all"]


def test_an_internal_error_is_one_line_and_the_traceback_only_under_debug(hostile, capsys, monkeypatch):
    # A bug cannot be typed by a user, so one is planted: the deck renderer fails.
    import compiler.render.deck

    def boom(*a):
        raise KeyError("planted")
    monkeypatch.setattr(compiler.render.deck, "render_deck", boom)
    code, err = hostile.project.run(capsys, "build")
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines() == [
        "brief: internal error (KeyError: 'planted'); this is a bug in the compiler, not in your "
        "briefing: please report it with the output of `brief --debug ...`; nothing written"]
    assert not (hostile.root / "out").exists()
    code, err = hostile.project.run(capsys, "--debug", "build")
    assert code == 1 and "Traceback (most recent call last)" in err


@pytest.mark.parametrize("categories, series, shown", [
    ("['$\\\\frac$', 'b']", "{x: [1, 2]}", "$\\frac$"), ("['$x^$', 'a$b']", "{'$\\\\alpha$': [1, 2]}", "$x^$")])
def test_dollar_signs_in_chart_labels_are_text_not_tex(hostile, capsys, categories, series, shown):
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        source: report\n"
                  f"        chart:\n          type: column\n          categories: {categories}\n"
                  f"          series: {series}\n          unit: '$\\\\undefined$'\n")
    hostile.builds(capsys)
    [svg] = (hostile.root / "out/.cache/charts").iterdir()     # the memo's chart, as drawn
    assert f">{shown}<" in svg.read_text().replace("\\\\", "\\")


@pytest.mark.parametrize("extra, line", [
    ("          y_min: -1e308\n          y_max: 1e308\n",
     "outline.yaml:19:18: error: `y_min` is beyond ±1e+15, the largest a chart draws"),
    ("", None)])
def test_numbers_a_chart_cannot_draw_are_located(hostile, capsys, extra, line):
    values = "[1, 2]" if extra else "[1e308, -1e308]"
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        source: report\n"
                  f"        chart:\n          type: column\n          categories: [a, b]\n"
                  f"          series: {{x: {values}}}\n" + extra)
    lines = hostile.fails(capsys, "build")
    assert lines[0] == (line or "outline.yaml:18:23: error: series `x` holds a number beyond ±1e+15, "
                                "the largest a chart draws (change the unit)")


@pytest.mark.parametrize("values", ["[0, 0]", "[-1, 2]"])
def test_a_pie_of_nothing_or_negative_slices_is_located(hostile, capsys, values):
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        source: report\n"
                  f"        chart:\n          type: pie\n          categories: [a, b]\n"
                  f"          series: {{x: {values}}}\n")
    assert hostile.fails(capsys, "build") == [
        "outline.yaml:18:19: error: a pie chart's slices must be zero or more, and not all zero"]


_SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'


@pytest.mark.parametrize("body, why", [
    ('<defs><g id="a"><use xlink:href="#a"/></g></defs><use xlink:href="#a"/>',
     "a <use> in it refers back to itself"),
    ('<defs><g id="a"><rect width="1" height="1"/></g>'
     + "".join(f'<g id="{n}">' + f'<use href="#{p}"/>' * 10 + "</g>" for p, n in zip("abcde", "bcdef"))
     + '</defs><use href="#f"/>', "its <use> elements expand to more than 10,000 shapes"),
    ("<g>" * 500 + "</g>" * 500, "it nests elements more than 100 deep"),
    ("".join(f'<g id="g{i}"><use href="#g{i + 1}"/></g>' for i in range(3000)) + '<g id="g3000"/>',
     "its <use> elements refer to each other too deep"),
])
def test_an_svg_that_never_finishes_drawing_is_located(hostile, capsys, body, why):
    hostile.write("a.svg", _SVG + body + "</svg>")
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        image: a.svg\n        alt: A picture\n")
    assert hostile.fails(capsys, "build") == [f"outline.yaml:14:16: error: image `a.svg` cannot be drawn: {why}"]
