"""Kind 1: nothing outside the briefing folder is read, whichever way a path leads out."""
from __future__ import annotations

import os

import pytest
import weasyprint

from conftest import OUTLINE, CATALOG
from kit import CHART, MARKER, hostile, symlink  # noqa: F401 (fixture)


def test_theme_override_symlinked_out_is_refused(hostile, capsys):
    (hostile.outside / "theme.yaml").write_text(f"colors:\n  primary: {MARKER}\n")
    symlink(hostile.root / "assets/theme.yaml", hostile.outside / "theme.yaml")
    assert hostile.fails(capsys, "check") == [
        "assets/theme.yaml:1:1: error: theme override `assets/theme.yaml` is outside the briefing folder"]


def test_assets_folder_symlinked_out_is_refused(hostile, capsys):
    (hostile.outside / "theme.yaml").write_text(f"colors:\n  primary: {MARKER}\n")
    symlink(hostile.root / "assets", hostile.outside)
    [line] = hostile.fails(capsys, "check")
    assert line.endswith("error: theme override `assets/theme.yaml` is outside the briefing folder")


def test_a_logo_symlinked_out_is_refused(hostile, capsys):
    symlink(hostile.root / "assets/logo.png", hostile.secret)
    hostile.write("assets/theme.yaml", "logo: assets/logo.png\n")
    [line] = hostile.fails(capsys, "check")
    assert line == "assets/theme.yaml:1:7: error: logo `assets/logo.png` is outside the briefing folder"


def test_a_symlinked_template_is_refused(hostile, capsys):
    symlink(hostile.root / "templates/memo.html.j2", hostile.secret)
    [line] = hostile.fails(capsys, "build")
    assert line == "templates/memo.html.j2:1: error: template `templates/memo.html.j2` is outside the briefing folder"
    assert not (hostile.root / "out").exists()


def test_a_symlinked_templates_folder_is_refused(hostile, capsys):
    (hostile.outside / "memo.html.j2").write_text(f"<p>{MARKER}</p>")
    symlink(hostile.root / "templates", hostile.outside)
    [line] = hostile.fails(capsys, "build")
    assert "is outside the briefing folder" in line and line.startswith("templates/memo.html.j2:1:")


def test_a_template_cannot_include_a_file_outside(hostile, capsys):
    symlink(hostile.root / "templates/part.html", hostile.secret)
    hostile.write("templates/memo.html.j2", "<html>{% include 'part.html' %}</html>")
    [line] = hostile.fails(capsys, "build")
    assert line == "templates/part.html:1: error: template `templates/part.html` is outside the briefing folder"


def test_chart_cache_replaced_by_a_symlink_is_refused(hostile, capsys):
    hostile.write("outline.yaml", CHART)
    hostile.builds(capsys)
    [entry] = (hostile.root / "out/.cache/charts").iterdir()
    (hostile.outside / "evil.svg").write_text(f"<svg><text>{MARKER}</text></svg>")
    entry.unlink()
    symlink(entry, hostile.outside / "evil.svg")
    (hostile.root / "out/outline.pdf").unlink()       # the memo must be drawn again
    before = hostile.outputs()
    [line] = hostile.fails(capsys, "build")
    assert "in the build cache is a symlink; refusing to follow it" in line
    assert hostile.outputs() == before
    hostile.assert_no_marker()


def test_chart_cache_folder_symlinked_out_is_refused(hostile, capsys):
    hostile.write("outline.yaml", CHART)
    symlink(hostile.root / "out/.cache/charts", hostile.outside)
    [line] = hostile.fails(capsys, "build")
    assert line.startswith("error: `out/.cache/charts` in the build cache is a symlink")
    assert os.listdir(hostile.outside) == ["secret.txt"]       # nothing written there either


@pytest.fixture
def pdf_source(hostile):
    weasyprint.HTML(string="<p>The police force was badly underfunded for a decade.</p>") \
        .write_pdf(hostile.root / "sources/police.pdf")
    hostile.write("sources/sources.yaml", CATALOG + "police:\n  file: police.pdf\n  title: Police\n")
    hostile.write("outline.yaml", OUTLINE + (
        "      - text: \"badly underfunded for a decade\"\n        source: police\n"))
    return hostile


def test_extraction_cache_replaced_by_a_symlink_is_refused(pdf_source, capsys):
    hostile = pdf_source
    hostile.builds(capsys)
    [entry] = (hostile.root / "out/.cache/sources").iterdir()
    (hostile.outside / "text.txt").write_text(f"badly underfunded for a decade {MARKER}")
    entry.unlink()
    symlink(entry, hostile.outside / "text.txt")
    lines = hostile.fails(capsys, "check")
    assert any("in the build cache is a symlink; refusing to follow it" in line for line in lines)


def test_outline_symlinked_from_outside_is_refused(hostile, capsys):
    (hostile.outside / "outline.yaml").write_text(f"title: {MARKER}\n")
    symlink(hostile.root / "evil.yaml", hostile.outside / "outline.yaml")
    assert hostile.fails(capsys, "check", "evil.yaml") == [
        "evil.yaml:1:1: error: outline `evil.yaml` is outside the briefing folder"]


def test_outline_symlinked_inside_its_folder_builds(hostile, capsys):
    symlink(hostile.root / "alias.yaml", hostile.root / "outline.yaml")
    code, err = hostile.run(capsys, "check", "alias.yaml")
    assert code == 0, err


@pytest.mark.parametrize("key, written", [("image", "assets/map.png"), ("csv", "data.csv")])
def test_figure_files_symlinked_out_are_refused(hostile, capsys, key, written):
    symlink(hostile.root / written, hostile.secret)
    figure = (f"        image: {written}\n        alt: A map\n" if key == "image" else
              f"        table:\n          csv: {written}\n")
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n" + figure)
    [line] = hostile.fails(capsys, "check")
    assert line.endswith(f"`{written}` is outside the briefing folder")


def test_source_file_symlinked_out_is_refused(hostile, capsys):
    (hostile.root / "sources/other.txt").unlink()
    symlink(hostile.root / "sources/other.txt", hostile.secret)
    lines = hostile.fails(capsys, "check")
    assert "sources/sources.yaml:10:9: error: source file `other.txt` is outside the briefing folder" in lines
