"""What `brief check` says about quotes beyond "found": staleness, unverified sources,
--strict, the provenance report, and `brief find`."""
from __future__ import annotations

import json

from compiler import pipeline
from conftest import CATALOG, OUTLINE


def test_old_source_warns_and_strict_makes_it_an_error(project, capsys):
    project.write("sources/sources.yaml", CATALOG.replace("date: 2024-01-10", "date: 2001-08-13"))
    code, err = project.run(capsys, "check")
    assert code == 0
    assert ("outline.yaml:10:15: warning: source `report` is 25 years old "
            "(dated August 13, 2001, as of November 22, 2026)") in err.splitlines()
    code, err = project.run(capsys, "check", "--strict")
    assert code == 1
    assert "outline.yaml:10:15: error: source `report` is 25 years old" in err


def test_as_of_moves_the_reference_date(project, capsys):
    project.write("sources/sources.yaml", CATALOG.replace("date: 2024-01-10", "date: 2010-01-10"))
    project.write("outline.yaml", OUTLINE.replace("marking:", "as_of: 2019-06-01\nmarking:"))
    code, err = project.run(capsys, "check")
    assert code == 0 and "years old" not in err
    project.write("outline.yaml", OUTLINE)
    code, err = project.run(capsys, "check")
    assert "source `report` is 16 years old" in err


def test_unverified_source_warns(project, capsys):
    project.write("sources/sources.yaml", CATALOG.replace('  number: "TR-1"', '  number: "TR-1"\n  reliability: unverified'))
    code, err = project.run(capsys, "check")
    assert code == 0
    assert ("outline.yaml:10:15: warning: quote from `report`, which the catalog marks "
            "`reliability: unverified`") in err.splitlines()
    assert project.run(capsys, "build", "--strict")[0] == 1
    assert not (project.root / "out").exists()


def test_bad_reliability_value(project, capsys):
    project.write("sources/sources.yaml", CATALOG.replace('  number: "TR-1"', '  number: "TR-1"\n  reliability: maybe'))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert "sources/sources.yaml:7:16: error: `report.reliability` must be one of 'verified' or 'unverified', not 'maybe'" in err


def test_provenance_records_each_quote_and_citation(project):
    briefing = pipeline.check(str(project.outline)).briefing
    from compiler.output.provenance import provenance_files
    files = provenance_files(briefing)
    doc = json.loads(files["outline.provenance.json"])
    assert doc["counts"] == {"citation": 2, "quote": 1}
    quote = next(r for r in doc["records"] if r["kind"] == "quote")
    text = (project.root / "sources/report.txt").read_text()
    start, end = quote["offsets"]
    assert text[start:end] == "The United States does not seek to isolate Peru."
    assert quote["outline"] == {"file": "outline.yaml", "line": 10, "col": 15}
    assert quote["locator"] == "para. 3" and quote["match"] == "exact"
    cite = doc["records"][0]
    assert (cite["kind"], cite["source"], cite["locator"], cite["outline"]["line"]) == ("citation", "report", "p. 1", 7)
    md = files["outline.provenance.md"].decode()
    assert "“The United States does not seek to isolate Peru.” — `report`, para. 3" in md


def test_find_prints_source_locator_and_context(project, capsys):
    code = __import__("compiler.cli", fromlist=["main"]).main(["find", "seizures rose"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("other, para. 2: …")
    assert "[seizures rose]" in out.lower()
    assert __import__("compiler.cli", fromlist=["main"]).main(["find", "not in any source at all"]) == 1


PAGED = """\
The board met in the capital and agreed that the
Congressional Research Service 1
IN12078
\fnew rules would take effect in the spring, when the gov-
ernment expects the first reports.
Congressional Research Service 2
IN12078
"""

WEB = """\
Lawmakers approved the motion with 122 votes, well above the 87 needed, in a short session.
READ MORE: Peru declares state of emergency in Lima as extortion crimes soar
The head of Congress was sworn in as interim president early on Friday morning.
"""


def test_what_find_prints_verifies_when_pasted_as_a_quote(project, capsys):
    from compiler.cli import main
    project.write("sources/other.txt", PAGED)
    project.write("sources/web.txt", WEB)
    project.write("sources/sources.yaml", CATALOG + "web:\n  file: web.txt\n  title: Web Page\n")
    printed = {}
    for words in ["agreed that the new rules", "the government expects", "a short session. The head"]:
        assert main(["find", words]) == 0
        line = capsys.readouterr().out.strip()
        printed[words] = line
        source = line.split(",")[0]
        quote = line[line.index("[") + 1:line.index("]")]
        project.write("outline.yaml", OUTLINE.replace(
            'text: "The United States does not seek to isolate Peru."\n        source: report',
            f'text: "{quote}"\n        source: {source}'))
        code, err = project.run(capsys, "check")
        assert code == 0 and ": error:" not in err, (line, err)
    assert printed["agreed that the new rules"].startswith("other, pp. 1–2: …The board met in the capital and "
                                                           "[agreed that the new rules]")
    assert "[the gov- ernment expects]" in printed["the government expects"]
    assert printed["a short session. The head"].endswith("(inserted-line)")
    assert "[a short session. The head]" in printed["a short session. The head"]
