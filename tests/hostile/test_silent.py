"""Kind 4: mistakes once accepted in silence are errors at their line."""
from __future__ import annotations

import pytest

from conftest import OUTLINE
from kit import hostile  # noqa: F401 (fixture)


@pytest.mark.parametrize("written, line", [
    ("Seizures rose [@other, p. 2.", "outline.yaml:8:22: error: citation `[@other, p. 2.` is not closed: add `]`"),
    ("Seizures rose [see @other; @report", "outline.yaml:8:26: error: citation `[see @other; @report` is not closed: add `]`"),
])
def test_an_unclosed_citation_is_an_error(hostile, capsys, written, line):
    hostile.write("outline.yaml", OUTLINE.replace("Seizures rose [@other].", written))
    assert hostile.fails(capsys, "check") == [line]


def test_an_e_mail_address_in_brackets_is_no_citation(hostile, capsys):
    hostile.write("outline.yaml", OUTLINE.replace("Seizures rose [@other].", "Write [to desk@example.org."))
    assert hostile.run(capsys, "check")[0] == 0


@pytest.mark.parametrize("quote", ["… … ...", "“…”", "— … —", ". . . ,"])
def test_a_quote_of_only_ellipses_is_not_verified(hostile, capsys, quote):
    hostile.write("outline.yaml", OUTLINE.replace("The United States does not seek to isolate Peru.", quote))
    assert hostile.fails(capsys, "check") == [
        "outline.yaml:10:15: error: quote holds no words, only punctuation and omissions: "
        "nothing of the source to check"]


def test_a_citation_in_a_figure_title_is_an_error(hostile, capsys):
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: Trade [@report]\n"
                  "        table:\n          columns: [a]\n          rows: [[b]]\n")
    assert hostile.fails(capsys, "check") == [
        "outline.yaml:13:23: error: a figure title cannot cite a source; put the citation in the "
        "caption or `source:`"]


def test_a_citation_in_a_section_title_is_an_error(hostile, capsys):
    hostile.write("outline.yaml", OUTLINE.replace('title: "Summary"', 'title: "Summary [@report]"'))
    [line] = hostile.fails(capsys, "check")
    assert line == "outline.yaml:5:22: error: a section title cannot cite a source; put the citation in the body"


@pytest.mark.parametrize("month, day, shown", [("13", None, "2024-13"), ("2", "30", "2024-02-30")])
def test_an_impossible_bibtex_date_is_an_error(hostile, capsys, month, day, shown):
    hostile.write("sources/c.bib", "@report{report,\n title={Peru},\n year={2024},\n month={%s},\n%s"
                  " file={report.txt}\n}\n@misc{other,\n title={O},\n file={other.txt}\n}\n"
                  % (month, f" day={{{day}}},\n" if day else ""))
    hostile.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/c.bib\nmarking:"))
    assert hostile.fails(capsys, "check") == [
        f"sources/c.bib:3:1: error: `report.date` '{shown}' is no date: the month must be 01-12 and "
        "the day within the month"]


def test_an_impossible_catalog_date_is_an_error(hostile, capsys):
    catalog = hostile.root / "sources/sources.yaml"
    catalog.write_text(catalog.read_text().replace("date: 2024-01-10", "date: 2024-13"))
    [line] = hostile.fails(capsys, "check")
    assert line == ("sources/sources.yaml:7:9: error: `report.date` '2024-13' is no date: the month "
                    "must be 01-12 and the day within the month")
