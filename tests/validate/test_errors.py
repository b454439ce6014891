"""Every error a user can make in the outline or the catalog: its message and FILE:LINE:COL.

`brief check` is run in the briefing folder, so files are shown as the user wrote them.
"""
from __future__ import annotations

import subprocess
import sys

from conftest import OUTLINE, errors_of


def test_the_fixture_outline_is_clean(project, capsys):
    code, err = project.run(capsys, "check")
    assert code == 0, err
    assert err.splitlines()[-1] == ("ok: 1 section, 1 quote and 0 figure evidence passages verified, "
                                    "0 figures and tables, 3 footnotes; 0 warnings, 0 errors")


def test_bad_yaml_names_the_line(project, capsys):
    project.write("outline.yaml", 'title: "Test\ndate: 2026-11-22\nsections: [\n')
    [line] = errors_of(project, capsys)
    assert line.startswith("outline.yaml:")
    assert "invalid YAML" in line


def test_bad_yaml_flow_sequence_position(project, capsys):
    project.write("outline.yaml", "title: T\ndate: 2026-11-22\nsections: [a, b\n")
    [line] = errors_of(project, capsys)
    assert line.startswith("outline.yaml:4:1: error: invalid YAML:")


def test_wrong_type(project, capsys):
    project.write("outline.yaml", OUTLINE.replace('title: "Test Briefing"', "title: [a, b]"))
    assert errors_of(project, capsys) == ["outline.yaml:1:8: error: `title` must be text, not a list"]


def test_bad_date(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("date: 2026-11-22", "date: 22/11/2026"))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:2:7: error: `date` must be a date written YYYY-MM-DD, not '22/11/2026'"


def test_unknown_key_with_did_you_mean(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("    quotes:", "    qoutes:"))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:9:5: error: unknown key `qoutes` (did you mean `quotes`?)"


def test_missing_required_key(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("        source: report\n", ""))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:10:9: error: missing required key `source`"


def test_unknown_source_in_body_points_at_the_citation(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("Seizures rose [@other]", "Seizures rose [@othr]"))
    [line] = errors_of(project, capsys)
    # line 8 is "      Seizures rose [@othr]."; the "@" is at column 22
    assert line == "outline.yaml:8:22: error: unknown source `othr` (did you mean `other`?)"


def test_unknown_source_in_a_quote(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("        source: report", "        source: nowhere"))
    [line] = errors_of(project, capsys)
    assert line == ("outline.yaml:11:17: error: unknown source `nowhere` "
                    "(not in `sources/sources.yaml`)")


def test_missing_quote_shows_the_closest_passage(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("does not seek", "does seek"))
    [line] = errors_of(project, capsys)
    assert line.startswith("outline.yaml:10:15: error: ")
    assert "report" in line and "not" in line
    assert "closest" in line


def test_duplicate_section_id(project, capsys):
    project.write("outline.yaml", OUTLINE + '  - title: "Summary"\n')
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:12:12: error: duplicate section id `summary` (also used at line 5)"


def test_duplicate_key(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", 'title: "Again"\nmarking:'))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:3:1: error: duplicate key `title` (first written at line 1)"


def test_duplicate_source_id_in_catalog(project, capsys):
    catalog = project.root / "sources/sources.yaml"
    catalog.write_text(catalog.read_text() + "report:\n  file: other.txt\n  title: X\n")
    [line] = errors_of(project, capsys)
    assert line == "sources/sources.yaml:12:1: error: duplicate source id `report` (first written at line 1)"


def test_source_path_outside_the_project(project, capsys, tmp_path):
    (tmp_path / "secret.txt").write_text("outside")
    catalog = project.root / "sources/sources.yaml"
    catalog.write_text(catalog.read_text().replace("file: other.txt", "file: ../../secret.txt"))
    lines = errors_of(project, capsys)
    assert "sources/sources.yaml:10:9: error: source file `../../secret.txt` is outside the briefing folder" in lines


def test_missing_source_file(project, capsys):
    (project.root / "sources/other.txt").unlink()
    lines = errors_of(project, capsys)
    assert "sources/sources.yaml:10:9: error: source file `sources/other.txt` does not exist" in lines


def test_unknown_key_in_catalog(project, capsys):
    catalog = project.root / "sources/sources.yaml"
    catalog.write_text(catalog.read_text().replace("  publisher:", "  publsher:"))
    [line] = errors_of(project, capsys)
    assert line == "sources/sources.yaml:5:3: error: unknown key `publsher` (did you mean `publisher`?)"


def test_missing_image(project, capsys):
    project.write("outline.yaml", OUTLINE + (
        "    figures:\n"
        "      - title: Map\n"
        "        image: assets/map.png\n"
        "        alt: A map\n"))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:14:16: error: image `assets/map.png` does not exist"


def test_image_outside_the_project(project, capsys, tmp_path):
    (tmp_path / "x.png").write_bytes(b"not really")
    project.write("outline.yaml", OUTLINE + (
        "    figures:\n"
        "      - title: Map\n"
        "        image: ../x.png\n"
        "        alt: A map\n"))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:14:16: error: image `../x.png` is outside the briefing folder"


def test_chart_series_length_mismatch(project, capsys):
    project.write("outline.yaml", OUTLINE + (
        "    figures:\n"
        "      - title: Trade\n"
        "        source: report\n"
        "        chart:\n"
        "          type: column\n"
        "          categories: [2009, 2022]\n"
        "          series:\n"
        "            Trade: [9, 22, 30]\n"))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:19:20: error: series `Trade` has 3 numbers but there are 2 categories"


def test_all_problems_in_one_run(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("    quotes:", "    qoutes:").replace("[@other]", "[@x]"))
    catalog = project.root / "sources/sources.yaml"
    catalog.write_text(catalog.read_text().replace("  publisher:", "  publsher:"))
    lines = errors_of(project, capsys)
    assert any(line.startswith("outline.yaml:9:5: error: unknown key `qoutes`") for line in lines)
    assert any(line.startswith("sources/sources.yaml:5:3: error: unknown key `publsher`") for line in lines)


def test_alias_bomb_is_refused(project, capsys):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh"))
    project.write("outline.yaml", bomb)
    [line] = errors_of(project, capsys)
    assert "alias bomb" in line and line.startswith("outline.yaml:")


def test_python_objects_are_not_built(project, capsys):
    project.write("outline.yaml", "title: !!python/object/apply:os.system ['echo hi']\n")
    [line] = errors_of(project, capsys)
    assert line.startswith("outline.yaml:1:8: error: invalid YAML:")


def test_check_writes_nothing(project, capsys):
    code, _ = project.run(capsys, "check")
    assert code == 0
    assert not (project.root / "out").exists()


def test_usage_errors_exit_2(project, capsys):
    assert project.run(capsys, "check", "missing.yaml")[0] == 2
    try:
        project.run(capsys, "build", "--bogus")
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("an unknown flag must exit 2")


def test_console_script_never_shows_a_traceback(project):
    project.write("outline.yaml", "title: [unclosed\n")
    run = subprocess.run([sys.executable, "-m", "compiler", "check"], cwd=project.root,
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("outline.yaml:2:1: error: invalid YAML")


def test_catalog_outside_the_project(project, capsys, tmp_path):
    (tmp_path / "cat.yaml").write_text("{}\n")
    project.write("outline.yaml", OUTLINE.replace("marking:", "sources: ../cat.yaml\nmarking:"))
    [line] = errors_of(project, capsys)
    assert line == "outline.yaml:3:10: error: the catalog `../cat.yaml` is outside the briefing folder"


def test_theme_override_with_a_bad_colour(project, capsys):
    project.write("assets/theme.yaml", "colors:\n  primary: navy\n")
    [line] = errors_of(project, capsys)
    assert line == "assets/theme.yaml:2:12: error: `colors.primary` must be a colour written #RRGGBB, not 'navy'"


def test_theme_override_changes_only_what_it_names(project):
    from compiler import pipeline
    project.write("assets/theme.yaml", "colors:\n  primary: '#112233'\nfonts:\n  sans: Arial\n")
    theme = pipeline.check(str(project.outline)).briefing.theme
    assert (theme.primary, theme.sans, theme.serif) == ("#112233", "Arial", "Cambria")
