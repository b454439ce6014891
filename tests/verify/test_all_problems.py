"""SPEC: all problems in one run. A schema error elsewhere in the outline does not hide a
misquote: the author sees both, each at its line."""
from __future__ import annotations

from conftest import OUTLINE


def test_a_schema_error_and_a_misquote_are_reported_together(project, capsys):
    project.write("outline.yaml", OUTLINE.replace('  - title: "Summary"', '  - titel: "typo"\n    title: "Summary"')
                  .replace("does not seek to isolate", "does not want to isolate"))
    code, err = project.run(capsys, "check")
    assert code == 1
    lines = [line for line in err.splitlines() if ": error: " in line]
    assert lines[0].startswith("outline.yaml:5:5: error: unknown key `titel`")
    assert lines[1].startswith("outline.yaml:11:15: error: quote not found in `report`")
    assert '"seek" -> "want"' in lines[1]
    assert len(lines) == 2


def test_a_quote_that_is_itself_malformed_is_left_to_the_schema(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("        source: report\n", "        source: [report]\n"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert [line for line in err.splitlines() if ": error: " in line] == [
        line for line in err.splitlines() if "source" in line and ": error: " in line]
    assert "Traceback" not in err


def test_a_well_formed_outline_reports_each_misquote_once(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("does not seek to isolate", "does not want to isolate"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert len([line for line in err.splitlines() if "quote not found" in line]) == 1
