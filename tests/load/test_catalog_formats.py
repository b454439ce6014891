"""Catalogs from Zotero: BibTeX and CSL-JSON give the same notes as sources.yaml."""
from __future__ import annotations

import json

from compiler import pipeline
from conftest import OUTLINE

BIB = r"""@report{report,
  title = {Peru: A Test Report},
  author = {Diaz, Ana and Roe, Ben},
  institution = {Test Institute},
  number = {TR-1},
  date = {2024-01-10},
  url = {https://example.org/report},
  file = {Full Text:report.txt:text/plain},
}

@misc{other,
  title = {Another Paper},
  file = {other.txt},
}
"""

CSL = [
    {"id": "report", "type": "report", "title": "Peru: A Test Report",
     "author": [{"family": "Diaz", "given": "Ana"}, {"family": "Roe", "given": "Ben"}],
     "publisher": "Test Institute", "number": "TR-1", "issued": {"date-parts": [[2024, 1, 10]]},
     "URL": "https://example.org/report", "custom": {"file": "report.txt"}},
    {"id": "other", "type": "webpage", "title": "Another Paper", "note": "file: other.txt"},
]


def notes_of(project) -> list[str]:
    briefing = pipeline.check(str(project.outline)).briefing
    return ["".join(r.text for r in f.text) for f in briefing.footnotes] + \
        ["".join(r.text for r in e.text) for e in briefing.bibliography]


def test_bibtex_and_csl_json_give_the_same_notes_as_yaml(project):
    expected = notes_of(project)
    project.write("sources/library.bib", BIB)
    project.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/library.bib\nmarking:"))
    assert notes_of(project) == expected
    project.write("sources/library.json", json.dumps(CSL, indent=2))
    project.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/library.json\nmarking:"))
    assert notes_of(project) == expected


def test_malformed_bibtex_is_reported_at_its_line(project, capsys):
    project.write("sources/library.bib", BIB.replace("  file = {other.txt},\n}", "  file = {other.txt\n") +
                  "@misc{third, title={T}, file={other.txt}}\n")
    project.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/library.bib\nmarking:"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert err.splitlines()[0].startswith("sources/library.bib:11:1: error: malformed BibTeX entry:")


def test_bibtex_entry_without_a_file(project, capsys):
    project.write("sources/library.bib", BIB.replace("  file = {other.txt},\n", ""))
    project.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/library.bib\nmarking:"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert "sources/library.bib:11:1: error: missing required key `file`" in err


def test_csl_json_errors_point_into_the_json(project, capsys):
    broken = json.dumps(CSL, indent=2).replace('"URL"', '"URL" "x"', 1)
    project.write("sources/library.json", broken)
    project.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/library.json\nmarking:"))
    code, err = project.run(capsys, "check")
    assert code == 1
    line = next(i for i, l in enumerate(broken.splitlines(), 1) if '"URL" "x"' in l)
    assert err.startswith(f"sources/library.json:{line}:")
    assert "invalid JSON" in err


def test_journal_articles_keep_name_parts_container_and_access_date(project):
    project.write("sources/library.bib", BIB + r"""
@article{vg,
  title = {Letters on Peru},
  author = {van Gogh, Vincent},
  journal = {Andean Review},
  year = {2019},
  urldate = {2026-10-01},
  url = {https://example.org/vg},
  file = {other.txt},
}
""")
    project.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/library.bib\nmarking:")
                  .replace("Seizures rose [@other].", "Seizures rose [@vg, p. 3]."))
    briefing = pipeline.check(str(project.outline)).briefing
    note = "".join(r.text for r in briefing.footnotes[1].text)
    assert note.startswith("Vincent van Gogh, “Letters on Peru,” Andean Review, 2019, 3")
    entry = next("".join(r.text for r in e.text) for e in briefing.bibliography if e.source_id == "vg")
    assert entry.startswith("van Gogh, Vincent. “Letters on Peru.” Andean Review, 2019")
